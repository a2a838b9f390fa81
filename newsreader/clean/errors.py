"""The one exception the cleaner raises: input it cannot make a page of, with a one-line reason."""


class CleanError(ValueError):
    """A page that cannot be cleaned (empty, binary, unparseable); the message is one line."""
