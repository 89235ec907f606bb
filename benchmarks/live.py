"""Driving the real bot process against the loopback fake Discord, for the benchmarks that measure it.

Shared by :mod:`benchmarks.memory_bench` and :mod:`benchmarks.import_stall_bench`.
The bot is ``run_bot.py`` of a checkout (this one, or another given by path,
such as an older commit checked out with ``git worktree add``), started with
this interpreter, from that checkout, against a
:class:`~fake_discord.FakeDiscord` from ``tests/fake_discord`` served in this
process. Its memory is read from ``/proc/<pid>/status``.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.query_sets import REPO_ROOT

TESTS_DIR = REPO_ROOT / "tests"
if str(TESTS_DIR) not in sys.path:  # the fake Discord lives with the tests, as `fake_discord`
    sys.path.insert(0, str(TESTS_DIR))

from fake_discord import FakeDiscord, RecordedRequest, payloads  # noqa: E402
from fake_discord.bot_process import READY_LINE, BotProcess, bot_env  # noqa: E402
from fake_discord.harness import COMMAND_SYNC  # noqa: E402

CORPUS = REPO_ROOT / "benchmarks" / "corpus"
NOVELS = ("dracula.txt", "frankenstein.txt")
MB = 1_000_000
ANSWER_DEADLINE = 3.0
"""Discord's limit for answering an interaction; slower answers are counted, not refused."""
FAKE_DEADLINE = 600.0
"""The fake's callback deadline in the benchmarks: long, so a slow answer is measured rather than refused."""
STARTUP_TIMEOUT = 1800.0
"""The code before the change loaded every work before connecting: 16 big works take minutes."""
_LINE_LIMIT = 16 * 1024 * 1024
_GUTENBERG_START = re.compile(r"^\*\*\*\s*START OF .*$", re.MULTILINE)
_GUTENBERG_END = re.compile(r"^[ \t]*\*\*\*\s*END OF ", re.MULTILINE)


# -- the works ------------------------------------------------------------------------


def _novel_body(name: str) -> str:
    """A bundled novel between its Project Gutenberg START and END lines."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    start = _GUTENBERG_START.search(text)
    assert start is not None, name
    end = _GUTENBERG_END.search(text, start.end())
    return text[start.end() : end.start() if end else len(text)]


def bench_work_text(number: int, size_bytes: int) -> str:
    """Work `number`: a Project Gutenberg-style book of about `size_bytes` (UTF-8), never more.

    Its body is Dracula and Frankenstein, in turn, as many times as fit, the
    last one cut at a paragraph's end to make up the size; the header (title, author, START line) names the work, so each number gives a
    distinct text (another content hash) with its own title.
    """
    header = (
        f"Title: Folio Benchmark Work {number}\n\nAuthor: Folio Benchmarks\n\n"
        f"*** START OF THE PROJECT GUTENBERG EBOOK FOLIO BENCHMARK WORK {number} ***\n\n"
    )
    footer = f"\n*** END OF THE PROJECT GUTENBERG EBOOK FOLIO BENCHMARK WORK {number} ***\n"
    bodies = [_novel_body(name).encode() for name in NOVELS]
    parts = [header.encode()]
    room = size_bytes - len(parts[0]) - len(footer.encode())
    for turn in itertools.count():
        body = bodies[turn % len(bodies)]
        if len(body) > room:  # the last novel only in part, up to a paragraph's end
            parts.append(body[: body.rfind(b"\n\n", 0, room)].rstrip(b" \t\n") if room > 2 else b"")
            break
        parts.append(body)
        room -= len(body)
    return b"".join(parts).decode() + footer


def write_bench_works(folder: Path, count: int, size_bytes: int) -> list[Path]:
    """Works 1..`count` as files in `folder` (written once, reused if already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"work-{number:02d}-{size_bytes}.txt"
        if not path.exists():
            path.write_text(bench_work_text(number, size_bytes), encoding="utf-8")
        paths.append(path)
    return paths


def work_slug(number: int) -> str:
    return f"bench-work-{number:02d}"


def add_work_with_cli(checkout: Path, database: Path, path: Path, slug: str) -> float:
    """`run_bot.py add-work` of `checkout` into `database`; returns the seconds it took."""
    env = _clean_env({"DATABASE_PATH": str(database), "LOG_LEVEL": "WARNING"})
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(checkout / "run_bot.py"), "add-work", str(path), "--slug", slug],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"add-work {path} failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - started


