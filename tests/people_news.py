"""Two loopback news sites for the authors directory: bylines, tip lines, one name at two outlets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from tests.conftest import LoopbackServer

STORY = (
    "The council met on Tuesday evening to hear residents on the plan, which would move the market to "
    "the old rail yard and close two streets to traffic on weekends. ",
    "Shop owners on Front Street said the move would cost them most of their Saturday trade, while the "
    "market's own vendors said the present site had flooded three times in two years. ",
    "The city engineer told the council that the rail yard would need new drainage and lighting before "
    "any stall could open there, work she put at eight months and a little under a million dollars. ",
    "A vote is expected next month, after a second hearing and a survey of the vendors and the shops. ",
)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    byline: str
    tip: str = ""
    day: int = 1


def page(site: str, prefix: str, story: Story) -> str:
    """The story's page: byline, four paragraphs (the first two with a link each), then its tip line."""
    tip = f"<p>{story.tip}</p>" if story.tip else ""
    links = (
        f' See <a href="/{prefix}/plan.html">the plan</a>.',
        f' Read <a href="/{prefix}/vendors.html">what the vendors asked for</a>.',
        "",
        "",
    )
    paragraphs = "".join(
        f"<p>{escape(p)} {escape(story.title)}.{link}</p>" for p, link in zip(STORY, links, strict=True)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(story.title)}</title>'
        f'<meta property="og:site_name" content="{escape(site)}"></head><body>'
        '<header class="site-header"><a href="/">Front page</a></header><main id="content">'
        f'<div class="article-header"><h1>{escape(story.title)}</h1>'
        f'<div class="meta">By <a rel="author" href="/staff">{escape(story.byline)}</a> · Nov. {story.day}, 2026'
        f'</div></div><div class="article-text">{paragraphs}{tip}</div></main>'
        '<footer class="site-footer"><p>© 2026 Example Media Group.</p></footer></body></html>'
    )


def feed(server: LoopbackServer, site: str, home: str, prefix: str, stories: list[Story]) -> str:
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{server.url(f'/{prefix}/{s.slug}.html')}</link>"
        f"<guid>{prefix}-{s.slug}</guid><description>A short summary.</description>"
        f"<pubDate>{format_datetime(datetime(2026, 11, s.day, 12, tzinfo=UTC))}</pubDate></item>"
        for s in stories
    )
    for s in stories:
        server.route(f"/{prefix}/{s.slug}.html", page(site, prefix, s), headers={"Content-Type": "text/html"})
    for name, title in (("plan", "The market plan"), ("vendors", "What the vendors asked for")):
        linked = (
            f"<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
        )
        server.route(f"/{prefix}/{name}.html", linked, headers={"Content-Type": "text/html"})
    xml = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(site)}</title><link>{home}</link>'
        f"<description>news</description>{items}</channel></rss>"
    )
    return server.route(f"/{prefix}/feed.xml", xml, headers={"Content-Type": "application/rss+xml"})


RIDGELINE = [
    Story(
        "market",
        "Council weighs moving the market",
        "Russ Read",
        "Have a tip? Email Russ Read at rread@ridgeline.example or message him on Signal at +1 555 014 2231.",
        day=2,
    ),
    Story("roads", "Audit finds gaps in road contracts", "RUSS READ", day=3),
    Story(
        "school",
        "School board delays the new calendar",
        "Ruth Sato",
        "Have a tip? Send it securely at https://ridgeline.example/securedrop or email rsato@ridgeline.example.",
        day=4,
    ),
]
HARBOR = [
    Story(
        "ferry",
        "Ferry schedule cut for the winter",
        "Russ Read",
        "Tips? Write to russ@harbor.example or find him on X at @harborruss.",
        day=5,
    ),
]


def news_sites(server: LoopbackServer) -> tuple[str, str]:
    """The feeds of two outlets (their sites named in the feeds), both with a writer called Russ Read."""
    return (
        feed(server, "Ridgeline Report", "https://ridgeline.example/", "ridgeline", RIDGELINE),
        feed(server, "Harbor Herald", "https://harbor.example/", "harbor", HARBOR),
    )
