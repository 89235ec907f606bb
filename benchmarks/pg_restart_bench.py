"""PostgreSQL restarted under the bot: does it keep answering, and is any vote lost?

A private PostgreSQL cluster (``initdb`` as the ``postgres`` user, in a temporary folder, on a
free port; never a shared server) serves the bot (``run_bot.py``) against the loopback fake
Discord. Readers vote on a ``/quote`` reply (one reaction every :data:`VOTE_INTERVAL` seconds) and
run ``/quote`` (one every :data:`QUOTE_INTERVAL` seconds) for :data:`BEFORE` seconds; then the
server is restarted (``pg_ctl restart -m fast``: every connection is cut) and the load goes on for
:data:`AFTER` seconds. Reported: the restart's length, /quote answers (good, with an error
message, none), the first good answer after the restart, and votes sent vs stored (lost).

Run: ``python run_bot.py bench pg-restart`` (needs the PostgreSQL server binaries and root or the
``postgres`` user to run them).
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from benchmarks.live import FAKE_DEADLINE, READY_LINE, BotProcess, FakeDiscord, bot_env, payloads, progress
from benchmarks.report import machine_line, render_markdown, render_plain

VOTE_INTERVAL = 0.05
QUOTE_INTERVAL = 0.2
BEFORE, AFTER = 3.0, 12.0
HEADER = ["restart s", "quotes", "answered", "with an error", "unanswered", "first good answer after restart s",
          "votes sent", "votes stored", "lost"]


@dataclass
class Outcome:
    restart_seconds: float = 0.0
    quotes: int = 0
    good: int = 0
    errors: int = 0
    unanswered: int = 0
    recovered_after: float | None = None
    votes_sent: int = 0
    votes_stored: int = 0
    good_at: list[float] = field(default_factory=list)

    def row(self) -> list[str]:
        recovered = "-" if self.recovered_after is None else f"{self.recovered_after:.1f}"
        return [f"{self.restart_seconds:.1f}", str(self.quotes), str(self.good), str(self.errors), str(self.unanswered),
                recovered, str(self.votes_sent), str(self.votes_stored), str(self.votes_sent - self.votes_stored)]


def server_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise SystemExit("bench pg-restart needs the PostgreSQL server binaries (initdb, pg_ctl)")
    return Path(initdb).parent


def as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, cwd="/tmp")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateCluster:
    def __init__(self, folder: Path) -> None:
        self.data = folder / "data"
        self.port = free_port()
        self.bin = server_bin()
        folder.chmod(0o777)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1"
        as_postgres(str(self.bin / "pg_ctl"), *args, "-D", str(self.data), "-w", "-o", options,
                    "-l", str(self.data.parent / "server.log"))

    def start(self) -> None:
        as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.pg_ctl("start")

    def restart(self) -> float:
        started = time.perf_counter()
        self.pg_ctl("restart", "-m", "fast")
        return time.perf_counter() - started

    def stop(self) -> None:
        as_postgres(str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-w")


async def quotes(fake: FakeDiscord, outcome: Outcome, until: float, started: float) -> None:
    while time.perf_counter() < until:
        outcome.quotes += 1
        try:
            reply = await fake.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}), timeout=10)
        except AssertionError:
            outcome.unanswered += 1
            continue
        content = str(reply.json)
        if "embeds" in content and "not answering" not in content:
            outcome.good += 1
            outcome.good_at.append(time.perf_counter() - started)
        else:
            outcome.errors += 1
        await asyncio.sleep(QUOTE_INTERVAL)


async def vote(fake: FakeDiscord, message_id: str, outcome: Outcome, until: float) -> None:
    number = 0
    while time.perf_counter() < until:
        await fake.react(message_id, "⭐", payloads.Person(1_440_000_000_000_000_000 + number, f"voter{number}"))
        number += 1
        outcome.votes_sent += 1
        await asyncio.sleep(VOTE_INTERVAL)


async def measure(cluster: PrivateCluster) -> Outcome:
    outcome = Outcome()
    fake = FakeDiscord(interaction_deadline=FAKE_DEADLINE)
    await fake.start()
    bot = await BotProcess.start(bot_env(fake, cluster.url, {"LOG_LEVEL": "INFO"}))
    try:
        await bot.wait_for_log(READY_LINE, timeout=300)
        reply = await fake.interact(payloads.slash_command("quote", {"text": "Hello from the other side."}))
        message_id = reply.response["resource"]["message"]["id"]
        started = time.perf_counter()
        until = started + BEFORE + AFTER
        load = asyncio.gather(quotes(fake, outcome, until, started), vote(fake, message_id, outcome, until))
        await asyncio.sleep(BEFORE)
        progress("restarting PostgreSQL")
        outcome.restart_seconds = await asyncio.to_thread(cluster.restart)
        restarted_at = time.perf_counter() - started
        await load
        after = [at for at in outcome.good_at if at > restarted_at]
        outcome.recovered_after = after[0] - restarted_at if after else None
        await asyncio.sleep(3)  # votes still on their way
        connection = await asyncpg.connect(cluster.url)
        try:
            outcome.votes_stored = await connection.fetchval(
                "SELECT COUNT(*) FROM reaction_votes WHERE message_id = $1 AND present = 1", int(message_id)
            )
        finally:
            await connection.close()
        await bot.stop(timeout=30)
    finally:
        await bot.kill()
        await fake.close()
    for traceback in bot.tracebacks():
        progress(f"the bot logged a traceback:\n{traceback}")
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench pg-restart", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="folio-pg-restart-") as scratch:
        cluster = PrivateCluster(Path(scratch))
        cluster.start()
        try:
            outcome = asyncio.run(measure(cluster))
        finally:
            cluster.stop()
    render = render_markdown if args.markdown else render_plain
    print(render(HEADER, [outcome.row()]))
    print()
    print(f"/quote every {QUOTE_INTERVAL} s and a vote every {VOTE_INTERVAL} s, {BEFORE:.0f} s before and"
          f" {AFTER:.0f} s after a fast restart of a private PostgreSQL. {machine_line()}.")
    return 0
