"""The query language: one grammar for search, saved views, filters and the command line.

`parse` turns text into a tree of terms (or raises QuerySyntaxError with the position), `compile_query`
turns a tree into SQL over the store's articles and its full-text index. Pure: no I/O here.
"""

from newsreader.query.compiler import Compiled, compile_query
from newsreader.query.parser import parse
from newsreader.query.syntax import QuerySyntaxError, highlight_terms

__all__ = ["Compiled", "QuerySyntaxError", "compile_query", "highlight_terms", "parse"]
