"""A Milvus collection as an index's sentence store, for corpora that outgrow one machine.

`python -m bot index ... --out DIR --milvus URI` sends each sentence to the collection as one row:
its vector, its window's vector (the sentence read with its neighbours) and its BM25 term weights as
a sparse vector, computed by bm25.py, so the weights are the ones the directory's own store uses.
DIR keeps the rest (text, layout, paragraphs, vocabulary and idf) and `milvus.json`, which names the
URI, the collection and the build that wrote it. A question then runs one hybrid search (dense +
sparse, fused by Milvus) and reads its candidates' rows; everything after is the same bot.

The token (MILVUS_TOKEN) is read from the environment, never written to the index. pymilvus and
milvus-lite are optional: requirements-milvus.txt."""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import atomic, config
from .bm25 import Bm25
from .index import IndexProblem
from .rows import OnDisk

FILE = "milvus.json"
# What the collection serves in place of the directory's own files.
SERVED = ("sentences.faiss", "windows.npy", *Bm25.files("bm25.sentences")[1:])
BATCH = 1000           # rows a request
NO_TERMS = 4_000_000_000  # Milvus wants a weight in every sparse vector: a sentence without terms gets this
                          # one, an id past any vocabulary that no question asks
READY_SECONDS = 600    # how long a build waits for Milvus to finish indexing what it sent


@dataclass(frozen=True)
class Target:
    uri: str          # http(s)://HOST:PORT of a Milvus server, or a local .db file (Milvus Lite)
    collection: str


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise IndexProblem(f"the index's sentences are in Milvus at {uri}, and pymilvus is not installed: "
                           "pip install -r requirements-milvus.txt") from None
    try:
        return MilvusClient(uri, token=os.environ.get("MILVUS_TOKEN", ""), timeout=30)
    except Exception as e:  # pymilvus raises its own kinds, and OSError for a Lite path it cannot use
        raise IndexProblem(f"cannot reach Milvus at {uri}: {_reason(e)}") from None


def reach(target: Target) -> None:
    """IndexProblem now if Milvus cannot be reached, so that a build says so before embedding
    (minutes for a large corpus), not after."""
    _client(target.uri).close()


def _reason(e: Exception) -> str:
    return getattr(e, "message", None) or str(e) or type(e).__name__


class _SparseRows:
    """Each sentence's {term id: BM25 term-frequency weight}, from the postings (grouped by term):
    regrouped by sentence once as flat arrays, made into dicts a batch at a time."""

    def __init__(self, directory: Path, n: int):
        meta = json.loads((directory / "lexicon.json").read_text(encoding="utf-8"))
        bm25 = Bm25.load(directory, "bm25.sentences", {t: j for j, t in enumerate(meta["terms"])})
        total = int(bm25.postings.starts[-1])
        texts, weights = bm25.postings.values[0:total], bm25.weights[0:total]
        term = np.repeat(np.arange(len(bm25.postings), dtype=np.int64), np.diff(bm25.postings.starts))
        order = np.lexsort((term, texts))
        self.bounds = np.searchsorted(texts[order], np.arange(n + 1))
        self.term, self.weight = term[order], weights[order]

    def __call__(self, i: int) -> dict[int, float]:
        a, b = self.bounds[i], self.bounds[i + 1]
        return dict(zip(self.term[a:b].tolist(), self.weight[a:b].tolist())) or {NO_TERMS: 1.0}


