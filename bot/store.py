"""The index on disk: build one from sources (read, split, embed), write it atomically, and load
it back checked against its manifest.

An index directory holds
  manifest.json   format, model, dimension, counts, checksums of the sources and of every file
  sources.json    the sources' names, titles and lengths; the content words that have vectors
  texts.txt       the sources' raw text, end to end
  layout.npz      where each paragraph and sentence lies (offsets only; layout.py)
  sentences.faiss one vector per sentence
  windows.npy     one vector per sentence read with its neighbours (title included)
  paragraphs.npy  one vector per paragraph (title and section included); .faiss: searchable (closeness.py)
  words.npy       one vector per distinct content word, to see paraphrases ("venue" ~ "stadium")
  lexicon.json, bm25.*.npy, sentence_words.*.npy   what the words say (lexicon.py)

Everything a question reads is worked out here, when the index is written; when it is loaded, the
arrays a question reads a few rows of stay on disk (rows.OnDisk) and the rest are read into memory. Loading checks every file's size, and its checksum too when the
index is small (config.VERIFY_ON_LOAD_BYTES); `python -m bot check DIR` checks them all."""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from . import atomic, config, embed, faq, layout, lexicon, manifest, milvus_store
from .index import Index, IndexProblem
from .layout import Layout
from .lexical import content_words
from .rows import OnDisk, write_npy
from .sentence_store import LocalSentences
from .sources import Document, Paragraph, Sentence, read_source, row_readings_of, split_sentences

FILES = ("sources.json", "texts.txt", *layout.FILES, "sentences.faiss", "windows.npy", "paragraphs.faiss",
         "paragraphs.npy", "words.npy", *lexicon.FILES)


def _paragraph_label(doc: Document, section: str) -> str:
    return f"{doc.title}. {section}." if section != "Lead" else f"{doc.title}."


def vector_index(vectors: np.ndarray, progress: bool = False) -> faiss.Index:
    """A faiss index of unit vectors chosen by their number: exact while that is cheap, else an
    inverted file of int8 vectors. `vectors` may be a memory-mapped file: it is read in chunks."""
    n, d = vectors.shape
    if n <= config.FLAT_MAX_VECTORS:
        index = faiss.IndexFlatIP(d)
    else:
        lists = int(config.IVF_LISTS_PER_SQRT * math.sqrt(n))
        index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(d), d, lists, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        # faiss wants 30-256 training points per list; sorted rows read a memory map in order
        sample = np.sort(np.random.default_rng(0).choice(n, min(n, config.IVF_TRAIN_PER_LIST * lists), replace=False))
        index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
        index.nprobe = config.IVF_NPROBE
    for start in tqdm(range(0, n, config.VECTOR_CHUNK), desc="vector index", unit="chunk", disable=not progress):
        index.add(np.ascontiguousarray(vectors[start:start + config.VECTOR_CHUNK], dtype=np.float32))
    if isinstance(index, faiss.IndexIVF):
        index.make_direct_map()  # reconstruct_batch: the ranker reads the vectors of its candidates
    return index


def _split(docs: list[Document]) -> tuple[list[Paragraph], list[Sentence]]:
    paragraphs, sentences = [], []
    for d, doc in enumerate(docs):
        for section, start, end in doc.paragraphs:
            para = len(paragraphs)
            paragraphs.append(Paragraph(d, section, start, end))
            sentences += [Sentence(para, a, b) for a, b in split_sentences(doc.text, start, end)]
    return paragraphs, sentences


def _window_texts(docs: list[Document], paragraphs: list[Paragraph], sentences: list[Sentence],
                  sent_texts: list[str]) -> list[str]:
    """Each sentence with the ones before and after it in its paragraph, after its document's title."""
    by_para: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_para.setdefault(s.para, []).append(i)
    out = []
    for i, s in enumerate(sentences):
        siblings = by_para[s.para]
        pos = siblings.index(i)
        around = " ".join(sent_texts[j] for j in siblings[max(0, pos - 1): pos + 2])
        out.append(f"{docs[paragraphs[s.para].doc].title}. {around}")
    return out


