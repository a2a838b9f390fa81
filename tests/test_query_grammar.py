"""The query language through the engine on a real store: each term, precedence, and errors with their place."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsreader.engine import EngineError, QueryError
from tests.query_store import DAY, NOW, fill, open_engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "store.db"
    ids = fill(path)
    with open_engine(path) as e:
        e.ids = ids  # type: ignore[attr-defined]
        yield e


def found(engine, query: str) -> set[str]:
    by_id = {v: k for k, v in engine.ids.items()}
    return {by_id[i] for i in engine.query_ids(query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ferry", {"ferry", "storm"}),  # title or body
        ("FERRY", {"ferry", "storm"}),
        ('"ferry leaves"', {"ferry"}),  # a phrase: the words together
        ('"leaves ferry"', set()),
        ("pand*", {"pandas"}),  # a prefix
        ("pand", set()),  # a word is whole
        ("unread", {"ferry", "storm", "budget", "sponsor"}),
        ("read", {"pandas", "market"}),
        ("starred", {"budget"}),
        ("feed:wire", {"budget", "sponsor", "market"}),  # the address
        ('feed:"harbour gazette"', {"ferry", "pandas", "storm"}),  # the title
        ("tag:local", {"ferry", "pandas", "storm"}),
        ("tag:NEWS", {"ferry", "pandas", "storm", "budget", "sponsor", "market"}),
        ("tag:sport", set()),
        ('author:"Ann Lee"', {"ferry", "storm"}),
        ('author:"The Associated Press"', {"budget"}),
        ("author:reuters", {"market"}),
        ("title:ferry", {"ferry", "storm"}),
        ("title:keeper", set()),  # in the body only
        ("has:contacts", {"storm"}),
        ("has:credits", {"budget"}),
        ("has:enclosure", set()),
        ("tips", {"storm"}),  # contacts are searched as text
        ("reopened", {"storm"}),  # and notes
        ("Park", {"budget"}),  # and credits
        ("age:<7d", {"ferry", "pandas", "sponsor"}),
        ("age:>30d", {"budget", "market"}),
        ("age:<2w", {"ferry", "pandas", "storm", "sponsor"}),
        ("age:>1y", {"market"}),
        ("age:<48h", {"ferry"}),
    ],
)
def test_each_term_matches_what_it_says(engine, query, expected):
    assert found(engine, query) == expected


def test_dates_after_and_before(engine):
    cut = datetime.fromtimestamp(NOW - 20 * DAY).date().isoformat()
    assert found(engine, f"after:{cut}") == {"ferry", "pandas", "storm", "sponsor"}
    assert found(engine, f"before:{cut}") == {"budget", "market"}
    assert found(engine, "after:2000-01-01 before:1999-01-01") == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ferry storm", {"storm"}),  # a space is AND
        ("ferry AND storm", {"storm"}),
        ("pandas OR budget", {"pandas", "budget"}),
        ("ferry -storm", {"ferry"}),  # a leading - is NOT
        ("ferry NOT storm", {"ferry"}),
        ("NOT ferry", {"pandas", "budget", "sponsor", "market"}),
        ("-tag:local", {"budget", "sponsor", "market"}),
        # AND binds tighter than OR: pandas OR (ferry AND unread)
        ("pandas OR ferry unread", {"pandas", "ferry", "storm"}),
        ("(pandas OR ferry) unread", {"ferry", "storm"}),
        ("pandas OR ferry -storm", {"pandas", "ferry"}),  # NOT binds tightest
        ("-(ferry OR pandas)", {"budget", "sponsor", "market"}),
        ("(ferry OR budget) (starred OR read)", {"budget"}),
        ("tag:news -feed:wire age:<7d", {"ferry", "pandas"}),
        ("ferry OR feed:wire", {"ferry", "storm", "budget", "sponsor", "market"}),  # text OR another term
        ("NOT (feed:wire OR ferry)", {"pandas"}),
        ("", {"ferry", "pandas", "storm", "budget", "sponsor", "market"}),
    ],
)
def test_precedence_not_then_and_then_or(engine, query, expected):
    assert found(engine, query) == expected


@pytest.mark.parametrize(
    ("query", "position", "says"),
    [
        ('ferry "leaves', 6, "unclosed quote"),
        ("ferry)", 5, "unmatched )"),
        ("(ferry OR pandas", 0, "missing )"),
        ("OR ferry", 0, "expected a term before OR"),
        ("ferry OR", 8, "expected a term after OR"),
        ("ferry AND AND pandas", 10, "expected a term after AND"),
        ("ferry NOT", 9, "expected a term after NOT"),
        ("colour:red", 0, "unknown term colour:"),
        ("has:pictures", 4, "has: takes contacts, credits, enclosure"),
        ("age:7", 4, "age: takes"),
        ("age:<7m", 4, "age: takes"),
        ("after:yesterday", 6, "after: takes a date"),
        ("tag:", 4, "tag: needs a value"),
        ("ferry ()", 7, "unmatched )"),
        ("ferry & *", 6, "nothing to search for"),
    ],
)
def test_a_syntax_error_is_one_line_pointing_at_its_place(engine, query, position, says):
    with pytest.raises(QueryError) as caught:
        engine.query_ids(query)
    err = caught.value
    assert isinstance(err, EngineError) and err.position == position
    text = str(err)
    assert says in text and "\n" not in text
    assert f"at column {position + 1}: " in text and text.endswith(query[:position] + ">>" + query[position:])


def test_search_ranks_and_lists_what_query_ids_finds(engine):
    assert {r.id for r in engine.search("ferry unread")} == {engine.ids["ferry"], engine.ids["storm"]}
    assert [r.id for r in engine.search("tag:local")] == engine.query_ids("tag:local")  # newest first
    assert engine.search("   ") == []
    with pytest.raises(QueryError):
        engine.search("(ferry")


def test_query_ids_limit_and_unread_only(engine):
    assert engine.query_ids("tag:news", limit=2) == engine.query_ids("tag:news")[:2]
    assert set(engine.query_ids("ferry OR pandas", unread_only=True)) == {
        engine.ids["ferry"],
        engine.ids["storm"],
    }


def test_highlight_terms_are_the_free_text_a_query_looks_for(engine):
    terms = engine.highlight_terms('ferry "tidal wave" harb* -storm title:port tag:x (a OR b)')
    assert terms == ("ferry", "tidal wave", "harb", "a", "b")
    assert engine.highlight_terms('"unclosed') == ()


def test_quotes_and_sql_in_a_query_are_only_text(engine):
    assert found(engine, '"\'; DROP TABLE articles; --"') == set()
    assert found(engine, "feed:%") == set() and found(engine, "feed:_") == set()
    assert len(found(engine, "tag:news")) == 6  # the store is whole
