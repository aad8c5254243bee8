"""`briefing memory`: the segment memory and reviewers' corrections."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli.common import (
    echo_error,
    echo_json,
    glossary_option,
    memory_option,
    open_memory,
    say,
    terminal_callbacks,
)


@click.group()
def memory() -> None:
    """The segment memory: translations already made, and reviewers' corrections.

    \b
    A sentence translated once with the same model, languages and glossary forms is
    never sent to the model again; a reviewer's correction wins over the model from
    then on. Examples:
      briefing memory import briefings/report.fr.json      (after editing it)
      briefing memory import briefings/report.ar.xlf       (back from memoQ, Trados, OmegaT)
      briefing memory export --format tmx -o desk.tmx
      briefing memory prune --older-than 90
    """


@memory.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--accept-changes", is_flag=True,
              help="Record corrections that change a figure or remove a glossary name too (they are reported "
                   "and skipped otherwise).")
@glossary_option
@memory_option
def memory_import(files, accept_changes, glossary_paths, memory_path) -> None:
    """Record the corrections in edited briefings (the .json, or the .md or .docx with its .json
    beside it), in an XLIFF file (.xlf, 2.0 or 1.2) back from a CAT tool, or the translation units
    of a TMX file (a CAT tool's memory) as human translations. In a Word file, tracked changes
    are read as accepted (insertions kept, deletions left out); in an XLIFF file that translate
    wrote, only the targets changed since are corrections.

    \b
    Paragraphs and sentences are paired with the machine translation by content, so edited,
    moved, merged or deleted paragraphs are understood; what cannot be paired is reported.
    Exit 1 when nothing could be imported.
    """
    from briefing import pipeline

    request = pipeline.ImportRequest(files, accept_changes, glossary_paths, memory_path)
    result = pipeline.import_corrections(request, terminal_callbacks(quiet=False))
    for outcome in result.files:
        if outcome.error:  # one unreadable file never keeps the others out
            echo_error(f"briefing: error: {outcome.error}")
            continue
        for sentence, found in outcome.refused:
            echo_error(f"briefing: warning: {outcome.path}: correction of {sentence[:50]!r} {'; '.join(found)}: "
                       "not imported (--accept-changes to record it)")
        say(f"{outcome.path}: {outcome.recorded} correction(s) recorded, {outcome.unchanged} unchanged "
                   "sentence(s)")
        for note in outcome.notes:
            echo_error(f"briefing: note: {outcome.path}: {note}")
        for reason in outcome.skipped:
            echo_error(f"briefing: warning: {outcome.path}: {reason}: not imported")
    if result.nothing_imported:
        echo_error("briefing: error: nothing could be imported")
        sys.exit(1)
    if result.failed:
        sys.exit(1)


@memory.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--human-only", is_flag=True, help="Only reviewers' corrections.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default, or -: stdout.")
@memory_option
def memory_export(fmt, human_only, output, memory_path) -> None:
    """Export the memory as TMX 1.4 for CAT tools."""
    from briefing import atomic
    from briefing.output.tmx import write_tmx

    with open_memory(memory_path) as store:
        text = write_tmx(store.pairs(include_machine=not human_only))
    if output:
        atomic.write_text(output, text)
        if not atomic.is_stream(output):
            echo_error(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@memory.command("stats")
@click.option("--json", "as_json", is_flag=True)
@memory_option
def memory_stats(as_json, memory_path) -> None:
    """How many segments the memory holds, per model and language pair."""
    with open_memory(memory_path) as store:
        stats = store.stats()
    if as_json:
        echo_json(stats)
        return
    say(f"{stats['path']} ({stats['bytes'] / 1024:.0f} KiB)")
    for row in stats["machine"]:
        say(f"  machine  {row['pair']:8} {row['segments']:7}  {row['model']}")
    for row in stats["human"]:
        say(f"  human    {row['pair']:8} {row['segments']:7}")


@memory.command("prune")
@click.option("--older-than", type=click.FloatRange(min=0), metavar="DAYS", help="Not used for DAYS days.")
@click.option("--model", help="Everything translated by this model id (see 'memory stats').")
@memory_option
def memory_prune(older_than, model, memory_path) -> None:
    """Forget machine translations (reviewers' corrections are kept)."""
    with open_memory(memory_path) as store:
        removed = store.prune(older_than, model)
    say(f"removed {removed} machine translation(s)")


def _pair_options(function):
    function = click.option("--to", "target_lang", metavar="LANG", help="Only this target language.")(function)
    return click.option("--from", "source_lang", metavar="LANG", help="Only this source language.")(function)


@memory.command("list")
@click.option("--machine", "include_machine", is_flag=True, help="Machine translations too (default: reviewers' "
                                                                 "corrections alone).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True)
@_pair_options
@memory_option
def memory_list(include_machine, limit, as_json, source_lang, target_lang, memory_path) -> None:
    """The newest corrections first: each sentence, its translation, where it came from and when."""
    from briefing.pipeline.curating import Concordance

    _show(Concordance("", source_lang, target_lang, include_machine, limit), as_json, memory_path)


@memory.command("search")
@click.argument("text")
@click.option("--machine", "include_machine", is_flag=True, help="Machine translations too.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True)
@_pair_options
@memory_option
def memory_search(text, include_machine, limit, as_json, source_lang, target_lang, memory_path) -> None:
    """A concordance: the corrections whose source or translation holds TEXT (case, accents and
    Arabic spelling variants aside), newest first. Example: briefing memory search "Haydar"."""
    from briefing.pipeline.curating import Concordance

    _show(Concordance(text, source_lang, target_lang, include_machine, limit), as_json, memory_path)


def _show(wanted, as_json: bool, memory_path) -> None:
    import datetime as dt

    from briefing.pipeline.curating import find_pairs

    with open_memory(memory_path) as store:
        found = find_pairs(store, wanted)
    if as_json:
        echo_json([{**vars(pair), "created": dt.datetime.fromtimestamp(pair.created, dt.timezone.utc).isoformat()}
                   for pair in found])
        return
    for pair in found:
        when = dt.datetime.fromtimestamp(pair.created).strftime("%Y-%m-%d %H:%M") if pair.created else "?"
        say(f"{pair.source_lang}→{pair.target_lang}  {pair.origin}  {when}  {pair.by}")
        say(f"  {pair.sentence}")
        say(f"  {pair.target}")
    if not found:
        echo_error("briefing: nothing found")


@memory.command("edit")
@click.argument("sentence")
@click.option("--to", "target_lang", required=True, metavar="LANG", help="The correction's language (or locale).")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG")
@click.option("--target", "target", required=True, metavar="TEXT", help="The corrected translation.")
@click.option("--accept-changes", is_flag=True, help="Record it even if check would not call it ok.")
@glossary_option
@memory_option
def memory_edit(sentence, target_lang, source_lang, target, accept_changes, glossary_paths, memory_path) -> None:
    """Set the correction of SENTENCE (the source sentence, as 'memory search' shows it),
    checked as an imported correction is."""
    from briefing.pipeline.curating import CorrectionEdit, edit_correction

    request = CorrectionEdit(sentence, target_lang, target, source_lang, accept_changes, glossary_paths, memory_path)
    with open_memory(memory_path) as store:
        outcome = edit_correction(request, store)
    for _, found in outcome.refused:
        echo_error(f"briefing: error: not recorded: {'; '.join(found)} (--accept-changes to record it)")
        sys.exit(1)
    say(f"recorded the correction of {sentence[:60]!r} ({source_lang}→{target_lang})")


@memory.command("rm")
@click.argument("sentence")
@click.option("--to", "target_lang", required=True, metavar="LANG", help="The correction's language (or locale).")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG")
@memory_option
def memory_rm(sentence, target_lang, source_lang, memory_path) -> None:
    """Remove the correction of SENTENCE: the model's translation is used again from then on."""
    from briefing.pipeline.curating import CorrectionEdit, remove_correction

    request = CorrectionEdit(sentence, target_lang, "", source_lang, memory=memory_path)
    with open_memory(memory_path) as store:
        removed = remove_correction(request, store)
    if not removed:
        echo_error(f"briefing: error: no correction of {sentence[:60]!r} ({source_lang}→{target_lang}); "
                   "see 'briefing memory search'")
        sys.exit(1)
    say(f"removed the correction of {sentence[:60]!r} ({source_lang}→{target_lang})")
