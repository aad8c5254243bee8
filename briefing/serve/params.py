"""A request's parameters as LibreTranslate reads them: a JSON object, else the form fields and
the query string together; and its errors, with the texts and codes its clients match on."""

from __future__ import annotations

import json


class ApiError(Exception):
    """An answer of {"error": message} with an HTTP status, as LibreTranslate gives it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def missing(name: str) -> ApiError:
    return ApiError(400, f"Invalid request: missing {name} parameter")


def too_long(size: int, limit: int) -> ApiError:
    return ApiError(400, f"Invalid request: request ({size}) exceeds text limit ({limit})")


MAX_BODY_BYTES = 32 << 20  # a JSON or form body (files have their own limit): far above any text a client sends


async def capped_body(request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, read no further than `limit` bytes: a client cannot make the server hold more."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int) -> ApiError:
    return ApiError(413, f"Invalid request: the body is larger than {limit >> 20} MB")


async def values(request) -> dict:
    """The parameters of a request: JSON body (an object), or query and form fields."""
    found: dict = dict(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = json.loads(await capped_body(request) or b"null")
        except (ValueError, RecursionError):
            raise ApiError(400, "Invalid JSON format") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid JSON format")
        return body
    if kind == "application/x-www-form-urlencoded":
        from urllib.parse import parse_qsl

        text = (await capped_body(request)).decode("utf-8", "replace")
        found.update(parse_qsl(text, keep_blank_values=True))
    elif kind == "multipart/form-data":
        form = await request.form(max_files=64, max_fields=256)
        found.update({key: value for key, value in form.multi_items()})
    return found


def texts(value, *, batch_allowed: bool = True) -> tuple[list[str], bool]:
    """`q` as a list of texts, and whether it was a batch (a JSON array)."""
    if isinstance(value, list) and batch_allowed:
        if not value or not all(isinstance(item, str) for item in value):
            raise ApiError(400, "Invalid request: q must be a string or an array of strings")
        return value, True
    if not isinstance(value, str) or not value:
        raise missing("q")
    return ["\n".join(value.splitlines())], False


def flag(value) -> bool:
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")
