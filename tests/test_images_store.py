"""Images and reading positions behind the interface: the cleaner keeps images, the engine downloads and
caches them within the page limits, the store keeps positions (and recover copies both)."""

from __future__ import annotations

import io

from PIL import Image

from newsreader import locations
from newsreader.clean.cleaner import clean_html
from newsreader.config import Config, FetchLimits
from newsreader.engine import Engine
from newsreader.store import Store, recover
from tests.ui_store import Story, Sub, build_store

WORDS = " ".join(["The ferry timetable changes on Monday, and the council explains why in detail."] * 12)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).save(out, "PNG")
    return out.getvalue()


def test_the_cleaner_keeps_web_images_as_markdown_with_their_alt_text():
    page = f"""<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1><p>{WORDS}</p>
    <figure><img src="/img/ferry.png" alt="The [new] ferry"><figcaption>At the quay.</figcaption></figure>
    <p>{WORDS}</p><p><img src="data:image/png;base64,AAAA" alt="inline data"> <img alt="no source"></p>
    <p>{WORDS}</p></article></body></html>"""
    body = clean_html(page, url="https://one.example/news/ferry").body
    assert "![The (new) ferry](https://one.example/img/ferry.png)" in body
    assert "data:" not in body and "inline data" not in body and "no source" not in body


def test_a_linked_thumbnail_is_the_picture_alone_never_mangled_link_syntax():
    page = f"""<html><head><title>Deals</title></head><body><article><h1>Deals</h1><p>{WORDS}</p>
    <p>1) A racing track <a href="/big/track.jpg"><strong><img src="/small/track.jpg" alt="Track"></strong></a></p>
    <p>{WORDS}</p><p>2) A blimp <a href="/big/blimp.jpg"><img src="/small/blimp.jpg" alt=""></a></p>
    <p>{WORDS}</p></article></body></html>"""
    body = clean_html(page, url="https://one.example/deals").body
    assert "![Track](https://one.example/small/track.jpg)" in body
    assert "![](https://one.example/small/blimp.jpg)" in body
    assert "big/" not in body and "!(" not in body and "[!" not in body


def test_the_pages_own_picture_leads_the_body_unless_the_story_shows_it_already():
    def page(og: str, inline: str = "") -> str:
        return f"""<html><head><title>Ferry</title><meta property="og:image" content="{og}"></head>
        <body><article><h1>Ferry</h1><p>{WORDS}</p>{inline}<p>{WORDS}</p></article></body></html>"""

    url = "https://one.example/news/ferry"
    body = clean_html(page("/lead.jpg"), url=url).body
    assert body.startswith("![](https://one.example/lead.jpg)\n\n")
    shown = clean_html(page("/lead.jpg", '<p><img src="/lead.jpg" alt="The quay"></p>'), url=url).body
    assert shown.count("https://one.example/lead.jpg") == 1 and "![The quay]" in shown
    assert "javascript" not in clean_html(page("javascript:alert(1)"), url=url).body


def test_an_image_is_downloaded_once_then_read_from_the_store_even_offline(home, server):
    url = server.route("/p.png", png(), headers={"Content-Type": "image/png"})
    build_store(locations.store_file(), [])
    with Engine.open(Config()) as engine:
        first = engine.image(url)
        again = engine.image(url)
    assert first.data == again.data == png() and first.error is None
    assert len(server.hits("/p.png")) == 1
    with Engine.open(Config(), offline=True) as engine:
        assert engine.image(url).data == png()
        missing = engine.image(server.url("/other.png"))
    assert missing.data is None and missing.error == "offline, and not downloaded before"
    assert server.hits("/other.png") == []


def test_images_are_held_to_the_page_limits_and_must_be_images(home, server):
    big = server.route("/big.png", png() + b"\0" * 5000, headers={"Content-Type": "image/png"})
    page = server.route("/page.png", "<html>a page</html>", headers={"Content-Type": "image/png"})
    build_store(locations.store_file(), [])
    with Engine.open(Config(limits=FetchLimits(max_bytes=1000))) as engine:
        too_big = engine.image(big)
        not_image = engine.image(page)
        not_web = engine.image("file:///etc/passwd")
        with Store(locations.store_file()) as store:
            assert store.image(big) is None and store.image(page) is None
    assert too_big.data is None and too_big.error and "larger than" in too_big.error
    assert (not_image.data, not_image.error) == (None, "not an image")
    assert (not_web.data, not_web.error) == (None, "not an http or https address")


def test_positions_are_kept_per_article_cleared_at_the_top_and_go_with_their_feed(home):
    path = locations.store_file()
    build_store(path, [Sub("https://one.example/feed.xml", "Harbour", [Story("One"), Story("Two")])])
    with Store(path) as store:
        one, two = (r.id for r in store.articles())
        store.set_reading_position(one, 42)
        store.set_reading_position(two, 7)
        store.set_reading_position(two, 0)
        assert (store.reading_position(one), store.reading_position(two)) == (42, None)
        store.set_reading_position(999_999, 5)  # no such article: nothing kept
        assert store.reading_position(999_999) is None
        store.remove_feed("https://one.example/feed.xml")
        assert store.reading_position(one) is None


def test_the_oldest_images_make_room_once_the_cache_is_full(home):
    from newsreader.models import StoredImage

    build_store(locations.store_file(), [])
    with Store(locations.store_file()) as store:
        for n in range(5):
            store.save_image(StoredImage(f"https://one.example/{n}.png", bytes(400)), keep_bytes=1000)
        kept = [n for n in range(5) if store.image(f"https://one.example/{n}.png") is not None]
        assert kept == [3, 4]
        store.save_image(StoredImage("https://one.example/big.png", bytes(5000)), keep_bytes=1000)
        assert store.image("https://one.example/big.png") is not None  # the one just saved stays


def test_recover_copies_images_and_positions(home):
    path = locations.store_file()
    build_store(path, [Sub("https://one.example/feed.xml", "Harbour", [Story("One")])])
    from newsreader.models import StoredImage

    with Store(path) as store:
        article = store.articles()[0].id
        store.set_reading_position(article, 12)
        store.save_image(StoredImage("https://one.example/p.png", png(), "image/png"))
    recover(path)
    with Store(path) as store:
        assert store.reading_position(article) == 12
        assert store.image("https://one.example/p.png").data == png()


def test_a_second_worker_never_gets_aiohttp_half_imported_by_the_first():
    """The first images of an article download on several threads: each must see aiohttp whole."""
    import subprocess
    import sys

    code = """
import sys, threading
from newsreader.aiohttp_setup import import_aiohttp
seen = []
def first():
    seen.append(hasattr(import_aiohttp(), "TCPConnector"))
def second():  # asks while the first is still importing it
    while "aiohttp" not in sys.modules:
        pass
    seen.append(hasattr(import_aiohttp(), "TCPConnector"))
threads = [threading.Thread(target=second), threading.Thread(target=first)]
[t.start() for t in threads]
[t.join() for t in threads]
print(seen)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[True, True]", out.stderr
