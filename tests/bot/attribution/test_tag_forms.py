"""Speech tags whose speaker stands away from the verb: owned (``was Anne’s reply``), inverted with
any verb (``whistled Tom``), inverted before the quote (``thus spoke Ann:``) and after clauses
(``Ann, who …, leaned over and remarked to Tom:``). Invented text only."""

from __future__ import annotations

import time

import pytest

from bot.attribution.tags import TagReader, Who

NAMES = frozenset("Martha Grey Thomas Reed Ann Hale".split())
FREEZE_SECONDS = 2.0
"""A guard against a regular expression that backtracks without end (seconds, not a speed measure):
the tag reader once spent several seconds on each such sentence."""


@pytest.fixture
def reader() -> TagReader:
    return TagReader(NAMES)


@pytest.mark.parametrize(
    ("narration", "speaker"),
    [
        (" was Martha’s quiet reply.", "Martha"),
        (" had been Ann Hale's answer, in all the confusion", "Ann Hale"),
        (" was Thomas s comment.", "Thomas"),  # an apostrophe lost in the copy
    ],
)
def test_a_possessive_speech_noun_after_a_quote_names_its_owner(reader: TagReader, narration: str, speaker: str) -> None:
    tag = reader.after("“Never,”", narration, 0)
    assert tag is not None and tag.speech and tag.who == speaker


def test_an_inverted_tag_with_any_verb_names_its_speaker_after_an_open_quote(reader: TagReader) -> None:
    tag = reader.after("“Well, well!”", " whistled Thomas Reed. He sat down.", 0)
    assert tag is not None and tag.who == "Thomas Reed" and tag.speech
    described = reader.after("“Yes,”", " nodded the doctor.", 0)
    assert described is not None and described.kind is Who.DESCRIPTION


def test_an_inverted_verb_after_a_closed_sentence_is_no_tag(reader: TagReader) -> None:
    assert reader.after("“It is late.”", " Interested Thomas went out.", 0) is None


@pytest.mark.parametrize(
    ("narration", "speaker"),
    [
        ("and, in an angry mood, thus spoke Ann: ", "Ann"),
        ("and Martha's reply was, ", "Martha"),
        ("When the plates were cleared, Ann Hale, who had taken up her knitting, leaned over and remarked to Thomas:\n\n", "Ann Hale"),
        ("The box was brought, and Martha, sighing as she opened it, said--\n\n", "Martha"),
        ("Thomas paused on his way out to the barn to say to Martha again:\n\n", "Thomas"),
    ],
)
def test_a_sentence_ending_on_its_tag_names_the_subject_away_from_the_verb(
    reader: TagReader, narration: str, speaker: str
) -> None:
    tag = reader.before(narration, 0)
    assert tag is not None and tag.speech and tag.who == speaker


def test_a_name_after_a_preposition_is_not_the_speaker(reader: TagReader) -> None:
    tag = reader.before("It was late when the coach came for Martha, and she leaned out and remarked:\n\n", 0)
    assert tag is not None and tag.kind is Who.PRONOUN


def test_a_long_word_after_a_speech_verb_does_not_freeze_the_reader(reader: TagReader) -> None:
    narration = "It was said to " + "a" * 570 + " b c d"
    began = time.perf_counter()
    for _ in range(3):
        assert reader.before(narration, 0) is None
    assert time.perf_counter() - began < FREEZE_SECONDS
