"""The command line end to end: exit codes, formats, and bad input that must not crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

GOOD_JA = "ユーザーの設定を保存します。\nユーザー名を入力してください。\nユーザが削除されました。\n"
CLEAN_JA = "今日は晴れです。\n明日も晴れるでしょう。\n"


def tk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "translate_kit", *args],
        capture_output=True, text=True, cwd=cwd or REPO, env={**os.environ, "NO_COLOR": "1"},
    )


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr


def test_clean_file_exits_0(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text(CLEAN_JA, encoding="utf-8")
    proc = tk("check", str(f))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_finding_exits_1_and_concise_format(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    proc = tk("check", "--format", "concise", str(f))
    assert proc.returncode == 1
    assert f"{f}:3:1: warning orthographic-variant " in proc.stdout


def test_fail_on_levels(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    assert tk("check", "--fail-on", "error", str(f)).returncode == 0
    assert tk("check", "--fail-on", "never", str(f)).returncode == 0
    assert tk("check", "--fail-on", "info", str(f)).returncode == 1


def test_json_shape(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    data = json.loads(tk("check", "--format", "json", str(f)).stdout)
    assert data["version"] == 1
    (finding,) = data["findings"]
    assert list(finding) == ["rule", "severity", "path", "line", "column", "end_line", "end_column",
                             "message", "found", "expected", "entity", "related"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 1, 4)
    assert finding["found"] == "ユーザ" and finding["expected"] == "ユーザー"
    assert finding["related"][0]["line"] == 1
    assert data["errors"] == []


def test_usage_error_exits_2():
    proc = tk("check", "--format", "nonsense", "x.txt")
    assert proc.returncode == 2
    proc = tk("check", "--select", "no-such-rule", "x.txt")
    assert proc.returncode == 2
    assert_no_traceback(proc)


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    """One file per kind of bad input the issue lists."""
    bad: dict[str, Path] = {}
    bad["missing"] = tmp / "does-not-exist.txt"
    dangling = tmp / "dangling.txt"
    dangling.symlink_to(tmp / "nowhere.txt")
    bad["dangling"] = dangling
    loop = tmp / "loop.txt"
    loop.symlink_to(loop)
    bad["loop"] = loop
    undecodable = tmp / "latin1.txt"
    undecodable.write_bytes("一行目\n".encode() + b"caf\xe9\n")
    bad["undecodable"] = undecodable
    nul = tmp / "nul.txt"
    nul.write_bytes("一行目\n二行目\x00\n".encode())
    bad["nul"] = nul
    unterminated = tmp / "unterminated.po"
    unterminated.write_text('msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "Hello\nmsgstr "こんにちは"\n', encoding="utf-8")
    bad["unterminated"] = unterminated
    stray = tmp / "stray.po"
    stray.write_text('msgid "Hello"\nmsgstr "こんにちは"\nthis is not po\n', encoding="utf-8")
    bad["stray"] = stray
    gap = tmp / "gap.po"
    gap.write_text('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 個"\nmsgstr[2] "%d 個"\n', encoding="utf-8")
    bad["plural-gap"] = gap
    charset = tmp / "charset.po"
    charset.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "caf\xe9"\n'
    )
    bad["charset-contradiction"] = charset
    unknown = tmp / "unknown-charset.po"
    unknown.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NO-SUCH-CHARSET\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    bad["unknown-charset"] = unknown
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    bad["binary"] = binary
    return bad


@pytest.mark.parametrize(
    "kind",
    ["missing", "dangling", "loop", "undecodable", "nul", "unterminated", "stray", "plural-gap",
     "charset-contradiction", "unknown-charset", "binary"],
)
def test_bad_input_one_line_exit_2_others_still_checked(kind, tmp_path):
    bad = _bad_inputs(tmp_path)[kind]
    good = tmp_path / "good.txt"
    good.write_text(GOOD_JA, encoding="utf-8")
    proc = tk("check", "--format", "json", str(bad), str(good))
    assert_no_traceback(proc)
    assert proc.returncode == 2
    err_lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(err_lines) == 1, proc.stderr
    assert str(bad) in err_lines[0]
    data = json.loads(proc.stdout)
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    # the good file was still checked
    assert any(f["path"] == str(good) for f in data["findings"])


@pytest.mark.parametrize("kind, line", [("unterminated", 5), ("stray", 3), ("plural-gap", 4), ("charset-contradiction", 6), ("nul", 2)])
def test_bad_input_names_the_line(kind, line, tmp_path):
    bad = _bad_inputs(tmp_path)[kind]
    data = json.loads(tk("check", "--format", "json", str(bad)).stdout)
    assert data["errors"][0]["line"] == line


@pytest.mark.parametrize("content", ["concept,lang,term\nx,en,y\n", "concept,lang,term,status,type,note\nx,en\n"])
def test_bad_glossary_is_an_input_error(content, tmp_path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_JA, encoding="utf-8")
    proc = tk("check", "--glossary", str(glossary), "--format", "json", str(good))
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert str(glossary) in proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"][0]["path"] == str(glossary)
    assert any(f["path"] == str(good) for f in data["findings"])


def test_empty_file_is_fine(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = tk("check", str(empty))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_odd_file_names(tmp_path):
    d = tmp_path / "my docs"
    d.mkdir()
    f = d / "記事 その1.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    proc = tk("check", "--format", "concise", str(tmp_path))
    assert proc.returncode == 1
    assert str(f) in proc.stdout


def test_directory_is_walked_and_order_does_not_matter(tmp_path):
    (tmp_path / "a.txt").write_text("サーバーを再起動した。\nサーバーが落ちた。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 見出し\n\nサーバの負荷が高い。\n", encoding="utf-8")
    one = tk("check", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.md")).stdout
    two = tk("check", "--format", "json", str(tmp_path / "b.md"), str(tmp_path / "a.txt")).stdout
    walked = tk("check", "--format", "json", str(tmp_path)).stdout
    assert json.loads(one)["findings"] == json.loads(two)["findings"] == json.loads(walked)["findings"]
    assert json.loads(one)["findings"][0]["path"].endswith("b.md")


def test_large_single_line_file_is_checked_quickly(tmp_path):
    # a 5 MB file with no line break must not hang (the tokenizer takes < 49,149 bytes per call)
    f = tmp_path / "one-line.txt"
    sentence = "ユーザーがサーバーに接続した。"
    f.write_text(sentence * (5_000_000 // len(sentence.encode())), encoding="utf-8")
    start = time.perf_counter()
    proc = tk("check", "--format", "json", str(f))
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-500:]
    assert elapsed < 120  # a sanity bound, not a speed target (those live in bench/)


def test_output_file_written_atomically(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    proc = tk("check", "--format", "json", "--output", str(out), str(f))
    assert proc.returncode == 1
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".translate-kit-")]


@pytest.mark.parametrize("args", [["-f", "json", "-o", "{po}"], ["-r", "sarif:{link}"], ["--write-baseline", "{po}"], ["-f", "json", "-o", "{glossary}"]],
                         ids=["output", "report-through-a-link", "write-baseline", "glossary"])
def test_a_report_is_never_written_over_a_file_the_run_reads(tmp_path, args):
    """`check -o messages.po messages.po` replaced the catalog with its report (the
    translations lost); so did a baseline, a report through a link, one over the glossary."""
    po = tmp_path / "m.po"
    po.write_text('msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "a"\nmsgstr "ユーザが来た"\n', encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term,status,type,note\nuser,ja,ユーザー,preferred,term,\n", encoding="utf-8")
    (tmp_path / "link.sarif").symlink_to(po)
    before = po.read_bytes(), glossary.read_bytes()
    given = [a.format(po=po, link=tmp_path / "link.sarif", glossary=glossary) for a in args]
    proc = tk("check", "--no-cache", "--no-config", "-q", "-g", str(glossary), *given, str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("translate-kit: refusing to write ")
    assert (po.read_bytes(), glossary.read_bytes()) == before


def test_entities_json(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text("マルグリット・デュラン氏が来た。\nデュラン氏は話した。\nHelix Labsも来た。\n", encoding="utf-8")
    proc = tk("entities", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    forms = {r["form"]: r for e in data["entities"] for r in e["renderings"]}
    assert set(forms) == {"マルグリット・デュラン", "デュラン", "Helix Labs"}
    assert forms["デュラン"]["locations"] == [{"path": str(f), "line": 2, "column": 1}]
    for e in data["entities"]:
        assert set(e) == {"id", "type", "canonical", "renderings"}


def test_entities_one_cued_mention_types_the_name_in_the_whole_document(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text("パナソニックは新製品を出した。\n家電メーカーのパナソニックによると、出荷は来月だ。\nパナソニックは増産する。\n",
                 encoding="utf-8")
    proc = tk("entities", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    [entity] = json.loads(proc.stdout)["entities"]
    assert entity["type"] == "organization" and entity["renderings"][0]["count"] == 3


def test_entities_reads_the_config_as_check_does(tmp_path):
    """`entities` takes the config's encoding and include/exclude; --no-config ignores them."""
    (tmp_path / "pyproject.toml").write_text('[tool.translate-kit]\nencoding = "cp932"\nexclude = ["drafts/**"]\n',
                                             encoding="utf-8")
    (tmp_path / "doc.txt").write_bytes("マルグリット・デュラン氏が来た。\nデュラン氏は話した。\n".encode("cp932"))
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.txt").write_text("ヘレナ・ボルツ氏が来た。\n", encoding="utf-8")
    proc = tk("entities", "--format", "json", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    forms = {r["form"] for e in json.loads(proc.stdout)["entities"] for r in e["renderings"]}
    assert forms == {"マルグリット・デュラン", "デュラン"}
    proc = tk("entities", "--format", "json", "--no-config", str(tmp_path))
    assert proc.returncode == 2  # doc.txt is not UTF-8 without the config's encoding
    data = json.loads(proc.stdout)
    assert [e["path"] for e in data["errors"]] == [str(tmp_path / "doc.txt")]
    assert {r["form"] for e in data["entities"] for r in e["renderings"]} == {"ヘレナ・ボルツ"}


def test_rules_and_rule_commands():
    listing = tk("rules")
    assert listing.returncode == 0 and "orthographic-variant" in listing.stdout
    one = tk("rule", "orthographic-variant")
    assert one.returncode == 0 and "Why:" in one.stdout
    missing = tk("rule", "nope")
    assert missing.returncode == 2 and "nope" in missing.stderr


def test_readme_rule_table_is_current():
    from translate_kit.docs import BEGIN, END, rule_table
    from translate_kit.rules import all_rules

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)].strip()
    assert table == rule_table(all_rules()).strip(), "README rule table is stale: run `make docs`"


