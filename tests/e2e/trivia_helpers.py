"""Playing trivia through the fake Discord: start games, read questions, answer them right or wrong."""

from __future__ import annotations

import re
from pathlib import Path

from bot.trivia.bank import CuratedQuestion, load_bank
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON, Person
from tests.fake_discord.server import RecordedRequest

ROOT = Path(__file__).resolve().parents[2]
BANK = {q.question: q for q in load_bank(ROOT / "data" / "trivia" / "hello-from-the-other-side.yaml")}
MESSAGE, DEFERRED, UPDATE_MESSAGE, MODAL = 4, 5, 7, 9
EPHEMERAL = 1 << 6
TIMEOUT = 30


def buttons(message: JSON) -> list[JSON]:
    return [button for row in message.get("components", []) for button in row["components"]]


def title(request: RecordedRequest) -> str:
    embeds = (request.json or {}).get("embeds") or [{}]
    return embeds[0].get("title") or ""


async def posted(folio: Harness, channel_id: int, since: int, prefix: str) -> JSON:
    """The first message the bot posted in ``channel_id`` since ``since`` whose embed title starts with ``prefix``."""
    request = await folio.fake.wait_for_request(
        "POST", rf"/channels/{channel_id}/messages", since=since, where=lambda r: title(r).startswith(prefix)
    )
    return request.response


async def command(folio: Harness, name: str, options: dict[str, object] | None = None, **where: object) -> JSON:
    """Run a slash command; the callback body."""
    return (await folio.interact(payloads.slash_command(name, options, **where))).json


async def start(folio: Harness, channel_id: int, user: Person = payloads.ALICE, **options: object) -> JSON:
    """/trivia start in ``channel_id``; returns the first question's message."""
    since = folio.fake.mark()
    request = payloads.slash_command("trivia start", options, channel_id=channel_id, user=user)
    body = (await folio.interact(request)).json
    assert body["type"] == DEFERRED, body
    # This interaction's own follow-up: a late reply to an earlier command of the module is not it.
    announced = await folio.fake.wait_for_request("POST", rf"/webhooks/\d+/{request['token']}", since=since)
    assert announced.json["content"].startswith("**Trivia!**"), announced.json
    return await posted(folio, channel_id, since, "Question 1 ")


async def next_question(folio: Harness, clock: BotClock, channel_id: int, number: int) -> tuple[JSON, JSON]:
    """Let the open question in ``channel_id`` time out; returns its reveal and the next question."""
    since = folio.fake.mark()
    clock.advance(seconds=TIMEOUT + 1)
    reveal = await posted(folio, channel_id, since, "The answer: ")
    return reveal, await posted(folio, channel_id, since, f"Question {number} ")


def curated(message: JSON) -> CuratedQuestion:
    return BANK[message["embeds"][0]["description"]]


def choice_button(message: JSON, question: CuratedQuestion, *, right: bool) -> str:
    """The custom id of the right (or a wrong) option's button of a multiple-choice or true/false question."""
    labels = {button["label"]: button["custom_id"] for button in buttons(message)}
    if set(labels) == {"True", "False"}:
        wanted = question.answer_text if right else ({"True", "False"} - {question.answer_text}).pop()
        return labels[wanted]
    options = message["embeds"][0]["fields"][0]["value"].splitlines()
    letters = {re.match(r"\*\*(\w)\.\*\* (.*)", line)[2]: re.match(r"\*\*(\w)\.", line)[1] for line in options}
    wanted = question.answer if right else next(option for option in question.wrong)
    return labels[letters[wanted]]


async def click(folio: Harness, message: JSON, custom_id: str, user: Person) -> JSON:
    return (await folio.interact(payloads.component_click(custom_id, message, user=user))).json


async def type_answer(folio: Harness, message: JSON, text: str, user: Person) -> JSON:
    """Click "Answer", then submit ``text`` in the modal it opens; the submit's callback body."""
    answer_button = next(button for button in buttons(message) if button["label"] == "Answer")
    opened = await click(folio, message, answer_button["custom_id"], user)
    assert opened["type"] == MODAL, opened
    modal = opened["data"]
    [row] = modal["components"]
    input_id = row["components"][0]["custom_id"]
    submitted = payloads.modal_submit(modal["custom_id"], {input_id: text}, message=message, user=user)
    return (await folio.interact(submitted)).json


async def answer(folio: Harness, message: JSON, user: Person, *, right: bool) -> JSON:
    """Answer a bank question right or wrong, by button or typed in the modal; the ephemeral reply's body."""
    question = curated(message)
    if question.options:
        return await click(folio, message, choice_button(message, question, right=right), user)
    return await type_answer(folio, message, f"it was {question.answer}!" if right else "Mount Everest", user)
