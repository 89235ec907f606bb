"""The untagged turns of one reading, ranked: each turn's :class:`~bot.attribution.ranker.Context`
gathered from the rules' answers around it, then its speaker chosen by a ranker.

A turn is ranked when none of its quotes has a tag of its own (a named, first-person or described
speaker): the rules' answer becomes one candidate and one vote among others. Contexts are gathered
from the rules' answers before any turn changes, as the ranker was trained.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Protocol

from bot.attribution.characters import Character
from bot.attribution.mentions import MentionTimeline
from bot.attribution.pronouns import PRONOUN_GENDER
from bot.attribution.quotes import Span
from bot.attribution.ranker import (
    NEAR_PARAGRAPHS,
    SALIENT_PARAGRAPHS,
    Context,
    Mention,
    Neighbour,
    candidates_of,
    shipped,
)
from bot.attribution.tag_finder import TagFinder
from bot.attribution.tags import Who
from bot.attribution.turns import CONVERSATION_GAP, Turn, TurnHistory

TAGGED_RULES = (
    "named tag", "narrator tag", "described tag", "described tag, learnt", "described tag, kin",
)
"""Rules reading a tag that names its speaker: their turns are not ranked, and they count as tagged
neighbours."""
OVERRULED = "ranked, overrules"


class Chooser(Protocol):
    def choose(self, candidates: list[Character], context: Context) -> tuple[Character, float, float] | None:
        """The speaker among ``candidates``, its probability and its confidence (None: keep the rules')."""
        ...


class KeepRules:
    """A ranker that never overrules the rules (their answers alone, as before the ranker)."""

    def choose(self, candidates: list[Character], context: Context) -> None:
        return None


def is_tagged(rule: str) -> bool:
    """Whether ``rule`` read a tag naming its speaker (qualifiers aside, ``, shared`` excepted)."""
    return any(rule == name or rule.startswith(name + ", ") for name in TAGGED_RULES) and ", shared" not in rule and (
        ", conversation" not in rule
    )


class TurnRanking:
    """Ranks the untagged turns of ``history`` (see the module's docstring)."""

    def __init__(
        self,
        history: TurnHistory,
        mentions: MentionTimeline,
        tags: TagFinder,
        paragraphs: list[Span],
        narrator: Character | None,
        ranker: Chooser | None,
    ) -> None:
        self._turns = history.turns
        self._mentions = mentions
        self._tags = tags
        self._paragraphs = paragraphs
        self._narrator = narrator
        self._ranker = ranker if ranker is not None else shipped()
        self._quote_starts = {quote.start for turn in self._turns for quote in turn.quotes}
        self._speakers = [turn.speaker for turn in self._turns]
        self.probabilities: dict[int, tuple[float, int]] = {}
        """Each ranked turn's (by ``id``) probability of the ranker's choice and its number of candidates."""
        self._offsets: dict[Character, list[int]] = {}
        for offset, character, _ in mentions.between(0, paragraphs[-1][1] + 1 if paragraphs else 0):
            if offset not in self._quote_starts:
                self._offsets.setdefault(character, []).append(offset)

    def rank(self) -> dict[int, str]:
        """Rank every untagged turn; where the ranker overrules the rules, its speaker replaces theirs
        (the rule ``ranked, overrules``, the ranker's confidence). Returns, for each overruled turn (by
        ``id``), the rule it had. Where the ranker agrees, the rules' answer and its confidence stand."""
        if self._ranker is None:
            return {}
        chosen = []
        for index, turn in enumerate(self._turns):
            if any(is_tagged(rule) for rule in turn.rules):
                continue
            context = self._context(index)
            candidates = candidates_of(context)
            found = self._ranker.choose(candidates, context)
            if found is not None:
                self.probabilities[id(turn)] = (found[1], len(candidates))
            if found is not None and found[0] is not context.rule_answer:
                chosen.append((turn, found))
        kinds = {}
        for turn, (speaker, _, confidence) in chosen:
            kinds[id(turn)] = turn.rules[0]
            count = len(turn.quotes)
            turn.speakers, turn.rules, turn.confidences = [speaker] * count, [OVERRULED] * count, [confidence] * count
        return kinds

    def _context(self, index: int) -> Context:
        turn = self._turns[index]
        mentions = self._near_mentions(turn)
        order: list[Character] = []
        for mention in mentions:
            if mention.paragraphs_before >= 0 and mention.character not in order:
                order.append(mention.character)
        scene_start = self._paragraphs[max(0, turn.paragraph - SALIENT_PARAGRAPHS)][0]
        opening = turn.quotes[0].start

        def scene_mentions(character: Character) -> int:
            offsets = self._offsets.get(character, [])
            return bisect.bisect_left(offsets, opening) - bisect.bisect_left(offsets, scene_start)

        return Context(
            starts=tuple(quote.start for quote in turn.quotes),
            rule_answer=turn.speaker,
            rule=turn.rules[0],
            rule_confidence=turn.confidences[0] if turn.speaker else 0.0,
            pronoun_gender=self._pronoun_gender(turn),
            vocatives=tuple(turn.vocatives),
            before=(self._neighbour(index, -1), self._neighbour(index, -2)),
            after=(self._neighbour(index, 1), self._neighbour(index, 2)),
            mentions=mentions,
            mentioned_order=tuple(order),
            scene_mentions=scene_mentions,
            scene_turns=Counter(
                speaker for i in range(max(0, index - SALIENT_PARAGRAPHS), index)
                if (speaker := self._speakers[i]) is not None and turn.paragraph - self._turns[i].paragraph <= SALIENT_PARAGRAPHS
            ),
            narrator=self._narrator,
        )

    def _neighbour(self, index: int, step: int) -> Neighbour | None:
        """The turn ``step`` turns away, joined when every turn between is in the same conversation."""
        position = index + step
        if not 0 <= position < len(self._turns):
            return None
        direction = 1 if step > 0 else -1
        joined = all(
            abs(self._turns[i + direction].paragraph - self._turns[i].paragraph) <= CONVERSATION_GAP + 1
            for i in range(index, position, direction)
        )
        other = self._turns[position]
        return Neighbour(self._speakers[position], is_tagged(other.rules[0]), tuple(other.vocatives), joined)

    def _pronoun_gender(self, turn: Turn) -> str | None:
        """``he`` or ``she`` in a pronoun tag of the turn's quotes (only pronoun rules read one)."""
        if not turn.rules[0].startswith("pronoun tag"):
            return None
        for position in range(len(turn.quotes)):
            tag = self._tags.speech_tag(turn.quotes, position)
            if tag is not None and tag.kind is Who.PRONOUN:
                return PRONOUN_GENDER[tag.who.lower()]
        return None

    def _near_mentions(self, turn: Turn) -> tuple[Mention, ...]:
        """Mentions in the narration from :data:`NEAR_PARAGRAPHS` paragraphs before the turn to its end,
        latest first (those after its first quote last), speakers remembered at quotes left out."""
        first = self._paragraphs[max(0, turn.paragraph - NEAR_PARAGRAPHS)][0]
        opening = turn.quotes[0].start
        paragraph_starts = [start for start, _ in self._paragraphs[max(0, turn.paragraph - NEAR_PARAGRAPHS) : turn.paragraph + 1]]
        before, after = [], []
        for offset, character, subject in self._mentions.between(first, self._paragraphs[turn.paragraph][1]):
            if offset in self._quote_starts:
                continue
            if offset >= opening:
                after.append(Mention(character, -1, subject))
                continue
            distance = sum(offset < start for start in paragraph_starts)
            before.append(Mention(character, distance, subject))
        return (*reversed(before), *after)
