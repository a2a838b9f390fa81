"""Refreshing feeds from a real HTTP server on 127.0.0.1 into a real store: formats, 304s, state, CLI."""

from __future__ import annotations

import re

from newsreader import locations
from newsreader.config import Config, FetchLimits
from newsreader.refresh import refresh
from newsreader.store import Store
from tests.conftest import run_cli

NEVER = Config(full_text="never")

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Twenty</title><link>http://example.com/</link>
<item><title>First &amp; best</title><link>http://example.com/1</link><guid>g-1</guid>
<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><author>ann@example.com (Ann Writer)</author>
<description>&lt;p&gt;One&lt;/p&gt;</description></item>
<item><title>Second</title><link>http://example.com/2</link><guid>g-2</guid><description>Two</description></item>
</channel></rss>"""

RSS10 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>Ten</title><link>http://example.org/</link>
<description>d</description></channel>
<item rdf:about="http://example.org/a"><title>RDF item</title><link>http://example.org/a</link>
<dc:creator>Dee Creator</dc:creator><dc:date>2024-02-03T04:05:06Z</dc:date><description>text</description></item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomic</title><id>urn:feed</id>
<link href="http://example.net/"/><updated>2024-03-01T00:00:00Z</updated>
<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title><id>urn:e1</id>
<link href="http://example.net/e1"/><updated>2024-03-01T00:00:00Z</updated>
<author><name>Al</name></author><author><name>Bo</name></author>
<summary>short</summary><content type="html">&lt;p&gt;The whole story&lt;/p&gt;</content></entry>
</feed>"""

RELATIVE = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Rel</title><id>urn:rel</id>
<entry><title>Plain</title><id>urn:r1</id><link href="posts/1.html"/></entry>
<entry xml:base="http://other.example/base/"><title>Based</title><id>urn:r2</id><link href="x/2"/></entry>
</feed>"""

LATIN1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Caf\xe9</title>
<item><title>Cr\xe8me br\xfbl\xe9e</title><guid>l1</guid><description>\xe0 la carte</description></item>
</channel></rss>""".encode("latin-1")

CP1251 = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title>
<item><title>Привет, мир</title><guid>c1</guid><description>текст</description></item>
</channel></rss>""".encode("cp1251")

NO_GUIDS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Bare</title>
<item><title>Linked only</title><link>http://example.com/linked</link></item>
<item><title>Nothing but a title</title><description>and words</description></item>
</channel></rss>"""


def articles(store, url):
    feed = store.feed_by_url(url)
    return {a.title: a for a in (store.article(r.id) for r in store.articles(feed_id=feed.id))}


def test_rss_rdf_and_atom_land_in_the_store(server, store):
    urls = {
        "rss20": server.route("/rss20", RSS20, headers={"Content-Type": "application/rss+xml"}),
        "rss10": server.route("/rss10", RSS10),
        "atom": server.route("/atom", ATOM, headers={"Content-Type": "application/atom+xml"}),
    }
    for u in urls.values():
        store.add_feed(u)
    summary = refresh(store.path, NEVER)
    assert summary.new == 4 and summary.failed == [] and summary.ok == 3

    rss = articles(store, urls["rss20"])
    assert set(rss) == {"First & best", "Second"}
    first = rss["First & best"]
    assert first.guid == "g-1" and first.link == "http://example.com/1" and first.authors == ("Ann Writer",)
    assert first.published == 1704103200.0 and first.content_html == "<p>One</p>"
    assert store.feed_by_url(urls["rss20"]).title == "Twenty"

    (rdf,) = articles(store, urls["rss10"]).values()
    assert rdf.title == "RDF item" and rdf.link == "http://example.org/a" and rdf.authors == ("Dee Creator",)
    assert rdf.published == 1706933106.0

    (atom,) = articles(store, urls["atom"]).values()
    assert atom.title == "Bold move" and atom.authors == ("Al", "Bo")
    assert atom.content_html == "<p>The whole story</p>"  # content over summary


def test_relative_links_are_resolved_against_feed_url_and_xml_base(server, store):
    url = server.route("/dir/feed.xml", RELATIVE)
    store.add_feed(url)
    refresh(store.path, NEVER)
    got = articles(store, url)
    assert got["Plain"].link == server.url("/dir/posts/1.html")
    assert got["Based"].link == "http://other.example/base/x/2"


