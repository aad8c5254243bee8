"""The review desk's pages, rendered on the server: every text from a document escaped, right to
left for Arabic, no asset from anywhere but the server (see CSP in desk.py)."""

from __future__ import annotations

from html import escape

from briefing.pipeline.review import Row

RTL = {"ar", "fa", "he", "ur"}
_STATUS_LABELS = {"machine": "machine", "edited": "edited", "confirmed": "confirmed"}


def _page(title: str, body: str, csrf: str, lang: str = "en") -> str:
    return (f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="csrf-token" content="{escape(csrf)}"><title>{escape(title)}</title>'
            f'<link rel="stylesheet" href="/desk/desk.css"></head><body>{body}'
            f'<script src="/desk/desk.js"></script></body></html>\n')


def index_page(briefings: list[tuple[str, dict]], csrf: str, targets: list[str] = ()) -> str:
    """The served folder's briefings, each with its counts; a form to start a run."""
    rows = "".join(f'<tr><td><a href="/review/{escape(name)}">{escape(name)}</a></td>'
                   f'<td>{counts["sentences"]}</td><td>{counts["flagged"]}</td><td>{counts["confirmed"]}</td>'
                   f'<td>{"ready" if counts["confirmed"] == counts["sentences"] else ""}</td></tr>'
                   for name, counts in briefings)
    table = ('<table class="briefings"><caption>Briefings to review</caption><thead><tr><th scope="col">briefing</th>'
             '<th scope="col">sentences</th><th scope="col">flagged</th><th scope="col">confirmed</th>'
             f'<th scope="col">state</th></tr></thead><tbody>{rows}</tbody></table>')
    empty = "" if briefings else "<p>No briefing in the served folder yet.</p>"
    choices = "".join(f'<label><input type="checkbox" name="targets" value="{escape(t)}"> {escape(t)}</label> '
                      for t in targets)
    start = (f'<form id="start-run" enctype="multipart/form-data"><fieldset><legend>Translate documents</legend>'
             f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
             '<label for="documents">Documents (txt, md, html, docx, odt, pdf)</label> '
             '<input id="documents" name="documents" type="file" multiple> '
             f'{choices}<button type="submit">Translate</button></fieldset></form>'
             '<ul id="runs" aria-live="polite"></ul>')
    return _page("Review desk", f"<main><h1>Review desk</h1>{start}{table}{empty}</main>", csrf)


def review_page(name: str, source_lang: str, target_lang: str, rows: list[Row], csrf: str) -> str:
    """One row per sentence: source beside target, its status and findings, the reviewer's controls."""
    direction = "rtl" if target_lang.split("_")[0] in RTL else "ltr"
    body_rows = "".join(_row(row, target_lang, direction) for row in rows)
    controls = ('<div class="filters" role="group" aria-label="filters">'
                '<label><input type="checkbox" id="flagged-only"> flagged only</label> '
                '<label><input type="checkbox" id="unconfirmed-only"> unconfirmed only</label> '
                '<label><input type="checkbox" id="least-sure-first"> least sure first</label> '
                '<span class="keys">Alt+↓ / Alt+↑: next / previous flagged · Ctrl+S: save · '
                'Ctrl+Enter: confirm</span></div>')
    side = ('<aside class="lookups"><form id="concordance" role="search"><label for="concordance-text">'
            'Concordance (the memory\'s human translations)</label> <input id="concordance-text" type="search"> '
            '<button type="submit">Search</button></form><ul id="concordance-results"></ul>'
            '<form id="glossary" role="search"><label for="glossary-text">Glossary</label> '
            '<input id="glossary-text" type="search"> <button type="submit">Look up</button></form>'
            '<ul id="glossary-results"></ul>'
            f'<form id="glossary-edit" data-source="{escape(source_lang)}" '
            f'data-target="{escape(target_lang.split("_")[0])}">'
            '<fieldset><legend>Add or fix a glossary entry</legend>'
            '<label>entry <input name="id" required pattern="[a-z0-9][a-z0-9_-]*"></label> '
            f'<label>{escape(source_lang)} <input name="source-form"></label> '
            f'<label>{escape(target_lang)} <input name="target-form" dir="{direction}"></label> '
            '<button type="submit">Save entry</button><span class="message" role="status"></span>'
            '</fieldset></form></aside>')
    table = (f'<table class="review" data-briefing="{escape(name)}"><thead><tr><th scope="col">#</th>'
             f'<th scope="col">source ({escape(source_lang)})</th><th scope="col">translation ({escape(target_lang)})'
             '</th><th scope="col">status</th><th scope="col">findings</th><th scope="col">actions</th></tr></thead>'
             f'<tbody>{body_rows}</tbody></table>')
    downloads = " · ".join(f'<a href="/review/{escape(name)}/download/{fmt}" download>{label}</a>'
                           for fmt, label in (("pdf", "PDF"), ("docx", "Word"), ("md", "Markdown"),
                                              ("json", "JSON"), ("xliff", "XLIFF")))
    head = (f'<p><a href="/">All briefings</a></p><h1>{escape(name)}</h1>'
            f'<p class="downloads">Download, as reviewed: {downloads}</p>')
    return _page(name, f"<main>{head}{controls}{side}{table}</main>", csrf)


