"""Every hand-written rule of the bot in one table: its name, its pattern or word list, why it is there, and a switch.

A rule switched off has no effect (switches.py says how): `BOT_RULES_OFF=name,name` or `rules.switch_off([...])` before
answering; the cross-validation switches each off to see what it earns. `python -m bot rules` prints the table.
"""
from __future__ import annotations

import re

from .switches import Rule, depends_on_rules, register, switch_off, switched_off  # noqa: F401 (rules.switch_off...)


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _opening(alternatives: str, also: str = "") -> str:
    """A lookahead for the first letters of these |-separated words (and `also`): prefixed to a
    pattern whose every match opens with one of them, it changes no match but spares the regex
    engine trying each word at each position (measured: dates and numbers 2-2.6x faster to find)."""
    return "(?=[" + also + "".join(sorted({w[0] for w in alternatives.split("|")})) + "])"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|"
                "thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|single|double|first|second|third|fourth|fifth")
_CAP = r"(?<![a-z])(?:[a-z]{1,3}(?=[A-Z]))?[A-ZÀ-ÖØ-Þ\u0400-\u042f][\w'’.&-]*"  # whole: 'iPod', not 'Pod'
_JOIN = r"(?:\s+(?:of|the|and|de|du|da|von|van|der|la|le|for|in|on|&)\s+|\s+)"
_MEASURES = "many|much|long|old|far|big|large|tall|high|often|fast|deep|wide|heavy"  # "how long", "how many"
_WH = r"(?:who|what|when|where|which|why|how|whether|if)\b"
_EXPLAIN = r"(?:describe|explain)(?:\s+to\s+me)?\s+"

# --- Reading the question (questions.py) -------------------------------------------------------
GREETING = Rule("greeting_lead_in", "'Hello, so, ...' before a question says nothing about its type",
                _re(r"^\s*(?:(?:please|so|ok(?:ay)?|hi|hello|hey)(?:[\s,;:!.]+|$))*"))
CAN_YOU = Rule("can_you_lead_in", "'Can you tell me when ...' asks 'when ...'",
               _re(r"(?:can|could|would|will)\s+you\s+(?:please\s+)?"))
ASKING = Rule("asking_lead_in", "'I'd like to know who ...', 'Does the article say when ...' ask the question after",
              _re(r"(?:tell|show|remind)\s+me\s+|i(?:'d|’d|\s+would)\s+like\s+to\s+know\s+"
                  r"|i\s+(?:want|wish)\s+to\s+know\s+|i\s+wonder\s+|i(?:'m|’m|\s+am)\s+wondering\s+"
                  rf"|do\s+you\s+know\s+|does\s+the\s+(?:article|text)\s+(?:say|tell(?:\s+me)?|mention)\s+(?={_WH})"))
DESCRIBE = Rule("describe_request", "'Tell me about X', 'Describe X' stand for 'What is X?'",
                _re(rf"(?:tell\s+me\s+(?:about|of)\s+|{_EXPLAIN}|(?:summari[sz]e|define)\s+)(?!to\s+me\b|{_WH})(.+?)\W*$"))
EMBEDDED = Rule("explain_embedded", "'Explain why ...': the question is what follows", _re(rf"{_EXPLAIN}(?={_WH})"))
SMALL_TALK = Rule("small_talk", "a greeting or thanks alone gets a word on what to ask, not a refusal",
                  _re(r"^\W*(?:(?:hi|hello|hey|thanks|thank\s+you|thx|cheers|ok(?:ay)?|great|cool|nice|bye|goodbye"
                      r"|good\s+(?:morning|afternoon|evening|night))\b\W*)+(?:so\s+much|very\s+much|a\s+lot|again"
                      r"|there|bot)?\W*$"))
