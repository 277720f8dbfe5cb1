"""Language-server latency: the real `translate-kit lsp` over stdio, driven by pygls's
LanguageClient (tests/lsp_client.py).

Builds a workspace of FILES Markdown files (the example article's prose lines, each copy
numbered so no line repeats) and one LINES-line document, then measures:
  cold start   process start to the first diagnostics of the opened document
  index        until the background index of the workspace reports its end
  edit         didChange -> publishDiagnostics of the edited document, for edits that each
               flip one spelling in the middle of the document (so every edit changes the
               diagnostics), minus the debounce; median and p95
  memory       the server's resident memory after indexing
and, beside them, one `translate-kit check` of the same workspace for scale.

    python bench/lsp_bench.py [--files 200] [--lines 2000] [--edits 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
EXAMPLE = ROOT / "examples" / "article.ja.md"
DEBOUNCE_MS = 150


# Everyday sentences of a translated manual, in this project's own words; most lines of
# real documents name nobody, so the example article's lines (every one names someone)
# are mixed in one line in TEMPLATE_SHARE.
TEMPLATES = (
    "第{n}節では設定ファイルの書き方を順に説明する。",
    "この手順を終えたら、画面の右上にある保存ボタンを押してください。",
    "変更は次回の起動から有効になり、古い設定は自動的に退避される。",
    "ログの出力先は環境変数で切り替えられるが、既定では標準エラー出力に書き出す。",
    "検索結果が多すぎる場合は、条件を絞り込んでからもう一度試してほしい。",
    "表{n}に主な項目とその既定値をまとめた。",
    "古い形式のファイルも読み込めるが、保存すると新しい形式に変換される。",
    "この機能は実験的なもので、今後の版で仕様が変わる可能性がある。",
    "接続が切れたときは、しばらく待ってから再接続を試みる。",
)
TEMPLATE_SHARE = 10


def prose_lines() -> list[str]:
    article = [l for l in EXAMPLE.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    lines: list[str] = []
    for i, line in enumerate(article):
        lines.append(line)
        lines.extend(TEMPLATES[(i + k) % len(TEMPLATES)] for k in range(TEMPLATE_SHARE - 1))
    return lines


def numbered(lines: list[str], count: int, start: int) -> list[str]:
    """`count` lines cycling through `lines`, each copy numbered so that no line repeats."""
    out = []
    copy = start
    while len(out) < count:
        copy += 1
        out.extend(f"{line}（{copy}）".replace("{n}", str(copy)) for line in lines)
    return out[:count]


def build(directory: Path, files: int, lines: int) -> Path:
    base = prose_lines()
    per_file = max(lines // 20, 10)
    for n in range(files):
        text = "\n\n".join(numbered(base, per_file, n * 1000))
        (directory / f"doc{n:03d}.md").write_text(f"# 記事 {n}\n\n{text}\n", encoding="utf-8")
    big = directory / "big.md"
    body = numbered(base, lines // 2 - 1, 10**6)  # paragraphs with blank lines between: `lines` lines
    body[len(body) // 2] = "ユーザーの設定をここで変える。"  # the line edits flip between ユーザー and ユーザ
    body[len(body) // 3] = "ユーザー名は後で決める。"
    body[len(body) // 4] = "ユーザーの一覧を開く。"
    big.write_text("# 大きな記事\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return big


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def session(root: Path, big: Path, edits: int) -> dict:
    from lsprotocol import types

    from lsp_client import Session

    s = Session(root, settings={"translate-kit": {"debounce": DEBOUNCE_MS}})
    t0 = time.perf_counter()
    await s.start()
    text = big.read_text(encoding="utf-8")
    uri = s.open(big, text)
    await s.wait_for(lambda: any(p.uri == uri for _t, p in s.published), timeout=120)
    cold = next(t for t, p in s.published if p.uri == uri) - t0
    await s.wait_for(lambda: any(isinstance(v, dict) and v.get("kind") == "end" for v in s.progress_values), timeout=600)
    indexed = time.perf_counter() - t0
    await asyncio.sleep(0.5)
    memory = rss_mb(s.client._server.pid)
    line = text.split("\n").index("ユーザーの設定をここで変える。")
    latencies = []
    for i in range(edits):
        # flip ユーザー <-> ユーザ: one finding more or less each time
        if i % 2 == 0:
            change, new = types.Range(start=types.Position(line=line, character=3), end=types.Position(line=line, character=4)), ""
        else:
            change, new = types.Range(start=types.Position(line=line, character=3), end=types.Position(line=line, character=3)), "ー"
        before = len(s.published)
        sent = time.perf_counter()
        s.edit(uri, change, new)
        version = s.versions[uri]
        await s.wait_for(lambda: any(p.uri == uri and p.version == version for _t, p in s.published[before:]), timeout=60)
        arrived = next(t for t, p in s.published[before:] if p.uri == uri and p.version == version)
        latencies.append((arrived - sent) * 1000 - DEBOUNCE_MS)
        await asyncio.sleep(0.05)
    await s.stop()
    latencies.sort()
    return {"cold": cold, "indexed": indexed, "memory": memory,
            "median": statistics.median(latencies), "p95": latencies[int(0.95 * (len(latencies) - 1))],
            "max": latencies[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tk-lsp-bench-") as tmp:
        root = Path(tmp)
        big = build(root, args.files, args.lines)
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "translate_kit", "check", "--no-cache", "--fail-on", "never", "-q", "-f", "json",
                        str(root)], stdout=subprocess.DEVNULL, check=False, cwd=tmp)
        full = time.perf_counter() - t0
        result = asyncio.run(session(root, big, args.edits))
    print(f"workspace: {args.files} files + one {args.lines}-line document, {size:.1f} MB")
    print(f"translate-kit check (whole workspace, one process): {full:.2f} s")
    print(f"cold start to first diagnostics of the open document: {result['cold']:.2f} s (target < 2 s)")
    print(f"background index done after: {result['indexed']:.2f} s; server memory after indexing: {result['memory']:.0f} MB")
    print(f"didChange -> publishDiagnostics after the {DEBOUNCE_MS} ms debounce, {args.edits} edits: "
          f"median {result['median']:.1f} ms (target < 50), p95 {result['p95']:.1f} ms (target < 150), max {result['max']:.1f} ms")
    print(f"ratio: one edit's median / a full check = {result['median'] / 1000 / full:.4f}")


if __name__ == "__main__":
    main()
