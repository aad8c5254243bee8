"""Glossary interchange with CAT tools: TBX (ISO 30042), CSV, OmegaT's tab-separated glossary.

TBX is read with defusedxml, so entity expansion (billion laughs) and external entities are
refused. TBX-Basic (martif/termEntry/langSet/tig) and TBX v3 (conceptEntry/langSec/termSec)
are both read; TBX-Basic is written. The mapping: administrativeStatus preferredTerm /
admittedTerm / deprecatedTerm ↔ preferred / admitted / forbidden; grammatical forms and
source-side aliases are tigs with a `usageNote` of `form:NAME` or `alias`; the kind is the
`subjectField`.

CSV has a header row of language codes (as Amazon Translate and DeepL glossaries) and optional
`id`, `kind`, `note` columns; `|` separates several forms in a cell, the first being preferred.
Columns `LANG:forbidden`, `LANG:aliases`, `LANG:forms` (`name=form|…`) carry the rest, so that
export then import gives the same glossary.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
from pathlib import Path

from briefing.glossary.model import KINDS, Entry, Glossary, GlossaryError, Terms, entry_from_dict, read_glossary_file
from briefing.xmlsafe import xml_attribute, xml_text

_STATUS = {
    "preferredterm-admn-sts": "preferred",
    "preferred": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admitted": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "deprecated": "forbidden",
    "forbidden": "forbidden",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Subject fields as termbases write them → the glossary's kinds.
_SUBJECTS = {"place": "place", "places": "place", "geography": "place", "toponym": "place", "place name": "place",
             "location": "place", "person": "person", "people": "person", "personal name": "person",
             "anthroponym": "person", "organization": "organization", "organisation": "organization",
             "institution": "organization", "armed group": "armed-group", "military": "armed-group",
             "sect": "sect", "religion": "religious-group", "ethnic group": "ethnic-group", "event": "event"}
_LANGUAGE_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{2,8}))?$")


def split_language(code: str) -> tuple[str, str]:
    """"fr-FR" → ("fr", "FR"); "en" → ("en", ""); anything else → (code, "")."""
    match = _LANGUAGE_CODE.match(code.strip())
    return (match.group(1).lower(), (match.group(2) or "")) if match else (code.strip(), "")


def _kind(subject: str) -> str | None:
    subject = subject.strip().lower().replace("_", " ").replace("-", " ")
    return subject.replace(" ", "-") if subject.replace(" ", "-") in KINDS else _SUBJECTS.get(subject)


def slug(text: str) -> str:
    """A stable entry id from a term: ASCII, lower case, hyphens; a hash for non-Latin text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return ascii_text or "term-" + hashlib.sha1(text.encode()).hexdigest()[:8]


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("tbx", "xml"):
        return "tbx"
    if suffix == "csv":
        return "csv"
    if suffix in ("tsv", "txt", "utf8", "tab"):
        return "omegat"
    raise GlossaryError(f"{path}: unknown glossary format; use --format tbx|csv|omegat")


# ---------------------------------------------------------------- TBX


@functools.lru_cache(maxsize=256)
def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, *names: str):
    return [child for child in element if _local(child.tag) in names]


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(data: bytes, path: Path) -> list[Entry]:
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    entries = []
    try:
        for number, concept in enumerate(_concepts(data, SafeET), start=1):
            entry = _tbx_entry(concept, number, path)
            concept.clear()  # streamed: one concept in memory at a time, whatever the termbase's size
            if entry is not None:
                entries.append(entry)
    except defusedxml.DefusedXmlException as err:
        reason = type(err).__name__
        raise GlossaryError(f"{path}: refused unsafe XML ({reason}): DTDs and entities are not allowed") from None
    except ParseError as err:
        line, column = err.position
        raise GlossaryError(f"{path}:{line}:{column}: not well-formed XML") from None
    except LookupError as err:  # expat's answer to an encoding declaration it does not know
        raise GlossaryError(f"{path}: {err} (declared in its XML prolog)") from None
    return entries


def _concepts(data: bytes, safe_tree):
    """termEntry / conceptEntry elements as the parser closes them."""
    for _, element in safe_tree.iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        if _local(element.tag) in ("termEntry", "conceptEntry"):
            yield element