def publish(directory: Path, target: Target, progress: bool = False) -> dict:
    """Send a written index's sentences to the collection (replacing it), wait until Milvus has
    indexed them, then drop the files it now serves. Returns what milvus.json records."""
    import faiss

    client = _client(target.uri)
    vectors = faiss.read_index(str(directory / "sentences.faiss"))
    windows = OnDisk(directory / "windows.npy")
    n, dim = vectors.ntotal, vectors.d
    sparse = _SparseRows(directory, n)
    try:
        _create(client, target.collection, dim)
        for a in tqdm(range(0, n, BATCH), desc="to Milvus", unit="batch", disable=not progress):
            atomic.pause_for_tests("sending")  # the crash tests kill a build here
            b = min(n, a + BATCH)
            vecs, wins = vectors.reconstruct_n(a, b - a), windows[a:b]
            client.insert(target.collection, [{"id": i, "vector": vecs[i - a], "window": wins[i - a],
                                               "terms": sparse(i)} for i in range(a, b)])
        client.flush(target.collection)
        _index(client, target.collection, n)
        build = uuid.uuid4().hex
        # Written last: a collection without it (a build killed half-way) is refused on load.
        client.alter_collection_properties(target.collection, properties={"bot.build": build})
    except IndexProblem:
        raise
    except Exception as e:
        raise IndexProblem(f"writing to Milvus at {target.uri} failed: {_reason(e)}") from None
    finally:
        client.close()
    for f in SERVED:
        (directory / f).unlink()
    record = {"uri": target.uri, "collection": target.collection, "rows": n, "dimension": dim, "build": build}
    (directory / FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return record


def _create(client, collection: str, dim: int) -> None:
    """The collection, new: one that was there is dropped (an index naming it will see another build's id)."""
    from pymilvus import DataType

    if client.has_collection(collection):
        client.drop_collection(collection)
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("window", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("terms", DataType.SPARSE_FLOAT_VECTOR)
    client.create_collection(collection, schema=schema)


def _index(client, collection: str, n: int) -> None:
    """Index the sentence vectors as the directory's faiss would (exact up to FLAT_MAX_VECTORS, else
    an inverted file of int8 vectors), and wait until Milvus says every row is indexed and loaded."""
    params = client.prepare_index_params()
    if n <= config.FLAT_MAX_VECTORS:
        params.add_index("vector", index_name="vector", metric_type="IP", index_type="FLAT")
    else:
        params.add_index("vector", index_name="vector", metric_type="IP", index_type="IVF_SQ8",
                         params={"nlist": int(config.IVF_LISTS_PER_SQRT * np.sqrt(n))})
    # never searched, only read; Milvus loads no vector field without an index, and FLAT adds nothing
    params.add_index("window", index_name="window", metric_type="IP", index_type="FLAT")
    params.add_index("terms", index_name="terms", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    client.create_index(collection, params)
    deadline = time.monotonic() + READY_SECONDS
    while not all(client.describe_index(collection, name).get("indexed_rows", 0) >= n
                  for name in ("vector", "window", "terms")):
        if time.monotonic() > deadline:
            raise IndexProblem(f"Milvus did not finish indexing collection {collection} in {READY_SECONDS} s")
        time.sleep(0.2)
    client.load_collection(collection)


def open_store(directory: Path, bm25: Bm25) -> MilvusSentences:
    """The collection an index directory names, checked: there, loaded, and written whole by the
    same build (a build killed half-way leaves it without the build's id)."""
    record = json.loads((directory / FILE).read_text(encoding="utf-8"))
    uri, name = record["uri"], record["collection"]
    rebuild = f"rebuild it: python -m bot index SOURCE... --out {directory} --milvus {uri}"
    client = _client(uri)
    try:
        if not client.has_collection(name):
            raise IndexProblem(f"Milvus at {uri} has no collection {name}; {rebuild}")
        built = client.describe_collection(name).get("properties", {}).get("bot.build")
        rows = int(client.get_collection_stats(name)["row_count"])
        if built != record["build"] or rows != record["rows"]:
            raise IndexProblem(f"collection {name} at {uri} is not the one this index wrote, or was not written "
                               f"whole ({rows:,} of {record['rows']:,} rows; a build stopped half-way?); {rebuild}")
        client.load_collection(name)
    except IndexProblem:
        client.close()
        raise
    except Exception as e:
        client.close()
        raise IndexProblem(f"Milvus at {uri} failed opening collection {name}: {_reason(e)}") from None
    return MilvusSentences(client, uri, name, rows, int(record["dimension"]), bm25.idf)


@dataclass
class _Row:
    vector: np.ndarray
    window: np.ndarray
    terms: dict[int, float]


@dataclass
class MilvusSentences:
    client: object
    uri: str
    collection: str
    rows: int
    dimension: int
    idf: np.ndarray

    def __len__(self) -> int:
        return self.rows

    def holds(self, sentences: int, dimension: int) -> bool:  # the collection's own: checked by open_store
        return self.rows == sentences and self.dimension == dimension

    def call(self, method: str, *args, **kwargs):
        """A request to Milvus; a failure says which server, never a pymilvus traceback."""
        try:
            return getattr(self.client, method)(self.collection, *args, **kwargs)
        except Exception as e:
            raise IndexProblem(f"Milvus at {self.uri} failed a {method} on {self.collection}: {_reason(e)}") from None

    def lookup(self, qvec: np.ndarray, qterms: dict[int, float], dense_k: int, lexical_k: int) -> _MilvusLookup:
        return _MilvusLookup(self, qvec, qterms, dense_k, lexical_k)

    def texts_with(self, term_id: int, limit: int) -> np.ndarray | None:
        hits = self.call("search", data=[{int(term_id): 1.0}], anns_field="terms", limit=limit + 1,
                         search_params={"metric_type": "IP"}, output_fields=["id"])[0]
        return None if len(hits) > limit else np.array(sorted(h["id"] for h in hits), dtype=np.int64)


@dataclass
class _MilvusLookup:
    store: MilvusSentences
    qvec: np.ndarray
    qterms: dict[int, float]
    dense_k: int
    lexical_k: int
    rows: dict[int, _Row] = field(default_factory=dict)

    def __post_init__(self):
        ids = np.fromiter(self.qterms, dtype=np.int64)
        # the query's weights as the directory's BM25 makes them: idf times weight, in float32
        self.weights = self.store.idf[ids] * np.fromiter(self.qterms.values(), dtype=np.float32)
        self.term_ids = ids.tolist()

    def _keep(self, hits) -> list[int]:
        for h in hits:
            e = h.get("entity", h)
            self.rows[int(h["id"])] = _Row(np.array(e["vector"], dtype=np.float32),
                                           np.array(e["window"], dtype=np.float32), dict(e["terms"]))
        return [int(h["id"]) for h in hits]

    @cached_property
    def searched(self) -> np.ndarray:
        from pymilvus import AnnSearchRequest, RRFRanker

        dense = AnnSearchRequest([self.qvec.tolist()], "vector", {"metric_type": "IP", "params": {
            "nprobe": config.IVF_NPROBE}}, self.dense_k)
        fields = ["vector", "window", "terms"]
        if not self.term_ids:  # no word of the question is in the article: the dense search alone
            hits = self.store.call("search", data=[self.qvec.tolist()], anns_field="vector", limit=self.dense_k,
                                   search_params=dense.param, output_fields=fields)[0]
        else:
            sparse = AnnSearchRequest([dict(zip(self.term_ids, self.weights.tolist()))], "terms",
                                      {"metric_type": "IP"}, self.lexical_k)
            # fused by rank; with room for both lists whole, the result is each search's top, together
            hits = self.store.call("hybrid_search", [dense, sparse], RRFRanker(), limit=self.dense_k + self.lexical_k,
                                   output_fields=fields)[0]
        return np.array(sorted(self._keep(hits)), dtype=np.int64)

    def _fetch(self, ids) -> None:
        missing = sorted(set(map(int, ids)) - self.rows.keys())
        for a in range(0, len(missing), BATCH):
            self._keep(self.store.call("get", ids=missing[a:a + BATCH], output_fields=["id", "vector", "window", "terms"]))

    @property
    def bm25_max(self) -> float:
        # BM25's best sentence is among the sparse search's hits, so among those searched
        ids = self.searched
        return float(self.bm25(ids).max()) if len(ids) else 0.0

    def bm25(self, ids: np.ndarray) -> np.ndarray:
        """As bm25.Bm25.query adds them: term by term, in float32."""
        self._fetch(ids)
        out = np.zeros(len(ids), dtype=np.float32)
        for j, w in zip(self.term_ids, self.weights):
            out += np.array([self.rows[int(i)].terms.get(j, 0.0) for i in ids], dtype=np.float32) * w
        return out

    def _stack(self, ids: np.ndarray, field_name: str) -> np.ndarray:
        self._fetch(ids)
        return np.array([getattr(self.rows[int(i)], field_name) for i in ids], dtype=np.float32).reshape(len(ids), -1)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self._stack(ids, "vector")

    def windows(self, ids: np.ndarray) -> np.ndarray:
        return self._stack(ids, "window")

    def terms(self, ids) -> dict[int, frozenset[int]]:
        ids = list(ids)
        self._fetch(ids)
        return {int(i): frozenset(j for j in self.rows[int(i)].terms if j != NO_TERMS) for i in ids}
