"""Output: briefings rendered as Markdown, JSON, HTML and PDF, and the memory as TMX.
May import translation, quality, glossary, sources and the shared basics; never cli."""
