"""The gazetteer of organisations, shipped as package data (read with importlib.resources)."""
