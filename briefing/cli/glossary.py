"""`briefing glossary`: reading and editing the controlled glossary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli.common import (
    echo_error,
    echo_json,
    glossary_option,
    load_glossary,
    parse_pairs,
    progress_bar,
    say,
    shown,
)
from briefing.errors import BriefingError, UsageError
from briefing.glossary.model import KINDS


@click.group()
def glossary() -> None:
    """Read and edit the controlled glossary (TOML files; comments are kept).

    \b
    Examples:
      briefing glossary list --kind place
      briefing glossary add jableh --kind place --term en=Jableh --term fr=Jablé --term ar=جبلة
      briefing glossary set jableh fr.admitted "Jableh|Jeblé"
      briefing glossary find "Clashes in Jableh and Baniyas"
      briefing glossary export --format tbx -o coast.tbx
    """


@glossary.command("list")
@click.option("--kind", type=click.Choice(KINDS), help="Only entries of this kind.")
@click.option("--lang", help="Only entries with a form in this language.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@glossary_option
def glossary_list(kind, lang, as_json, glossary_paths) -> None:
    """List entries: id, kind and preferred form per language."""
    entries = [e for e in load_glossary(glossary_paths)
               if (not kind or e.kind == kind) and (not lang or lang in e.terms)]
    if as_json:
        echo_json([{"id": e.id, **e.to_dict()} for e in entries])
        return
    for e in entries:
        forms = "  ".join(f"{code}: {t.preferred}" for code, t in e.terms.items())
        say(f"{e.id:38} {e.kind:16} {forms}")


@glossary.command("show")
@click.argument("entry_id")
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_show(entry_id, as_json, glossary_paths) -> None:
    """Show one entry as it would be written in the glossary file."""
    from briefing.glossary.files import render

    entry = _entry(load_glossary(glossary_paths), entry_id)
    if as_json:
        echo_json({"id": entry.id, **entry.to_dict()})
    else:
        lines = [f"# {entry.where()}", *render(entry).splitlines()]
        click.echo("\n".join(shown(line) for line in lines))


def _entry(loaded, entry_id):
    if entry_id not in loaded.entries:
        raise UsageError(f"no glossary entry {entry_id!r} (see 'briefing glossary list')")
    return loaded.entries[entry_id]


@glossary.command("add")
@click.argument("entry_id")
@click.option("--kind", type=click.Choice(KINDS), default="other", show_default=True)
@click.option("--term", "terms", multiple=True, metavar="LANG=FORM", required=True,
              help="A form; the first per language is preferred, the next ones admitted.")
@click.option("--alias", "aliases", multiple=True, metavar="LANG=FORM", help="Source-side alias.")
@click.option("--forbidden", multiple=True, metavar="LANG=FORM", help="A form that must not be used.")
@click.option("--note", default="")
@click.option("--do-not-translate", is_flag=True)
@click.option("--file", "into", type=click.Path(dir_okay=False, path_type=Path),
              help="File to add to (default: the first glossary file).")
@glossary_option
def glossary_add(entry_id, kind, terms, aliases, forbidden, note, do_not_translate, into, glossary_paths) -> None:
    """Add the entry ENTRY_ID (lower case, digits, - and _). A form that another entry already
    has is refused (one mention must get one form), and so is an unknown language code."""
    from briefing.glossary.model import entry_from_options
    from briefing.pipeline.termbases import add_to_glossary

    entry = entry_from_options(entry_id, kind, parse_pairs(terms, "--term"), parse_pairs(aliases, "--alias"),
                               parse_pairs(forbidden, "--forbidden"), note, do_not_translate)
    say(f"added {entry_id} to {add_to_glossary(entry, glossary_paths, into)}")


@glossary.command("set")
@click.argument("entry_id")
@click.argument("field")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove the field instead.")
@glossary_option
def glossary_set(entry_id, field, value, unset, glossary_paths) -> None:
    """Change one FIELD of an entry: kind, note, source, do_not_translate, LANG.preferred,
    LANG.admitted / LANG.forbidden / LANG.aliases ('|' between forms), LANG.forms.NAME.

    \b
    Examples:
      briefing glossary set baniyas fr.preferred Banias
      briefing glossary set baniyas en.aliases "Banias|Banyas"
      briefing glossary set baniyas note --unset
    """
    from briefing.glossary.files import entry_file, set_field

    origin = entry_file(glossary_paths, entry_id)
    if unset:
        new_value = None
    elif value is None:
        raise UsageError("give a VALUE, or --unset")
    elif field.split(".")[-1] in ("admitted", "forbidden", "aliases"):
        new_value = [part.strip() for part in value.split("|") if part.strip()]
    elif field == "do_not_translate":
        new_value = value.lower() in ("yes", "true", "1")
    else:
        new_value = value
    set_field(origin, entry_id, field, new_value)
    say(f"set {entry_id}.{field} in {origin}")


@glossary.command("rm")
@click.argument("entry_ids", nargs=-1, required=True)
@glossary_option
def glossary_rm(entry_ids, glossary_paths) -> None:
    """Remove entries (and the comment lines directly above them)."""
    from briefing.glossary.files import remove_entry

    loaded = load_glossary(glossary_paths)
    for entry_id in entry_ids:
        entry = _entry(loaded, entry_id)
        remove_entry(entry.origin, entry_id)
        say(f"removed {entry_id} from {entry.origin}")


@glossary.command("find")
@click.argument("text", required=False)
@click.option("--file", "text_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the text from a file instead.")
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_find(text, text_file, lang, as_json, glossary_paths) -> None:
    """Which entries occur in TEXT, with character offsets (forbidden forms included)."""
    from briefing.quality.matching import ADMITTED, ALIAS, APPROVED, FORBIDDEN, Matcher
    from briefing.sources.reading import decode, read_limited

    if text_file:
        text = decode(read_limited(text_file), text_file)
    if not text:
        raise UsageError("give a TEXT or --file")
    matcher = Matcher(load_glossary(glossary_paths), lang, (APPROVED, ADMITTED, ALIAS, FORBIDDEN))
    matches = matcher.find(text)
    if as_json:
        echo_json([m.__dict__ for m in matches])
        return
    for m in matches:
        say(f"{m.start}-{m.end}\t{m.entry_id}\t{m.text}\t({m.category})")


@glossary.command("suggest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source_lang", default="en", show_default=True, help="Language of the sources.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_suggest(sources, source_lang, limit, as_json, glossary_paths) -> None:
    """Proper names in SOURCES that no glossary entry covers, most frequent first,
    each with a ready-to-edit 'glossary add' command."""
    from briefing.quality.suggesting import suggest
    from briefing.sources.reading import read_document

    documents = [read_document(path) for path in sources]
    suggestions = suggest(documents, load_glossary(glossary_paths), source_lang, limit)
    if as_json:
        echo_json([{"name": s.name, "count": s.count, "example": s.example, "command": s.command()}
                    for s in suggestions])
        return
    for s in suggestions:
        say(f"{s.count:4}  {s.name:40} {s.command()}")
    if not suggestions:
        echo_error("every proper name found is already in the glossary")


@glossary.command("edit")
@click.argument("entry_id")
@glossary_option
def glossary_edit(entry_id, glossary_paths) -> None:
    """Open the entry in $EDITOR; it is checked on save and re-opened on error if you wish."""
    from briefing.glossary.files import parse_entry, render, replace_entry
    from briefing.glossary.model import GlossaryError

    entry = _entry(load_glossary(glossary_paths), entry_id)
    original = render(entry)
    text = original
    while True:
        edited = click.edit(text, extension=".toml", require_save=True)
        if edited is None or edited == original:
            click.echo("no change")
            return
        try:
            new_entry = parse_entry(edited, entry_id)
            break
        except GlossaryError as err:
            echo_error(f"briefing: error: {err}")
            if not sys.stdin.isatty() or not click.confirm("Re-open the editor?", default=True):
                raise BriefingError("entry not changed") from None
            text = edited
    replace_entry(entry.origin, new_entry)
    say(f"updated {entry_id} in {entry.origin}")


@glossary.command("lint")
@glossary_option
def glossary_lint(glossary_paths) -> None:
    """Check for conflicting forms, aliases that shadow other entries, missing languages, scripts."""
    from briefing.glossary.linting import ERROR, lint

    loaded = load_glossary(glossary_paths)
    problems = lint(loaded)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.level == ERROR for p in problems)
    echo_error(f"{len(loaded)} entries, {errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        sys.exit(1)


@glossary.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv", "omegat"]), help="Default: from the extension.")
@click.option("--from", "source_lang", default="en", show_default=True,
              help="OmegaT, and DeepL's two-column CSV: the source language.")
@click.option("--to", "target_lang", default="fr", show_default=True,
              help="OmegaT, and DeepL's two-column CSV: the target language.")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
              help="Glossary file to write. Default: the --glossary FILE, else the first glossary file.")
@click.option("--replace", is_flag=True, help="Replace entries whose id already exists.")
@click.option("--owned", type=click.Choice(["skip", "replace", "merge", "keep"]),
              help="What to do with imported entries that name what an existing entry names (they are listed; "
                   "without this option nothing is imported): skip them, replace the existing entry with them, "
                   "merge their forms into it (as admitted forms), or keep both (the first glossary wins).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@glossary_option
def glossary_import(source, fmt, source_lang, target_lang, into, replace, owned, quiet, glossary_paths) -> None:
    """Import a TBX, CSV or OmegaT glossary into a glossary file.

    \b
    TBX: TBX-Basic and TBX v3; regional codes (fr-FR) are read as the language, the
    region kept in the note; subject fields become kinds. CSV: a header of language
    codes (Amazon Translate, briefing's export), or DeepL's two columns without header:
      briefing glossary import deepl.csv --from en --to fr --glossary desk.toml
    """
    from briefing.glossary.interchange import read_file
    from briefing.pipeline.termbases import import_termbase

    entries = read_file(source, fmt, source_lang, target_lang)
    with progress_bar(len(entries), "Importing", quiet or len(entries) < 2000) as update:
        outcome = import_termbase(entries, glossary_paths, into, replace, owned, update)
    for line in outcome.owned[:20]:
        echo_error(f"briefing: note: {line}")
    if len(outcome.owned) > 20:
        echo_error(f"briefing: note: and {len(outcome.owned) - 20} more entries naming what existing entries name")
    done = f", {outcome.resolved} {owned}{'ped' if owned == 'skip' else 'd'}" if outcome.resolved else ""
    say(f"imported {outcome.added} new and {outcome.replaced} replaced entries into {outcome.target}{done}")


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default, or -: stdout.")
@click.option("--excel", is_flag=True, help="CSV: start with a byte-order mark, so that Excel reads UTF-8 (Arabic).")
@click.option("--raw", is_flag=True, help="CSV: write cells starting with = + - @ as they are (by default they get a "
                                          "leading apostrophe, so that a spreadsheet does not run them).")
@glossary_option
def glossary_export(fmt, output, excel, raw, glossary_paths) -> None:
    """Export the glossary as TBX (TBX-Basic) or CSV for CAT tools."""
    from briefing import atomic
    from briefing.glossary.interchange import export

    text = export(load_glossary(glossary_paths), fmt, raw=raw, excel=excel)
    if output:
        atomic.write_text(output, text)
        if not atomic.is_stream(output):
            echo_error(f"wrote {output}")
    else:
        click.echo(text, nl=False)