def build(paths: list[str | Path], out: str | Path, progress: bool = False,
          milvus: milvus_store.Target | None = None) -> Path:
    """Read, split and embed the sources; write the index to `out` atomically (its sentences to
    Milvus, if given)."""
    if not paths:
        raise IndexProblem("no sources given: name one or more .txt/.md files")
    docs = [read_source(p) for p in paths]
    names = [d.name for d in docs]
    if len(set(names)) != len(names):
        twice = ", ".join(sorted(set(n for n in names if names.count(n) > 1)))
        raise IndexProblem(f"two sources share a file name ({twice}); rename one")
    paragraphs, sentences = _split(docs)
    if not sentences:
        raise IndexProblem(f"no text found in {', '.join(names)}: nothing to index")
    if milvus:
        milvus_store.reach(milvus)
    sent_texts = [docs[paragraphs[s.para].doc].text[s.start:s.end] for s in sentences]
    # what is embedded: a table's row with its columns' names (the quote stays the row's own text)
    readings = row_readings_of(docs, paragraphs)
    questions = faq.asked(paragraphs, sentences, sent_texts)  # and an FAQ's answer with its question
    embedded = [readings[s.para] or (f"{q} {t}" if q else t) for s, t, q in zip(sentences, sent_texts, questions)]
    para_texts = [_paragraph_label(docs[p.doc], p.section) + " " + (reading or docs[p.doc].text[p.start:p.end])
                  for p, reading in zip(paragraphs, readings)]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{Path(out).name}.embed-{os.getpid()}-", dir=Path(out).parent))
    try:
        sent_vecs = _embed(embedded, scratch / "sentences.npy", progress)
        window_vecs = _embed(_window_texts(docs, paragraphs, sentences, embedded), scratch / "windows.npy", progress)
        vocab = sorted({w for t in sent_texts for w in content_words(t)})
        word_vecs = embed.encode(vocab, progress=progress).astype(np.float16)
        para_vecs = _embed(para_texts, scratch / "paragraphs.npy", progress)
        return write(out, docs, Layout.of(paragraphs, sentences), vocab, sent_vecs, window_vecs, para_vecs, word_vecs,
                     progress, milvus)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _embed(texts: list[str], path: Path, progress: bool) -> np.ndarray | OnDisk:
    """The texts' vectors: in memory for up to VECTOR_CHUNK texts, else embedded a chunk at a time
    into `path` and read back by row, so that a build's memory does not grow with its corpus."""
    if len(texts) <= config.VECTOR_CHUNK:
        return embed.encode(texts, progress=progress)
    chunks = range(0, len(texts), config.VECTOR_CHUNK)
    write_npy(path, (len(texts), config.TRAINED.model_dim),
               (embed.encode(texts[a:a + config.VECTOR_CHUNK]) for a in tqdm(chunks, desc="embedding", unit="chunk",
                                                                              disable=not progress)))
    return OnDisk(path)


def _save_rows(path: Path, rows) -> None:
    """An .npy file of `rows` (an array, or anything sliced by rows, such as OnDisk)."""
    write_npy(path, rows.shape, (rows[a:a + config.VECTOR_CHUNK] for a in range(0, rows.shape[0], config.VECTOR_CHUNK)))


