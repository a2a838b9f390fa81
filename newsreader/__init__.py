"""newsreader: a terminal newsreader that keeps the story apart from its byline, tips, credits and notes."""

__version__ = "0.1.0"
