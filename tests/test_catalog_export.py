"""`translate-kit export`: documents become a template and one catalog per locale that GNU
gettext accepts, with places, glossary notes, and the locale's plural header."""

from __future__ import annotations

import polib
import pytest

from catalog_util import ARTICLE, GUIDE, REPO, msgfmt_check, needs_msgfmt, run, written

GLOSSARY = REPO / "glossary" / "ai-news.csv"


def _export(tmp_path, *docs, locales=("ja",), extra=()):
    out = tmp_path / "out"
    args = ["export", *docs, "-d", out, "--domain", "doc", "--no-config"]
    for loc in locales:
        args += ["-l", loc]
    result = run(*args, *extra)
    return out, result


def _msgids(path):
    return [e.msgid for e in polib.pofile(str(path)) if not e.obsolete]


@needs_msgfmt
def test_every_written_file_passes_msgfmt_check(tmp_path):
    out, result = _export(tmp_path, ARTICLE, GUIDE, locales=("en", "fr", "zh_Hans", "ko", "ja"),
                          extra=("-g", GLOSSARY, "--front-matter-key", "title"))
    assert result.exit_code == 0, result.stderr
    files = written(out)
    assert [p.relative_to(out).as_posix() for p in files] == [
        "doc.pot", "en/LC_MESSAGES/doc.po", "fr/LC_MESSAGES/doc.po", "ja/LC_MESSAGES/doc.po",
        "ko/LC_MESSAGES/doc.po", "zh_Hans/LC_MESSAGES/doc.po"]
    for path in files:
        msgfmt_check(path)


@pytest.mark.parametrize(("locale", "nplurals", "language"), [
    ("ja", 1, "ja"), ("en", 2, "en"), ("fr", 3, "fr"), ("zh_Hans", 1, "zh_Hans"), ("ko", 1, "ko"),
    ("ru", 3, "ru"), ("ar", 6, "ar"), ("de-DE", 2, "de_DE"),
])
def test_each_locale_gets_its_own_plural_header(tmp_path, locale, nplurals, language):
    out, result = _export(tmp_path, GUIDE, locales=("ja", locale))
    assert result.exit_code == 0, result.stderr
    meta = polib.pofile(str(out / language / "LC_MESSAGES" / "doc.po")).metadata
    assert meta["Language"] == language
    assert meta["Plural-Forms"].startswith(f"nplurals={nplurals};")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Project-Id-Version"] == "doc"
    assert meta["POT-Creation-Date"]


