"""Whether a line's speaker is vouched for by its paragraph: a speech tag naming them.

The attribution may be confident from turn-taking alone ("…, Miss Ashcombe?" keyed to the last
woman who spoke); judged samples found such keys wrong. Trivia asks only about lines vouched for by
one of :data:`KINDS` of evidence, each measured against expert labels before it was admitted
(``benchmarks/trivia_evidence.py``): the line's own paragraph tags it with the speaker's name
("said Honoria") and no one else; a named first-person narrator tags it ("said I"); or a letter's
or journal's writer does (:mod:`bot.trivia.entries`). Turn-taking was measured too and left out: a
line untagged between two turns tagged by name (A, B, A) is keyed right only 70-88% of the time on
the development novels.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.trivia.judging import normalise
from bot.trivia.lines import NOT_NAMES, SPEECH_VERBS, TITLE, SpokenLine, is_description, is_epithet
from bot.trivia.people import Person, name_words
from bot.trivia.wording import zipf

_TITLED_NAME = rf"((?:the\s+)?{TITLE}[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
"""A name in a tag, perhaps titled ("Colonel Vane") or a capitalised epithet ("the Hatter")."""
_MOVING = r"(?:returned|called|began|continued)"
_VERB = (
    rf"(?:(?:{SPEECH_VERBS})(?<!returned)(?<!called)(?<!began)(?<!continued)\b"
    rf"|{_MOVING}\b(?!\s+(?:to|from|home|into|back|up|down|out|his|her|their|the|a|an)\b))"
)
"""A speech verb; "returned", "called", "began" and "continued" only when not going somewhere or
doing something ("Edward returned to them", "she continued her work")."""
_TAG = re.compile(rf"\b{_VERB}\s+{_TITLED_NAME}|{_TITLED_NAME}\s+{_VERB}")
_HEARING = r"(?:heard|overheard|saw|noticed|caught|thought|knew|felt|remembered|wondered|watched|listened|understood)\b"
_AFTER_QUOTE = re.compile(rf"…\s+{_TITLED_NAME}\s+(?!{_HEARING})[a-z]+")
"""A name opening the narration right after a quote, before a verb ("…,” Lydia stated"); not a verb
of hearing or thinking, which makes the name the listener ("…,” Archer heard Reggie say)."""
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_PRONOUNS = frozenset(word.lower() for word in NOT_NAMES)
_ADDRESS_TITLES = frozenset("mr mrs miss ms lady sir lord master madame monsieur".split())
COMMON_ZIPF = 5.4
"""A capitalised word this common in English ("And", "Oh"; "John" is 5.38) opening narration is no name."""


def narration(paragraph: str) -> str:
    """``paragraph`` without its quoted words."""
    return _QUOTED.sub(" … ", paragraph)


def tags(paragraph: str) -> list[str]:
    """The names the paragraph's narration hands speech to ("said Mrs. Pell" → "Mrs. Pell")."""
    told = narration(paragraph)
    matches = [*_TAG.finditer(told), *_AFTER_QUOTE.finditer(told)]
    found = {_without_common_words(next(group for group in match.groups() if group)) for match in matches}
    return sorted(name for name in found if name)


def _without_common_words(name: str) -> str:
    """``name`` without the common words a sentence may open with ("But Honoria" → "Honoria"); empty for
    a pronoun or a common word alone ("He", "And"). A capitalised epithet ("the Hatter", "The
    General", :func:`bot.trivia.lines.is_epithet`) is kept whole, with "the" in lower case."""
    if name.startswith(("the ", "The ")) and is_epithet(f"the {name[4:]}"):
        return f"the {name[4:]}"
    words = name.split()
    while words and _common(words[0].lower().rstrip(".")):
        words.pop(0)
    return " ".join(words)


def _common(word: str) -> bool:
    return word in _PRONOUNS or (word not in _ADDRESS_TITLES and zipf(word) >= COMMON_ZIPF)


def tagged_by_name(speaker: str, paragraph: str, people: Sequence[Person]) -> bool:
    """Whether ``paragraph`` tags a speech with one of ``speaker``'s names and with no other name.

    A tag matches when it is one of the speaker's names (all of them, as the cast knows them), or
    ends with one ("said Colonel Vane" for "Vane"); a name another character of the cast also
    goes by is no evidence."""
    own = _names_of(speaker, people)
    others = {normalise(alias) for person in people if speaker not in person.aliases for alias in person.aliases}
    named = [normalise(name) for name in tags(paragraph)]
    if not named:
        return False
    return all(_matches(name, own) and name not in others - own for name in named)


def _names_of(speaker: str, people: Sequence[Person]) -> set[str]:
    aliases = {speaker, *(alias for person in people if speaker in person.aliases for alias in person.aliases)}
    return {normalise(alias) for alias in aliases}


def _matches(tag: str, names: set[str]) -> bool:
    """``tag`` is one of ``names``, or one with a rank or given name before it ("colonel brandon" for
    "brandon"); not with a title of address ("mrs crawford" is not "crawford")."""
    if tag in names:
        return True
    first, _, rest = tag.partition(" ")
    return first not in _ADDRESS_TITLES and rest in names


NAMED = "named tag"
NARRATOR = "narrator tag"
ENTRY = "entry writer"
"""The rule :mod:`bot.trivia.entries` gives a line it re-keys to its letter's or journal's writer."""
EXCHANGE = "two-person exchange"
"""An untagged line whose turn in a strict two-person exchange, anchored by name tags on both
sides, gives its speaker (:mod:`bot.trivia.exchanges`)."""
BEAT = "action beat"
"""An untagged line whose paragraph's narration names its speaker alone (:mod:`bot.trivia.beats`)."""
KINDS = (NAMED, NARRATOR, ENTRY, EXCHANGE, BEAT)
_FIRST_PERSON_TAG = re.compile(
    rf"\b(?:{SPEECH_VERBS})\s+I\b|\bI\s+(?:(?:at once|then|now|quietly|gravely|again|hastily)\s+)?(?:{SPEECH_VERBS})\b"
)
"""The narrator's own speech tag: "said I", "I replied", "I then asked"."""
OPENING_CHARS = 15
"""A line is the paragraph's first speech when their first letters agree this far."""


def narrator_tagged(line: SpokenLine, paragraph: str, narrator: str | None, narrated: Collection[int]) -> bool:
    """Whether ``line`` is the named first-person narrator's (``narrator``: their name, as the
    attribution knows it), by a first-person tag of its own (:func:`first_person_tagged`), in a
    section others call the narrator by name in (``narrated``: :func:`narrated_sections`)."""
    if narrator is None or line.speaker != narrator or line.section not in narrated or not line.rule.startswith(NARRATOR):
        return False
    return first_person_tagged(paragraph, line.text)


def first_person_tagged(paragraph: str, said: str) -> bool:
    """Whether ``paragraph`` opens with the speech ``said`` and hands it to "I" right after it, before
    any other speech (“…,” said I), not to introduce the next paragraph (“…” I went on:—), and
    tags no one by name. Judged journals showed why: “Must! But why?” She looked at me… “You
    shall,” I said: two speakers in one paragraph."""
    quotes = list(_QUOTED.finditer(paragraph))
    if not quotes or tags(paragraph) or _opening(quotes[0].group()) != _opening(said):
        return False
    after = paragraph[quotes[0].end() : quotes[1].start() if len(quotes) > 1 else len(paragraph)]
    return bool(_FIRST_PERSON_TAG.search(after)) and not after.rstrip().rstrip("-—–").endswith(":")


def _opening(text: str) -> str:
    return normalise(text).replace(" ", "")[:OPENING_CHARS]


def evidence(
    line: SpokenLine,
    paragraph: str,
    people: Sequence[Person],
    narrator: str | None = None,
    narrated: Collection[int] = (),
    exchanged: Collection[int] = (),
    beats: Collection[int] = (),
) -> str | None:
    """Which of :data:`KINDS` vouches for the speaker of ``line``, in ``paragraph`` (None: none does;
    ``narrator``, ``narrated``: see :func:`narrator_tagged`; ``exchanged``: offsets of the lines
    :func:`bot.trivia.exchanges.exchange_lines` vouches for; ``beats``: those
    :func:`bot.trivia.beats.beat_lines` vouches for)."""
    if line.speaker is None:
        return None
    if tagged_by_name(line.speaker, paragraph, people):
        return NAMED
    if narrator_tagged(line, paragraph, narrator, narrated):
        return NARRATOR
    if line.rule == ENTRY and first_person_tagged(paragraph, line.text):
        return ENTRY
    if line.offset in exchanged:
        return EXCHANGE
    if line.offset in beats:
        return BEAT
    return None


def narrator_of(people: Sequence[Person]) -> str | None:
    """The first-person narrator's name, when the text names them (the attribution gives them "I")."""
    return next((person.name for person in people if "I" in person.aliases and not is_description(person.name)), None)


def narrated_sections(lines: Sequence[SpokenLine], narrator: str | None, people: Sequence[Person]) -> set[int]:
    """Sections where others call the narrator by name in what they say ("You see, Watson…"): the "I"
    of those sections is surely theirs, not a letter's writer nor a tale told within the tale."""
    if narrator is None:
        return set()
    names = {word for name in _names_of(narrator, people) if name != "i" for word in name_words(name)}
    return {
        line.section
        for line in lines
        if line.speaker and line.speaker != narrator and names & set(normalise(line.text).split())
    }
