"""The product's runs as plain functions over request dataclasses: what the CLI, a benchmark,
a test or a cluster worker call. Progress, notices and cancellation come in as callbacks.

Each name is imported from its module when first used: `translate` need not load what
`memory import` reads Word files with, nor the reverse."""

import importlib

_HOMES = {"Callbacks": "callbacks", "Notice": "callbacks", "FileImport": "importing", "ImportRequest": "importing",
          "ImportResult": "importing", "import_corrections": "importing",
          "Recorded": "importing", "record_corrections": "importing", "CheckRequest": "checking",
          "Material": "checking", "check": "checking", "TranslateRequest": "translate_request",
          "TranslateResult": "translate_request", "translate": "translating", "Run": "translate_request",
          "make_briefings": "translating", "write_run": "translating"}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'briefing.pipeline' has no attribute {name!r}")
    return getattr(importlib.import_module(f"briefing.pipeline.{_HOMES[name]}"), name)
