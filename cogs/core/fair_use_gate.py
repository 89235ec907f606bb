"""The command tree's fair-use gate: a costly command runs only if its member's cooldown is over and
its server has room for more costly work (see :mod:`bot.fair_use`; in a direct message, only the
cooldown applies); otherwise a private note says when to try again. The admission is handed back
when the command ends, however it ends."""

from __future__ import annotations

from typing import Protocol, cast

import discord

from bot.fair_use.service import Admission, FairUse, Refusal
from bot.settings import Settings


class FairUseHost(Protocol):
    """What the gate needs of the bot: its settings and its fair-use service (not the whole bot class,
    which installs this gate on its command tree)."""

    settings: Settings
    fair_use: FairUse

ADMISSION = "fair_use"
"""The key of ``interaction.extras`` holding a costly command's :class:`Admission`."""


async def admitted(interaction: discord.Interaction) -> bool:
    """True if the command may run now; otherwise answers privately with when to try again."""
    command = interaction.command
    bot = cast(FairUseHost, interaction.client)
    if (
        interaction.type is not discord.InteractionType.application_command
        or command is None
        or not bot.settings.fair_use
        or not bot.fair_use.is_costly(command.qualified_name)
    ):
        return True
    decision = await bot.fair_use.admit(interaction.guild_id, interaction.user.id, command.qualified_name)
    if isinstance(decision, Refusal):
        await interaction.response.send_message(decision.message, ephemeral=True)
        return False
    interaction.extras[ADMISSION] = decision
    return True


def release(interaction: discord.Interaction) -> None:
    """The command ended: its server may start another costly one."""
    admission: Admission | None = interaction.extras.pop(ADMISSION, None)
    if admission is not None:
        bot = cast(FairUseHost, interaction.client)
        bot.fair_use.finished(admission)
