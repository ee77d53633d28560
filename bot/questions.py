"""What a question asks for: its answer type and the pieces of text that can be of that type."""
from __future__ import annotations

import re

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|single|double|first|"
                "second|third|fourth|fifth")

_KINDS = [  # first match wins
    ("date", r"^(?:\W*)when\b|\b(?:what|which|in what|on what)\s+(?:\w+\s+)?(?:year|date|day|month|decade|"
             r"century|era|period of time|time)\b|\bhow long ago\b|\bsince when\b"),
    ("number", r"\bhow (?:many|much|long|old|far|big|large|tall|high|often|fast|deep|wide|heavy)\b|"
               r"\bwhat (?:\w+\s+)?(?:number|percentage|percent|amount|proportion|size|population|"
               r"score|rate|age|temperature|cost|price|distance|magnitude)\b"),
    ("person", r"^(?:\W*)(?:who|whom|whose)\b|\b(?:by whom|to whom|who)\b|\b(?:which|what) (?:person|man|woman|"
               r"leader|author|writer|president|player|coach|king|queen|emperor|general|artist|singer|"
               r"composer|director|actor|actress|politician|scientist|journalist)\b"),
    ("place", r"^(?:\W*)where\b|\b(?:what|which|in what|in which) (?:country|countries|city|cities|place|"
              r"state|region|location|town|stadium|continent|province|area|venue|nation)\b"),
    ("title", r"\b(?:title|titled|called|named|name)\b|\bwhat (?:book|article|work|brochure|song|film|album|"
              r"newspaper|magazine|journal|chapter|program|show|novel|paper)\b|\bwhich (?:book|article|work|"
              r"brochure|song|film|album|newspaper|magazine|journal|works|writings?)\b"),
    # "which team ...", "what company ...": some named thing
    ("entity", r"^\W*(?:\w+\s+)?(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|can|could|"
               r"would|will|should|happened|kind|type|sort|else|if|about|exactly)\b)[a-z]+\b"),
]
_KIND_PATTERNS = [(k, re.compile(p, re.IGNORECASE)) for k, p in _KINDS]

_CAP = r"[A-ZÀ-ÖØ-Þ\u0400-\u042f][\w'’.-]*"
_JOIN = r"(?:\s+(?:of|the|and|de|du|da|von|van|der|la|le|for|in|on|&)\s+|\s+)"
ENTITY = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*")
# A name as references write it, surname first, before a year: "Trotsky, Leon, 1928", "Engels,
# Frederick 1874".
SURNAME_FIRST = re.compile(rf"{_CAP},\s+{_CAP}(?:\s+[A-Z]\.)*(?=,?\s+\(?\d{{3,4}}\b)")
QUOTED = re.compile(r"[\"“«]([^\"”»]{2,120})[\"”»]")
QUOTATION = re.compile(r"[\"“«]([^\"”»]{2,2000})[\"”»]")
# A numbered part of a work: "chapter 5", "Vol. 23", "p. 9", "Part II".
PART = re.compile(r"\b(?:chapter|volume|vol\.|page|pages|p\.|pp\.|part|edition|season|episode|verse|book|"
                  r"issue|no\.)\s*(?:\d+(?:[–-]\d+)?|[IVXLC]+\b)", re.IGNORECASE)
DATE = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})(?:,?\s+\d{{3,4}})?|(?:{MONTHS})\s+\d{{1,2}}"
                  rf"(?:st|nd|rd|th)?(?:,?\s+\d{{3,4}})?|(?:{MONTHS})\s+\d{{3,4}}|(?:{MONTHS})|"
                  r"\d{1,2}(?:st|nd|rd|th) century|\d{3,4}s|\d{1,4}\s?(?:BC|AD|BCE|CE)|\d{3,4}(?:[–-]\d{1,4})?)\b")
NUMBER = re.compile(rf"(?:[$£€]\s?)?\b\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|thousand|hundred|"
                    rf"km|miles|kilometres|kilometers|m|ft|feet|kg|tons|years|days|hours|people|times|parts))?\b|"
                    rf"\b(?:{NUMBER_WORDS})(?:[\s-](?:{NUMBER_WORDS}))*(?:\s(?:percent|parts|times|years|"
                    rf"people|days|months|sides))?\b", re.IGNORECASE)


