"""`briefing check`: QA of any translation against its source, without a model."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefing.cli.common import CommandState, echo_json, pass_state, say


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("translation", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG")
@click.option("--to", "target_lang", required=True, metavar="LANG", help="Language of TRANSLATION (fr, ar, …).")
@click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.")
@click.option("--json", "as_json", is_flag=True, help="The full JSON report on stdout.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write qa.html and qa.csv into this folder, as 'translate' does for a run.")
@pass_state
def check(state: CommandState, source, translation, source_lang, target_lang, glossary_paths, as_json,
          report_dir) -> None:
    """Check TRANSLATION against SOURCE: glossary terms, figures, untranslated lines.

    Two plain-text files with the same number of lines are line-aligned: line i of
    TRANSLATION translates line i of SOURCE. Anything else (Markdown, a briefing that
    'translate' wrote, a translation with sentences merged, dropped or moved) is aligned by
    paragraph, then by sentence, with figures and glossary names as anchors; sentences
    without a counterpart are reported as unaligned. Works on any translation, human or
    machine; needs no model. Exit 1 when problems are found.

    \b
    Example:
      briefing check report.en.txt report.fr.txt --to fr --json > qa.json
    """
    from briefing.pipeline.checking import CheckRequest, check
    from briefing.quality.checking import summary_line

    report = check(CheckRequest(source, translation, target_lang, source_lang, glossary_paths, debug=state.debug))
    if report_dir is not None:
        from briefing.languages import parse_language
        from briefing.output.batch import Reviewed, write_batch_report

        report_dir.mkdir(parents=True, exist_ok=True)
        write_batch_report([Reviewed.of(translation.name, parse_language(target_lang).locale, report,
                                     translation.resolve().as_uri())], report_dir)
    if as_json:
        echo_json(report.to_dict())
    else:
        for segment in report.segments:
            if segment.problems:
                where = (f"line {segment.index + 1}" if segment.aligned is None
                         else "sentences " + _sentence_numbers(segment.aligned))
                say(f"{where}: " + "; ".join(segment.problem_lines()))
        click.echo(summary_line(report.summary()))
    if report.problems:
        sys.exit(1)


def _sentence_numbers(aligned: tuple[list[int], list[int]]) -> str:
    source, target = ([str(i + 1) for i in side] or ["–"] for side in aligned)
    return f"{'+'.join(source)} ↔ {'+'.join(target)}"
