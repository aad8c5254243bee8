"""Briefings as XLIFF 2.0 or 1.2, for the CAT tools a desk's translators work in (memoQ, Trados,
OmegaT, Phrase): one unit per sentence, with its source, the machine (or reviewed) translation,
and notes on its glossary terms and on what the QA found.

Written here rather than with translate-toolkit, which writes 2.0 notes inside <segment>, where
the 2.0 schema does not allow them (and is GPL: `memory import` reads both versions itself,
`translation.cat_files`).
Each unit's id carries a digest of the translation as written, so that `memory import` knows
an edited target from an untouched one whatever the CAT tool keeps of the rest.
"""

from __future__ import annotations

from typing import Literal, get_args

from briefing import __version__
from briefing.output.formats import Rendering
from briefing.quality.checking import SegmentReport
from briefing.translation.memory_rows import HUMAN
from briefing.translation.types import Briefing, Segment
from briefing.translation.xliff_ids import unit_id
from briefing.xmlsafe import xml_attribute, xml_text

Version = Literal["2.0", "1.2"]
VERSIONS: tuple[Version, ...] = get_args(Version)
SUFFIX = "xlf"


def notes(segment: Segment, report: SegmentReport | None) -> list[str]:
    """What a translator should know of a sentence: its glossary terms, the QA's findings, and
    whether the translation is a reviewer's."""
    found = [f"glossary {term.entry}: {term.source_text} → {term.expected[0]}"
             + ("" if term.status == "ok" else f" ({term.status})")
             for term in (report.terms if report else []) if term.expected]
    found += [f"QA: {line}" for line in (report.problem_lines() if report else [])]
    if segment.origin == HUMAN:
        found.append("a reviewer's translation, from the segment memory")
    return found


def render_xliff(rendering: Rendering) -> str:
    return to_xliff(rendering.printed.briefing, rendering.printed.options.xliff_version)


def to_xliff(briefing: Briefing, version: Version = "2.0") -> str:
    reports = {report.index: report for report in briefing.qa.segments} if briefing.qa else {}
    units = [(segment, notes(segment, reports.get(segment.index))) for segment in briefing.segments]
    return (_version_2 if version == "2.0" else _version_1_2)(briefing, units)


def _version_2(briefing: Briefing, units: list[tuple[Segment, list[str]]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
             f'srcLang={_language(briefing.source_lang)} trgLang={_language(briefing.target.locale)}>',
             f'  <file id="f1" original={xml_attribute(briefing.document.path.name)}>']
    for segment, found in units:
        lines.append(f'    <unit id="{unit_id(segment.index, segment.target)}" name="block {segment.block}">')
        if found:
            lines += ["      <notes>", *(f"        <note>{xml_text(note)}</note>" for note in found), "      </notes>"]
        state = "reviewed" if segment.origin == HUMAN else "translated"
        lines += [f'      <segment state="{state}">',
                  f'        <source xml:space="preserve">{xml_text(segment.source)}</source>',
                  f'        <target xml:space="preserve">{xml_text(segment.target)}</target>',
                  "      </segment>", "    </unit>"]
    return "\n".join([*lines, "  </file>", "</xliff>", ""])


def _version_1_2(briefing: Briefing, units: list[tuple[Segment, list[str]]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">',
             f'  <file original={xml_attribute(briefing.document.path.name)} '
             f'source-language={_language(briefing.source_lang)} '
             f'target-language={_language(briefing.target.locale)} datatype="plaintext" '
             f'tool-id="briefing">',
             f'    <header><tool tool-id="briefing" tool-name="briefing" tool-version="{__version__}"/></header>',
             "    <body>"]
    for segment, found in units:
        state = ' state="translated"' if segment.origin == HUMAN else (
            ' state="needs-review-translation" state-qualifier="mt-suggestion"')
        lines += [f'      <trans-unit id="{unit_id(segment.index, segment.target)}" resname="block {segment.block}"'
                  ' xml:space="preserve">',
                  f"        <source>{xml_text(segment.source)}</source>",
                  f"        <target{state}>{xml_text(segment.target)}</target>",
                  *(f'        <note from="briefing">{xml_text(note)}</note>' for note in found),
                  "      </trans-unit>"]
    return "\n".join([*lines, "    </body>", "  </file>", "</xliff>", ""])


def _language(locale: str) -> str:
    """A BCP 47 tag, as both versions want: fr_CA is fr-CA."""
    return xml_attribute(locale.replace("_", "-"))
