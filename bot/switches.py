"""Switching hand rules off by name: the `Rule` every entry of rules.py's table is, and the switch.

A rule switched off has no effect: its pattern matches nothing, its word list is empty, and the code behind it
(`if rules.X.on`) is skipped. Switch rules off for a process with `BOT_RULES_OFF=name,name` or `rules.switch_off([...])`
before answering; the cross-validation switches each off to see what it earns. Kept apart from the table so that the
table (rules.py) holds nothing but rules.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

_off: frozenset[str] | None = None
_known: frozenset[str] = frozenset()  # every rule's name: rules.py registers its table
_caches: list[Callable] = []  # functools caches whose results depend on rules (cleared on a switch)


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    pattern: re.Pattern | None = None
    words: frozenset[str] = field(default_factory=frozenset)

    @property
    def on(self) -> bool:
        return self.name not in switched_off()

    def match(self, text: str) -> re.Match | None:
        return self.pattern.match(text) if self.on else None

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.on else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.on else iter(())

    def has(self, word: str) -> bool:
        return self.on and word in self.words

    def word_set(self) -> frozenset[str]:  # its words, or none if it is switched off
        return self.words if self.on else frozenset()


def register(names: Iterable[str]) -> None:
    """The names of every rule there is (rules.py's table), so that a misspelt switch is an error."""
    global _known
    _known = frozenset(names)


def switched_off() -> frozenset[str]:
    """The rules switched off: by switch_off(), else by BOT_RULES_OFF (read at first use)."""
    global _off
    if _off is None:
        _off = _checked(n for n in os.environ.get("BOT_RULES_OFF", "").split(",") if n.strip())
    return _off


def switch_off(names: Iterable[str]) -> None:
    """Switch these rules off (and every other on), for the whole process."""
    global _off
    _off = _checked(names)
    for cached in _caches:
        cached.cache_clear()


def depends_on_rules(cached: Callable) -> Callable:
    """Mark a functools cache as holding results that depend on rules: cleared on a switch."""
    _caches.append(cached)
    return cached


def _checked(names: Iterable[str]) -> frozenset[str]:
    names = frozenset(n.strip() for n in names)
    unknown = sorted(names - _known)
    if unknown:
        raise ValueError(f"no such rule: {', '.join(unknown)} (python -m bot rules lists them)")
    return names

