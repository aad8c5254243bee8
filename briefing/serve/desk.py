"""The review desk's routes on the same server: the served folder's briefings at /, a briefing's
review page, and the two calls its script makes (check a text as it is typed; save or confirm a
sentence). Pages carry a Content-Security-Policy that allows the server's own assets only, and
every change needs the page's CSRF token. Served on this machine's address only, for now: an
exposed server (one that asks for API keys) does not offer it."""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from briefing.errors import BriefingError
from briefing.pipeline.review import Conflict, Refused, Row
from briefing.pipeline.service import Service
from briefing.serve import params
from briefing.serve.pages import index_page, review_page
from briefing.serve.params import ApiError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
_NAME = re.compile(r"[\w.\-]+\.json")
_ASSETS = {"desk.js": ("briefing.serve", "static", "text/javascript; charset=utf-8"),
           "desk.css": ("briefing.serve", "static", "text/css; charset=utf-8"),
           "NotoNaskhArabic-Regular.ttf": ("briefing.output", "fonts", "font/ttf"),
           "NotoNaskhArabic-Bold.ttf": ("briefing.output", "fonts", "font/ttf")}  # the bundled Naskh face


def desk_routes(service: Service, out_dir: Path, enabled: bool = True) -> list[Route]:
    from briefing.pipeline.runs import Runs
    from briefing.pipeline.translate_request import TranslateRequest

    csrf = secrets.token_urlsafe(32)  # per server start: a page from before a restart asks to be reloaded
    runs = Runs(service.settings, service.engine, TranslateRequest(
        sources=(), targets=(), out_dir=out_dir, glossary_paths=tuple(service.options.glossary_paths),
        memory=service.options.memory, use_memory=service.options.use_memory, settings=service.settings))

    def served() -> None:
        if not enabled:
            raise ApiError(404, "the review desk is served on this machine's address only")

    def briefing_path(name: str) -> Path:
        served()
        path = out_dir / name
        if (not _NAME.fullmatch(name) or name.endswith((".qa.json", ".review.json")) or not path.is_file()
                or path.resolve().parent != out_dir.resolve()):
            raise ApiError(404, f"no briefing {name!r} in the served folder")
        return path

    async def index(request: Request) -> Response:
        served()
        found = []
        for path in sorted(out_dir.glob("*.json")) if out_dir.is_dir() else []:
            if _NAME.fullmatch(path.name) and not path.name.endswith((".qa.json", ".review.json")):
                try:
                    found.append((path.name, service.review(path).counts()))
                except BriefingError:
                    continue  # not a briefing file: left out of the list
        targets = sorted({t for entry in service.languages() for t in entry["targets"]})
        return HTMLResponse(index_page(found, csrf, targets), headers=HEADERS)

    async def start_run(request: Request) -> Response:
        served()
        form = await request.form()
        if not hmac.compare_digest(str(form.get("csrf", "")), csrf):
            raise ApiError(403, "CSRF token missing or wrong: reload the page")
        uploads = [item for item in form.getlist("documents") if not isinstance(item, str) and item.filename]
        documents = [(item.filename, await item.read()) for item in uploads]
        try:
            run = runs.start(documents, [str(t) for t in form.getlist("targets")])
        except BriefingError as err:
            raise ApiError(400, str(err)) from None
        return JSONResponse(run.to_json(), headers=HEADERS)

    async def list_runs(request: Request) -> Response:
        served()
        return JSONResponse([run.to_json() for run in runs.all()], headers=HEADERS)

    async def cancel_run(request: Request) -> Response:
        served()
        await _change(request, csrf)
        if not runs.cancel(request.path_params["run"]):
            raise ApiError(404, "no such run")
        return JSONResponse({"cancelling": True}, headers=HEADERS)

    async def page(request: Request) -> Response:
        path = briefing_path(request.path_params["name"])
        review = _opened(service, path)
        target = review.briefing.target_locale or review.briefing.target_lang
        return HTMLResponse(review_page(path.name, review.briefing.source_lang, target, review.rows(), csrf),
                            headers=HEADERS)

    async def check(request: Request) -> Response:
        path, body = briefing_path(request.path_params["name"]), await _change(request, csrf)
        report = _opened(service, path).check(_number(body, "index"), _text(body, "target"))
        return JSONResponse({"findings": report.problem_lines(), "problems": report.problems}, headers=HEADERS)

    async def save(request: Request) -> Response:
        path, body = briefing_path(request.path_params["name"]), await _change(request, csrf)
        future = service.save_review(path, _number(body, "index"), _text(body, "target"), _number(body, "version"),
                                     params.flag(body.get("confirm", False)), params.flag(body.get("accept", False)),
                                     by=str(body.get("by") or request.client.host if request.client else ""))
        try:
            outcome = await asyncio.wrap_future(future)
        except BriefingError as err:
            raise ApiError(400, str(err)) from None
        if isinstance(outcome, Refused):
            return JSONResponse({"reasons": outcome.reasons}, status_code=422, headers=HEADERS)
        if isinstance(outcome, Conflict):
            return JSONResponse({"row": _row_json(outcome.row)}, status_code=409, headers=HEADERS)
        return JSONResponse({"row": _row_json(outcome.row)}, headers=HEADERS)

    async def download(request: Request) -> Response:
        path = briefing_path(request.path_params["name"])
        try:
            name, data = await asyncio.to_thread(_opened(service, path).rendered, request.path_params["fmt"])
        except BriefingError as err:
            raise ApiError(400, str(err)) from None
        return Response(data, media_type="application/octet-stream",
                        headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    async def concordance(request: Request) -> Response:
        served()
        found = await asyncio.wrap_future(service.concordance(request.query_params.get("q", "")))
        return JSONResponse(found, headers=HEADERS)

    async def glossary(request: Request) -> Response:
        served()
        return JSONResponse(service.glossary_lookup(request.query_params.get("q", "")), headers=HEADERS)

    async def edit_glossary(request: Request) -> Response:
        served()
        body = await _change(request, csrf)
        forms = body.get("forms")
        if not isinstance(forms, dict) or not forms or not all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in forms.items()):
            raise params.missing("forms")
        future = service.edit_glossary(_text(body, "id").strip(), {k: v.strip() for k, v in forms.items()},
                                       str(body.get("kind") or "other"), str(body.get("note") or ""))
        try:
            changed = await asyncio.wrap_future(future)
        except BriefingError as err:
            raise ApiError(400, str(err)) from None
        return JSONResponse({"file": changed.name}, headers=HEADERS)

    async def asset(request: Request) -> Response:
        name = request.path_params["asset"]
        if name not in _ASSETS:
            raise ApiError(404, "Not Found")
        package, folder, kind = _ASSETS[name]
        data = (resources.files(package) / folder / name).read_bytes()
        return Response(data, media_type=kind, headers={**HEADERS, "Cache-Control": "max-age=3600"})

    return [Route("/", index), Route("/review/{name}", page), Route("/review/{name}/check", check, methods=["POST"]),
            Route("/review/{name}/save", save, methods=["POST"]), Route("/review/{name}/download/{fmt}", download),
            Route("/runs", start_run, methods=["POST"]), Route("/runs", list_runs),
            Route("/runs/{run}/cancel", cancel_run, methods=["POST"]),
            Route("/desk-api/concordance", concordance), Route("/desk-api/glossary", glossary),
            Route("/desk-api/glossary", edit_glossary, methods=["POST"]),
            Route("/desk/{asset}", asset)]


def _opened(service: Service, path: Path):
    try:
        return service.review(path)
    except BriefingError as err:
        raise ApiError(400, str(err)) from None


async def _change(request: Request, csrf: str) -> dict:
    if not hmac.compare_digest(request.headers.get("x-csrf-token", ""), csrf):
        raise ApiError(403, "CSRF token missing or wrong: reload the page")
    body = await params.values(request)
    return body


def _number(body: dict, name: str) -> int:
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise params.missing(name)
    return value


def _text(body: dict, name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise params.missing(name)
    return value


def _row_json(row: Row) -> dict:
    data = asdict(row)
    data["status"] = str(row.status)
    return data