# What people put before the question itself ("Can you tell me when ...", "I'd like to know who ...")
# and requests that stand for "What is X?" ("Tell me about X", "Describe X").
_GREETING = re.compile(r"^\s*(?:(?:please|so|ok(?:ay)?|hi|hello|hey)(?:[\s,;:!.]+|$))*", re.IGNORECASE)
_CAN_YOU = re.compile(r"(?:can|could|would|will)\s+you\s+(?:please\s+)?", re.IGNORECASE)
_WH = r"(?:who|what|when|where|which|why|how|whether|if)\b"
_ASKING = re.compile(r"(?:tell|show|remind)\s+me\s+|i(?:'d|’d|\s+would)\s+like\s+to\s+know\s+"
                     r"|i\s+(?:want|wish)\s+to\s+know\s+|i\s+wonder\s+|i(?:'m|’m|\s+am)\s+wondering\s+"
                     rf"|do\s+you\s+know\s+|does\s+the\s+(?:article|text)\s+(?:say|tell(?:\s+me)?|mention)\s+(?={_WH})",
                     re.IGNORECASE)
_EXPLAIN = r"(?:describe|explain)(?:\s+to\s+me)?\s+"
_DESCRIBE = re.compile(rf"(?:tell\s+me\s+(?:about|of)\s+|{_EXPLAIN}|(?:summari[sz]e|define)\s+)(?!to\s+me\b|{_WH})"
                       r"(.+?)\W*$", re.IGNORECASE)
_EMBEDDED = re.compile(rf"{_EXPLAIN}(?={_WH})", re.IGNORECASE)  # "explain why ...": the question is what follows


def plain_question(question: str) -> str:
    """The question itself, as its first words tell its type: without what people put before it
    ("Hello, can you tell me when Stalin wrote ...?" gives "when Stalin wrote ...?"), and a request
    as the question it stands for ("Tell me about the Comintern" gives "What is the Comintern?")."""
    rest = question[_GREETING.match(question).end():]
    asked = rest[m.end():] if (m := _CAN_YOU.match(rest)) else rest
    if m := _DESCRIBE.match(asked):
        return f"What is {m.group(1)}?"
    if m := _ASKING.match(asked) or _EMBEDDED.match(asked):
        rest = asked[m.end():]
    return rest if any(ch.isalnum() for ch in rest) else question


_SMALL_TALK = re.compile(r"^\W*(?:(?:hi|hello|hey|thanks|thank\s+you|thx|cheers|ok(?:ay)?|great|cool|nice|bye|goodbye"
                         r"|good\s+(?:morning|afternoon|evening|night))\b\W*)+(?:so\s+much|very\s+much|a\s+lot|again|there"
                         r"|bot)?\W*$", re.IGNORECASE)


def small_talk(text: str) -> bool:
    """A greeting or thanks with no question in it ("Hello!", "Thanks a lot")."""
    return bool(_SMALL_TALK.match(text))


