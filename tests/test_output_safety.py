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

from scanner.progress import TerminalProgress
from scanner.reporters.jsontext import encode_json
from tests.helpers import SSH_CLOSED, SSH_OPEN, run, snapshot_file
from tests.sarif_rules import check_sarif_file


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


# --- terminal escape injection: hostile names and cloud messages shown as escapes --------

HOSTILE = "evil\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202etxt.exe\u2066\x7f"
ESCAPED = "evil\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m\\u202etxt.exe\\u2066\\x7f"
UNSAFE = ["\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u2066"]


def hostile_snapshot(tmp_path: Path) -> Path:
    error = {
        "provider": "gcp",
        "account": "proj-\x1b[31m1",
        "service": "storage",
        "operation": "buckets.list",
        "code": "403\x1b[2J",
        "message": "denied\x1b]0;PWNED\x07\u202e\nforged: line",
    }
    rule = {**SSH_OPEN, "name": HOSTILE, "id": "fw-\x1b[2J"}
    return snapshot_file(tmp_path / "hostile.json", [rule], errors=[error])


def assert_terminal_safe(text: str) -> None:
    for char in UNSAFE:
        assert char not in text, f"{char!r} reached the terminal"


def test_table_shows_hostile_names_and_errors_as_escapes(tmp_path: Path) -> None:
    result = run("scan", "-i", str(hostile_snapshot(tmp_path)))
    assert result.exit_code == 1
    assert_terminal_safe(result.output)
    # the id (Resource column) and the name (in the message) are shown escaped; the error stays on its row
    row = result.output.splitlines()[4]
    assert row.split("│")[3].strip() == "firewall_rule fw-\\x1b[2J"
    assert ESCAPED in row.split("│")[4]
    error_row = next(line for line in result.output.splitlines() if "403" in line)
    assert "403\\x1b[2J: denied\\x1b]0;PWNED\\x07\\u202e\\x0aforged:" in error_row
    assert all(line.startswith(("│", "┃", "┏", "┡", "└")) for line in result.output.splitlines()[10:-1])


