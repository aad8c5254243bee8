"""Pairing the figures of a source with those of its translation: ok, missing or changed.

Two mentions agree when their value sets meet (see `figures`). Figures written with digits in
the source are checked strictly; figures written as words ("nine children") are checked too,
but a translation may legitimately drop them into grammar (Arabic duals, "l'un des"), so "one"
is not checked and a missing word figure is only reported when nothing else explains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.quality.figures import (
    CODE_TOKEN,
    Number,
    SourceFigures,
    as_seen,
    ascii_digits,
    digit_runs,
    extract,
    month_mentions,
    read_figures,
)
from briefing.quality.quantities import PHYSICAL, Change, converts, difference, time_change
from briefing.quality.statuses import FigureStatus

OK, MISSING, CHANGED = FigureStatus.OK, FigureStatus.MISSING, FigureStatus.CHANGED


@dataclass
class NumberCheck:
    source: Number
    status: str
    target: Number | None = None
    note: str = ""
    change: Change | None = None  # what changed while the value held: scale, unit, qualifier, month, time of day

    def to_dict(self) -> dict:
        data = {
            "source_text": self.source.text,
            "value": self.source.text if self.source.code else _plain(min(self.source.values, key=_sort_key)),
            "target_text": self.target.text if self.target else None,
            "status": self.status,
        }
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def changed(cls, source: Number, target: Number | None, change: Change | None) -> NumberCheck:
        return cls(source, CHANGED, target, note=str(change) if change else "", change=change)


@dataclass
class _Pool:
    numbers: list[Number]
    used: set[int] = field(default_factory=set)

    def take(self, source: Number, words: bool, other_units: bool = True) -> Number | None:
        """A target figure of the same value, one that agrees in scale, unit and qualifier first;
        one in another unit only if `other_units` (else it may be another figure's conversion:
        "13 to 33 inches" is "33,0 à 84 cm")."""
        candidates = [i for i, number in enumerate(self.numbers)
                      if i not in self.used and number.written_as_word == words and number.values & source.values]
        if len(candidates) == 1 and (other_units or not source.quantity.units):  # the usual case: taken as it is
            self.used.add(candidates[0])
            return self.numbers[candidates[0]]
        changes = {i: difference(source, self.numbers[i]) for i in candidates}
        if not other_units:
            candidates = [i for i in candidates if changes[i] is None or changes[i].aspect != "unit"]
        if not candidates:
            return None
        index = next((i for i in candidates if changes[i] is None), candidates[0])
        self.used.add(index)
        return self.numbers[index]

    def leftovers(self) -> list[Number]:
        return [n for i, n in enumerate(self.numbers) if i not in self.used]


def _sort_key(value) -> tuple:
    return (isinstance(value, tuple), value if not isinstance(value, tuple) else str(value[1]))


def _plain(value):
    if isinstance(value, tuple) and value[0] in ("digits", "month"):  # a phone number's digits, a month's number
        return value[1]
    if isinstance(value, tuple):
        return f"{value[1] // 60:02d}:{value[1] % 60:02d}"
    return int(value) if float(value).is_integer() else value


def _converted(source: Number, leftovers: list[Number]) -> Number | None:
    """The target figure that is `source` converted into another unit, as a translator rounds
    it (10 miles → 16 km, 6 ft → 1,83 m, 550 lb → 250 kg, never 251); temperatures "in the 80s"
    or in degrees the text does not name (Fahrenheit in American copy) → °C within 2 degrees."""
    s = source.quantity
    for candidate in leftovers:
        units = candidate.quantity.units
        if units and converts(_signed(source), s.units, _signed(candidate), units, candidate.text):
            return candidate
    if s.units and not s.implicit_unit:
        return None
    for candidate in leftovers:
        if candidate.quantity.units == frozenset({"degc"}) and any(
                abs((f - 32) * 5 / 9 - c) <= 2 for f in _signed(source) for c in _signed(candidate)):
            return candidate
    return None


def _signed(number: Number) -> set[float]:
    """A figure's values as a temperature: the negative ones only when it has a minus sign."""
    values = {v for v in number.values if isinstance(v, float)}
    negative = {v for v in values if v < 0}
    return negative or values


def _metric_twin(index: int, sources: list[Number], checks: list) -> Number | None:
    """"645 miles (1040 km)": a translation may keep only the other unit's figure."""
    source = sources[index]
    dimensions = {PHYSICAL[u][0] for u in source.quantity.units if u in PHYSICAL}
    for j, other in enumerate(sources):
        near = abs(other.start - source.end) < 25 or abs(source.start - other.end) < 25
        twin = any(PHYSICAL[u][0] in dimensions for u in other.quantity.units - source.quantity.units if u in PHYSICAL)
        if j != index and near and twin and checks[j] is not None and checks[j].status == OK:
            return other
    return None


