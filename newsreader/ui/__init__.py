"""The Textual interface: feeds, articles, the cleaned body and its metadata."""
