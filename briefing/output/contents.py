"""What a finished briefing holds, whatever it is written as (Markdown, HTML/PDF, Word): the
header lines, the body, the key-terms table and the QA box, worded in the target language. Built
once per briefing and given to every renderer, so that no two formats disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefing.glossary.model import Glossary
from briefing.output.labels import aspect, counted, date_parts, finding, kind_name, labels, left_out
from briefing.output.options import RenderOptions
from briefing.quality.checking import SegmentReport
from briefing.quality.numbers import OK
from briefing.sources.document import Block, Document
from briefing.sources.markdown_briefing import DETAILS_SEPARATOR, LANGUAGES_ARROW
from briefing.translation.localizing import Localizer
from briefing.translation.types import Briefing

RTL = {"ar", "fa", "he", "ur"}
TERM_COLUMNS = (("en", "English"), ("fr", "Français"), ("ar", "العربية"))


SHOWN_FINDINGS = 20  # sentences listed in the QA box; the rest are counted
EXCERPT_CHARS = 160


@dataclass(frozen=True)
class Finding:
    """A sentence of the briefing to verify, cut at a word, and everything wrong with it."""

    excerpt: str
    items: list[str]
    line: str  # the items joined as the language lists them ("; ", Arabic "؛ ")


@dataclass(frozen=True)
class Table:
    """A table of the body as printed: its rows of translated cell texts, the first the header,
    and each column's alignment ("left", "center", "right" or "")."""

    rows: list[list[str]]
    aligns: list[str] = field(default_factory=list)


def body_parts(body: list[tuple[Block, str]]) -> list[tuple[Block, str] | Table]:
    """The body with each table's cells gathered back into their grid, for the renderers."""
    parts: list[tuple[Block, str] | Table] = []
    current = None
    for block, text in body:
        if block.cell is None:
            parts.append((block, text))
            current = None
            continue
        table, row, _ = block.cell
        if current != table:
            parts.append(Table([]))
            current = table
        rows = parts[-1].rows
        rows.extend([] for _ in range(row + 1 - len(rows)))
        rows[row].append(text)
        if row == 0:
            parts[-1].aligns.append(block.align)
    return parts


@dataclass
class Contents:
    briefing: Briefing  # for the JSON, which carries every segment with its offsets and repairs
    options: RenderOptions
    localizer: Localizer
    lang: str
    locale: str
    rtl: bool
    title: str
    running: str  # the page header: "Briefing — 9 March 2025"
    dates: list[str]
    source_label: str  # "Source:", typeset for the language
    source_name: str
    languages: str  # "English → Arabic", in the target language
    note: str  # the machine-translation warning
    model: str  # the packages of the route: "translate-en_ar 1.0 → …"
    body: list[tuple[Block, str]]
    source_lang: str = ""
    review_header: tuple[str, str] = ("", "")  # the review layout's columns: source, translation
    review_rows: list[tuple[int, str, str]] = field(default_factory=list)  # each sentence: its number (as the QA
    # reports count: "sentence 8"), source, translation
    terms_heading: str = ""
    terms_header: list[str] = field(default_factory=list)
    terms: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (language code, form)
    qa_heading: str = ""
    qa_items: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the sentences to verify, each with what is wrong
    more: str = ""  # "and 12 more sentences to verify", when not all are listed
    dropped_heading: str = ""
    dropped: list[str] = field(default_factory=list)

    def parts(self) -> list[tuple[Block, str] | Table]:
        """The body, its tables as tables (see `body_parts`)."""
        return body_parts(self.body)

    def details(self) -> str:
        """The line under the title: dates, source, languages."""
        return DETAILS_SEPARATOR.join([*self.dates, f"{self.source_label} {self.source_name}", self.languages])


