"""`briefing serve`: the HTTP face. LibreTranslate's API over the service (briefing.pipeline.service);
its handlers parse, call the service and answer, and hold no logic of their own. Starlette and
uvicorn are imported only here, and only by the `serve` command."""
