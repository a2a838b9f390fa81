"""Widgets, one module per screen area, each with its .tcss beside it."""