def _dual_present(target_text: str, lang: str) -> bool:
    """Arabic says "two days" with a dual noun (يومين), not with a number."""
    return lang == "ar" and re.search(r"[\u0600-\u06ff]{2,}(?:ين|ان|تين|تان)\b", target_text) is not None


def _relative(number: Number, text: str) -> float:
    return number.start / max(len(text), 1)


def _inside_code(source: Number, target_text: str) -> bool:
    """"Gallery D 137" → "D137": the figure's digits are one run of an identifier."""
    runs = {run for m in CODE_TOKEN.finditer(target_text) for run in digit_runs(m.group())}
    return any(str(int(v)) in runs for v in source.values if isinstance(v, float) and v.is_integer())


def _skeleton(token: str) -> str:
    return re.sub(r"\d+", "#", ascii_digits(token).casefold())


def _check_codes(source_codes: tuple[Number, ...], target_text: str, target_numbers: list[Number]) -> list[NumberCheck]:
    """Each source identifier must come back with the same digits: verbatim, transliterated
    (كوفيد-19) or split (G 20); another identifier of its shape, or other digits, is a change."""
    if not source_codes:
        return []  # most sentences name no identifier: the target's tokens need no reading
    candidates = [Number(m.group(), m.start(), m.end(), frozenset({digit_runs(m.group())}), code=True)
                  for m in CODE_TOKEN.finditer(target_text) if any(c.isdigit() for c in m.group())]
    used: set[int] = set()
    checks: list[NumberCheck | None] = [None] * len(source_codes)
    for exact in (True, False):  # the same shape first (MS804 for MS804), then the same digits
        for i, code in enumerate(source_codes):
            if checks[i] is None:
                j = _same_digits(code, candidates, used, exact)
                if j is not None:
                    used.add(j)
                    checks[i] = NumberCheck(code, OK, candidates[j])
    present = {str(int(v)) for n in target_numbers if not n.written_as_word
               for v in n.values if isinstance(v, float) and v.is_integer()}
    for i, code in enumerate(source_codes):
        if checks[i] is None:
            checks[i] = _unmatched_code(code, candidates, used, present)
    return [c for c in checks if c is not None]


def _same_digits(code: Number, candidates: list[Number], used: set[int], exact: bool) -> int | None:
    for j, candidate in enumerate(candidates):
        if j in used or candidate.values != code.values:
            continue
        if not exact or _skeleton(candidate.text) == _skeleton(code.text):
            return j
    return None


def _unmatched_code(code: Number, candidates: list[Number], used: set[int], present: set[str]) -> NumberCheck:
    """An identifier no target identifier repeats: changed into one of its shape, kept as
    figures written otherwise, or missing."""
    runs = next(iter(code.values))
    lettered = [j for j, c in enumerate(candidates) if j not in used and any(ch.isalpha() for ch in c.text)]
    shaped = [j for j in lettered if _skeleton(candidates[j].text) == _skeleton(code.text)]
    shaped += [j for j in lettered if len(next(iter(candidates[j].values))) == len(runs) and j not in shaped]
    if shaped and (not set(runs) <= present or _skeleton(candidates[shaped[0]].text) == _skeleton(code.text)):
        used.add(shaped[0])
        return NumberCheck(code, CHANGED, candidates[shaped[0]])
    if runs and set(runs) <= present:
        return NumberCheck(code, OK, None, note="identifier's figures kept, written otherwise")
    return NumberCheck(code, MISSING)


def compare(source_text: str, target_text: str, source_lang: str, target_lang: str) -> list[NumberCheck]:
    """Pair each figure of the source with one of the target; report missing and changed ones."""
    return pair(read_figures(source_text, source_lang), target_text, target_lang)


def pair(source: SourceFigures, target_text: str, target_lang: str) -> list[NumberCheck]:
    """Pair each figure of an analysed source with one of the target.

    Digits pair with digits first, words with words, and only then across notations, so that a
    target "2" cannot vouch for a source "two" while a source digit still needs it.
    """
    sources = list(source.figures)
    target_text = as_seen(target_text, target_lang)  # what a reader sees: the digits' system and order
    targets = extract(target_text, target_lang)
    identifiers = _check_codes(source.identifiers, target_text, targets)
    claimed = [c.target for c in identifiers if c.target is not None]
    inside = {i for i, n in enumerate(targets) if any(n.start < c.end and c.start < n.end for c in claimed)}
    pool = _Pool(targets, inside)
    checks: list[NumberCheck | None] = [None] * len(sources)
    _pair_like_with_like(sources, pool, checks)
    _pair_across_notations(sources, pool, checks)
    for i in range(len(sources)):
        if checks[i] is None:
            checks[i] = _unpaired(i, sources, checks, pool, source.text, target_text, target_lang)
    figures = [c for c in checks if c is not None] + _renamed_months(source.months, target_text, target_lang)
    return sorted(figures + identifiers, key=lambda c: c.source.start)


