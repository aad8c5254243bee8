"""Sources: files in, Documents (metadata, headings, paragraphs) and sentences out.
May import only the shared basics (errors, atomic, languages, words)."""
