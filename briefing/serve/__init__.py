"""`briefing serve`: the HTTP face. LibreTranslate's API over the service (briefing.pipeline.service),
and the review desk over the served folder's briefings (briefing.pipeline.review);
its handlers parse, call the service and answer, and hold no logic of their own. Starlette and
uvicorn are imported only here, and only by the `serve` command."""
