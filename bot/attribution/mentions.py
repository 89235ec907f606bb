"""Who the narration mentions, and where: the salience behind resolving "he" and "she".

A timeline of mentions in the narration (never inside quotes): names, the
first-person narrator's I/me/my, and unnamed speakers that the speech tags
describe (``the stranger``), each marked as the subject of its clause or not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from bot.attribution.characters import Character, CharacterList, in_spans, learn_gender
from bot.attribution.lexicon import ANAPHORIC_NOUNS, PERSON_NOUNS
from bot.attribution.names import Mention, find_mentions, is_subject, opens_clause
from bot.attribution.quotes import Quote, Span, narration_spans
from bot.attribution.tags import Tag, TagReader, Who, describe

_THE_NOUN = re.compile(r"[Tt]he(?:\s+[a-z][\w-]*){0,2}\s+[A-Za-z][\w-]*")
_INTRODUCED = re.compile(
    r"\b[Aa]n?\s+(?:[a-z][\w-]*,?\s+){0,3}(?:"
    + "|".join(sorted((noun for noun, gender in PERSON_NOUNS.items() if gender), key=len, reverse=True))
    + r")\b"
)
"""``a small, dark, brisk man``: an indefinite description whose noun shows a gender."""
_OWNER = re.compile(r"[’']s?\s+[a-z]")
"""A name that owns something (``Mr. Bell’s office``): the owner is mentioned, not acting."""
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
_SUBJECT_PRONOUN = re.compile(r"\b(?:(?P<m>[Hh]e)|(?P<f>[Ss]he))\b")


class MentionTimeline:
    """Mentions of characters in reading order, each with its offset and whether it is a subject."""

    def __init__(
        self, text: str, characters: CharacterList, paragraphs: list[Span], quotes: list[Quote], reader: TagReader
    ) -> None:
        self._text = text
        self._characters = characters
        self._paragraphs = paragraphs
        self._quotes = quotes
        self._reader = reader
        narration = narration_spans(paragraphs, quotes)
        self._owners: set[int] = set()
        self._mentions = (
            self._narration_mentions(narration)
            + self._described_mentions(narration)
            + self._introduced_people(narration)
        )
        self._mentions.sort(key=lambda item: item[0])
        self._pronouns: dict[str, list[int]] = {"m": [], "f": []}
        for start, end in narration:
            for match in _SUBJECT_PRONOUN.finditer(text, start, end):
                self._pronouns[match.lastgroup or "m"].append(match.start())

    def latest(
        self,
        offset: int,
        wanted: Callable[[Character], bool],
        since: int = 0,
        subject: bool = False,
        only_subjects: bool = False,
        owners_last: bool = False,
    ) -> Character | None:
        """The character mentioned last before ``offset`` (and after ``since``) that is ``wanted``;
        with ``subject``, the last one that was the subject of its clause if any (``only_subjects``:
        or none); with ``owners_last``, a name owning something (``Mr. Bell’s office``) only if no other
        mention is found."""
        position = bisect.bisect_left(self._mentions, offset, key=lambda item: item[0])
        fallback = owner = None
        for index in range(position - 1, -1, -1):
            mention_offset, character, is_subject_ = self._mentions[index]
            if mention_offset < since:
                break
            if not wanted(character):
                continue
            if owners_last and mention_offset in self._owners:
                owner = owner or character
            elif is_subject_ or not subject:
                return character
            else:
                fallback = fallback or character
        return None if only_subjects else fallback or owner

    def chained(self, offset: int, gender: str, since: int, window: int) -> Character | None:
        """Who a subject pronoun of ``gender`` between ``since`` and ``offset`` refers to, when no
        named subject of that gender follows it (``She picked up the clothes. “Good night,” she
        said``): the named subject of that gender last before it, back to ``window`` (a chain of
        pronouns keeps one referent)."""
        offsets = self._pronouns[gender]
        index = bisect.bisect_left(offsets, offset) - 1
        if index < 0 or offsets[index] < since:
            return None
        pronoun = offsets[index]

        def fits(character: Character) -> bool:
            return character.gender == gender

        if self.latest(offset, fits, since=pronoun, subject=True, only_subjects=True):
            return None
        return self.latest(pronoun, fits, since=window, subject=True, only_subjects=True)

    def of_gender(self, since: int, offset: int, gender: str) -> set[Character]:
        """The characters of ``gender`` mentioned between ``since`` and ``offset``."""
        low = bisect.bisect_left(self._mentions, since, key=lambda item: item[0])
        high = bisect.bisect_left(self._mentions, offset, key=lambda item: item[0])
        return {character for _, character, _ in self._mentions[low:high] if character.gender == gender}

    def between(self, since: int, until: int) -> list[tuple[int, Character, bool]]:
        """Every mention from ``since`` up to ``until``: its offset, its character, whether a subject."""
        low = bisect.bisect_left(self._mentions, since, key=lambda item: item[0])
        high = bisect.bisect_left(self._mentions, until, key=lambda item: item[0])
        return self._mentions[low:high]

    def remember(self, offset: int, character: Character, subject: bool = True) -> None:
        """Add a mention: a speaker is salient where it speaks."""
        bisect.insort(self._mentions, (offset, character, subject), key=lambda item: item[0])

    def _narration_mentions(self, narration: list[Span]) -> list[tuple[int, Character, bool]]:
        """Each name mentioned in the narration (and, in a first-person story, each I/me/my), with
        whether it is the subject of its clause."""
        in_narration = in_spans(narration)
        found = []
        for mention in self._characters.mentions or self._find_mentions():
            if not in_narration(mention.start):
                continue
            character = self._characters.find(mention.form) or self._characters.find_name(mention.form)
            if character is not None:
                subject = is_subject(self._text, mention) or _before_relative_clause(self._text, mention)
                found.append((mention.start, character, subject))
                if _OWNER.match(self._text, mention.end):
                    self._owners.add(mention.start)
        narrator = self._characters.narrator
        if narrator is not None:
            for start, end in narration:
                found.extend(
                    (match.start(), narrator, match.group() == "I")
                    for match in _FIRST_PERSON.finditer(self._text, start, end)
                )
        return found

    def _described_mentions(self, narration: list[Span]) -> list[tuple[int, Character, bool]]:
        """Each mention in the narration of an unnamed speaker the tags describe (``the stranger``),
        who becomes a character with the gender the pronouns after those mentions show."""
        nouns = {tag.who.split(maxsplit=1)[1] for tag in self._described_tags()}
        if not nouns:
            return []
        alternatives = "|".join(re.escape(noun) for noun in sorted(nouns, key=len, reverse=True))
        pattern = re.compile(rf"\b[Tt]he\s+({alternatives})\b")
        by_noun: dict[str, list[Mention]] = {}
        for start, end in narration:
            for match in pattern.finditer(self._text, start, end):
                words = tuple(match.group(1).split())
                by_noun.setdefault(" ".join(words), []).append(Mention(match.start(), match.end(), None, words, True))
        found = []
        for noun, mentions in by_noun.items():
            character = self._characters.add_unlisted(f"the {noun}", mentions[0].start, described=True)
            if character.described:  # not a named character the description is tied to
                character.mentions = len(mentions)
                learn_gender(self._text, character, mentions)
            found.extend((m.start, character, is_subject(self._text, m)) for m in mentions)
        return found

    def _introduced_people(self, narration: list[Span]) -> list[tuple[int, Character, bool]]:
        """People the narration brings in by a description as the subject of a clause (``a short,
        stout, quick man in a carter's coat stopped us``): whoever "he" is next."""
        found = []
        for start, end in narration:
            for match in _INTRODUCED.finditer(self._text, start, end):
                words = tuple(match.group().split())
                mention = Mention(match.start(), match.end(), None, words, False)
                if not is_subject(self._text, mention):
                    continue
                description = " ".join(words)
                description = description[0].lower() + description[1:]
                character = self._characters.add_unlisted(description, match.start(), described=True)
                character.mentions += 1
                found.append((match.start(), character, True))
        return found

    def _described_tags(self) -> list[Tag]:
        """The speech tags after quotes that describe their speaker as ``the <noun>``."""
        tags = []
        for quote, following in zip(self._quotes, [*self._quotes[1:], None], strict=False):
            paragraph_end = self._paragraphs[quote.paragraph][1]
            end = following.start if following and following.paragraph == quote.paragraph else paragraph_end
            tag = self._reader.after(self._text[quote.start : quote.end], self._text[quote.end : end], quote.end)
            if tag and tag.speech and tag.kind is Who.DESCRIPTION and _THE_NOUN.fullmatch(tag.who):
                description = describe(tag.who)
                if description and description.split()[-1] not in ANAPHORIC_NOUNS:
                    tags.append(tag)
        return tags

    def _find_mentions(self) -> list[Mention]:
        names = self._characters
        return [
            mention
            for start, end in self._paragraphs
            for mention in find_mentions(self._text, names.name_words, start, end, names.name_pairs)
        ]


_RELATIVE = re.compile(r",\s+(?:who|whose)\b")


def _before_relative_clause(text: str, mention: Mention) -> bool:
    """``and Kate, who had gone to the door, turned``: a name opening its clause and described by
    a relative clause is that clause's subject."""
    return bool(_RELATIVE.match(text, mention.end)) and opens_clause(text, mention)
