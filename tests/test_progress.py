"""The progress bar: only on a TTY, not in CI, not when quiet, only for long runs."""

from __future__ import annotations

import io

from translate_kit.progress import progress, progress_wanted


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_wanted():
    assert progress_wanted(FakeTTY(), env={})
    assert not progress_wanted(io.StringIO(), env={})
    assert not progress_wanted(FakeTTY(), quiet=True, env={})
    assert not progress_wanted(FakeTTY(), env={"CI": "true"})
    assert progress_wanted(FakeTTY(), env={"CI": "false"})
    assert not progress_wanted(FakeTTY(), env={"TERM": "dumb"})


def test_short_runs_draw_nothing():
    stream = FakeTTY()
    with progress(stream=stream, env={}, clock=lambda: 0.0) as advance:
        for n in range(10):
            advance(f"f{n}.txt")
        assert not advance.started and advance.count == 10
    assert stream.getvalue() == ""


def test_starts_after_the_delay_and_is_transient():
    now = [0.0]
    stream = FakeTTY()
    with progress(stream=stream, env={}, clock=lambda: now[0]) as advance:
        advance("a.txt")
        assert not advance.started
        now[0] = 2.5
        advance("b.txt")
        assert advance.started
    assert "checking" in stream.getvalue()
    assert stream.getvalue().endswith("\x1b[2K")  # the bar erased itself


def test_starts_for_many_files():
    stream = FakeTTY()
    with progress(stream=stream, env={}, total=200, clock=lambda: 0.0) as advance:
        advance("a.txt")
        assert advance.started


def test_never_in_ci_or_when_not_a_tty():
    for stream, env in ((FakeTTY(), {"CI": "1"}), (io.StringIO(), {})):
        with progress(stream=stream, env=env, total=500, clock=lambda: 99.0) as advance:
            for n in range(100):
                advance(f"f{n}.txt")
            assert not advance.started
        assert stream.getvalue() == ""