def _tbx_entry(concept, number: int, path: Path) -> Entry | None:
    data_entry, entry_notes = _concept_fields(concept)
    regions: dict[str, list[str]] = {}
    for lang_set in _children(concept, "langSet", "langSec"):
        lang = _table_language(lang_set, regions)
        terms = _lang_set_terms(lang_set)
        if terms and "preferred" in terms:
            _merge_terms(data_entry.setdefault(lang, {}), terms)
    locales = [f"{lang}-{region}" for lang, found in regions.items() for region in found if region]
    if locales:
        entry_notes.append("locales: " + ", ".join(locales))
    if entry_notes:
        data_entry["note"] = " ".join(entry_notes)
    languages = [k for k, v in data_entry.items() if isinstance(v, dict)]
    if not languages:
        return None
    first = data_entry.get("en", data_entry[languages[0]])["preferred"]
    given = concept.get("id") or ""
    entry_id = slug(first) if not given or _OPAQUE_ID.fullmatch(given.lower()) else given
    entry_id = entry_id if re.match(r"^[a-z0-9][a-z0-9_-]*$", entry_id) else slug(entry_id)
    return entry_from_dict(entry_id, data_entry, f"{path}: termEntry {number}")


# A concept id that names nothing (c1, 0042, tbx-17, a UUID): the entry is named after its term.
_OPAQUE_ID = re.compile(r"[a-z_]{0,8}[-_.]?\d+|[0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f-]{16,}")


def _concept_fields(concept) -> tuple[dict, list[str]]:
    """The concept-level fields (kind, do-not-translate, source) and its notes; a subject field
    that names no kind of ours is kept as a note."""
    fields: dict = {}
    subjects = []
    for descrip in concept.iter():
        kind, tag, text = descrip.get("type", ""), _local(descrip.tag), _text(descrip)
        if tag == "descrip" and kind == "subjectField" and text:
            mapped = _kind(text)
            if mapped:
                fields["kind"] = mapped
            else:
                subjects.append(f"subject: {text}")
        elif tag == "descrip" and kind == "doNotTranslate":
            fields["do_not_translate"] = text.lower() in ("yes", "true", "1")
        elif tag == "admin" and kind == "source":
            fields["source"] = text
        elif tag == "descrip" and kind == "definition" and text:
            subjects.append(f"definition: {text}")
    return fields, [_text(n) for n in _children(concept, "note")] + subjects


def _table_language(lang_set, regions: dict[str, list[str]]) -> str:
    """The glossary language of a langSet: the first of a language is its table (fr-FR, or
    plain fr, is French); a region met after another region or after the plain language (fr-CA)
    keeps a table of its own. `regions` records the regions met ("" for the plain language)."""
    language, region = split_language(lang_set.get(_XML_LANG) or lang_set.get("lang") or "")
    seen = regions.setdefault(language, [])
    lang = f"{language}_{region.upper()}" if seen and region and region not in seen else language
    if region not in seen:
        seen.append(region)
    return lang


def _lang_set_terms(lang_set) -> dict:
    """One language's terms, by role; the first admitted form (or grammatical form, or alias)
    is preferred when none is marked so."""
    terms: dict = {}
    for tig in _children(lang_set, "tig", "ntig", "termSec"):
        term_elements = [t for t in tig.iter() if _local(t.tag) == "term"]
        if term_elements and _text(term_elements[0]):
            _add_term(terms, _text(term_elements[0]), {n.get("type"): _text(n) for n in tig.iter()
                                                       if _local(n.tag) == "termNote"})
    if terms and "preferred" not in terms:
        candidates = terms.get("admitted") or list(terms.get("forms", {}).values()) or terms.get("aliases")
        if candidates:
            terms["preferred"] = candidates[0]
            if terms.get("admitted") and terms["admitted"][0] == terms["preferred"]:
                terms["admitted"] = terms["admitted"][1:]
    return terms


def _add_term(terms: dict, form: str, notes: dict) -> None:
    status = _STATUS.get(notes.get("administrativeStatus", "").lower(), "admitted")
    usage = notes.get("usageNote", "")
    if usage.startswith("form:"):
        terms.setdefault("forms", {})[usage[5:]] = form
    elif usage == "alias":
        terms.setdefault("aliases", []).append(form)
    elif status == "preferred" and "preferred" not in terms:
        terms["preferred"] = form
    elif status == "forbidden":
        terms.setdefault("forbidden", []).append(form)
    else:
        terms.setdefault("admitted", []).append(form)


def _merge_terms(slot: dict, terms: dict) -> None:
    """Terms of a language met twice in one concept merge; a second preferred form is admitted."""
    for name, value in terms.items():
        if name == "preferred" and slot.get("preferred", value) != value:
            slot.setdefault("admitted", []).append(value)
        elif isinstance(value, list):
            slot.setdefault(name, []).extend(value)
        elif isinstance(value, dict):
            slot.setdefault(name, {}).update(value)
        else:
            slot.setdefault(name, value)


