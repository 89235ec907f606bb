"""Who a speech tag names, and whom a quote addresses by name: characters of the work.

A name is its character (an unlisted one is added); ``I`` is the first-person narrator. ``he`` /
``she`` go to a character of that gender, preferring one named earlier in the paragraph, then the one
the last turn addressed by name, then the other party of the conversation, then the most recently
mentioned. A description (``said the young man``) is the party of the conversation expected to
speak when its gender agrees (``said a voice``: whatever its gender), else an unnamed speaker; a
kinship description (``said her mother``, ``said Daisy's mamma``) is the relative the family's names
show (:mod:`bot.attribution.kinship`); a description learnt as one character (:mod:`bot.attribution.descriptions`) is that character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.attribution.characters import NARRATOR, Character, CharacterList
from bot.attribution.kinship import kin_noun, relative
from bot.attribution.lexicon import ANAPHORIC_NOUNS, NAME_WORD
from bot.attribution.mentions import MentionTimeline
from bot.attribution.pronouns import PRONOUN_GENDER
from bot.attribution.quotes import Quote, Span
from bot.attribution.tags import Tag, TagReader, Who, describe
from bot.attribution.turns import Turn, TurnHistory

RECENT_PARAGRAPHS = 8
CONVERSATION_MEMBER_TURNS = 40
"""Turns a pronoun tag looks back over for a member of the conversation going on (see
:meth:`TagResolver._conversation_member`): far more than a scene's dialogue keeps a silent member in mind, and a
bound, so that an upload of one endless dialogue is not walked back turn by turn at every tag."""
RELATIONAL_POSSESSIVES = frozenset({"his", "her", "their"})
"""A description owned by someone (``his companion``, ``her aunt``) names a person of the scene, never a stranger."""
_POSSESSIVE = re.compile(r"(?:['’]s|\s+s)\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*)")
"""A name in a tag that owns its speaker (``said Daisy’s mamma``, ``Margaret’s young man``)."""
_OPENS_ON_PRONOUN = re.compile(rf"(?:{NAME_WORD},?\s+){{0,3}}?(?P<pronoun>[Hh]e|[Ss]he)\b")
"""A paragraph going on about someone already named (``She picked up the clothes``, ``Then he said``)."""


class TagResolver:
    """Resolves tags in one reading of a work: against its ``mentions`` and the turns read so far
    (``history``), with each ``learnt`` description standing for its character."""

    def __init__(
        self,
        text: str,
        characters: CharacterList,
        paragraphs: list[Span],
        reader: TagReader,
        mentions: MentionTimeline,
        history: TurnHistory,
        learnt: dict[Character, Character],
    ) -> None:
        self._text = text
        self._characters = characters
        self._paragraphs = paragraphs
        self._reader = reader
        self._mentions = mentions
        self._history = history
        self._learnt = learnt

    def resolve(self, tag: Tag, turn: Turn) -> tuple[Character, str] | None:
        """The character ``tag`` names in ``turn``, and the rule that says so."""
        characters = self._characters
        if tag.kind is Who.NARRATOR:
            if characters.narrator is None:
                return None
            named = characters.narrator.name != NARRATOR
            return characters.narrator, "narrator tag" if named else "narrator tag, unnamed"
        if tag.kind is Who.PRONOUN:
            return self._resolve_pronoun(tag, turn)
        if tag.kind is Who.DESCRIPTION:
            description = describe(tag.who)
            if description is None:
                return None
            if description.split()[-1] in ANAPHORIC_NOUNS:
                return self._resolve_other(description.split()[-1], tag, turn)
            kin = self._kin(description, tag, turn)
            if kin:
                return kin, "described tag, kin"
            character = characters.find(description) or characters.add_unlisted(description, tag.offset, described=True)
            if character in self._learnt:
                self._mentions.remember(tag.offset, self._learnt[character])
                return self._learnt[character], "described tag, learnt"
            party = self._described_party(character, turn)
            if party:
                return party, "described tag, conversation"
            self._mentions.remember(tag.offset, character)
            return character, "described tag"
        possessive = _POSSESSIVE.match(self._text, tag.offset + len(tag.who))
        if possessive:  # “…,” said Daisy’s mamma: a relative of Daisy, not Daisy
            owner = characters.find_name(tag.who)
            kin = relative(possessive["noun"], owner, characters) if owner and kin_noun(f"her {possessive['noun']}") else None
            return (kin, "described tag, kin") if kin else None
        character = characters.find_name(tag.who) or characters.add_unlisted(tag.who, tag.offset, described=False)
        return character, "named tag"

    def _resolve_pronoun(self, tag: Tag, turn: Turn) -> tuple[Character, str] | None:
        """``he said`` / ``she said``: the one character of that gender mentioned lately; else, in a
        paragraph that opens on that pronoun, whom it stands for (the named subject before it); else the
        subject of that gender in the quote's paragraph; else the person the last turn addressed by name
        (``“What do you say, George?” // “…,” he said``) if of that gender; else the other party of the
        conversation if of that gender; else the subject in the paragraph before; else the latest speaker of
        that gender in the conversation going on, not its last; then the most recent mention (a name
        owning something, ``Mr. Bell's office``, last). Never the first-person narrator (the narration
        calls them ``I``), nor, past the sole candidate, someone the turn addresses by name."""
        gender = PRONOUN_GENDER[tag.who.lower()]
        window = self._paragraphs[max(0, turn.paragraph - RECENT_PARAGRAPHS)][0]
        narrator = self._characters.narrator
        candidates = self._mentions.of_gender(window, tag.offset, gender) - {narrator}
        if len(candidates) == 1:
            return candidates.pop(), "pronoun tag, sole candidate"
        paragraph_start = self._paragraphs[turn.paragraph][0]
        lead_in = self._paragraphs[turn.paragraph - 1][0] if turn.paragraph else 0

        def fits(character: Character) -> bool:
            return character.gender == gender and character is not narrator and character not in turn.vocatives

        opens = _OPENS_ON_PRONOUN.match(self._text, paragraph_start)
        same = opens and opens["pronoun"].lower() == tag.who.lower()
        chained = self._mentions.chained(tag.offset, gender, paragraph_start, window) if same else None
        if chained:
            return chained, "pronoun tag, chained"
        local = self._mentions.latest(tag.offset, fits, since=paragraph_start, subject=True, only_subjects=True)
        if local:
            return local, "pronoun tag"
        last, before_last = self._history.recent(turn.paragraph)
        addressed = next((c for c in last.vocatives if c is not last.speaker), None) if last else None
        if addressed and fits(addressed):
            return addressed, "pronoun tag, addressee"
        other = before_last.speaker if before_last else None
        if last and other and fits(other) and other is not last.speaker:
            return other, "pronoun tag, conversation"
        local = self._mentions.latest(tag.offset, fits, since=lead_in, subject=True, only_subjects=True)
        local = local or self._mentions.latest(tag.offset, fits, since=paragraph_start, owners_last=True)
        if local:
            return local, "pronoun tag"
        if last is None or last.paragraph < turn.paragraph - 1:
            narrated = self._mentions.latest(tag.offset, fits, since=lead_in, subject=True, owners_last=True)
            if narrated:
                return narrated, "pronoun tag"
        if last and other and last.speaker and other.gender not in (gender, None) and fits(last.speaker):
            return last.speaker, "pronoun tag, conversation, again"  # “…,” she said. / “…,” he said: the one man
        member = self._conversation_member(turn, fits)
        if member:
            return member, "pronoun tag, conversation"
        exclude = last.speaker if last and last.paragraph == turn.paragraph - 1 else None
        recent = self._mentions.latest(tag.offset, lambda c: fits(c) and c is not exclude, since=window, owners_last=True)
        recent = recent or self._mentions.latest(tag.offset, fits, since=window, owners_last=True)
        recent = recent or self._mentions.latest(tag.offset, self._of_unknown_gender, since=lead_in, subject=True)
        return (recent, "pronoun tag, recent") if recent else None

    def _conversation_member(self, turn: Turn, fits: Callable[[Character], bool]) -> Character | None:
        """The latest speaker of the conversation going on at ``turn`` (turns in consecutive paragraphs), among
        its last :data:`CONVERSATION_MEMBER_TURNS`, who ``fits`` and did not speak the last turn."""
        turns = self._history.turns
        paragraph = turn.paragraph
        last_speaker = turns[-1].speaker if turns else None
        for earlier in reversed(turns[-CONVERSATION_MEMBER_TURNS:]):
            if earlier.paragraph != paragraph - 1:
                return None
            paragraph = earlier.paragraph
            if earlier.speaker is not None and earlier.speaker is not last_speaker and fits(earlier.speaker):
                return earlier.speaker
        return None

    def _resolve_other(self, noun: str, tag: Tag, turn: Turn) -> tuple[Character, str] | None:
        """``said the latter`` / ``the former``: the last or the one before the last of the two people the
        narration just named (``Ann turned to Kate. “Well?” said the latter``: Kate); ``said the other``,
        and either of those when the narration names no two: the other party of the conversation."""
        if noun in ("latter", "former"):
            lead_in = self._paragraphs[turn.paragraph - 1][0] if turn.paragraph else 0
            named: list[Character] = []
            for _, character, _ in reversed(self._mentions.between(lead_in, tag.offset)):
                if character not in named and self._history.is_person(character):
                    named.append(character)
            if len(named) >= 2:
                return named[0] if noun == "latter" else named[1], "pronoun tag, conversation"
        other = self._history.other_party(turn.paragraph)
        return (other, "pronoun tag, conversation") if other else None

    def _kin(self, description: str, tag: Tag, turn: Turn) -> Character | None:
        """``said her mother``: the mother of the last speaker, or else of the last person mentioned,
        of the possessive's gender (see :mod:`bot.attribution.kinship`)."""
        kin = kin_noun(description)
        if kin is None:
            return None
        gender, noun = kin
        if gender is None:
            possessors = [self._characters.narrator]
        else:
            last, _ = self._history.recent(turn.paragraph)
            window = self._paragraphs[max(0, turn.paragraph - RECENT_PARAGRAPHS)][0]
            mentioned = self._mentions.latest(tag.offset, lambda c: c.gender == gender and not c.described, since=window)
            possessors = [last.speaker if last and last.speaker and last.speaker.gender == gender else None, mentioned]
        for possessor in possessors:
            found = relative(noun, possessor, self._characters) if possessor else None
            if found:
                return found
        return None

    def _described_party(self, described: Character, turn: Turn) -> Character | None:
        """``said the young man`` in a two-person conversation: the named party expected to speak
        (the speaker before last), when the description agrees with its gender or names no person
        (``said a voice``)."""
        expected = self._history.alternating(turn.paragraph)
        if expected is None or expected is described or not described.described or expected.described:
            return None
        if described.name.split()[-1][:1].isupper():  # said the Queen: a title the text uses as a name
            return None
        relational = described.name.split()[0].lower() in RELATIONAL_POSSESSIVES  # his companion: someone present
        agrees = expected.gender == described.gender or (described.gender is None and not described.person)
        agrees = agrees or (relational and None in (expected.gender, described.gender))
        if not agrees or expected in turn.vocatives:
            return None
        return expected

    def _of_unknown_gender(self, character: Character) -> bool:
        """A named character whose gender the text never showed: "he" or "she" if nobody else fits."""
        return character.gender is None and not character.described and character is not self._characters.narrator

    def addressed(self, quotes: list[Quote]) -> list[Character]:
        """The characters ``quotes`` address by name (vocatives), each once, in order."""
        found = []
        for quote in quotes:
            quote_text = self._text[quote.start : quote.end]
            for name in self._reader.vocatives(quote_text):
                character = self._characters.find_name(name)
                if character is None and _addresses_at_either_end(quote_text, name):
                    character = self._characters.add_unlisted(name, quote.start, described=False)
                if character and character not in found:
                    found.append(character)
        return found


def _addresses_at_either_end(quote: str, name: str) -> bool:
    """``“Watson, …”`` or ``“…, Watson.”``: a name only counted as addressed where it opens or
    closes the quote."""
    inner = quote.strip("“”\"‘’").strip()
    return inner.startswith(name) or inner.rstrip(",.!?;—").endswith(name)
