"""The catalogue of named SPARQL questions, shipped as package data (read with importlib.resources)."""
