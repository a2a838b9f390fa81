"""Screens: the main reading screen and the dialogs over it."""
