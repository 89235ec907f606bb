"""Builders for real-shaped Discord payloads (API v10, as discord.py 2.7 reads them).

The fake world is one guild with one text channel, three people and a bot:

* ``ALICE`` and ``BOB`` are ordinary members (``@everyone`` permissions only);
* ``MOD`` holds the "Moderator" role and so has MANAGE_GUILD;
* ``HOST`` holds the "Book club host" role, which grants nothing by itself
  (a server can make it Folio's moderator role);
* ``BOT`` is Folio itself; its user id is also the application id.

Every builder returns plain JSON-ready dicts with snowflakes as strings, the way
Discord sends them. Ids of new objects (interactions, messages, threads) come
from :func:`snowflake`, so they are unique within a test run.
"""

from __future__ import annotations

import itertools
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import discord

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
_increment = itertools.count()

BOT_TOKEN = "fake-bot-token"
"""The one token the fake accepts, as Discord accepts only the bot's real token."""
APPLICATION_ID = 1_300_000_000_000_000_001
GUILD_ID = 1_300_000_000_000_000_100
CHANNEL_ID = 1_300_000_000_000_000_200
HALL_CHANNEL_ID = 1_300_000_000_000_000_250
"""A second text channel, e.g. for a hall of fame."""
EVERYONE_ROLE_ID = GUILD_ID  # Discord gives @everyone the guild's id.
MODERATOR_ROLE_ID = 1_300_000_000_000_000_301
BOT_ROLE_ID = 1_300_000_000_000_000_302
HOST_ROLE_ID = 1_300_000_000_000_000_303
STATIC_EMOJI_ID = 1_300_000_000_000_000_351
ANIMATED_EMOJI_ID = 1_300_000_000_000_000_352
"""The fake guild's two custom emoji, ``<:folio:…>`` and ``<a:folio_dance:…>``."""

INTERACTION_APPLICATION_COMMAND = 2
INTERACTION_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
INTERACTION_MODAL_SUBMIT = 5
COMPONENT_BUTTON = 2
USER_OPTION = 6
CHANNEL_OPTION = 7
ATTACHMENT_OPTION = 11

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
JOINED_AT = "2024-01-01T00:00:00.000000+00:00"

EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    read_message_history=True,
    use_application_commands=True,
).value
MODERATOR_PERMISSIONS = discord.Permissions(manage_guild=True, manage_messages=True, manage_threads=True).value
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | discord.Permissions(manage_threads=True, manage_messages=True).value


@dataclass(frozen=True)
class Person:
    """A user of the fake guild, with the roles and permissions Discord would report."""

    id: int
    username: str
    role_ids: tuple[int, ...] = ()
    extra_permissions: int = 0
    bot: bool = False
    global_name: str | None = None

    @property
    def permissions(self) -> int:
        """Permissions in the story channel (no overwrites exist), as an int."""
        return EVERYONE_PERMISSIONS | self.extra_permissions


BOT = Person(APPLICATION_ID, "Folio", (BOT_ROLE_ID,), BOT_PERMISSIONS, bot=True)
ALICE = Person(1_300_000_000_000_000_401, "alice", global_name="Alice")
BOB = Person(1_300_000_000_000_000_402, "bob", global_name="Bob")
MOD = Person(1_300_000_000_000_000_403, "mod", (MODERATOR_ROLE_ID,), MODERATOR_PERMISSIONS, global_name="Mod")
HOST = Person(1_300_000_000_000_000_404, "host", (HOST_ROLE_ID,), global_name="Host")
PEOPLE = (BOT, ALICE, BOB, MOD, HOST)


def snowflake() -> int:
    """Return a new snowflake: the current time since Discord's epoch plus a counter."""
    elapsed_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (elapsed_ms << 22) | (next(_increment) & 0x3FFFFF)


def now_iso() -> str:
    """The current time as an ISO 8601 timestamp, as Discord writes them."""
    return datetime.now(UTC).isoformat()


