"""Start the server: the service warm, the app over it, uvicorn on the address asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError
from briefing.pipeline.service import Service, ServiceOptions
from briefing.serve.guard import Guard, check_exposure, loopback
from briefing.serve.limits import Limits
from briefing.settings import Settings


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 5000
    keys: frozenset[str] = frozenset()
    requests_per_minute: int = 0  # per key, or per address without one (0: no limit)
    limits: Limits = Limits()
    warm: bool = True  # load every model before the first request
    keep_files_seconds: float = 600
    desk_folder: Path | None = Path("briefings")  # the briefings the review desk offers (none: no desk)


def serve(settings: Settings, service_options: ServiceOptions, options: ServerOptions,
          ready: Callable[[str], None] = lambda address: None) -> None:
    """Run until interrupted (Ctrl+C, SIGTERM); `ready` is told the address once it listens."""
    try:
        import uvicorn

        from briefing.serve.app import create_app
    except ImportError as err:
        raise BriefingError(f"briefing serve needs {err.name}: pip install 'briefing[serve]'") from None
    from briefing.serve.files import FileStore

    check_exposure(options.host, options.keys)
    service = Service(settings, service_options).start()
    files = FileStore(options.keep_files_seconds)
    try:
        if options.warm:
            service.warm()
        guard = Guard(options.keys, require_key=not loopback(options.host), per_minute=options.requests_per_minute)
        app = create_app(service, guard, options.limits, files, options.desk_folder)
        server = uvicorn.Server(uvicorn.Config(app, host=options.host, port=options.port, log_level="warning",
                                               access_log=False, lifespan="off"))
        ready(f"http://{options.host}:{options.port}")
        server.run()
    finally:
        service.stop()
        files.close()
