"""Atomic writes keep what was there on failure and never replace special files."""

from __future__ import annotations

import os
import stat

import pytest

from translate_kit.fsutil import atomic_write


def test_atomic_write_replaces_content_and_keeps_mode(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write(str(target), "新しい")
    assert target.read_text(encoding="utf-8") == "新しい"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path):
    """`fix file.txt` where file.txt is a link wrote a new file in place of the link and
    left the file it leads to unfixed."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "a.txt"
    link.symlink_to(os.path.join("real", "a.txt"))
    atomic_write(str(link), "新しい")
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "a.txt")
    assert target.read_text(encoding="utf-8") == "新しい" and stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["a.txt"]


def test_a_symlink_out_of_the_folder_is_not_written_through(tmp_path, monkeypatch):
    """A tree may carry a link to a file elsewhere (~/notes.txt): `fix` over the tree must
    not edit it, nor replace the link; the write fails with a reason."""
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("old", encoding="utf-8")
    (tmp_path / "project").mkdir()
    link = tmp_path / "project" / "a.txt"
    link.symlink_to(outside)
    monkeypatch.chdir(tmp_path / "project")
    with pytest.raises(OSError, match="links to a file outside this folder"):
        atomic_write("a.txt", "新しい")
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in (tmp_path / "project").iterdir()) == ["a.txt"]


def test_a_fifo_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(str(fifo), "data")
        assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced by a regular file"
        assert os.read(reader, 100) == b"data"
    finally:
        os.close(reader)


@pytest.mark.skipif(not os.path.exists(os.devnull), reason="no null device")
def test_dev_null_stays_a_device():
    atomic_write(os.devnull, "discarded")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_atomic_write_gives_a_new_file_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        target = tmp_path / "new.txt"
        atomic_write(str(target), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # not mkstemp's 0600