def answer_kind(question: str) -> str:
    """One of date, number, person, place, title, entity or other."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(question):
            return kind
    return "other"


# What a short answer should be, where that differs from the answer's type: a reason or a way is
# the sentence itself; the exact words someone used are the quotation; "which chapter/volume/page"
# asks for the numbered part ("chapter 5"), not any number or name.
_SENTENCE_FORM = re.compile(r"^\W*(?:why|how)\b|"
                            r"\bwhat (?:purpose|reason|motive)\b|\bto what end\b", re.IGNORECASE)
# "Did Engels think ...?", "Is the theory still debated?": the article's answer is the sentence
# that says so (no word of it says yes or no), unless the question offers choices ("... or ...?").
_POLAR = re.compile(r"^\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|"
                    r"might|must)\b(?!.*\bor\b)", re.IGNORECASE)
_QUOTATION_FORM = re.compile(r"\b(?:exact(?:ly)?|word for word|verbatim)\b|\bin (?:his|her|their|its) (?:own )?words\b|"
                             r"^\W*what (?:\w+ ){1,4}quotes?\b", re.IGNORECASE)
# "Who said/wrote ...?" asks for whoever is quoted, not for a name among the words quoted.
_SPEAKER_FORM = re.compile(r"^\W*who\s+(?:said|says|wrote|writes|stated|states|argued|argues|claimed|claims|declared|"
                           r"remarked|asked|called|put it)\b", re.IGNORECASE)
_PART_FORM = re.compile(r"\b(?:which|what)\s+(?:chapter|volume|page|edition|episode|verse|issue)\b",
                        re.IGNORECASE)


# "What is X?", "Who were X?", "What is X about?" ask what X is; "this article" stands for its title.
_DEFINITION = re.compile(r"^\W*(?:what|who)\s+(?:is|was|are|were)\s+(.{2,80}?)(?:\s+about)?\W*$", re.IGNORECASE)
_THE_ARTICLE = re.compile(r"^(?:this|the)\s+(?:article|text|page|document)$", re.IGNORECASE)
_ARTICLE_WORD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PRONOUNS = {"it", "this", "that", "he", "she", "they", "these", "those", "him", "her", "them", "its", "his",
             "there", "here", "you", "i", "we"}


def without_article(name: str) -> str:
    """'the Comintern' -> 'Comintern'."""
    return _ARTICLE_WORD.sub("", name.strip())


def definition_subject(question: str, title: str) -> str | None:
    """What the question asks to be defined ("What was the Comintern?" gives "Comintern"), or None."""
    m = _DEFINITION.match(question)
    if not m or len(m.group(1).split()) > 8:
        return None
    subject = m.group(1).strip()
    if subject.lower() in _PRONOUNS:  # "What was it?" asks about the last answer, not "It was ..."
        return None
    return without_article(title) if _THE_ARTICLE.match(subject) else without_article(subject)


def definition(subject: str, sentence: str) -> tuple[int, int] | None:
    """Where the sentence says what the subject is, if it opens by saying so: "Socialism in One
    Country was a theory put forth ..." (to the sentence's end) or "Frank Shuman, a U.S. inventor,
    ..." (to the closing comma)."""
    opening = rf"\W*(?:the\s+)?{re.escape(subject)}(?:\s*\([^)]*\))?"
    m = re.match(rf"{opening},?\s+(?:is|was|are|were|refers to|means)\s+", sentence, re.IGNORECASE)
    if m and m.end() < len(sentence):
        return m.end(), len(sentence.rstrip().rstrip("."))
    m = re.match(rf"{opening},\s+((?:a|an|the)\s[^,;()]+),", sentence, re.IGNORECASE)
    return m.span(1) if m else None


def gloss(subject: str, sentence: str) -> tuple[int, int] | None:
    """Where the sentence, naming the subject anywhere, says what it is right after the name: an
    apposition ("... of the Comintern, the Communist International, from ...") or words in
    brackets ("Osnovy Leninizma (Foundations of Leninism, 1924)"; to the first comma, and not a
    date or a number)."""
    name = rf"\b(?:the\s+)?{re.escape(subject)}"
    m = (re.search(rf"{name},\s+((?:a|an|the)\s[^,;()]+?)\s*(?:[,;)](?!\s*(?:and|or)\b)|\.?$)", sentence,
                   re.IGNORECASE)
         or re.search(rf"{name}\s+\(([^\W\d][^,;()]*?)\s*[,;)]", sentence, re.IGNORECASE))
    return m.span(1) if m else None


def _names_something(subject: str) -> bool:
    """A name ("Stalin", "the Comintern", "Frank Shuman"), not a description or a role ("the
    editor of Pravda", "the Commissioner of the National Football League", "the MVP"): a few
    words, each capitalised, none an acronym."""
    ws = without_article(subject).split()
    return 0 < len(ws) <= 4 and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in ws)


def answer_form(question: str, kind: str) -> str:
    """The kind of piece a short answer should be: `kind`, or "sentence" (the whole quote),
    "quotation" (the words someone is quoted saying), "part" (a numbered part of a work) or
    "speaker" (a name outside quotation marks: who said or wrote the words)."""
    if (_SENTENCE_FORM.search(question) and kind in ("other", "entity")) or _POLAR.match(question):
        return "sentence"
    # "Who was Stalin?" asks what the article says of him: the quote, not another name out of it
    subject = definition_subject(question, "")  # "" stands for the article itself
    if subject is not None and (subject == "" or _names_something(subject)):
        return "sentence"
    if _QUOTATION_FORM.search(question) and kind in ("other", "entity"):
        return "quotation"
    if _PART_FORM.search(question):
        return "part"
    if _SPEAKER_FORM.match(question):
        return "speaker"
    return kind


_MARK = re.compile(r'["“”«»]')


