"""Translation: Argos packages, the CTranslate2 engine, the segment memory, localizing, the job.
May import quality, glossary, sources and the shared basics; never output or cli."""
