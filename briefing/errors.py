"""Errors the CLI reports as one line, with the exit code of the design's contract."""


class BriefingError(Exception):
    """A failure the user can act on (missing model, unreadable file): exit 1."""

    exit_code = 1


class UsageError(BriefingError):
    """The command was called wrongly (unknown language, missing file): exit 2."""

    exit_code = 2


class Cancelled(BriefingError):
    """The user asked a run to stop (Ctrl+C): nothing was written, exit 130."""

    exit_code = 130
