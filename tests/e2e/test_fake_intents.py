"""The fake gateway delivers what Discord would, given the intents the bot identified with."""

from __future__ import annotations

from tests.fake_discord import payloads as p
from tests.fake_discord.gateway import (
    GUILD_MEMBERS,
    GUILD_MESSAGES,
    GUILDS,
    MESSAGE_CONTENT,
    as_seen_with,
    subscribed,
)


def test_without_message_content_intent_others_messages_arrive_blank() -> None:
    intents = GUILD_MESSAGES
    hidden = as_seen_with(intents, "MESSAGE_CREATE", p.message_create("secret", embeds=[{"title": "x"}]))
    assert (hidden["content"], hidden["embeds"]) == ("", [])
    mention = p.message_create("hey bot", mentions=[p.user_object(p.BOT)])
    assert as_seen_with(intents, "MESSAGE_CREATE", mention)["content"] == "hey bot"
    assert as_seen_with(intents | MESSAGE_CONTENT, "MESSAGE_CREATE", p.message_create("open"))["content"] == "open"


def test_without_members_intent_the_guild_lists_only_the_bot() -> None:
    members = as_seen_with(GUILDS, "GUILD_CREATE", p.guild())["members"]
    assert [member["user"]["id"] for member in members] == [str(p.BOT.id)]
    assert len(as_seen_with(GUILDS | GUILD_MEMBERS, "GUILD_CREATE", p.guild())["members"]) == len(p.PEOPLE)


def test_events_need_their_intent() -> None:
    assert not subscribed("MESSAGE_REACTION_ADD", GUILDS | GUILD_MESSAGES)
    assert subscribed("MESSAGE_CREATE", GUILD_MESSAGES)
    assert subscribed("INTERACTION_CREATE", 0)
