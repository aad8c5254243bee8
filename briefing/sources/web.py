"""Saved web pages: the article alone (title, date, headings, paragraphs), as trafilatura finds it.

Article extraction is a research problem of its own (menus, cookie banners, related links and
comments look like text too); trafilatura is maintained for exactly that, so briefing does not
scrape pages itself. What the page held besides the article is counted and reported.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from briefing.sources.document import (
    BOMS,
    HEADING,
    ITEM,
    NUMBERED,
    PARAGRAPH,
    QUOTE,
    Block,
    Document,
    SourceError,
    assembled,
    counted,
    table_blocks,
    tables_in,
)

# Past this much markup, trafilatura's cost grows faster than the page (measured: 1.3, 2.0 and 4.6 s
# per 10k paragraphs at 20k, 80k and 300k; an XPath over every text node and its pruning passes).
# Such a page is no ordinary article page: it is read by the plain reader below, linear in its size.
LARGE_PAGE_BYTES = 2 << 20
_FURNITURE = ("nav", "header", "footer", "aside", "script", "style", "form", "noscript", "template", "button")
_TEXT_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "figcaption", "dd")


def read_html(data: bytes, path: Path) -> Document:
    """The article of a saved page; a page without one is refused in one line."""
    import copy
    import logging

    import trafilatura

    for library in ("trafilatura", "htmldate", "courlan", "justext"):  # their warnings are not the user's
        logging.getLogger(library).setLevel(logging.ERROR)
    page = _parsed(data, path)
    if len(data) > LARGE_PAGE_BYTES:
        return _large_page(page, path)
    article = _article(trafilatura, copy.deepcopy(page))  # a copy: trafilatura prunes the tree it is given
    if article is None:
        raise SourceError(f"{path}: no article found in the page (only menus, links or scripts?)")
    captions = frozenset(" ".join(c.text_content().split()) for c in page.iter("caption"))
    blocks = _blocks(article.find("main") if article.find("main") is not None else article, captions)
    if len(blocks) == 1:  # a short page (under 250 characters) comes back from the fallback as one paragraph
        short = _article(trafilatura, copy.deepcopy(page), _short_page_config())
        short_blocks = _blocks(short.find("main"), captions) if short is not None else []
        if len(short_blocks) > 1:
            article, blocks = short, short_blocks
    blocks, furniture = _without_furniture(page, blocks)
    if not blocks:
        raise SourceError(f"{path}: no article found in the page (only {furniture or 'menus, links or scripts'}?)")
    html_title = (page.findtext(".//title") or "").strip()
    title = article.get("title") or None
    if title and title == html_title and not any(b.text == title for b in blocks):
        title = None  # the browser tab's title ("Clashes | Site name"), not the article's
    metadata = {key: article.get(key) for key in ("author", "sitename", "url") if article.get(key)}
    return assembled(path, blocks, title=title, date=article.get("date"), metadata=metadata,
                     dropped=_dropped(page, blocks + [Block(HEADING, title)] if title else blocks))


_FURNITURE_WORDS = re.compile(
    r"(?:^|[-_ ])(cookies?|consent|gdpr|comments?|disqus|newsletter|subscribe|paywall|popup|modal|related|share|"
    r"social|sidebar|menu|navbar|nav|breadcrumbs?|footer|advert|ads|promo|sponsored)(?:$|[-_ ])", re.IGNORECASE)
_KINDS = {"cookie": "a cookie banner", "cookies": "a cookie banner", "consent": "a cookie banner",
          "gdpr": "a cookie banner", "comment": "comments", "comments": "comments", "disqus": "comments",
          "menu": "menus", "nav": "menus", "navbar": "menus"}
_NEVER_ARTICLE = {"a cookie banner", "comments"}  # whatever their size


def _furniture_of(element, text: _PageText) -> str | None:
    """What page furniture holds `element` (a cookie banner, comments, menus…), if any: an
    enclosing <nav>, <footer>, <aside> or <form>, or one whose id, class or role names it and
    that holds under half the page's text (a wrapper named "with-sidebar" holds the article
    too). An enclosing <article> vouches for its text."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.tag == "article" or ancestor.get("itemprop") == "articleBody":
            return None
        if ancestor.tag in _FURNITURE:
            return "menus" if ancestor.tag in ("nav", "header") else "page furniture"
        names = " ".join(str(ancestor.get(attribute, "")) for attribute in ("id", "class", "role"))
        found = _FURNITURE_WORDS.search(names)
        if found:
            kind = _KINDS.get(found.group(1).lower(), "page furniture")
            if kind in _NEVER_ARTICLE or len(text.of(ancestor)) < text.chars * 0.5:
                return kind
    return None


