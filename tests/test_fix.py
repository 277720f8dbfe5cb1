"""`translate-kit fix` and the pure edit planner under it; `check -` reading stdin."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from translate_kit.fix import apply_edits, escape_for, fix_text, plan
from translate_kit.model import Finding, Severity

REPO = Path(__file__).resolve().parent.parent
VARIANTS = "ユーザーの設定を保存します。\nユーザー名を入力してください。\nユーザが削除されました。\n"


def tk(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, env={**os.environ, "NO_COLOR": "1"}, timeout=120)


def finding(line: int, column: int, found: str, expected: str | None, rule: str = "orthographic-variant") -> Finding:
    return Finding(rule, Severity.WARNING, "x.txt", line, column, line, column + len(found), "m", found, expected)


def test_edits_apply_bottom_up_and_keep_other_text():
    text = "ユーザとユーザ\n次の行のユーザ。\n"
    out = fix_text(text, [finding(1, 1, "ユーザ", "ユーザー"), finding(1, 5, "ユーザ", "ユーザー"), finding(2, 5, "ユーザ", "ユーザー")], "x.txt")
    assert out.text == "ユーザーとユーザー\n次の行のユーザー。\n"
    assert len(out.applied) == 3 and not out.skipped


class _Copies(str):
    """A text that counts the characters every slice and concatenation of it copies."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[override]
        piece = _Copies(str.__getitem__(self, key))
        _Copies.copied += len(piece)
        return piece

    def __add__(self, other):  # type: ignore[override]
        joined = _Copies(str.__add__(self, other))
        _Copies.copied += len(joined)
        return joined


def test_applying_many_edits_copies_the_text_about_once():
    """Each edit rebuilt the whole text (a 14 MB catalog with 100k fixes would never end):
    the characters copied must not grow with the number of edits. Same result as before."""
    line = "ユーザ。\n"
    text = _Copies(line * 2000)
    edits, _skipped = plan(text, [finding(n, 1, "ユーザ", "ユーザー") for n in range(1, 2001)], escape_for(text, "x.txt"))
    _Copies.copied = 0
    out = apply_edits(text, edits)
    assert out == "ユーザー。\n" * 2000
    assert _Copies.copied <= 2 * len(text)


def test_a_span_that_no_longer_reads_what_was_found_is_skipped():
    text = "ユーザーの設定\n"
    moved = finding(1, 2, "ユーザ", "ユーザー")  # the text there reads ーザー: the file changed since the check
    out = fix_text(text, [moved], "x.txt")
    assert out.text == text and [s.finding for s in out.skipped] == [moved]
    assert fix_text("ユーザの設定\n", [finding(1, 1, "ユーザ", "ユーザー")], "x.txt").text == "ユーザーの設定\n"


def test_overlapping_edits_keep_the_first_and_skip_the_other():
    text = "アルノー・ベナール\n"
    whole = finding(1, 1, "アルノー・ベナール", "アルノー・バーナード", "entity-inconsistent")
    part = finding(1, 6, "ベナール", "バーナード", "entity-inconsistent")
    edits, skipped = plan(text, [part, whole], escape_for(text, "x.txt"))
    assert [e.finding for e in edits] == [whole] and [s.finding for s in skipped] == [part]
    assert apply_edits(text, edits) == "アルノー・バーナード\n"


def test_findings_without_one_expected_form_or_of_other_rules_are_left_alone():
    text = "ユーザの設定\n"
    assert fix_text(text, [finding(1, 1, "ユーザ", None)], "x.txt").text == text
    assert fix_text(text, [finding(1, 1, "ユーザ", "ユーザー", "placeholder-mismatch")], "x.txt").text == text
    assert fix_text(text, [finding(9, 1, "ユーザ", "ユーザー")], "x.txt").text == text  # past the end: skipped, no crash


def test_po_replacement_is_escaped_and_the_span_compared_escaped():
    text = 'msgstr "ユーザ"\n'
    out = fix_text(text, [finding(1, 9, "ユーザ", 'ユーザー"x')], "x.po")
    assert out.text == 'msgstr "ユーザー\\"x"\n'


