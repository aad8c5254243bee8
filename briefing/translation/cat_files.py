"""Corrections from a CAT tool's files: XLIFF 2.0 and 1.2 (memoQ, Trados, OmegaT, Phrase, and
briefing's own) and TMX translation memories, read as the standards define them.

Read here on defusedxml rather than with translate-toolkit, because what `translate` writes the
default install must read back (translate-toolkit is an optional GPL extra), and because the
points that decide what enters the memory are the standards' own:
- each XLIFF 1.2 `<file>` has its own languages (a multi-file package mixes pairs);
- inline codes (XLIFF `<ph>`, `<bpt>`, `<x/>`…, TMX `<bpt>`, `<ph>`…) stand for the source
  format's markup: their content is never text, or markup would enter briefings; the text
  inside `<g>`, `<pc>`, `<mrk>`, `<hi>` is;
- TMX's `srclang="*all*"` lets any language be the source: the desk's source language is then
  taken where a unit has it;
- a language code must be one CLDR knows, region kept (fr-CA is fr_CA): a made-up code names no
  briefing's language, and its units are skipped with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from briefing.errors import UsageError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2"
CODES = frozenset({"ph", "bpt", "ept", "it", "x", "bx", "ex", "sc", "ec", "sub", "ut", "sm", "em", "cp"})


@dataclass(frozen=True)
class Unit:
    """One translated sentence of a CAT file: its languages (locales, fr_CA), texts and id."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    unit_id: str = ""


@dataclass
class Units:
    units: list[Unit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per unit left out, and why
    total: int = 0  # units with a source text


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def plain_text(element: Element | None) -> str:
    """The text of a segment without its inline codes: what a reader sees, not the markup."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in CODES:
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def locale_code(tag: str | None) -> str | None:
    """A language tag as a locale (fr-CA → fr_CA, FR → fr; a language's own default region is the
    language: fr-FR is fr, ar-SY stays ar_SY), or None when CLDR does not know it."""
    from babel.core import get_global

    from briefing.languages import parse_language

    if not tag or not tag.strip():
        return None
    try:
        target = parse_language(tag)
    except UsageError:
        return None
    likely = get_global("likely_subtags").get(target.language, "")
    region = target.locale.split("_")[-1] if "_" in target.locale else ""
    return target.language if region and likely.endswith(f"_{region}") else target.locale


def _children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) == name)


def _first(element: Element, name: str) -> Element | None:
    return next(_children(element, name), None)


def xliff_units(root: Element) -> Units:
    """Every unit of an XLIFF 2.0 or 1.2 document with a source text, under its own file's languages."""
    found = Units()
    version_2 = isinstance(root.tag, str) and root.tag.startswith("{" + XLIFF_2)
    if _local(root.tag) != "xliff":
        raise ValueError("its root element is not <xliff>")
    for number, file in enumerate(_children(root, "file"), start=1):
        raw = (root.get("srcLang"), root.get("trgLang")) if version_2 else (
            file.get("source-language"), file.get("target-language"))
        languages = tuple(map(locale_code, raw))
        for unit_id, source, target in (_units_2(file) if version_2 else _units_1_2(file)):
            if not source:
                continue
            found.total += 1
            if None in languages:
                found.skipped.append(f"file {number}: unit {unit_id or '?'} names no language CLDR knows "
                                     f"({raw[0] or 'none'} → {raw[1] or 'none'})")
            elif target:
                found.units.append(Unit(languages[0], languages[1], source, target, unit_id))
    return found


def _units_1_2(file: Element) -> Iterator[tuple[str, str, str]]:
    for unit in file.iter():
        if _local(unit.tag) == "trans-unit":
            yield unit.get("id") or "", plain_text(_first(unit, "source")), plain_text(_first(unit, "target"))


def _units_2(file: Element) -> Iterator[tuple[str, str, str]]:
    for unit in file.iter():
        if _local(unit.tag) == "unit":
            segments = [s for s in unit if _local(s.tag) in ("segment", "ignorable")]
            yield (unit.get("id") or "", " ".join(filter(None, (plain_text(_first(s, "source")) for s in segments))),
                   " ".join(filter(None, (plain_text(_first(s, "target")) for s in segments))))


def tmx_units(root: Element, default_source: str = "en") -> Units:
    """Every translation unit of a TMX document as pairs from its source language to each other
    language it holds. `*all*` (or no srclang): the desk's source language, where a unit has it."""
    found = Units()
    header = _first(root, "header")
    declared = header.get("srclang") if header is not None else None
    for number, unit in enumerate(root.iter("tu"), start=1):
        named = unit.get("srclang") or declared
        source = default_source if not named or named.strip() == "*all*" else locale_code(named)
        segments: dict[str, str] = {}
        unknown = []
        for variant in _children(unit, "tuv"):
            tag = variant.get(XML_LANG) or variant.get("lang")
            code = locale_code(tag)
            if code is None:
                unknown.append(tag or "none")
            else:
                segments[code] = plain_text(_first(variant, "seg"))
        found.total += 1
        if source is None or unknown:
            found.skipped.append(f"translation unit {number} names a language CLDR does not know "
                                 f"({', '.join(unknown) or named})")
            continue
        origin = source if source in segments else next((c for c in segments if c.split("_")[0] == source), None)
        others = [code for code in segments if code != origin and segments[code]]
        if origin is None or not segments[origin] or not others:
            found.skipped.append(f"translation unit {number} has no {source} segment and translation")
            continue
        found.units += [Unit(origin, code, segments[origin], segments[code]) for code in others]
    return found
