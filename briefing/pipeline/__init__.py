"""The product's runs as plain functions over request dataclasses: what the CLI, a benchmark,
a test or a cluster worker call. Progress, notices and cancellation come in as callbacks."""

from briefing.pipeline.callbacks import Callbacks, Notice
from briefing.pipeline.importing import FileImport, ImportRequest, ImportResult, import_corrections
from briefing.pipeline.translating import TranslateRequest, TranslateResult, translate

__all__ = ["Callbacks", "FileImport", "ImportRequest", "ImportResult", "Notice", "TranslateRequest",
           "TranslateResult", "import_corrections", "translate"]