def contents(briefing: Briefing, glossary: Glossary | None = None,
             options: RenderOptions = RenderOptions()) -> Contents:
    """Everything but the key terms without a glossary."""
    lang = briefing.target.language
    localizer = Localizer(briefing.target.locale, options.digits)
    label = labels(lang)
    doc = briefing.document
    running = f"{label['briefing']} — {localizer.date(doc.date)}" if doc.date else label["briefing"]
    result = Contents(
        briefing=briefing, options=options, localizer=localizer,
        lang=lang, locale=briefing.target.locale, rtl=lang in RTL, title=briefing.title() or label["briefing"],
        running=running, dates=date_parts(localizer, doc.date, options.today or dt.date.today()),
        source_label=localizer.typography(label["source"] + ":"), source_name=source_name(doc, label),
        languages=localizer.language_name(briefing.source_lang) + LANGUAGES_ARROW + localizer.language_name(lang),
        note=label["machine"], model=LANGUAGES_ARROW.join(f"{p.name} {p.version}".strip() for p in briefing.route),
        body=briefing.body(), source_lang=briefing.source_lang, review_header=(label["source"], label["translation"]),
        review_rows=[(segment.index + 1, segment.source, segment.target) for segment in briefing.segments],
    )
    if glossary is not None:
        _add_key_terms(result, briefing, glossary)
    if briefing.qa:
        _add_quality(result, briefing, localizer)
    if doc.dropped:
        result.dropped_heading, result.dropped = label["dropped"], [left_out(lang, item) for item in doc.dropped]
    return result


def source_name(document: Document, label: dict[str, str]) -> str:
    """The source's file name on one line ("standard input" in the briefing's language for `-`),
    and the page's address when it was a saved web page (the link back to the original)."""
    name = label["stdin"] if str(document.path) == "-" else " ".join(document.path.name.split())
    url = " ".join(document.metadata.get("url", "").split())
    return f"{name} ({url})" if url else name


def _add_key_terms(result: Contents, briefing: Briefing, glossary) -> None:
    seen = list(dict.fromkeys(t.entry for s in briefing.qa.segments for t in s.terms)) if briefing.qa else []
    entries = [glossary.entries[e] for e in seen if e in glossary.entries]
    if not entries:
        return
    label = labels(result.lang)
    result.terms_heading = label["terms"]
    result.terms_header = [name for _, name in TERM_COLUMNS] + [label["kind"]]
    tables = {code: result.locale if code == result.lang else code for code, _ in TERM_COLUMNS}  # fr_CA's own forms

    def preferred(entry, code: str) -> str:
        terms = entry.terms_for(tables[code])
        return terms.preferred if terms else "—"

    result.terms = [[(code, preferred(entry, code)) for code, _ in TERM_COLUMNS]
                    + [("", kind_name(entry.kind, result.lang))] for entry in entries]


def _add_quality(result: Contents, briefing: Briefing, localizer: Localizer) -> None:
    """What a reader must verify before handing the briefing over: the counts, then each flagged
    name, figure, untranslated or wrong-script sentence with the sentence itself."""
    label = labels(result.lang)
    summary = briefing.qa.summary()
    terms, numbers = summary["terms"], summary["numbers"]
    n = localizer.shape_digits
    flagged = [(segment, [localizer.typography(item) for item in items]) for segment in briefing.qa.segments
               if (items := _findings(segment, result.lang))]
    separator = "؛ " if result.lang == "ar" else "; "
    result.findings = [Finding(excerpt(segment.target), items, separator.join(items))
                       for segment, items in flagged[:SHOWN_FINDINGS]]
    if len(flagged) > SHOWN_FINDINGS:
        result.more = counted(result.lang, "more", len(flagged) - SHOWN_FINDINGS, n)
    items = [f"{n(str(terms['ok']))} / {n(str(terms['total']))} {label['terms_ok']}",
             f"{n(str(numbers['ok']))} / {n(str(numbers['total']))} {label['figures']}",
             counted(result.lang, "verify", sum(len(found) for _, found in flagged), n)]
    if summary["flags"]["wrong_script"]:
        items.append(counted(result.lang, "wrong_script", summary["flags"]["wrong_script"], n))
    items.append(f"{localizer.typography(label['model'] + ':')} {result.model}")
    result.qa_heading, result.qa_items = label["qa"], items


def _findings(segment: SegmentReport, lang: str) -> list[str]:
    """What is wrong with one sentence, each in the briefing's language."""
    items = [finding(lang, term.status, expected=term.expected[0] if term.expected else term.source_text,
                     found=term.target_text or "") for term in segment.terms if term.problem]
    items += [finding(lang, "figure_aspect" if number.change else f"figure_{number.status}",
                      source=number.source.text, target=number.target.text if number.target else "",
                      aspect=aspect(lang, number.change) if number.change else "")
              for number in segment.numbers if number.status != OK]
    return items + [finding(lang, flag) for flag in segment.flags]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """`text` cut at the last word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0].rstrip(",;:—-")
    return f"{cut}…"
