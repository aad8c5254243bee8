"""briefing: offline English → Arabic/French briefings with a controlled glossary."""

__version__ = "0.1.0"