def write(out: str | Path, docs: list[Document], table: Layout, vocab: list[str], sent_vecs, window_vecs, para_vecs,
          word_vecs: np.ndarray, progress: bool = False, milvus: milvus_store.Target | None = None) -> Path:
    """Write an index directory from its parts, atomically. The vectors may be arrays or anything
    sliced by rows (OnDisk, bench/scale.py's readers), copied a chunk at a time."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.clean_up(out)
    if np.any(np.diff(table.sentences.para) < 0) or np.any(np.diff(table.paragraphs.doc) < 0):
        raise ValueError("sentences must come in the order of their paragraphs, paragraphs of their documents")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    try:
        sources = {"sources": [{"name": doc.name, "title": doc.title, "chars": len(doc.text)} for doc in docs],
                   "words": vocab}
        (tmp / "sources.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
        with open(tmp / "texts.txt", "w", encoding="utf-8", newline="") as f:
            for doc in docs:
                f.write(doc.text)
        table.save(tmp)
        atomic.pause_for_tests("writing")
        faiss.write_index(vector_index(sent_vecs, progress), str(tmp / "sentences.faiss"))
        _save_rows(tmp / "windows.npy", window_vecs)
        _save_rows(tmp / "paragraphs.npy", para_vecs)
        faiss.write_index(vector_index(para_vecs, progress), str(tmp / "paragraphs.faiss"))
        np.save(tmp / "words.npy", word_vecs)
        lexicon.write(tmp, docs, table, {w: i for i, w in enumerate(vocab)}, progress)
        if milvus:
            milvus_store.publish(tmp, milvus, progress)
        _finish(tmp, out, docs, table, int(sent_vecs.shape[1]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _finish(tmp: Path, out: Path, docs: list[Document], table: Layout, dimension: int) -> None:
    """The manifest of what `tmp` holds, everything flushed to disk, then `tmp` swapped in as `out`."""
    made = manifest.make(tmp, _files(tmp), docs, table, dimension)
    (tmp / "manifest.json").write_text(json.dumps(made, indent=1), encoding="utf-8")
    for f in tmp.iterdir():
        with open(f, "rb") as fh:
            os.fsync(fh.fileno())
    atomic.swap_in(tmp, out)


def to_milvus(directory: str | Path, out: str | Path, target: milvus_store.Target, progress: bool = False) -> Path:
    """An index directory written again with its sentences in Milvus (`python -m bot index --milvus`
    does the same while building): a large corpus is indexed once and then sent."""
    directory, out = Path(directory), Path(out)
    made = verify(directory)
    if _files(directory) != FILES:
        raise IndexProblem(f"the sentences of {directory} are in Milvus already")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    try:
        for f in FILES:
            shutil.copyfile(directory / f, tmp / f)
        milvus_store.publish(tmp, target, progress)
        _finish(tmp, out, _read_docs(tmp)[0], Layout.load(tmp), made["dimension"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _files(directory: Path) -> tuple[str, ...]:
    """The files of an index directory: fewer when a Milvus collection serves its sentences."""
    if (directory / milvus_store.FILE).exists():
        return (*(f for f in FILES if f not in milvus_store.SERVED), milvus_store.FILE)
    return FILES


def _read_docs(directory: Path) -> tuple[list[Document], list[str]]:
    meta = json.loads((directory / "sources.json").read_text(encoding="utf-8"))
    text = (directory / "texts.txt").read_bytes().decode("utf-8")
    docs, at = [], 0
    for s in meta["sources"]:
        docs.append(Document(s["name"], s["title"], text[at:at + s["chars"]]))
        at += s["chars"]
    if at != len(text):
        raise ValueError("texts.txt and sources.json disagree")
    return docs, meta["words"]


def verify(directory: str | Path) -> dict:
    """Check an index directory completely (every file against its checksum); its manifest if sound."""
    directory = Path(directory)
    rebuild = f"rebuild it: python -m bot index SOURCE... --out {directory}"
    made = manifest.read(directory, rebuild)
    manifest.check_files(directory, _files(directory), made, rebuild, full=True)
    return made


def _open(directory: Path, made: dict) -> Index:
    docs, vocab = _read_docs(directory)
    # a question reads a few windows, and every paragraph vector only of a small index
    para_vecs = OnDisk(directory / "paragraphs.npy")
    if len(para_vecs) <= config.FLAT_MAX_VECTORS:
        para_vecs = np.load(directory / "paragraphs.npy", allow_pickle=False)
    if (directory / milvus_store.FILE).exists():
        def sentences(bm25): return milvus_store.open_store(directory, bm25)
    else:
        vectors, windows = faiss.read_index(str(directory / "sentences.faiss")), OnDisk(directory / "windows.npy")
        def sentences(bm25): return LocalSentences(vectors, windows, bm25)
    return Index(directory, made, docs, Layout.load(directory), sentences,
                 para_vecs, faiss.read_index(str(directory / "paragraphs.faiss")),
                 {w: i for i, w in enumerate(vocab)},
                 np.load(directory / "words.npy", allow_pickle=False).astype(np.float32))  # float16 on disk


def _counts_agree(ix: Index) -> bool:
    p = len(ix.paragraphs)
    return (ix.sentence_store.holds(len(ix.sentences), ix.manifest["dimension"])
            and ix.paragraph_index.ntotal == len(ix.paragraph_vectors) == p and len(ix.word_vectors) == len(ix.words))


def load(directory: str | Path) -> Index:
    """Load an index directory, checked (see the module's doc); raise IndexProblem saying what to do
    if it is unusable. Large arrays stay on disk (rows.OnDisk), so a million sentences load in about
    the time it takes to read their text and faiss indexes."""
    directory = Path(directory)
    if directory.parent.is_dir():
        atomic.clean_up(directory)
    rebuild = f"rebuild it: python -m bot index SOURCE... --out {directory}"
    made = manifest.read(directory, rebuild)
    manifest.check_files(directory, _files(directory), made, rebuild)
    try:
        index = _open(directory, made)
    except IndexProblem:  # the Milvus collection's own (milvus_store.open_store), naming its URI
        raise
    except (ValueError, RuntimeError, KeyError, TypeError, OSError) as e:
        raise IndexProblem(f"{directory} holds a file that cannot be read ({type(e).__name__}); {rebuild}") from None
    if not _counts_agree(index):
        raise IndexProblem(f"{directory}: vectors and passages do not match in number; {rebuild}")
    return index


def check_sources(index: Index, paths: list[Path]) -> None:
    """Raise IndexProblem if the sources on disk differ from what the index was built from."""
    recorded = {s["name"]: s["sha256"] for s in index.manifest["sources"]}
    current = {p.name: manifest.sha256(p.read_bytes()) for p in paths}
    if recorded != current:
        changed = sorted(set(recorded.items()) ^ set(current.items()))
        names = ", ".join(sorted({n for n, _ in changed}))
        raise IndexProblem(f"the index in {index.directory} is out of date with the sources ({names} changed); "
                           f"rebuild it: python -m bot index {' '.join(str(p) for p in paths)} --out {index.directory}")


def load_current(paths: list[Path], out: str | Path) -> Index:
    """The index in `out` if it was built from these sources as they are now, else built there anew
    (for tools that keep indexes between runs)."""
    try:
        index = load(out)
        check_sources(index, paths)
        return index
    except IndexProblem:
        return load(build(paths, out))
