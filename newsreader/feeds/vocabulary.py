"""The vocabulary the fast reader knows: namespaces, and the elements of each level it may read."""

ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS10 = "http://purl.org/rss/1.0/"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
# iTunes podcast elements; feedparser matches this namespace in any letter case.
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Those feedparser folds into an entry's authors or summary: the fast reader leaves them to it.
ITUNES_FOLDED = frozenset({"author", "name", "email", "summary", "owner"})
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Namespaces whose elements feedparser never folds into title, link, id, authors, dates or content.
INERT_NS = frozenset(
    {
        "http://purl.org/rss/1.0/modules/slash/",
        "http://wellformedweb.org/CommentAPI/",
        "http://rssnamespace.org/feedburner/ext/1.0",
        "http://purl.org/syndication/thread/1.0",
        "http://www.georss.org/georss",
        "http://www.w3.org/2003/01/geo/wgs84_pos#",
    }
)
INERT_DC = frozenset({"subject", "language", "rights", "publisher", "format", "type", "coverage", "source"})
RSS_ITEM = frozenset(
    {
        "title",
        "link",
        "guid",
        "pubDate",
        "author",
        "description",
        "category",
        "comments",
        "enclosure",
        "source",
    }
)
ATOM_ENTRY = frozenset(
    {
        "id",
        "title",
        "link",
        "updated",
        "published",
        "author",
        "contributor",
        "content",
        "summary",
        "category",
        "rights",
    }
)
RSS_CHANNEL = frozenset(
    {
        "title",
        "link",
        "description",
        "language",
        "copyright",
        "managingEditor",
        "webMaster",
        "pubDate",
        "lastBuildDate",
        "category",
        "generator",
        "docs",
        "cloud",
        "ttl",
        "image",
        "rating",
        "textInput",
        "textinput",
        "skipHours",
        "skipDays",
        "item",
    }
)
ATOM_FEED = frozenset(
    {
        "title",
        "subtitle",
        "link",
        "id",
        "updated",
        "author",
        "contributor",
        "rights",
        "generator",
        "icon",
        "logo",
        "category",
        "entry",
    }
)