# --- users, members, roles, channels -------------------------------------------------


def user_object(person: Person) -> JSON:
    """A user object."""
    return {
        "id": str(person.id),
        "username": person.username,
        "global_name": person.global_name,
        "discriminator": "0",
        "avatar": None,
        "bot": person.bot,
        "public_flags": 0,
    }


def bot_user() -> JSON:
    """The bot's own user object as returned by ``GET /users/@me`` and in READY."""
    return {**user_object(BOT), "verified": True, "mfa_enabled": False, "flags": 0, "email": None, "locale": "en-US"}


def member(person: Person, *, with_user: bool = True, with_permissions: bool = False) -> JSON:
    """A guild member object; interactions add a ``permissions`` string."""
    data: JSON = {
        "roles": [str(role_id) for role_id in person.role_ids],
        "nick": None,
        "avatar": None,
        "joined_at": JOINED_AT,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user_object(person)
    if with_permissions:
        data["permissions"] = str(person.permissions)
    return data


def role(role_id: int, name: str, permissions: int, position: int, *, managed: bool = False) -> JSON:
    """A role object."""
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": managed,
        "mentionable": False,
        "flags": 0,
    }


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a guild's events on."""
    return (guild_id >> 22) % shard_count


def guild_ids(count: int) -> list[int]:
    """``count`` guild ids, the fake guild first; consecutive ones fall on alternate shards of 2."""
    return [GUILD_ID + (index << 22) for index in range(count)]


def channel_ids(guild_id: int) -> tuple[int, int]:
    """A guild's story channel and hall-of-fame channel (the fake guild's are the constants)."""
    if guild_id == GUILD_ID:
        return CHANNEL_ID, HALL_CHANNEL_ID
    return guild_id + 1, guild_id + 2


def text_channel(channel_id: int = CHANNEL_ID, name: str = "story", *, guild_id: int = GUILD_ID) -> JSON:
    """A guild text channel object."""
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "parent_id": None,
        "topic": None,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "default_auto_archive_duration": 1440,
        "flags": 0,
    }


def thread(
    name: str,
    *,
    parent_id: int = CHANNEL_ID,
    thread_id: int | None = None,
    owner: Person = BOT,
    guild_id: int = GUILD_ID,
) -> JSON:
    """A public thread channel object, as returned when a thread is created."""
    thread_id = thread_id or snowflake()
    created = now_iso()
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": str(guild_id),
        "parent_id": str(parent_id),
        "owner_id": str(owner.id),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": created,
            "locked": False,
            "create_timestamp": created,
        },
        "member": {"id": str(thread_id), "user_id": str(owner.id), "join_timestamp": created, "flags": 0},
    }


# --- start-up -----------------------------------------------------------------------------


def application_info() -> JSON:
    """The body of ``GET /oauth2/applications/@me``."""
    return {
        "id": str(APPLICATION_ID),
        "name": "Folio",
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": 0,
        "owner": user_object(MOD),
        "team": None,
        "bot": user_object(BOT),
        "redirect_uris": [],
        "tags": [],
    }


