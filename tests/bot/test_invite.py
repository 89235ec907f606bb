"""The invite link: the permissions Folio asks for, and the application id it is built for."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from bot.invite import (
    PERMISSION_BITS,
    PERMISSIONS,
    InviteError,
    application_id,
    application_id_from_token,
    invite_url,
)

ROOT = Path(__file__).resolve().parents[2]
APP_ID = 123456789012345678


def _token(app_id: int) -> str:
    return base64.urlsafe_b64encode(str(app_id).encode()).decode().rstrip("=") + ".GhIjKl.secret-part"


def test_each_permission_is_discords_flag_of_that_name() -> None:
    assert PERMISSIONS == discord.Permissions(**dict.fromkeys(PERMISSION_BITS, True)).value
    for name, bit in PERMISSION_BITS.items():
        assert getattr(discord.Permissions, name).flag == bit, name


def _cog_source() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "cogs").rglob("*.py")))


@pytest.mark.parametrize(
    ("call", "permission"),
    [
        (r"\.create_thread\(", "create_public_threads"),
        (r"channel\.send\(", "send_messages"),
        (r"\.fetch_message\(", "read_message_history"),
        (r"discord\.File\(", "attach_files"),
        (r"discord\.Embed\(", "embed_links"),
    ],
)
def test_what_the_cogs_do_is_asked_for(call: str, permission: str) -> None:
    assert re.search(call, _cog_source()), f"no cog does {call}: drop {permission} if nothing else needs it"
    assert permission in PERMISSION_BITS


@pytest.mark.parametrize(
    ("call", "permission"),
    [
        (r"\.add_reaction\(", "add_reactions"),
        (r"\.clear_reactions?\(|\.pin\(|\.purge\(", "manage_messages"),
        (r"\.edit\(\s*archived|\.delete_messages\(", "manage_threads"),
    ],
)
def test_what_no_cog_does_is_not_asked_for(call: str, permission: str) -> None:
    assert not re.search(call, _cog_source()), f"a cog does {call}: ask for {permission}"
    assert permission not in PERMISSION_BITS


def test_no_privileged_or_moderation_permission_is_asked_for() -> None:
    assert not discord.Permissions(PERMISSIONS) & discord.Permissions.elevated()
    assert not discord.Permissions(PERMISSIONS).administrator


def test_the_application_id_is_the_first_part_of_the_token() -> None:
    assert application_id_from_token(_token(APP_ID)) == APP_ID
    assert application_id_from_token(_token(80351110224678912)) == 80351110224678912


@pytest.mark.parametrize("token", ["", "not-a-token", "!!!.abc.def", base64.b64encode(b"folio").decode() + ".x.y"])
def test_a_token_without_an_id_is_refused(token: str) -> None:
    with pytest.raises(InviteError):
        application_id_from_token(token)


def test_an_explicit_application_id_wins_over_the_token() -> None:
    assert application_id({"DISCORD_APPLICATION_ID": "42", "DISCORD_TOKEN": _token(APP_ID)}) == 42
    assert application_id({"DISCORD_APPLICATION_ID": " ", "DISCORD_TOKEN": _token(APP_ID)}) == APP_ID
    with pytest.raises(InviteError, match="must be a number"):
        application_id({"DISCORD_APPLICATION_ID": "folio"})
    with pytest.raises(InviteError, match="DISCORD_APPLICATION_ID"):
        application_id({})


def test_the_url_has_both_scopes_and_the_permissions() -> None:
    url = urlsplit(invite_url(APP_ID))
    assert (url.scheme, url.netloc, url.path) == ("https", "discord.com", "/oauth2/authorize")
    assert parse_qs(url.query) == {
        "client_id": [str(APP_ID)],
        "permissions": [str(PERMISSIONS)],
        "scope": ["bot applications.commands"],
    }


def _invite_url(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    return subprocess.run(
        [sys.executable, "run_bot.py", "invite-url"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**environment, **env},
        timeout=60,
    )


def test_run_bot_invite_url_prints_the_link_for_the_tokens_application() -> None:
    result = _invite_url(DISCORD_TOKEN=_token(APP_ID))
    assert result.returncode == 0, result.stderr
    assert result.stdout == invite_url(APP_ID) + "\n"
    assert "permissions=309238025216" in result.stdout and "scope=bot+applications.commands" in result.stdout


def test_run_bot_invite_url_without_an_id_says_what_to_set() -> None:
    result = _invite_url(DISCORD_TOKEN="", DISCORD_APPLICATION_ID="")
    assert result.returncode == 2 and result.stdout == ""
    assert "DISCORD_APPLICATION_ID" in result.stderr and "Traceback" not in result.stderr


def test_the_readme_states_the_same_permissions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"permissions={PERMISSIONS}&scope=bot+applications.commands" in readme
    assert f"integer\n`{PERMISSIONS}`" in readme or f"`{PERMISSIONS}`" in readme