def test_fix_writes_files_keeps_mode_and_po_layout_and_is_idempotent(tmp_path):
    work = tmp_path / "w"
    # the example files only: `make demo` leaves its cache folder beside the example config
    shutil.copytree(REPO / "examples", work, ignore=shutil.ignore_patterns(".*"))
    glossary = str(REPO / "glossary" / "ai-news.csv")
    po = work / "messages.ja.po"
    po.chmod(0o640)
    before = po.read_text(encoding="utf-8").splitlines()
    diff = tk("fix", ".", "-g", glossary, "--diff", cwd=work)
    assert diff.returncode == 1, diff.stderr
    assert "+msgstr \"プロジェクトを作成したユーザーだけが削除できます。\"" in diff.stdout
    assert po.read_text(encoding="utf-8").splitlines() == before  # --diff writes nothing
    first = tk("fix", ".", "-g", glossary, cwd=work)
    assert first.returncode == 0, first.stdout + first.stderr
    after = po.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [
        ('msgstr "プロジェクトを作成したユーザだけが削除できます。"', 'msgstr "プロジェクトを作成したユーザーだけが削除できます。"')]
    assert stat.S_IMODE(po.stat().st_mode) == 0o640
    snapshot = {p.name: p.read_bytes() for p in work.iterdir()}
    second = tk("fix", ".", "-g", glossary, cwd=work)
    assert second.returncode == 0 and "fixed 0 finding(s)" in second.stderr
    assert {p.name: p.read_bytes() for p in work.iterdir()} == snapshot
    assert not [p for p in work.iterdir() if p.name.startswith(".translate-kit-")]  # no temp file left


def test_fix_select_and_remaining_findings_exit_1(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(VARIANTS, encoding="utf-8")
    proc = tk("fix", "doc.txt", "--select", "placeholder-mismatch", cwd=tmp_path)
    assert proc.returncode == 0 and doc.read_text(encoding="utf-8") == VARIANTS
    proc = tk("fix", "doc.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert doc.read_text(encoding="utf-8") == VARIANTS.replace("ユーザが", "ユーザーが")


def test_fix_keeps_a_byte_order_mark_and_crlf(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + VARIANTS.replace("\n", "\r\n").encode("utf-8"))
    assert tk("fix", "doc.txt", cwd=tmp_path).returncode == 0
    assert doc.read_bytes() == b"\xef\xbb\xbf" + VARIANTS.replace("ユーザが", "ユーザーが").replace("\n", "\r\n").encode("utf-8")


def test_fix_on_a_broken_file_reports_it_and_fixes_the_others(tmp_path):
    (tmp_path / "broken.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(VARIANTS, encoding="utf-8")
    proc = tk("fix", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "broken.po:" in proc.stderr and "Traceback" not in proc.stderr
    assert "ユーザが" not in doc.read_text(encoding="utf-8")


def test_check_reads_stdin_under_the_given_name(tmp_path):
    proc = tk("check", "-", "--stdin-filename", "notes/doc.md", "-f", "concise", cwd=tmp_path, stdin=VARIANTS)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(os.path.join("notes", "doc.md") + ":3:1: warning orthographic-variant")
    plain = tk("check", "-", "-f", "concise", cwd=tmp_path, stdin=VARIANTS)
    assert plain.returncode == 1 and plain.stdout.startswith("<stdin>:3:1:")
    clean = tk("check", "-", cwd=tmp_path, stdin="今日は晴れです。\n")
    assert clean.returncode == 0


def test_check_stdin_buffer_replaces_the_file_of_that_name(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(VARIANTS, encoding="utf-8")  # the file on disk has a finding; the buffer fixed it
    proc = tk("check", "-", str(tmp_path), "--stdin-filename", str(doc), "-f", "concise", cwd=tmp_path,
              stdin=VARIANTS.replace("ユーザが", "ユーザーが"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_stdin_catalog_syntax_error_is_one_line(tmp_path):
    proc = tk("check", "-", "--stdin-filename", "x.po", cwd=tmp_path, stdin='msgid "a"\nmsgstr "b\n')
    assert proc.returncode == 2 and proc.stderr.startswith("x.po:") and "Traceback" not in proc.stderr


def test_fix_takes_jobs_and_its_edits_do_not_depend_on_them(tmp_path):
    """`fix -j` as `check -j`: two files together large enough to share out between two
    processes get the same edits as in one process."""
    trees = []
    for jobs in ("1", "2"):
        tree = tmp_path / f"j{jobs}"
        tree.mkdir()
        for n in range(2):
            lines = [f"第{i}章ではユーザの設定を保存します。ユーザーの名前も保存します。{n}\n" for i in range(4000)]
            (tree / f"doc{n}.txt").write_text("".join(lines), encoding="utf-8")
        proc = tk("fix", "--no-config", "-q", "-j", jobs, ".", cwd=tree)
        assert proc.returncode in (0, 1), proc.stderr
        trees.append({p.name: p.read_text(encoding="utf-8") for p in tree.iterdir()})
    assert trees[0] == trees[1]
    assert "ユーザの" not in trees[0]["doc0.txt"]
    assert tk("fix", "-j", "-1", ".", cwd=tmp_path).returncode == 2
