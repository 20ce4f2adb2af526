"""`calibrate --json` runs every target group whole and prints plain JSON."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import run

pytestmark = pytest.mark.slow  # every calibration group, end to end


def test_calibrate_json_runs_every_group_and_every_target_passes() -> None:
    out = run("calibrate", "--runs", "30", "--json")
    assert out.returncode == 0, out.stderr
    checks = json.loads(out.stdout)
    groups = {c["name"].split(":")[0].split(",")[0] for c in checks}
    assert len(checks) >= 30 and len(groups) >= 5
    assert all(isinstance(c["passed"], bool) for c in checks)
    failed = [c["name"] for c in checks if not c["passed"]]
    assert not failed, failed