def test_txt_report_keeps_no_escape_bytes(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = run("scan", "-i", str(hostile_snapshot(tmp_path)), "-o", str(report))
    assert result.exit_code == 1
    text = report.read_text(encoding="utf-8")
    assert "PWNED" in text
    assert_terminal_safe(text)


def test_quiet_prints_cloud_error_messages_escaped(tmp_path: Path) -> None:
    result = run("scan", "-i", str(hostile_snapshot(tmp_path)), "--quiet")
    assert result.exit_code == 1
    assert_terminal_safe(result.output)
    lines = result.output.splitlines()
    assert len(lines) == 2, result.output  # the summary and one error line: no forged line
    assert lines[1].startswith("error: snapshot ")
    assert lines[1].endswith(
        " gcp / proj-\\x1b[31m1 / storage / buckets.list: "
        "403\\x1b[2J: denied\\x1b]0;PWNED\\x07\\u202e\\x0aforged: line"
    )


def test_json_and_sarif_keep_hostile_names_exact(tmp_path: Path) -> None:
    """Exact after decoding; DEL, C1 and bidi controls are ``\\uXXXX`` escapes in the bytes."""
    report, sarif = tmp_path / "r.json", tmp_path / "r.sarif"
    result = run("scan", "-i", str(hostile_snapshot(tmp_path)), "-o", str(report), "-o", str(sarif))
    assert result.exit_code == 1
    for path in (report, sarif):  # exact data, and still inert when shown with cat
        assert_terminal_safe(path.read_text(encoding="utf-8"))
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["findings"][0]["resource"]["name"] == HOSTILE
    assert document["errors"][0]["message"] == "denied\x1b]0;PWNED\x07\u202e\nforged: line"
    runs = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    results = [result for run_ in runs for result in run_["results"]]
    assert results[0]["locations"][0]["logicalLocations"][0]["name"] == HOSTILE


def test_json_on_the_terminal_is_inert(tmp_path: Path) -> None:
    result = run("scan", "-i", str(hostile_snapshot(tmp_path)), "-f", "json")
    assert result.exit_code == 1
    assert_terminal_safe(result.stdout)
    assert json.loads(result.stdout)["findings"][0]["resource"]["name"] == HOSTILE


def test_error_line_escapes_a_hostile_path(tmp_path: Path) -> None:
    missing = tmp_path / "x\x1b[2J\u202e.json"
    result = run("scan", "-i", str(missing))
    assert result.exit_code == 2
    assert_terminal_safe(result.output)
    assert "x\\x1b[2J\\u202e.json: cannot read inventory snapshot" in result.output


def test_progress_shows_account_names_escaped_and_not_as_markup(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a person at a terminal sees while collecting: rich's own colours, nothing from the cloud."""
    monkeypatch.setenv("FORCE_COLOR", "1")  # render as on a terminal
    with TerminalProgress("gcp") as progress:
        progress.add(2)
        progress.advance("proj\x1b]0;PWNED\x07 [/] storage\u202e.buckets.list")
    shown = capsys.readouterr().err
    assert "proj\\x1b]0;PWNED\\x07 [/] storage\\u202e.buckets.list" in shown
    for char in ("\x1b]", "\x07", "\u202e"):
        assert char not in shown


# --- a lone surrogate (HCL "\uD800") in a value: every report written, valid UTF-8 --------


def test_lone_surrogate_in_terraform_is_one_file_error_and_every_report_is_written(tmp_path: Path) -> None:
    """Terraform rejects a lone-surrogate escape, so cloudscan reports that file and scans the rest."""
    source = tmp_path / "infra"
    source.mkdir()
    (source / "bad.tf").write_text(
        'resource "google_storage_bucket" "b" {\n  name = "evil\\uD800name"\n  location = "US"\n}\n'
    )
    (source / "good.tf").write_text(
        'resource "google_storage_bucket" "open" {\n  name = "open-bucket"\n  location = "US"\n}\n'
    )
    reports = {ext: tmp_path / f"r.{ext}" for ext in ("json", "sarif", "txt")}
    args = [arg for path in reports.values() for arg in ("-o", str(path))]
    result = run("scan", "--terraform", str(source), *args)
    assert result.exit_code == 1, result.output  # findings take precedence over a partial scan (3)
    texts = {ext: path.read_bytes().decode("utf-8") for ext, path in reports.items()}  # strict UTF-8
    document = json.loads(texts["json"])
    assert {f["resource"]["name"] for f in document["findings"]} == {"open-bucket"}
    assert any("bad.tf" in json.dumps(error) for error in document["errors"])
    assert check_sarif_file(reports["sarif"].read_bytes()) == []


def test_a_lone_surrogate_reaching_a_writer_is_written_as_its_json_escape() -> None:
    """No source lets one through today; the writers still never crash on one (defence in depth)."""
    data = encode_json({"name": "evil\ud800name"}, indent=2)
    assert b'"evil\\ud800name"' in data
    data.decode("utf-8")  # strict UTF-8
    assert json.loads(data) == {"name": "evil\ud800name"}


# --- SARIF categories: two accounts never share one -------------------------------------


def test_colliding_account_names_get_distinct_categories(tmp_path: Path) -> None:
    accounts = ["a/b", "a_b", "a%2Fb", "a%5Fb", "a\\b", "", ".", "..", "%2E", "a b"]
    resources = [
        {**SSH_OPEN, "account": account, "id": f"fw-{i}", "name": f"open-{i}"}
        for i, account in enumerate(accounts)
    ]
    error = {"provider": "gcp", "account": "a/b/collection-errors", "service": "s", "operation": "o"}
    error |= {"message": "denied", "code": "403"}
    snapshot = snapshot_file(tmp_path / "accounts.json", resources, errors=[error])
    report = tmp_path / "r.sarif"
    result = run("scan", "-i", str(snapshot), "-o", str(report), "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert check_sarif_file(report.read_bytes()) == []  # includes "runs share a category"
    ids = [run_["automationDetails"]["id"] for run_ in json.loads(report.read_text())["runs"]]
    assert len(ids) == len(set(ids)) == len(accounts) + 1
    assert "cloudscan/gcp/a_b/" in ids  # "/" is still "_": Terraform roots keep their category
    assert "cloudscan/gcp/a%5Fb/" in ids
    assert "cloudscan/gcp/a_b_collection-errors/collection-errors/" in ids
    assert "cloudscan/gcp/%2E/" in ids  # the empty account
    assert "cloudscan/gcp/proj-1/" not in ids
