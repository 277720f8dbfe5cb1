"""Build hook: the tool's message catalogs (locales/<lang>/LC_MESSAGES/translate_kit.po)
are compiled into the package (translate_kit/locale/<lang>/LC_MESSAGES/translate_kit.mo)
when it is built, so .mo files are never committed. With TRANSLATE_KIT_COMPILE=1, the
hot modules listed in translate_kit/accel.py are also compiled with mypyc (`make` does
it in place when a C compiler is at hand). Everything else is in pyproject.toml."""

import hashlib
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    """build_py, then one .mo per translation of the tool's messages."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/translate_kit.po")):
            lang = po.parent.parent.name
            target = Path(self.build_lib) / "translate_kit" / "locale" / lang / "LC_MESSAGES" / "translate_kit.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source, locale=lang, domain="translate_kit")
            with target.open("wb") as out:
                write_mo(out, catalog)


def _accel():
    """translate_kit/accel.py (the list of compiled modules and the build record), loaded
    alone: only the standard library, not the package."""
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("_accel", ROOT / "translate_kit" / "accel.py")
    accel = module_from_spec(spec)
    spec.loader.exec_module(accel)
    return accel


class BuildAndRecord(build_ext):
    """build_ext; built in place, the sources compiled are recorded (their digests), so
    translate_kit.accel can tell a compiled module from one whose source changed since."""

    def run(self) -> None:
        if not (self.inplace and self.extensions):
            super().run()
            return
        accel = _accel()
        files = accel.compiled_files(str(ROOT))
        for module in accel.strays(accel.COMPILED, str(ROOT), files):  # no longer listed: their old extensions would load
            for path in files[module]:
                os.remove(path)
        super().run()
        accel.record(list(DIGESTS), str(ROOT), DIGESTS)


def compiled_extensions() -> list:
    """mypyc extensions of the modules in accel.COMPILED, each on its own (so that one
    can fall back to its source alone), when TRANSLATE_KIT_COMPILE=1."""
    if os.environ.get("TRANSLATE_KIT_COMPILE") != "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # an isolated build: pip install --no-build-isolation with mypy installed compiles
        print("TRANSLATE_KIT_COMPILE=1 needs mypy (mypyc) where the build runs: building the pure package", file=sys.stderr)
        return []

    modules = _accel().COMPILED
    paths = [str(Path(*m.split(".")).with_suffix(".py")) for m in modules]
    # the sources' digests as mypyc reads them: one edited during the build (minutes) is
    # then recorded as compiled from its old text, so its new one is not taken as built
    DIGESTS.update((m, hashlib.sha1((ROOT / p).read_bytes()).hexdigest()) for m, p in zip(modules, paths))
    return mypycify(paths, opt_level="3", separate=True)


DIGESTS: dict = {}  # module: SHA-1 of the source compiled (compiled_extensions)


setup(cmdclass={"build_py": BuildWithCatalogs, "build_ext": BuildAndRecord}, ext_modules=compiled_extensions())