def write_tbx(glossary: Glossary) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<martif type="TBX-Basic" xml:lang="en">',
        "  <martifHeader><fileDesc><sourceDesc><p>briefing glossary</p></sourceDesc></fileDesc></martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for entry in glossary:
        out.append(f"      <termEntry id={xml_attribute(entry.id)}>")
        out.append(f'        <descrip type="subjectField">{xml_text(entry.kind)}</descrip>')
        if entry.do_not_translate:
            out.append('        <descrip type="doNotTranslate">yes</descrip>')
        if entry.source:
            out.append(f'        <admin type="source">{xml_text(entry.source)}</admin>')
        if entry.note:
            out.append(f"        <note>{xml_text(entry.note)}</note>")
        for lang, terms in entry.terms.items():
            out.append(f"        <langSet xml:lang={xml_attribute(lang.replace('_', '-'))}>")
            rows = [(terms.preferred, "preferredTerm-admn-sts", "")]
            rows += [(form, "preferredTerm-admn-sts", f"form:{name}") for name, form in terms.forms.items()]
            rows += [(form, "admittedTerm-admn-sts", "") for form in terms.admitted]
            rows += [(form, "admittedTerm-admn-sts", "alias") for form in terms.aliases]
            rows += [(form, "deprecatedTerm-admn-sts", "") for form in terms.forbidden]
            for form, status, usage in rows:
                out.append(f"          <tig><term>{xml_text(form)}</term>")
                out.append(f'            <termNote type="partOfSpeech">{_part_of_speech(entry, usage)}</termNote>')
                out.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
                if usage:
                    out.append(f'            <termNote type="usageNote">{xml_text(usage)}</termNote>')
                out.append("          </tig>")
            out.append("        </langSet>")
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(out)


def _part_of_speech(entry: Entry, usage: str) -> str:
    """TBX-Basic's partOfSpeech: names are proper nouns; a grammatical form may say otherwise."""
    if "adjective" in usage:
        return "adjective"
    return "properNoun" if entry.kind in _PROPER_KINDS else "noun"


_PROPER_KINDS = {"person", "place", "organization", "armed-group", "event"}


# ---------------------------------------------------------------- CSV


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


_CSV_FIELDS = ("id", "kind", "note", "source", "do_not_translate")


def _is_header(row: list[str]) -> bool:
    """A header names columns: language codes (en, fr-FR), LANG:extra, or id/kind/note…"""
    def column(cell: str) -> bool:
        name, _, extra = cell.strip().partition(":")
        return name in _CSV_FIELDS or (_LANGUAGE_CODE.match(name) is not None and len(name) <= 8
                                       and (not extra or extra in ("forbidden", "aliases", "forms")))
    return bool(row) and all(column(cell) for cell in row if cell.strip())


def read_csv(text: str, path: Path, source_lang: str = "en", target_lang: str = "fr") -> list[Entry]:
    """CSV with a header of language codes (Amazon, briefing's export), or DeepL's two columns
    `source,target` without a header, whose languages come from --from/--to."""
    reader = csv.reader(io.StringIO(text), strict=True)  # a stray quote is an error, never a swallowed file
    rows, started = [], 1
    try:
        for row in reader:
            rows.append(row)
            started = reader.line_num + 1
    except csv.Error as err:  # a quote left open, a cell over the csv module's 128 KiB limit
        raise GlossaryError(f"{path}:{started}: malformed CSV row ({err}); nothing was imported") from None
    if not rows:
        raise GlossaryError(f"{path}: empty CSV")
    if _is_header(rows[0]):
        header = [_column_language(h.strip()) for h in rows[0]]
        body = enumerate(rows[1:], start=2)
    elif all(len(row) == 2 for row in rows if any(cell.strip() for cell in row)):
        header = [source_lang, target_lang]
        body = enumerate(rows, start=1)
    else:
        raise GlossaryError(
            f"{path}:1: neither a header of language codes (en,fr,…) nor DeepL's two columns source,target"
        )
    entries = []
    for line, row in body:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise GlossaryError(f"{path}:{line}: {len(row)} cells but {len(header)} columns")
        cells = dict(zip(header, map(_restored, row), strict=False))
        data: dict = {}
        for column, cell in cells.items():
            if not cell.strip():
                continue
            lang, _, extra = column.partition(":")
            if column in ("id", "kind", "note", "source"):
                data[column] = cell.strip()
            elif column == "do_not_translate":
                data[column] = cell.strip().lower() in ("yes", "true", "1")
            elif not extra:
                forms = _split(cell)
                terms = data.setdefault(lang, {})
                terms["preferred"] = forms[0]
                if forms[1:]:
                    terms["admitted"] = forms[1:]
            elif extra in ("forbidden", "aliases"):
                data.setdefault(lang, {})[extra] = _split(cell)
            elif extra == "forms":
                pairs = [part.partition("=") for part in _split(cell)]
                data.setdefault(lang, {})["forms"] = {k.strip(): v.strip() for k, _, v in pairs}
        languages = [k for k, v in data.items() if isinstance(v, dict)]
        if not languages:
            raise GlossaryError(f"{path}:{line}: no term in this row")
        entry_id = data.pop("id", "") or slug(data.get("en", data[languages[0]]).get("preferred", ""))
        entries.append(entry_from_dict(entry_id, data, f"{path}:{line}", path, line))
    return entries


