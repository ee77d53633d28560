"""Rows of varying length (a sentence's word ids, a term's postings) as two flat arrays: the values
end to end and where each row starts. Written as .npy files; read back with the row starts in
memory and the values left on disk (OnDisk), so an index of a million sentences opens in
milliseconds and only the rows a question reads come off the disk."""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Rows:
    starts: np.ndarray   # row r is values[starts[r]:starts[r + 1]]
    values: np.ndarray | OnDisk

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, r: int) -> np.ndarray:
        return self.values[self.starts[r]:self.starts[r + 1]]

    def read(self, rows) -> dict[int, np.ndarray]:
        """Several rows, each read once however often it is named; a run of neighbouring rows (a
        sentence and the ones around it) is one read, as they lie end to end."""
        out: dict[int, np.ndarray] = {}
        for a, b in _run_bounds(np.unique(np.fromiter(rows, dtype=np.int64))):
            starts = self.starts[a:b + 1].tolist()  # Python ints: a row's slice costs no numpy scalars
            values, first = self.values[starts[0]:starts[-1]], starts[0]
            out.update((r, values[starts[k] - first:starts[k + 1] - first]) for k, r in enumerate(range(a, b)))
        return out

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
        """Row starts in memory (8 bytes a row), values read off the disk row by row (OnDisk)."""
        starts, values = cls.files(name)
        return cls(np.load(directory / starts, allow_pickle=False), OnDisk(directory / values))


def _run_bounds(ids: np.ndarray) -> list[tuple[int, int]]:
    """Sorted distinct ids as runs of consecutive ones, each (first, last + 1): [3, 4, 5, 9] ->
    (3, 6), (9, 10)."""
    if not len(ids):
        return []
    breaks = np.flatnonzero(np.diff(ids) != 1) + 1
    return list(zip(ids[np.r_[0, breaks]].tolist(), (ids[np.r_[breaks - 1, len(ids) - 1]] + 1).tolist()))


def _header(f) -> tuple[tuple[int, ...], np.dtype, int]:
    """An open .npy file's shape, dtype and where its data starts."""
    major, _ = np.lib.format.read_magic(f)
    read = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read(f)
    if fortran or dtype.hasobject:
        raise ValueError(f"{Path(f.name).name}: not a plain array")
    return shape, dtype, f.tell()


def write_npy(path: Path, shape: tuple[int, ...], chunks: Iterable[np.ndarray], dtype=np.float32) -> None:
    """An .npy file written a chunk of rows at a time, so that a million vectors never sit in memory."""
    with open(path, "wb") as f:
        np.lib.format.write_array_header_1_0(f, {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)),
                                                 "fortran_order": False, "shape": shape})
        for chunk in chunks:
            f.write(np.ascontiguousarray(chunk, dtype=dtype).tobytes())


class OnDisk:
    """An .npy array left on disk, its rows read when indexed (os.pread), for arrays a question reads
    a few scattered rows of (a million sentences' window vectors, BM25 postings). Neither loaded nor
    memory-mapped: a mapped page, or the large page-cache folio it sits in, would count toward the
    process's memory for good (measured: +270 MB for 200 window rows of a million), where a read
    costs microseconds and leaves the page cache to the kernel. `rows`: only the first so many."""

    def __init__(self, path: Path, rows: int | None = None):
        with open(path, "rb") as f:
            shape, self.dtype, self.offset = _header(f)
        self.row_bytes = self.dtype.itemsize * int(np.prod(shape[1:]))
        if path.stat().st_size != self.offset + self.row_bytes * shape[0]:
            raise ValueError(f"{path.name}: size does not match its header")
        self.shape = (shape[0] if rows is None else min(rows, shape[0]), *shape[1:])
        self._fd = os.open(path, os.O_RDONLY)

    def __del__(self):
        if hasattr(self, "_fd"):
            os.close(self._fd)

    def __len__(self) -> int:
        return self.shape[0]

    def _read(self, start: int, stop: int) -> bytes:
        return os.pread(self._fd, (stop - start) * self.row_bytes, self.offset + start * self.row_bytes)

    def __getitem__(self, key) -> np.ndarray:
        """Rows by a slice (one read) or by an array of ids (a read per run of consecutive ids)."""
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            assert step == 1, "rows are read in order"
            return self._rows(self._read(start, max(start, stop)))
        ids = np.asarray(key, dtype=np.int64).ravel()
        distinct, back = np.unique(ids, return_inverse=True)
        rows = self._rows(b"".join(self._read(a, b) for a, b in _run_bounds(distinct)))
        return rows[back]

    def _rows(self, data: bytes) -> np.ndarray:
        return np.frombuffer(data, dtype=self.dtype).reshape(-1, *self.shape[1:])
