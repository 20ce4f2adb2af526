"""Killing the game while it saves loses nothing: the save is the old one or the new one.

A writer process saves in a loop, alternating two games over one file that already holds
a good save, and is killed with SIGKILL at a random moment, many times. After each kill
the file must be exactly one of the two saves, whole, and load; a temporary file left
beside it shows that the kill landed in the middle of a write.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.core.model import Rules
from game.save import GameRecord, load_save, save_game
from game.save.document import serialize
from tests.save.conftest import play

ROOT = Path(__file__).resolve().parents[2]
FORKED_KILLS = int(os.environ.get("AIR_PRESSURE_KILLS", "200"))
PROCESS_KILLS = 5

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

# One interpreter imports the save code once, then forks a fresh writer per kill.
FORK_SERVER = r"""
import json, os, sys
from pathlib import Path
from game.save.storage import write_document
target = Path(sys.argv[1])
docs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:4]]
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        i = 0
        while True:
            write_document(target, docs[i % 2])
            i += 1
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""

# A whole new process per kill, as when the player's game dies.
WRITER = r"""
import json, sys
from pathlib import Path
from game.save.storage import write_document
target = Path(sys.argv[1])
docs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[2:4]]
print("ready", flush=True)
i = 0
while True:
    write_document(target, docs[i % 2])
    i += 1
"""


def _two_saves(suiho: Rules, folder: Path) -> tuple[Path, Path, set[bytes]]:
    record = play(GameRecord.new(suiho, 8), 2)
    a = record.to_save()
    play(record, 1)
    b = record.to_save()
    paths = (folder / "a.json", folder / "b.json")
    for path, doc in zip(paths, (a, b), strict=True):
        path.write_bytes(serialize(doc))
    return paths[0], paths[1], {serialize(a), serialize(b)}


def _check_intact(target: Path, rules: Rules, versions: set[bytes]) -> int:
    """The save is one of the two, whole and loadable; returns temp files found (and removes them)."""
    assert target.read_bytes() in versions
    assert load_save(target, rules).state.turn in (3, 4)
    temps = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    for p in temps:
        p.unlink()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    return len(temps)


@pytest.mark.slow  # kills many writers
def test_forked_writers_killed_mid_save_leave_a_whole_save(
    tmp_path: Path, suiho: Rules, record: GameRecord
) -> None:
    a, b, versions = _two_saves(suiho, tmp_path)
    folder = tmp_path / "saves"
    target = folder / "campaign.json"
    save_game(target, record)  # an existing good save (turn 3)
    versions.add(target.read_bytes())
    server = subprocess.Popen(
        [sys.executable, "-c", FORK_SERVER, str(target), str(a), str(b)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    rnd = random.Random(1952)
    mid_write = 0
    try:
        for _ in range(FORKED_KILLS):
            server.stdin.write("go\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            time.sleep(rnd.uniform(0.0, 0.02))
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline().strip() == "reaped"
            mid_write += _check_intact(target, suiho, versions)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    print(f"{FORKED_KILLS} writers killed, {mid_write} in the middle of a write")
    assert mid_write > 0, "no kill landed inside a write; the test proved nothing"


@pytest.mark.slow  # kills many writers
def test_a_saving_process_killed_outright_leaves_a_whole_save(
    tmp_path: Path, suiho: Rules, record: GameRecord
) -> None:
    a, b, versions = _two_saves(suiho, tmp_path)
    target = tmp_path / "saves" / "campaign.json"
    save_game(target, record)
    versions.add(target.read_bytes())
    rnd = random.Random(53)
    for _ in range(PROCESS_KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(a), str(b)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rnd.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        _check_intact(target, suiho, versions)
