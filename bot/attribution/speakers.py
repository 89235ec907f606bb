"""Who speaks each quote: speech tags first, then the flow of the conversation.

For each paragraph with quotes, in reading order:

1. **Explicit tags** on either side of a quote (``“…,” Lydia stated``,
   ``said the Professor``, ``Holmes said:``), including a beat that
   interrupts a quote (``“Stiles,” Lydia hesitated, “Look …”``). The other
   quotes of the paragraph share the tagged speaker (one speaker per paragraph).
2. **Anaphoric tags**: ``he said`` / ``she said`` go to a character of that
   gender, preferring one named earlier in the paragraph, then the other party
   of the conversation, then the most recently mentioned; ``I said`` to the
   first-person narrator.
3. **Continued speeches**: a paragraph opening with a quote after a paragraph
   whose quote never closed is the same speech.
4. **Beats**: the subject of the narration leading into the quote
   (``Derek stared at her. “Was?”``), or acting right after it.
5. **Alternation**: in a back-and-forth (turns in consecutive paragraphs: a
   paragraph of narration ends the conversation), the speaker before last
   speaks again; else the person addressed by name in the last turn; else the
   person named nearest before the quote. Turns are then read back from the
   turns after them too (:mod:`bot.attribution.conversation`).

Where a quote's tag stands is :mod:`bot.attribution.tag_finder`; who it names (a description,
``said the young man``, or a relative, ``said her mother``) is :mod:`bot.attribution.tag_resolver`.
Untagged quotes sharing a tagged quote's paragraph take its speaker under their own rule
(``…, shared``): less sure. A description the conversations around its tags keep naming as one
character is that character, in a second reading (:mod:`bot.attribution.descriptions`).

A name addressed inside a quote (a vocative) is never taken as its speaker
from a beat or from alternation.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.attribution.calibration import MEASURED_CALIBRATION, Calibration
from bot.attribution.characters import NARRATOR, Character, CharacterList, build_characters
from bot.attribution.confidence_model import Evidence, KeepCalibration, Scorer, shipped
from bot.attribution.conversation import Slot, confirmed_later, read_backwards
from bot.attribution.descriptions import Said, learn
from bot.attribution.mentions import MentionTimeline
from bot.attribution.quotes import Quote, Span, find_quotes, paragraph_spans
from bot.attribution.ranking import Chooser, TurnRanking
from bot.attribution.tag_finder import TagFinder
from bot.attribution.tag_resolver import TagResolver
from bot.attribution.tags import TagReader
from bot.attribution.turns import CONVERSATION_GAP, Turn, TurnHistory

AGREEING = frozenset({
    "named tag", "described tag", "described tag, learnt", "described tag, kin", "pronoun tag, sole candidate", "pronoun tag", "pronoun tag, chained", "beat", "pronoun tag, recent",
    "continued speech", "addressee", "nearest name",
})
"""Rules whose answer is checked against the alternation of the conversation (", agreed" / ", disputed")."""
QUOTE_TYPE = {
    "named tag": "explicit", "described tag": "explicit",
    "narrator tag": "anaphoric", "narrator tag, unnamed": "anaphoric",
    "described tag, conversation": "anaphoric", "described tag, learnt": "anaphoric",
    "described tag, kin": "anaphoric",
}
BACKWARD_RULES = frozenset({"alternation", "nearest name"})
"""Rules whose turns are read again back from the turns after them (:mod:`bot.attribution.conversation`)."""
GUESSES = frozenset({"nearest name"})
"""Rules whose answer gives way to that backward reading."""
MIN_CONFIDENCE = 0.3
DESCRIBED_CEILING = 0.8
"""An unnamed speaker (``the woman``, an unnamed first-person ``the narrator``) may be a named
character readers know by name (in letters and journals, each entry's writer): however sure
the tag, it is never shown as a fact (below :data:`~bot.attribution.calibration.SHOWN_CONFIDENCE`)."""


@dataclass(frozen=True, slots=True)
class Utterance:
    """One quote: its offsets in the original text (``start`` is the opening quotation mark), its
    speaker's name or description (None if unknown), how sure the attribution is, and why."""

    start: int
    end: int
    text: str
    speaker: str | None
    confidence: float
    quote_type: str
    """"explicit", "anaphoric" or "implicit": the kind of evidence that named the speaker."""
    rule: str


def attribute(
    text: str,
    characters: CharacterList | None = None,
    paragraphs: list[Span] | None = None,
    calibration: Calibration = MEASURED_CALIBRATION,
    ranker: Chooser | None = None,
    scorer: Scorer | None = None,
) -> list[Utterance]:
    """Every quoted utterance in ``text`` with its speaker (see the module's docstring for the rules);
    a word or two quoted inside a sentence is not an utterance.

    ``paragraphs`` are spans of ``text`` to read (default: split at blank lines); ``calibration``
    turns each answer's evidence into its confidence (the benchmark measures others); ``ranker``
    chooses among the candidates of untagged turns (default: the shipped one,
    :func:`bot.attribution.ranker.shipped`); ``scorer`` turns each answer's evidence into its confidence
    (default: the shipped confidence model, :mod:`bot.attribution.confidence_model`, else ``calibration``'s
    rule records).
    """
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    characters = characters or build_characters(text, paragraphs)
    scorer = scorer or shipped() or KeepCalibration()
    return _Attributor(text, characters, paragraphs, calibration, ranker, scorer).run()


class _Attributor:
    """One work read for its speakers: the rules turn by turn, in a second reading where the first
    taught it who some descriptions are."""

    def __init__(
        self, text: str, characters: CharacterList, paragraphs: list[Span], calibration: Calibration,
        ranker: Chooser | None,
        scorer: Scorer,
    ) -> None:
        self._text = text
        self._scorer = scorer
        self._calibration = calibration
        self._ranker = ranker
        self._characters = characters
        self._paragraphs = paragraphs
        self._reader = TagReader(characters.name_words | {second for _, second in characters.name_pairs})
        self._quotes = find_quotes(text, paragraphs)
        self._tags = TagFinder(text, paragraphs, self._quotes, self._reader)

    def run(self) -> list[Utterance]:
        self._read(learnt={})
        learnt = learn(
            [Said(t.paragraph, t.speaker, _described_rule(t), tuple(t.vocatives)) for t in self._history.turns],
            CONVERSATION_GAP,
            self._may_be,
        )
        if learnt:  # read again, each learnt description now its character
            self._read(learnt)
        self._fit_to_work()
        ranking = TurnRanking(
            self._history, self._mentions, self._tags, self._paragraphs, self._characters.narrator, self._ranker
        )
        kinds = ranking.rank()
        evidence = Evidence(
            self._history.turns, ranking.probabilities, self._characters.characters, self._characters.narrator
        )
        return [
            utterance
            for index, turn in enumerate(self._history.turns)
            for utterance in self._utterances(index, kinds.get(id(turn)), evidence)
        ]

    def _may_be(self, description: Character, named: Character) -> bool:
        """Whether a described speaker may be ``named``: a named person of an agreeing gender."""
        if named.described or not self._history.is_person(named) or named.name == NARRATOR:
            return False
        return description.gender is None or named.gender is None or description.gender == named.gender

    def _read(self, learnt: dict[Character, Character]) -> None:
        """One reading of the work, forwards turn by turn and then back, afresh: no turns yet, and
        mentions from the narration alone."""
        self._history = TurnHistory()
        self._mentions = MentionTimeline(self._text, self._characters, self._paragraphs, self._quotes, self._reader)
        self._resolver = TagResolver(
            self._text, self._characters, self._paragraphs, self._reader, self._mentions, self._history, learnt
        )
        by_paragraph: dict[int, list[Quote]] = {}
        for quote in self._quotes:
            if not self._tags.is_term(quote):
                by_paragraph.setdefault(quote.paragraph, []).append(quote)
        for paragraph, quotes in by_paragraph.items():
            turn = Turn(paragraph, quotes)
            turn.vocatives = self._resolver.addressed(quotes)
            self._attribute_turn(turn)
            self._history.add(turn)
            if turn.speaker is not None and turn.speaker.gender is not None:
                self._mentions.remember(quotes[0].start, turn.speaker, subject=False)
        self._read_turns_backwards()

    def _calibrated(self, rule: str) -> float:
        return self._calibration.confidence(rule)

    def _fit_to_work(self) -> None:
        """Every confidence moved by how often this work's tags and turn-taking agree
        (:meth:`~bot.attribution.calibration.Calibration.for_work`)."""
        turns = self._history.turns
        rules = [rule for turn in turns for rule in turn.rules]
        agreed, disputed = sum(", agreed" in r for r in rules), sum(", disputed" in r for r in rules)
        for turn in turns:
            turn.confidences = [self._calibration.for_work(c, agreed, disputed) for c in turn.confidences]

    def _read_turns_backwards(self) -> None:
        """Alternating turns read back from the tag after them where it is nearer (see
        :mod:`bot.attribution.conversation`)."""
        turns = self._history.turns
        slots = [
            Slot(turn.paragraph, turn.speaker, base_rule(turn.rules[0]) in BACKWARD_RULES, base_rule(turn.rules[0]) in GUESSES)
            for turn in turns
        ]
        for revision in read_backwards(slots, CONVERSATION_GAP, lambda i, s: s in turns[i].vocatives):
            turn = turns[revision.index]
            if revision.speaker is turn.speaker and not revision.both_ways:
                continue
            rule = "alternation, both ways" if revision.both_ways else "alternation, backward"
            count = len(turn.quotes)
            turn.speakers, turn.rules, turn.confidences = [revision.speaker] * count, [rule] * count, [self._calibrated(rule)] * count
        slots = [Slot(turn.paragraph, turn.speaker, False) for turn in turns]
        for turn, confirmed in zip(turns, confirmed_later(slots, CONVERSATION_GAP), strict=True):
            if not confirmed:
                continue
            for index, rule in enumerate(turn.rules):
                if rule.startswith("alternation") or turn.speakers[index] is not turn.speaker:
                    continue
                turn.rules[index] = f"{rule}, confirmed"
                turn.confidences[index] = self._calibrated(turn.rules[index])

    # -- the rules -----------------------------------------------------------------

    def _attribute_turn(self, turn: Turn) -> None:
        expected = self._history.alternating(turn.paragraph)
        self._attribute_by_rules(turn)
        if expected is None:
            return
        for index, (speaker, rule) in enumerate(zip(turn.speakers, turn.rules, strict=True)):
            if rule in AGREEING and speaker is not None:
                turn.rules[index] = f"{rule}, {'agreed' if speaker is expected else 'disputed'}"
                turn.confidences[index] = self._calibrated(turn.rules[index])

    def _attribute_by_rules(self, turn: Turn) -> None:
        explicit = [self._explicit(turn, index) for index in range(len(turn.quotes))]
        if any(found for found in explicit):
            self._share_within_paragraph(turn, explicit)
            return
        found = self._continued(turn) or self._beat(turn) or self._conversation(turn)
        speaker, rule = found if found else (None, "unknown")
        turn.speakers = [speaker] * len(turn.quotes)
        turn.rules = [rule] * len(turn.quotes)
        if rule == "continued speech":
            confidence = min(self._calibrated(rule), *self._history.turns[-1].confidences)
        else:
            confidence = self._calibrated(rule) if speaker else 0.0
        turn.confidences = [max(confidence, MIN_CONFIDENCE) if speaker else 0.0] * len(turn.quotes)

    def _explicit(self, turn: Turn, index: int) -> tuple[Character, str] | None:
        tag = self._tags.speech_tag(turn.quotes, index)
        return self._resolver.resolve(tag, turn) if tag else None

    def _share_within_paragraph(self, turn: Turn, explicit: list[tuple[Character, str] | None]) -> None:
        """Untagged quotes take the nearest tagged quote's speaker before them, else after them (the
        rule ``…, shared``: on the development half a third of them are someone else's); a quote going
        on after its tag's clause (``“Stiles,” Lydia hesitated, “Look …”``) is the same speech."""
        first = next(found for found in explicit if found)
        current = first
        for index, found in enumerate(explicit):
            current = found or current
            rule = current[1] if found or self._tags.goes_on(turn.quotes, index) else f"{current[1]}, shared"
            turn.speakers.append(current[0])
            turn.rules.append(rule)
            turn.confidences.append(self._calibrated(rule))

    def _continued(self, turn: Turn) -> tuple[Character, str] | None:
        turns = self._history.turns
        previous = turns[-1] if turns else None
        if previous is None or previous.paragraph != turn.paragraph - 1 or previous.quotes[-1].closed:
            return None
        opens_paragraph = turn.quotes[0].start == self._paragraphs[turn.paragraph][0]
        if opens_paragraph and previous.speaker:
            return previous.speaker, "continued speech"
        return None

    def _beat(self, turn: Turn) -> tuple[Character, str] | None:
        for tag in self._tags.beats(turn.quotes):
            found = self._resolver.resolve(tag, turn) if tag else None
            if found and found[0] not in turn.vocatives:
                return found[0], "beat"
        return None

    def _conversation(self, turn: Turn) -> tuple[Character, str] | None:
        """Alternation: the speaker before last speaks again; else whoever was addressed last."""
        last, before_last = self._history.recent(turn.paragraph)
        addressed = next((c for c in last.vocatives if c is not last.speaker), None) if last else None
        other = before_last.speaker if before_last and last and before_last.speaker is not last.speaker else None
        if addressed and addressed not in turn.vocatives and addressed is not other:
            return addressed, "addressee"
        if other and other not in turn.vocatives:
            return other, "alternation"
        last_speaker = last.speaker if last else None

        def candidate(character: Character) -> bool:
            return character is not last_speaker and character not in turn.vocatives and self._history.is_person(character)

        nearest = self._mentions.latest(turn.quotes[0].start, candidate)
        return (nearest, "nearest name") if nearest else None

    # -- the answer ----------------------------------------------------------------------

    def _utterances(self, index: int, ranked_from: str | None, evidence: Evidence) -> list[Utterance]:
        """Turn ``index``'s quotes as utterances (``ranked_from``: the rule a ranked turn's kind of evidence
        is read from), each as sure as the scorer finds its ``evidence``."""
        turn = self._history.turns[index]
        utterances = []
        for quote, speaker, rule, confidence in zip(
            turn.quotes, turn.speakers, turn.rules, turn.confidences, strict=True
        ):
            quote_type = quote_type_of(ranked_from or rule)
            if speaker is not None:
                confidence = max(self._scorer.confidence(evidence.features(index, speaker, rule, confidence), confidence), MIN_CONFIDENCE)
            if speaker is not None and (speaker.described or speaker.name == NARRATOR):
                confidence = min(confidence, DESCRIBED_CEILING)
            utterances.append(
                Utterance(quote.start, quote.end, self._text[quote.start : quote.end],
                          speaker.name if speaker else None, round(confidence, 2), quote_type, rule)
            )
        return utterances


def quote_type_of(rule: str) -> str:
    """"explicit", "anaphoric" or "implicit": the kind of evidence ``rule`` reads."""
    return QUOTE_TYPE.get(base_rule(rule), "anaphoric" if rule.startswith("pronoun") else "implicit")


def _described_rule(turn: Turn) -> bool:
    """Whether ``turn``'s speaker is an unnamed description read from its tag."""
    speaker = turn.speaker
    return bool(speaker and speaker.described and base_rule(turn.rules[0]) == "described tag")


def base_rule(rule: str) -> str:
    """A rule without its agreement with the conversation around it (``named tag, agreed, confirmed``:
    ``named tag``)."""
    return rule.removesuffix(", confirmed").removesuffix(", agreed").removesuffix(", disputed")
