"""/ask and /quote on a novel, through the fake Discord: who-is from the character layer, how a novel ends from
its last chapter, the closest passages (privately) when it does not answer; a quote found in another work of the
server, and one typed as on a phone."""

from __future__ import annotations

import pytest

from tests.e2e.test_ask import EPHEMERAL, MESSAGE, ask
from tests.e2e.test_character_novel import folio_with_dracula
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["folio_with_dracula"]  # the fixture: Dracula added with the offline CLI, a bot running against it

ATTEMPTS = 30
"""A who-is question waits a moment for the novel's people; asked again, it finds them read."""


async def ask_dracula(folio: Harness, question: str) -> JSON:
    reply = await folio.interact(payloads.slash_command("ask", {"question": question, "work": "dracula"}))
    return reply.json


def field(embed: JSON, name: str) -> str:
    return next(f["value"] for f in embed.get("fields", []) if f["name"] == name)


async def test_who_is_answers_with_what_the_text_says_they_are_and_links_the_character(
    folio_with_dracula: Harness,
) -> None:
    for _ in range(ATTEMPTS):
        body = await ask_dracula(folio_with_dracula, "Who is Van Helsing?")
        [embed] = body["data"]["embeds"]
        if any(f["name"] == "More about them" for f in embed.get("fields", [])):
            break
    assert body["type"] == MESSAGE and not body["data"].get("flags", 0) & EPHEMERAL
    bold = embed["description"].split("**")[1]
    assert "Van Helsing" in bold and ("master" in bold or "friend" in bold)
    assert field(embed, "More about them") == "/character name:Van Helsing"


async def test_who_is_typed_lowercase_misspelt_or_by_title_and_surname_finds_the_character(
    folio_with_dracula: Harness,
) -> None:
    for _ in range(ATTEMPTS):
        body = await ask_dracula(folio_with_dracula, "who is van helsng")
        [embed] = body["data"]["embeds"]
        if any(f["name"] == "More about them" for f in embed.get("fields", [])):
            break
    assert "Van Helsing" in embed["description"].split("**")[1]
    assert field(embed, "More about them") == "/character name:Van Helsing"
    body = await ask_dracula(folio_with_dracula, "who is dr. seward")
    [embed] = body["data"]["embeds"]
    assert "lunatic-asylum man" in embed["description"].split("**")[1]


async def test_who_is_on_the_bundled_story_describes_the_character(folio: Harness) -> None:
    body = await ask(folio, "Who is Stiles?")
    [embed] = body["data"]["embeds"]
    assert "**“Stiles was a lovely boy,”" in embed["description"]


async def test_who_is_someone_the_novel_never_names_is_declined_privately_with_a_person_it_has(
    folio_with_dracula: Harness,
) -> None:
    for _ in range(ATTEMPTS):
        body = await ask_dracula(folio_with_dracula, "Who is Colonel Quarrington?")
        [embed] = body["data"]["embeds"]
        if "who is " in embed["description"].split("e.g.")[-1]:
            break
    assert body["data"]["flags"] & EPHEMERAL and embed["title"] == "Not in the story"
    assert "can't find anyone by that name in *Dracula*" in embed["description"]
    example = embed["description"].split("e.g. “")[1]
    assert example.startswith("who is ") and "Quarrington" not in example


async def test_how_a_novel_ends_is_summed_up_from_its_last_chapter(folio_with_dracula: Harness) -> None:
    body = await ask_dracula(folio_with_dracula, "How does it end?")
    [embed] = body["data"]["embeds"]
    assert embed["title"] == "How it ends"
    assert 2 <= embed["description"].count("•") <= 3
    assert field(embed, "Where").startswith("Dracula · ") and "% through" in field(embed, "Where")


async def test_a_question_the_novel_does_not_answer_shows_its_closest_passages_privately(
    folio_with_dracula: Harness,
) -> None:
    body = await ask_dracula(folio_with_dracula, "What is the name of Dracula's horse?")
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == "Not in the story"
    assert "Derek" not in embed["description"]
    assert "“who is " in embed["description"] or "“how does it begin?”" in embed["description"]
    closest = field(embed, "Closest passages")
    assert 2 <= closest.count("•") <= 3 and closest.count("% through") == closest.count("•")


async def test_quote_finds_a_line_of_another_work_of_the_server_and_says_where(folio_with_dracula: Harness) -> None:
    reply = await folio_with_dracula.interact(payloads.slash_command("quote", {"text": "for the dead travel fast"}))
    [embed] = reply.json["data"]["embeds"]
    assert embed["title"] == "Dracula"
    assert "**" in embed["description"] and "the dead travel fast" in embed["description"].split("**")[1]
    assert field(embed, "Found in") == "*Dracula* (another work of this server)"


async def test_quote_of_a_line_in_no_work_of_the_server_is_not_found(folio_with_dracula: Harness) -> None:
    command = payloads.slash_command("quote", {"text": "It was the best of times, it was the worst of times"})
    reply = await folio_with_dracula.interact(command)
    data = reply.json["data"]
    assert data["flags"] & EPHEMERAL and data["embeds"][0]["title"] == "Not in the story"


async def test_quote_typed_as_on_a_phone_finds_the_line(folio: Harness) -> None:
    reply = await folio.interact(payloads.slash_command("quote", {"text": "sory isnt enuf derek"}))
    [embed] = reply.json["data"]["embeds"]
    assert "**“Sorry isn’t enough, Derek.”**" in embed["description"]


async def test_ask_typed_as_in_a_chat_takes_the_route_of_the_full_question(folio: Harness) -> None:
    body = await ask(folio, "whos stiles")
    assert body["type"] == MESSAGE and not body["data"].get("flags", 0) & EPHEMERAL
    [embed] = body["data"]["embeds"]
    assert "**“Stiles was a lovely boy,”" in embed["description"]


async def test_ask_with_heavy_typos_still_offers_the_closest_passages_privately(folio: Harness) -> None:
    body = await ask(folio, "sory isnt enuf derek")
    assert body["data"]["flags"] & EPHEMERAL
    [embed] = body["data"]["embeds"]
    assert "Sorry isn’t enough, Derek." in field(embed, "Closest passages")


async def test_a_count_the_story_never_gives_is_not_answered_with_a_line_naming_the_people(folio: Harness) -> None:
    body = await ask(folio, "How many sisters does Derek have?")
    assert body["data"]["flags"] & EPHEMERAL
    [embed] = body["data"]["embeds"]
    assert embed["title"] == "Not in the story" and "“who is Derek?”" not in embed["description"]
    assert "“who is " in embed["description"] or "“how does it begin?”" in embed["description"]
