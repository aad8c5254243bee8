"""Saved web pages: the article alone (title, date, headings, paragraphs), as trafilatura finds it.

Article extraction is a research problem of its own (menus, cookie banners, related links and
comments look like text too); trafilatura is maintained for exactly that, so briefing does not
scrape pages itself. What the page held besides the article is counted and reported.
"""

from __future__ import annotations

import functools
from pathlib import Path

from briefing.sources.document import HEADING, PARAGRAPH, QUOTE, Block, Document, SourceError, assembled, counted

_TEXT_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "figcaption", "dd")


def read_html(data: bytes, path: Path) -> Document:
    """The article of a saved page; a page without one is refused in one line."""
    import logging

    import lxml.etree
    import lxml.html
    import trafilatura

    for library in ("trafilatura", "htmldate", "courlan", "justext"):  # their warnings are not the user's
        logging.getLogger(library).setLevel(logging.ERROR)
    try:
        page = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as err:
        raise SourceError(f"{path}: not an HTML page ({err})") from None
    article = _article(trafilatura, data)  # from the bytes: trafilatura prunes the tree it is given
    if article is None:
        raise SourceError(f"{path}: no article found in the page (only menus, links or scripts?)")
    blocks = _blocks(article.find("main") if article.find("main") is not None else article)
    if len(blocks) == 1:  # a short page (under 250 characters) comes back from the fallback as one paragraph
        short = _article(trafilatura, data, _short_page_config())
        short_blocks = _blocks(short.find("main")) if short is not None else []
        if len(short_blocks) > 1:
            article, blocks = short, short_blocks
    if not blocks:
        raise SourceError(f"{path}: no article found in the page (only menus, links or scripts?)")
    html_title = (page.findtext(".//title") or "").strip()
    title = article.get("title") or None
    if title and title == html_title and not any(b.text == title for b in blocks):
        title = None  # the browser tab's title ("Clashes | Site name"), not the article's
    metadata = {key: article.get(key) for key in ("author", "sitename", "url") if article.get(key)}
    return assembled(path, blocks, title=title, date=article.get("date"), metadata=metadata,
                     dropped=_dropped(page, blocks + [Block(HEADING, title)] if title else blocks))


def _article(trafilatura, data: bytes, config=None):
    """trafilatura's XML of the article (its <doc> element), or None when it finds none."""
    import lxml.etree

    options = {"config": config} if config is not None else {}
    extracted = trafilatura.extract(data, output_format="xml", include_comments=False, include_tables=True,
                                    include_images=False, include_links=False, include_formatting=False,
                                    with_metadata=True, deduplicate=False, **options)
    return lxml.etree.fromstring(extracted.encode("utf-8")) if extracted else None


@functools.cache
def _short_page_config():
    """trafilatura's settings, but accepting an article shorter than its default 250 characters
    (tried only once a page is known to hold one)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _blocks(root) -> list[Block]:
    blocks = []
    for element in root.iter("head", "p", "item", "quote", "cell"):
        if element.tag in ("p", "quote") and element.getparent() is not None \
                and element.getparent().tag in ("item", "cell", "quote"):
            continue  # read with its list item, cell or quotation
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        kind = {"head": HEADING, "quote": QUOTE}.get(element.tag, PARAGRAPH)
        blocks.append(Block(kind, text))
    return blocks


def _dropped(page, kept: list[Block]) -> tuple[str, ...]:
    """What the page held besides the article: text blocks (menus, related links, comments,
    banners), images and scripts, counted, so that nothing disappears silently."""
    kept_text = {block.text for block in kept}
    blocks = [" ".join(e.text_content().split()) for e in page.iter(*_TEXT_TAGS)]
    skipped = sum(1 for text in blocks if text and text not in kept_text and not any(text in k for k in kept_text))
    images = sum(1 for _ in page.iter("img"))
    scripts = sum(1 for _ in page.iter("script"))
    return tuple(part for part in (
        counted(skipped, "block of page text", "blocks of page text") + " (menus, links, comments, banners)"
        if skipped else "",
        counted(images, "image", "images") if images else "",
        counted(scripts, "script", "scripts") if scripts else "",
    ) if part)
