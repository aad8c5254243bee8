"""Quality: finding terms and figures, checking a translation, enforcing the glossary, suggesting names.
May import glossary, sources and the shared basics; never translation, output or cli."""
