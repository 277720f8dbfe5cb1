"""Throughput of `translate-kit check` on a large en→ja catalog, next to its floors.

Generates (into a temporary directory, never the repository) a catalog of real-looking UI
strings: verbs × nouns × templates with printf, named, brace and markup placeholders,
plural entries and a few fuzzy ones, translated into Japanese with deliberate slips
(spelling variants such as サーバ/レポジトリ, paraphrases the glossary does not allow),
plus a long-CSV glossary of 1,000 concepts. Then, each stage in a fresh process so its
peak memory is its own:

  parse     polib.pofile() of the catalog
  raw       SudachiPy mode C tokenize() of every msgstr (the floor the check is compared with)
  check     translate_kit.run.check_paths in-process, one process (--jobs 1), no cache,
            every rule enabled, dictionary loaded before the clock starts
  baseline  the same without term-missing and term-inconsistent (their cost is the difference)
  rules     the check again, each rule's calls timed: where one process spends its time,
            rule by rule, and what is left for reading, analysis and bookkeeping
  cli       `translate-kit check` in a subprocess (all cores, no cache, no config), wall time
  cli warm  the same with the cache, run again on the unchanged catalog (median of 3)
  ... pure  check and cli again on the sources alone (TRANSLATE_KIT_PURE=1), when the hot
            modules are compiled (translate_kit/accel.py): both builds side by side
  pofilter  Translate Toolkit's pofilter (--language=ja --nofuzzy, all its tests) on the
            same catalog, when `pofilter` is on PATH

and prints seconds, peak RSS, findings per rule and the check/raw and check/pofilter ratios.

    python bench/catalog_bench.py [--entries 100000] [--glossary 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW_RULES = ("term-missing", "term-inconsistent")

# (English noun, Japanese, spelling variant or "") — a real UI vocabulary.
NOUNS: tuple[tuple[str, str, str], ...] = tuple(
    tuple(line.split(",")) + ("",) * (2 - line.count(","))  # type: ignore[misc]
    for line in """
user,ユーザー,ユーザ
server,サーバー,サーバ
repository,リポジトリ,レポジトリ
interface,インターフェース,インタフェース
folder,フォルダー,フォルダ
browser,ブラウザー,ブラウザ
member,メンバー,メンバ
printer,プリンター,プリンタ
computer,コンピューター,コンピュータ
filter,フィルター,フィルタ
window,ウィンドウ,ウインドウ
router,ルーター,ルータ
container,コンテナー,コンテナ
cluster,クラスター,クラスタ
parameter,パラメーター,パラメータ
category,カテゴリー,カテゴリ
layer,レイヤー,レイヤ
editor,エディター,エディタ
scanner,スキャナー,スキャナ
memory,メモリー,メモリ
file,ファイル
project,プロジェクト
password,パスワード
account,アカウント
message,メッセージ
comment,コメント
commit,コミット
branch,ブランチ
tag,タグ
label,ラベル
group,グループ
team,チーム
report,レポート
template,テンプレート
theme,テーマ
image,画像
document,ドキュメント
page,ページ
link,リンク
profile,プロフィール
notification,通知
device,デバイス
database,データベース
table,テーブル
column,列
field,フィールド
key,キー
token,トークン
session,セッション
cache,キャッシュ
backup,バックアップ
schedule,スケジュール
task,タスク
event,イベント
calendar,カレンダー
contact,連絡先
address,アドレス
domain,ドメイン
certificate,証明書
license,ライセンス
plugin,プラグイン
extension,拡張機能
package,パッケージ
version,バージョン
release,リリース
issue,課題
milestone,マイルストーン
dashboard,ダッシュボード
widget,ウィジェット
menu,メニュー
button,ボタン
icon,アイコン
shortcut,ショートカット
keyboard,キーボード
screen,画面
storage,ストレージ
disk,ディスク
volume,ボリューム
network,ネットワーク
proxy,プロキシ
node,ノード
service,サービス
process,プロセス
thread,スレッド
job,ジョブ
pipeline,パイプライン
workflow,ワークフロー
variable,変数
property,プロパティ
attribute,属性
library,ライブラリ
directory,ディレクトリ
archive,アーカイブ
attachment,添付ファイル
draft,下書き
channel,チャンネル
role,ロール
permission,権限
policy,ポリシー
rule,ルール
alert,アラート
log,ログ
chart,グラフ
playlist,プレイリスト
album,アルバム
photo,写真
video,動画
camera,カメラ
battery,バッテリー
""".strip().splitlines()
)

# (English verb, past participle, Japanese サ変 noun)
VERBS: tuple[tuple[str, str, str], ...] = tuple(
    tuple(line.split(","))  # type: ignore[misc]
    for line in """
