"""The model reference that briefings, reports, renderers and the memory carry: light, and
below every engine, so that any module may name a model without importing one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelRef:
    """A model as the rest of the product knows it: what it is called and translates, not where
    its files lie (a cluster's client may have no copy at all)."""

    name: str
    version: str
    source: str
    target: str

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"

    def describe(self) -> dict:
        return {"package": self.name, "version": self.version, "pair": [self.source, self.target]}
