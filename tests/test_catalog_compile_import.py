"""`compile` writes .mo files Python's gettext loads; `import` puts translations back into
the document, keeping its structure and markup; `check` reads .mo files."""

from __future__ import annotations

import gettext
import json
import subprocess

import polib
import pytest
from markdown_it import MarkdownIt

from catalog_util import ARTICLE, GUIDE, MSGFMT, REPO, msgfmt_check, needs_msgfmt, run

KEYS = ("--front-matter-key", "title", "--front-matter-key", "description")


def _export(tmp_path, doc, locale="fr", extra=()):
    out = tmp_path / "out"
    result = run("export", doc, "-d", out, "-l", locale, "--domain", "doc", "--no-config", *extra)
    assert result.exit_code == 0, result.stderr
    return out / locale / "LC_MESSAGES" / "doc.po"


def _fill(po_path, translate):
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = translate(entry.msgid)
    po.save()
    return po


def _wrapped(text):
    """A stand-in translation that leaves Markdown's flanking rules alone."""
    return f"FR {text} FR"


def test_compile_writes_mo_files_gettext_loads(tmp_path):
    po_path = _export(tmp_path, GUIDE)
    po = _fill(po_path, _wrapped)
    po[1].flags.append("fuzzy")
    po.save()
    result = run("compile", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    mo_path = po_path.with_suffix(".mo")
    with open(mo_path, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Installing Tidewater") == "FR Installing Tidewater FR"
    assert translations.gettext(po[1].msgid) == po[1].msgid  # fuzzy: left out
    assert translations.info()["language"] == "fr"
    assert translations.ngettext("x", "y", 2) == "y"  # French plural rule loaded from the header
    assert not list((tmp_path / "out").glob("*.mo"))  # the template is not compiled

    run("compile", "--use-fuzzy", po_path)
    with open(mo_path, "rb") as handle:
        assert gettext.GNUTranslations(handle).gettext(po[1].msgid) == _wrapped(po[1].msgid)


def test_compile_keeps_contexts_and_leaves_untranslated_out(tmp_path):
    doc = tmp_path / "menu.md"
    doc.write_text("Open\n\n<!-- translate-kit: msgctxt verb -->\nOpen\n\nSave\n", encoding="utf-8")
    po_path = _export(tmp_path, doc, "ja")
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = {(None, "Open"): "オープン", ("verb", "Open"): "開く"}.get((entry.msgctxt, entry.msgid), "")
    po.save()
    assert run("compile", po_path).exit_code == 0
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Open") == "オープン"
    assert translations.pgettext("verb", "Open") == "開く"
    assert translations.gettext("Save") == "Save"


@needs_msgfmt
def test_our_mo_says_what_msgfmts_says(tmp_path):
    po_path = _export(tmp_path, ARTICLE, "en")
    _fill(po_path, lambda msgid: f"[en] {msgid}")
    msgfmt_check(po_path)
    run("compile", po_path)
    reference = tmp_path / "reference.mo"
    subprocess.run([MSGFMT, "-o", str(reference), str(po_path)], check=True, timeout=60)
    ours, theirs = polib.mofile(str(po_path.with_suffix(".mo"))), polib.mofile(str(reference))
    assert sorted((e.msgid, e.msgstr) for e in ours) == sorted((e.msgid, e.msgstr) for e in theirs)


def test_compile_check_refuses_a_placeholder_mismatch(tmp_path):
    po_dir = tmp_path / "locales" / "ja" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    (po_dir / "app.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "こんにちは"\n', encoding="utf-8")
    (po_dir / "good.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr "こんにちは"\n', encoding="utf-8")
    result = run("compile", "--check", tmp_path / "locales")
    assert result.exit_code == 1
    assert "placeholder-mismatch" in result.stdout
    assert not (po_dir / "app.mo").exists() and (po_dir / "good.mo").exists()
    assert run("compile", tmp_path / "locales").exit_code == 0  # without --check it compiles
    assert (po_dir / "app.mo").exists()


def test_compile_bad_catalog_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "open\n', encoding="utf-8")
    result = run("compile", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:1: ") and result.stderr.count("\n") == 1
    assert not bad.with_suffix(".mo").exists()


@pytest.mark.parametrize("field, value", [("POT-Creation-Date", "yesterday"), ("Language", "ja JP"), ("Plural-Forms", "nplurals=x; plural=0;")])
def test_a_header_value_babel_cannot_read_is_one_line_and_the_others_compile(tmp_path, field, value):
    """Babel parses the header to write it again: a hand-written date, a malformed
    language or nplurals raised ValueError (a traceback, no .mo for any catalog)."""
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    bad, good = tmp_path / "a.po", tmp_path / "b.po"
    bad.write_text(head + f'"{field}: {value}\\n"\n\nmsgid "a"\nmsgstr "x"\n', encoding="utf-8")
    good.write_text(head + '\nmsgid "a"\nmsgstr "x"\n', encoding="utf-8")
    result = run("compile", tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert [l for l in result.stderr.splitlines() if str(bad) in l] == [
        f"{bad}:4: cannot compile: the header's {field} value {value!r} does not parse"]
    assert not bad.with_suffix(".mo").exists() and good.with_suffix(".mo").exists()


def test_check_reads_mo_files(tmp_path):
    po_dir = tmp_path / "ja" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po = po_dir / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Delete %(count)d files"\nmsgstr "ファイルを削除"\n', encoding="utf-8")
    assert run("compile", po).exit_code == 0
    mo = po.with_suffix(".mo")
    result = run("check", mo, "--no-config", "--no-cache", "-f", "json", "-q")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert [(f["rule"], f["path"]) for f in findings] == [("placeholder-mismatch", str(mo))]
    # a directory walk takes the .po and leaves its compiled twin alone (no double report)
    walked = json.loads(run("check", tmp_path, "--no-config", "--no-cache", "-f", "json", "-q").stdout)["findings"]
    assert [f["path"] for f in walked] == [str(po)]


def test_a_damaged_mo_is_one_line_error(tmp_path):
    po_path = _export(tmp_path, GUIDE)
    _fill(po_path, _wrapped)
    run("compile", po_path)
    whole = po_path.with_suffix(".mo").read_bytes()
    # cut in the string tables, and in the strings (polib read those cut short, silently)
    for name, data in (("cut.mo", whole[:300]), ("text.mo", b"msgid \"this is no MO file\"\n"), ("end.mo", whole[:-5])):
        mo = tmp_path / name
        mo.write_bytes(data)
        result = run("check", mo, "--no-config", "--no-cache")
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{mo}: ") and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.output


def _structure(text):
    """Block structure, code, link targets and inline markup of a Markdown document."""
    md = MarkdownIt("commonmark").enable("table")
    shape = []
    for tok in md.parse(text):
        row = (tok.type, tok.tag, tok.level, tok.info, tok.content if tok.type in ("fence", "code_block", "html_block") else "")
        shape.append(row)
        for child in tok.children or []:
            if child.type in ("softbreak", "text"):
                continue  # the words change; line wrapping is not structure (a translated paragraph is one line)
            shape.append(("  " + child.type, child.tag, tuple(sorted((child.attrs or {}).items())) if child.type != "image" else child.attrs.get("src")))
    return shape


@pytest.mark.parametrize("doc", [GUIDE, ARTICLE], ids=["guide", "article"])
def test_round_trip_keeps_structure_and_translates_every_unit(tmp_path, doc):
    po_path = _export(tmp_path, doc, extra=KEYS)
    _fill(po_path, _wrapped)
    out = tmp_path / ("translated" + doc.suffix)
    result = run("import", po_path, "--into", doc, "-o", out, *KEYS)
    assert result.exit_code == 0, result.stderr
    source, translated = doc.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert _structure(translated) == _structure(source)
    units = sum(len(e.occurrences) for e in polib.pofile(str(po_path)))  # an entry per text, a unit per place
    assert f"{units} of {units} units translated" in result.stderr
    again = _export(tmp_path / "again", out, extra=KEYS)
    assert sorted(e.msgid for e in polib.pofile(str(again))) == sorted(_wrapped(e.msgid) for e in polib.pofile(str(po_path)))


def test_guide_translated_in_place(tmp_path):
    po_path = _export(tmp_path, GUIDE, extra=KEYS)
    _fill(po_path, _wrapped)
    out = tmp_path / "guide.fr.md"
    run("import", po_path, "--into", GUIDE, "-o", out, *KEYS)
    text = out.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: FR Installing Tidewater FR\ndescription: "FR How to install')
    assert "weight: 20\nslug: install\n---\n" in text
    assert "[![FR Build status FR](https://ci.example.org/tidewater/badge.svg)](https://ci.example.org/tidewater)" in text
    assert "| `interval` | 30 | FR Seconds between two scans of the folders FR |" in text
    assert "   ```sh\n   python3 -m pip install tidewater\n   ```\n" in text
    assert "FR The daemon prints one line per synchronised file.\\\nErrors are printed in red" in text
    assert "> FR **Note:** Tidewater needs Python 3.10 or newer. On older systems, use the standalone build" in text
    assert '<div class="warning">\nDo not point both folders at the same disk.\n</div>' in text


def test_untranslated_and_fuzzy_units_stay_in_the_source_language_and_are_counted(tmp_path):
    po_path = _export(tmp_path, GUIDE)
    po = polib.pofile(str(po_path))
    po[0].msgstr = "Installer Tidewater"
    po[1].msgstr = "Statut"
    po[1].flags.append("fuzzy")
    po.save()
    out = tmp_path / "guide.fr.md"
    result = run("import", po_path, "--into", GUIDE, "-o", out)
    total = len(po)
    assert result.exit_code == 0
    assert result.stderr.strip() == (f"translate-kit: 1 of {total} units translated; {total - 1} left in the source language "
                                     f"({total - 2} untranslated, 1 fuzzy, 0 not in the catalog)")
    text = out.read_text(encoding="utf-8")
    assert "# Installer Tidewater\n" in text and "[![Build status]" in text


def test_nothing_translated_gives_the_document_back_byte_for_byte(tmp_path):
    crlf = tmp_path / "guide-crlf.md"
    crlf.write_bytes(GUIDE.read_bytes().replace(b"\n", b"\r\n"))
    for doc in (GUIDE, ARTICLE, crlf):
        po_path = _export(tmp_path / doc.stem, doc, extra=KEYS)
        out = tmp_path / (doc.stem + ".out")
        assert run("import", po_path, "--into", doc, "-o", out, *KEYS).exit_code == 0
        assert out.read_bytes() == doc.read_bytes()
        _fill(po_path, lambda msgid: msgid)  # a translation equal to the source changes nothing either
        assert run("import", po_path, "--into", doc, "-o", out, *KEYS).exit_code == 0
        assert out.read_bytes() == doc.read_bytes()


def test_crlf_document_keeps_its_line_ends(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_bytes(b"# Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\n- item\r\n")
    po_path = _export(tmp_path, doc)
    _fill(po_path, lambda msgid: "Ligne un\nligne deux" if msgid.startswith("First") else _wrapped(msgid))
    out = tmp_path / "out.md"
    run("import", po_path, "--into", doc, "-o", out)
    assert out.read_bytes() == b"# FR Title FR\r\n\r\nLigne un\\\r\nligne deux\r\n\r\n- FR item FR\r\n"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-8", b"\xef\xbb\xbf")])
def test_a_document_with_a_byte_order_mark_is_written_back_in_its_own_encoding(tmp_path, codec, bom):
    doc = tmp_path / "notes.md"
    doc.write_bytes(bom + "# Title\n\nThe first line.\n".encode(codec))
    po_path = _export(tmp_path, doc)
    _fill(po_path, _wrapped)
    out = tmp_path / "out.md"
    assert run("import", po_path, "--into", doc, "-o", out).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(bom) and not data.startswith(bom + bom)
    assert data[len(bom):].decode(codec) == "# FR Title FR\n\nFR The first line. FR\n"


def test_text_document_sentences_are_spaced_for_the_target_language(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("会議は三日間続いた。最終日には新しいモデルが\n発表された。\n\n次回は秋に開かれる。\n", encoding="utf-8")
    po_path = _export(tmp_path, doc, "en")
    english = {"会議は三日間続いた。": "The meeting lasted three days.",
               "最終日には新しいモデルが発表された。": "A new model was announced on the last day.",
               "次回は秋に開かれる。": ""}
    _fill(po_path, english.get)
    out = tmp_path / "notes.en.txt"
    result = run("import", po_path, "--into", doc, "-o", out)
    assert out.read_text(encoding="utf-8") == (
        "The meeting lasted three days. A new model was announced on the last day.\n\n次回は秋に開かれる。\n")
    assert "2 of 3 units translated; 1 left in the source language (1 untranslated" in result.stderr


def test_english_text_translated_to_japanese_loses_the_space_between_sentences(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("The venue was full. Dr. Ito spoke last.\n", encoding="utf-8")
    po_path = _export(tmp_path, doc, "ja")
    _fill(po_path, {"The venue was full.": "会場は満員だった。", "Dr. Ito spoke last.": "伊藤博士が最後に話した。"}.get)
    out = tmp_path / "notes.ja.txt"
    run("import", po_path, "--into", doc, "-o", out)
    assert out.read_text(encoding="utf-8") == "会場は満員だった。伊藤博士が最後に話した。\n"


def test_table_cell_translation_with_a_pipe_is_escaped(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text("| Name | Note |\n| --- | --- |\n| a | left or right |\n", encoding="utf-8")
    po_path = _export(tmp_path, doc)
    _fill(po_path, lambda m: "gauche | droite" if m == "left or right" else m)
    out = tmp_path / "out.md"
    run("import", po_path, "--into", doc, "-o", out)
    assert out.read_text(encoding="utf-8").splitlines()[2] == "| a | gauche \\| droite |"


def test_import_never_writes_over_its_catalog_or_its_document(tmp_path):
    """`import CATALOG --into DOC -o CATALOG` replaced the translations with the translated
    document; `-o DOC` replaced the source the catalog's msgids come from."""
    po_path = _export(tmp_path, ARTICLE, "en")
    _fill(po_path, lambda msgid: f"[en] {msgid}")
    doc = tmp_path / "article.md"
    doc.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = po_path.read_bytes(), doc.read_bytes()
    for target in (po_path, doc):
        result = run("import", po_path, "--into", doc, "-o", target, "--no-config")
        assert result.exit_code == 2 and "refusing to write" in result.stderr
    assert (po_path.read_bytes(), doc.read_bytes()) == before


def test_import_bad_catalog_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    out = tmp_path / "out.md"
    result = run("import", bad, "--into", GUIDE, "-o", out)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and str(bad) in result.stderr
    assert not out.exists()


def test_text_document_with_translations_equal_to_the_source_is_unchanged(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text("会議は三日間続いた。最終日には新しいモデルが\n発表された。\n\nThe venue was full. Dr. Ito spoke last.\n", encoding="utf-8")
    po_path = _export(tmp_path, doc, "en")
    _fill(po_path, lambda msgid: msgid)
    out = tmp_path / "same.txt"
    run("import", po_path, "--into", doc, "-o", out)
    assert out.read_bytes() == doc.read_bytes()


@needs_msgfmt
def test_seed_article_round_trip(tmp_path, seed_article):
    po_path = _export(tmp_path, seed_article, "en", extra=("-g", REPO / "glossary" / "ai-news.csv"))
    msgfmt_check(po_path)
    out = tmp_path / "same.txt"
    assert run("import", po_path, "--into", seed_article, "-o", out).exit_code == 0
    assert out.read_bytes() == seed_article.read_bytes()
    po = _fill(po_path, lambda msgid: f"EN {msgid} EN")
    msgfmt_check(po_path)
    assert run("import", po_path, "--into", seed_article, "-o", out).exit_code == 0
    translated = out.read_text(encoding="utf-8")
    source = seed_article.read_text(encoding="utf-8")
    assert translated.count("\n\n") == source.count("\n\n")  # paragraphs stay paragraphs
    assert all(f"EN {e.msgid} EN" in translated for e in po)