def test_unknown_locale_is_one_line_error_and_nothing_is_written(tmp_path):
    out, result = _export(tmp_path, GUIDE, locales=("ja", "xx-klingon"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown locale 'xx-klingon'" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_markdown_units_keep_inline_markup_and_leave_code_and_front_matter_out(tmp_path):
    out, result = _export(tmp_path, GUIDE)
    assert result.exit_code == 0, result.stderr
    ids = _msgids(out / "doc.pot")
    assert "Installing Tidewater" in ids  # the heading; the front-matter title is not asked for
    assert ids.count("Installing Tidewater") == 1
    assert "Start the daemon with `tidewater start` and watch the log." in ids
    assert ("If you cannot use pip, download the standalone build from the [release page][releases] and "
            "unpack it anywhere on your `PATH`.") in ids  # soft line break joined with a space
    assert "Patterns of files never copied, such as `*.tmp` or `a\\|b`" in ids  # a table cell, escape kept
    assert "on a network share, the share must allow file locking" in ids  # a nested list item
    assert "Build status" in ids and "Diagram of two folders kept in step by the daemon" in ids  # alt texts
    joined = "\n".join(ids)
    for left_out in ("python3 -m pip install", "interval = 10", "weight", "slug", "2024", "class=\"warning\"",
                     "https://tidewater.example.org/releases"):
        assert left_out not in joined
    assert not any(i.strip() in ("30", "`true`", "`interval`") for i in ids)  # cells without words


def test_front_matter_keys_are_configurable(tmp_path):
    out, result = _export(tmp_path, GUIDE, extra=("--front-matter-key", "title", "--front-matter-key", "description"))
    assert result.exit_code == 0, result.stderr
    entries = {e.msgid: e for e in polib.pofile(str(out / "doc.pot"))}
    assert "How to install the Tidewater sync daemon, configure it, and check that it runs." in entries
    # the title and the heading say the same: one entry, two places
    assert [line for _path, line in entries["Installing Tidewater"].occurrences] == ["2", "8"]
    assert "install" not in entries and "20" not in entries


def test_a_document_between_thematic_breaks_is_not_front_matter(tmp_path):
    # exercise pages that open and close with `---`: every sentence was taken for front
    # matter and the export had nothing of them
    doc = tmp_path / "solution.md"
    doc.write_text("---\n\n# WELL DONE!\n\nYou printed the second element.\n\n---\n", encoding="utf-8")
    out, result = _export(tmp_path, doc)
    assert result.exit_code == 0, result.stderr
    assert _msgids(out / "doc.pot") == ["WELL DONE!", "You printed the second element."]


def test_occurrences_name_path_and_line(tmp_path):
    out, result = _export(tmp_path, ARTICLE)
    assert result.exit_code == 0
    first = polib.pofile(str(out / "doc.pot"))[0]
    assert first.msgid == "音声認識の国際会議、リスボンで開幕"
    assert first.occurrences == [(str(ARTICLE), "1")]
    assert first.msgctxt is None


def test_a_sentence_repeated_n_times_is_not_looked_up_n_squared_times(monkeypatch):
    """Each occurrence was checked against the entry's list of places with `in`: a file of
    40,000 identical lines took 32 s to export. The places must come out the same, once each."""
    from translate_kit.catalog import build
    from translate_kit.catalog.units import Unit

    scanned = []

    class Places(list):
        def __contains__(self, item):
            scanned.append(len(self))
            return list.__contains__(self, item)

    class Entry(polib.POEntry):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.occurrences = Places(self.occurrences)

    monkeypatch.setattr(build.polib, "POEntry", Entry)
    units = [Unit("ユーザ。", "x.ja.txt", line % 500 + 1, 0, 0, "sentence") for line in range(2000)]
    (entry,) = build.entries(units)
    assert entry.occurrences == [("x.ja.txt", str(n)) for n in range(1, 501)]
    assert sum(scanned) <= len(units)


def test_japanese_paragraph_lines_join_without_a_space(tmp_path):
    out, result = _export(tmp_path, ARTICLE)
    ids = _msgids(out / "doc.pot")
    assert any(i.startswith("今年の音声認識ワークショップは") and "開かれた。基調講演に" in i for i in ids)


def test_text_files_are_cut_into_sentences(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("会議は三日間続いた。最終日には、新しいモデルが\n発表された。\n\nThe venue was full. Dr. Ito spoke last.\n", encoding="utf-8")
    out, result = _export(tmp_path, doc)
    assert result.exit_code == 0, result.stderr
    pot = polib.pofile(str(out / "doc.pot"))
    assert [(e.msgid, e.occurrences[0][1]) for e in pot] == [
        ("会議は三日間続いた。", "1"), ("最終日には、新しいモデルが発表された。", "1"),
        ("The venue was full.", "4"), ("Dr. Ito spoke last.", "4")]


def test_msgctxt_only_where_the_author_asks_for_it(tmp_path):
    doc = tmp_path / "menu.md"
    doc.write_text("Open\n\n<!-- translate-kit: msgctxt verb -->\nOpen\n\nOpen\n", encoding="utf-8")
    out, result = _export(tmp_path, doc)
    pot = polib.pofile(str(out / "doc.pot"))
    assert [(e.msgctxt, e.msgid, [line for _p, line in e.occurrences]) for e in pot] == [
        (None, "Open", ["1", "6"]), ("verb", "Open", ["4"])]


def test_glossary_notes_give_the_locales_approved_rendering(tmp_path):
    doc = tmp_path / "ai.md"
    doc.write_text("ヤン・ルカン氏は、メタデータの扱いについて話した。\n\nサーバーの費用はグーグルが負担した。\n", encoding="utf-8")
    out, result = _export(tmp_path, doc, locales=("en", "fr"), extra=("-g", GLOSSARY))
    assert result.exit_code == 0, result.stderr
    en = {e.msgid: e.comment for e in polib.pofile(str(out / "en" / "LC_MESSAGES" / "doc.po"))}
    assert en["ヤン・ルカン氏は、メタデータの扱いについて話した。"] == "glossary: ヤン・ルカン = Yann LeCun"  # メタ is not in メタデータ
    assert en["サーバーの費用はグーグルが負担した。"] == "glossary: サーバー = server\nglossary: グーグル = Google"
    pot = {e.msgid: e.comment for e in polib.pofile(str(out / "doc.pot"))}
    assert pot["サーバーの費用はグーグルが負担した。"] == "glossary: サーバー\nglossary: グーグル"


def test_glossary_from_the_config(tmp_path):
    (tmp_path / "translate-kit.toml").write_text(f'glossary = ["{GLOSSARY.as_posix()}"]\n', encoding="utf-8")
    doc = tmp_path / "ai.md"
    doc.write_text("グーグルが発表した。\n", encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "out", "-l", "en")
    assert result.exit_code == 0, result.stderr
    assert polib.pofile(str(tmp_path / "out" / "en" / "LC_MESSAGES" / "messages.po"))[0].comment == "glossary: グーグル = Google"


def test_bad_input_is_one_line_per_file_and_the_rest_is_exported(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("A sentence to translate.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"caf\xe9 au lait\n")
    out, result = _export(tmp_path, good, bad, tmp_path / "missing.md")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{bad}") for line in lines) and any(line.startswith(f"{tmp_path / 'missing.md'}") for line in lines)
    assert "Traceback" not in result.output
    assert _msgids(out / "doc.pot") == ["A sentence to translate."]


def test_a_named_file_of_a_format_export_does_not_read_is_refused_not_exported_as_text(tmp_path):
    """Export reads text and Markdown; a reStructuredText or JSON file named on the command
    line was exported as plain text (directives, code blocks and title adornments became
    messages) since check reads those formats."""
    good = tmp_path / "good.md"
    good.write_text("A sentence to translate.\n", encoding="utf-8")
    rst = tmp_path / "guide.rst"
    rst.write_text("Title\n=====\n\n.. code-block:: python\n\n   print(1)\n", encoding="utf-8")
    data = tmp_path / "strings.json"
    data.write_text('{"greeting": "Hello"}\n', encoding="utf-8")
    out, result = _export(tmp_path, good, rst, data)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{rst}: unsupported document type") for line in lines), lines
    assert any(line.startswith(f"{data}: unsupported document type") for line in lines), lines
    assert _msgids(out / "doc.pot") == ["A sentence to translate."]


def test_an_existing_catalog_with_a_message_defined_twice_is_refused_and_kept_as_it_is(tmp_path):
    """Merging keyed the old catalog by msgid: of two translations of one message, one was
    silently dropped. The catalog is an input error now (as for msgfmt), left untouched."""
    doc = tmp_path / "doc.md"
    doc.write_text("Hello world.\n", encoding="utf-8")
    out, result = _export(tmp_path, doc)
    assert result.exit_code == 0
    catalog = out / "ja" / "LC_MESSAGES" / "doc.po"
    text = catalog.read_text(encoding="utf-8").replace('msgstr ""\n', 'msgstr "こんにちは"\n\nmsgid "Hello world."\nmsgstr "やあ"\n')
    text = text.replace('msgid ""\nmsgstr "こんにちは"\n\nmsgid "Hello world."\nmsgstr "やあ"\n', 'msgid ""\nmsgstr ""\n', 1)  # the header's
    catalog.write_text(text, encoding="utf-8")
    out, result = _export(tmp_path, doc)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{catalog}:" in result.stderr and "duplicate message definition" in result.stderr
    assert catalog.read_text(encoding="utf-8") == text

@pytest.mark.parametrize("domain", ["../../evil", "a/b", "..", ""])
def test_a_domain_that_is_a_path_is_refused_and_nothing_is_written(tmp_path, monkeypatch, domain):
    """The domain names NAME.pot in the output folder and LOC/LC_MESSAGES/NAME.po: '../x'
    wrote the catalogs outside it, from the command line or from a config in the tree."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "work").mkdir()
    doc = tmp_path / "work" / "a.ja.md"
    doc.write_text("ユーザーの設定です。\n", encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "work" / "out", "-l", "en", "--domain", domain, "--no-config")
    assert result.exit_code == 2 and "is not a file name" in result.stderr
    (tmp_path / "work" / "translate-kit.toml").write_text(f'[catalog]\ndomain = "{domain}"\n', encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "work" / "out", "-l", "en")
    assert result.exit_code == 2 and result.stderr.startswith("work/translate-kit.toml:2: ")
    assert "is not a file name" in result.stderr or "non-empty string" in result.stderr
    assert not any(p.suffix in (".po", ".pot") for p in tmp_path.rglob("*"))


def test_catalog_defaults_from_the_config(tmp_path):
    (tmp_path / "translate-kit.toml").write_text(
        '[catalog]\nlocales = ["ja", "fr"]\ndomain = "guide"\noutput-dir = "locales"\nfront-matter-keys = ["title"]\n', encoding="utf-8")
    doc = tmp_path / "guide.md"
    doc.write_text(GUIDE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("export", doc)
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "locales"
    assert sorted(p.relative_to(out).as_posix() for p in written(out)) == [
        "fr/LC_MESSAGES/guide.po", "guide.pot", "ja/LC_MESSAGES/guide.po"]
    po_path = out / "fr" / "LC_MESSAGES" / "guide.po"
    po = polib.pofile(str(po_path))
    assert [line for _p, line in po.find("Installing Tidewater").occurrences] == ["2", "8"]  # the title key too
    for entry in po:
        entry.msgstr = "Installer Tidewater" if entry.msgid == "Installing Tidewater" else ""
    po.save()
    result = run("import", po_path, "--into", doc, "-o", tmp_path / "guide.fr.md")
    assert result.exit_code == 0
    assert (tmp_path / "guide.fr.md").read_text(encoding="utf-8").startswith("---\ntitle: Installer Tidewater\n")
    # the command line replaces the config's locales
    assert run("export", doc, "-l", "ko").exit_code == 0
    assert (out / "ko" / "LC_MESSAGES" / "guide.po").exists()
    assert "[catalog]  # from file" in run("config", tmp_path).stdout


def test_a_misspelt_catalog_key_is_a_one_line_config_error(tmp_path):
    (tmp_path / "translate-kit.toml").write_text('[catalog]\nlocale = ["ja"]\n', encoding="utf-8")
    doc = tmp_path / "a.md"
    doc.write_text("Some text.\n", encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("unknown key 'locale' in [catalog] (did you mean 'locales'?)")


def test_without_locales_or_output_dir_is_a_usage_error(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("Some text.\n", encoding="utf-8")
    assert run("export", doc, "-l", "ja", "--no-config").exit_code == 2
    result = run("export", doc, "-d", tmp_path / "out", "--no-config")
    assert result.exit_code == 2 and "--locale" in result.output
    assert not (tmp_path / "out").exists()
