"""A large snapshot is decoded a batch of records at a time: the same records, the same errors.

``load_snapshot(..., batch_bytes=...)`` is given a small batch here so that a
snapshot of a couple of thousand resources is cut into many batches, as a
snapshot of a million resources is with the default.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from scanner.inventory import Inventory, SnapshotError, load_snapshot
from scanner.inventory.snapshot import encode_snapshot, parse_snapshot

ROOT = Path(__file__).resolve().parent.parent
SMALL_BATCH = 64 * 1024


@pytest.fixture(scope="module")
def snapshot_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batches") / "inventory.json"
    script = ROOT / "benchmarks" / "generate_inventory.py"
    done = subprocess.run(
        [sys.executable, str(script), "-n", "2500", "-s", "7", "-o", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return path


def whole(path: Path) -> bytes:
    return encode_snapshot(parse_snapshot(path.read_bytes(), str(path)))


def test_batches_give_the_records_a_whole_read_gives(snapshot_file: Path) -> None:
    assert snapshot_file.stat().st_size > 20 * SMALL_BATCH  # many batches, not one
    batched = load_snapshot(snapshot_file, batch_bytes=SMALL_BATCH, batched_from=0)
    assert len(batched.resources) == 2500
    assert encode_snapshot(batched) == whole(snapshot_file)
    assert len(Inventory(batched.resources)) == 2500


def test_equal_values_are_shared_and_records_stay_equal(snapshot_file: Path) -> None:
    batched = load_snapshot(snapshot_file, batch_bytes=SMALL_BATCH, batched_from=0)
    plain = msgspec.json.decode(snapshot_file.read_bytes())["resources"]
    assert msgspec.json.decode(msgspec.json.encode(batched.resources)) == plain
    origins = {id(r.origin) for r in batched.resources}
    assert len(origins) < 50  # one object per distinct origin, not one per record
    accounts = {id(r.account) for r in batched.resources}
    assert len(accounts) == len({r.account for r in batched.resources})


def rewrite(path: Path, out: Path, index: int, change: dict[str, object]) -> Path:
    document = msgspec.json.decode(path.read_bytes())
    document["resources"][index].update(change)
    out.write_bytes(msgspec.json.encode(document))
    return out


@pytest.mark.parametrize("problem", ["type", "depth"])
def test_an_error_in_a_middle_batch_reads_as_a_whole_read_says(
    snapshot_file: Path, tmp_path: Path, problem: str
) -> None:
    change = {"name": 5} if problem == "type" else {"native": _deep(140)}
    bad = rewrite(snapshot_file, tmp_path / "bad.json", 1200, change)
    with pytest.raises(SnapshotError) as whole_error:
        parse_snapshot(bad.read_bytes(), str(bad))
    with pytest.raises(SnapshotError) as batched_error:
        load_snapshot(bad, batch_bytes=SMALL_BATCH, batched_from=0)
    assert str(batched_error.value) == str(whole_error.value)


def _deep(levels: int) -> object:
    value: object = []
    for _ in range(levels):
        value = [value]
    return {"deep": value}


def test_a_record_that_looks_like_a_cut_inside_native_is_kept_whole(
    snapshot_file: Path, tmp_path: Path
) -> None:
    """``native`` lists of objects with a ``kind`` key hold the separator: no record is split there."""
    items = [{"kind": "compute#item", "n": i} for i in range(4000)]  # ~100 KB of separators in one record
    odd = rewrite(snapshot_file, tmp_path / "odd.json", 1300, {"native": {"items": items}})
    batched = load_snapshot(odd, batch_bytes=SMALL_BATCH, batched_from=0)
    assert encode_snapshot(batched) == whole(odd)


def test_a_duplicate_across_batches_is_named(snapshot_file: Path, tmp_path: Path) -> None:
    document = msgspec.json.decode(snapshot_file.read_bytes())
    first_id = document["resources"][3]["id"]
    dup = rewrite(snapshot_file, tmp_path / "dup.json", 2400, {"id": first_id})
    with pytest.raises(SnapshotError, match="duplicate resource id"):
        load_snapshot(dup, batch_bytes=SMALL_BATCH, batched_from=0)
