"""Who-said-it and true-or-false questions: a certain, memorable line and who spoke it."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator

from bot.trivia import dialect, line_fitness, roles, scoring, wording
from bot.trivia.address import AddressHabits, cut_short
from bot.trivia.beats import beat_lines
from bot.trivia.evidence import EXCHANGE, evidence, narrated_sections, narrator_of
from bot.trivia.exchanges import exchange_lines
from bot.trivia.facts import Facts, memorable, opening
from bot.trivia.judging import normalise
from bot.trivia.lead_ins import lead_in, needs_lead_in
from bot.trivia.lines import SpokenLine
from bot.trivia.options import PLAUSIBLE_POOL, WRONG_OPTIONS, shuffled
from bot.trivia.question import FALSE, TRUE, Question, QuestionKind

MIN_WRONG_OPTIONS = 2
"""Who-said-it is asked only with this many wrong speakers present in that part of the story (one in a
story of three speakers): fewer options rather than someone absent from it."""


MIN_ASKED_WORDS = 10
"""Lines asked about in who-said-it and true-or-false are longer still: judged samples found shorter
ones small talk ("My dear, you're handsomer than ever!")."""
MIN_STRICT_LINES = 20
"""Below this many such lines (a short story), shorter lines are asked too."""
_FAMILY_ADDRESS = re.compile(
    r"\b(?:mamma|mama|papa|darling|dearest|husband|wife|bridegroom"
    r"|(?:your|my dear|I am (?:his|her)) (?:mother|father|child|son|daughter|sister|brother|aunt|uncle)"
    r"|(?:mother|father|son|daughter|sister|brother|wife|husband) of mine)\b",
    re.IGNORECASE,
)
"""Words that tell who speaks to whom ("…, mamma"), so sense rules a wrong speaker out."""
_OWN_STATUS = re.compile(
    r"\b(?:my|our|we were|I am|I was)\s+(?:\w+\s+){0,2}(?:engaged|engagement|married|marriage|betrothed|widowed|ordination|ordained)\b"
    r"|\b(?:love for me|marry me|my lover|my intended)\b",
    re.IGNORECASE,
)
"""Words about the speaker's own engagement, marriage or calling ("ever since our engagement was known"): a
widow or a married man named as the speaker would be ruled out by sense, not by the book."""
_OWN_KIN = re.compile(
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:mother|father|parents?|daughters?|sons?|husband|wife|children|child"
    r"|sisters?|brothers?|aunts?|uncles?|nieces?|nephews?|cousins?|grand(?:mothers?|fathers?|children|child|daughters?|sons?)"
    r"|mamma|mama|papa|family|girls|boys|dad|mum)\b",
    re.IGNORECASE,
)
"""The speaker's own kin ("my own children", "our daughters", "my mother's house"): of the people offered,
perhaps only one is a parent, or has that mother, so the line would name its speaker."""
DISTINCT_ZIPF = 4.0
MIN_DISTINCT_WORDS = 2
"""A line asked about holds this many different words rarer than :data:`DISTINCT_ZIPF` ("unanimous",
"insufficiency"): judged samples found lines of everyday words bland ("I never saw any thing of the
sort, I am sure")."""
KNOWN_SPEAKER_LINES = 6
"""A speaker beyond the main ones (:data:`bot.trivia.scoring.MAIN_SPEAKERS`) is asked about with this
many certain lines: a reader knows them by then (a family's lawyer, an aunt who calls each week)."""
ASKED_SHARE = 1.0
"""Lines that pass every test above are all worth asking (a book club samples many games)."""
SCENE_CHARS = 4_000
"""The false speaker a true-or-false claim names speaks within this many characters of the line, in
its section: someone in that scene, so the claim is not ruled out by who is in the room."""


class LineVetting:
    """Why a line is not asked about (:meth:`refusal`), with what that takes worked out once per source."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.people = facts.source.plot.cast.people
        self.narrator = narrator_of(self.people)
        self.narrated = narrated_sections(facts.source.lines, self.narrator, self.people)
        self.exchanged = exchange_lines(facts.source.lines, facts.paragraphs, self.people)
        lines = facts.source.lines
        self.beats = beat_lines(lines, facts.paragraphs, self.people)
        self.habits = AddressHabits((line.speaker, line.text) for line in lines if line.certain and line.speaker)
        self._leads: dict[int, str | None] = {}

    def refusal(self, index: int, whole: SpokenLine) -> str | None:
        """The first reason (a short name, for measuring where a book's lines go) the line
        ``facts.source.lines[index]`` is not asked about, or None."""
        facts, line = self.facts, opening(whole)  # a long speech is asked by its opening sentences
        if not line.speaker:
            return "no speaker"
        if not memorable(line):
            return "not memorable"
        if not facts.speakers.recurring(line.speaker):
            return "speaker not recurring"
        found = evidence(
            line,
            facts.paragraphs.get(line.paragraph, ""),
            self.people,
            self.narrator,
            self.narrated,
            self.exchanged,
            self.beats,
        )
        if found is None or not (line.certain or found == EXCHANGE):
            return "no evidence"  # keyed from turn-taking alone: judged samples found such keys wrong
        if facts.speakers.rank(line.speaker) >= scoring.MAIN_SPEAKERS and facts.speakers.in_work[line.speaker] < KNOWN_SPEAKER_LINES:
            return "minor speaker"  # a reader remembers what the main characters say
        if facts.speakers.named_in(line.speaker, facts.normalised[index]):
            return "names its speaker"  # the speaker under any name of theirs ("Mr. Thorpe"), or a vocative
        if _FAMILY_ADDRESS.search(whole.text) or _OWN_STATUS.search(whole.text) or _OWN_KIN.search(whole.text):
            return "kin or status"  # sense alone would rule a wrong speaker out
        if facts.introduced_otherwise(line) or facts.speakers.addresses_unknown(whole.text):
            return "introduced otherwise"
        if self.habits.gives_away(line.speaker, whole.text):
            return "address gives it away"  # "your ladyship", or a pet name only the speaker uses
        if needs_lead_in(line.text) and not self.lead_in(index, line):
            return "needs its lead-in"  # a reply to words the player would not see
        after = facts.source.lines[index + 1] if index + 1 < len(facts.source.lines) else None
        if cut_short(line.text, after.text if after and after.paragraph == line.paragraph else None):
            return "cut short"
        return line_fitness.unfit(line.text, facts.words)  # foreign, broken by lost accents, or nothing to remember

    def lead_in(self, index: int, line: SpokenLine) -> str | None:
        """What the reply ``line`` (``facts.source.lines[index]``) answers (:func:`bot.trivia.lead_ins.lead_in`),
        when it does not name the line's speaker (it would be spoken to them); None otherwise. Worked out
        once per line: the refusal and the question both ask."""
        if index not in self._leads:
            lead = lead_in(self.facts.source.lines, index)
            named = lead is not None and line.speaker is not None and self.facts.speakers.named_in(line.speaker, normalise(lead))
            self._leads[index] = lead if lead is not None and line.speaker is not None and not named else None
        return self._leads[index]


def _askable_lines(facts: Facts, rng: random.Random) -> Iterator[tuple[SpokenLine, list[str], str | None]]:
    """Certain, memorable lines worth asking about (the best of them: :func:`bot.trivia.scoring.best`),
    each with plausible wrong speakers (see :func:`rivals_of`), the first of them to be offered, and
    the lead-in a reply is shown with (:mod:`bot.trivia.lead_ins`; None for a line that needs none)."""
    strict: list[SpokenLine] = []
    lenient: list[SpokenLine] = []
    leads: dict[int, tuple[str | None, str | None]] = {}
    vetting = LineVetting(facts)
    for index, whole in facts.lines(rng):
        if vetting.refusal(index, whole) is None:
            line = opening(whole)
            if needs_lead_in(line.text):  # the one who asked is no option: sense rules them out
                leads[line.offset] = vetting.lead_in(index, line), facts.source.lines[index - 1].speaker
            (strict if is_strict(line) else lenient).append(line)
    candidates = strict if len(strict) >= MIN_STRICT_LINES else strict + lenient  # a short story's lines are short
    score = lambda line: scoring.line_score(line.text, facts.speakers.rank(line.speaker or ""))  # noqa: E731
    for line in scoring.best(candidates, score, ASKED_SHARE if candidates is strict else scoring.BEST_SHARE):
        lead, asker = leads.get(line.offset, (None, None))
        said = normalise(lead or "")
        rivals = [
            name for name in rivals_of(facts, line) if name != asker and not facts.speakers.named_in(name, said)
        ]  # neither the one who asked nor the one asked by name
        if rivals:
            yield line, rivals, lead


def is_strict(line: SpokenLine) -> bool:
    """Whether a line is long and distinctive enough to ask in a book of many such lines."""
    return len(line.text.split()) >= MIN_ASKED_WORDS and _distinctive(line.text)


def _distinctive(text: str) -> bool:
    rare = {word.lower() for word in wording.words(text) if word[:1].islower() and wording.zipf(word) < DISTINCT_ZIPF}
    return len(rare) >= MIN_DISTINCT_WORDS


def _false_speaker(facts: Facts, line: SpokenLine, rivals: list[str], rng: random.Random) -> str | None:
    """Whom a false claim names: a rival of the speaker's own (known) gender, in standard English, in the
    line's scene (``rivals`` are) who speaks within :data:`SCENE_CHARS` of it in its section. None: no one
    makes a claim sense cannot rule out, nor for a line in dialect (its spelling names the speaker)."""
    if dialect.is_dialect(line.text) or line.speaker in facts.dialect_speakers:
        return None  # even a dialect speaker's plainer lines carry their spelling ("I ha' nowt")
    gender = facts.speakers.gender(line.speaker or "")
    alike = [name for name in rivals if name not in facts.dialect_speakers and gender and facts.speakers.gender(name) == gender]
    in_section = [name for name in alike if facts.speakers.in_section.get(line.section, Counter())[name]]
    in_scene = [name for name in in_section if facts.speakers.speaks_near(name, line.offset, SCENE_CHARS)]
    return rng.choice(in_scene) if in_scene else None


def rivals_of(facts: Facts, line: SpokenLine) -> list[str]:
    """Wrong speakers for ``line``: people in its scene (:class:`bot.trivia.scenes.Scenes`: speaking or
    named in the narration a few paragraphs either side, in its section), never one its paragraph names (spoken to or about). A line in dialect needs another dialect speaker
    among them, offered first (its spelling would give it away otherwise); none: no rivals."""
    assert line.speaker is not None
    context = f"{line.text} {facts.paragraphs.get(line.paragraph, '')}"
    near = (line.offset, facts.presence_window())
    in_scene = lambda name: facts.scenes.present(name, line.section, line.paragraph)  # noqa: E731
    rivals = facts.speakers.plausible_rivals(
        line.speaker, line.section, PLAUSIBLE_POOL, line=context, near=near, present=in_scene
    )
    rivals = _alike_by_sense(facts, line, rivals)
    if not dialect.is_dialect(line.text):
        standard = [name for name in rivals if name not in facts.dialect_speakers]
        return standard if len(standard) >= MIN_WRONG_OPTIONS else rivals  # a broad speaker would stand out
    alike = [name for name in rivals if name in facts.dialect_speakers]
    return [alike[0], *(name for name in rivals if name != alike[0])] if alike else []


def _alike_by_sense(facts: Facts, line: SpokenLine, rivals: list[str]) -> list[str]:
    """The ``rivals`` sense cannot rule out (:mod:`bot.trivia.roles`): of the answer's age (a child only
    against a child), and for a line of the speaker's own role or possession ("my butler") only those
    who speak of it as theirs too. Too few of them: none (the line is not asked)."""
    assert line.speaker is not None
    child = facts.is_child_near(line.speaker, line.offset)
    alike = [name for name in rivals if facts.is_child_near(name, line.offset) == child]
    signals = roles.owned_nouns(line.text)
    if signals:
        alike = [name for name in alike if signals <= facts.owned.get(name, frozenset())]
    return alike if len(alike) >= MIN_WRONG_OPTIONS or (len(alike) == len(rivals) and not child) else []


def who_said_it(facts: Facts, rng: random.Random) -> Iterator[Question]:
    speakers = facts.speakers.speakers()
    fewest = max(1, min(MIN_WRONG_OPTIONS, len(speakers) - 2))  # a story of three speakers: two options
    for line, rivals, lead in _askable_lines(facts, rng):
        assert line.speaker is not None
        if len(rivals) < fewest:
            continue
        wrong = rng.sample(rivals, min(WRONG_OPTIONS, len(rivals)))
        if dialect.is_dialect(line.text) and rivals[0] not in wrong:
            wrong[0] = rivals[0]  # the other dialect speaker
        yield Question(
            QuestionKind.WHO_SAID_IT,
            f"Who answered “{lead}” with “{line.text}”?" if lead else f"Who said this? “{line.text}”",
            line.speaker,
            options=shuffled([line.speaker, *wrong], rng),
            rivals=tuple(name for name in speakers if name != line.speaker),
            passage_id=line.passage_id,
            offset=line.offset,
        )


def true_or_false(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Claims that a line's speaker said it, true or false (see :func:`_false_speaker`). Lines with no
    one to name falsely are claimed truly, no more of them than lines with someone, and those are
    claimed falsely the more often, so a claim is as likely True as False."""
    claims = [
        (line, _false_speaker(facts, line, rivals, rng), lead)
        for line, rivals, lead in _askable_lines(facts, rng)
        if not (dialect.is_dialect(line.text) or line.speaker in facts.dialect_speakers)  # spelling names them
    ]
    with_someone = sum(false_speaker is not None for _, false_speaker, _ in claims)
    only_true = min(len(claims) - with_someone, with_someone)
    chance_false = 0.5 * (with_someone + only_true) / with_someone if with_someone else 0.0
    for line, false_speaker, lead in claims:
        assert line.speaker is not None
        if false_speaker is None:
            if not only_true:
                continue
            only_true -= 1
        truthful = false_speaker is None or rng.random() >= chance_false
        claimed = line.speaker if truthful else false_speaker
        yield Question(
            QuestionKind.TRUE_OR_FALSE,
            f"True or false: {claimed} answered “{lead}” with “{line.text}”" if lead else f"True or false: {claimed} said “{line.text}”",
            TRUE if truthful else FALSE,
            options=(TRUE, FALSE),
            passage_id=line.passage_id,
            offset=line.offset,
            explanation=f"{line.speaker} said it.",
        )
