"""Glossary files on disk: parse with file:line errors, and edit without disturbing anything else.

Edits work on the text of one entry at a time (its tables plus the comment lines directly above
them); every other byte of the file is left as it was. tomlkit would attach a comment above an
entry to the *previous* table, so removing an entry with it would take its neighbour's comment.
Writes hold a lock file (parallel CLI edits are serialised, none lost) and replace the file
atomically; a file that does not parse is reported and never rewritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing import atomic
from briefing.errors import UsageError
from briefing.glossary.model import Entry, Glossary, GlossaryError, entry_from_dict

_HEADER = re.compile(r"^\[(?!\[)\s*([A-Za-z0-9_-]+)\s*(?:\.[^\]]*)?\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class Chunk:
    id: str
    line: int  # 1-based line of the entry's first table header
    start: int  # index of its first line (comments above the header included)
    end: int  # index past its last line


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read ({err.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None


def _parse(text: str, path: Path) -> dict:
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        return tomlkit.parse(text).unwrap()
    except ParseError as err:
        message = str(err).split(" at line ")[0]
        raise GlossaryError(f"{path}:{err.line}:{err.col}: {message}") from None


def chunks(lines: list[str], path: Path) -> list[Chunk]:
    """Where each entry's text lies; an entry whose tables are split apart is refused."""
    found: list[Chunk] = []
    for index, line in enumerate(lines):
        match = _HEADER.match(line.strip())
        if not match:
            continue
        entry_id = match.group(1)
        if found and found[-1].id == entry_id:
            continue
        if any(c.id == entry_id for c in found):
            raise GlossaryError(f"{path}:{index + 1}: tables of entry {entry_id!r} are split apart; keep them together")
        start = index
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        if found:
            found[-1] = Chunk(found[-1].id, found[-1].line, found[-1].start, start)
        found.append(Chunk(entry_id, index + 1, start, len(lines)))
    return found


def _entries(text: str, path: Path) -> Iterator[Entry]:
    data = _parse(text, path)
    lines = {c.id: c.line for c in chunks(text.splitlines(keepends=True), path)}
    for entry_id, value in data.items():
        line = lines.get(entry_id, 1)
        if not isinstance(value, dict):
            raise GlossaryError(f"{path}:{line}: {entry_id!r} is not an entry table")
        yield entry_from_dict(entry_id, value, f"{path}:{line}", origin=path, line=line)


def read_entries(path: Path) -> list[Entry]:
    return list(_entries(read_text(path), path))


def parse_entry(text: str, entry_id: str) -> Entry:
    """One entry as typed in an editor (`glossary edit`): exactly the table [entry_id]."""
    data = _parse(text, Path(f"{entry_id}.toml"))
    if list(data) != [entry_id]:
        raise GlossaryError(f"the text must hold exactly the entry [{entry_id}]")
    return entry_from_dict(entry_id, data[entry_id], "edited entry")


def render(entry: Entry) -> str:
    """An entry as TOML: its table, then one table per language, forms inline."""
    import tomlkit

    document = tomlkit.document()
    table = tomlkit.table()
    for key, value in entry.to_dict().items():
        if isinstance(value, dict):
            terms = tomlkit.table()
            for name, item in value.items():
                terms[name] = tomlkit.inline_table() if name == "forms" else item
                if name == "forms":
                    terms[name].update(item)
            table[key] = terms
        else:
            table[key] = value
    document[entry.id] = table
    return tomlkit.dumps(document)


@contextmanager
def _locked(path: Path):
    from filelock import FileLock, Timeout

    lock = FileLock(f"{path}.lock", timeout=60)
    try:
        with lock:
            yield
    except Timeout:
        raise GlossaryError(f"{path}: locked by another briefing process for over 60 s") from None


def edit(path: Path, change: Callable[[list[str], list[Chunk]], list[str]]) -> None:
    """Read, check, change and atomically rewrite `path` under its lock."""
    with _locked(path):
        text = read_text(path) if path.exists() else ""
        list(_entries(text, path))  # refuse to rewrite a file that does not parse
        lines = text.splitlines(keepends=True)
        new_text = "".join(change(lines, chunks(lines, path)))
        list(_entries(new_text, path))  # never write what we could not read back
        atomic.write_text(path, new_text)


def add_entries(path: Path, entries: list[Entry]) -> None:
    """Append entries at the end of `path` (created if need be), in one locked write."""

    def append(lines: list[str], found: list[Chunk]) -> list[str]:
        present = {c.id for c in found}
        for entry in entries:
            if entry.id in present:
                raise GlossaryError(f"{path}: entry {entry.id!r} already exists")
            present.add(entry.id)
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            separator = ["\n"] if lines and lines[-1].strip() else []
            lines = lines + separator + render(entry).splitlines(keepends=True)
        return lines

    edit(path, append)