# The answer type a question asks for; the first that matches wins (questions.answer_kind).
KINDS = (
    Rule("kind_date", "when / what year ... asks for a date", _re(
        r"^(?:\W*)when\b|\b(?:what|which|in what|on what)\s+(?:\w+\s+)?(?:year|date|day|month|decade|"
        r"century|era|period of time|time)\b|\bhow long ago\b|\bsince when\b")),
    Rule("kind_number", "how many / what percentage ... asks for a number", _re(rf"\bhow (?:{_MEASURES})\b|"
        r"\bwhat (?:\w+\s+)?(?:number|percentage|percent|amount|proportion|size|population|"
        r"score|rate|age|temperature|cost|price|distance|magnitude)\b|\bwhat (?:is|was|are|were) the (?:\w+\s+){0,2}?"
        r"(?:cost|price|fee)s?\b|\bwhat (?:does|did|do|will|would)\b[^?]*\bcosts?\b")),
    Rule("kind_person", "who / which leader ... asks for a person", _re(
        r"^(?:\W*)(?:who|whom|whose)\b|\b(?:by whom|to whom|who)\b|\b(?:which|what) (?:person|man|woman|"
        r"leader|author|writer|president|player|coach|king|queen|emperor|general|artist|singer|"
        r"composer|director|actor|actress|politician|scientist|journalist)\b")),
    Rule("kind_place", "where / which city ... asks for a place", _re(
        r"^(?:\W*)where\b|\b(?:what|which|in what|in which) (?:country|countries|city|cities|place|"
        r"state|region|location|town|stadium|continent|province|area|venue|nation)\b")),
    Rule("kind_title", "what book / called ... asks for a title", _re(
        r"\b(?:title|titled|called|named|name)\b|\bwhat (?:book|article|work|brochure|song|film|album|"
        r"newspaper|magazine|journal|chapter|program|show|novel|paper)\b|\bwhich (?:book|article|work|"
        r"brochure|song|film|album|newspaper|magazine|journal|works|writings?)\b")),
    Rule("kind_entity", "which team / what company ... asks for some named thing", _re(
        r"^\W*(?:\w+\s+)?(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|can|could|"
        r"would|will|should|happened|kind|type|sort|else|if|about|exactly)\b)[a-z]+\b")),
)
SENTENCE_FORM = Rule("sentence_form", "a reason or a way (why, how, for what purpose) is the whole sentence",
                     _re(r"^\W*(?:why|how)\b|\bwhat (?:purpose|reason|motive)\b|\bto what end\b"))
_AUX_WORDS = "is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must"
_AUX = rf"^\W*(?:{_AUX_WORDS})\b"
POLAR_FORM = Rule("polar_form", "a yes-or-no question is answered by the sentence that says so (no word says yes)",
                  _re(_AUX + r"(?!.*\bor\b)"))
WHO_IS_FORM = Rule("who_is_form", "'Who was Stalin?' asks what the article says of him: the sentence, not a name")
QUOTATION_FORM = Rule("quotation_form", "'the exact words', 'in his own words' ask for the quotation itself",
                      _re(r"\b(?:exact(?:ly)?|word for word|verbatim)\b|\bin (?:his|her|their|its) (?:own )?words\b|"
                          r"^\W*what (?:\w+ ){1,4}quotes?\b"))
SPEAKER_FORM = Rule("speaker_form", "'Who said/wrote ...?' asks for whoever is quoted, not a name quoted",
                    _re(r"^\W*who\s+(?:said|says|wrote|writes|stated|states|argued|argues|claimed|claims|declared|"
                        r"remarked|asked|called|put it)\b"))
PART_FORM = Rule("part_form", "'Which chapter/volume/page' asks for the numbered part ('chapter 5')",
                 _re(r"\b(?:which|what)\s+(?:chapter|volume|page|edition|episode|verse|issue)\b"))
DEFINITION_QUESTION = Rule("definition_question", "'What is X?', 'Who were X?' ask for what X is",
                           _re(r"^\W*(?:what|who)\s+(?:is|was|are|were)\s+(.{2,80}?)(?:\s+about)?\W*$"))
THIS_ARTICLE = Rule("this_article", "'this article' in 'What is this article about?' stands for its title",
                    _re(r"^(?:this|the)\s+(?:article|text|page|document)$"))
DEFINITION_SENTENCE = Rule("definition_sentence", "'X was a theory ...' says what X is: the short answer for 'What was X?'")
GLOSS = Rule("gloss", "'the Comintern, the Communist International, ...' glosses X right after naming it")

