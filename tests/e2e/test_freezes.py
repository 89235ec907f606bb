"""One server's hostile upload never freezes the bot for another: each payload is processed while a second
server's command is answered within a second, and every reply it gets fits in one Discord message."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest

from tests import postgres
from tests.e2e.test_bad_input import upload
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED = 4, 5
EPHEMERAL = 1 << 6
OTHER_GUILD_ID = 1_300_000_000_000_009_999
OTHER_CHANNEL_ID = 1_300_000_000_000_009_200
ANSWERED_WITHIN = 1.0
"""Seconds another server may wait for an answer while a payload is processed (the work is gone or off the loop)."""
FOLLOWUP_TIMEOUT = 60.0
MESSAGE_LIMIT = 2000

ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "questions:\n- question: Who?\n  answer: Stiles\n  passage: *f\n"
)
BRACKETS = "questions:\n- question: Who?\n  answer: Stiles\n  passage: '" + "[" * 250_000 + "'\n"
LONG_VALUE = "questions:\n- question: Who?\n  answer: Stiles\n  passage: '" + "p1 [](" * 500 + "'\n"
LINK_TRAPS = "questions:\n- question: Who?\n  answer: '" + "[](" * 1300 + "'\n  wrong: ['" + "[](" * 1300 + "']\n"


async def answered_elsewhere_meanwhile(folio: Harness, payload_sent: asyncio.Task[object]) -> float:
    """How long a reader of another server waits for /works while ``payload_sent`` is processed."""
    await asyncio.sleep(0)  # let the payload's dispatch go out first
    began = time.perf_counter()
    reply = await folio.interact(payloads.slash_command("works", guild_id=OTHER_GUILD_ID, channel_id=OTHER_CHANNEL_ID))
    waited = time.perf_counter() - began
    assert reply.json["type"] == MESSAGE, reply.json
    await payload_sent
    return waited


async def import_bank(folio: Harness, yaml_text: str) -> tuple[JSON, JSON]:
    """A moderator's /trivia bank import of ``yaml_text``; the callback and the follow-up's body."""
    attachment = folio.fake.host_attachment("bank.yaml", yaml_text.encode(), "application/x-yaml")
    command = payloads.slash_command("trivia bank import", user=payloads.MOD, attachments={"file": attachment})
    mark = folio.fake.mark()
    callback = await folio.interact(command)
    followup = await folio.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=FOLLOWUP_TIMEOUT
    )
    return callback.json, followup.json


@pytest.mark.parametrize(
    ("bank", "refusal"),
    [
        (ALIAS_BOMB, "aliases and anchors"),
        (BRACKETS, "should be a paragraph like p12"),
        (LONG_VALUE, "should be a paragraph like p12"),
        (LINK_TRAPS, "is the answer"),
    ],
    ids=["alias-bomb", "brackets", "long-value", "link-traps"],
)
async def test_a_hostile_bank_is_refused_briefly_while_another_server_is_answered(
    folio: Harness, bank: str, refusal: str
) -> None:
    importing = asyncio.create_task(import_bank(folio, bank))
    waited = await answered_elsewhere_meanwhile(folio, importing)
    callback, followup = importing.result()
    assert callback["type"] == DEFERRED
    assert refusal in followup["content"] and len(followup["content"]) <= MESSAGE_LIMIT, followup
    assert followup["flags"] & EPHEMERAL
    assert waited < ANSWERED_WITHIN, f"another server waited {waited:.2f} s"
    assert folio.bot.tracebacks() == [], folio.bot.tail()


BRACKET_SENTENCE = "The keeper saw the lamp " + "[lamp light](dark night " * 660 + "there."
BRACKET_WORK = ("The Bracket Lamp\n\n" + "\n\n".join(f"{BRACKET_SENTENCE} Night {n} came." for n in range(12))).encode()


async def test_quoting_a_work_of_long_bracketed_sentences_answers_another_server_meanwhile(folio: Harness) -> None:
    _, added = await upload(folio, "brackets.txt", BRACKET_WORK, slug="brackets")
    assert "embeds" in added and added["embeds"][0]["title"].startswith("Added"), added
    command = payloads.slash_command("quote", {"text": "lamp", "work": "brackets"})
    mark = folio.fake.mark()
    quoting = asyncio.create_task(folio.interact(command))
    waited = await answered_elsewhere_meanwhile(folio, quoting)
    callback = quoting.result().json
    if callback["type"] == DEFERRED:  # slow: the answer comes as a follow-up
        answer = (await folio.fake.wait_for_request(
            "POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=FOLLOWUP_TIMEOUT
        )).json
    else:
        answer = callback["data"]
    fields = answer["embeds"][0]["fields"]
    assert fields and all(len(field["value"]) <= 160 for field in fields), fields
    assert "\\[" in fields[0]["value"]
    assert waited < ANSWERED_WITHIN, f"another server waited {waited:.2f} s"
    assert folio.bot.tracebacks() == [], folio.bot.tail()


@pytest.mark.skipif(not postgres.enabled(), reason="holds a PostgreSQL table lock to make the command wait")
@pytest.mark.parametrize(
    ("name", "options", "shown"),
    [
        ("quote", {"text": "Stiles knows that."}, "Stiles knows that."),
        ("discuss", {"quote": "Derek’s hands were numb with anticipation."}, "numb with anticipation"),
        ("read", {}, "Hello"),
    ],
)
async def test_a_command_that_takes_over_a_second_is_deferred_then_answered(
    folio: Harness, name: str, options: dict[str, str], shown: str
) -> None:
    """While another session holds the passages locked, the command waits: it must defer within Discord's
    three seconds, and answer with a follow-up once the lock is gone."""
    assert isinstance(folio.database, str)
    command = payloads.slash_command(name, options)
    mark = folio.fake.mark()
    locker = await asyncpg.connect(folio.database)
    try:
        locking = locker.transaction()
        await locking.start()
        await locker.execute("LOCK TABLE passages, sentence_terms IN ACCESS EXCLUSIVE MODE")
        callback = await folio.interact(command)
        assert callback.json["type"] == DEFERRED, callback.json
        await locking.rollback()
    finally:
        await locker.close()
    answer = await folio.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=FOLLOWUP_TIMEOUT
    )
    embed = answer.json["embeds"][0]
    assert shown in embed["title"] + embed["description"], embed
    if name == "discuss":  # its thread opens on the follow-up
        await folio.fake.wait_for_request("POST", rf"/channels/\d+/messages/{answer.response['id']}/threads", since=mark)
    assert folio.bot.tracebacks() == [], folio.bot.tail()
