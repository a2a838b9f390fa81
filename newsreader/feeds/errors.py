"""The one error a feed document can raise: it is not a feed (the message is the one-line reason)."""


class NotAFeed(Exception):
    """The body is not a feed; the message is the one-line reason ("not a feed: ...")."""