delete,deleted,削除
add,added,追加
edit,edited,編集
copy,copied,コピー
move,moved,移動
export,exported,エクスポート
import,imported,インポート
share,shared,共有
save,saved,保存
restore,restored,復元
download,downloaded,ダウンロード
upload,uploaded,アップロード
sync,synced,同期
refresh,refreshed,更新
select,selected,選択
create,created,作成
archive,archived,アーカイブ
lock,locked,ロック
search,searched,検索
publish,published,公開
register,registered,登録
duplicate,duplicated,複製
verify,verified,確認
reset,reset,リセット
""".strip().splitlines()
)

# Renderings the glossary does not allow: what term-missing should catch.
PARAPHRASES = {"user": "利用者", "repository": "保管庫", "password": "暗証番号", "message": "伝言", "comment": "注釈",
               "document": "文書", "notification": "お知らせ", "screen": "スクリーン", "image": "イメージ", "file": "書類"}


@dataclass(frozen=True)
class Template:
    """One English pattern and its Japanese rendering; {V} verb, {n}/{ns} noun, {m} second noun."""

    en: str
    ja: str
    flags: str = ""
    plural: str = ""  # msgid_plural pattern, when the entry has plural forms


TEMPLATES = (
    Template("{V} {n}", "{j}を{v}"),
    Template("{V} the selected {n}", "選択した{j}を{v}"),
    Template("{V} this {n}?", "この{j}を{v}しますか？"),
    Template("Could not {v} the {n} %(name)s.", "{j} %(name)s を{v}できませんでした。", "python-format"),
    Template("%(count)d {n} {p}", "%(count)d 件の{j}を{v}しました", "python-format", "%(count)d {ns} {p}"),
    Template("{V} {n} in {m}", "{k}内の{j}を{v}"),
    Template("The {n} was {p}.", "{j}を{v}しました。"),
    Template("Are you sure you want to {v} {count} {ns}?", "{count} 件の{j}を{v}してもよろしいですか？", "python-brace-format"),
    Template("You do not have permission to {v} this {n}.", "この{j}を{v}する権限がありません。"),
    Template("{V} {n} from <b>%s</b>", "<b>%s</b> から{j}を{v}", "c-format"),
    Template("Failed to {v} {n}: {error}", "{j}の{v}に失敗しました: {error}", "python-brace-format"),
    Template("{V} all {ns} of %(user)s", "%(user)s のすべての{j}を{v}", "python-format"),
    Template("{V} {n} and {m}", "{j}と{k}を{v}"),
    Template("{V} {n} {m}", "{j}{k}を{v}"),
    Template("%d {n} will be {p} from {m}", "%d 件の{j}が{k}から{v}されます", "c-format", "%d {ns} will be {p} from {m}"),
    Template("See https://example.com/{n}/help to {v} a {n}", "{j}を{v}するには https://example.com/{n}/help を参照"),
)


def _plural(word: str) -> str:
    """The English plural of a generated noun."""
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class CatalogMaker:
    """Draws unique entries from verbs × nouns × templates, with deliberate slips."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.slips: Counter[str] = Counter()

    def japanese(self, noun: tuple[str, str, str]) -> str:
        """A noun's translation: usually the standard one, sometimes a variant or a paraphrase."""
        roll = self.rng.random()
        if noun[2] and roll < 0.04:
            self.slips["variant"] += 1
            return noun[2]
        if noun[0] in PARAPHRASES and roll > 0.985:
            self.slips["paraphrase"] += 1
            return PARAPHRASES[noun[0]]
        return noun[1]

    def entry(self) -> tuple[str, str, str, str, bool]:
        """(msgid, msgid_plural, msgstr, flags, fuzzy) of one random entry."""
        t = self.rng.choice(TEMPLATES)
        verb, noun, other = self.rng.choice(VERBS), *self.rng.sample(NOUNS, 2)
        values = {"V": verb[0].capitalize(), "v": verb[0], "p": verb[1], "n": noun[0], "ns": _plural(noun[0]), "m": other[0]}
        en = _fill(t.en, values)
        if en[:1].islower():
            en = en[0].upper() + en[1:]
        ja = _fill(t.ja, {"j": self.japanese(noun), "k": self.japanese(other), "v": verb[2]})
        plural = _fill(t.plural, values) if t.plural else ""
        return en, plural, ja, t.flags, self.rng.random() < 0.01


