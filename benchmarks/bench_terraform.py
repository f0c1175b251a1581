"""cloudscan vs Checkov on the same Terraform corpora: wall time, peak RSS, violations caught, false alarms.

Why: issue #5 sets targets against Checkov at 5,000 resources (plan JSON >= 10x faster, HCL >= 3x
faster, more known violations caught, no false alarm). This script measures both tools side by side
on the corpora of ``generate_terraform.py`` (an HCL directory and the equivalent plan JSON, with a
manifest of planted violations and decoys).

For each size and each input (``hcl``, ``plan``) every tool runs once per ``--repeat`` in its own child
process; wall time and peak RSS are the medians. Peak RSS is read by the child itself (``VmHWM``, see
``child_rss.py``): ``os.wait4``'s ``ru_maxrss`` would include this script's own size at fork.
Checkov is installed on first use into ``benchmarks/out/checkov-venv`` (``python3 -m venv`` +
``pip install checkov``) so it never mixes with the project's virtualenv.

Scoring: a planted violation (address, kind) is *caught* when the tool reports that kind on the
violating resource or on one of its companion resources (the ACL or IAM member that makes a bucket
public, the connection that makes a database public). cloudscan kinds are its rule ids; Checkov
check ids are translated by ``CHECKOV_KINDS`` below. A decoy is a *false alarm* when the tool reports
one of the decoy's ``must_not`` kinds on it or its companions. Other findings are counted, not scored.

    python benchmarks/bench_terraform.py                       # 100, 1,000, 5,000 resources
    python benchmarks/bench_terraform.py --sizes 100,1000 --repeat 3
    python benchmarks/bench_terraform.py --sizes 1000 --no-checkov --details   # cloudscan only

``--details`` prints, per tool and input, caught/expected for every violation kind and false
alarms/decoys for every decoy category (the part of the form before ``:``, e.g. ``gcp firewall
expression``), which is where the issue #12 constructs (``for`` expressions, operators, functions,
databases outside a private network) are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import child_rss  # noqa: E402
from generate_terraform import generate  # noqa: E402

OUT = HERE / "out"
CHECKOV_VENV = OUT / "checkov-venv"
CLOUDSCAN = REPO / ".venv" / "bin" / "cloudscan"

SSH = "firewall.ssh-open-to-internet"
RDP = "firewall.rdp-open-to-internet"
DBPORT = "firewall.database-port-open-to-internet"

# Checkov check id -> the cloudscan violation kinds it stands for. Ids and titles are read from
# checkov's source (bridgecrewio/checkov, checkov/terraform/checks/...), version printed at run time.
# A check that covers only part of a kind (CKV_GCP_88 is MySQL 3306 only) still maps to the kind:
# credit is given where the check fires. No Checkov check covers ACR EE repositories
# (alicloud_cr_ee_repo) or RAM login profiles without MFA (alicloud_ram_login_profile).
CHECKOV_KINDS: dict[str, tuple[str, ...]] = {
    # resource/gcp/GoogleComputeFirewallUnrestrictedIngress22.py
    # "Ensure Google compute firewall ingress does not allow unrestricted ssh access"
    "CKV_GCP_2": (SSH,),
    # resource/gcp/GoogleComputeFirewallUnrestrictedIngress3389.py  "... unrestricted rdp access"
    "CKV_GCP_3": (RDP,),
    # resource/gcp/GoogleComputeFirewallUnrestrictedIngress3306.py  "... unrestricted mysql access"
    "CKV_GCP_88": (DBPORT,),
    # graph_checks/gcp/GCPComputeFirewallOverlyPermissiveToAllTraffic.json
    # "Ensure GCP compute firewall ingress does not allow unrestricted access to all ports"
    # (all ports include ours)
    "CKV2_GCP_12": (SSH, RDP, DBPORT),
    # resource/alicloud/SecurityGroupUnrestrictedIngress22.py, ...3389.py
    # "Ensure no security groups allow ingress from 0.0.0.0:0 to port 22" / "... 3389"
    "CKV_ALI_2": (SSH,),
    "CKV_ALI_3": (RDP,),
    # graph_checks/alicloud/OSSBucketPublic.json "Alibaba Cloud OSS bucket accessible to public"
    "CKV_ALI_1": ("bucket.public-read", "bucket.public-write"),
    # resource/gcp/GoogleStorageBucketNotPublic.py
    # "Ensure that Cloud Storage bucket is not anonymously or publicly accessible"
    "CKV_GCP_28": ("bucket.public-read",),
    # resource/alicloud/OSSBucketEncryptedWithCMK.py "Ensure OSS bucket is encrypted with Customer Master Key"
    # (stricter than ours: AES256 fails it, so AES256-encrypted decoys count against it)
    "CKV_ALI_6": ("bucket.encryption-disabled",),
    # resource/gcp/GoogleCloudSqlServerNoPublicIP.py "Ensure Cloud SQL database does not have public IP"
    "CKV_GCP_60": ("database.public-endpoint",),
    # resource/gcp/GoogleCloudSqlDatabasePubliclyAccessible.py
    # "Ensure that Cloud SQL database Instances are not open to the world"
    "CKV_GCP_11": ("database.allows-all-networks",),
    # resource/alicloud/RDSIsPublic.py "Ensure database instance is not public" (security_ips 0.0.0.0/0)
    "CKV_ALI_9": ("database.allows-all-networks", "database.public-endpoint"),
    # resource/gcp/ArtifactRegistryPrivateRepo.py
    # "Ensure that Artifact Registry repositories are not anonymously or publicly accessible"
    "CKV_GCP_101": ("registry.repository-public",),
    # resource/gcp/GoogleProjectBasicRole.py "Ensure basic roles are not used at project level."
    "CKV_GCP_117": ("iam.primitive-role-binding",),
    # resource/alicloud/RAMPasswordPolicyLength.py
    # "Ensure RAM password policy requires minimum length of 14 or greater"
    "CKV_ALI_13": ("password-policy.min-length",),
}


@dataclass
class Run:
    """One tool on one input: medians over the repeats, and the findings of the last run."""

    tool: str
    input: str
    size: int
    wall: float | None = None
    rss_mb: float | None = None
    findings: set[tuple[str, str]] = field(default_factory=set)
    other: int = 0
    note: str = ""


def key(address: str) -> str:
    """``module.m.TYPE.NAME`` or ``TYPE.NAME[0]`` -> ``TYPE.NAME`` (names are unique in a corpus)."""
    parts = address.split("[")[0].split(".")
    return ".".join(parts[-2:])


def measure(cmd: list[str], stdout: Path, env: dict[str, str] | None = None) -> tuple[int, float, float]:
    """Run ``cmd`` in a child process; return (exit code, wall seconds, the child's own peak RSS in MB)."""
    measured = child_rss.measure(cmd, stdout, env)
    if measured.stderr:
        stdout.with_suffix(".stderr").write_bytes(measured.stderr)
    return measured.exit_code, measured.wall, measured.peak_mb


def ensure_checkov() -> Path:
    exe = CHECKOV_VENV / "bin" / "checkov"
    if not exe.exists():
        print(f"installing checkov into {CHECKOV_VENV} ...", file=sys.stderr)
        subprocess.run(["python3", "-m", "venv", str(CHECKOV_VENV)], check=True)
        subprocess.run([str(CHECKOV_VENV / "bin" / "pip"), "install", "-q", "checkov"], check=True)
    return exe


def cloudscan_available() -> str:
    """'' when ``cloudscan scan --terraform`` exists, else why not."""
    if not CLOUDSCAN.exists():
        return f"{CLOUDSCAN} not found"
    helptext = subprocess.run([str(CLOUDSCAN), "scan", "--help"], capture_output=True, text=True).stdout
    return "" if "--terraform" in helptext else "no --terraform option yet"


def run_cloudscan(corpus: Path, inp: str, size: int, repeat: int, why_not: str) -> Run:
    run = Run("cloudscan", inp, size)
    if why_not:
        run.note = f"cloudscan: not available ({why_not})"
        return run
    target = corpus / ("hcl" if inp == "hcl" else "plan.json")
    report = OUT / f"tf-cloudscan-{size}-{inp}.json"
    walls, rss = [], []
    for _ in range(repeat):
        report.unlink(missing_ok=True)
        cmd = [str(CLOUDSCAN), "scan", "--terraform", str(target), "--format", "json"]
        cmd += ["--output", str(report), "--fail-on", "none", "--quiet"]
        code, wall, peak = measure(cmd, OUT / f"tf-cloudscan-{size}-{inp}.stdout")
        if code not in (0, 1) or not report.exists():
            err = OUT / f"tf-cloudscan-{size}-{inp}.stderr"
            tail = err.read_text(errors="replace").strip().splitlines()[-1:] if err.exists() else []
            run.note = f"cloudscan: failed (exit {code}) {' '.join(tail)}"[:160]
            return run
        walls.append(wall)
        rss.append(peak)
    run.wall, run.rss_mb = statistics.median(walls), statistics.median(rss)
    doc = json.loads(report.read_text())
    for finding in doc.get("findings", []):
        res = finding.get("resource", {})
        address = res.get("address") or res.get("id") or res.get("name", "")
        run.findings.add((key(address), finding["rule_id"]))
    errors = doc.get("errors") or []
    if errors:
        run.note = f"{len(errors)} scan errors"
    return run


def checkov_results(doc: Any) -> list[dict[str, Any]]:
    reports = doc if isinstance(doc, list) else [doc]
    failed = []
    for rep in reports:
        if isinstance(rep, dict):
            failed.extend(rep.get("results", {}).get("failed_checks", []))
    return failed


def run_checkov(exe: Path, corpus: Path, inp: str, size: int, repeat: int) -> Run:
    run = Run("checkov", inp, size)
    if inp == "hcl":
        cmd = [str(exe), "-d", str(corpus / "hcl"), "--framework", "terraform"]
    else:
        cmd = [str(exe), "-f", str(corpus / "plan.json"), "--framework", "terraform_plan"]
    cmd += ["-o", "json", "--compact", "--quiet", "--skip-download"]
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    out = OUT / f"tf-checkov-{size}-{inp}.json"
    walls, rss = [], []
    for _ in range(repeat):
        code, wall, peak = measure(cmd, out, env)
        if code not in (0, 1):
            run.note = f"checkov: failed (exit {code})"
            return run
        walls.append(wall)
        rss.append(peak)
    run.wall, run.rss_mb = statistics.median(walls), statistics.median(rss)
    for check in checkov_results(json.loads(out.read_text() or "[]")):
        kinds = CHECKOV_KINDS.get(check["check_id"])
        if kinds is None:
            run.other += 1
            continue
        for kind in kinds:
            run.findings.add((key(check["resource"]), kind))
    return run


def score(run: Run, manifest: dict[str, Any]) -> tuple[int, int, int, int]:
    """(caught, expected, decoys falsely flagged, decoys)."""
    expected = [v for v in manifest["violations"] if run.input in v["inputs"]]
    caught = 0
    for v in expected:
        keys = {key(v["address"]), *(key(a) for a in v["also"])}
        caught += any((k, v["kind"]) in run.findings for k in keys)
    false = 0
    for d in manifest["decoys"]:
        keys = {key(d["address"]), *(key(a) for a in d["also"])}
        false += any((k, kind) in run.findings for k in keys for kind in d["must_not"])
    return caught, len(expected), false, len(manifest["decoys"])


def missed_by_kind(run: Run, manifest: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in manifest["violations"]:
        if run.input not in v["inputs"]:
            continue
        keys = {key(v["address"]), *(key(a) for a in v["also"])}
        if not any((k, v["kind"]) in run.findings for k in keys):
            out[v["kind"]] = out.get(v["kind"], 0) + 1
    return out


def false_by_form(run: Run, manifest: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in manifest["decoys"]:
        keys = {key(d["address"]), *(key(a) for a in d["also"])}
        if any((k, kind) in run.findings for k in keys for kind in d["must_not"]):
            out[d["form"]] = out.get(d["form"], 0) + 1
    return out


def caught_by_kind(run: Run, manifest: dict[str, Any]) -> dict[str, str]:
    """Violation kind -> "caught/expected"."""
    tally: dict[str, list[int]] = {}
    for v in manifest["violations"]:
        if run.input not in v["inputs"]:
            continue
        keys = {key(v["address"]), *(key(a) for a in v["also"])}
        entry = tally.setdefault(v["kind"], [0, 0])
        entry[0] += any((k, v["kind"]) in run.findings for k in keys)
        entry[1] += 1
    return {kind: f"{c}/{n}" for kind, (c, n) in sorted(tally.items())}


def caught_by_category(run: Run, manifest: dict[str, Any]) -> dict[str, str]:
    """Violation category (its form up to ``:``) -> "caught/expected" (a violation of several kinds
    counts once per kind)."""
    tally: dict[str, list[int]] = {}
    for v in manifest["violations"]:
        if run.input not in v["inputs"]:
            continue
        keys = {key(v["address"]), *(key(a) for a in v["also"])}
        entry = tally.setdefault(v["form"].split(":")[0], [0, 0])
        entry[0] += any((k, v["kind"]) in run.findings for k in keys)
        entry[1] += 1
    return {cat: f"{c}/{n}" for cat, (c, n) in sorted(tally.items())}


def false_by_category(run: Run, manifest: dict[str, Any]) -> dict[str, str]:
    """Decoy category (its form up to ``:``) -> "false alarms/decoys"."""
    tally: dict[str, list[int]] = {}
    for d in manifest["decoys"]:
        keys = {key(d["address"]), *(key(a) for a in d["also"])}
        entry = tally.setdefault(d["form"].split(":")[0], [0, 0])
        entry[0] += any((k, kind) in run.findings for k in keys for kind in d["must_not"])
        entry[1] += 1
    return {cat: f"{f}/{n}" for cat, (f, n) in sorted(tally.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--details", action="store_true", help="print caught/false alarms per kind and category"
    )
    parser.add_argument("--no-checkov", action="store_true", help="measure cloudscan only")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    exe = None if args.no_checkov else ensure_checkov()
    version = (
        subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
        if exe
        else "not run"
    )
    why_not = cloudscan_available()
    print(
        f"checkov {version}; cloudscan: {why_not or 'available'}; {os.cpu_count()} CPUs; repeat {args.repeat}"
    )
    header = f"{'tool':<10} {'input':<5} {'size':>5} {'wall s':>8} {'RSS MB':>7} {'ratio':>6} "
    header += f"{'caught':>9} {'missed':>6} {'false alarms':>12}  note"
    print(header)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = OUT / f"terraform-{size}-seed{args.seed}"
        if not (corpus / "manifest.json").exists():
            generate(size, args.seed, OUT)
        manifest = json.loads((corpus / "manifest.json").read_text())
        for inp in ("hcl", "plan"):
            ck = run_checkov(exe, corpus, inp, size, args.repeat) if exe else None
            cs = run_cloudscan(corpus, inp, size, args.repeat, why_not)
            for run in (cs, ck) if ck else (cs,):
                if run.wall is None:
                    print(
                        f"{run.tool:<10} {inp:<5} {size:>5} {'-':>8} {'-':>7} {'-':>6} {'-':>9} {'-':>6} "
                        f"{'-':>12}  {run.note}"
                    )
                    continue
                caught, expected, false, decoys = score(run, manifest)
                ratio = ck.wall / run.wall if ck and ck.wall and run.wall else 0.0
                print(
                    f"{run.tool:<10} {inp:<5} {size:>5} {run.wall:>8.2f} {run.rss_mb:>7.0f} {ratio:>5.1f}x "
                    f"{caught:>4}/{expected:<4} {expected - caught:>6} {false:>5}/{decoys:<6}  {run.note}"
                )
                if args.details:
                    print(f"{'':>10} caught by kind: {caught_by_kind(run, manifest)}")
                    print(f"{'':>10} caught by category: {caught_by_category(run, manifest)}")
                    print(f"{'':>10} false alarms by category: {false_by_category(run, manifest)}")
                    print(f"{'':>10} false alarms by decoy form: {false_by_form(run, manifest)}")
                results.append(
                    {
                        "tool": run.tool,
                        "input": inp,
                        "size": size,
                        "wall_s": run.wall,
                        "peak_rss_mb": run.rss_mb,
                        "caught": caught,
                        "expected": expected,
                        "false_alarms": false,
                        "decoys": decoys,
                        "missed_by_kind": missed_by_kind(run, manifest),
                        "caught_by_kind": caught_by_kind(run, manifest),
                        "caught_by_category": caught_by_category(run, manifest),
                        "false_alarms_by_category": false_by_category(run, manifest),
                        "false_alarms_by_form": false_by_form(run, manifest),
                        "unmapped_checkov_findings": run.other,
                    }
                )
    (OUT / "bench-terraform.json").write_text(
        json.dumps({"checkov": version, "runs": results}, indent=1) + "\n"
    )
    print(
        "ratio = checkov wall time / this tool's wall time on the same input; "
        f"details in {OUT / 'bench-terraform.json'}"
    )


if __name__ == "__main__":
    main()
