import pytest

from bot.sources import LEAD, SourceError, cells, parse, read_source, split_sentences, table_header
from helpers import ARTICLE, ROOT


def sentences(doc):
    return [doc.text[a:b] for _, s, e in doc.paragraphs for a, b in split_sentences(doc.text, s, e)]


def test_article_structure(raw):
    doc = read_source(ARTICLE)
    assert doc.title == "Socialism in One Country"
    sections = [s for s, _, _ in doc.paragraphs]
    assert sections[0] == LEAD
    assert {"Background", "Relation to Leninism", "Relation to classical Marxism", "See also",
            "Further reading", "External links"} <= set(sections)
    assert "References" not in sections  # empty section
    for _section, start, end in doc.paragraphs:
        assert doc.text[start:end].strip() == doc.text[start:end] and doc.text[start:end]
    texts = [doc.text[s:e] for _, s, e in doc.paragraphs]
    assert "State capitalism" in texts  # bullet, without its '*'
    assert not any(t.startswith(("*", ":", "==")) for t in texts)
    assert any(t.startswith('"Will it be possible') for t in texts)  # ':' indent stripped


def test_sentences_are_exact_and_respect_abbreviations(raw):
    doc = read_source(ARTICLE)
    sents = sentences(doc)
    assert all(s in raw for s in sents)
    assert any(s.startswith("In particular, Trotskyists") and "V.I. Lenin (1918)." in s for s in sents)
    assert "No." in sents or any(s.startswith("No. By creating") for s in sents)
    assert "Duncan Hallas The Comintern, chapter 5" in sents


def test_markdown_and_other_forms():
    text = "# My Notes\n\nIntro line one. Second sentence here.\n\n## Part A\n- item one\n-  \n\nBody of A, Mr. Smith said so. End.\n"
    doc = parse("notes.md", text)
    assert doc.title == "My Notes"
    assert [(s, text[a:b]) for s, a, b in doc.paragraphs] == [
        (LEAD, "Intro line one. Second sentence here."), ("Part A", "item one"),
        ("Part A", "Body of A, Mr. Smith said so. End.")]
    assert [text[a:b] for a, b in split_sentences(text, *doc.paragraphs[2][1:])] == [
        "Body of A, Mr. Smith said so.", "End."]


def test_markdown_tables_numbered_items_and_code_blocks():
    doc = read_source(ROOT / "tests" / "data" / "bike_hire.md")
    text, paragraphs = doc.text, [(s, doc.text[a:b]) for s, a, b in doc.paragraphs]
    # each row of a table is a paragraph of its own, between its outer pipes; the header row and
    # the separator line are none (the header is quoted with a row: quote.py)
    assert ("Prices", "E-bike | £25 | £40") in paragraphs and ("Prices", "City bike | £12 | £20") in paragraphs
    assert not any("Half day" in t or "---" in t for _, t in paragraphs)
    row = next(a for _, a, b in doc.paragraphs if text[a:b] == "E-bike | £25 | £40")
    header = table_header(text, row)
    assert text[slice(*header)] == "Bike | Half day | Full day"
    assert [text[row:][slice(*c)] for c in cells("E-bike | £25 | £40")] == ["E-bike", "£25", "£40"]
    assert table_header(text, text.index("Children's")) is None
    assert table_header("| a | b |\n| 1 | 2 |\n", 12) is None  # no separator line: no header
    # numbered items stand alone, as bullets do; a code block is one paragraph, its '#' no heading
    assert ("Opening times", "Saturday and Sunday: 8am to 7pm") in paragraphs
    assert ("Opening times", "Closed on Christmas Day") in paragraphs
    assert paragraphs[-1] == ("Rules", text[text.index("# not a heading"): text.index("hires.") + 6])
    assert all(doc.text[a:b].strip() == doc.text[a:b] for _, a, b in doc.paragraphs)
    # the outer pipes may be left out; a pipe in prose makes no table
    text = "Intro | with a pipe.\n\nBike | Half day\n--- | ---\nE-bike | £25\n\nAfter.\n"
    bare = parse("t.md", text)
    assert [text[a:b] for _, a, b in bare.paragraphs] == ["Intro | with a pipe.", "E-bike | £25", "After."]
    assert text[slice(*table_header(text, text.index("E-bike")))] == "Bike | Half day"
    # a .txt article is MediaWiki text: its pipes and numbers are words
    wiki = parse("t.txt", "[[T]]\n\n| a | b |\n|---|---|\n2. Diatomic oxygen\n")
    assert [wiki.text[a:b] for _, a, b in wiki.paragraphs] == ["| a | b |\n|---|---|\n2. Diatomic oxygen"]


def test_markdown_emphasis_opens_no_item():
    # '**Q?**' is a bold line, not a wiki bullet: its text inside the marks stands alone (an FAQ's
    # question); '* item' is still an item, '***' a break, no text; in a .txt article '*item' is a bullet
    text = ("**Do I need a mat?**\nNo. Mats are free.\n\n* an item\n:not indented in markdown\n\n***\n\n"
            "**Note:** mats are **free**.\n")
    doc = parse("faq.md", text)
    assert [text[a:b] for _, a, b in doc.paragraphs] == [
        "Do I need a mat?", "No. Mats are free.", "an item", ":not indented in markdown", "**Note:** mats are **free**."]
    wiki = parse("t.txt", "[[T]]\n\n*Marxism\n**Do I need a mat?**\n")
    assert [wiki.text[a:b] for _, a, b in wiki.paragraphs] == ["Marxism", "Do I need a mat?**"]


def test_curly_quotes_and_non_latin_offsets():
    text = "[[T]]\n\n«Ответ» — said “he”. Next one 2024.\n"
    doc = parse("t.txt", text)
    (sec, a, b), = doc.paragraphs
    assert text[a:b] == "«Ответ» — said “he”. Next one 2024."
    assert [text[x:y] for x, y in split_sentences(text, a, b)] == ["«Ответ» — said “he”.", "Next one 2024."]


@pytest.mark.parametrize("name,data,message", [
    ("a.pdf", b"hello", "unsupported file type"),
    ("a.txt", b"\xff\xfe caf\xe9", "not UTF-8"),
    ("a.txt", b"abc\x00def", "binary"),
])
def test_unreadable_sources(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(SourceError, match=message):
        read_source(p)


def test_missing_source(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "nope.txt")