def _fill(pattern: str, values: dict[str, str]) -> str:
    """Fill {name} fields that are given; other braces ({count}, {error}) are placeholders."""
    out = pattern
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def write_catalog(path: str, entries: int, seed: int) -> Counter[str]:
    """Write a catalog of `entries` unique entries; returns how many slips were made."""
    maker = CatalogMaker(seed)
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
        fh.write('"Plural-Forms: nplurals=1; plural=0;\\n"\n')
        serial = 0
        while len(seen) < entries:
            en, plural, ja, flags, fuzzy = maker.entry()
            if en in seen:  # keep msgids unique: a context tells repeats apart
                serial += 1
                context = f"screen-{serial % 997}"
                if (context, en) in seen:
                    continue
                seen.add((context, en))  # type: ignore[arg-type]
            else:
                context = ""
                seen.add(en)
            fh.write(_entry_text(en, plural, ja, flags, fuzzy, context))
    return maker.slips


def _entry_text(en: str, plural: str, ja: str, flags: str, fuzzy: bool, context: str) -> str:
    """One PO entry."""
    lines = ["", f"#: src/app.py:{abs(hash(en)) % 5000}"]
    marks = [f for f in ("fuzzy" if fuzzy else "", flags) if f]
    if marks:
        lines.append("#, " + ", ".join(marks))
    if context:
        lines.append(f"msgctxt {_po_string(context)}")
    lines.append(f"msgid {_po_string(en)}")
    if plural:
        lines += [f"msgid_plural {_po_string(plural)}", f"msgstr[0] {_po_string(ja)}"]
    else:
        lines.append(f"msgstr {_po_string(ja)}")
    return "\n".join(lines) + "\n"


def write_glossary(path: str, size: int, seed: int) -> None:
    """A long-CSV glossary: verbs, half of the nouns (with deprecated variants), then
    two-noun compounds up to `size` concepts."""
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = []
    for en, _p, ja in VERBS:
        rows += [(en, "en", en, "preferred", "term", ""), (en, "ja", ja, "preferred", "term", "")]
    for i, (en, ja, variant) in enumerate(NOUNS):
        if variant and i % 2:
            continue  # left out: term-inconsistent watches these
        rows += [(en, "en", en, "preferred", "term", ""), (en, "ja", ja, "preferred", "term", "")]
        if variant:
            rows.append((en, "ja", variant, "deprecated", "term", "long-vowel style"))
    concepts = len(VERBS) + sum(1 for i, n in enumerate(NOUNS) if not (n[2] and i % 2))
    pairs = [(a, b) for a in NOUNS for b in NOUNS if a != b]
    rng.shuffle(pairs)
    for a, b in pairs[: max(0, size - concepts)]:
        cid = f"{a[0]}-{b[0]}"
        rows += [(cid, "en", f"{a[0]} {b[0]}", "preferred", "term", ""), (cid, "ja", a[1] + b[1], "preferred", "term", "")]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(("concept", "lang", "term", "status", "type", "note"))
        writer.writerows(rows)


# ---------------------------------------------------------------- stages (each in its own process)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_parse(catalog: str, _glossary: str) -> dict:
    """polib's parse of the catalog."""
    import polib

    t0 = time.perf_counter()
    po = polib.pofile(catalog)
    return {"seconds": time.perf_counter() - t0, "entries": len(po), "peak_rss_mb": _peak_rss_mb()}


def stage_raw(catalog: str, _glossary: str) -> dict:
    """SudachiPy mode C over every msgstr, dictionary loaded before the clock."""
    import polib
    from sudachipy import Dictionary, SplitMode

    texts = [e.msgstr or next(iter(e.msgstr_plural.values()), "") for e in polib.pofile(catalog)]
    d = Dictionary(dict="core")
    tok = (getattr(d, "tokenizer", None) or d.create)(SplitMode.C)
    tok.tokenize("準備運転です。")
    t0 = time.perf_counter()
    tokens = sum(len(tok.tokenize(t)) for t in texts if t)
    return {"seconds": time.perf_counter() - t0, "tokens": tokens, "peak_rss_mb": _peak_rss_mb()}