class _PageText:
    """Each element's text, white space aside (trafilatura puts a space between list items that
    the markup does not have), computed once: a page of thousands of blocks asks it of the same
    elements again and again."""

    def __init__(self, root) -> None:
        self.root, self._texts = root, {}
        self.chars = len(self.of(root))
        self._whole = {}  # a text block's exact text → the first element that holds just that
        for element in root.iter(*_TEXT_TAGS):
            self._whole.setdefault(self.of(element), element)

    def of(self, element) -> str:
        found = self._texts.get(element)
        if found is None:
            found = self._texts[element] = "".join(element.text_content().split())
        return found

    def holder(self, text: str):
        """The innermost element whose text holds `text` (the page's root when none does)."""
        compact = "".join(text.split())
        if compact in self._whole:  # the usual case: the block is one paragraph, heading or item
            return self._whole[compact]
        node, probe = self.root, compact[:60]
        while True:
            inner = next((child for child in node if isinstance(child.tag, str) and probe in self.of(child)), None)
            if inner is None:
                return node
            node = inner


def _without_furniture(page, blocks: list[Block]) -> tuple[list[Block], str]:
    """The blocks that trafilatura took from the page's furniture left out (a page without an
    article gives its cookie banner or comments as one), and what that furniture was."""
    body = page.find("body")
    root = body if body is not None else page
    text = _PageText(root)
    kept, kinds = [], []
    for block in blocks:
        holder = text.holder(block.text)
        kind = _furniture_of(holder, text)
        if kind is None and holder is root and _furniture_share(root, text) > 0.8:
            kind = "menus or page furniture"  # the page's menus, sidebar and footer run together as one block
        if kind is None:
            kept.append(block)
        else:
            kinds.append(kind)
    return kept, " or ".join(dict.fromkeys(kinds))


def _furniture_share(root, text: _PageText) -> float:
    """How much of the page's text lies in its furniture (the outermost elements `_furniture_of`
    names): nearly all of it on a page that has no article."""
    furniture = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        parent = element.getparent()
        if _furniture_of(element, text) is not None and (parent is None or parent is root
                                                         or _furniture_of(parent, text) is None):
            furniture += len(text.of(element))
    return furniture / text.chars if text.chars else 0.0


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


def _large_page(page, path: Path) -> Document:
    """A very large page read plainly: its <article> (else <main>, else <body>) without
    navigation, headers, footers, asides, forms and scripts, each text block once."""
    root = next((found[0] for found in (page.xpath(q) for q in ("//article", "//main", "//*[@role='main']", "//body"))
                 if found), page)
    blocks = []
    for element in root.iter(*_TEXT_TAGS, "table"):
        if any(ancestor.tag in _TEXT_TAGS or ancestor.tag in _FURNITURE or ancestor.tag == "table"
               for ancestor in element.iterancestors()):
            continue  # furniture, or read with the list item, cell, table or quotation that holds it
        if element.tag == "table":
            rows = [[" ".join(cell.text_content().split()) for cell in row.iterchildren("td", "th")]
                    for row in element.iter("tr")]
            blocks += table_blocks(rows, tables_in(blocks))
            continue
        text = " ".join(element.text_content().split())
        if text:
            kind = HEADING if element.tag[0] == "h" and element.tag[1:].isdigit() else (
                QUOTE if element.tag == "blockquote" else PARAGRAPH)
            blocks.append(Block(kind, text))
    if not blocks:
        raise SourceError(f"{path}: no article found in the page (only menus, links or scripts?)")
    plainly = f"read plainly: a page over {LARGE_PAGE_BYTES >> 20} MB"
    return assembled(path, blocks, dropped=(*_dropped(page, blocks), plainly))


def page_text(data: bytes, path: Path) -> str:
    """The page decoded as its byte-order mark or <meta charset> says, else as UTF-8; bytes that
    do not decode are refused in one line (guessing would turn them into mojibake)."""
    declared = _CHARSET.search(data[:4096])
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), None)
    encoding = encoding or (declared.group(1).decode("ascii") if declared else "utf-8")
    try:
        return data.decode(encoding)
    except LookupError:
        raise SourceError(f"{path}: the page declares an unknown character set {encoding!r}") from None
    except UnicodeDecodeError as err:
        said = "it declares" if declared else "no charset is declared, so read as"
        raise SourceError(f"{path}: byte 0x{data[err.start]:02x} at offset {err.start} is not {encoding} "
                          f"({said} {encoding}); save the page as UTF-8") from None