def _column_language(column: str) -> str:
    name, sep, extra = column.partition(":")
    if name in _CSV_FIELDS:
        return column
    return split_language(name)[0] + sep + extra


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _restored(cell: str) -> str:
    """Undo the neutralising apostrophe of our own export."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def write_csv(glossary: Glossary, raw: bool = False) -> str:
    languages = sorted(glossary.languages())
    extras = [f"{lang}:{name}" for lang in languages for name in ("forbidden", "aliases", "forms")]
    used = [c for c in extras if any(_csv_cell(e, c) for e in glossary)]
    header = ["id", "kind", "note", "do_not_translate", *languages, *used]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for entry in glossary:
        row = [entry.id, entry.kind, entry.note, "yes" if entry.do_not_translate else "",
               *(_csv_cell(entry, c) for c in [*languages, *used])]
        writer.writerow(row if raw else [spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def _csv_cell(entry: Entry, column: str) -> str:
    lang, _, extra = column.partition(":")
    terms: Terms | None = entry.terms.get(lang)
    if terms is None:
        return ""
    if not extra:
        return "|".join([terms.preferred, *terms.admitted])
    if extra == "forms":
        return "|".join(f"{k}={v}" for k, v in terms.forms.items())
    return "|".join(getattr(terms, extra))


# ---------------------------------------------------------------- OmegaT


def read_omegat(text: str, path: Path, source_lang: str, target_lang: str) -> list[Entry]:
    """OmegaT glossary: `source<TAB>target[<TAB>comment]` per line, `#` comments."""
    entries: dict[str, Entry] = {}
    for line, row in enumerate(text.splitlines(), start=1):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise GlossaryError(f"{path}:{line}: expected 'source<TAB>target[<TAB>comment]'")
        data = {
            source_lang: {"preferred": cells[0].strip()},
            target_lang: {"preferred": cells[1].strip()},
        }
        if len(cells) > 2 and cells[2].strip():
            data["note"] = cells[2].strip()
        entry = entry_from_dict(slug(cells[0]), data, f"{path}:{line}", path, line)
        if entry.id in entries:
            entries[entry.id].terms[target_lang].admitted.append(cells[1].strip())
        else:
            entries[entry.id] = entry
    return list(entries.values())


def read_file(path: Path, fmt: str | None = None, source_lang: str = "en", target_lang: str = "fr") -> list[Entry]:
    return read_data(read_glossary_file(path), path, fmt or detect_format(path), source_lang, target_lang)


def read_data(data: bytes, path: Path, fmt: str, source_lang: str = "en", target_lang: str = "fr") -> list[Entry]:
    """Entries of a termbase's bytes in `fmt` (tbx, csv, omegat); `path` names it in errors."""
    if fmt == "tbx":
        return read_tbx(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None
    if fmt == "csv":
        return read_csv(text, path, source_lang, target_lang)
    return read_omegat(text, path, source_lang, target_lang)


def export(glossary: Glossary, fmt: str, raw: bool = False, excel: bool = False) -> str:
    """TBX or CSV text; CSV cells that a spreadsheet would run are neutralised unless `raw`, and
    `excel` starts the CSV with a byte-order mark so that Excel reads it as UTF-8."""
    if fmt == "tbx":
        return write_tbx(glossary)
    if fmt == "csv":
        return ("\ufeff" if excel else "") + write_csv(glossary, raw)
    raise GlossaryError(f"cannot export to {fmt!r} (tbx or csv)")
