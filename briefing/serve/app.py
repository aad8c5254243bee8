"""The routes of LibreTranslate's API (1.9), each a thin handler: parameters in, the service's
answer out, LibreTranslate's error texts and codes for the same mistakes, its CORS headers; and
in extra fields its clients ignore, what it lacks: the glossary names found and how each came
out, the QA findings and the model's confidence, per text."""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from briefing import __version__
from briefing.errors import BriefingError
from briefing.pipeline.service import Service, Unsupported
from briefing.pipeline.texts import HTML, TEXT
from briefing.serve import params
from briefing.serve.files import FileStore
from briefing.serve.guard import Guard, key_of
from briefing.serve.limits import Limits
from briefing.serve.params import ApiError

CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Expose-Headers": "Authorization", "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Credentials": "true", "Access-Control-Max-Age": str(60 * 60 * 24 * 20)}


def create_app(service: Service, guard: Guard, limits: Limits | None = None, files: FileStore | None = None,
               desk_folder: Path | None = None) -> Starlette:
    """The API, and the review desk over `desk_folder` where one is given."""
    files, limits = files or FileStore(), limits or Limits()

    async def admitted(request: Request) -> dict:
        values = await params.values(request)
        guard.admit(key_of(request, values), request.client.host if request.client else "")
        return values

    async def translate(request: Request) -> Response:
        values = await admitted(request)
        texts, batch = params.texts(values.get("q"))
        source, target = _required(values, "source"), _required(values, "target")
        _within(texts, batch, limits)
        fmt = values.get("format") or TEXT
        if fmt not in (TEXT, HTML):
            raise ApiError(400, f"{fmt} format is not supported")
        alternatives = _alternatives(values.get("alternatives"))
        results = await _answer(lambda: service.translate(texts, source, target, fmt, alternatives))
        return _json(_translated(results, batch, source == "auto", alternatives > 0))

    async def detect(request: Request) -> Response:
        values = await admitted(request)
        text = values.get("q")
        if not isinstance(text, str) or not text:
            raise params.missing("q")
        return _json(service.detect(text))

    async def suggest(request: Request) -> Response:
        values = await admitted(request)
        sentence, suggestion = _required(values, "q"), _required(values, "s")
        source, target = _required(values, "source"), _required(values, "target")
        recorded = await _answer(lambda: service.suggest(sentence, suggestion, source, target,
                                                         params.flag(values.get("accept", False))))
        if recorded.refused:
            reasons = "; ".join(reason for _, found in recorded.refused for reason in found)
            return _json({"success": False, "error": f"refused: {reasons} (send accept=true to record it anyway)",
                          "refused": [found for _, found in recorded.refused]}, 400)
        return _json({"success": True})

    async def translate_file(request: Request) -> Response:
        if int(request.headers.get("content-length") or 0) > limits.file_bytes:
            raise ApiError(400, f"Invalid request: file larger than {limits.file_bytes >> 20} MB")
        values = await admitted(request)
        upload = values.get("file")
        if upload is None or isinstance(upload, str):
            raise params.missing("file")
        source, target = _required(values, "source"), _required(values, "target")
        if not upload.filename:
            raise ApiError(400, "Invalid request: empty file")
        data = await upload.read(limits.file_bytes + 1)
        if len(data) > limits.file_bytes:
            raise ApiError(400, f"Invalid request: file larger than {limits.file_bytes >> 20} MB")
        name, translated = await _answer(lambda: service.translate_document(upload.filename, data, source, target))
        token = files.put(name, translated)
        return _json({"translatedFileUrl": str(request.url_for("download_file", filename=token))})

    async def download_file(request: Request) -> Response:
        found = files.get(request.path_params["filename"])
        if found is None:
            raise ApiError(404, "Invalid filename")
        name, data = found
        return Response(data, media_type="application/octet-stream",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def languages(request: Request) -> Response:
        return _json(service.languages())

    async def frontend_settings(request: Request) -> Response:
        codes = [entry["code"] for entry in service.languages()]
        target = next((code for code in ("fr", "ar") if code in codes), codes[0] if codes else "")
        return _json({"charLimit": limits.char_limit, "frontendTimeout": limits.frontend_timeout,
                      "apiKeys": bool(guard.keys), "keyRequired": guard.require_key,
                      "suggestions": service.options.use_memory, "filesTranslation": True,
                      "supportedFilesFormat": [".txt", ".md", ".html", ".docx", ".odt", ".pdf"],
                      "language": {"source": {"code": "auto", "name": "Auto Detect"},
                                   "target": {"code": target, "name": target}}})

    async def health(request: Request) -> Response:
        return _json({"status": "ok", "version": __version__})

    async def spec(request: Request) -> Response:
        from briefing.serve.spec import openapi

        return _json(openapi(__version__))

    async def api_error(request: Request, error: ApiError) -> Response:
        return _json({"error": error.message}, error.status)

    async def http_error(request: Request, error: HTTPException) -> Response:
        return _json({"error": error.detail}, error.status_code)

    routes = [Route("/translate", translate, methods=["POST"]), Route("/detect", detect, methods=["POST"]),
              Route("/suggest", suggest, methods=["POST"]),
              Route("/translate_file", translate_file, methods=["POST"]),
              Route("/download_file/{filename}", download_file, name="download_file"),
              Route("/languages", languages), Route("/frontend/settings", frontend_settings),
              Route("/health", health), Route("/spec", spec)]
    if desk_folder is not None:
        from briefing.serve.desk import desk_routes

        routes += desk_routes(service, desk_folder, enabled=not guard.require_key)
    return Starlette(routes=routes, exception_handlers={ApiError: api_error, HTTPException: http_error},
                     middleware=[Middleware(CorsHeaders)])


class CorsHeaders:
    """LibreTranslate's CORS headers on every answer, and a browser's preflight answered."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await Response(status_code=200, headers=CORS)(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      *((k.lower().encode(), v.encode()) for k, v in CORS.items())]
            await send(message)

        await self.app(scope, receive, with_headers)


def _json(data, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status)


def _required(values: dict, name: str) -> str:
    value = values.get(name)
    if not isinstance(value, str) or not value:
        raise params.missing(name)
    return value


def _within(texts: list[str], batch: bool, limits: Limits) -> None:
    if batch and limits.batch_limit != -1 and len(texts) > limits.batch_limit:
        raise params.too_long(len(texts), limits.batch_limit)
    characters = sum(len(text) for text in texts)
    if limits.char_limit != -1 and characters > limits.char_limit:
        raise params.too_long(characters, limits.char_limit)


async def _answer(submit):
    """The service's answer, waited for without holding a thread; its refusals as LibreTranslate's."""
    try:
        return await asyncio.wrap_future(submit())
    except Unsupported as err:
        raise ApiError(400, str(err)) from None
    except BriefingError as err:
        raise ApiError(500 if "disabled" not in str(err) else 403, str(err)) from None


def _alternatives(value) -> int:
    if value in (None, ""):
        return 0
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid request: alternatives must be a number") from None
    return max(0, min(count, MAX_ALTERNATIVES))


MAX_ALTERNATIVES = 10


def _translated(results: list, batch: bool, detected: bool, alternatives: bool = False) -> dict:
    """LibreTranslate's answer, and the fields it lacks (glossaryTerms, findings, confidence)."""
    def field(name):
        values = [getattr(result, name) for result in results]
        return values if batch else values[0]

    answer = {"translatedText": field("translated")}
    if detected:
        answer["detectedLanguage"] = field("detected")
    if alternatives:
        answer["alternatives"] = field("alternatives")
    answer |= {"glossaryTerms": field("terms"), "findings": field("findings"), "confidence": field("confidence")}
    return answer
