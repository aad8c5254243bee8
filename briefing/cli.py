"""The `briefing` command line: parses options, calls the pipeline stages, prints. No logic here."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from briefing import __version__
from briefing.errors import BriefingError, UsageError
from briefing.glossary import KINDS

FORMATS = ("md", "json", "html", "pdf")


def _stderr(message: str) -> None:
    click.echo(message, err=True)


@contextlib.contextmanager
def progress_bar(length: int | None, label: str, quiet: bool) -> Iterator:
    """A progress bar on stderr; silent with --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def memory_options(function):
    function = click.option("--no-memory", is_flag=True, help="Neither read nor write the segment memory.")(function)
    return click.option(
        "--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
        help="Segment memory file (SQLite), e.g. one shared by a desk. Default: $BRIEFING_MEMORY, "
             "else ~/.local/share/briefing/memory.sqlite.",
    )(function)


def _open_memory(memory_path: Path | None):
    from briefing.memory import Memory, default_path

    configured = os.environ.get("BRIEFING_MEMORY")
    return Memory(memory_path or (Path(configured) if configured else default_path()))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """Offline English → Arabic/French briefings with a controlled glossary.

    \b
    Typical use:
      briefing models install translate-en_ar.argosmodel
      briefing translate seeds/*.txt --to ar --to fr --out briefings/

    Models are Argos Translate packages (ARGOS_PACKAGES_DIR is honoured); nothing is sent
    over the network while translating.
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language or locale (ar, fr, ar_SY, fr_CA). Repeat for several.")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Language of the sources.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("briefings"),
              show_default=True, help="Folder for the briefings: SOURCE.LANG.md, .json, .html, .pdf and .qa.json.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), default=("md", "json"),
              show_default=True, help="Output formats, repeatable: md, json, html (print CSS), pdf (the printed "
                                      "briefing: key terms, QA box, right-to-left Arabic).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="PDF page size.")
@click.option("--layout", type=click.Choice(["briefing", "review"]), default="briefing", show_default=True,
              help="html/pdf: the briefing, or source and translation side by side for a reviewer.")
@click.option("--beam-size", default=2, show_default=True, type=click.IntRange(1, 16),
              help="Beam search width: higher is slower and slightly better.")
@click.option("--threads", default=0, type=click.IntRange(0, 256), help="CPU threads (0 = all cores).")
@click.option("--compute-type", default="auto", show_default=True,
              type=click.Choice(["auto", "default", "int8", "int8_float32", "int16", "float32"]),
              help="CTranslate2 compute type (int8 is fastest on CPU).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.")
@click.option("--enforce", type=click.Choice(["inline", "repair", "off"]), default="inline", show_default=True,
              help="inline: glossary forms go into the model input, the output is then verified and "
                   "repaired; repair: only verify and repair the output; off: only report.")
@click.option("--digits", type=click.Choice(["locale", "latn", "arab"]), default="locale", show_default=True,
              help="Digits of figures and dates: the locale's (ar_SY: ١٢٣, ar: 123), Latin or Arabic-Indic.")
@memory_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(sources, targets, source_lang, out_dir, formats, paper, layout, beam_size, threads, compute_type,
              glossary_paths, enforce, digits, memory_path, no_memory, quiet) -> None:
    """Translate SOURCES (UTF-8 text or Markdown) into briefings, one per target language.

    \b
    A leading 'date YYYY-MM-DD' line in a source is the briefing date, not text.
    Short lines without final punctuation between paragraphs are kept as headings.

    Printed briefings are --format pdf (and --format html): one PDF per source and
    language, with the localized date, key-terms table and QA box; --layout review puts
    source and translation side by side.

    Every sentence of every source goes to the model in one batch; identical sentences
    are translated once. Glossary terms are enforced (--enforce) and every briefing gets a
    QA report, SOURCE.LANG.qa.json: terms ok / missing / forbidden, figures ok / missing /
    changed, untranslated lines, and whether each name agrees across the target languages.

    \b
    Example:
      briefing translate seeds/*.txt --to ar --to fr --out briefings/
    """
    from briefing.checking import summary_line
    from briefing.engine import Engine, EngineOptions
    from briefing.languages import parse_language
    from briefing.models import installed_packages
    from briefing.reading import read_document
    from briefing.rendering import write_briefings
    from briefing.translating import cross_language, plan_routes, prepare, translate_job

    started = time.perf_counter()
    source = parse_language(source_lang).language
    wanted = list(dict.fromkeys(parse_language(code) for code in targets))
    routes = plan_routes(installed_packages(), source, wanted)
    glossary = _glossary_for_translation(glossary_paths, quiet)
    documents = [read_document(path) for path in sources]
    job = prepare(documents, source)
    engine = Engine(EngineOptions(beam_size=beam_size, threads=threads, compute_type=compute_type))
    languages = len({t.language for t in wanted})
    with contextlib.ExitStack() as stack:
        memory = None if no_memory else stack.enter_context(_open_memory(memory_path))
        update = stack.enter_context(progress_bar(len(job.distinct) * languages, "Translating", quiet))
        briefings = translate_job(job, wanted, routes, engine, glossary, enforce, update, memory, digits)
    context = {
        "enforcement": {"strategy": enforce, "glossary": [str(f) for f in glossary.files]},
        "cross_language": cross_language(briefings),
        "glossary": glossary,
        "print": {"paper": paper, "layout": layout, "digits": digits},
    }
    written = write_briefings(briefings, out_dir, list(dict.fromkeys(formats)), context)
    if not quiet:
        for briefing in briefings:
            _stderr(f"QA {briefing.document.name}.{briefing.target}: {summary_line(briefing.qa.summary())}")
        _stderr(
            f"wrote {len(written)} files to {out_dir}/ ({len(job.distinct)} sentences × {languages} "
            f"language(s), {time.perf_counter() - started:.1f} s)"
        )


def _glossary_for_translation(glossary_paths, quiet: bool):
    """The glossary to enforce; translating without one is allowed, with a warning."""
    from briefing.glossary import Glossary, load

    if glossary_paths or os.environ.get("BRIEFING_GLOSSARY") or Path("glossary").is_dir():
        return load(glossary_paths)
    if not quiet:
        _stderr("briefing: warning: no glossary (./glossary/ or --glossary): names are not enforced")
    return Glossary()


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("translation", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG")
@click.option("--to", "target_lang", required=True, metavar="LANG", help="Language of TRANSLATION (fr, ar, …).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.")
@click.option("--json", "as_json", is_flag=True, help="The full JSON report on stdout.")
def check(source, translation, source_lang, target_lang, glossary_paths, as_json) -> None:
    """Check TRANSLATION against SOURCE: glossary terms, figures, untranslated lines.

    The files are line-aligned UTF-8 text: line i of TRANSLATION translates line i of SOURCE.
    Works on any translation, human or machine; needs no model. Exit 1 when problems are found.

    \b
    Example:
      briefing check report.en.txt report.fr.txt --to fr --json > qa.json
    """
    from briefing.checking import check_pairs, read_aligned, summary_line
    from briefing.glossary import load
    from briefing.languages import parse_language

    source_code = parse_language(source_lang).language
    target_code = parse_language(target_lang).language
    report = check_pairs(read_aligned(source, translation), load(glossary_paths), source_code, target_code)
    if as_json:
        _echo_json(report.to_dict())
    else:
        for segment in report.segments:
            if segment.problems:
                click.echo(f"line {segment.index + 1}: " + "; ".join(segment.problem_lines()))
        click.echo(summary_line(report.summary()))
    if report.problems:
        sys.exit(1)


@cli.group()
def memory() -> None:
    """The segment memory: translations already made, and reviewers' corrections.

    \b
    A sentence translated once with the same model, languages and glossary forms is
    never sent to the model again; a reviewer's correction wins over the model from
    then on. Examples:
      briefing memory import briefings/report.fr.json      (after editing it)
      briefing memory export --format tmx -o desk.tmx
      briefing memory prune --older-than 90
    """


@memory.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@memory_options
def memory_import(files, memory_path, no_memory) -> None:
    """Record the corrections in edited briefings (the .json, or the .md with its .json beside it)."""
    from briefing.reviewing import read_review

    if no_memory:
        raise UsageError("--no-memory makes no sense here")
    with _open_memory(memory_path) as store:
        for path in files:
            review = read_review(path)
            rows = [(c.source_lang, c.target_lang, c.sentence, c.target) for c in review.corrections]
            store.record_edits(rows, str(path))
            click.echo(f"{path}: {len(rows)} correction(s) recorded, "
                       f"{review.sentences - len(rows)} unchanged sentence(s)")
            for reason in review.skipped:
                _stderr(f"briefing: warning: {path}: {reason}: not imported")


@memory.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--human-only", is_flag=True, help="Only reviewers' corrections.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout.")
@memory_options
def memory_export(fmt, human_only, output, memory_path, no_memory) -> None:
    """Export the memory as TMX 1.4 for CAT tools."""
    from briefing import atomic
    from briefing.tmx import write_tmx

    with _open_memory(memory_path) as store:
        text = write_tmx(store.pairs(include_machine=not human_only))
    if output:
        atomic.write_text(output, text)
        _stderr(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@memory.command("stats")
@click.option("--json", "as_json", is_flag=True)
@memory_options
def memory_stats(as_json, memory_path, no_memory) -> None:
    """How many segments the memory holds, per model and language pair."""
    with _open_memory(memory_path) as store:
        stats = store.stats()
    if as_json:
        _echo_json(stats)
        return
    click.echo(f"{stats['path']} ({stats['bytes'] / 1024:.0f} KiB)")
    for row in stats["machine"]:
        click.echo(f"  machine  {row['pair']:8} {row['segments']:7}  {row['model']}")
    for row in stats["human"]:
        click.echo(f"  human    {row['pair']:8} {row['segments']:7}")


@memory.command("prune")
@click.option("--older-than", type=click.FloatRange(min=0), metavar="DAYS", help="Not used for DAYS days.")
@click.option("--model", help="Everything translated by this model id (see 'memory stats').")
@memory_options
def memory_prune(older_than, model, memory_path, no_memory) -> None:
    """Forget machine translations (reviewers' corrections are kept)."""
    with _open_memory(memory_path) as store:
        removed = store.prune(older_than, model)
    click.echo(f"removed {removed} machine translation(s)")


@cli.group()
def models() -> None:
    """List, install and remove translation models (Argos packages)."""


@models.command("list")
def models_list() -> None:
    """Installed packages and the language pairs they give (pivots through English included)."""
    from briefing.models import all_routes, installed_packages, packages_dir

    packages = installed_packages()
    if not packages:
        _stderr(f"no models installed in {packages_dir()}; see 'briefing models install --help'")
        return
    click.echo(f"packages in {packages_dir()}:")
    for p in packages:
        click.echo(f"  {p.name:32} {p.pair:10} version {p.version}")
    click.echo("pairs:")
    for (source, target), route in all_routes(packages).items():
        via = " (through English)" if len(route) > 1 else ""
        click.echo(f"  {source}→{target}{via}")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def models_install(what: tuple[str, ...], quiet: bool) -> None:
    """Install FILE.argosmodel, or FROM TO from the Argos package index.

    \b
    Examples:
      briefing models install translate-en_fr-1_9.argosmodel
      briefing models install en ar      (needs network; ARGOS_PACKAGE_INDEX is honoured)
    """
    from briefing import models

    if len(what) == 1:
        path = Path(what[0])
        if not path.is_file():
            raise UsageError(f"{path}: no such file (to install from the index give two languages: FROM TO)")
        installed = [models.install_file(path)]
    elif len(what) == 2:
        from briefing.languages import parse_language

        source, target = (parse_language(code).language for code in what)
        bars: dict[str, list] = {}  # label → [update, bytes shown so far]
        with contextlib.ExitStack() as stack:

            def show(label: str, done: int, total: int | None) -> None:
                if label not in bars:
                    bars[label] = [stack.enter_context(progress_bar(total, f"Downloading {label}", quiet)), 0]
                update, shown = bars[label]
                update(done - shown)
                bars[label][1] = done

            installed = models.install_pair(source, target, show)
    else:
        raise UsageError("give one FILE.argosmodel, or two languages FROM TO")
    for package in installed:
        click.echo(f"installed {package.name} ({package.pair}, version {package.version}) in {package.path.parent}")


@models.command("remove")
@click.argument("which")
def models_remove(which: str) -> None:
    """Remove a package by folder name (see 'models list') or by pair (en:fr)."""
    from briefing.models import installed_packages, remove

    for package in remove(installed_packages(), which):
        click.echo(f"removed {package.name} ({package.pair})")


def glossary_option(function):
    return click.option(
        "--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
        help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.",
    )(function)


def _load(glossary_paths):
    from briefing.glossary import load

    return load(glossary_paths)


def _pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        lang, sep, form = value.partition("=")
        if not sep or not lang.strip() or not form.strip():
            raise UsageError(f"{option} takes LANG=FORM, got {value!r}")
        pairs.append((lang.strip(), form.strip()))
    return pairs


def _echo_json(data) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.group()
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
    entries = [e for e in _load(glossary_paths) if (not kind or e.kind == kind) and (not lang or lang in e.terms)]
    if as_json:
        _echo_json([{"id": e.id, **e.to_dict()} for e in entries])
        return
    for e in entries:
        forms = "  ".join(f"{code}: {t.preferred}" for code, t in e.terms.items())
        click.echo(f"{e.id:38} {e.kind:16} {forms}")


@glossary.command("show")
@click.argument("entry_id")
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_show(entry_id, as_json, glossary_paths) -> None:
    """Show one entry as it would be written in the glossary file."""
    from briefing.glossary_files import render

    entry = _entry(_load(glossary_paths), entry_id)
    click.echo(_echo_json({"id": entry.id, **entry.to_dict()}) if as_json else f"# {entry.where()}\n{render(entry)}")


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
    """Add the entry ENTRY_ID (lower case, digits, - and _)."""
    from briefing.glossary import entry_from_options
    from briefing.glossary_files import add_entry, writable_target

    entry = entry_from_options(entry_id, kind, _pairs(terms, "--term"), _pairs(aliases, "--alias"),
                               _pairs(forbidden, "--forbidden"), note, do_not_translate)
    target, existing = writable_target(glossary_paths, into, "glossary.toml")
    if entry_id in existing:
        raise UsageError(f"entry {entry_id!r} already exists at {existing[entry_id].where()}")
    add_entry(target, entry)
    click.echo(f"added {entry_id} to {target}")


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
    from briefing.glossary_files import set_field

    entry = _entry(_load(glossary_paths), entry_id)
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
    set_field(entry.origin, entry_id, field, new_value)
    click.echo(f"set {entry_id}.{field} in {entry.origin}")


@glossary.command("rm")
@click.argument("entry_ids", nargs=-1, required=True)
@glossary_option
def glossary_rm(entry_ids, glossary_paths) -> None:
    """Remove entries (and the comment lines directly above them)."""
    from briefing.glossary_files import remove_entry

    loaded = _load(glossary_paths)
    for entry_id in entry_ids:
        entry = _entry(loaded, entry_id)
        remove_entry(entry.origin, entry_id)
        click.echo(f"removed {entry_id} from {entry.origin}")


@glossary.command("find")
@click.argument("text", required=False)
@click.option("--file", "text_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the text from a file instead.")
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_find(text, text_file, lang, as_json, glossary_paths) -> None:
    """Which entries occur in TEXT, with character offsets (forbidden forms included)."""
    from briefing.matching import ADMITTED, ALIAS, APPROVED, FORBIDDEN, Matcher
    from briefing.reading import decode

    if text_file:
        text = decode(text_file.read_bytes(), text_file)
    if not text:
        raise UsageError("give a TEXT or --file")
    matcher = Matcher(_load(glossary_paths), lang, (APPROVED, ADMITTED, ALIAS, FORBIDDEN))
    matches = matcher.find(text)
    if as_json:
        _echo_json([m.__dict__ for m in matches])
        return
    for m in matches:
        click.echo(f"{m.start}-{m.end}\t{m.entry_id}\t{m.text}\t({m.category})")


@glossary.command("suggest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source_lang", default="en", show_default=True, help="Language of the sources.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
@glossary_option
def glossary_suggest(sources, source_lang, limit, as_json, glossary_paths) -> None:
    """Proper names in SOURCES that no glossary entry covers, most frequent first,
    each with a ready-to-edit 'glossary add' command."""
    from briefing.reading import read_document
    from briefing.suggesting import suggest

    documents = [read_document(path) for path in sources]
    suggestions = suggest(documents, _load(glossary_paths), source_lang, limit)
    if as_json:
        _echo_json([{"name": s.name, "count": s.count, "example": s.example, "command": s.command()}
                    for s in suggestions])
        return
    for s in suggestions:
        click.echo(f"{s.count:4}  {s.name:40} {s.command()}")
    if not suggestions:
        _stderr("every proper name found is already in the glossary")


@glossary.command("edit")
@click.argument("entry_id")
@glossary_option
def glossary_edit(entry_id, glossary_paths) -> None:
    """Open the entry in $EDITOR; it is checked on save and re-opened on error if you wish."""
    from briefing.glossary import GlossaryError
    from briefing.glossary_files import parse_entry, render, replace_entry

    entry = _entry(_load(glossary_paths), entry_id)
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
            _stderr(f"briefing: error: {err}")
            if not sys.stdin.isatty() or not click.confirm("Re-open the editor?", default=True):
                raise BriefingError("entry not changed") from None
            text = edited
    replace_entry(entry.origin, new_entry)
    click.echo(f"updated {entry_id} in {entry.origin}")


@glossary.command("lint")
@glossary_option
def glossary_lint(glossary_paths) -> None:
    """Check for conflicting forms, aliases that shadow other entries, missing languages, scripts."""
    from briefing.linting import ERROR, lint

    loaded = _load(glossary_paths)
    problems = lint(loaded)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.level == ERROR for p in problems)
    _stderr(f"{len(loaded)} entries, {errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        sys.exit(1)


@glossary.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv", "omegat"]), help="Default: from the extension.")
@click.option("--from", "source_lang", default="en", show_default=True, help="OmegaT: source language.")
@click.option("--to", "target_lang", default="fr", show_default=True, help="OmegaT: target language.")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path), help="Glossary file to write.")
@click.option("--replace", is_flag=True, help="Replace entries whose id already exists.")
@glossary_option
def glossary_import(source, fmt, source_lang, target_lang, into, replace, glossary_paths) -> None:
    """Import a TBX, CSV or OmegaT glossary into a glossary file."""
    from briefing.glossary_files import import_entries
    from briefing.interchange import read_file

    entries = read_file(source, fmt, source_lang, target_lang)
    target, added, replaced = import_entries(entries, glossary_paths, into, replace)
    click.echo(f"imported {added} new and {replaced} replaced entries into {target}")


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout.")
@glossary_option
def glossary_export(fmt, output, glossary_paths) -> None:
    """Export the glossary as TBX (TBX-Basic) or CSV for CAT tools."""
    from briefing import atomic
    from briefing.interchange import export

    text = export(_load(glossary_paths), fmt)
    if output:
        atomic.write_text(output, text)
        _stderr(f"wrote {output}")
    else:
        click.echo(text, nl=False)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors become one line on stderr and the exit code of the design."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or os.environ.get("BRIEFING_DEBUG") == "1"
    try:
        cli.main(args=argv, prog_name="briefing", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.Abort:
        _stderr("briefing: aborted")
        sys.exit(130)
    except BriefingError as err:
        if debug:
            raise
        _stderr(f"briefing: error: {err}")
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        _stderr("briefing: interrupted")
        sys.exit(130)
    except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
        if debug:
            raise
        _stderr(f"briefing: internal error: {type(err).__name__}: {err} (run with --debug for details)")
        sys.exit(1)
