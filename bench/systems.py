"""The three systems the benchmark compares, each behind the same two calls:
`build(sources, out)` writes an index directory; `load(out)` returns `ask(question) -> quotes`
(the passages it would show, best first)."""
from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")  # no network, ever
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOP_K = 3
GRADIO_ONLY = "gradio-only"  # not a system: the served endpoint answering nothing, for the ceiling
Ask = Callable[[str], list[str]]


def _model_path() -> str:
    from bot import config

    return str(importlib.import_module(config.MODEL_PACKAGE).get_model_path())


def _paragraphs(sources: list[Path]) -> list[str]:
    """Paragraph chunks, as the usual recipe and Haystack get them (the bot's own reader, so all
    three systems see the same text)."""
    from bot.sources import read_source

    out = []
    for path in sources:
        doc = read_source(path)
        out += [doc.text[a:b] for _, a, b in doc.paragraphs]
    return out


# --- this project -------------------------------------------------------------------------------

def quote_bot_build(sources: list[Path], out: Path) -> int:
    from bot import store

    built = store.build(sources, out)
    return json.loads((built / "manifest.json").read_text())["sentences"]


def quote_bot_load(out: Path) -> Ask:
    from bot import Bot

    b = Bot.load(out)
    return lambda q: [c.quote for c in b.answer(q).citations]


# --- the usual recipe: paragraphs, MiniLM, flat faiss, top-3 ----------------------------------

def recipe_build(sources: list[Path], out: Path) -> int:
    import faiss
    from sentence_transformers import SentenceTransformer

    paragraphs = _paragraphs(sources)
    model = SentenceTransformer(_model_path(), device="cpu", local_files_only=True)
    vecs = model.encode(paragraphs, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    index = faiss.IndexFlatIP(vecs.shape[1])
    index.add(vecs)
    out.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(out / "paragraphs.faiss"))
    (out / "paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
    return len(paragraphs)


def recipe_load(out: Path) -> Ask:
    import faiss
    from sentence_transformers import SentenceTransformer

    paragraphs = json.loads((out / "paragraphs.json").read_text(encoding="utf-8"))
    index = faiss.read_index(str(out / "paragraphs.faiss"))
    model = SentenceTransformer(_model_path(), device="cpu", local_files_only=True)

    def ask(q: str) -> list[str]:
        v = model.encode([q], normalize_embeddings=True, convert_to_numpy=True)
        _, ids = index.search(v, TOP_K)
        return [paragraphs[i] for i in ids[0] if i >= 0]
    return ask


# --- Haystack: BM25 + embedding retrievers, joined by reciprocal rank fusion ---------------------

def haystack_build(sources: list[Path], out: Path) -> int:
    from haystack import Document
    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder

    store = InMemoryDocumentStore()
    embedder = SentenceTransformersDocumentEmbedder(model=_model_path(), local_files_only=True, progress_bar=False,
                                                    normalize_embeddings=True)
    embedder.warm_up()
    docs = embedder.run([Document(content=p) for p in _paragraphs(sources)])["documents"]
    store.write_documents(docs)
    out.mkdir(parents=True, exist_ok=True)
    store.save_to_disk(str(out / "store.json"))
    return len(docs)


def haystack_load(out: Path) -> Ask:
    from haystack import Pipeline
    from haystack.components.joiners import DocumentJoiner
    from haystack.components.retrievers.in_memory import InMemoryBM25Retriever, InMemoryEmbeddingRetriever
    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersTextEmbedder

    store = InMemoryDocumentStore.load_from_disk(str(out / "store.json"))
    pipe = Pipeline()
    pipe.add_component("embedder", SentenceTransformersTextEmbedder(model=_model_path(), local_files_only=True,
                                                                     progress_bar=False, normalize_embeddings=True))
    pipe.add_component("dense", InMemoryEmbeddingRetriever(store, top_k=TOP_K))
    pipe.add_component("bm25", InMemoryBM25Retriever(store, top_k=TOP_K))
    pipe.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=TOP_K))
    pipe.connect("embedder.embedding", "dense.query_embedding")
    pipe.connect("dense", "joiner")
    pipe.connect("bm25", "joiner")
    pipe.warm_up()

    def ask(q: str) -> list[str]:
        result = pipe.run({"embedder": {"text": q}, "bm25": {"query": q}})
        return [d.content for d in result["joiner"]["documents"]]
    return ask


SYSTEMS = {
    "quote-bot": (quote_bot_build, quote_bot_load),
    "usual recipe": (recipe_build, recipe_load),
    "haystack": (haystack_build, haystack_load),
}