def _entry_title(term: dict) -> str:
    forms = " · ".join(f"{lang}: {form}" for lang, form in term.get("forms", {}).items())
    return f'{term["entry"]} ({term["status"]}) — {forms}'


def _marked(source: str, terms: list[dict]) -> str:
    """The source, escaped, each glossary name in a <mark> that names its entry and its forms."""
    spans: list[tuple[int, int, dict]] = []
    for term in terms:
        start = source.find(term["source_text"]) if term["source_text"] else -1
        while start >= 0 and any(a < start + len(term["source_text"]) and start < b for a, b, _ in spans):
            start = source.find(term["source_text"], start + 1)  # that one is another name's: the next
        if start >= 0:
            spans.append((start, start + len(term["source_text"]), term))
    out, at = [], 0
    for start, end, term in sorted(spans, key=lambda span: span[0]):
        out += [escape(source[at:start]), f'<mark class="term {escape(str(term["status"]))}" tabindex="0" '
                f'title="{escape(_entry_title(term))}">{escape(source[start:end])}</mark>']
        at = end
    return "".join(out) + escape(source[at:])


def _place(row: Row) -> str:
    if row.cell is not None:
        return f'<span class="place">table {row.cell[0] + 1}, row {row.cell[1] + 1}, column {row.cell[2] + 1}</span>'
    return '<span class="place">heading</span>' if row.kind == "heading" else ""


def _row(row: Row, target_lang: str, direction: str) -> str:
    flagged = " flagged" if row.findings else ""
    findings = "".join(f"<li>{escape(line)}</li>" for line in row.findings)
    terms = ", ".join(f'<span class="term {escape(str(t["status"]))}" title="{escape(_entry_title(t))}">'
                      f'{escape(t["source_text"])} → {escape(str(t["target_text"] or "—"))}</span>' for t in row.terms)
    confidence = "" if row.confidence is None else f' data-confidence="{row.confidence:.4f}"'
    return (f'<tr class="row {escape(str(row.status))}{flagged} {escape(row.kind)}" id="s{row.index}" '
            f'data-index="{row.index}" data-version="{row.version}" data-kind="{escape(row.kind)}"{confidence}>'
            f'<td>{row.index + 1} {_place(row)}</td><td class="source" lang="en">{_marked(row.source, row.terms)}</td>'
            f'<td class="target"><textarea aria-label="translation of sentence {row.index + 1}" '
            f'lang="{escape(target_lang)}" dir="{direction}" rows="2">{escape(row.target)}</textarea>'
            f'<div class="terms">{terms}</div></td>'
            f'<td class="status">{escape(_STATUS_LABELS.get(str(row.status), str(row.status)))}</td>'
            f'<td class="findings"><ul>{findings}</ul></td>'
            f'<td class="actions"><button type="button" class="save">Save</button> '
            f'<button type="button" class="confirm">Confirm</button>'
            f'<div class="message" role="status"></div></td></tr>')
