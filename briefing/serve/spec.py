"""The OpenAPI description of the API (GET /spec): LibreTranslate's endpoints and parameters, and
the fields briefing adds to its answers."""

from __future__ import annotations

_TEXT = {"type": "string"}
_ERROR = {"description": "Invalid request, refused, or failed", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": _TEXT}}}}}

# endpoint → (method, summary, parameters: name → (required, schema))
_ENDPOINTS = {
    "/translate": ("post", "Translate text, with the glossary enforced and the figures checked", {
        "q": (True, {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}), "source": (True, _TEXT),
        "target": (True, _TEXT), "format": (False, {"type": "string", "enum": ["text", "html"]}),
        "api_key": (False, _TEXT)}),
    "/detect": ("post", "Detect the language of a text", {"q": (True, _TEXT), "api_key": (False, _TEXT)}),
    "/translate_file": ("post", "Translate a document (txt, md, html, docx, odt, pdf)", {
        "file": (True, {"type": "string", "format": "binary"}), "source": (True, _TEXT), "target": (True, _TEXT),
        "api_key": (False, _TEXT)}),
    "/suggest": ("post", "Record a human translation in the segment memory, through the import guards", {
        "q": (True, _TEXT), "s": (True, _TEXT), "source": (True, _TEXT), "target": (True, _TEXT),
        "accept": (False, {"type": "boolean"}), "api_key": (False, _TEXT)}),
    "/languages": ("get", "The languages and the targets each reaches", {}),
    "/frontend/settings": ("get", "Settings for a front end", {}),
    "/health": ("get", "Whether the server is up", {}),
}


def openapi(version: str) -> dict:
    paths = {}
    for path, (method, summary, parameters) in _ENDPOINTS.items():
        operation = {"summary": summary, "responses": {"200": {"description": "Success"}, "400": _ERROR,
                                                           "403": _ERROR, "429": _ERROR, "500": _ERROR}}
        if parameters:
            operation["requestBody"] = {"content": {kind: {"schema": {
                "type": "object", "properties": {name: schema for name, (_, schema) in parameters.items()},
                "required": [name for name, (required, _) in parameters.items() if required]}}
                for kind in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")}}
        paths[path] = {method: operation}
    return {"openapi": "3.0.3", "info": {"title": "briefing (LibreTranslate-compatible API)", "version": version},
            "paths": paths}