def add_entry(path: Path, entry: Entry) -> None:
    add_entries(path, [entry])


def writable_target(paths, into: Path | None, default_name: str) -> tuple[Path, dict[str, Entry]]:
    """Where new entries go (--file, else the first glossary file, else glossary/NAME), and the
    entries that exist already (ids must stay unique across all files)."""
    try:
        files = glossary_files(paths)
    except UsageError:  # no glossary yet: the first add creates it
        files = []
    existing = load(paths).entries if files else {}
    return into or (files[0] if files else Path("glossary") / default_name), existing


def import_entries(entries: list[Entry], paths, into: Path | None, replace: bool) -> tuple[Path, int, int]:
    """Add new entries in one write; replace existing ones in their own files when allowed."""
    target, existing = writable_target(paths, into, "imported.toml")
    clashes = [e for e in entries if e.id in existing]
    if clashes and not replace:
        raise GlossaryError(f"{len(clashes)} entries already exist (e.g. {clashes[0].id!r}); use --replace")
    for entry in clashes:
        replace_entry(existing[entry.id].origin, entry)
    fresh = [e for e in entries if e.id not in existing]
    if fresh:
        add_entries(target, fresh)
    return target, len(fresh), len(clashes)


def _chunk_of(found: list[Chunk], entry_id: str, path: Path) -> Chunk:
    for chunk in found:
        if chunk.id == entry_id:
            return chunk
    raise GlossaryError(f"{path}: no entry {entry_id!r}")


def remove_entry(path: Path, entry_id: str) -> None:
    def drop(lines: list[str], found: list[Chunk]) -> list[str]:
        chunk = _chunk_of(found, entry_id, path)
        return lines[: chunk.start] + lines[chunk.end :]

    edit(path, drop)


def set_field(path: Path, entry_id: str, field_path: str, value: str | list[str] | bool | None) -> None:
    """Change one field (`kind`, `note`, `fr.preferred`, `fr.admitted`, `ar.forms.plural`, …).

    Only the entry's own text is re-rendered (through tomlkit, so its comments stay); `None`
    deletes the field.
    """
    import tomlkit

    def change(lines: list[str], found: list[Chunk]) -> list[str]:
        chunk = _chunk_of(found, entry_id, path)
        document = tomlkit.parse("".join(lines[chunk.start : chunk.end]))
        node = document[entry_id]
        *parents, leaf = field_path.split(".")
        for name in parents:
            if name not in node:
                node[name] = tomlkit.inline_table() if name == "forms" else tomlkit.table()
            node = node[name]
        if value is None:
            if leaf not in node:
                raise GlossaryError(f"{path}: {entry_id}.{field_path} is not set")
            del node[leaf]
        else:
            node[leaf] = value
        entry_from_dict(entry_id, document.unwrap()[entry_id], f"{path}:{chunk.line}")
        return lines[: chunk.start] + tomlkit.dumps(document).splitlines(keepends=True) + lines[chunk.end :]

    edit(path, change)


def replace_entry(path: Path, entry: Entry) -> None:
    """Replace an entry's whole text (used by `glossary edit`); comments above it stay."""

    def change(lines: list[str], found: list[Chunk]) -> list[str]:
        chunk = _chunk_of(found, entry.id, path)
        header = chunk.line - 1
        comments = lines[chunk.start : header]
        body = lines[header : chunk.end]
        kept_blank = len(body) - len("".join(body).rstrip("\n").splitlines(keepends=True))
        trailing = ["\n"] * kept_blank
        new = render(entry).splitlines(keepends=True)
        return lines[: chunk.start] + comments + new + trailing + lines[chunk.end :]

    edit(path, change)


def glossary_files(paths: Iterable[Path] = ()) -> list[Path]:
    """--glossary paths (files or folders), else $BRIEFING_GLOSSARY, else ./glossary/."""
    paths = list(paths)
    if not paths:
        configured = os.environ.get("BRIEFING_GLOSSARY")
        paths = [Path(p) for p in configured.split(os.pathsep) if p] if configured else [Path("glossary")]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.toml"))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such glossary file or folder")
    return list(dict.fromkeys(files))


def load(paths: Iterable[Path] = ()) -> Glossary:
    """Load and merge glossary files; duplicate ids across files are an error naming both."""
    glossary = Glossary()
    for path in glossary_files(paths):
        glossary.files.append(path)
        for entry in read_entries(path):
            if entry.id in glossary.entries:
                first = glossary.entries[entry.id]
                raise GlossaryError(f"{entry.where()}: entry {entry.id!r} is already defined at {first.where()}")
            glossary.entries[entry.id] = entry
    return glossary