def _check(catalog: str, glossary: str, ignore: tuple[str, ...]) -> dict:
    from translate_kit.analysis import Engine
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.run import check_paths

    engine = Engine("C")
    engine.analyze("準備運転です。", "ja")
    options = CheckOptions(glossary_paths=(glossary,), jobs=1, rules=RuleSettings(ignore=frozenset(ignore)))
    t0 = time.perf_counter()
    result = check_paths([catalog], options, engine=engine)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "findings": dict(Counter(f.rule for f in result.findings)),
        "errors": [str(e) for e in result.errors],
        "peak_rss_mb": _peak_rss_mb(),
    }


def stage_check(catalog: str, glossary: str) -> dict:
    """Every rule, in-process, one process."""
    return _check(catalog, glossary, ())


def stage_baseline(catalog: str, glossary: str) -> dict:
    """Every rule but the two term rules."""
    return _check(catalog, glossary, NEW_RULES)


def _timed(rule, spent: Counter[str]):
    """The rule with each of its checks timed into `spent` (its findings read inside the clock)."""
    from dataclasses import replace

    def wrap(check):
        def timed(*args):
            t0 = time.perf_counter()
            found = list(check(*args))
            spent[rule.id] += time.perf_counter() - t0
            return found
        return timed

    # every check: an entry rule's document check (for documents that are not catalogs) too
    names = ("check", "check_entry", "check_document")
    return replace(rule, **{name: wrap(getattr(rule, name)) for name in names if getattr(rule, name) is not None})


def stage_rules(catalog: str, glossary: str) -> dict:
    """Every rule, one process, each rule's calls timed: wall clock, one thread (a CPU clock
    is a system call, and the rules are called hundreds of thousands of times)."""
    from translate_kit.analysis import Engine
    from translate_kit.options import CheckOptions
    from translate_kit.rules import all_rules
    from translate_kit.run import check_paths

    engine = Engine("C")
    engine.analyze("準備運転です。", "ja")
    spent: Counter[str] = Counter()
    options = CheckOptions(glossary_paths=(glossary,), jobs=1)
    rules = [_timed(r, spent) for r in all_rules() if options.rules.enabled(r.id)]
    t0 = time.perf_counter()
    check_paths([catalog], options, engine=engine, rules=rules)
    return {"seconds": time.perf_counter() - t0, "rules": dict(spent.most_common()), "peak_rss_mb": _peak_rss_mb()}


STAGES = {"parse": stage_parse, "raw": stage_raw, "check": stage_check, "baseline": stage_baseline, "rules": stage_rules}


# the environment of a run on the sources, compiled modules (translate_kit/accel.py) or not
PURE = {**os.environ, "TRANSLATE_KIT_PURE": "1"}


def run_stage(stage: str, catalog: str, glossary: str, env: dict | None = None) -> dict:
    """Run one stage in a fresh interpreter and read its JSON result."""
    out = subprocess.run([sys.executable, __file__, "--stage", stage, catalog, glossary], check=True, capture_output=True, text=True,
                         env=env)
    return json.loads(out.stdout)


def compiled_modules() -> int:
    """How many modules a run loads compiled (0: the sources run)."""
    code = "import translate_kit.run, translate_kit.accel as a; print(len(a.compiled()))"
    return int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


def run_timed(command: list[str], cwd: str, env: dict | None = None) -> dict:
    """Wall time and peak RSS (the command or its largest child) of an external command."""
    with open(os.devnull, "w") as null, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=err, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()[-500:]
    return {"seconds": seconds, "returncode": proc.returncode, "stderr": stderr, "peak_rss_mb": usage.ru_maxrss / 1024}


def cli_command(catalog: str, glossary: str, cache: bool = False) -> list[str]:
    """`translate-kit check` as CI runs it (all cores, no config), with or without the
    cache (`.translate_kit_cache/` in the working directory)."""
    return [sys.executable, "-m", "translate_kit", "check", *(() if cache else ("--no-cache",)), "--no-config", "-q",
            "--fail-on", "never", "-g", glossary, "-f", "json", "-o", os.devnull, catalog]


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000, help="catalog entries (default 100000)")
    parser.add_argument("--glossary", type=int, default=1000, help="glossary concepts (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-cli", action="store_true", help="do not time the CLI subprocess")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(STAGES[args.stage](*args.paths)))
        return
    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as tmp:
        catalog, glossary = os.path.join(tmp, "app.ja.po"), os.path.join(tmp, "glossary.csv")
        t0 = time.perf_counter()
        slips = write_catalog(catalog, args.entries, args.seed)
        write_glossary(glossary, args.glossary, args.seed)
        print(f"generated {args.entries} entries ({os.path.getsize(catalog) / 1e6:.1f} MB; slips {dict(slips)}) "
              f"and {args.glossary} glossary concepts in {time.perf_counter() - t0:.1f}s")
        report(tmp, catalog, glossary, args.skip_cli)


