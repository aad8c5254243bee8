"""Glossary files on disk: parse with file:line errors, and edit without disturbing anything else.

Edits work on the text of one entry at a time (its tables plus the comment lines directly above
them); every other byte of the file is left as it was. tomlkit would attach a comment above an
entry to the *previous* table, so removing an entry with it would take its neighbour's comment.
Writes lock the file itself (parallel CLI edits are serialised, none lost) and replace it
atomically; a file that does not parse is reported and never rewritten.
"""

from __future__ import annotations

import codecs
import marshal
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import accumulate
from operator import add, itemgetter
from pathlib import Path
from typing import NamedTuple

from briefing import atomic, caching, settings
from briefing.errors import BriefingError, UsageError
from briefing.glossary.model import (
    Entries,
    Entry,
    Glossary,
    GlossaryError,
    entry_from_dict,
    read_glossary_file,
    validated_table,
)
from briefing.trust import refusal

_HEADER = re.compile(r"^\[(?!\[)\s*([A-Za-z0-9_-]+)\s*(?:\.[^\]]*)?\]\s*(?:#.*)?$")


class Chunk(NamedTuple):
    id: str
    line: int  # 1-based line of the entry's first table header
    start: int  # index of its first line (comments above the header included)
    end: int  # index past its last line


def read_text(path: Path) -> str:
    data = read_glossary_file(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None


def _parse(text: str, path: Path, first_line: int = 0) -> dict:
    """The whole file, parsed by rtoml (Rust; seven times the standard library's tomllib, which
    is ten times tomlkit; tomlkit is kept for re-rendering the one entry an edit touches)."""
    import rtoml

    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError as err:
        message = str(err).strip().splitlines()[0] if str(err).strip() else "not valid TOML"
        where = re.search(r" at line (\d+) column (\d+)", message)
        located = f"{path}:{int(where.group(1)) + first_line}:{where.group(2)}" if where else f"{path}"
        raise GlossaryError(f"{located}: {message[: where.start()] if where else message}") from None


_HEADERS = re.compile(r"^[ \t]*\[(?!\[)[ \t]*([A-Za-z0-9_-]+)[ \t]*(?:\.[^\]\n]*)?\][ \t]*(?:#[^\n]*)?$", re.M)
_TRIPLE_QUOTES = re.compile(r'"""|\'\'\'')


def _string_spans(text: str) -> list[tuple[int, int]]:
    """Where multi-line strings lie, so that a note's line starting with "[" is no header."""
    spans, opened = [], None
    for match in _TRIPLE_QUOTES.finditer(text):
        if opened is None:
            opened = match
        elif match.group() == opened.group():
            spans.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(text)))
    return spans


def _headers(text: str) -> list[tuple[str, int]]:
    """(entry id, 0-based line) where each run of an entry's tables starts, outside multi-line
    strings, in order."""
    strings = _string_spans(text) if '"""' in text or "\'\'\'" in text else []
    found: list[tuple[str, int]] = []
    current, line, position, string = None, 0, 0, 0
    for match in _HEADERS.finditer(text):
        entry_id = match.group(1)
        if entry_id == current:
            continue
        if strings:
            while string < len(strings) and strings[string][1] <= match.start():
                string += 1
            if string < len(strings) and strings[string][0] <= match.start():
                continue
        line += text.count("\n", position, match.start())
        position = match.start()
        current = entry_id
        found.append((entry_id, line))
    return found


def chunks(lines: list[str], path: Path, first_line: int = 0) -> list[Chunk]:
    """Where each run of an entry's tables lies (with the comments directly above it); an entry
    whose tables are split apart ([x.fr_CA] appended at the end of the file) has several runs.
    `first_line` places `lines` in their file."""
    found: list[Chunk] = []
    for entry_id, index in _headers("".join(lines)):
        if found and found[-1].id == entry_id:
            continue
        start = index
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        if found:
            found[-1] = Chunk(found[-1].id, found[-1].line, found[-1].start, start)
        found.append(Chunk(entry_id, first_line + index + 1, start, len(lines)))
    return found


