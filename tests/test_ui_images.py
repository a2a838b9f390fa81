"""Images in the article body: alt text when off, half blocks drawn from a loopback server when on, kept for offline."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from newsreader import locations
from newsreader.config import Config, check_config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
HALF_BLOCKS = set("▀▄")


def png(width: int = 24, height: int = 12) -> bytes:
    picture = Image.new("RGB", (width, height), (200, 30, 30))
    for x in range(width):
        for y in range(height // 2, height):
            picture.putpixel((x, y), (20, 40, 220))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def store_with(home, body: str):
    path = locations.store_file()
    build_store(path, [Sub("https://one.example/feed.xml", "Harbour News", [Story("Ferry", body)])])
    return path


async def open_article(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def half_blocks(app) -> int:
    return sum(ch in HALF_BLOCKS for ch in screen_text(app))


def rows_with_half_blocks(app) -> list[int]:
    return [i for i, line in enumerate(screen_text(app).splitlines()) if HALF_BLOCKS & set(line)]


async def test_images_off_show_the_alt_text_and_download_nothing(home, server):
    url = server.route("/ferry.png", png(), headers={"Content-Type": "image/png"})
    path = store_with(home, f"Before the picture.\n\n![The ferry at the quay]({url})\n\nAfter the picture.")
    app = NewsApp(path, Config(images="off"), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        text = screen_text(app)
        assert "[image: The ferry at the quay]" in text
        assert "Before the picture." in text and "After the picture." in text
        assert half_blocks(app) == 0
    assert server.hits("/ferry.png") == []


async def test_images_on_draw_half_blocks_where_the_image_is_and_keep_it_for_offline(home, server):
    url = server.route("/ferry.png", png(), headers={"Content-Type": "image/png"})
    path = store_with(home, f"Before the picture.\n\n![The ferry at the quay]({url})\n\nAfter the picture.")
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: half_blocks(app) > 0)
        lines = screen_text(app).splitlines()
        rows = rows_with_half_blocks(app)
        before = next(i for i, line in enumerate(lines) if "Before the picture." in line)
        after = next(i for i, line in enumerate(lines) if "After the picture." in line)
        assert before < rows[0] and rows[-1] < after  # between the paragraphs around it
        assert "[image: The ferry at the quay]" in screen_text(app)  # the caption under it
    assert len(server.hits("/ferry.png")) == 1
    with Store(path) as store:
        assert store.image(url).data == png()

    server.routes.clear()  # gone from the network: shown from the store, offline
    app = NewsApp(path, Config(), offline=True, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: half_blocks(app) > 0)
    assert len(server.hits("/ferry.png")) == 1


async def test_i_turns_images_off_and_on(home, server):
    url = server.route("/ferry.png", png(), headers={"Content-Type": "image/png"})
    path = store_with(home, f"Before.\n\n![The ferry]({url})\n\nAfter.")
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: half_blocks(app) > 0)
        await pilot.press("i")
        await settle(pilot)
        assert half_blocks(app) == 0
        assert "[image: The ferry]" in screen_text(app)
        await pilot.press("i")
        await wait_until(pilot, lambda: half_blocks(app) > 0)


async def test_i_turns_images_on_when_config_has_them_off(home, server):
    url = server.route("/ferry.png", png(), headers={"Content-Type": "image/png"})
    path = store_with(home, f"Before.\n\n![The ferry]({url})\n\nAfter.")
    app = NewsApp(path, Config(images="off"), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        assert half_blocks(app) == 0 and server.hits("/ferry.png") == []
        await pilot.press("i")
        await wait_until(pilot, lambda: half_blocks(app) > 0)


async def test_only_images_near_the_screen_are_downloaded(home, server):
    near = server.route("/near.png", png(), headers={"Content-Type": "image/png"})
    far = server.route("/far.png", png(), headers={"Content-Type": "image/png"})
    filler = "\n\n".join(f"Paragraph {n} of the long story." for n in range(150))
    path = store_with(home, f"![Near]({near})\n\n{filler}\n\n![Far]({far})\n\nThe end.")
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: half_blocks(app) > 0)
        assert len(server.hits("/near.png")) == 1
        assert server.hits("/far.png") == []
        await pilot.press("G")  # to the end of the article
        await wait_until(pilot, lambda: half_blocks(app) > 0 and "The end." in screen_text(app))
        assert len(server.hits("/far.png")) == 1


async def test_an_image_that_cannot_be_had_says_why_in_one_line_under_its_alt_text(home, server):
    broken = server.route("/broken.png", b"<html>not a picture</html>", headers={"Content-Type": "image/png"})
    gone = server.url("/gone.png")  # not served: 404
    path = store_with(home, f"Text.\n\n![A chart]({broken})\n\n![A map]({gone})\n\nMore text.")
    app = NewsApp(path, Config(), clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: "(not shown: HTTP 404)" in screen_text(app))
        text = screen_text(app)
        assert "[image: A chart] (not shown: not an image)" in text
        assert "[image: A map] (not shown: HTTP 404)" in text
        assert "More text." in text
        assert toasts.messages("error") == []
    with Store(locations.store_file()) as store:
        assert store.image(broken) is None


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height (its pixels are one): decoding it would take gigabytes."""
    import struct
    import zlib

    data = bytearray(png(1, 1))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


async def test_a_large_picture_takes_at_most_thirteen_rows_and_a_huge_one_is_refused(home, server):
    large = server.route("/large.png", png(1200, 900), headers={"Content-Type": "image/png"})
    huge = server.route("/huge.png", huge_png_header(10000, 5000), headers={"Content-Type": "image/png"})
    path = store_with(home, f"Text.\n\n![Large]({large})\n\n![Huge]({huge})\n\nMore.")
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await wait_until(pilot, lambda: "too large to draw" in screen_text(app) and half_blocks(app) > 0)
        assert len(rows_with_half_blocks(app)) == 13
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "[image: Huge] (not shown: too large to draw (10000x5000))" in text


def test_the_images_setting_takes_auto_or_off_and_names_its_line_otherwise():
    assert check_config('images = "off"\n', None).config.images == "off"
    assert check_config("", None).config.images == "auto"
    result = check_config('theme = "nord"\nimages = "sometimes"\n', None)
    assert result.config.images == "auto"
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "images must be one of auto, off (got 'sometimes')")
    ]
