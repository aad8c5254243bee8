"""`briefing check`: QA of any translation against its source, without a model."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli.common import echo_json


@click.command()
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
    from briefing.glossary.files import load
    from briefing.languages import parse_language
    from briefing.quality.checking import check_pairs, read_aligned, summary_line

    source_code = parse_language(source_lang).language
    target_code = parse_language(target_lang).language
    report = check_pairs(read_aligned(source, translation), load(glossary_paths), source_code, target_code)
    if as_json:
        echo_json(report.to_dict())
    else:
        for segment in report.segments:
            if segment.problems:
                click.echo(f"line {segment.index + 1}: " + "; ".join(segment.problem_lines()))
        click.echo(summary_line(report.summary()))
    if report.problems:
        sys.exit(1)