# The index of a glossary file, as cached: the text before any entry, then each entry in file
# order, as (id, comment lines above its header, lines, bytes, marshalled table). Sizes rather
# than positions, so that an edit replaces the records it touches and shifts none of the others.
# Plain tuples rather than a NamedTuple: 100,000 of them come back from the cache as they were
# stored, with no conversion; the positions are named instead.
Record = tuple[str, int, int, int, bytes]
ID, HEAD, LINES, SIZE, TABLE = range(5)


def _records(text: str, path: Path, first_line: int = 0) -> list[Record]:
    """The index of a glossary text (a file, or the region an edit rewrote, starting at line
    `first_line`). Each entry is validated (file:line errors), normalised as `Entry.to_dict`
    writes it and marshalled: the form the cache keeps, decoded only for the entries a command
    looks at. Entries are parsed one by one: faster than the whole file at once, a fraction of
    the memory, and errors located in their own lines."""
    lines = text.splitlines(keepends=True)
    found = chunks(lines, path, first_line)
    before = "".join(lines[: found[0].start if found else len(lines)])
    if _parse(before, path):
        raise GlossaryError(f"{path}:{first_line + 1}: values outside any entry table")
    records: list[Record] = [("", 0, len(lines) if not found else found[0].start, _size(before), b"")]
    seen: set[str] = set()
    split = {chunk.id for chunk in found if chunk.id in seen or seen.add(chunk.id)}
    whole = _parse(text, path, first_line) if split else {}  # valid TOML as a whole: no table defined twice
    for chunk in found:
        chunk_text = "".join(lines[chunk.start : chunk.end])
        head = chunk.line - 1 - first_line - chunk.start  # comment lines above the header
        try:
            data = _parse(chunk_text, path)
        except GlossaryError:  # say where in the file
            _parse(chunk_text, path, chunk.line - 1 - head)
            raise
        where = f"{path}:{chunk.line}"
        if list(data) != [chunk.id]:
            other = next((key for key in data if key != chunk.id), chunk.id)
            raise GlossaryError(f"{where}: tables of entry {other!r} are split apart; keep them together")
        if not isinstance(data[chunk.id], dict):
            raise GlossaryError(f"{where}: {chunk.id!r} is not an entry table")
        if chunk.id in split:  # the whole entry in its first run's record; b"" marks the runs after it
            table = marshal.dumps(validated_table(chunk.id, whole[chunk.id], where)) if chunk.id in whole else b""
            whole.pop(chunk.id, None)
        else:
            table = marshal.dumps(validated_table(chunk.id, data[chunk.id], where))
        records.append((chunk.id, head, chunk.end - chunk.start, _size(chunk_text), table))
    return records


def _size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _located(records: list[Record]) -> tuple[list[str], list[int], list[bytes]]:
    """The ids, header lines and tables of the entries (record 0 is the text before them; the
    later runs of a split entry, with no table, are left out)."""
    starts = accumulate(map(itemgetter(LINES), records), initial=1)
    lines = list(map(add, starts, map(itemgetter(HEAD), records)))[1 : len(records)]
    entries = records[1:]
    if b"" in map(itemgetter(TABLE), entries):
        kept = [i for i, record in enumerate(entries) if record[TABLE]]
        entries, lines = [entries[i] for i in kept], [lines[i] for i in kept]
    return list(map(itemgetter(ID), entries)), lines, list(map(itemgetter(TABLE), entries))


def read_entries(path: Path) -> list[Entry]:
    return [entry_from_dict(entry_id, marshal.loads(table), "", path, line, trusted=True)
            for entry_id, line, table in zip(*_located(_records_of(path, path.read_bytes())), strict=True)]


