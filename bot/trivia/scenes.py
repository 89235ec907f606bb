"""Who is in a scene: the people a wrong option may be drawn from.

A person is *in the scene* of a paragraph when, in the same section (a chapter or a scene between
breaks) and within :data:`SCENE_PARAGRAPHS` paragraphs of it, they speak a certain line or the
narration (outside quotation marks) names them. Judged samples found wrong options present elsewhere
in that part of the book, or only mentioned offstage in someone's speech, ruled out by who was at
the gathering; being somewhere in the chapter is not enough.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from bot.text.model import Passage
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person
from bot.trivia.subjects import Names

SCENE_PARAGRAPHS = 12
"""How many paragraphs either side of a line or an event, in its section, make its scene."""

_QUOTED = re.compile(r"“[^”]*”?|‘[^’]*’(?!\w)|\"[^\"]*\"?")
"""Speech inside a narration sentence ("“Ask Tobias,” said Orla."): whom it names may be offstage."""
Place = tuple[int, int]
"""A section and a paragraph ordinal."""


class Scenes:
    """Where each person speaks or is named in the narration, to tell who is in a scene."""

    def __init__(
        self, lines: Sequence[SpokenLine], narration: Sequence[Passage], people: Sequence[Person]
    ) -> None:
        self._people = {alias: person.name for person in people for alias in person.aliases}
        places: dict[str, set[Place]] = {}
        for line in lines:
            if line.certain and line.speaker:
                places.setdefault(self._key(line.speaker), set()).add((line.section, line.paragraph))
        names = Names.of(people)
        if names is not None:
            for sentence in narration:
                if sentence.paragraph is None:
                    continue
                for found in names.any.finditer(_QUOTED.sub(" ", sentence.text)):
                    places.setdefault(names.person(found).name, set()).add((sentence.section, sentence.paragraph))
        self._places = {key: sorted(found) for key, found in places.items()}

    def _key(self, name: str) -> str:
        return self._people.get(name, name)

    def present(self, name: str, section: int, paragraph: int) -> bool:
        """Whether ``name`` (a speaker's or a character's name) speaks or is named in the narration within
        :data:`SCENE_PARAGRAPHS` paragraphs of ``paragraph``, in ``section``."""
        places = self._places.get(self._key(name), [])
        index = bisect.bisect_left(places, (section, paragraph - SCENE_PARAGRAPHS))
        return index < len(places) and places[index] <= (section, paragraph + SCENE_PARAGRAPHS)