def _clean_env(overrides: dict[str, str]) -> dict[str, str]:
    """This environment without Folio's or Discord's settings (default settings), plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FOLIO_"))}
    env.pop("DATABASE_PATH", None)
    env.pop("LOG_LEVEL", None)
    env.update(overrides)
    return env


def checkout_label(checkout: Path) -> str:
    """`abc1234` for a git checkout (with `+` if it has changes), else its folder name."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return checkout.name
    return commit + ("+" if dirty else "")


# -- memory ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Memory:
    rss_kib: int
    """VmRSS: resident now."""
    hwm_kib: int
    """VmHWM: the most ever resident."""

    @property
    def rss_mib(self) -> float:
        return self.rss_kib / 1024

    @property
    def hwm_mib(self) -> float:
        return self.hwm_kib / 1024


def memory_of(pid: int) -> Memory:
    """The resident memory of process `pid`, from /proc/<pid>/status."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return Memory(fields["VmRSS"], fields["VmHWM"])


def descendants(pid: int) -> list[int]:
    """The children of `pid`, their children, and so on (Linux /proc/<pid>/task/*/children)."""
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(children)
            pending.extend(children)
    return found


class PeakSampler:
    """Samples the resident memory of a process's descendants (import workers) every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kib: dict[int, int] = {}
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> PeakSampler:
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    @property
    def max_mib(self) -> float:
        """The largest resident memory any one descendant was seen with."""
        return max(self.peak_kib.values(), default=0) / 1024

    async def _sample(self) -> None:
        while True:
            for child in descendants(self.pid):
                try:
                    memory = memory_of(child)
                except (OSError, KeyError):
                    continue  # gone, or a zombie with no memory fields
                self.peak_kib[child] = max(self.peak_kib.get(child, 0), memory.hwm_kib, memory.rss_kib)
            await asyncio.sleep(self.interval)


# -- the bot --------------------------------------------------------------------------


@dataclass
class LiveBot:
    """A running bot of some checkout and the fake Discord it talks to."""

    checkout: Path
    fake: FakeDiscord
    bot: BotProcess
    startup_seconds: float
    """From launching the process to its ready line and command sync."""

    @property
    def pid(self) -> int:
        return self.bot.process.pid

    def memory(self) -> Memory:
        return memory_of(self.pid)

    async def quote(self, text: str, work: str | None = None, *, timeout: float = 120.0) -> tuple[float, RecordedRequest]:
        """/quote through the fake: seconds from dispatching INTERACTION_CREATE to the bot's callback POST."""
        options = {"text": text, **({"work": work} if work else {})}
        command = payloads.slash_command("quote", options)
        started = time.perf_counter()
        callback = await self.fake.interact(command, timeout=timeout)
        return time.perf_counter() - started, callback


@asynccontextmanager
async def running_bot(checkout: Path, database: Path) -> AsyncIterator[LiveBot]:
    """`checkout`'s bot on `database`, default settings, logging at INFO; stopped with SIGTERM after."""
    fake = FakeDiscord(interaction_deadline=FAKE_DEADLINE)
    await fake.start()
    process: asyncio.subprocess.Process | None = None
    try:
        env = bot_env(fake, database, {"LOG_LEVEL": "INFO"})
        env = {k: v for k, v in env.items() if not k.startswith("FOLIO_")}
        started = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(checkout / "run_bot.py"),
            cwd=checkout,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=_LINE_LIMIT,
        )
        bot = BotProcess(process)
        await bot.wait_for_log(READY_LINE, timeout=STARTUP_TIMEOUT)
        await fake.wait_for_request("PUT", COMMAND_SYNC, since=0, timeout=60)
        live = LiveBot(checkout, fake, bot, time.perf_counter() - started)
        yield live
        status = await bot.stop(timeout=60)
        if status != 0:
            warn(f"the bot of {checkout} exited {status} on SIGTERM:\n{bot.tail()}")
        for traceback in bot.tracebacks():
            warn(f"the bot of {checkout} logged a traceback:\n{traceback}")
        if refused := fake.failed_requests:
            warn(f"the fake refused {len(refused)} request(s) of the bot of {checkout}: {refused[0]}")
    finally:
        if process is not None and process.returncode is None:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        await fake.close()


# -- numbers --------------------------------------------------------------------------


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def progress(message: str) -> None:
    """What the benchmark is doing (they take minutes), on stderr so stdout stays the tables."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile_ms(seconds: Sequence[float], share: float) -> float:
    """The `share` quantile of `seconds` in milliseconds (nearest rank), as the quote benchmark takes it."""
    ordered = sorted(seconds)
    return 1000.0 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]