def test_declared_non_utf8_charsets_are_decoded(server, store):
    latin = server.route(
        "/latin", LATIN1, headers={"Content-Type": "application/rss+xml; charset=ISO-8859-1"}
    )
    cyr = server.route("/cyr", CP1251, headers={"Content-Type": "text/xml"})  # only the XML declaration says
    store.add_feed(latin)
    store.add_feed(cyr)
    refresh(store.path, NEVER)
    assert list(articles(store, latin)) == ["Crème brûlée"]
    assert store.feed_by_url(latin).title == "Café"
    (item,) = articles(store, cyr).values()
    assert item.title == "Привет, мир" and item.content_html == "текст"
    assert store.feed_by_url(cyr).title == "Новости"


def test_feed_without_guids_does_not_duplicate(server, store):
    url = server.route("/bare", NO_GUIDS)
    store.add_feed(url)
    assert refresh(store.path, NEVER).new == 2
    got = articles(store, url)
    assert got["Linked only"].key == "http://example.com/linked" and got["Linked only"].guid is None
    assert got["Nothing but a title"].key.startswith("hash:")
    assert refresh(store.path, NEVER).new == 0  # no validators: fetched and parsed again, nothing new
    assert store.feed_by_url(url).total == 2


def test_second_refresh_is_conditional_and_gets_304(server, store):
    validators = {"ETag": '"abc"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}

    def conditional(req):
        if req.headers.get("If-None-Match") == '"abc"':
            req.send_response(304)
            req.end_headers()
            return
        body = RSS20.encode()
        req.send_response(200)
        for k, v in validators.items():
            req.send_header(k, v)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    url = server.route("/cond", handler=conditional)
    store.add_feed(url)
    assert refresh(store.path, NEVER).new == 2
    second = refresh(store.path, NEVER)
    assert second.new == 0 and second.unchanged == 1 and second.failed == []
    sent = server.hits("/cond")[1]
    assert sent["if-none-match"] == '"abc"' and sent["if-modified-since"] == validators["Last-Modified"]
    assert store.feed_by_url(url).total == 2


def test_read_and_starred_survive_an_update_without_duplicates(server, store):
    url = server.route("/feed", RSS20)
    store.add_feed(url)
    refresh(store.path, NEVER)
    first = articles(store, url)["First & best"]
    store.set_read([first.id])
    store.set_starred(first.id, True)
    server.route("/feed", RSS20.replace("&lt;p&gt;One&lt;/p&gt;", "&lt;p&gt;One, corrected&lt;/p&gt;"))
    summary = refresh(store.path, NEVER)
    assert summary.new == 0 and summary.updated == 1
    again = store.article(first.id)
    assert again.content_html == "<p>One, corrected</p>" and again.read and again.starred
    assert store.feed_by_url(url).total == 2


def test_permanent_redirect_updates_the_stored_url(server, store):
    new = server.route("/moved", RSS20)
    old = server.route("/old", status=301, headers={"Location": "/moved"})
    store.add_feed(old)
    assert refresh(store.path, NEVER).new == 2
    assert store.feed_by_url(old) is None and store.feed_by_url(new).total == 2


def test_on_feed_done_reports_each_feed_after_it_is_stored(server, store):
    good = server.route("/good", RSS20)
    bad = server.route("/bad", status=500)
    store.add_feed(good)
    store.add_feed(bad)
    store.add_feed("newsreader:sample")  # not http: skipped without a word
    seen = []

    def done(feed, new, error):
        seen.append((feed.url, new, error, feed.total))

    summary = refresh(store.path, NEVER, on_feed_done=done)
    assert sorted(seen) == sorted([(good, 2, None, 2), (bad, 0, "HTTP 500", 0)])
    assert summary.failed == [(bad, "HTTP 500")]
    assert store.feed_by_url(bad).last_error == "HTTP 500"


def test_offline_refresh_touches_nothing(server, store):
    url = server.route("/feed", RSS20)
    store.add_feed(url)
    assert refresh(store.path, NEVER, offline=True).new == 0
    assert server.hits("/feed") == []


def test_refresh_command_prints_a_summary_and_exits_3_when_a_feed_failed(server, home):
    good = server.route("/good", RSS20)
    bad = server.route("/bad", status=500)
    assert run_cli("add", "--no-check", good, bad, home=home).returncode == 0
    out = run_cli("refresh", "--jobs", "2", home=home)
    assert out.returncode == 3, out.stderr  # cron can tell: documented as "a feed failed"
    assert out.stdout.splitlines() == ["2 new articles, 0 unchanged feeds, 1 failed:", f"  {bad}: HTTP 500"]
    assert out.stderr == ""  # quiet in a pipe
    listed = run_cli("list", home=home).stdout
    assert "First & best" in listed and "Second" in listed
    server.route("/bad", RSS20.replace("g-", "b-"))
    again = run_cli("refresh", home=home)
    assert again.returncode == 0 and again.stdout.endswith(", 0 failed\n"), again.stdout


def test_jobs_bound_is_passed_through(server, store):
    urls = [server.route(f"/f{i}", RSS20.replace("g-", f"f{i}-")) for i in range(6)]
    for u in urls:
        store.add_feed(u)
    cfg = Config(full_text="never", limits=FetchLimits(jobs=1))
    assert refresh(store.path, cfg).new == 12


def test_refresh_of_chosen_feeds_only(server, home):
    one = server.route("/one", RSS20)
    two = server.route("/two", ATOM)
    assert run_cli("add", "--no-check", one, two, home=home).returncode == 0
    out = run_cli("refresh", two, home=home)
    assert out.returncode == 0 and out.stdout.startswith("1 new article,")
    assert server.hits("/one") == [] and len(server.hits("/two")) == 1


def test_refresh_from_a_worker_thread_as_the_interface_does(server, store):
    import threading

    urls = [server.route(f"/t{i}", RSS20.replace("g-", f"t{i}-")) for i in range(5)]  # enough for the pool
    for u in urls:
        store.add_feed(u)
    seen, result = [], {}

    def work():
        result["summary"] = refresh(
            store.path, NEVER, on_feed_done=lambda f, n, e: seen.append(threading.get_ident())
        )

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert result["summary"].new == 10 and len(seen) == 5
    assert threading.get_ident() not in seen  # never called on the caller's (the interface's) thread


def test_a_warm_refresh_imports_no_parser_and_starts_no_pool(server, store):
    import subprocess
    import sys

    def conditional(req):
        if req.headers.get("If-None-Match") == '"v"':
            req.send_response(304)
            req.end_headers()
            return
        body = RSS20.encode()
        req.send_response(200)
        req.send_header("ETag", '"v"')
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    for i in range(5):
        store.add_feed(server.route(f"/w{i}", handler=conditional))
    assert refresh(store.path, NEVER).new == 2 * 5  # same guids, but each feed holds its own copy
    code = (
        "import sys, multiprocessing\n"
        "from newsreader.config import Config\n"
        "from newsreader.refresh import refresh\n"
        f"s = refresh({str(store.path)!r}, Config(full_text='never'))\n"
        "print(s.unchanged, sorted(m for m in ('feedparser', 'lxml', 'newsreader.feeds.parse') if m in sys.modules),"
        " len(multiprocessing.active_children()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split(maxsplit=1) == ["5", "[] 0\n"], out.stderr


def test_progress_bar_on_a_terminal_only(server, home):
    import os
    import pty
    import subprocess
    import sys

    urls = [server.route(f"/p{i}", RSS20.replace("g-", f"p{i}-")) for i in range(3)]
    assert run_cli("add", "--no-check", *urls, home=home).returncode == 0
    leader, follower = pty.openpty()
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", "refresh"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        timeout=60,
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert b"refreshing [" in drawn and b"3/3" in drawn
    assert proc.stdout.startswith("6 new articles")  # the summary still goes to stdout


def _raw_redirect(status: int, location: bytes):
    def answer(req):
        req.wfile.write(
            b"HTTP/1.1 %d Moved\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % (status, location)
        )

    return answer


def test_a_redirect_to_an_address_with_controls_or_no_address_is_refused_and_never_stored(server, home):
    locations_sent = {
        "/esc": (301, b"/f\x1b]0;PWNED\x07.xml"),  # OSC: would retitle the terminal
        "/c1": (308, b"/f\xc2\x9b31m.xml"),  # C1 CSI, UTF-8 encoded
        "/raw-c1": (301, b"/f\x9b31m.xml"),  # C1 CSI as one raw byte
        "/del": (308, b"/f\x7f.xml"),
        "/js": (301, b"javascript:alert(1)"),
        "/bad-host": (308, b"http://[::1/feed"),
    }
    server.route("/f.xml", RSS20)
    urls = [server.route(path, handler=_raw_redirect(*sent)) for path, sent in locations_sent.items()]
    assert run_cli("add", "--no-check", *urls, home=home).returncode == 0
    out = run_cli("refresh", home=home)
    assert out.returncode == 3 and "Traceback" not in out.stderr
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out.stdout + out.stderr)
    assert out.stdout.startswith(f"0 new articles, 0 unchanged feeds, {len(urls)} failed:")
    with Store(locations.store_file()) as store:
        for url in urls:
            feed = store.feed_by_url(url)  # the address the user subscribed to, not the redirect's
            assert feed is not None and feed.last_error and feed.last_error.startswith("redirect"), url
            assert f"  {url}: {feed.last_error}" in out.stdout
        assert sorted(f.url for f in store.feeds()) == sorted(urls)
    assert server.hits("/f.xml") == []
