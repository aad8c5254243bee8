"""`briefing translate`: sources in, briefings out."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import click

from briefing.cli.common import echo_error, interruptible, memory_options, open_memory, progress_bar

FORMATS = ("md", "json", "html", "pdf", "docx")


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language or locale (ar, fr, ar_SY, fr_CA). Repeat for several.")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Language of the sources.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("briefings"),
              show_default=True,
              help="Folder for the briefings: SOURCE.LANG.md, .json, .html, .pdf, .docx and .qa.json.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), default=("md", "json"),
              show_default=True, help="Output formats, repeatable: md, json, html (print CSS), pdf (the printed "
                                      "briefing: key terms, QA box, right-to-left Arabic), docx (the same "
                                      "briefing as a Word file for a reviewer; 'memory import' reads it back).")
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
@click.option("--date", "report_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The report date of the sources, when they do not state it (or state it wrongly).")
@click.option("--force", is_flag=True, help="Overwrite outputs a reviewer edited since they were written (a .bak copy "
                                            "of each is kept). Without it, such a re-run stops before writing.")
@click.option("--skip-existing", is_flag=True, help="Leave out the sources whose briefings are already in --out.")
@click.option("--strict", is_flag=True, help="Exit 1 when the QA report finds a problem (a figure changed, a name "
                                             "missing), e.g. in scripts that must not publish such a briefing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(sources, targets, source_lang, out_dir, formats, paper, layout, beam_size, threads, compute_type,
              glossary_paths, enforce, digits, memory_path, no_memory, report_date, force, skip_existing, strict,
              quiet) -> None:
    """Translate SOURCES into briefings, one per target language.

    \b
    A source is a file, a folder (its supported files), or - (standard input):
      .txt, .md         UTF-8 text or Markdown
      .html, .htm       a saved web page: the article alone, without menus,
                        links, comments or banners
      .docx, .odt       Word or LibreOffice: headings, paragraphs, table cells,
                        footnotes (tracked changes read as accepted)
      .pdf              a PDF with text (a scan needs OCR first)
    What a reader leaves out (images, page furniture) is listed in the QA report.

    \b
    The report date is a line near the top holding only a date ("March 9, 2025",
    "9 mars 2025", "2025-03-09", "date 2025-03-09"), else the document's metadata (front
    matter 'date:', a page's publication date, Word or PDF properties), or --date. A source
    without one gets no report date; the date of translation is printed apart, labelled as
    such. Short lines without final punctuation between paragraphs of a text file are
    kept as headings.

    Printed briefings are --format pdf (and --format html): one PDF per source and
    language, with the localized date, key-terms table and QA box; --layout review puts
    source and translation side by side. --format docx writes the same briefing as a
    Word file for a reviewer (right-to-left Arabic); 'briefing memory import' reads the
    corrected file back.

    Every sentence of every source goes to the model in one batch; identical sentences
    are translated once. Glossary terms are enforced (--enforce) and every briefing gets a
    QA report, SOURCE.LANG.qa.json: terms ok / missing / forbidden, figures ok / missing /
    changed, untranslated lines, and whether each name agrees across the target languages.

    \b
    Examples:
      briefing translate seeds/*.txt --to ar --to fr --out briefings/
      briefing translate inbox/ --to ar --format pdf --format docx
      briefing translate - --to fr < saved-page.html
    """
    from briefing.languages import parse_language
    from briefing.output.rendering import already_written, write_briefings
    from briefing.quality.checking import summary_line
    from briefing.sources.reading import distinct_names, read_documents, source_files
    from briefing.translation.engine import Engine, EngineOptions
    from briefing.translation.job import cross_language, plan_routes, prepare, progress_total, translate_job
    from briefing.translation.models import installed_packages

    started = time.perf_counter()
    source = parse_language(source_lang).language
    wanted = list(dict.fromkeys(parse_language(code) for code in targets))
    routes = plan_routes(installed_packages(), source, wanted)
    glossary = _glossary_for_translation(glossary_paths, quiet)
    files, failures = source_files(list(sources))
    with progress_bar(len(files), "Reading", quiet or len(files) < 10) as advance:  # a PDF takes a moment
        readable, unreadable = read_documents(files, report_date.date() if report_date else None, advance)
    failures += unreadable
    for failure in failures:
        echo_error(f"briefing: error: {failure}")
    if not readable:
        sys.exit(1)
    documents, renames = distinct_names(readable)
    for note in renames:
        echo_error(f"briefing: note: {note}")
    if skip_existing:
        done = [d for d in documents if already_written(d.name, [t.locale for t in wanted], out_dir)]
        documents = [d for d in documents if d not in done]
        if done and not quiet:
            echo_error(f"briefing: skipped {len(done)} source(s) already translated in {out_dir}/")
        if not documents:
            return
    job = prepare(documents, source)
    engine = Engine(EngineOptions(beam_size=beam_size, threads=threads, compute_type=compute_type))
    with contextlib.ExitStack() as stack:
        memory = None if no_memory else stack.enter_context(open_memory(memory_path))
        bar = stack.enter_context(progress_bar(progress_total(job, wanted, routes), "Translating", quiet))
        update = stack.enter_context(interruptible(bar))
        briefings = translate_job(job, wanted, routes, engine, glossary, enforce, update, memory, digits)
    context = {
        "enforcement": {"strategy": enforce, "glossary": [str(f) for f in glossary.files]},
        "cross_language": cross_language(briefings),
        "glossary": glossary,
        "print": {"paper": paper, "layout": layout, "digits": digits},
    }
    written = write_briefings(briefings, out_dir, list(dict.fromkeys(formats)), context, force)
    if not quiet:
        for briefing in briefings:
            echo_error(f"QA {briefing.document.name}.{briefing.target}: {summary_line(briefing.qa.summary())}")
        echo_error(
            f"wrote {len(written)} files to {out_dir}/ for {len(documents)} source(s) × {len(wanted)} target(s) "
            f"({len(job.distinct)} sentences, {time.perf_counter() - started:.1f} s)"
        )
    if failures or (strict and any(b.qa.problems for b in briefings)):
        sys.exit(1)


def _glossary_for_translation(glossary_paths, quiet: bool):
    """The glossary to enforce; translating without one is allowed, with a warning."""
    from briefing.glossary.files import load
    from briefing.glossary.model import Glossary

    if glossary_paths or os.environ.get("BRIEFING_GLOSSARY") or Path("glossary").is_dir():
        return load(glossary_paths)
    if not quiet:
        echo_error("briefing: warning: no glossary (./glossary/ or --glossary): names are not enforced")
    return Glossary()
