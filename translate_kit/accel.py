"""The optional compiled build: which modules mypyc compiles (as Black and mypy ship
theirs), and the guard that keeps a compiled module older than its source from loading.

`make` compiles these modules in place when a C compiler is at hand (`setup.py`, with
TRANSLATE_KIT_COMPILE=1); everything works without them, only slower. Compiled and pure
code give the same findings (tests/test_accel.py compares them).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType
from typing import Sequence

# The per-segment hot path: analysis, word boundaries, term matching and the term rules.
COMPILED = (
    "translate_kit.analysis",
    "translate_kit.mentions",
    "translate_kit.rules.term_inconsistent",
    "translate_kit.rules.term_missing",
    "translate_kit.scripts",
    "translate_kit.terms",
    "translate_kit.textmask",
    "translate_kit.wordunits",
)

# Set to 1, the sources are used even where compiled modules are up to date (to compare).
PURE_VARIABLE = "TRANSLATE_KIT_PURE"

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def source_path(module: str, root: str = _ROOT) -> str:
    """The .py file of a module of the list."""
    return os.path.join(root, *module.split(".")) + ".py"


def _built(module: str, root: str) -> list[str]:
    """The compiled files of a module (its extension and mypyc's library beside it)."""
    folder, name = os.path.split(source_path(module, root)[:-3])
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    prefixes = (name + ".", name + "__mypyc.")
    return [os.path.join(folder, n) for n in names
            if n.startswith(prefixes) and n.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]


def stale(modules: Sequence[str] = COMPILED, root: str = _ROOT) -> list[str]:
    """The modules whose compiled code is older than their source (the code is in
    mypyc's library, rebuilt on each change; the small module beside it may be kept)."""
    out = []
    for module in modules:
        built = _built(module, root)
        try:
            if built and max(os.path.getmtime(b) for b in built) < os.path.getmtime(source_path(module, root)):
                out.append(module)
        except OSError:
            continue
    return out


def compiled() -> list[str]:
    """The modules of the list that were loaded compiled in this process."""
    return [name for name in COMPILED if _is_extension(sys.modules.get(name))]


def _is_extension(module: ModuleType | None) -> bool:
    return module is not None and str(getattr(module, "__file__", "")).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


class _FromSource:
    """A finder that loads the listed modules from their .py files, ahead of their
    compiled extensions."""

    def __init__(self, modules: Sequence[str]) -> None:
        self._modules = frozenset(modules)

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if name not in self._modules:
            return None
        return importlib.util.spec_from_file_location(name, source_path(name))


def guard() -> None:
    """Load every listed module from its source when any compiled one is out of date (a
    source edited or checked out since `make`), with one line on stderr saying so, or
    when TRANSLATE_KIT_PURE=1. Compiled modules call each other directly, so it is all
    of them or none."""
    if any(isinstance(f, _FromSource) for f in sys.meta_path):
        return
    if os.environ.get(PURE_VARIABLE) == "1":
        sys.meta_path.insert(0, _FromSource(COMPILED))
        return
    old = stale()
    if old:
        print(f"translate-kit: compiled modules are older than their sources ({', '.join(m.rsplit('.', 1)[1] for m in old)}); "
              "using the sources, which is slower: run `make` to rebuild them", file=sys.stderr)
        sys.meta_path.insert(0, _FromSource(COMPILED))