def report(tmp: str, catalog: str, glossary: str, skip_cli: bool) -> None:
    """Run every stage and print the table and ratios."""
    compiled = compiled_modules()
    print(f"compiled modules (translate_kit/accel.py): {compiled}" if compiled else
          "no compiled modules: the sources run (`make` compiles the hot ones when a C compiler is at hand)")
    results = {stage: run_stage(stage, catalog, glossary) for stage in ("parse", "raw", "check", "baseline")}
    if compiled:
        results["check pure"] = run_stage("check", catalog, glossary, PURE)
    if not skip_cli:
        results["cli"] = run_timed(cli_command(catalog, glossary), tmp)
        if compiled:
            results["cli pure"] = run_timed(cli_command(catalog, glossary), tmp, PURE)
        run_timed(cli_command(catalog, glossary, cache=True), tmp)  # fills the cache
        warm = [run_timed(cli_command(catalog, glossary, cache=True), tmp) for _ in range(3)]
        results["cli warm"] = sorted(warm, key=lambda r: r["seconds"])[1]  # the median of three (a third of a second each)
    pofilter = shutil.which("pofilter")
    if pofilter:
        command = [pofilter, "--progress=none", "--language=ja", "--nofuzzy", catalog, os.path.join(tmp, "pofilter-out.po")]
        results["pofilter"] = run_timed(command, tmp)
    print(f"{'stage':>10} {'seconds':>8} {'peak MB':>8}")
    for stage, r in results.items():
        print(f"{stage:>10} {r['seconds']:>8.2f} {r['peak_rss_mb']:>8.0f}")
    check, raw, base = results["check"], results["raw"], results["baseline"]
    print(f"findings: {check['findings']}" + (f"  errors: {check['errors']}" if check["errors"] else ""))
    print(f"ratio check/raw tokenization = {check['seconds'] / raw['seconds']:.2f}x; "
          f"term-missing + term-inconsistent add {check['seconds'] - base['seconds']:.2f}s "
          f"({(check['seconds'] - base['seconds']) / raw['seconds']:.2f}x raw)")
    by_rule = run_stage("rules", catalog, glossary)
    ruled = sum(by_rule["rules"].values())
    print(f"one process, by rule ({by_rule['seconds']:.2f}s in all; raw tokenization {raw['seconds']:.2f}s):")
    for rule, seconds in [*by_rule["rules"].items(), ("(reading, analysis, bookkeeping)", by_rule["seconds"] - ruled)]:
        if seconds >= 0.005:
            print(f"  {seconds:>6.2f}s {seconds / raw['seconds']:>5.2f}x raw  {rule}")
    if "cli" in results:
        cli, warm = results["cli"], results["cli warm"]
        print(f"all cores, cold (cli): {cli['seconds'] / raw['seconds']:.2f}x raw tokenization; "
              f"an unchanged re-check (cli warm) is {cli['seconds'] / warm['seconds']:.1f}x faster than cold")
    if "check pure" in results:
        pure = results["check pure"]
        same = "same findings" if pure["findings"] == check["findings"] and pure["errors"] == check["errors"] else "FINDINGS DIFFER"
        print(f"sources only (TRANSLATE_KIT_PURE=1): check/raw = {pure['seconds'] / raw['seconds']:.2f}x; "
              f"compiled is {pure['seconds'] / check['seconds']:.2f}x faster ({same})")
    if pofilter:
        pof = results["pofilter"]["seconds"]
        print(f"ratio check/pofilter = {check['seconds'] / pof:.2f}x one process"
              + (f", {results['cli']['seconds'] / pof:.2f}x all cores (cli)" if "cli" in results else "")
              + (f"; pofilter/cli = {pof / results['cli']['seconds']:.2f}x" if "cli" in results else "")
              + (f" (sources only: {pof / results['cli pure']['seconds']:.2f}x)" if "cli pure" in results else ""))
    else:
        print("pofilter not installed (pip install translate-toolkit): no comparison")


if __name__ == "__main__":
    main()
