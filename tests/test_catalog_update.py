"""Exporting again after the document changed keeps every word a translator wrote, as
msgmerge does; the catalog is replaced atomically and keeps its mode."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap

import polib
import pytest

from catalog_util import REPO, msgfmt_check, needs_msgfmt, run

FIRST = """# Release notes

The cache is now twice as fast on large folders.

Logs are rotated every night at midnight.

This paragraph will be removed in the next version.

A translator commented on this one.
"""

SECOND = """# Release notes

The cache is now three times as fast on large folders.

Logs are rotated every night at midnight.

A translator commented on this one.

A brand new paragraph about the configuration file.
"""


def _export(tmp_path, doc, *locales):
    args = ["export", doc, "-d", tmp_path / "out", "--no-config"]
    for loc in locales or ("ja",):
        args += ["-l", loc]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out" / (locales or ("ja",))[0] / "LC_MESSAGES" / "messages.po"


def _translate(po_path):
    """A translator's work: translations, a comment, a flag, and one entry left untranslated."""
    po = polib.pofile(str(po_path))
    words = {
        "Release notes": "リリースノート",
        "The cache is now twice as fast on large folders.": "大きなフォルダーでキャッシュが二倍速くなった。",
        "Logs are rotated every night at midnight.": "ログは毎晩零時にローテーションされる。",
        "This paragraph will be removed in the next version.": "この段落は次の版で消える。",
    }
    for entry in po:
        entry.msgstr = words.get(entry.msgid, "")
        if entry.msgid.startswith("Logs"):
            entry.tcomment = "checked with the ops team"
            entry.flags.append("no-wrap")
        if entry.msgid.startswith("A translator"):
            entry.tcomment = "ask the author what 'this one' means"
    po.save()


def _entries(po_path):
    po = polib.pofile(str(po_path))
    return {e.msgid: e for e in po if not e.obsolete}, {e.msgid: e for e in po if e.obsolete}


def _translated_then_edited(tmp_path):
    """FIRST exported and translated, then the document edited into SECOND (not yet exported)."""
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc)
    _translate(po_path)
    doc.write_text(SECOND, encoding="utf-8")
    return doc, po_path


def test_update_keeps_unchanged_fuzzes_changed_and_obsoletes_removed(tmp_path):
    doc, po_path = _translated_then_edited(tmp_path)
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "--no-config")
    assert "3 kept, 1 fuzzy, 1 new, 0 revived, 1 obsolete" in result.stderr

    active, obsolete = _entries(po_path)
    assert active["Release notes"].msgstr == "リリースノート" and "fuzzy" not in active["Release notes"].flags
    logs = active["Logs are rotated every night at midnight."]
    assert logs.msgstr == "ログは毎晩零時にローテーションされる。"
    assert logs.tcomment == "checked with the ops team" and logs.flags == ["no-wrap"]
    assert logs.occurrences == [(str(doc), "5")]

    changed = active["The cache is now three times as fast on large folders."]
    assert changed.msgstr == "大きなフォルダーでキャッシュが二倍速くなった。"
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "The cache is now twice as fast on large folders."

    assert active["A brand new paragraph about the configuration file."].msgstr == ""
    commented = active["A translator commented on this one."]
    assert commented.tcomment == "ask the author what 'this one' means"

    gone = obsolete["This paragraph will be removed in the next version."]
    assert gone.msgstr == "この段落は次の版で消える。"
    text = po_path.read_text(encoding="utf-8")
    assert '#~ msgid "This paragraph will be removed in the next version."' in text
    assert '#| msgid "The cache is now twice as fast on large folders."' in text


def test_an_obsolete_entry_whose_text_returns_is_revived(tmp_path):
    doc, po_path = _translated_then_edited(tmp_path)
    _export(tmp_path, doc)
    doc.write_text(FIRST, encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "--no-config")
    assert "1 revived" in result.stderr
    active, obsolete = _entries(po_path)
    back = active["This paragraph will be removed in the next version."]
    assert back.msgstr == "この段落は次の版で消える。" and "fuzzy" not in back.flags
    assert "This paragraph will be removed in the next version." not in obsolete
    # the old sentence lent its translation to the changed one, so, as with msgmerge, it
    # comes back as a fuzzy copy of that entry, its text kept; that entry was fuzzy, so its
    # own `#|` (the msgid the translation was written for: this one) is passed on
    back = active["The cache is now twice as fast on large folders."]
    assert "fuzzy" in back.flags and back.msgstr == "大きなフォルダーでキャッシュが二倍速くなった。"
    assert back.previous_msgid == "The cache is now twice as fast on large folders."


