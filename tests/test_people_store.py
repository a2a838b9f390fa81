"""The authors directory in the store: one person under small variations, two at two outlets, kept current."""

from __future__ import annotations

import sqlite3

from newsreader.models import Cleaned, Contact, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import SCHEMA_VERSION, Store
from newsreader.store.identity import display_name, name_key, outlet_of


def entry(key: str, authors: tuple[str, ...] = (), published: float = 1.0) -> ParsedEntry:
    return ParsedEntry(
        key=key,
        guid=key,
        link=f"https://example.com/{key}",
        title=f"Story {key}",
        authors=authors,
        published=published,
        updated=None,
        content_html="<p>Text</p>",
        content_hash=key,
    )


def feed(store: Store, url: str, site: str, *entries: ParsedEntry, title: str = "Feed") -> int:
    f, _ = store.add_feed(url)
    store.apply_update(
        FeedUpdate(f.id, "ok", 1.0, feed=ParsedFeed(title=title, site_url=site, entries=tuple(entries)))
    )
    return f.id


def ids(store: Store, feed_id: int) -> list[int]:
    return sorted(r.id for r in store.articles(feed_id=feed_id))


def test_the_identity_rule_sets_aside_by_case_accents_and_spacing():
    assert display_name("By RUSS READ") == "Russ Read"
    assert display_name("  by:  Russ   Read ") == "Russ Read"
    assert {name_key(n) for n in ("Russ Read", "RUSS READ", "By Russ Read", "russ  read.", "Rüss Read")} == {
        "russ read"
    }
    assert outlet_of("https://www.news.example.com/", None) == "example.com"
    assert outlet_of(None, "https://feeds.bbc.co.uk/news.xml") == "bbc.co.uk"
    assert outlet_of("http://127.0.0.1:8080/", None) == "127.0.0.1"


def test_variations_of_a_name_at_one_outlet_are_one_person(store):
    a = feed(store, "https://example.com/politics.xml", "https://example.com/", entry("1", ("Russ Read",)))
    b = feed(
        store,
        "https://news.example.com/tech.xml",
        "https://news.example.com/",
        entry("2", ("RUSS READ",), published=5.0),
        entry("3", ("By Russ Read",), published=3.0),
        title="Tech",
    )
    people = store.people()
    assert [(p.name, p.kind, p.outlet, p.articles) for p in people] == [
        ("Russ Read", "person", "example.com", 3)
    ]
    assert set(people[0].feeds) == {"Feed", "Tech"}
    assert people[0].latest_title == "Story 2"
    assert [r.title for r in store.person_articles(people[0].id)] == ["Story 2", "Story 3", "Story 1"]
    assert len(ids(store, a) + ids(store, b)) == 3


def test_one_name_at_two_outlets_is_two_people(store):
    feed(store, "https://one.example/feed", "https://one.example/", entry("1", ("Alex Kim",)))
    feed(store, "https://two.example/feed", "https://two.example/", entry("2", ("Alex Kim",)))
    people = store.people()
    assert sorted((p.name, p.outlet, p.articles) for p in people) == [
        ("Alex Kim", "one.example", 1),
        ("Alex Kim", "two.example", 1),
    ]
    assert len(store.people_named("ALEX KIM")) == 2


def test_the_cleaned_byline_replaces_the_feeds_and_brings_its_contacts(store):
    f = feed(store, "https://example.com/feed", "https://example.com/", entry("1", ("Newsroom",)))
    [article] = ids(store, f)
    assert [p.name for p in store.people()] == ["Newsroom"]
    tip = "Have a tip? Signal: +1 555 014 2231. Email: rsato@example.com."
    store.save_cleaned(
        article,
        Cleaned(
            authors=("Ruth Sato", "The Associated Press"),
            organisations=("The Associated Press",),
            contacts=(Contact("phone", "+1 555 014 2231", tip), Contact("email", "rsato@example.com", tip)),
        ),
    )
    people = {p.name: p for p in store.people()}
    assert set(people) == {"Ruth Sato", "The Associated Press"}  # "Newsroom" has no article left
    assert people["The Associated Press"].kind == "organisation"
    assert [p.name for p in store.people_of_article(article)] == ["Ruth Sato", "The Associated Press"]
    contacts = store.person_contacts([people["Ruth Sato"].id])
    assert [(c.kind, c.value, c.article_id, c.label) for c in contacts] == [
        ("email", "rsato@example.com", article, tip),
        ("phone", "+1 555 014 2231", article, tip),
    ]
    assert store.person_contacts([people["The Associated Press"].id]) == []


def test_a_contact_line_naming_one_of_two_authors_is_theirs(store):
    f = feed(store, "https://example.com/feed", "https://example.com/", entry("1"))
    [article] = ids(store, f)
    line = "Reach Maria Lopez at mlopez@example.com."
    store.save_cleaned(
        article,
        Cleaned(
            authors=("Jon Park", "Maria Lopez"), contacts=(Contact("email", "mlopez@example.com", line),)
        ),
    )
    owners = {p.name: store.person_contacts([p.id]) for p in store.people()}
    assert [c.value for c in owners["Maria Lopez"]] == ["mlopez@example.com"] and owners["Jon Park"] == []


def test_removing_a_feed_takes_its_articles_out_of_the_directory(store):
    feed(store, "https://one.example/feed", "https://one.example/", entry("1", ("Alex Kim",)))
    feed(
        store,
        "https://one.example/b",
        "https://one.example/",
        entry("2", ("Alex Kim",), published=9.0),
        title="B",
    )
    [person] = store.people()
    assert person.articles == 2 and person.latest_title == "Story 2"
    store.remove_feed("https://one.example/b")
    [person] = store.people()
    assert (person.articles, person.feeds, person.latest_title) == (1, ("Feed",), "Story 1")
    store.remove_feed("https://one.example/feed")
    assert store.people() == []


def test_the_migration_files_articles_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        f = feed(store, "https://example.com/feed", "https://example.com/", entry("1", ("Ruth Sato",)))
        [article] = ids(store, f)
        store.save_cleaned(article, Cleaned(authors=("Ruth Sato",)))
    # Back to the schema before the directory, as an older newsreader left it.
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE people_contacts; DROP TABLE people_feeds; DROP TABLE people_articles; DROP TABLE people; "
        "DROP TRIGGER articles_people_au; DROP INDEX articles_people_pending; "
        "ALTER TABLE articles DROP COLUMN people_indexed; PRAGMA user_version = 9;"
    )
    db.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        [person] = store.people()
        assert (person.name, person.articles, person.latest_id) == ("Ruth Sato", 1, article)


def test_a_read_only_store_shows_the_directory_as_last_filed(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        feed(store, "https://example.com/feed", "https://example.com/", entry("1", ("Ruth Sato",)))
        assert [p.name for p in store.people()] == ["Ruth Sato"]
        feed(store, "https://example.com/b", "https://example.com/", entry("2", ("Jon Park",)))
    with Store(path, read_only=True) as store:
        assert [p.name for p in store.people()] == ["Ruth Sato"]
