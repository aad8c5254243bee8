"""briefing: offline English → Arabic/French briefings with a controlled glossary.

Layers, each importing only those below it: cli → output → translation → quality →
glossary, sources → the shared basics (errors, atomic, languages, words).
"""

__version__ = "0.1.0"
