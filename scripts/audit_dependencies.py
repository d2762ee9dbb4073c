"""Audit the locked dependencies (requirements.lock) for known vulnerabilities with pip-audit.

A finding fails the build unless security/pip-audit-ignore.toml lists it with a reason. When the
vulnerability service cannot be reached (a closed network), pip-audit can audit nothing: that is
reported loudly, and fails the build only with AUDIT_STRICT=1 (set it where the network is open).
Bandit findings accepted here (nosec): B404/B603, it runs our own venv's pip-audit, a fixed
command on our own lock file.
"""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
IGNORE = ROOT / "security" / "pip-audit-ignore.toml"


def main() -> int:
    accepted = {entry["id"]: entry for entry in tomllib.loads(IGNORE.read_text())["ignore"]}
    missing_reason = [key for key, entry in accepted.items() if not entry.get("reason")]
    if missing_reason:
        print(f"pip-audit: ignored findings need a reason: {', '.join(missing_reason)}")
        return 1
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(  # noqa: S603  # nosec B603
        [
            str(pip_audit),
            "-r",
            str(LOCK),
            "--no-deps",
            "--disable-pip",
            "-f",
            "json",
            "--progress-spinner",
            "off",
            "--timeout",
            "30",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print("pip-audit failed:", result.stderr.strip()[-2000:])
        return 1
    deps = report["dependencies"]
    skipped = [d for d in deps if "skip_reason" in d]
    findings = [(d["name"], d["version"], v) for d in deps for v in d.get("vulns", [])]
    unaccepted = [f for f in findings if f[2]["id"] not in accepted]
    for name, version, vuln in findings:
        note = "accepted: " + accepted[vuln["id"]]["reason"] if vuln["id"] in accepted else "FAIL"
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
        print(f"pip-audit: {name} {version} {vuln['id']} (fixed in {fixed}) {note}")
    audited = len(deps) - len(skipped)
    print(
        f"pip-audit: {len(deps)} locked packages, {audited} audited, {len(skipped)} not audited, "
        f"{len(findings)} findings, {len(unaccepted)} not accepted"
    )
    if skipped and audited == 0:
        print("pip-audit: WARNING the vulnerability service was unreachable; nothing was audited")
        if os.getenv("AUDIT_STRICT") == "1":
            return 1
    elif skipped:
        print("pip-audit: not audited: " + ", ".join(d["name"] for d in skipped))
    return 1 if unaccepted else 0


if __name__ == "__main__":
    sys.exit(main())
