"""Answer or decline: /ask claims its best passage only when the evidence says it is the answer."""

from __future__ import annotations

from bot.ask.decision import CLOSE_GUESSES, MIN_MARGIN, decide, rival_guess
from bot.ask.question import Question, names_in, parse_question
from bot.ask.ranking import Answer, Candidate, rank
from bot.search.engine import QuoteIndex
from bot.search.textnorm import term, words
from bot.search.vocabulary import Vocabulary

FILLER = [f"Tomasz counted the geese on day {n} of the thaw." for n in range(40)]
"""Sentences that give the invented works below a realistic spread of common and rare words."""


def ranked(question_text: str, sentences: list[str]) -> tuple[Question, list[Answer]]:
    """`question_text` asked of a work of `sentences` (and :data:`FILLER`), each sentence a candidate, ranked."""
    vocabulary: Vocabulary = QuoteIndex(enumerate([*sentences, *FILLER])).vocabulary
    question = parse_question(question_text, vocabulary)
    assert question is not None
    candidates = [
        Candidate(key, tuple(map(term, words(text))), frozenset(names_in(text)), frozenset(), text=text)
        for key, text in enumerate(sentences)
    ]
    return question, rank(question, candidates, len(candidates), vocabulary)


def own_paragraph(key: int) -> int:
    return key


def test_a_sentence_clearly_ahead_that_holds_the_place_asked_for_is_claimed() -> None:
    question, answers = ranked(
        "Where did Mirela bury the brass compass?",
        ["Mirela buried the brass compass in Vellport harbour.", "Mirela polished her boots before supper."],
    )
    decision = decide(question, answers, own_paragraph, 3)
    assert decision.answered and decision.shown[0].key == 0 and decision.declined_because is None


def test_two_places_that_both_answer_are_both_shown() -> None:
    question, answers = ranked(
        "Where did Mirela bury the brass compass?",
        ["Mirela buried the brass compass in Vellport harbour.", "Mirela buried the brass compass in Oskar's garden."],
    )
    decision = decide(question, answers, own_paragraph, 3)
    assert decision.answered and {answer.key for answer in decision.shown} == {0, 1}


def guessing(score: float) -> Answer:
    """A sentence holding little of the question (not evidence of an answer), scoring `score`."""
    return Answer(2, score, 0.3, missing=0.6, own=0.2)


def test_a_guess_from_elsewhere_scoring_close_to_the_best_makes_it_declined() -> None:
    question, _ = ranked("Who did Mirela talk about?", ["Mirela talked about Oskar for an hour."])
    best = Answer(1, 100.0, 1.0)
    close = (1 - MIN_MARGIN) * 100.0 + 1.0
    assert rival_guess(question, [best, guessing(close)], own_paragraph) == guessing(close)
    decision = decide(question, [best, guessing(close)], own_paragraph, 3)
    assert not decision.answered and decision.declined_because == CLOSE_GUESSES and decision.unsure
    assert decide(question, [best, guessing(close - 2.0)], own_paragraph, 3).answered


def test_a_guess_in_the_best_sentences_own_paragraph_does_not_count_against_it() -> None:
    question, _ = ranked("Who did Mirela talk about?", ["Mirela talked about Oskar for an hour."])
    decision = decide(question, [Answer(1, 100.0, 1.0), guessing(99.0)], lambda key: 7, 3)
    assert decision.answered and [answer.key for answer in decision.shown] == [1]


def test_a_question_about_something_the_work_never_mentions_is_declined() -> None:
    question, answers = ranked(
        "What was the name of Mirela's parrot?", ["Mirela buried the brass compass in Vellport harbour."]
    )
    decision = decide(question, answers, own_paragraph, 3)
    assert not decision.answered and decision.declined_because is not None


def test_a_best_sentence_without_what_was_asked_is_declined_even_with_a_clear_lead() -> None:
    question, answers = ranked(
        "How many lanterns did Mirela carry?",
        ["Mirela carried the lanterns down to the quay.", "Oskar slept."],
    )
    decision = decide(question, answers, own_paragraph, 3)
    assert not decision.answered and not decision.unsure


def test_a_best_sentence_holding_little_of_the_question_is_not_claimed_for_a_runner_up_that_does() -> None:
    question, _ = ranked("Who did Mirela talk about?", ["Mirela talked about Oskar for an hour."])
    beside, holding = Answer(1, 100.0, 0.6, missing=0.0, own=0.2), Answer(2, 80.0, 1.0)
    assert not decide(question, [beside, holding], own_paragraph, 3).answered
    ahead = Answer(2, 100.0, 1.0)
    assert decide(question, [ahead, Answer(1, 70.0, 0.6, missing=0.0, own=0.2)], own_paragraph, 3).answered


def test_runners_up_close_to_a_claimed_answer_are_shown_one_per_paragraph() -> None:
    question, _ = ranked("Who did Mirela talk about?", ["Mirela talked about Oskar for an hour."])
    best, same_paragraph, close, far = (
        Answer(1, 100.0, 1.0),
        Answer(2, 95.0, 0.2, missing=0.9, own=0.1),
        Answer(3, 85.0, 1.0),
        Answer(4, 70.0, 0.2, missing=0.9, own=0.1),
    )
    paragraphs = {1: 10, 2: 10, 3: 11, 4: 12}
    shown = decide(question, [best, same_paragraph, close, far], paragraphs.__getitem__, 3).shown
    assert [answer.key for answer in shown] == [1, 3]


def test_nothing_typed_means_nothing_claimed() -> None:
    question, _ = ranked("Where did Mirela go?", ["Mirela went home."])
    untyped = Answer(1, 100.0, 1.0, typed=False)
    assert decide(question, [untyped], own_paragraph, 3).declined_because == "no passage holds what was asked"
    assert not decide(question, [Answer(1, 0.0, 1.0)], own_paragraph, 3).answered


def test_a_best_passage_scoring_nothing_is_no_close_guess() -> None:
    question, _ = ranked("Who did Mirela talk about?", ["Mirela talked about Oskar for an hour."])
    for score in (0.0, -1.0):
        decision = decide(question, [Answer(1, score, 1.0)], own_paragraph, 3)
        assert not decision.answered and not decision.unsure and decision.declined_because is not None