def ready(session_id: str, resume_gateway_url: str, guild_ids: Sequence[int] = (GUILD_ID,)) -> JSON:
    """The READY dispatch: who the bot is and which guilds will follow."""
    return {
        "v": 10,
        "user": bot_user(),
        "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in guild_ids],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_gateway_url,
        "application": {"id": str(APPLICATION_ID), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "user_settings": {},
        "geo_ordered_rtc_regions": [],
        "auth": {},
        "_trace": ['["fake-gateway",{"micros":0}]'],
    }


def guild(guild_id: int = GUILD_ID) -> JSON:
    """The full GUILD_CREATE payload for the fake guild."""
    story_channel, hall_channel = channel_ids(guild_id)
    roles = [
        role(guild_id, "@everyone", EVERYONE_PERMISSIONS, 0),  # Discord gives @everyone the guild's id
        role(MODERATOR_ROLE_ID, "Moderator", MODERATOR_PERMISSIONS, 1),
        role(BOT_ROLE_ID, "Folio", BOT_PERMISSIONS, 3, managed=True),
        role(HOST_ROLE_ID, "Book club host", EVERYONE_PERMISSIONS, 2),
    ]
    return {
        "id": str(guild_id),
        "name": "Folio Test Server",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(MOD.id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "features": [],
        "application_id": None,
        "system_channel_id": str(story_channel),
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "joined_at": JOINED_AT,
        "large": False,
        "lazy": True,
        "unavailable": False,
        "member_count": len(PEOPLE),
        "roles": roles,
        "channels": [
            text_channel(story_channel, guild_id=guild_id),
            text_channel(hall_channel, "hall-of-fame", guild_id=guild_id),
        ],
        "members": [member(person) for person in PEOPLE],
        "threads": [],
        "emojis": [custom_emoji(STATIC_EMOJI_ID, "folio"), custom_emoji(ANIMATED_EMOJI_ID, "folio_dance", animated=True)],
        "stickers": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "incidents_data": None,
    }


def custom_emoji(emoji_id: int, name: str, *, animated: bool = False) -> JSON:
    """A custom emoji of the fake guild."""
    return {"id": str(emoji_id), "name": name, "roles": [], "require_colons": True, "managed": False,
            "animated": animated, "available": True}


def members_chunk(guild_id: int, nonce: str | None) -> JSON:
    """The GUILD_MEMBERS_CHUNK answering a REQUEST_MEMBERS (op 8): everyone, in one chunk."""
    return {
        "guild_id": str(guild_id),
        "members": [member(person) for person in PEOPLE],
        "chunk_index": 0,
        "chunk_count": 1,
        "not_found": [],
        "presences": [],
        "nonce": nonce,
    }


# --- messages -----------------------------------------------------------------------------


def message(
    content: str = "",
    *,
    author: Person = BOT,
    channel_id: int = CHANNEL_ID,
    guild_id: int | None = GUILD_ID,
    message_id: int | None = None,
    **fields: Any,
) -> JSON:
    """A message object; ``fields`` (embeds, components, flags, ...) override the defaults."""
    data: JSON = {
        "id": str(message_id or snowflake()),
        "type": 0,
        "channel_id": str(channel_id),
        "author": user_object(author),
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "reactions": [],
        "pinned": False,
        "flags": 0,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    data.update(fields)
    return data


def message_create(
    content: str,
    *,
    author: Person = ALICE,
    channel_id: int = CHANNEL_ID,
    guild_id: int = GUILD_ID,
    **fields: Any,
) -> JSON:
    """A MESSAGE_CREATE dispatch: a guild message with the author's partial ``member``."""
    return message(
        content,
        author=author,
        channel_id=channel_id,
        guild_id=guild_id,
        member=member(author, with_user=False),
        **fields,
    )


def _emoji(emoji: str | Mapping[str, Any]) -> JSON:
    """A partial emoji: a unicode string, or a ``{"id", "name"}`` mapping for a custom one."""
    if isinstance(emoji, str):
        return {"id": None, "name": emoji}
    return dict(emoji)


def reaction_add(
    message_id: int | str,
    emoji: str | Mapping[str, Any] = "⭐",
    *,
    user: Person = ALICE,
    channel_id: int = CHANNEL_ID,
    guild_id: int = GUILD_ID,
    message_author: Person | None = BOT,
    burst: bool = False,
) -> JSON:
    """A MESSAGE_REACTION_ADD dispatch (normal reaction unless ``burst``)."""
    data = _reaction(message_id, emoji, user, channel_id, guild_id, burst)
    data["member"] = member(user)
    if message_author is not None:
        data["message_author_id"] = str(message_author.id)
    return data


def reaction_remove(
    message_id: int | str,
    emoji: str | Mapping[str, Any] = "⭐",
    *,
    user: Person = ALICE,
    channel_id: int = CHANNEL_ID,
    guild_id: int = GUILD_ID,
    burst: bool = False,
) -> JSON:
    """A MESSAGE_REACTION_REMOVE dispatch; Discord sends no ``member`` on removal."""
    return _reaction(message_id, emoji, user, channel_id, guild_id, burst)


def _reaction(
    message_id: int | str, emoji: str | Mapping[str, Any], user: Person, channel_id: int, guild_id: int, burst: bool
) -> JSON:
    return {
        "user_id": str(user.id),
        "message_id": str(message_id),
        "channel_id": str(channel_id),
        "guild_id": str(guild_id),
        "emoji": _emoji(emoji),
        "type": 1 if burst else 0,
        "burst": burst,
        "burst_colors": ["#ffd700"] if burst else [],
    }


# --- interactions -------------------------------------------------------------------------


def resolved_channel(channel_id: int, name: str, *, type: int = 0, permissions: int = EVERYONE_PERMISSIONS) -> JSON:
    """A channel as ``data.resolved.channels`` of a command holds it: a partial channel with the invoker's permissions."""
    return {"id": str(channel_id), "name": name, "type": type, "permissions": str(permissions), "parent_id": None}


def attachment(attachment_id: str, filename: str, size: int, url: str, content_type: str) -> JSON:
    """An attachment object, as in ``data.resolved.attachments`` of a command."""
    return {
        "id": attachment_id,
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "ephemeral": True,
    }


def option(name: str, value: Any, type: int | None = None) -> JSON:
    """One command option; the type is inferred for str, bool, int and float values."""
    return {"name": name, "type": type or _option_type(value), "value": value}


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _options(options: Mapping[str, Any] | Sequence[JSON] | None) -> list[JSON]:
    if options is None:
        return []
    if isinstance(options, Mapping):
        return [option(name, value) for name, value in options.items()]
    return [dict(item) for item in options]


def _command_data(name: str, options: list[JSON], guild_id: int | None) -> JSON:
    """``data`` of a chat-input command; "group sub" names nest as Discord nests them."""
    top, *path = name.split()
    for level, part in reversed(list(enumerate(path))):
        kind = 1 if level == len(path) - 1 else 2  # the innermost is a subcommand, others groups
        options = [{"name": part, "type": kind, "options": options}]
    data: JSON = {"id": str(snowflake()), "name": top, "type": 1, "options": options}
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data


def interaction(
    type: int,
    data: JSON,
    *,
    user: Person = ALICE,
    guild_id: int = GUILD_ID,
    channel_id: int = CHANNEL_ID,
    permissions: str | None = None,
    locale: str = "en-US",
    **fields: Any,
) -> JSON:
    """An INTERACTION_CREATE payload with every field discord.py 2.7 reads.

    ``permissions`` overrides the member's permission string (default: the person's own).
    """
    invoker = member(user, with_permissions=True)
    if permissions is not None:
        invoker["permissions"] = permissions
    payload: JSON = {
        "id": str(snowflake()),
        "application_id": str(APPLICATION_ID),
        "type": type,
        "token": secrets.token_hex(32),
        "version": 1,
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "guild_locale": "en-US",
        "channel_id": str(channel_id),
        "channel": text_channel(channel_id, guild_id=guild_id),
        "member": invoker,
        "app_permissions": str(BOT_PERMISSIONS),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild_id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "data": data,
    }
    payload.update(fields)
    return payload


def slash_command(
    name: str,
    options: Mapping[str, Any] | Sequence[JSON] | None = None,
    *,
    user: Person = ALICE,
    guild_id: int = GUILD_ID,
    channel_id: int = CHANNEL_ID,
    permissions: str | None = None,
    locale: str = "en-US",
    attachments: Mapping[str, JSON] | None = None,
    members: Mapping[str, Person] | None = None,
    channels: Mapping[str, JSON] | None = None,
) -> JSON:
    """A slash command invocation (type 2), e.g. ``slash_command("quote", {"query": "tea"})``.

    ``name`` may be ``"group sub"`` or ``"group subgroup sub"`` for subcommands.
    ``attachments`` maps attachment options to attachment objects (see
    :meth:`FakeDiscord.host_attachment`), ``members`` user options to people of the
    guild, ``channels`` channel options to :func:`resolved_channel` objects; all are
    resolved as Discord does (``data.resolved``).
    """
    attached, picked, chosen = attachments or {}, members or {}, channels or {}
    built = (
        _options(options)
        + [option(name, item["id"], ATTACHMENT_OPTION) for name, item in attached.items()]
        + [option(name, str(person.id), USER_OPTION) for name, person in picked.items()]
        + [option(name, item["id"], CHANNEL_OPTION) for name, item in chosen.items()]
    )
    data = _command_data(name, built, guild_id)
    resolved: JSON = {}
    if attached:
        resolved["attachments"] = {item["id"]: item for item in attached.values()}
    if picked:
        resolved["users"] = {str(person.id): user_object(person) for person in picked.values()}
        resolved["members"] = {
            str(person.id): member(person, with_user=False, with_permissions=True) for person in picked.values()
        }
    if chosen:
        # Discord adds the invoker's permissions in each resolved channel.
        resolved["channels"] = {item["id"]: {"permissions": str(user.permissions), **item} for item in chosen.values()}
    if resolved:
        data["resolved"] = resolved
    return interaction(
        INTERACTION_APPLICATION_COMMAND,
        data,
        user=user,
        guild_id=guild_id,
        channel_id=channel_id,
        permissions=permissions,
        locale=locale,
    )


def autocomplete(
    name: str,
    options: Mapping[str, Any] | Sequence[JSON] | None = None,
    *,
    focused: str,
    user: Person = ALICE,
    guild_id: int = GUILD_ID,
    channel_id: int = CHANNEL_ID,
) -> JSON:
    """An autocomplete request (type 4): ``focused`` names the option being typed."""
    built = _options(options)
    if focused not in {item["name"] for item in built}:
        built.append(option(focused, ""))
    for item in built:
        if item["name"] == focused:
            item["focused"] = True
    data = _command_data(name, built, guild_id)
    return interaction(INTERACTION_AUTOCOMPLETE, data, user=user, guild_id=guild_id, channel_id=channel_id)


def component_click(
    custom_id: str,
    message: JSON,
    *,
    user: Person = ALICE,
    component_type: int = COMPONENT_BUTTON,
    values: Sequence[str] | None = None,
) -> JSON:
    """A component interaction (type 3) on ``message``, e.g. the fake's original response.

    For select menus pass ``component_type`` (3 for a string select) and ``values``.
    """
    data: JSON = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = list(values)
    guild_id = int(message.get("guild_id") or GUILD_ID)
    return interaction(
        INTERACTION_COMPONENT,
        data,
        user=user,
        guild_id=guild_id,
        channel_id=int(message["channel_id"]),
        message=message,
    )


def modal_submit(
    custom_id: str,
    values: Mapping[str, str],
    *,
    message: JSON | None = None,
    user: Person = ALICE,
) -> JSON:
    """A modal submit (type 5): ``values`` maps each text input's custom_id to what was typed.

    Pass the ``message`` whose component opened the modal, if one did; Discord then
    lets the bot update that message in answer.
    """
    rows = [
        {"type": 1, "components": [{"type": 4, "custom_id": input_id, "value": value}]}
        for input_id, value in values.items()
    ]
    fields: JSON = {} if message is None else {"message": message}
    channel_id = int(message["channel_id"]) if message else CHANNEL_ID
    data = {"custom_id": custom_id, "components": rows}
    return interaction(INTERACTION_MODAL_SUBMIT, data, user=user, channel_id=channel_id, **fields)
