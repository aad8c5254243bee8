"""`briefing translate`: sources in, briefings out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli.common import (
    CommandState,
    echo_error,
    memory_options,
    model_choice,
    model_option,
    pass_state,
    terminal_callbacks,
)


class RegisteredFormat(click.Choice):
    """--format's choices: the output formats registered when the command line is read (the
    registry is light; a format added by a plugin or a test is offered like the built-in ones)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self):
        from briefing.output import formats

        return formats.names()

    @choices.setter
    def choices(self, value) -> None:
        pass

# The library's choices, written out so that --help imports none of it (a test keeps them equal).
XLIFF_VERSIONS = ("2.0", "1.2")
PAPERS = ("a4", "letter")
LAYOUTS = ("briefing", "review")
STRATEGIES = ("inline", "repair", "off")
DIGITS = ("locale", "latn", "arab")
DEVICES = ("auto", "cpu", "cuda")


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language or locale (ar, fr, ar_SY, fr_CA). Repeat for several.")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Language of the sources.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("briefings"),
              show_default=True,
              help="Folder for the briefings: SOURCE.LANG.md, .json, .html, .pdf, .docx, .xlf and .qa.json.")
@click.option("--format", "formats", multiple=True, type=RegisteredFormat(), default=("md", "json"),
              show_default=True, help="Output formats, repeatable: md, json, html (print CSS), pdf (the printed "
                                      "briefing: key terms, QA box, right-to-left Arabic), docx (the same "
                                      "briefing as a Word file for a reviewer; 'memory import' reads it back), "
                                      "xliff (SOURCE.LANG.xlf for CAT tools: memoQ, Trados, OmegaT, Phrase).")
@click.option("--xliff-version", type=click.Choice(XLIFF_VERSIONS), default="2.0", show_default=True,
              help="XLIFF version of --format xliff (1.2 for tools that read only that one).")
@click.option("--paper", type=click.Choice(PAPERS), default="a4", show_default=True,
              help="Page size of PDF and Word briefings.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="briefing", show_default=True,
              help="html/pdf: the briefing, or source and translation side by side for a reviewer.")
@click.option("--cluster", metavar="ADDRESS",
              help="Translate on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for N worker "
                   "processes on this machine. The briefings are written here, as without it. Its workers see "
                   "every source and their answers are unpickled here: use tls:// with certificates beyond "
                   "this machine.")
@click.option("--insecure", is_flag=True,
              help="Allow a --cluster tcp:// address beyond this machine, unencrypted (a network that is yours).")
@model_option
@click.option("--beam-size", default=2, show_default=True, type=click.IntRange(1, 16),
              help="Beam search width: higher is slower and slightly better.")
@click.option("--threads", default=0, type=click.IntRange(0, 256),
              help="CPU workers translating batches side by side, one core each (0 = one per core).")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True,
              help="auto: a CUDA GPU when CTranslate2 sees one, else the CPU.")
@click.option("--compute-type", default="auto", show_default=True,
              type=click.Choice(["auto", "default", "int8", "int8_float32", "int8_float16", "int16", "float16",
                                 "float32"]),
              help="CTranslate2 compute type (auto: int8 on CPU, int8_float16 on a GPU).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.")
@click.option("--enforce", type=click.Choice(STRATEGIES), default="inline", show_default=True,
              help="inline: glossary forms go into the model input, the output is then verified and "
                   "repaired; repair: only verify and repair the output; off: only report.")
@click.option("--digits", type=click.Choice(DIGITS), default="locale", show_default=True,
              help="Digits of figures and dates: the locale's (ar_SY: ١٢٣, ar: 123), Latin or Arabic-Indic.")
@memory_options
@click.option("--date", "report_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The report date of the sources, when they do not state it (or state it wrongly).")
@click.option("--force", is_flag=True, help="Overwrite outputs a reviewer edited since they were written (a .bak copy "
                                            "of each is kept). Without it, such a re-run stops before writing.")
@click.option("--skip-existing", is_flag=True, help="Leave out the sources whose briefings are already in --out.")
@click.option("--strict", is_flag=True, help="Exit 1 when the QA report finds a problem (a figure changed, a name "
                                             "missing), e.g. in scripts that must not publish such a briefing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (warnings and errors still show).")
@pass_state
def translate(state: CommandState, sources, targets, source_lang, out_dir, formats, xliff_version, paper, layout,
              cluster, insecure, models, beam_size, threads, device, compute_type, glossary_paths, enforce, digits,
              memory_path, no_memory, report_date, force, skip_existing, strict, quiet) -> None:
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
    Word file for a reviewer (right-to-left Arabic); --format xliff one XLIFF file per
    source and language for a CAT tool, each sentence with its glossary terms and QA
    findings as notes. 'briefing memory import' reads the corrected file back.

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
    from briefing import pipeline
    from briefing.output.options import RenderOptions
    from briefing.translation.engine import EngineOptions

    request = pipeline.TranslateRequest(
        sources=sources, targets=targets, source_lang=source_lang, out_dir=out_dir, formats=formats,
        render=RenderOptions(paper=paper, layout=layout, digits=digits, xliff_version=xliff_version),
        engine=EngineOptions(beam_size=beam_size, threads=threads, device=device, compute_type=compute_type,
                             models=model_choice(models)),
        glossary_paths=glossary_paths, enforce=enforce, memory=memory_path, use_memory=not no_memory,
        report_date=report_date.date() if report_date else None, force=force, skip_existing=skip_existing,
        debug=state.debug, cluster=cluster, insecure_cluster=insecure,
    )
    result = pipeline.translate(request, terminal_callbacks(quiet))
    from briefing.quality.checking import summary_line  # not before: the model loads while the checks import

    if result.briefings and not quiet:
        for briefing in result.briefings:
            echo_error(f"QA {briefing.document.name}.{briefing.target}: {summary_line(briefing.qa.summary())}")
        echo_error(f"wrote {len(result.written)} files to {out_dir}/ for {result.sources} source(s) × "
                   f"{result.targets} target(s) ({result.sentences} sentences, {result.seconds:.1f} s)")
    if result.failures or (strict and result.problems):
        sys.exit(1)
