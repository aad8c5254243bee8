"""`briefing serve`: the LibreTranslate-compatible API over warm models."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.common import echo_error, memory_options, model_choice, model_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Another than this machine's needs API keys.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--api-keys", "keys_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of API keys, one per line (also $BRIEFING_API_KEYS, comma-separated).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file or folder (repeatable); edits are in force at the next request.")
@memory_options
@click.option("--requests-per-minute", default=0, show_default=True, type=click.IntRange(0),
              envvar="BRIEFING_REQUESTS_PER_MINUTE", help="Per key (or address without one); 0: no limit.")
@click.option("--char-limit", default=-1, show_default=True, type=int, envvar="BRIEFING_CHAR_LIMIT",
              help="Characters per request; -1: none.")
@click.option("--batch-limit", default=-1, show_default=True, type=int, envvar="BRIEFING_BATCH_LIMIT",
              help="Texts per request; -1: none.")
@click.option("--file-limit-mb", default=20, show_default=True, type=click.IntRange(1), envvar="BRIEFING_FILE_LIMIT_MB")
@click.option("--threads", default=0, show_default=True, type=click.IntRange(0),
              help="CTranslate2 workers; 0: a core each.")
@click.option("--out", "desk_folder", type=click.Path(file_okay=False, path_type=Path), default=Path("briefings"),
              show_default=True, help="The briefings the review desk at / offers (what 'translate --out' wrote).")
@model_option
@click.option("--lazy", is_flag=True, help="Load each model at its first request instead of at start.")
def serve(host, port, keys_file, glossary_paths, memory_path, no_memory, requests_per_minute, char_limit, batch_limit,
          file_limit_mb, threads, desk_folder, models, lazy) -> None:
    """Serve LibreTranslate's HTTP API (1.9) over the installed models, kept warm.

    \b
    Clients of LibreTranslate (libretranslatepy, Discourse, Nextcloud, Weblate,
    browser extensions) work as they are, pointed at http://127.0.0.1:5000/. What
    they also get, in extra fields they ignore: the glossary names found and how each
    came out (glossaryTerms), the QA findings (figures, names, untranslated) and the
    model's confidence, per text. /translate enforces the glossary in force (its
    files are watched); /suggest records a correction in the segment memory through
    the same guards as 'memory import' (a changed figure or a dropped name is refused
    unless accept=true), and the next request for that sentence gets it.

    \b
    Safe by default: it listens on 127.0.0.1; another address is refused unless API
    keys are configured, and then every request needs one (api_key, or an
    Authorization: Bearer header).

    \b
    Every option can also be set in briefing.toml's [serve] table (host, port,
    api_keys, requests_per_minute, char_limit, batch_limit, file_limit_mb) and the
    limits in the environment (BRIEFING_CHAR_LIMIT, BRIEFING_BATCH_LIMIT,
    BRIEFING_REQUESTS_PER_MINUTE, BRIEFING_FILE_LIMIT_MB).
    """
    from briefing import settings
    from briefing.pipeline.service import ServiceOptions
    from briefing.serve.guard import read_keys
    from briefing.serve.limits import Limits
    from briefing.serve.running import ServerOptions
    from briefing.serve.running import serve as run
    from briefing.translation.engine import EngineOptions

    in_force = settings.current()
    settings.install(in_force)  # the server's requests all run under the settings it started with
    keys = read_keys(keys_file, in_force.environment.get("BRIEFING_API_KEYS", ""))
    service = ServiceOptions(EngineOptions(threads=threads, models=model_choice(models)), glossary_paths=glossary_paths,
                             memory=memory_path, use_memory=not no_memory)
    server = ServerOptions(host, port, keys, requests_per_minute,
                           Limits(char_limit, batch_limit, file_limit_mb << 20), warm=not lazy,
                           desk_folder=desk_folder.resolve())
    run(in_force, service, server,
        ready=lambda address: echo_error(f"briefing: serving {address} (LibreTranslate API); Ctrl+C to stop"))