def _agreeing(source: Number, target: Number) -> NumberCheck:
    """Two figures of one value: ok, unless their scale, unit or qualifier differ."""
    change = difference(source, target)
    return NumberCheck(source, OK, target) if change is None else NumberCheck.changed(source, target, change)


def _renamed_months(months: tuple[Number, ...], target_text: str, target_lang: str) -> list[NumberCheck]:
    """A month of the source the translation names as another month ("9 April" → "9 mai"): each
    naming of a month is the same month (آذار = مارس = March). Only changes are reported: a
    month left unnamed is no figure lost ("May" may be a name)."""
    if not months:
        return []
    targets = list(month_mentions(target_text, target_lang))
    unmatched = []
    for month in months:
        same = next((t for t in targets if t.values == month.values), None)
        if same is None:
            unmatched.append(month)
        else:
            targets.remove(same)
    checks = [NumberCheck.changed(month, other, Change("month", month.text, other.text))
              for month, other in zip(unmatched, targets, strict=False)]
    named = {value for month in months for value in month.values}
    for other in targets[len(unmatched) :]:  # "April/July" for "April": a month the source never names
        if not other.values & named:
            nearest = min(months, key=lambda m: abs(m.start - other.start))
            checks.append(NumberCheck.changed(nearest, other, Change("month", nearest.text, other.text)))
    return checks


def _pair_like_with_like(sources: list[Number], pool: _Pool, checks: list[NumberCheck | None]) -> None:
    for words in (False, True):
        for i, source in enumerate(sources):
            if checks[i] is None and source.written_as_word == words:
                target = pool.take(source, words, other_units=False)
                if target is not None:
                    checks[i] = _agreeing(source, target)


def _pair_across_notations(sources: list[Number], pool: _Pool, checks: list[NumberCheck | None]) -> None:
    """A word for a digit or a digit for a word, unless the target digit is another figure's."""
    for i in sorted(range(len(sources)), key=lambda k: sources[k].written_as_word):
        source = sources[i]
        if checks[i] is not None:
            continue
        spare_digits = sum(not n.written_as_word for n in pool.leftovers())
        waiting_digits = sum(checks[k] is None and not s.written_as_word for k, s in enumerate(sources))
        if not source.written_as_word and spare_digits:
            continue  # a digit left in the target is this figure, changed: do not hide it behind a word
        if source.written_as_word and spare_digits <= waiting_digits:
            continue  # target digits belong to source digits first
        target = pool.take(source, not source.written_as_word, other_units=False)
        if target is not None:
            checks[i] = _agreeing(source, target)


def _unpaired(i: int, sources: list[Number], checks: list[NumberCheck | None], pool: _Pool, source_text: str,
              target_text: str, target_lang: str) -> NumberCheck:
    """A source figure no target figure agrees with: converted, changed, or explained away
    (a metric twin kept, digits inside an identifier, an Arabic dual), else missing."""
    source = sources[i]
    leftovers = [n for n in pool.leftovers() if not n.written_as_word]
    converted = _converted(source, pool.leftovers())  # "6'7\"" may come back as "deux mètres"
    if converted is not None:
        pool.used.add(pool.numbers.index(converted))
        if (change := difference(source, converted, converted=True)) is not None:
            return NumberCheck.changed(source, converted, change)
        return NumberCheck(source, OK, converted, note=f"unit converted: {source.text} {source.quantity.unit_text}")
    if (same_value := pool.take(source, source.written_as_word)) is not None:
        return _agreeing(source, same_value)  # the value kept in another unit: "10 miles" as "10 km"
    if leftovers and not source.written_as_word:
        target = min(leftovers, key=lambda n: abs(_relative(n, target_text) - _relative(source, source_text)))
        pool.used.add(pool.numbers.index(target))
        return NumberCheck.changed(source, target, time_change(source, target))
    if (twin := _metric_twin(i, sources, checks)) is not None:
        return NumberCheck(source, OK, None, note=f"imperial figure left out, metric {twin.text} kept")
    if not source.written_as_word and _inside_code(source, target_text):
        return NumberCheck(source, OK, None, note="written inside an identifier")
    if 2.0 in source.values and _dual_present(target_text, target_lang):
        return NumberCheck(source, OK, None, note="Arabic dual")
    return NumberCheck(source, MISSING)