def test_library_api(tmp_path):
    import translate_kit

    f = tmp_path / "doc.txt"
    f.write_text(GOOD_JA, encoding="utf-8")
    findings = translate_kit.check([str(f)])
    assert [(x.rule, x.line, x.found) for x in findings] == [("orthographic-variant", 3, "ユーザ")]
    doc = translate_kit.load(str(f))
    assert [s.text for s in doc.segments][:1] == ["ユーザーの設定を保存します。"]


LEGACY_JA = "基調講演はマルグリット・デュランが務めた。\n閉会ではデュランドに謝意を示した。\n"


@pytest.mark.parametrize("codec, option", [("cp932", "cp932"), ("euc_jp", "euc_jp")])
def test_a_legacy_japanese_encoding_is_named_in_the_error_and_read_with_encoding(tmp_path, codec, option):
    """Shift_JIS and EUC-JP files are not guessed silently: the one-line error says which
    encoding the bytes read as, and --encoding reads them."""
    f = tmp_path / "legacy.txt"
    f.write_bytes(LEGACY_JA.encode(codec))
    proc = tk("check", "--no-cache", str(f))
    assert proc.returncode == 2 and f"--encoding {option}" in proc.stderr, proc.stderr
    assert_no_traceback(proc)
    proc = tk("check", "--no-cache", "--encoding", option, "-f", "concise", str(f))
    assert proc.returncode == 1 and "デュランド" in proc.stdout, proc.stdout + proc.stderr


def test_an_unknown_encoding_is_a_usage_error(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(CLEAN_JA, encoding="utf-8")
    proc = tk("check", "--encoding", "no-such-codec", str(f))
    assert proc.returncode == 2 and "unknown encoding" in proc.stderr
    assert_no_traceback(proc)