def _quotation_marks(text: str):
    """(offset, opens) for each quotation mark. A straight quote mark opens a quotation where a word
    would start (after a space, a colon, a bracket), else it closes one: the last sentence of a
    quotation ('... a universal range."Friedrich Engels, ...') opens nothing."""
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        yield i, ch in "“«" or (ch == '"' and (i == 0 or text[i - 1] in " \t\n([:—–-"))


def _quotations(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The quotations of the text: where each that closes starts and ends (marks included), and
    where the one it leaves open starts, or None."""
    closed, depth, start = [], 0, 0
    for i, opens in _quotation_marks(text):
        if opens:
            start = i if depth == 0 else start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                closed.append((start, i + 1))
    return closed, (start if depth else None)


def open_quotation(text: str) -> int | None:
    """Where the text opens a quotation it does not close (the offset just past the mark), or None."""
    start = _quotations(text)[1]
    return None if start is None else start + 1


def _quoted_stretches(text: str) -> list[tuple[int, int]]:
    """Where the text quotes someone: from each opening mark to its closing one, or to the end."""
    closed, start = _quotations(text)
    return closed if start is None else closed + [(start, len(text))]


def quotation_around(text: str, at: int) -> tuple[int, int] | None:
    """The quotation open at offset `at` of the text: where its opening mark is and where it closes
    (just past the closing mark), or None if none is open there or it never closes."""
    return next(((start, end) for start, end in _quotations(text)[0] if start < at < end), None)


def quotation_close(text: str, at: int) -> int | None:
    """Where the quotation open at offset `at` of the text closes (just past the mark), or None."""
    around = quotation_around(text, at)
    return around[1] if around else None


# Words that link a sentence to the one before, capitalised where they open it: no names.
_LINKING = frozenset("""again also besides consequently conversely eventually finally further furthermore hence
however initially instead later likewise meanwhile moreover nevertheless nonetheless originally otherwise
presumably similarly still subsequently then thereafter therefore thus today ultimately yet""".split())


def _unlinked(m: re.Match) -> tuple[int, int]:
    """A name's span without a linking word before it ("Then Anderson" gives "Anderson")."""
    first = m.group().split()[0]
    if first.lower() in _LINKING:
        return m.end() - len(m.group()[len(first):].lstrip()), m.end()
    return m.span()


def candidate_spans(sentence: str, kind: str, loose: bool = False) -> list[tuple[int, int]]:
    """Offsets in `sentence` of the pieces that could answer a question of this kind. `loose`: a
    title may be a single capitalised word too ("Pravda"), for picking the short answer in a
    sentence already chosen; to tell sentences apart, nearly every sentence would have one."""
    if kind == "date":
        found = [m.span() for m in DATE.finditer(sentence)]
    elif kind == "number":
        found = [m.span() for m in NUMBER.finditer(sentence)]
    elif kind == "title":  # a quoted or capitalised name, or a title-like line
        found = [m.span(1) for m in QUOTED.finditer(sentence) if m.group(1)[:1].isupper()]
        found += [m.span() for m in ENTITY.finditer(sentence) if " " in m.group() or (loose and m.start() > 0)]
        if len(sentence.split()) <= 12 and sentence[:1].isupper() and sentence[-1:].isalnum():
            found.append((0, len(sentence)))  # a list item or reference: no full stop, few words
        # A title is whole: not "Leninism" out of "Concerning questions of Leninism".
        found = [(a, b) for a, b in found if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in found)]
    elif kind == "quotation":  # quoted words; one the text opens but does not close runs to its end
        found = [m.span(1) for m in QUOTATION.finditer(sentence)]
        rest = found[-1][1] + 1 if found else 0
        opened = open_quotation(sentence[rest:])
        if opened is not None and rest + opened < len(sentence):
            found.append((rest + opened, len(sentence)))
    elif kind == "part":
        found = [m.span() for m in PART.finditer(sentence)]
    elif kind == "speaker":
        quoted = _quoted_stretches(sentence)
        found = [(a, b) for a, b in candidate_spans(sentence, "person")
                 if not any(x < b and a < y for x, y in quoted)]
    elif kind in ("person", "place", "entity"):
        found = [_unlinked(m) for m in ENTITY.finditer(sentence) if m.group().lower() not in _LINKING]
        if kind != "place":  # a name written surname first is whole: not "Leon" out of "Trotsky, Leon"
            names = [m.span() for m in SURNAME_FIRST.finditer(sentence)]
            found = [(a, b) for a, b in found if not any(x <= a and b <= y for x, y in names)] + names
    else:
        found = []
    return found
