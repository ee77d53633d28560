"""Rows and OnDisk: what an index keeps on disk reads back exactly, by row, slice or ids."""
import numpy as np
import pytest

from bot.rows import OnDisk, Rows


def test_rows_round_trip(tmp_path):
    rows = Rows.of([[3, 1], [], [7], [2, 2, 2]], chunk=2)  # chunked as a million-row build is
    assert [r.tolist() for r in (rows[i] for i in range(len(rows)))] == [[3, 1], [], [7], [2, 2, 2]]
    rows.save(tmp_path, "x")
    back = Rows.load(tmp_path, "x")
    assert isinstance(back.values, OnDisk)
    assert [back[i].tolist() for i in range(4)] == [[3, 1], [], [7], [2, 2, 2]]
    assert back.values[back.span(3)].tolist() == [2, 2, 2]


def test_several_rows_are_read_once_each_in_runs(tmp_path):
    Rows.of([[1, 2], [3], [], [4, 5, 6], [7], [8, 9]]).save(tmp_path, "x")
    got = Rows.load(tmp_path, "x").read([4, 0, 3, 3, 2, 5])  # runs 0 and 2-5, row 3 named twice
    assert {r: v.tolist() for r, v in got.items()} == {0: [1, 2], 2: [], 3: [4, 5, 6], 4: [7], 5: [8, 9]}
    assert Rows.load(tmp_path, "x").read([]) == {}


def test_on_disk_reads_rows_slices_and_ids(tmp_path):
    a = np.random.default_rng(0).normal(size=(50, 6)).astype(np.float32)
    np.save(tmp_path / "a.npy", a)
    d = OnDisk(tmp_path / "a.npy")
    assert len(d) == 50 and d.shape == (50, 6)
    assert np.array_equal(d[10:13], a[10:13]) and np.array_equal(d[[49, 0, 7]], a[[49, 0, 7]])
    assert np.array_equal(d[np.array([5])], a[[5]]) and d[3:3].shape == (0, 6)
    first = OnDisk(tmp_path / "a.npy", rows=20)  # the first rows only, as bench/scale.py reads a corpus
    assert first.shape == (20, 6) and np.array_equal(first[0:100], a[:20])


def test_a_cut_file_is_refused(tmp_path):
    np.save(tmp_path / "a.npy", np.arange(100, dtype=np.int64))
    data = (tmp_path / "a.npy").read_bytes()
    (tmp_path / "a.npy").write_bytes(data[:-8])
    with pytest.raises(ValueError):
        OnDisk(tmp_path / "a.npy")
