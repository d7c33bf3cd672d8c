"""Catalogue services: the only code that writes Channels, Videos and Movies."""
