"""Markdown tables in an upload: each row is quoted with its table's header row, and the short
answer is the cell of the column the question names (tables.py); a row is embedded with its
columns' names (sources.row_readings)."""
import pytest

import bot
from bot.sources import read_source, row_readings
from bot.store import build
from bot.tables import cell_asked
from helpers import ROOT, assert_faithful, rules_off

NOTE = ROOT / "tests" / "data" / "bike_hire.md"
HEADER = "Bike | Half day | Full day"


@pytest.fixture(scope="module")
def hire(tmp_path_factory):
    return bot.Bot.load(build([NOTE], tmp_path_factory.mktemp("hire") / "index"))


@pytest.mark.parametrize("question,row,cell", [
    ("How much is a full day on an e-bike?", "E-bike | £25 | £40", "£40"),
    ("How much does a tandem cost for half a day?", "Tandem | £30 | £50", "£30"),
])
def test_the_cell_of_the_column_the_question_names(hire, question, row, cell):
    reply = hire.answer(question)
    assert_faithful(reply, {NOTE.name: NOTE.read_text(encoding="utf-8")})
    assert reply.found and reply.span == cell and reply.span_in == 0
    assert [c.quote for c in reply.citations[:2]] == [row, HEADER]  # the row, then what its columns are
    assert reply.citations[0].header == HEADER and reply.citations[1].header == ""


def test_a_question_that_names_no_column_gets_the_row(hire):
    reply = hire.answer("How much is an e-bike?")  # a half-day and a full-day price: no one cell
    assert reply.found and reply.span == "E-bike | £25 | £40" == reply.citations[0].quote


def test_the_rules_switch_off(hire):
    with rules_off("table_header"):
        reply = hire.answer("How much is a full day on an e-bike?")
        assert HEADER not in [c.quote for c in reply.citations] and reply.citations[0].header == HEADER
    with rules_off("table_cell"):
        assert hire.answer("How much is an e-bike?").span != "E-bike | £25 | £40"  # the reader picks one


def test_numbered_items_and_time_ranges(hire):
    reply = hire.answer("When are you open on Saturday?")
    assert reply.citations[0].quote == "Saturday and Sunday: 8am to 7pm" and reply.span == "8am to 7pm"
    with rules_off("calendar_range"):
        assert hire.answer("When are you open on Saturday?").span != "8am to 7pm"


@pytest.mark.parametrize("question,row,header,cell", [
    ("How heavy is the laptop?", "Weight | 1.3 kg", "Feature | Detail", "1.3 kg"),  # the one value cell
    ("What is the topic in week 3?", "3 | Networks | Chapter 5", "Week | Topic | Reading", "Networks"),
    ("Which bike costs £40 for a full day?", "E-bike | £25 | £40", HEADER, None),  # 'bike', 'day': two alike
    ("What does it cost?", "E-bike | £25", "Bike | Half day | Full day", None),  # cells and names differ
])
def test_cell_asked(question, row, header, cell):
    found = cell_asked(question, row, header)
    assert (row[slice(*found)] if found else None) == cell


TALKS = "Time | Talk | Speaker | Room"


@pytest.mark.parametrize("question,row,header,form,cell,rule,cell_without", [
    # The question names the row by most words of one cell: that cell is not the answer, and its column not the one asked.
    ("What time is the talk about open budgets?", "11:15 | Open budgets for small councils | Helen Marsh | Room 2", TALKS,
     "day", "11:15", "table_key_cell", None),  # without: 'time' and 'talk' name two columns alike
    ("Who is giving the talk on flood risk?", "13:30 | Mapping flood risk with volunteers | Diego Alvarez | Main Hall",
     TALKS, "person", None, "table_key_cell", "Mapping flood risk with volunteers"),  # not the talk's title in bold
    # A cell said whole names the row, and a cell sharing a word with the question can still answer it.
    ("Which chapter should I read for network security?", "6 | Network security | Chapter 8", "Week | Topic | Reading",
     "entity", "Chapter 8", "table_key_cell", "Chapter 8"),
    # No column named: the one cell of the kind asked, a date or a time of day for "When…?".
    ("When is Marcus on the rota?", "27 April | Marcus | Priya", "Week starting | Name | Backup", "date", "27 April",
     "table_cell_kind", "Priya"),
    ("When does Jonas Berg speak?", "10:00 | Publishing bus data | Jonas Berg | Main Hall", TALKS, "day", "10:00",
     "table_cell_kind", None),
])
def test_the_row_the_question_names_and_the_kind_it_asks(question, row, header, form, cell, rule, cell_without):
    def asked() -> str | None:
        found = cell_asked(question, row, header, form)
        return row[slice(*found)] if found else None

    assert asked() == cell
    with rules_off(rule):
        assert asked() == cell_without


def test_a_row_is_read_with_its_columns_names():
    doc = read_source(NOTE)
    readings = dict(zip([doc.text[a:b] for _, a, b in doc.paragraphs], row_readings(doc.text, [(a, b) for _, a, b in doc.paragraphs])))
    assert readings["E-bike | £25 | £40"] == "Bike: E-bike; Half day: £25; Full day: £40"
    assert readings["Tandem | £30 | £50"] == "Bike: Tandem; Half day: £30; Full day: £50"
    assert readings["Children's bikes are half price. A helmet and lock are included with every hire."] is None
    assert readings["Saturday and Sunday: 8am to 7pm"] is None
