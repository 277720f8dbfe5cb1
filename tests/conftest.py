"""Shared fixtures: one Sudachi engine per test session (loading it takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "article.ja.txt"


@pytest.fixture(scope="session")
def engine():
    from translate_kit.analysis import Engine

    return Engine("C")


@pytest.fixture()
def seed_article() -> Path:
    """The seed article from ../shared/seed; tests that need it skip when it is absent."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (it lives in the steering repo's shared/ folder)")
    return SEED


@pytest.fixture()
def run_check(engine, tmp_path):
    """Write files into a temp dir and run `check` over them; returns the RunResult."""
    from translate_kit.options import CheckOptions, RuleSettings
    from translate_kit.run import check_paths

    def _run(files: dict[str, str], select: list[str] | None = None, **options):
        paths = []
        for name, text in files.items():
            p = tmp_path / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
            paths.append(str(p))
        rules = RuleSettings(select=frozenset(select) if select else None)
        return check_paths(paths, CheckOptions(rules=rules, **options), engine=engine)

    return _run
