"""Load time of each catalog format for the same N entries, side by side with PO.

Writes generated files to a temporary directory, loads each three times and prints the
best time and its ratio to PO's. Usage: python bench/formats_bench.py [N]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from translate_kit.sources import load


def _files(root: str, n: int) -> dict[str, str]:
    """One file per format with n entries (paired formats get their source file too)."""
    rows = [(f"Open file number {i} & more", f"ファイル {i} を開く & その他") for i in range(n)]
    po = 'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\n' + "".join(f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in rows)
    xliff = ('<xliff version="1.2"><file source-language="en" target-language="ja"><body>\n'
             + "".join(f'<trans-unit id="u{i}"><source>{s.replace("&", "&amp;")}</source><target>{t.replace("&", "&amp;")}</target></trans-unit>\n' for i, (s, t) in enumerate(rows))
             + "</body></file></xliff>\n")
    android = {lang: "<resources>\n" + "".join(f'<string name="s{i}">{r[k].replace("&", "&amp;")}</string>\n' for i, r in enumerate(rows)) + "</resources>\n"
               for k, lang in ((0, "values"), (1, "values-ja"))}
    files = {
        "a.po": po, "a.xlf": xliff,
        "res/values/strings.xml": android["values"], "res/values-ja/strings.xml": android["values-ja"],
        "locales/en.json": json.dumps({f"k{i}": s for i, (s, _t) in enumerate(rows)}),
        "locales/ja.json": json.dumps({f"k{i}": t for i, (_s, t) in enumerate(rows)}, ensure_ascii=False),
        "config/locales/en.yml": "en:\n" + "".join(f'  k{i}: "{s}"\n' for i, (s, _t) in enumerate(rows)),
        "config/locales/ja.yml": "ja:\n" + "".join(f'  k{i}: "{t}"\n' for i, (_s, t) in enumerate(rows)),
    }
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    return {"po": "a.po", "xliff": "a.xlf", "android (+ source)": "res/values-ja/strings.xml",
            "json (+ source)": "locales/ja.json", "yaml (+ source)": "config/locales/ja.yml"}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with tempfile.TemporaryDirectory() as root:
        targets = _files(root, n)
        best: dict[str, float] = {}
        for label, name in targets.items():
            times = []
            for _ in range(3):
                start = time.perf_counter()
                doc = load(os.path.join(root, name))
                times.append(time.perf_counter() - start)
            assert len(doc.catalog_entries()) == n, (label, len(doc.catalog_entries()))
            best[label] = min(times)
        for label, seconds in best.items():
            print(f"{label:20} {n} entries  {seconds:6.2f} s  {seconds / best['po']:5.1f}x po")


if __name__ == "__main__":
    main()
