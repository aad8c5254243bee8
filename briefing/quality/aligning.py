"""Aligning a translation with its source when they are not line-aligned: by paragraph, then by
sentence, allowing 1–2 and 2–1 groups, deletions and insertions, and paragraphs moved.

The cost of pairing two texts is their length mismatch plus how much their anchors disagree:
figures (digit runs, any script of digits) and glossary entries found on each side. Gale and
Church's length-only cost aligns parallel text well; anchors are what keep it right when a
translator merges, drops or moves sentences, which desks' translations do. Dynamic programming
over the two sequences, so the cost is the product of their lengths — paragraphs first keeps
both small.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Costs are negative log-likelihoods, with Gale and Church's priors for the kinds of group
# (1–1: 0.89, 2–1 or 1–2: 0.089, 1–0 or 0–1: 0.0099) and their length model (variance 6.8 per
# character); disagreeing anchors weigh like a strongly unlikely length.
SKIP = 4.5  # a sentence or paragraph left unaligned
MERGE = 2.3  # a 1–2 or 2–1 group, over a 1–1 pair
ANCHORS = 3.0  # all anchors disagreeing
MOVED = 3.0  # a paragraph pair left out of the monotone alignment is re-paired below this cost
_VARIANCE = 6.8


@dataclass(frozen=True)
class Group:
    """Source items and the target items that translate them (either side may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]


@dataclass(frozen=True)
class Unit:
    text: str
    anchors: frozenset
    sentences: int = 1  # how many sentences a joined unit holds


def pair_cost(source: Unit, target: Unit, ratio: float = 1.0) -> float:
    """How unlikely it is that `target` translates `source`: their length mismatch (expected
    ratio `ratio` of characters) and the share of their anchors that disagree."""
    expected = max(len(source.text), 1) * ratio
    z = (len(target.text) - expected) / math.sqrt(_VARIANCE * (expected + len(target.text)) / 2 + 1)
    anchors = source.anchors | target.anchors
    disagreement = 1 - len(source.anchors & target.anchors) / len(anchors) if anchors else 0.3
    return z * z / 2 + ANCHORS * disagreement


def _joined(units: Sequence[Unit]) -> Unit:
    return Unit(" ".join(u.text for u in units), frozenset().union(*(u.anchors for u in units)),
                sum(u.sentences for u in units))


def align(source: Sequence[Unit], target: Sequence[Unit], cost: Callable[[Unit, Unit], float] = pair_cost,
          ) -> list[Group]:
    """Monotone alignment of two sequences with 1–1, 1–2, 2–1, 1–0 and 0–1 groups."""
    n, m = len(source), len(target)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    moves = ((1, 1, 0.0), (1, 2, MERGE), (2, 1, MERGE), (1, 0, SKIP), (0, 1, SKIP))
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == math.inf:
                continue
            for di, dj, extra in moves:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                value = here + extra + (cost(_joined(source[i:a]), _joined(target[j:b])) if di and dj else 0.0)
                if value < best[a][b]:
                    best[a][b], step[a][b] = value, (di, dj)
    groups = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        groups.append(Group(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return groups[::-1]


def align_paragraphs(source: Sequence[Sequence[Unit]], target: Sequence[Sequence[Unit]],
                     cost: Callable[[Unit, Unit], float] = pair_cost) -> list[Group]:
    """Sentence groups over the flattened sentences of two documents given as paragraphs of
    sentences: paragraphs aligned first (moved ones re-paired), then sentences within them."""
    def paragraph_cost(a: Unit, b: Unit) -> float:  # a sentence dropped or added must not derail paragraphs
        return min(cost(a, b), ANCHORS) if a.anchors & b.anchors else cost(a, b)

    paragraphs = align([_joined(p) for p in source], [_joined(p) for p in target], paragraph_cost)
    paired = _uncrossed([g for g in paragraphs if g.source and g.target], source, target, paragraph_cost)
    left_source = [i for g in paragraphs if not g.target for i in g.source]
    left_target = [j for g in paragraphs if not g.source for j in g.target]
    paired += _moved(left_source, left_target, lambda i, j: paragraph_cost(_joined(source[i]), _joined(target[j])))
    source_start, target_start = _offsets(source), _offsets(target)
    groups = [group for pair in paired
              for group in _sentences_within(pair, source, target, (source_start, target_start), cost)]
    groups += [Group((source_start[p] + k,), ()) for p in left_source for k in range(len(source[p]))]
    groups += [Group((), (target_start[p] + k,)) for p in left_target for k in range(len(target[p]))]
    return sorted(groups, key=lambda g: _position(g, groups))


def _moved(left_source: list[int], left_target: list[int], value: Callable[[int, int], float]) -> list[Group]:
    """Paragraphs moved: the cheapest remaining pair, while it is cheap enough. The pairs are
    taken out of both lists."""
    moved = []
    while left_source and left_target:
        cheapest, i, j = min((value(i, j), i, j) for i in left_source for j in left_target)
        if cheapest > MOVED:
            break
        moved.append(Group((i,), (j,)))
        left_source.remove(i)
        left_target.remove(j)
    return moved


def _sentences_within(paragraphs: Group, source: Sequence[Sequence[Unit]], target: Sequence[Sequence[Unit]],
                      starts: tuple[list[int], list[int]], cost: Callable[[Unit, Unit], float]) -> list[Group]:
    """The sentences of paired paragraphs aligned, numbered over the whole documents (each
    paragraph's first sentence number in `starts`)."""
    source_start, target_start = starts
    s_index = [source_start[p] + k for p in paragraphs.source for k in range(len(source[p]))]
    t_index = [target_start[p] + k for p in paragraphs.target for k in range(len(target[p]))]
    inner = align([u for p in paragraphs.source for u in source[p]], [u for p in paragraphs.target for u in target[p]],
                  cost)
    return [Group(tuple(s_index[k] for k in g.source), tuple(t_index[k] for k in g.target)) for g in inner]


def _position(group: Group, groups: list[Group]) -> tuple[float, int]:
    """Reading order: by source sentence; a target-only group right after the group that holds
    the target sentence before it."""
    if group.source:
        return group.source[0], 0
    before = [g.source[0] for g in groups if g.source and g.target and max(g.target) < group.target[0]]
    return (max(before) + 0.5 if before else -0.5), group.target[0]


def _uncrossed(groups: list[Group], source: Sequence[Sequence[Unit]], target: Sequence[Sequence[Unit]],
               cost: Callable[[Unit, Unit], float]) -> list[Group]:
    """Paragraphs moved past each other: a monotone alignment pairs them crosswise; exchange
    the targets of two 1–1 pairs whenever that makes both pairs clearly cheaper together."""
    groups = list(groups)

    def value(i: int, j: int) -> float:
        return cost(_joined(source[i]), _joined(target[j]))

    improved = True
    while improved:
        improved = False
        single = [k for k, g in enumerate(groups) if len(g.source) == len(g.target) == 1]
        for x, a in enumerate(single):
            for b in single[x + 1 :]:
                (sa,), (ta,) = groups[a].source, groups[a].target
                (sb,), (tb,) = groups[b].source, groups[b].target
                if value(sa, tb) + value(sb, ta) + MERGE < value(sa, ta) + value(sb, tb):
                    groups[a], groups[b] = Group((sa,), (tb,)), Group((sb,), (ta,))
                    improved = True
    return groups


def _offsets(paragraphs: Sequence[Sequence[Unit]]) -> list[int]:
    starts, total = [], 0
    for paragraph in paragraphs:
        starts.append(total)
        total += len(paragraph)
    return starts
