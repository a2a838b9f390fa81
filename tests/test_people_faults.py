"""The directory's commands over hostile, damaged and read-only stores: one line, nothing raw, nothing written."""

from __future__ import annotations

import hashlib
import json
import random
import stat
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.models import Cleaned, Contact
from newsreader.store import Store
from tests.conftest import run_cli
from tests.test_fuzz_cli import assert_harmless, hostile, hostile_store  # noqa: F401 - a fixture
from tests.test_people_cli import parse_vcards, run_bytes
from tests.ui_store import Story, Sub, build_store


def clean_hostile(path: Path) -> None:
    """Clean every article with hostile bylines and contact lines, as a hostile page would give them."""
    rng = random.Random(11)
    with Store(path) as store:
        for row in store.articles():
            name = hostile(rng, "Ann Lee")
            label = hostile(rng, "Write to Ann Lee at ann@example.com")
            store.save_cleaned(
                row.id,
                Cleaned(
                    authors=(name, hostile(rng, "The Wire")),
                    organisations=(),
                    contacts=(
                        Contact("email", hostile(rng, "ann@example.com"), label),
                        Contact("url", hostile(rng, "https://example.com/securedrop"), label),
                        Contact("social", hostile(rng, "@annlee"), label),
                        Contact("phone", hostile(rng, "+1 555 0100"), label),
                    ),
                ),
            )


@pytest.mark.usefixtures("hostile_store")
def test_every_directory_command_prints_hostile_strings_harmlessly(home):
    clean_hostile(locations.store_file())
    for args in (
        ["authors"],
        ["contacts"],
        ["contacts", "--format", "csv"],
        ["contacts", "--author", "ann lee"],
        ["contacts", "--author", "\x1b]0;PWNED\x07"],
    ):
        assert_harmless(run_cli(*args, home=home))
    for args in (["authors", "--json"], ["contacts", "--format", "json"]):
        out = run_cli(*args, home=home)
        assert_harmless(out)
        assert json.loads(out.stdout)
    vcard = run_bytes("contacts", "--format", "vcard", home=home)
    assert vcard.returncode == 0, vcard.stderr
    cards = parse_vcards(vcard.stdout)
    assert cards
    text = vcard.stdout.decode("utf-8").replace("\r\n", "\n")
    assert "\r" not in text and "\x1b" not in text and "\u202e" not in text and "\x85" not in text


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_read_only_store_is_read_as_last_filed_and_says_what_it_leaves_out(home):
    path = locations.store_file()
    build_store(
        path,
        [Sub("https://one.example/feed.xml", "Harbour News", [Story("Ferry", authors=("Mara Okafor",))])],
    )
    with Store(path) as store:
        assert [p.name for p in store.people()] == ["Mara Okafor"]  # filed
    build_store(
        path, [Sub("https://two.example/feed.xml", "Weather", [Story("Storm", authors=("Sam Ilori",))])]
    )
    folder = path.parent
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        before = digests(folder)
        out = run_cli("authors", home=home)
        assert out.returncode == 0 and "Mara Okafor" in out.stdout and "Sam Ilori" not in out.stdout
        assert (
            out.stderr
            == "newsreader: the store is read-only: 1 article is not in the authors directory yet\n"
        )
        assert digests(folder) == before
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_damaged_store_is_one_line_and_left_as_it_is(home):
    from tests.test_store_damage import build, damage, digest

    path = locations.store_file()
    build(path)
    damage(path, 0.6)
    before = digest(path)
    for args in (["authors"], ["contacts", "--format", "vcard"]):
        out = run_cli(*args, home=home)
        assert out.returncode == 1 and out.stdout == ""
        assert out.stderr == f"newsreader: store is damaged: {path}; run `newsreader recover`\n"
    assert digest(path) == before
