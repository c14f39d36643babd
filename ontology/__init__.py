"""The iempkg ontology, SHACL shapes and JSON-LD context, shipped as package data (read with importlib.resources)."""