def _file_key(path: Path, data: bytes) -> str:
    from briefing import __version__

    return caching.content_key(__version__, str(path.resolve()), data)


def _records_of(path: Path, data: bytes, key: str = "") -> list[Record]:
    """The index of one TOML glossary file, from the cache when its bytes are unchanged."""
    key = key or _file_key(path, data)
    cached = caching.load("glossary-file", key)
    if (isinstance(cached, list) and cached and all(isinstance(r, tuple) and len(r) == 5 for r in cached[:2])
            and sum(map(itemgetter(SIZE), cached)) == len(data)):  # sizes that add up to the file's, or rebuilt
        return cached
    records = _records(_decoded(data, path), path)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    first = records[0]
    records[0] = (first[ID], first[HEAD], first[LINES], first[SIZE] + bom, b"")
    caching.store("glossary-file", key, records)
    return records


def parse_entry(text: str, entry_id: str) -> Entry:
    """One entry as typed in an editor (`glossary edit`): exactly the table [entry_id]."""
    data = _parse(text, Path(f"{entry_id}.toml"))
    if list(data) != [entry_id]:
        raise GlossaryError(f"the text must hold exactly the entry [{entry_id}]")
    return entry_from_dict(entry_id, data[entry_id], "edited entry")


def render(entry: Entry) -> str:
    """An entry as TOML: its table, then one table per language, forms inline. Written here
    rather than through tomlkit, which takes seconds for the thousands an import writes."""
    head, languages = [f"[{entry.id}]"], []
    for key, value in entry.to_dict().items():
        if isinstance(value, dict):
            languages += ["", f"[{entry.id}.{key}]"]
            languages += [f"{_toml_key(name)} = {_toml_value(item)}" for name, item in value.items()]
        else:
            head.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join(head + languages) + "\n"


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _toml_string(text: str) -> str:
    escaped = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text)
    return f'"{escaped}"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_string(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_string(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} to a glossary")


@contextmanager
def _locked(path: Path, timeout: float = 60):
    """Hold an exclusive lock on the glossary file itself (flock), so that parallel edits are
    serialised without a lock file beside it. A writer replaces the file (a new inode): a process
    that was waiting on the old one notices and locks the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    try:
        with atomic.locked(path, timeout, GlossaryError):
            yield
    except BaseException:
        if created and path.exists() and not path.stat().st_size:
            path.unlink()  # a glossary this edit meant to create, and did not
        raise


class Indexed:
    """A glossary file as an edit sees it: its entries' ids and the text of any run of them."""

    def __init__(self, path: Path, data: bytes, records: list[Record]) -> None:
        self.path, self.data, self.records = path, data, records
        self.offsets = list(accumulate(map(itemgetter(SIZE), records), initial=0))
        self.lines = list(accumulate(map(itemgetter(LINES), records), initial=0))
        self.ids = list(map(itemgetter(ID), records))

    def index(self, entry_id: str) -> int:
        """The position of an entry's record (0 is the text before any entry)."""
        try:
            return self.ids.index(entry_id, 1)  # searched in C
        except ValueError:
            raise UsageError(f"no glossary entry {entry_id!r} in {self.path} (see 'briefing glossary list')") from None

    def runs(self, entry_id: str) -> list[int]:
        """The positions of every run of an entry's tables: one, unless the file splits it."""
        first = self.index(entry_id)
        if b"" not in map(itemgetter(TABLE), self.records[first + 1 :]):
            return [first]
        return [first] + [i for i in range(first + 1, len(self.ids))
                          if self.ids[i] == entry_id and not self.records[i][TABLE]]

    def entry_text(self, runs: list[int]) -> str:
        """An entry's whole text, its runs joined."""
        return "".join(self.text(i, i + 1) for i in runs)

    def text(self, first: int, last: int) -> str:
        return self.data[self.offsets[first] : self.offsets[last]].decode("utf-8-sig")

    def line(self, index: int) -> int:
        """The 0-based line where record `index` starts."""
        return self.lines[index]