def _parsed(data: bytes, path: Path):
    """The page's tree, without libxml2's default cap of 256 levels of nesting (past which it
    drops the rest of the page silently: 300 unclosed <div> would hide the article)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        return lxml.html.document_fromstring(page_text(data, path).encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as err:
        raise SourceError(f"{path}: not an HTML page ({err})") from None


def _article(trafilatura, page, config=None):
    """trafilatura's XML of the article (its <doc> element), or None when it finds none."""
    import lxml.etree

    options = {"config": config} if config is not None else {}
    extracted = trafilatura.extract(page, output_format="xml", include_comments=False, include_tables=True,
                                    include_images=False, include_links=False, include_formatting=False,
                                    with_metadata=True, deduplicate=False, date_extraction_params=_DATES, **options)
    return lxml.etree.fromstring(extracted.encode("utf-8")) if extracted else None


# The report's date from the page's markup alone (meta tags, JSON-LD, <time>): htmldate's
# "extensive search" reads dates out of the text too, and then dates a page from its copyright
# line ("© 2019" → 1 January 2019) or from a photo caption inside the article.
_DATES = {"extensive_search": False, "original_date": True}


@functools.cache
def _short_page_config():
    """trafilatura's settings, but accepting an article shorter than its default 250 characters
    (tried only once a page is known to hold one)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _blocks(root, captions: frozenset[str] = frozenset()) -> list[Block]:
    """The article's blocks; a table's <caption>, which trafilatura makes its first row (one cell
    and empty ones), is the paragraph before the table, so that the grid stays the table's."""
    blocks = []
    for element in root.iter("head", "p", "item", "quote", "table"):
        if any(ancestor.tag in ("item", "cell", "quote") for ancestor in element.iterancestors()):
            continue  # read with its list item, cell or quotation
        if element.tag == "table":
            rows = [[" ".join("".join(cell.itertext()).split()) for cell in row.iterchildren("cell")]
                    for row in element.iterchildren("row")]
            if rows and rows[0] and rows[0][0] in captions and not any(rows[0][1:]):
                blocks.append(Block(PARAGRAPH, rows[0][0]))
                rows = rows[1:]
            blocks += table_blocks(rows, tables_in(blocks))
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        kind = {"head": HEADING, "quote": QUOTE}.get(element.tag, PARAGRAPH)
        if element.tag == "item":  # a list's item stays one: <list rend="ol"> numbers them
            parent = element.getparent()
            kind = NUMBERED if parent is not None and parent.get("rend") == "ol" else ITEM
        blocks.append(Block(kind, text))
    return blocks


def _dropped(page, kept: list[Block]) -> tuple[str, ...]:
    """What the page held besides the article: text blocks (menus, related links, comments,
    banners), images and scripts, counted, so that nothing disappears silently."""
    kept_text = {block.text for block in kept}
    everything_kept = "\n".join(kept_text)  # one search per block left out, not one per kept block
    blocks = [" ".join(e.text_content().split()) for e in page.iter(*_TEXT_TAGS)]
    skipped = sum(1 for text in blocks if text and text not in kept_text and text not in everything_kept)
    images = sum(1 for _ in page.iter("img"))
    scripts = sum(1 for _ in page.iter("script"))
    shown = [f"{kind}: “{text if len(text) <= 160 else text[:159] + '…'}”"
             for kind, text in _article_parts(page) if text not in kept_text and text not in everything_kept][:6]
    return tuple(part for part in (
        *shown,
        counted(skipped, "block of page text", "blocks of page text") + " (menus, links, comments, banners)"
        if skipped else "",
        counted(images, "image", "images") if images else "",
        counted(scripts, "script", "scripts") if scripts else "",
    ) if part)


_BYLINE = re.compile(r"byline|author|contributor", re.IGNORECASE)


def _article_parts(page):
    """The parts of an article a reader of the briefing should see were left out, with their text:
    photo captions and bylines (trafilatura keeps neither)."""
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        names = " ".join(str(element.get(a, "")) for a in ("class", "rel", "itemprop", "id"))
        kind = ("photo caption" if element.tag == "figcaption" else
                "byline" if element.tag == "address" or _BYLINE.search(names) else None)
        text = " ".join(element.text_content().split()) if kind else ""
        if kind and text and (kind != "byline" or len(text) <= 200):
            yield kind, text
