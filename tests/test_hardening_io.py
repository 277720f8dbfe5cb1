"""Bad input and unwritable output give one line and exit 2, never a traceback or a hang
(issue #17): output paths that cannot be written, FIFOs and devices as inputs, codecs that
are not text encodings, file names that are not UTF-8, a console that is not UTF-8."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys

import pytest

from test_cli import REPO, assert_no_traceback

from translate_kit.fsutil import atomic_write, read_input_bytes
from translate_kit.limits import LimitError, read_regular
from translate_kit.model import InputFileError
from translate_kit.report import artifact_uri

FINDING_JA = "ユーザーの設定を保存します。\nユーザが削除されました。\n"


def tk(*args: str, cwd=None, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", **kw.pop("env", {})}
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "translate_kit", *args], text=True, errors="replace",
                          cwd=cwd or REPO, env=env, timeout=timeout, **kw)


def _doc(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text(FINDING_JA, encoding="utf-8")
    return f


def _one_error_line(proc, *needles):
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert_no_traceback(proc)
    lines = [line for line in proc.stderr.splitlines() if all(n in line for n in needles)]
    assert len(lines) == 1, proc.stderr


@pytest.mark.parametrize("option", [["-o"], ["-r", "sarif:"], ["--write-baseline"]])
def test_an_output_in_a_missing_folder_is_one_line(tmp_path, option):
    target = str(tmp_path / "nodir" / "out")
    args = [*option[:-1], option[-1] + target] if option[-1].endswith(":") else [*option, target]
    proc = tk("check", str(_doc(tmp_path)), "--no-cache", *args)
    _one_error_line(proc, "cannot write", "no such file or directory")
    assert not (tmp_path / "nodir").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_line(tmp_path):
    proc = tk("check", str(_doc(tmp_path)), "--no-cache", "-o", "/dev/full")
    _one_error_line(proc, "/dev/full", "no space left")


def test_stdout_on_a_full_device_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:
        proc = tk("check", str(_doc(tmp_path)), "--no-cache", stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no space left" in proc.stderr


def test_a_file_size_limit_is_one_line_and_leaves_no_temp_file(tmp_path):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    many = tmp_path / "many.txt"
    many.write_text(FINDING_JA * 100, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = tk("check", str(many), "--no-cache", "-o", str(out / "report.txt"), preexec_fn=limit)
    _one_error_line(proc, "cannot write", "too large")
    assert os.listdir(out) == []


def test_a_fifo_without_reader_as_output_does_not_hang(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = tk("check", str(_doc(tmp_path)), "--no-cache", "-o", str(fifo), timeout=60)
    _one_error_line(proc, "no reader")
    proc = tk("check", str(_doc(tmp_path)), "--no-cache", "--write-baseline", str(fifo), timeout=60)
    _one_error_line(proc, "no reader")


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("option", ["-g", "--config", "--baseline"])
def test_a_fifo_or_device_as_input_is_refused(tmp_path, kind, option):
    if kind == "fifo":
        source = tmp_path / {"-g": "g.csv", "--config": "translate-kit.toml", "--baseline": "b.json"}[option]
        os.mkfifo(source)
    else:
        source = tmp_path / {"-g": "g.csv", "--config": "translate-kit.toml", "--baseline": "b.json"}[option]
        source.symlink_to("/dev/zero")
    proc = tk("check", str(_doc(tmp_path)), "--no-cache", option, str(source), timeout=60)
    _one_error_line(proc, "not a regular file")


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(LimitError, match="is a FIFO"):
        read_regular(str(fifo), 100)
    with pytest.raises(LimitError, match="is a device"):
        read_regular("/dev/zero", 100)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 101)
    with pytest.raises(LimitError, match="glossary too large"):
        read_regular(str(big), 100, "glossary")
    assert read_regular(str(big), 101) == b"x" * 101
    with pytest.raises(InputFileError, match="not a regular file"):
        read_input_bytes("/dev/zero")


def test_new_files_get_the_umask_mode_and_replaced_files_keep_theirs(tmp_path):
    old = os.umask(0o002)
    try:
        atomic_write(str(tmp_path / "new.txt"), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o664
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    atomic_write(str(kept), "new")
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640 and kept.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["kept.txt", "new.txt"]


@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib"])
def test_a_po_charset_that_is_no_text_encoding_is_one_error(tmp_path, charset):
    po = tmp_path / "app.po"
    po.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n"Language: ja\\n"\n\n'
                  'msgid "Save"\nmsgstr "保存"\n', encoding="utf-8")
    glossary = tmp_path / "terms.po"
    glossary.write_text(po.read_text(encoding="utf-8"), encoding="utf-8")
    proc = tk("check", str(po), str(_doc(tmp_path)), "-g", str(glossary), "--no-cache", "-f", "concise")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("not a text encoding") == 2
    assert "doc.txt:2" in proc.stdout  # the other file is still checked


def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path):
    name = os.fsdecode(b"bad\xff.txt")
    (tmp_path / name).write_text(FINDING_JA, encoding="utf-8")
    assert artifact_uri(name)[0] == "bad%FF.txt"
    for fmt in ("sarif", "json", "junit", "codeclimate", "github", "text"):
        proc = tk("check", str(tmp_path), "--no-cache", "-f", fmt)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, (fmt, proc.stderr)
        proc = tk("check", str(tmp_path), "--no-cache", "-f", fmt, "-o", str(tmp_path / f"out.{fmt}.report"))
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, (fmt, proc.stderr)


def test_a_console_that_is_not_utf8(tmp_path):
    proc = tk("check", str(REPO / "examples"), "--no-cache", env={"PYTHONIOENCODING": "cp932"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("name", ["g.csv", "g.yml", "g.tbx", "g.po"])
def test_an_error_never_quotes_a_linked_file_outside_the_project(tmp_path, name):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret"
    secret.write_text("s3cr3t-token:x:0:0\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    _doc(project)
    (project / name).symlink_to(secret)
    proc = tk("check", "doc.txt", "-g", name, "--no-cache", cwd=project)
    _one_error_line(proc, name, "details withheld")
    assert "s3cr3t" not in proc.stderr + proc.stdout
    inside = project / ("linked-" + name)
    inside.symlink_to(project / "doc.txt")
    proc = tk("check", "doc.txt", "-g", inside.name, "--no-cache", cwd=project)
    assert "details withheld" not in proc.stderr  # a link within the project is quoted as usual


def test_an_unreadable_file_is_one_error_among_the_checked_files(tmp_path):
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads mode 000 files: drop the capabilities that allow it
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to check as root")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    locked = tmp_path / "locked.txt"
    locked.write_text(FINDING_JA, encoding="utf-8")
    locked.chmod(0)
    ok = _doc(tmp_path)
    proc = subprocess.run([*prefix, sys.executable, "-m", "translate_kit", "check", str(locked), str(ok), "--no-cache", "-f", "concise"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    _one_error_line(proc, "locked.txt", "permission denied")
    assert "doc.txt:2" in proc.stdout


@pytest.mark.parametrize("command, names", [
    (["compile"], ["a.po", "locked.po"]),
    (["export", "-d", "out", "-l", "en"], ["a.md", "locked.md"]),
    (["fix"], ["a.po", "locked.po"]),
    (["import", "locked.po", "--into", "a.md", "-o", "x.md"], []),
])
def test_an_unreadable_input_of_compile_export_fix_import_is_one_error(tmp_path, command, names):
    """click refused a path it could not read before the command ran: four lines of usage
    text, and no other catalog compiled or document exported. The loaders say it in one
    line, as check does, and the other inputs are still done."""
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads mode 000 files: drop the capabilities that allow it
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to check as root")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    for name in ("a.po", "locked.po"):
        (tmp_path / name).write_text('msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "user"\nmsgstr "ユーザー"\n', encoding="utf-8")
    for name in ("a.md", "locked.md"):
        (tmp_path / name).write_text("# 見出し\n\nユーザーの設定。\n", encoding="utf-8")
    (tmp_path / "locked.po").chmod(0)
    (tmp_path / "locked.md").chmod(0)
    proc = subprocess.run([*prefix, sys.executable, "-m", "translate_kit", *command, *names, "--no-config"
                           if command[0] in ("export", "fix", "import") else "--use-fuzzy"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    _one_error_line(proc, "locked.", "permission denied")
    assert "Usage" not in proc.stderr
    assert {"compile": "a.mo", "export": "out/messages.pot", "fix": "a.po", "import": "a.md"}[command[0]] in \
        {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
