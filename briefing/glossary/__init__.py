"""The controlled glossary: concept entries, their TOML files, TBX/CSV interchange and lint.
May import only the shared basics (errors, atomic, languages, words)."""
