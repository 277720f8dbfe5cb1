"""Build hook: the tool's message catalogs (locales/<lang>/LC_MESSAGES/translate_kit.po)
are compiled into the package (translate_kit/locale/<lang>/LC_MESSAGES/translate_kit.mo)
when it is built, so .mo files are never committed. Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import setup
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


setup(cmdclass={"build_py": BuildWithCatalogs})