def test_fuzzy_entries_stay_fuzzy_with_their_previous_msgid(tmp_path):
    doc, po_path = _translated_then_edited(tmp_path)
    _export(tmp_path, doc)
    _export(tmp_path, doc)  # nothing changed: the fuzzy entry keeps its flag and #|
    active, _ = _entries(po_path)
    changed = active["The cache is now three times as fast on large folders."]
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "The cache is now twice as fast on large folders."


def test_untranslated_entries_without_comments_are_dropped_like_msgmerge(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text("First paragraph here.\n\nSecond paragraph here.\n", encoding="utf-8")
    po_path = _export(tmp_path, doc)
    doc.write_text("First paragraph here.\n", encoding="utf-8")
    _export(tmp_path, doc)
    active, obsolete = _entries(po_path)
    assert list(active) == ["First paragraph here."] and not obsolete


@needs_msgfmt
def test_updated_catalog_passes_msgfmt(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc, "ja", "fr")
    _translate(po_path)
    doc.write_text(SECOND, encoding="utf-8")
    _export(tmp_path, doc, "ja", "fr")
    for path in (po_path, tmp_path / "out" / "fr" / "LC_MESSAGES" / "messages.po", tmp_path / "out" / "messages.pot"):
        msgfmt_check(path)


def test_unchanged_export_leaves_the_files_alone(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc)
    _translate(po_path)
    before = po_path.read_bytes(), (tmp_path / "out" / "messages.pot").read_bytes()
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "--no-config")
    assert result.stderr.count("(unchanged") == 2
    assert (po_path.read_bytes(), (tmp_path / "out" / "messages.pot").read_bytes()) == before


def test_update_keeps_the_catalogs_mode(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc)
    os.chmod(po_path, 0o640)
    doc.write_text(SECOND, encoding="utf-8")
    _export(tmp_path, doc)
    assert stat.S_IMODE(os.stat(po_path).st_mode) == 0o640
    assert [p.name for p in po_path.parent.iterdir()] == ["messages.po"]  # no temp file left


def test_new_catalogs_get_the_umask_mode(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    old = os.umask(0o027)
    try:
        po_path = _export(tmp_path, doc)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(po_path).st_mode) == 0o640


# Runs the CLI with os.replace broken for the catalog: the temp file is written, then the
# process is killed (SIGKILL, no clean-up possible) or the rename fails.
_BROKEN_RENAME = textwrap.dedent("""
    import errno, os, signal, sys
    how = sys.argv.pop(1)
    real_replace = os.replace
    def replace(src, dst):
        if dst.endswith("messages.po"):
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)
    os.replace = replace
    from translate_kit.cli import main
    main(sys.argv[1:])
""")


def _update_with_broken_rename(tmp_path, how):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc)
    _translate(po_path)
    before = po_path.read_bytes()
    doc.write_text(SECOND, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _BROKEN_RENAME, how, "export", str(doc), "-d", str(tmp_path / "out"), "-l", "ja", "--no-config"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert po_path.read_bytes() == before
    return doc, po_path, done


def test_a_write_killed_midway_leaves_the_old_catalog_intact(tmp_path):
    doc, po_path, done = _update_with_broken_rename(tmp_path, "kill")
    assert done.returncode == -signal.SIGKILL, done.stderr
    leftovers = [p.name for p in po_path.parent.iterdir() if p.name != "messages.po"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".translate-kit-")  # the unfinished temp file, apart
    # and the next run completes the update
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "--no-config")
    assert result.exit_code == 0
    assert "three times" in po_path.read_text(encoding="utf-8")


def test_a_failed_write_is_one_line_removes_its_temp_file_and_keeps_the_old_catalog(tmp_path):
    _doc, po_path, done = _update_with_broken_rename(tmp_path, "fail")
    assert done.returncode == 2
    assert f"{po_path}: cannot write: input/output error" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert [p.name for p in po_path.parent.iterdir()] == ["messages.po"]


def test_a_catalog_that_cannot_be_read_is_left_alone(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(FIRST, encoding="utf-8")
    po_path = _export(tmp_path, doc, "ja", "fr")
    po_path.write_text('msgid "unterminated\n', encoding="utf-8")
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "-l", "fr", "--no-config")
    assert result.exit_code == 2
    assert f"{po_path}:1:" in result.stderr and "Traceback" not in result.output
    assert po_path.read_text(encoding="utf-8") == 'msgid "unterminated\n'
    assert "(written)" in result.stderr or "(unchanged)" in result.stderr  # fr still handled


