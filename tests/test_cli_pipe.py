"""Every command of run_bot.py ends quietly when the reader of its output has gone (`| head -n 1`)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fake_discord.bot_process import database_env

ROOT = Path(__file__).resolve().parents[1]
TOKEN = base64.urlsafe_b64encode(b"123456789012345678").decode().rstrip("=") + ".GhIjKl.secret"

COMMANDS = [
    ["works"],
    ["quote", "--json", "hello from the other side"],
    ["quote", "hello from the other side"],
    ["ask", "--json", "why did Derek come back?"],
    ["trivia", "--count", "3", "--json"],
    ["speakers", "--json"],
    ["characters"],
    ["invite-url"],
    ["--help"],
    ["bench", "--help"],
]


def _run_into_a_closed_pipe(args: list[str], database: Path | str) -> subprocess.CompletedProcess[bytes]:
    """Run `run_bot.py args` with standard output a pipe whose reading end is already closed."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    environment.update({**database_env(database), "LOG_LEVEL": "WARNING", "DISCORD_TOKEN": TOKEN})
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes its first byte
    try:
        return subprocess.run(
            [sys.executable, "run_bot.py", *args],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=environment,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_command_writing_into_a_closed_pipe_ends_quietly(args: list[str], database_target: Path | str) -> None:
    result = _run_into_a_closed_pipe(args, database_target)
    assert result.stderr.decode() == ""
    assert result.returncode == 0


def test_errors_still_reach_stderr_in_a_closed_pipe(database_target: Path | str) -> None:
    result = _run_into_a_closed_pipe(["quote", "--work", "no-such-work", "hello"], database_target)
    assert result.returncode == 1 and result.stderr.decode().startswith("error: ")
