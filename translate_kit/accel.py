"""The optional compiled build: which modules mypyc compiles (as Black and mypy ship
theirs), and the guard that keeps a compiled module older than its source from loading.

`make` compiles these modules in place when a C compiler is at hand (`setup.py`, with
TRANSLATE_KIT_COMPILE=1); everything works without them, only slower. Compiled and pure
code give the same findings (tests/test_accel.py compares them).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType
from typing import Mapping, Sequence

# The per-segment hot path: the contribution loop, analysis, word boundaries, term
# matching and the term rules; the PO scanner and the placeholder syntaxes (each catalog
# line, each entry's strings, its segments).
COMPILED = (
    "translate_kit.analysis",
    "translate_kit.engine.builder",
    "translate_kit.engine.scope",
    "translate_kit.mentions",
    "translate_kit.names",
    "translate_kit.placeholder_syntax",
    "translate_kit.rules.term_inconsistent",
    "translate_kit.rules.term_missing",
    "translate_kit.scripts",
    "translate_kit.sources.po_scan",
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


_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def compiled_files(root: str = _ROOT) -> dict[str, list[str]]:
    """Every module of the package with compiled files beside its source, and those files
    (its extension and mypyc's library), from one walk of the package."""
    out: dict[str, list[str]] = {}
    for folder, dirs, names in os.walk(os.path.join(root, "translate_kit")):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for n in names:
            if not n.endswith(_SUFFIXES):
                continue
            stem = n.split(".", 1)[0].removesuffix("__mypyc")
            if os.path.exists(os.path.join(folder, stem + ".py")):
                module = ".".join(os.path.relpath(os.path.join(folder, stem), root).split(os.sep))
                out.setdefault(module, []).append(os.path.join(folder, n))
    return out


# Written by an in-place build (setup.py): each compiled module and the digest of the
# source it was compiled from.
RECORD = os.path.join("translate_kit", ".compiled-from")


def digest(module: str, root: str = _ROOT) -> str:
    """The SHA-1 of a module's source."""
    with open(source_path(module, root), "rb") as fh:
        return hashlib.sha1(fh.read()).hexdigest()


def record(modules: Sequence[str], root: str = _ROOT, digests: Mapping[str, str] | None = None) -> None:
    """Note the sources compiled modules were built from (after an in-place build): the
    `digests` taken when mypyc read them, else the sources' now."""
    path = os.path.join(root, RECORD)
    with open(path + ".tmp", "w", encoding="utf-8") as fh:
        fh.writelines(f"{m} {digests[m] if digests is not None else digest(m, root)}\n" for m in modules)
    os.replace(path + ".tmp", path)


def _recorded(root: str) -> dict[str, str]:
    try:
        with open(os.path.join(root, RECORD), encoding="utf-8") as fh:
            return dict(line.split() for line in fh if len(line.split()) == 2)
    except OSError:
        return {}


def stale(modules: Sequence[str] = COMPILED, root: str = _ROOT) -> list[str]:
    """In a source checkout (setup.py beside the package; an installed package's files
    come together), the compiled modules not built from their source as it is now (edited
    or checked out since, or built by hand: no record), or missing when others are built;
    and the compiled modules no longer listed (`strays`). By content, not date: a rebuild
    whose C did not change copies the old extension back with its old date."""
    if not os.path.exists(os.path.join(root, "setup.py")):
        return []
    files = compiled_files(root)
    out = strays(modules, root, files)
    if not any(m in files for m in modules):
        return out
    recorded = _recorded(root)
    for module in modules:
        # a partial build (a module's extension or its mypyc library missing) crashes:
        # compiled callers reach into the missing library directly
        if not _complete(module, files.get(module, ())):
            out.append(module)
            continue
        try:
            if recorded.get(module) != digest(module, root):
                out.append(module)
        except OSError:
            continue
    return out


def strays(modules: Sequence[str] = COMPILED, root: str = _ROOT, files: Mapping[str, list[str]] | None = None) -> list[str]:
    """The package's modules with compiled files that are not listed (dropped from the
    list, or renamed): their extensions load ahead of their sources, however edited, and
    an in-place build of the others leaves them."""
    listed = set(modules)
    return sorted(m for m in (compiled_files(root) if files is None else files) if m not in listed)


def _complete(module: str, files: Sequence[str]) -> bool:
    """Both of a module's compiled files are there: its extension and mypyc's library."""
    name = module.rsplit(".", 1)[-1]
    found = [os.path.basename(path) for path in files]
    return any(n.startswith(name + ".") for n in found) and any(n.startswith(name + "__mypyc.") for n in found)


def compiled() -> list[str]:
    """The modules of the list that were loaded compiled in this process."""
    return [name for name in COMPILED if _is_extension(sys.modules.get(name))]


def _is_extension(module: ModuleType | None) -> bool:
    return module is not None and str(getattr(module, "__file__", "")).endswith(_SUFFIXES)


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
        sys.meta_path.insert(0, _FromSource((*COMPILED, *strays())))
        return
    old = stale()
    if old:
        print(f"translate-kit: compiled modules are missing or were built from other sources ({', '.join(m.rsplit('.', 1)[1] for m in old)}); "
              "using the sources, which is slower: run `make` to rebuild them", file=sys.stderr)
        sys.meta_path.insert(0, _FromSource((*COMPILED, *old)))
