import pytest

from bot.sources import LEAD, SourceError, parse, read_source, split_sentences
from helpers import ARTICLE


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