MSGMERGE = shutil.which("msgmerge")


@pytest.mark.skipif(MSGMERGE is None, reason="GNU msgmerge is not installed (.ci/run installs the gettext package)")
def test_update_agrees_with_msgmerge(tmp_path):
    """The same old catalog and new template, merged by us and by GNU msgmerge --previous:
    the same translations kept, the same entries fuzzy with the same #| msgid, the same
    obsolete entries."""
    sentences = [f"The {noun} {verb} the {obj} before the nightly backup starts." for noun, verb, obj in
                 zip(["daemon", "scanner", "client", "server", "mirror", "agent", "indexer", "worker"],
                     ["locks", "reads", "copies", "checks", "sends", "hashes", "lists", "moves"],
                     ["folder", "share", "log", "cache", "disk", "queue", "table", "file"])]
    doc = tmp_path / "doc.md"
    doc.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    po_path = _export(tmp_path, doc, "fr")
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = "FR " + entry.msgid
    po.save()
    old = tmp_path / "old.po"
    shutil.copy(po_path, old)
    changed = list(sentences)
    changed[1] = changed[1].replace("nightly", "weekly")      # a small change: fuzzy
    changed[4] = "Something else entirely, about printers."  # no close match: new, old one obsolete
    del changed[6]                                            # removed: obsolete
    doc.write_text("\n\n".join(changed) + "\n", encoding="utf-8")
    _export(tmp_path, doc, "fr")
    theirs = tmp_path / "theirs.po"
    subprocess.run([MSGMERGE, "--quiet", "--previous", "-o", str(theirs), str(old), str(tmp_path / "out" / "messages.pot")],
                   check=True, timeout=60)

    def summary(path):
        cat = polib.pofile(str(path))
        return ({e.msgid: (e.msgstr, "fuzzy" in e.flags, e.previous_msgid) for e in cat if not e.obsolete},
                {e.msgid: e.msgstr for e in cat if e.obsolete})

    assert summary(po_path) == summary(theirs)
    assert summary(po_path)[0][changed[1]] == ("FR " + sentences[1], True, sentences[1])



def _merged(old_entries, new_msgids):
    """merge() of a catalog holding `old_entries` with a template of `new_msgids`."""
    from translate_kit.catalog.merge import merge

    old = polib.POFile()
    old.extend(old_entries)
    entries, _stats = merge(old, [polib.POEntry(msgid=m, msgstr="") for m in new_msgids])
    return {e.msgid: e for e in entries if not e.obsolete}


def _old(msgid, msgstr, *flags, previous=None):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags))
    if previous is not None:
        entry.previous_msgid = previous
    return entry


def test_a_lender_must_share_a_run_of_four_characters():
    # "Name" and "Camera" are 0.6 alike but have no four characters in a row in common:
    # msgmerge never offers one for the other (the translation would be wrong)
    got = _merged([_old("Camera", "カメラ")], ["Name"])["Name"]
    assert got.msgstr == "" and "fuzzy" not in got.flags
    # a msgid shorter than four characters has no runs: similarity alone decides
    short = _merged([_old("Camera", "カメラ")], ["Cam"])["Cam"]
    assert short.msgstr == "カメラ" and "fuzzy" in short.flags


def test_equally_close_lenders_the_one_sharing_more_runs_wins():
    # both old msgids are 0.67 alike to the new one; the second shares more four-character
    # runs with it, and msgmerge takes that one, not the first in the file
    got = _merged([_old("disk log file weekly", "A"), _old("backup disk nightly weekly", "B")],
                  ["disk backup client weekly"])["disk backup client weekly"]
    assert got.msgstr == "B" and got.previous_msgid == "backup disk nightly weekly"


def test_a_fuzzy_lender_passes_on_its_own_previous_msgid():
    # the translation was written for the lender's #| msgid, not for its msgid
    new = "The quick brown cat sleeps now"
    got = _merged([_old("The quick brown fox jumps", "C", "fuzzy", previous="The quick brown fox jumped")], [new])[new]
    assert "fuzzy" in got.flags and got.previous_msgid == "The quick brown fox jumped"
    got = _merged([_old("The quick brown fox jumps", "C", "fuzzy")], [new])[new]  # no #|: none to pass on
    assert "fuzzy" in got.flags and got.msgstr == "C" and got.previous_msgid is None