# --- Pieces of a type in a sentence (pieces.py) --------------------------------------------------
PIECE_DATE = Rule("piece_date", "dates: '14 February 1938', 'the 1920s', '1924'", re.compile(
    _opening(MONTHS, r"\d") + rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})(?:,?\s+\d{{3,4}})?|(?:{MONTHS})\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,?\s+\d{{3,4}})?|(?:{MONTHS})\s+\d{{3,4}}|(?:{MONTHS})|"
    r"\d{1,2}(?:st|nd|rd|th) century|\d{3,4}s|\d{1,4}\s?(?:BC|AD|BCE|CE)|\d{3,4}(?:[–-]\d{1,4})?)\b"))
DAY_TIME_ASKED = Rule("day_time_asked", "'When…?', 'What time…?' of a sentence with no date: its day or time ('8 am')",
                      _re(r"^\W*when\b|\bwhat time\b|\bday of the week\b"))
DAY_TIME = re.compile(r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b|\d{1,2}(?:[.:]\d{2}){0,2}\s?"
                      r"(?i:am|pm|a\.m\.|p\.m\.)(?!\w)|\d{1,2}:\d{2}(?::\d{2})?\b)")
PIECE_NUMBER = Rule("piece_number", "numbers with their unit: '25 percent', 'two parts'", _re(
    _opening(NUMBER_WORDS, r"$£€\d") + r"(?:(?:[$£€]\s?)?\b\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|thousand|hundred|"
    r"km|miles|kilometres|kilometers|m|ft|feet|kg|tons|years|days|hours|people|times|parts|(?<=\d)p))?\b|"
    rf"\b(?:{NUMBER_WORDS})(?:[\s-](?:{NUMBER_WORDS}))*(?:\s(?:percent|parts|times|years|"
    r"people|days|months|sides))?\b)"))
