"""Players judge trivia questions: 👍, 👎 and "Report" under every answer reveal.

A question reported by :data:`bot.trivia.quality.REPORTS_TO_RETIRE` players is retired: games in
this server stop asking it, and moderators find it under ``/trivia question reported``, where they
restore or ban it. The buttons are persistent :class:`~discord.ui.DynamicItem`\\ s whose custom id
(``folio:tf:<game>:<round>:<vote>``) names the round; the round's game must belong to the server the
click comes from.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.folio_bot import FolioBot, answer_failure
from bot.storage.trivia_history import TriviaHistory
from bot.trivia.quality import Status, Vote, question_key, retires
from cogs.core.gating import CapabilityGate

FEEDBACK_COG = "TriviaFeedbackCog"
LABELS = {Vote.UP: ("👍", discord.ButtonStyle.secondary), Vote.DOWN: ("👎", discord.ButtonStyle.secondary),
          Vote.REPORT: ("Report", discord.ButtonStyle.danger)}
THANKS = {
    Vote.UP: "Thanks! Glad you liked that one.",
    Vote.DOWN: "Thanks: noted. Questions players dislike are asked less.",
    Vote.REPORT: "Thanks for the report. Questions several players report are taken out and shown to the moderators.",
}
NOT_HERE = "This button no longer works."


class Judge(Protocol):
    async def judge(self, interaction: discord.Interaction, game_id: int, round_number: int, vote: Vote) -> None: ...


class FeedbackButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]],
                     template=r"folio:tf:(?P<game>\d{1,19}):(?P<round>\d{1,4}):(?P<vote>up|down|report)"):
    capability = "trivia"

    def __init__(self, game_id: int, round_number: int, vote: Vote) -> None:
        label, style = LABELS[vote]
        super().__init__(
            discord.ui.Button(style=style, label=label, custom_id=f"folio:tf:{game_id}:{round_number}:{vote}", row=4)
        )
        self.game_id, self.round_number, self.vote = game_id, round_number, vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> FeedbackButton:
        return cls(int(match["game"]), int(match["round"]), Vote(match["vote"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        # By name, not class: the cog's module may have been loaded again (an extension) since this item was made.
        cog = cast(Judge, cast(commands.Bot, interaction.client).get_cog(FEEDBACK_COG))
        await cog.judge(interaction, self.game_id, self.round_number, self.vote)


def add_feedback(view: discord.ui.View, game_id: int, round_number: int) -> discord.ui.View:
    """``view`` with the three feedback buttons on its last row."""
    for vote in Vote:
        view.add_item(FeedbackButton(game_id, round_number, vote))
    return view


class TriviaFeedbackCog(commands.Cog, name=FEEDBACK_COG):
    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.history = TriviaHistory(bot.database)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(FeedbackButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(FeedbackButton)

    async def judge(self, interaction: discord.Interaction, game_id: int, round_number: int, vote: Vote) -> None:
        try:
            await self._judge(interaction, game_id, round_number, vote)
        except Exception as error:  # clicks bypass the command tree's error handler
            await answer_failure(interaction, error)

    async def _judge(self, interaction: discord.Interaction, game_id: int, round_number: int, vote: Vote) -> None:
        asked = await self.history.asked_round(game_id, round_number)
        if asked is None or asked.guild_id != interaction.guild_id:
            await interaction.response.send_message(NOT_HERE, ephemeral=True)
            return
        key = question_key(asked.work_slug, asked.kind, asked.question, asked.answer)
        now = self.bot.clock.timestamp()
        new, reports = await self.history.vote(asked.guild_id, key, interaction.user.id, vote, now)
        if not new:
            await interaction.response.send_message("You already told me about this question.", ephemeral=True)
            return
        if vote is Vote.REPORT and retires(reports, await self.history.status(asked.guild_id, key)):
            await self.history.set_status(asked.guild_id, key, asked, Status.RETIRED, None, now)
        await interaction.response.send_message(THANKS[vote], ephemeral=True)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(TriviaFeedbackCog(bot))
