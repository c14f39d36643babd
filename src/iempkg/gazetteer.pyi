# Type stub for `iempkg.gazetteer`. At run time that name is the data package `data/gazetteer`
# (mapped in pyproject.toml so the YAML ships inside the package); a module
# `src/iempkg/gazetteer.py` would clash with it (it shadows the data in editable installs and
# is shadowed by it in wheels), so the package re-exports the loader from
# `iempkg.extract._org_gazetteer` and this stub tells type checkers so.
from .extract._org_gazetteer import KINDS as KINDS
from .extract._org_gazetteer import Gazetteer as Gazetteer
from .extract._org_gazetteer import GazetteerEntry as GazetteerEntry
from .extract._org_gazetteer import default_gazetteer as default_gazetteer
from .extract._org_gazetteer import load_gazetteer as load_gazetteer
from .extract._org_gazetteer import parse_entries as parse_entries
