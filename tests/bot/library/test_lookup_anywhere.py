"""A line not in a server's default work is looked for in its other works."""

from __future__ import annotations

from pathlib import Path

from bot.library.everywhere import lookup_anywhere
from bot.library.service import Library
from bot.storage.database import Database

GUILD = 42


async def test_a_line_of_another_work_is_found_there(database_target: Path | str, tmp_path: Path) -> None:
    async with Database.opened(database_target) as database:
        library = Library(database)
        path = tmp_path / "lighthouse.txt"
        path.write_text("The keeper climbed the tower every night to light the great lamp.\n\nShips passed safely.\n")
        await library.add_work(path, slug="lighthouse")
        found = await lookup_anywhere(library, "the keeper climbed the tower every night", guild_id=GUILD)
        assert found.elsewhere and found.lookup.work.slug == "lighthouse"
        assert found.lookup.hits[0].sentence.text.startswith("The keeper climbed the tower")
        home = await lookup_anywhere(library, "hello from the other side", guild_id=GUILD)
        assert not home.elsewhere and home.lookup.hits
        nowhere = await lookup_anywhere(library, "It was the best of times, it was the worst of times", guild_id=GUILD)
        assert not nowhere.elsewhere and not nowhere.lookup.hits