Replacement = tuple[int, int, str]  # the records [first:last] become this text


def edit(path: Path, change: Callable[[Indexed], list[Replacement]]) -> None:
    """Read, check, change and atomically rewrite `path` under its lock.

    The file must parse before it is changed (known from the cache when its bytes are the ones
    last read or written), and the entries the change touches must parse after it: only those
    are re-read, and the cached index keeps every other record as it was, so that editing one
    entry of 100,000 costs a fraction of a second, not a full parse. The replacements must not
    overlap; they are applied from the end of the file, so that each one's place stays valid."""
    if path.suffix.lower() in READ_ONLY_SUFFIXES:
        raise GlossaryError(
            f"{path}: a {path.suffix[1:].upper()} glossary is read-only here; import it into a TOML glossary "
            f"first ('briefing glossary import {path.name} --into FILE.toml')"
        )
    with _locked(path):
        data = path.read_bytes() if path.exists() else b""
        indexed = Indexed(path, data, _records_of(path, data))  # refuses a file that does not parse
        records, pieces, end = list(indexed.records), [], len(data)
        present = set(indexed.ids)
        for first, last, text in reversed(_joined(change(indexed))):
            region = _records(text, path, indexed.line(first))  # never write what we could not read back
            present.difference_update(indexed.ids[first:last])
            twice = next((r[ID] for r in region[1:] if r[ID] in present or present.add(r[ID])), None)
            if twice is not None:
                raise GlossaryError(f"{path}: entry {twice!r} would be defined twice")
            if first:  # blank lines or comments before the region's first entry belong to the entry above
                above = records[first - 1]
                head = [(above[ID], above[HEAD], above[LINES] + region[0][LINES], above[SIZE] + region[0][SIZE],
                         above[TABLE])]
            else:
                head = [region[0]]
            records[max(first - 1, 0) : last] = head + region[1:]
            pieces += [data[indexed.offsets[last] : end], text.encode("utf-8")]
            end = indexed.offsets[first]
        new_data = b"".join([data[:end], *reversed(pieces)])
        atomic.write_bytes(path, new_data)
        caching.store("glossary-file", _file_key(path, new_data), records)


def _joined(replacements: list[Replacement]) -> list[Replacement]:
    """In file order, touching ones joined: a region's leading blank lines go to the record
    above it, which must not be one that another replacement rewrites."""
    joined: list[Replacement] = []
    for first, last, text in sorted(replacements):
        if joined and joined[-1][1] > first:
            raise ValueError("overlapping glossary edits")
        if joined and joined[-1][1] == first:
            joined[-1] = (joined[-1][0], last, joined[-1][2] + text)
        else:
            joined.append((first, last, text))
    return joined


