"""The shipped gazetteer of organisations, as package data (`iempkg.gazetteer_data`).

`organisations.yaml` is read with importlib.resources by `iempkg.gazetteer`; this file only
makes the directory a package so that an editable install finds it.
"""
