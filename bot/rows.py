"""Rows of varying length (a sentence's word ids, a term's postings) as two flat arrays: the values
end to end and where each row starts. Written as .npy files and memory-mapped back, so an index of
a million sentences opens in milliseconds and only the rows a question reads come off the disk."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Rows:
    starts: np.ndarray   # row r is values[starts[r]:starts[r + 1]]
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, r: int) -> np.ndarray:
        return self.values[self.starts[r]:self.starts[r + 1]]

    def span(self, r: int) -> slice:
        """Where row r lies in `values` (and in any array that runs beside them)."""
        return slice(int(self.starts[r]), int(self.starts[r + 1]))

    @classmethod
    def of(cls, rows: Iterable[Iterable[int]], dtype=np.int32, chunk: int = 50_000) -> Rows:
        """From rows of ints, streamed: memory holds the flat arrays, not a Python list per row."""
        parts, values, lengths = [], [], []
        for r in rows:
            before = len(values)
            values += r
            lengths.append(len(values) - before)
            if len(lengths) % chunk == 0:
                parts.append(np.array(values, dtype=dtype))
                values = []
        parts.append(np.array(values, dtype=dtype))
        starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        return cls(starts, np.concatenate(parts))

    @staticmethod
    def files(name: str) -> tuple[str, str]:
        return f"{name}.starts.npy", f"{name}.values.npy"

    def save(self, directory: Path, name: str) -> None:
        for f, a in zip(self.files(name), (self.starts, self.values)):
            np.save(directory / f, a)

    @classmethod
    def load(cls, directory: Path, name: str) -> Rows:
        return cls(*(load_array(directory / f) for f in cls.files(name)))


def load_array(path: Path) -> np.ndarray:
    """An .npy file memory-mapped read-only: pages are read when first touched. As a plain array
    over the map: np.memmap's own indexing costs microseconds a call, and a question makes many."""
    return np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
