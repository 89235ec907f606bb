"""The public pages end to end: the bot and ``run_bot.py web`` side by side on one database (SQLite or
PostgreSQL); moderators publish through the fake Discord, and the site's HTML is what is checked."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio

from benchmarks.web_seed import Activity, seed_server
from bot.storage.database import Database
from bot.storage.trivia import GameRecord, TriviaStore
from bot.trivia.game import Answer, PlayerScore
from tests.e2e.reacting import READERS, next_hall_post, quote_reply, react, setup_hall
from tests.e2e.test_library_commands import add_work
from tests.e2e.web_site import WebSite, publish, running_site, web_command
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.bot_process import REPO_ROOT, database_env
from tests.fake_discord.harness import Harness

pytestmark = pytest.mark.asyncio(loop_scope="module")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HOSTILE = '<script>alert("folio")</script><img src=x onerror=alert(1)>'
OTHER_GUILD = 1_300_000_000_000_000_777
SERVER_NAME = "Folio Test Server"
NOT_FOUND = "No page here"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def site(folio: Harness, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[WebSite]:
    clock = BotClock(tmp_path_factory.mktemp("web-clock") / "clock", datetime.now(UTC))
    async with running_site(folio.database, clock) as running:
        yield running
    assert running.process.tracebacks() == [], running.process.tail()


async def fresh_page(site: WebSite, token: str) -> str:
    """The page as the site serves it once its caches have expired; it must be there."""
    site.expire_caches()
    page = await site.get(f"/s/{token}")
    assert page.status == 200, page.text
    return page.text


async def play_trivia(folio: Harness, *players: tuple[payloads.Person | int, str, int]) -> None:
    """A finished game in the fake server: (player or id, display name, points) each, stored as the bot stores it."""
    async with Database.opened(folio.database) as database:
        trivia, now = TriviaStore(database), datetime.now(UTC).timestamp()
        game_id = await trivia.start_game(payloads.GUILD_ID, payloads.CHANNEL_ID + 7, "hello", now)
        assert game_id is not None
        scores = []
        for who, name, points in players:
            player_id = who if isinstance(who, int) else who.id
            await trivia.record_answer(game_id, Answer(1, player_id, name, points > 0, points, now))
            scores.append(PlayerScore(player_id, name, points, int(points > 0), 1))
        game = GameRecord(game_id, payloads.GUILD_ID, payloads.CHANNEL_ID + 7, "hello", now)
        assert await trivia.finish_game(game, scores, reason="test", now=now)


async def test_a_reader_cannot_publish_or_take_down(folio: Harness) -> None:
    for name in ("on", "show", "off"):
        assert "Manage Server" in await web_command(folio, name, user=payloads.ALICE)


async def test_the_page_shows_the_servers_name_works_hall_and_loved_passages(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    await setup_hall(folio, threshold=2)
    reply = await quote_reply(folio, "Stiles knows that.")
    for reader in READERS[:2]:
        await react(folio, reply["id"], "⭐", reader)
    await next_hall_post(folio, 0)
    html = await fresh_page(site, token)
    assert f"<h1>{SERVER_NAME}</h1>" in html and "Hello From the Other Side" in html
    hall = html.split('id="hall"')[1].split("</section>")[0]
    assert "Stiles knows that." in hall and "⭐ 2" in hall and "% through" in hall
    loved = html.split('id="loved"')[1].split("</section>")[0]
    assert loved.count("Stiles knows that.") >= 3  # this week, this month, all time
    assert 'src="' + token + '/map.png"' in html


async def test_no_user_ids_and_no_message_links_on_the_page(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    await play_trivia(folio, (payloads.BOB, "Bob the Quick", 30))
    html = await fresh_page(site, token)
    assert "Bob the Quick" in html
    people = (payloads.ALICE, payloads.BOB, payloads.MOD, *READERS)
    assert not [person.id for person in people if str(person.id) in html]
    assert "discord.com" not in html and str(payloads.CHANNEL_ID) not in html


async def test_hostile_names_and_passages_are_shown_as_text(folio: Harness, site: WebSite) -> None:
    text = f"The Hostile Book\n\nby Nobody\n\n{HOSTILE} said the keeper to the lamp.\n\nThe gulls did not answer.\n"
    _, followup = await add_work(folio, "hostile.txt", text.encode(), slug="hostile")
    assert followup is not None, "the upload was not accepted"
    await setup_hall(folio, threshold=1)
    reply = await folio.interact(payloads.slash_command("quote", {"text": "said the keeper to the lamp", "work": "hostile"}))
    message = reply.response["resource"]["message"]
    await react(folio, message["id"], "⭐", READERS[5])
    await play_trivia(folio, (READERS[9].id, HOSTILE, 40))
    token = await publish(folio)
    html = await fresh_page(site, token)
    assert "<script" not in html and "<img src=x" not in html
    escaped = "&lt;script&gt;alert(&#34;folio&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert html.count(escaped) >= 2  # the passage, and the player's name


async def test_off_answers_404_within_a_minute_and_on_again_gives_a_new_link(folio: Harness, site: WebSite) -> None:
    first = await publish(folio)
    assert (await site.get(f"/s/{first}")).status == 200
    assert "taken down" in await web_command(folio, "off")
    assert "no public page" in await web_command(folio, "show")
    site.expire_caches()
    gone = await site.get(f"/s/{first}")
    assert gone.status == 404 and NOT_FOUND in gone.text
    assert (await site.get(f"/s/{first}/map.png")).status == 404
    second = await publish(folio)
    assert second != first and len(second) >= 20
    assert second in await web_command(folio, "show")
    assert (await site.get(f"/s/{second}")).status == 200
    assert (await site.get(f"/s/{first}")).status == 404


async def test_a_new_link_replaces_the_old_one(folio: Harness, site: WebSite) -> None:
    old = await publish(folio)
    assert (await site.get(f"/s/{old}")).status == 200
    new = await publish(folio)
    site.expire_caches()
    assert (await site.get(f"/s/{old}")).status == 404 and (await site.get(f"/s/{new}")).status == 200


async def test_another_servers_activity_is_never_on_this_page(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    async with Database.opened(folio.database) as database:
        activity = Activity(player_names=("Zed Elsewhere",), message_base=1_300_000_000_000_800_000, messages=5)
        theirs = await seed_server(database, OTHER_GUILD, "The Other Club", activity=activity)
    ours = await fresh_page(site, token)
    assert "Zed Elsewhere" not in ours and "The Other Club" not in ours
    other = await site.get(f"/s/{theirs.token}")
    assert "Zed Elsewhere" in other.text and SERVER_NAME not in other.text


async def test_a_member_who_hides_appears_as_a_reader(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    await play_trivia(folio, (payloads.ALICE, "Alice Liddell", 50))
    assert "Alice Liddell" in await fresh_page(site, token)
    assert "a reader" in await web_command(folio, "hide-me", user=payloads.ALICE)
    html = await fresh_page(site, token)
    assert "Alice Liddell" not in html and '<td class="name">a reader</td>' in html
    assert "display name" in await web_command(folio, "show-me", user=payloads.ALICE)
    assert "Alice Liddell" in await fresh_page(site, token)


@pytest.mark.parametrize(
    "path",
    ["/", "/s/", "/s/short", "/s/" + "A" * 24, "/s/" + "A" * 24 + "/map.png", "/s/../etc/passwd", "/favicon.ico"],
)
async def test_anything_but_a_published_page_is_404(site: WebSite, path: str) -> None:
    page = await site.get(path)
    assert page.status == 404 and NOT_FOUND in page.text


async def test_the_map_is_a_png_and_pages_carry_cache_headers(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    reply = await quote_reply(folio, "Hello from the other side.")
    await react(folio, reply["id"], "🔥", READERS[3])
    site.expire_caches()
    png = await site.get(f"/s/{token}/map.png")
    assert png.status == 200 and png.headers["Content-Type"] == "image/png" and png.body.startswith(PNG_MAGIC)
    page = await site.get(f"/s/{token}")
    assert page.headers["Cache-Control"].startswith("public, max-age=") and page.headers["ETag"]
    assert page.headers["Referrer-Policy"] == "no-referrer" and "script-src" not in page.headers["Content-Security-Policy"]
    assert len(page.body) < 100_000
    again = await site.get(f"/s/{token}", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status == 304 and again.body == b""


def web_link(database: object, guild_id: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **database_env(database), "FOLIO_WEB_BASE_URL": "https://folio.example.org/"}  # type: ignore[arg-type]
    return subprocess.run(
        [sys.executable, "run_bot.py", "web-link", str(guild_id)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


async def test_web_link_prints_the_url_or_says_there_is_none(folio: Harness) -> None:
    token = await publish(folio)
    found = web_link(folio.database, payloads.GUILD_ID)
    assert found.returncode == 0 and found.stdout.strip() == f"https://folio.example.org/s/{token}"
    missing = web_link(folio.database, 42)
    assert missing.returncode == 1 and "no public page" in missing.stderr and not missing.stdout


async def test_a_renamed_server_is_renamed_on_its_page(folio: Harness, site: WebSite) -> None:
    token = await publish(folio)
    try:
        since = folio.bot.lines.mark()
        await folio.fake.dispatch("GUILD_UPDATE", {**payloads.guild(), "name": HOSTILE})
        await folio.bot.wait_for_log("Web page of server \\d+ renamed", since=since)
        html = await fresh_page(site, token)
        assert '<h1>&lt;script&gt;alert(&#34;folio&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</h1>' in html
    finally:
        since = folio.bot.lines.mark()
        await folio.fake.dispatch("GUILD_UPDATE", payloads.guild())
        await folio.bot.wait_for_log("Web page of server \\d+ renamed", since=since)