def _decoded(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None


def _counts(entries: list[Entry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.id] = counts.get(entry.id, 0) + 1
    return counts


def add_entries(path: Path, entries: list[Entry], progress: Callable[[int], None] = lambda n: None,
                consume: bool = False) -> None:
    """Append entries at the end of `path` (created if need be), in one locked write; with
    `consume`, the list is emptied as the entries are written out."""

    def append(indexed: Indexed) -> list[Replacement]:
        present = set(indexed.ids)
        last = len(indexed.records)
        text = indexed.text(last - 1, last)  # the last entry (or the text before any): appended to
        added = [text if not text or text.endswith("\n") else text + "\n"]
        for index, entry in enumerate(entries):
            if entry.id in present:
                raise GlossaryError(f"{path}: entry {entry.id!r} already exists")
            present.add(entry.id)
            if added[-1].strip() and not added[-1].endswith("\n\n"):
                added.append("\n")
            added.append(render(entry))
            if consume:
                entries[index] = None  # 100,000 entries need not be held twice, as objects and as text
            progress(1)
        return [(last - 1, last, "".join(added))]

    edit(path, append)


def add_entry(path: Path, entry: Entry) -> None:
    add_entries(path, [entry])


def writable_target(paths, into: Path | None, default_name: str,
                    option: str = "--file") -> tuple[Path, Glossary]:
    """Where new entries go (`option`'s file, else the first glossary file, else glossary/NAME),
    and the glossary that exists already (ids must stay unique across all files)."""
    paths = list(paths)
    if into is None and len(paths) == 1 and (paths[0].is_file() or paths[0].suffix == ".toml"):
        into = paths[0]  # --glossary FILE: that file, created if need be
    elif into is None and len(paths) == 1 and paths[0].is_dir():  # the folder's first file, as --help says
        into = next(iter(sorted(paths[0].glob("*.toml"))), paths[0] / default_name)
    elif into is None and len(paths) > 1:
        raise UsageError(f"several --glossary paths: say which file to write with {option} FILE")
    existing_paths = [p for p in paths if p.exists()]
    try:
        files = glossary_files(existing_paths) if existing_paths or not paths else []
    except UsageError:  # no glossary yet: the first add creates it
        files = []
    existing = load(files) if files else Glossary()
    return into or (files[0] if files else settings.current().working_folder / "glossary" / default_name), existing


def import_entries(entries: list[Entry], paths, into: Path | None, replace: bool,
                   progress: Callable[[int], None] = lambda n: None,
                   destination: tuple[Path, Glossary] | None = None) -> tuple[Path, int, int]:
    """Add new entries in one write; replace existing ones in their own files when allowed.
    The list is consumed (emptied), so that a large termbase is not held twice in memory.
    `destination`: the `writable_target` of `paths` and `into`, when the caller has it."""
    target, glossary = destination or writable_target(paths, into, "imported.toml")
    existing = glossary.entries
    repeated = [entry_id for entry_id, count in _counts(entries).items() if count > 1]
    if repeated:
        raise GlossaryError(f"the import holds entry {repeated[0]!r} more than once; give the entries distinct ids")
    clashes = [e for e in entries if e.id in existing]
    if clashes and not replace:
        raise GlossaryError(f"{len(clashes)} entries already exist (e.g. {clashes[0].id!r}); use --replace")
    by_file: dict[Path, list[Entry]] = {}
    for entry in clashes:
        by_file.setdefault(existing[entry.id].origin, []).append(entry)
    for origin, replacing in by_file.items():
        replace_entries(origin, replacing)
    fresh = [e for e in entries if e.id not in existing]
    entries.clear()
    if fresh:
        count = len(fresh)
        add_entries(target, fresh, progress, consume=True)
        return target, count, len(clashes)
    return target, 0, len(clashes)


def entry_file(paths: Iterable[Path], entry_id: str) -> Path:
    """The file that holds `entry_id`: with one glossary file, that file (the edit itself says
    when the entry is not there), without loading 100,000 entries to find out."""
    files = glossary_files(paths)
    if len(files) == 1:
        return files[0]
    glossary = load(files)
    if entry_id not in glossary.entries:
        raise UsageError(f"no glossary entry {entry_id!r} (see 'briefing glossary list')")
    return glossary.entries[entry_id].origin


def remove_entry(path: Path, entry_id: str) -> None:
    def drop(indexed: Indexed) -> list[Replacement]:
        return [(index, index + 1, "") for index in indexed.runs(entry_id)]

    edit(path, drop)


def set_field(path: Path, entry_id: str, field_path: str, value: str | list[str] | bool | None) -> None:
    """Change one field (`kind`, `note`, `fr.preferred`, `fr.admitted`, `ar.forms.plural`, …).

    Only the entry's own text is re-rendered (through tomlkit, so its comments stay); `None`
    deletes the field.
    """
    import tomlkit

    def change(indexed: Indexed) -> list[Replacement]:
        index, *later = indexed.runs(entry_id)  # a split entry is written whole where it starts
        document = tomlkit.parse(indexed.entry_text([index, *later]))
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
        entry_from_dict(entry_id, document.unwrap()[entry_id], f"{path}:{indexed.line(index) + 1}")
        return [(index, index + 1, tomlkit.dumps(document))] + [(i, i + 1, "") for i in later]

    edit(path, change)


def replace_entry(path: Path, entry: Entry) -> None:
    """Replace an entry's whole text (used by `glossary edit`); comments above it stay."""
    replace_entries(path, [entry])


def replace_entries(path: Path, entries: list[Entry]) -> None:
    """Replace entries' whole text in one write; the comments above each and the blank lines
    after it stay."""

    def change(indexed: Indexed) -> list[Replacement]:
        ids = indexed.ids  # the first run of each entry: a split one has later runs of the same id
        positions = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        replacements = []
        for entry in entries:
            index = positions.get(entry.id) or indexed.index(entry.id)  # the latter says it is missing
            lines = indexed.text(index, index + 1).splitlines(keepends=True)
            head = indexed.records[index][1]
            body = "".join(lines[head:])
            trailing = "\n" * (len(body) - len(body.rstrip("\n")) - 1)
            replacements.append((index, index + 1, "".join(lines[:head]) + render(entry) + trailing))
            replacements += [(i, i + 1, "") for i in indexed.runs(entry.id)[1:]]  # a split entry, written whole
        return replacements

    edit(path, change)


READ_ONLY_SUFFIXES = {".tbx": "tbx", ".csv": "csv", ".tsv": "omegat", ".utf8": "omegat"}


def glossary_files(paths: Iterable[Path] = ()) -> list[Path]:
    """--glossary paths (files or folders), else $BRIEFING_GLOSSARY, else ./glossary/. A folder
    gives its TOML files; a TBX or CSV file named directly is read as it is, read-only."""
    paths = list(paths)
    if not paths:
        paths = list(settings.current().glossary_paths)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [_believed(member, path) for member in sorted(path.glob("*.toml"))]
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such glossary file or folder")
    return list(dict.fromkeys(files))


def _believed(member: Path, folder: Path) -> Path:
    """A file of a glossary folder, enforced only if this user may believe it (`trust`): naming
    the folder trusts what its owner put there, not what another user slipped in."""
    reason = refusal(member) if member.is_file() else None  # not a file at all: said by its reader
    if reason:
        raise BriefingError(f"{member}: {reason}, in the glossary folder {folder}; not enforced: remove it, or "
                            f"trust the folder (trusted = [\"{folder}\"] in your briefing.toml, or $BRIEFING_TRUSTED)")
    return member


def load(paths: Iterable[Path] = ()) -> Glossary:
    """Load and merge glossary files; duplicate ids across files are an error naming both.

    Each file's parsed entries are cached on disk, keyed on its name and bytes, so that an
    unchanged glossary of 100,000 entries loads in a fraction of a second; the glossary's
    `cache_key` (all files' content) keys what is compiled from it (matcher tables)."""
    from briefing import __version__

    files = glossary_files(paths)
    entries = Entries()
    keys = [__version__]
    for path in files:
        data = read_glossary_file(path)
        keys.append(key := _file_key(path, data))
        if path.suffix.lower() in READ_ONLY_SUFFIXES:
            read = _read_interchange(path, data)
            entries.add_tables([e.id for e in read], [e.line for e in read], [marshal.dumps(e.to_dict()) for e in read],
                               path)
        else:
            entries.add_tables(*_located(_records_of(path, data, key)), path)
    return Glossary(entries=entries, files=files, cache_key=caching.content_key(*keys))


def _read_interchange(path: Path, data: bytes) -> list[Entry]:
    from briefing.glossary.interchange import read_data

    return read_data(data, path, READ_ONLY_SUFFIXES[path.suffix.lower()])
