"""The catalog benchmark's rule-by-rule table times the real check: its timed rules find
what the rules find, and every rule that runs is timed."""

from __future__ import annotations

import os
import sys
from collections import Counter

from translate_kit.options import CheckOptions
from translate_kit.rules import all_rules
from translate_kit.run import check_paths

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_timed_rules_find_what_the_rules_find(tmp_path, engine):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        import catalog_bench
    finally:
        sys.path.pop(0)
    path, glossary = str(tmp_path / "app.ja.po"), str(tmp_path / "glossary.csv")
    catalog_bench.write_catalog(path, 3000, 5)
    catalog_bench.write_glossary(glossary, 200, 5)
    options = CheckOptions(glossary_paths=(glossary,), jobs=1)
    rules = [r for r in all_rules() if options.rules.enabled(r.id)]
    spent: Counter[str] = Counter()
    plain = check_paths([path], options, engine=engine, rules=rules).findings
    timed = check_paths([path], options, engine=engine, rules=[catalog_bench._timed(r, spent) for r in rules]).findings
    assert timed == plain
    found = {f.rule for f in plain}
    assert len(found) >= 3  # the catalog has slips of several kinds
    assert found <= set(spent) and all(spent[rule] > 0 for rule in found)