def _plural(msgid, plural, msgstr):
    return polib.POEntry(msgid=msgid, msgid_plural=plural, msgstr_plural={0: msgstr})


def test_an_entry_that_lost_its_plural_is_kept_but_fuzzy():
    # the same msgid, no longer plural: the translation stays, to be looked at (msgmerge's rule)
    got = _merged([_plural("One file was changed.", "{n} files were changed.", "ファイルが変わった。")],
                  ["One file was changed."])["One file was changed."]
    assert got.msgstr == "ファイルが変わった。" and "fuzzy" in got.flags
    assert (got.previous_msgid, got.previous_msgid_plural) == ("One file was changed.", "{n} files were changed.")


def test_similarity_counts_characters_not_utf8_bytes():
    # msgmerge compares UTF-8 bytes, where any two kana share lead bytes: these unrelated
    # sentences are 0.83 alike as bytes, 0.5 as characters; we do not lend (docs/design.md)
    got = _merged([_old("あいうえおかきくけこ", "X")], ["あいうえおさしすせそ"])["あいうえおさしすせそ"]
    assert got.msgstr == "" and "fuzzy" not in got.flags


@pytest.mark.skipif(MSGMERGE is None, reason="GNU msgmerge is not installed (.ci/run installs the gettext package)")
def test_lender_choice_agrees_with_msgmerge(tmp_path):
    """The cases above, through GNU msgmerge --previous: same translation, same #|."""
    cases = [([_old("Camera", "カメラ")], "Name"), ([_old("Camera", "カメラ")], "Cam"),
             ([_old("disk log file weekly", "A"), _old("backup disk nightly weekly", "B")], "disk backup client weekly"),
             ([_old("The quick brown fox jumps", "C", "fuzzy", previous="The quick brown fox jumped")], "The quick brown cat sleeps now"),
             ([_old("The quick brown fox jumps", "C", "fuzzy")], "The quick brown cat sleeps now"),
             ([_plural("One file was changed.", "{n} files were changed.", "X")], "One file was changed.")]
    for old_entries, new in cases:
        old, pot = polib.POFile(), polib.POFile()
        old.metadata = pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
        old.extend(old_entries)
        pot.append(polib.POEntry(msgid=new, msgstr=""))
        old.save(str(tmp_path / "old.po"))
        pot.save(str(tmp_path / "new.pot"))
        subprocess.run([MSGMERGE, "--quiet", "--previous", "-o", str(tmp_path / "theirs.po"), str(tmp_path / "old.po"),
                        str(tmp_path / "new.pot")], check=True, timeout=60)
        theirs = next(e for e in polib.pofile(str(tmp_path / "theirs.po")) if not e.obsolete and e.msgid == new)
        ours = _merged(old_entries, [new])[new]
        assert (ours.msgstr, "fuzzy" in ours.flags, ours.previous_msgid, ours.previous_msgid_plural) == \
            (theirs.msgstr, "fuzzy" in theirs.flags, theirs.previous_msgid, theirs.previous_msgid_plural), new


@pytest.mark.parametrize("spoil", [lambda b: b.replace(b"\n", b"\r\n"), lambda b: b"\xef\xbb\xbf" + b],
                         ids=["crlf", "bom"])
def test_a_catalog_saved_with_crlf_or_a_bom_is_updated_without_loss(tmp_path, spoil):
    doc, po_path = _translated_then_edited(tmp_path)
    as_saved = tmp_path / "as-saved.po"
    shutil.copy(po_path, as_saved)
    po_path.write_bytes(spoil(po_path.read_bytes()))  # as a Windows editor may save it
    _export(tmp_path, doc)
    updated = po_path.read_bytes()
    po_path.write_bytes(as_saved.read_bytes())
    _export(tmp_path, doc)
    assert updated == po_path.read_bytes()  # the same update as from the plain file


def test_a_read_only_catalog_is_one_line_and_left_alone(tmp_path):
    doc, po_path = _translated_then_edited(tmp_path)
    os.chmod(po_path, 0o444)  # e.g. not checked out for editing: the rename would replace it even so
    before = po_path.read_bytes()
    result = run("export", doc, "-d", tmp_path / "out", "-l", "ja", "--no-config")
    assert result.exit_code == 2
    assert f"{po_path}: cannot write: the file is read-only" in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert po_path.read_bytes() == before and stat.S_IMODE(os.stat(po_path).st_mode) == 0o444
    assert [p.name for p in po_path.parent.iterdir()] == ["messages.po"]  # no temp file left
