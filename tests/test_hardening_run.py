"""Run-level hardening (issue #17): language tags Babel can parse, a bound on workers,
workers that die with their parent, Ctrl-C and SIGTERM with one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from test_hardening_io import FINDING_JA, tk

from translate_kit.config import ConfigError, load_config
from translate_kit.langtags import language_problem
from translate_kit.messages import english
from translate_kit.limits import max_jobs
from translate_kit.engine.parallel import effective_jobs


def test_language_tags():
    for tag in ("ja", "ja-JP", "ja_JP.UTF-8", "en", "zh-Hant-TW", "pt_BR"):
        assert language_problem(tag) is None, tag
    assert english(language_problem("jp")).endswith("did you mean ja?")
    assert english(language_problem("kr")).endswith("did you mean ko?")
    assert "did you mean" not in english(language_problem("Japanese"))


@pytest.mark.parametrize("key", ["lang", "source-lang"])
def test_a_config_language_typo_is_an_error(tmp_path, key):
    f = tmp_path / "translate-kit.toml"
    f.write_text(f'{key} = "jp"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean ja"):
        load_config(str(f))


@pytest.mark.parametrize("option", ["--lang", "--source-lang"])
def test_a_command_line_language_typo_is_a_usage_error(tmp_path, option):
    f = tmp_path / "doc.txt"
    f.write_text(FINDING_JA, encoding="utf-8")
    proc = tk("check", str(f), "--no-cache", option, "jp")
    assert proc.returncode == 2 and "did you mean ja?" in proc.stderr and "Traceback" not in proc.stderr


def test_jobs_are_bounded(tmp_path):
    f = tmp_path / "translate-kit.toml"
    f.write_text(f"jobs = {max_jobs() + 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="at most"):
        load_config(str(f))
    assert effective_jobs(10**6) == max_jobs()
    proc = tk("check", str(f), "-j", str(10**6))
    assert proc.returncode == 2 and "at most" in proc.stderr


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return {int(p) for p in fh.read().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and /proc are Linux")
def test_workers_die_with_their_parent(tmp_path):
    # -j 3: two workers (the run checks one part itself)
    big = tmp_path / "big.txt"
    big.write_text("".join(f"第{i}章ではユーザーの設定を保存します。\n" for i in range(40000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "translate_kit", "check", str(big), "--no-cache", "-j", "3", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the run never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM)])
def test_an_interrupted_run_exits_with_one_line(tmp_path, signum, code):
    big = tmp_path / "big.txt"
    big.write_text("".join(f"第{i}章ではユーザーの設定を保存します。\n" for i in range(400000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "translate_kit", "check", str(big), "--no-cache", "-j", "1",
                             "-o", str(tmp_path / "report.txt")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # the dictionary is loaded and the file is being checked
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert sorted(os.listdir(tmp_path)) == ["big.txt"]


def test_the_json_summary_is_as_documented(tmp_path):
    import json
    import re

    from test_cli import REPO

    f = tmp_path / "doc.txt"
    f.write_text(FINDING_JA, encoding="utf-8")
    readme = (REPO / "docs" / "output.md").read_text(encoding="utf-8")
    documented = re.search(r"`summary` holds exactly these keys, in this order: (.*?)\. They", readme, re.S).group(1)
    keys = re.findall(r"`(\w+)`", documented)
    for extra, expected in (([], keys[:-1]), (["--baseline", str(tmp_path / "b.json")], keys)):
        if extra:
            tk("check", str(f), "--no-cache", "--write-baseline", extra[1])
        proc = tk("check", str(f), "--no-cache", "-f", "json", *extra)
        assert list(json.loads(proc.stdout)["summary"]) == expected


def test_a_dictionary_that_cannot_load_is_one_line_and_exit_2(tmp_path):
    """A broken install (sudachidict_core missing or damaged) is said in one line, exit 2,
    not a traceback from the first analysis."""
    (tmp_path / "a.md").write_text("サーバーを再起動した。\n", encoding="utf-8")
    broken = (
        "import sudachipy\n"
        "def dictionary(*args, **kwargs):\n"
        "    raise ModuleNotFoundError(\"No module named 'sudachidict_core'\")\n"
        "sudachipy.Dictionary = dictionary\n"
        "from translate_kit.cli import main\n"
        "main(['check', '--no-cache', '--no-config', 'a.md'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", broken], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANGUAGE": "en"})
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "sudachidict_core" in lines[0] and "Traceback" not in proc.stderr