PIECE_NAME = Rule("piece_name", "names are runs of capitalised words ('Grigory Zinoviev', 'Bank of England')",
                  re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*"))
SURNAME_FIRST = Rule("surname_first", "references write names surname first before a year: 'Trotsky, Leon, 1928'",
                     re.compile(rf"{_CAP},\s+{_CAP}(?:\s+[A-Z]\.)*(?=,?\s+\(?\d{{3,4}}\b)"))
QUOTED_TITLE = Rule("quoted_title", "a capitalised phrase in quotation marks is a title", re.compile(r"[\"“«]([^\"”»]{2,120})[\"”»]"))
TITLE_LINE = Rule("title_line", "a short capitalised line with no full stop (a list item, a reference) is a title")
PIECE_QUOTATION = Rule("piece_quotation", "words in quotation marks are what someone said",
                       re.compile(r"[\"“«]([^\"”»]{2,2000})[\"”»]"))
PIECE_PART = Rule("piece_part", "numbered parts of a work: 'chapter 5', 'Vol. 23', 'p. 9'", _re(
    r"\b(?:chapter|volume|vol\.|page|pages|p\.|pp\.|part|edition|season|episode|verse|book|"
    r"issue|no\.)\s*(?:\d+(?:[–-]\d+)?|[IVXLC]+\b)"))
LINKING_WORDS = Rule("linking_words", "'However', 'Hence', 'Then' open sentences capitalised: they are no names",
                     words=_words("""again also besides consequently conversely eventually finally further furthermore hence
                     however initially instead later likewise meanwhile moreover nevertheless nonetheless originally
                     otherwise presumably similarly still subsequently then thereafter therefore thus today ultimately yet"""))

# --- Names in the question (names.py) ------------------------------------------------------------
RESPELL_NAMES = Rule("respell_names", "a name the article almost has is a misspelling of it: 'Lennin' -> 'Lenin'")
UNKNOWN_NAMES = Rule("unknown_names", "a question about a name the article never uses is refused, naming it")
NAME_PAIRS = Rule("name_pairs", "two names the article never writes side by side are unknown: 'Third Period'")
TITLE_CASE = Rule("title_case_question", "a question in Title Case names nothing by its capitals",
                  words=_words("a an the of in on to and or for at by from with as"))
COMPOUND_NAMES = Rule("compound_names", "a name the article writes as two words is known: 'Superbowl'")
CALENDAR_WORDS = Rule("calendar_words", "days and months are dates, not names the article must use: it may say "
                      "'weekends' for 'Saturdays', 'Independence Day' for 'July Fourth'",
                      words=_words("""monday tuesday wednesday thursday friday saturday sunday january february march april
                      may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"""))

# --- Conversation (conversation.py, retrieve.py, decide.py) -------------------------------------
FOLLOWUP_WORDS = Rule("followup_words", "a pronoun, or 'that' ending a question, points back at earlier turns",
                      _re(r"\b(?:he|she|him|her|his|hers|it|its|they|them|their|theirs|this|these|those|"
                          r"the same|the latter|the former)\b|\bthat(?:\s+[a-z]+)?\W*$"))
SHORT_FOLLOWUP = Rule("short_followup", "a question of three words or fewer cannot stand alone")
FOLLOWUP_ALONE = Rule("followup_alone", "a follow-up is also read alone; the surer reading in the last quotes wins")
FOCUS_BOOST = Rule("focus_boost", "a follow-up most likely asks about the paragraphs last quoted")
FOLLOWUP_POINTWISE = Rule("followup_pointwise", "a follow-up is ranked without the orderer, which learnt questions alone")
FOLLOWUP_DOUBT = Rule("followup_doubt", "a follow-up the verifier is all but sure no best sentence answers is refused")

# --- Ranking and deciding (retrieve.py, decide.py) ----------------------------------------------
DEFINITION_BOOST = Rule("definition_boost", "'What was X?' ranks first the article's first sentence saying what X was")
ANTONYM_CLASH = Rule("antonym_clash", "a question whose word the best sentence lacks while it has the opposite "
                      "('decrease' against 'increase') asks about something the article does not say")
ANTONYM_IN_LONGER = Rule("antonym_in_longer_word", "a word in a longer one ('breakdown') is not lacked nor opposed")
NEGATION_CLASH = Rule("negation_clash", "the best sentence says the question's words without its 'not': it does not say that")
NEGATION_SCOPE = Rule("negation_scope", "a question whose 'not' is on a word its best sentence says with no 'not' before "
                      "it (the sentence's own 'not' is about something else) asks about what the article does not say")
NON_PREFIX_CLASH = Rule("non_prefix_clash", "a question about 'non-X' whose best sentence says X, and no sentence to be "
                        "quoted says 'non-X', asks about something the article does not say ('non-Muslim Brotherhood')",
                        _re(r"\bnon(?:-|\s)([^\W\d_]+)"))
NUMBER_CLASH = Rule("number_clash", "a question with a number the article never writes, otherwise the words of its "
                     "best sentence ('invented in 1974' against 'in 1936'), asks about something it does not say")
NUMBER_SWAP = Rule("number_swap", "a question with a number its best sentence lacks while it writes another ('in 1735' "
                    "against 'in 1753'), which the article writes in few sentences, asks about what it does not say")
MEASURE_WORDS = Rule("measure_words", "'long' in 'how long' asks for a measure: not a question word the article lacks",
                     _re(rf"^\W*(?:(?:and|so|but|then)\W+)?how\s+({_MEASURES}|small|soon|quickly|frequently|early|late)\b"))
RANKER_FLOOR = Rule("ranker_floor", "a question whose best sentence the ranker gives less than a 1 in 100 chance of "
                    "answering is refused, however sure the verifier is: on SQuAD only unanswerable ones rank that low")
DEFINED_ANSWERS = Rule("defined_answers", "a best sentence that defines what is asked answers, whatever the model says")
NAMED_SECTION = Rule("named_section", "a question naming a section ('listed under See also') asks about it")
LEAD_OF_TITLE = Rule("lead_of_title", "'What is <title>?' is answered where the article says what its subject is")
ARTICLE_LEAD = Rule("article_lead", "'What is this article about?' is answered by its first sentence, however worded")

# --- Quoting (quote.py) ---------------------------------------------------------------------------
SHORT_QUOTE_RUNS_ON = Rule("short_quote_runs_on", "a quote of a few words ('No.') runs on to the next sentence")
QUOTATION_RUNS_ON = Rule("quotation_runs_on", "a quote that opens a quotation runs on until it closes")
COLON_RUNS_ON = Rule("colon_runs_on", "a quote that introduces what follows ('Engels wrote:') runs on into it")
QUOTATION_OPENING = Rule("quotation_opening", "a quote inside a quotation is followed by the sentence that opens it")
TABLE_HEADER = Rule("table_header", "a quoted row of a markdown table is followed by the table's header row")
QUOTATION_SOURCE = Rule("quotation_source", "a quote that stops inside a quotation is followed by its source line")
ANSWER_FOLLOWS = Rule("answer_follows", "a question the document asks (an FAQ's 'Do I need a mat?', 'Q: Is there "
                      "parking?') is quoted by the sentence after it, which answers it, and then cited itself",
                      _re(r"^[^\w\"“”]*(?:(?:Q|Question)\s*\d*\s*[:.)]\s*)?(?:who|whom|whose|what|when|where|which|why|how|is|"
                          r"are|was|were|do|does|did|can|could|will|would|should|shall|may|might|must|has|have|had|"
                          r"am|isn't|aren't|don't|doesn't|didn't|can't|won't)\b[^?\"“”]*\?[^\w\"“”]*$"))  # none quoted: someone's words
FAQ_READING = Rule("faq_reading", "an FAQ's answer is embedded with the question it answers (faq.py, at index "
                   "time): 'How do I get Wi-Fi? The password is printed on the back of your badge.'")

# --- The short answer (spans.py) ----------------------------------------------------------------
NEW_TO_QUESTION = Rule("new_to_question", "a short answer says something the question does not already say")
TABLE_CELL = Rule("table_cell", "a quoted table row is answered by the cell of the column the question names "
                                "('£40' of 'E-bike | £25 | £40' for 'a full day on an e-bike'), or by none")
TABLE_KEY_CELL = Rule("table_key_cell", "where the question says no cell whole, the cell it says most words of names the "
                      "row and is not the answer: 'Mapping flood risk with volunteers' for 'the talk on flood risk'")
TABLE_CELL_KIND = Rule("table_cell_kind", "where the question names no column, a row's one cell of the kind asked answers "
                       "it: '27 April' of '27 April | Marcus | Priya' for 'When is Marcus on the rota?'")
CHOICE_FORM = Rule("choice_form", "'Is it easier or harder…?' is answered by the alternative the quote says, or by "
                   "the quote alone", _re(_AUX + r".*?\b(?P<alternatives>(?:\w+,\s+)*\w+\s+or\s+(?:(?:an?|the)\s+)?\w+)"))
FULL_STOP_TRIM = Rule("full_stop_trim", "a name ending the sentence leaves its full stop out: 'England.' -> 'England'")
NAME_FREE_MARGIN = Rule("name_free_margin", "the reader's own span beats every name scoring clearly less")
READER_FIRST = Rule("reader_first", "the reader's best span in each of the two best sentences, with their ranker scores, chooses "
                    "which is quoted first")
SECOND_QUOTE_SPAN = Rule("second_quote_span", "a short answer of the type asked may come from the second quote")
SECOND_QUOTE_READ = Rule("second_quote_read", "second_quote_span only when the reader finds a better answer in that quote than in the first")
WHOLE_EXTENT = Rule("whole_extent", "a short answer keeps its whole extent: '25 to 30 seconds', 'Australia or New Zealand'",
                    re.compile(r"\s*(?:(?P<range>to|through|–|—|-)|or|and)\s*"))
LIST_ASKED = Rule("list_asked", "'Which three actors…?' gets three of a list: 'Ralph Fiennes, Naomie Harris and Ben Whishaw'",
                  _re(r"\b(?:which|what|name|list)\s+(two|three|four|five|six|seven|eight|nine|ten)\s+(?!times?\b)"))
PLURAL_LIST = Rule("plural_list", "'Which languages used…?' gets the whole list: 'Mongolian, Tibetan, and Chinese'", _re(
    rf"^\W*(?:which|what)\s+(?!(?:{_AUX_WORDS})\s)(?:[a-z]+\s+)?(?!(?:{_AUX_WORDS}|consists)\s)[a-z]+[^su\W]s\s+(?:"
    rf"{_AUX_WORDS}|of|use|make|take|include|became|made|took|gave|won|led|held|fought|saw|wrote|began|came|left|kept|"
    r"built|brought|sent|lost|found|\w*[^e\W]ed)\b"))  # a plural noun, then a verb agreeing: not 'What causes…?'
_MONEY_WORDS = r"pounds?|euros?|dollars?|pence|cents?|yen|francs?|yuan|rupees?"
_UNITS = (r"(?:(?:business|working|calendar|school)\s+(?=days?\b|weeks?\b))?"
          r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|grams?|kilograms?|g|kg|mg|"
          r"ml|millilitres?|milliliters?|litres?|liters?|degrees?(?: Celsius| Fahrenheit| [CF]\b)?|°[CF]|percent|"
          r"per cent|(?:square |cubic )?(?:metres?|meters?|kilometres?|kilometers?|km|miles?|feet|foot|inches?|yards)|"
          r"acres?|hectares?|tons?|tonnes?|mph|cups?|shots?|tablespoons?|teaspoons?|people|times|points|"
          + _MONEY_WORDS + r"|[KMGT]B|(?:kilo|mega|giga|tera)?bytes?)")
UNIT = Rule("unit_after_range", "a range of numbers keeps its unit: '7 to 9 grams', '5 to 7 business days', "
            "not '7 to 9'", _re(rf"^\s+{_UNITS}\b"))
NAMED_UNIT_DROPPED = Rule("named_unit_dropped", "a number's unit the question names is left out: '184' for 'How many "
                          "people…?', not '184 people'", _re(rf"\s+{_UNITS}$"))
MEASURE_ASKED = Rule("measure_asked", "money answers only about money, no time or distance; no year a count or an age; "
                     "a count or price is a number: not '£27.50' for 'How long…?', '1817' for 'How old…?', 'fourth' for "
                     "'How many…?'", _re(r"\b(?:costs?|costing|price[sd]?|fees?|charge[sd]?|pay|pays|paid|spend|spends|spent|"
                                         r"worth|afford|budget|fined|fines)\b"))
MONEY = _re(rf"[$£€¥]|\b(?:{_MONEY_WORDS})\b|\dp\b")
ORDINAL = _re(r"\b(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
              r"\w+teenth|\w+tieth|hundredth|thousandth|\d+(?:st|nd|rd|th))\b")  # no count: 'fourth' for 'How many…?'
QUANTITY = _re(rf"\d|[$£€¥]|\b(?:{NUMBER_WORDS}|(?:six|seven|eigh|nine)(?:teen|ty)|dozens|hundreds|thousands|millions|"
               r"billions|several|few|many|much|none|both|all|quarter|thirds?|fifths|(?:two|three|four|five|ten)fold|"
               r"twice|once|little|zero|majority|minority|couple|pair|multiple|numerous|countless|various|free)\b")
TIME_OR_DISTANCE = _re(r"\b(?:(?:second|minute|hour|day|week|month|year|decade|mile|km|(?:kilo)?met(?:er|re)|yard)s?"
                       r"|inch(?:es)?|centuries|feet|foot)\b")
EVERY_BEFORE_NUMBER = Rule("every_before_number", "'How often…?' keeps the 'every' or 'each' before its number: "
                           "'every five years'", _re(r"\bhow often\b"), _words("every each"))
YEAR_ASKED = Rule("year_asked", "'What year…?' is answered with the year of a full date: '2008', not 'August 30, 2008'",
                  _re(r"\b(?:what|which)\s+year\b"))
CALENDAR_RANGE = Rule("calendar_range", "two months, weekdays or times of day joined by 'to' are a range: "
                                        "'April to October', '8am to 7pm'")
UNIT_AFTER_NUMBER = Rule("unit_after_number", "a single number keeps its unit too, unless the question names it: "
                         "'250 square metres' for 'How big is a plot?', '12' for 'How many yards...?'")

RULES: dict[str, Rule] = {r.name: r for r in [*globals().copy().values(), *KINDS] if isinstance(r, Rule)}
register(RULES)
