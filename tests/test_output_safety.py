"""What ``-o`` does to whatever is at the path: files replaced atomically, devices written through.

Every case runs the CLI and checks what a user sees: the exit code, the one
error line, the report's bytes, and that the thing at the path is still what it was.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from tests.helpers import SSH_CLOSED, SSH_OPEN, run, snapshot_file


@pytest.fixture
def open_ssh(tmp_path: Path) -> Path:
    return snapshot_file(tmp_path / "open.json", [SSH_OPEN, SSH_CLOSED])


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("cloudscan: error:")]


def assert_one_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = error_lines(result.output)
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0]


def is_char_device(path: str) -> bool:
    device = Path(path)
    return device.exists() and stat.S_ISCHR(device.stat().st_mode)


# --- regular files and links: atomic replacement, the link and the file's mode kept --


def test_symlink_to_a_file_is_followed_and_stays_a_link(open_ssh: Path, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run("scan", "-i", str(open_ssh), "-o", str(link))
    assert result.exit_code == 1, result.output
    assert link.is_symlink() and link.readlink() == real
    assert json.loads(real.read_text())["summary"]["findings"] == 1
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.json"]  # no temp file left


def test_dangling_symlink_creates_its_target(open_ssh: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.sarif"
    link.symlink_to(tmp_path / "target.sarif")
    assert run("scan", "-i", str(open_ssh), "-o", str(link)).exit_code == 1
    assert link.is_symlink()
    assert json.loads((tmp_path / "target.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file another owner")
def test_existing_report_keeps_its_owner_when_root_writes_it(open_ssh: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text("old")
    os.chown(report, 4321, 4321)
    assert run("scan", "-i", str(open_ssh), "-o", str(report)).exit_code == 1
    info = report.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4321)
    assert json.loads(report.read_text())["summary"]["findings"] == 1


def test_read_only_report_is_refused_and_the_other_outputs_written(open_ssh: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.sarif"
    locked.write_text("keep me")
    locked.chmod(0o444)
    other = tmp_path / "other.json"
    result = run("scan", "-i", str(open_ssh), "-o", str(locked), "-o", str(other))
    assert_one_error(result, f"{locked}: cannot write report: Permission denied (the file is read-only)")
    assert locked.read_text() == "keep me"
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert json.loads(other.read_text())["summary"]["findings"] == 1
    assert "allow-ssh" in result.output  # the terminal table is still shown


@pytest.mark.parametrize("name", ["dir.sarif", "dir"])
def test_directory_is_refused_with_one_line(open_ssh: Path, tmp_path: Path, name: str) -> None:
    directory = tmp_path / name
    directory.mkdir()
    result = run("scan", "-i", str(open_ssh), "-f", "sarif", "-o", str(directory))
    assert_one_error(result, f"{directory}: cannot write report: Is a directory")
    assert list(directory.iterdir()) == []


def test_socket_is_refused(open_ssh: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = run("scan", "-i", str(open_ssh), "-o", str(path))
    assert_one_error(result, f"{path}: cannot write report: not a regular file, character device or FIFO")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# --- devices and pipes: written through, never renamed over --------------------------


def test_fifo_is_streamed_not_replaced(open_ssh: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []

    thread = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    thread.start()
    result = run("scan", "-i", str(open_ssh), "-o", str(fifo))
    thread.join()
    assert result.exit_code == 1, result.output
    assert json.loads(received[0])["summary"]["findings"] == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open.json", "pipe.json"]


def test_symlink_to_a_fifo_writes_through_the_fifo(open_ssh: Path, tmp_path: Path) -> None:
    """The ``/dev/stdout`` case: a link to a pipe keeps being a link to that pipe."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    received: list[bytes] = []
    thread = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    thread.start()
    result = run("scan", "-i", str(open_ssh), "-f", "sarif", "-o", str(link))
    thread.join()
    assert result.exit_code == 1, result.output
    assert json.loads(received[0])["version"] == "2.1.0"
    assert link.is_symlink() and stat.S_ISFIFO(link.stat().st_mode)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_character_device_is_written_through(open_ssh: Path, device: str) -> None:
    if not is_char_device(device):
        pytest.skip(f"{device} is not a character device on this machine")
    result = run("scan", "-i", str(open_ssh), "-f", "json", "-o", device)
    assert result.exit_code == 1, result.output
    assert is_char_device(device)


@pytest.mark.skipif(not is_char_device("/dev/full"), reason="no /dev/full on this system")
def test_full_device_is_one_error_line_and_the_other_outputs_are_written(
    open_ssh: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    result = run("scan", "-i", str(open_ssh), "-f", "sarif", "-o", "/dev/full", "-o", str(other))
    assert_one_error(result, "/dev/full: cannot write report: No space left on device")
    assert is_char_device("/dev/full")
    assert json.loads(other.read_text())["summary"]["findings"] == 1
