"""Ranking answers: context, cues, echoes, and the line between answered and not."""

from __future__ import annotations

from bot.ask.decision import decide
from bot.ask.question import Question, names_in, parse_question
from bot.ask.ranking import Candidate, answers, rank
from bot.search.engine import QuoteIndex
from bot.search.textnorm import term, words
from bot.search.vocabulary import Vocabulary

SENTENCES = [
    "Derek drove for hours without stopping.",
    "The whole reason he came back to Beacon Hills was because of Stiles.",
    "Derek came back to Beacon Hills on a Tuesday.",
    "Who is Kirwin?",
    "Kirwin is a magistrate in the town.",
    "Lydia talked about Theo for a long time.",
    "Victor made the creature in a small room.",
    "Victor made the creature eight feet in height.",
    "Victor made the creature of eight parts.",
    "Krempe often spoke of chemistry.",
    "He met Krempe, professor of chemistry.",
]
VOCABULARY = QuoteIndex(enumerate(SENTENCES)).vocabulary


def candidate(index: int, context: tuple[int, ...] = ()) -> Candidate:
    return Candidate(
        key=index,
        terms=tuple(map(term, words(SENTENCES[index]))),
        names=frozenset(names_in(SENTENCES[index])),
        context=frozenset(t for i in context for t in map(term, words(SENTENCES[i]))),
        asks=SENTENCES[index].endswith("?"),
        text=SENTENCES[index],
    )


def plain_candidates(sentences: list[str]) -> list[Candidate]:
    """Each sentence as a candidate of its own, keyed by its position, with no context."""
    return [
        Candidate(key, tuple(map(term, words(text))), frozenset(names_in(text)), frozenset(), text=text)
        for key, text in enumerate(sentences)
    ]


def parsed(question_text: str, sentences: list[str]) -> tuple[Question, Vocabulary]:
    """``question_text`` read against a work of just ``sentences``, and that work's vocabulary."""
    vocabulary = QuoteIndex(enumerate(sentences)).vocabulary
    question = parse_question(question_text, vocabulary)
    assert question is not None
    return question, vocabulary


def ask(question_text: str, candidates: list[Candidate]) -> list[int]:
    question = parse_question(question_text, VOCABULARY)
    assert question is not None
    return [answer.key for answer in rank(question, candidates, len(candidates), VOCABULARY)]


def test_a_why_question_prefers_the_sentence_with_because_and_reads_the_name_from_context() -> None:
    ranked = ask("Why did Derek come back to Beacon Hills?", [candidate(1, context=(0,)), candidate(2)])
    assert ranked[0] == 1


def test_a_sentence_that_asks_does_not_answer_a_who_is_question() -> None:
    assert ask("Who is Kirwin?", [candidate(3), candidate(4)])[0] == 4


def test_a_question_about_something_the_work_never_names_is_not_answered() -> None:
    question = parse_question("Why did Lydia move to Paris with her piano?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(5)], 1, VOCABULARY)
    assert not answers(question, best)


def test_a_covered_question_is_answered() -> None:
    question = parse_question("Who did Lydia talk about?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(5)], 1, VOCABULARY)
    assert answers(question, best)


def test_a_sentence_holding_less_than_half_the_question_itself_does_not_answer_it() -> None:
    question = parse_question("Why did Lydia talk about Theo on a Tuesday?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(2, context=(5,))], 1, VOCABULARY)
    assert best.coverage > 0.5 and best.own < 0.5
    assert not answers(question, best)


def test_a_measure_is_answered_first_by_a_number_beside_its_unit() -> None:
    ranked = ask("How tall did Victor make the creature?", [candidate(6), candidate(8), candidate(7)])
    assert ranked[0] == 7


def test_a_name_described_in_apposition_answers_a_who_is_question() -> None:
    described = Candidate(
        key=10,
        terms=tuple(map(term, words(SENTENCES[10]))),
        names=frozenset(names_in(SENTENCES[10])),
        context=frozenset(),
        described=frozenset({term("krempe")}),
        text=SENTENCES[10],
    )
    assert ask("Who was Krempe?", [candidate(9), described])[0] == 10


def test_a_measure_is_not_answered_by_a_sentence_without_its_number_or_measure_word() -> None:
    question = parse_question("How tall did Victor make the creature?", VOCABULARY)
    assert question is not None
    [uncued] = rank(question, [candidate(6)], 1, VOCABULARY)
    [cued] = rank(question, [candidate(7)], 1, VOCABULARY)
    assert answers(question, uncued) and not decide(question, [uncued], lambda key: key, 3).answered
    assert decide(question, [cued], lambda key: key, 3).answered


def test_the_quote_engines_match_lifts_the_sentence_worded_like_the_question() -> None:
    question = parse_question("When did Derek come back to Beacon Hills?", VOCABULARY)
    assert question is not None
    worded = candidate(2)
    reworded = Candidate(
        key=99, terms=worded.terms, names=worded.names, context=worded.context, text="Tuesday: Hills, Beacon, back."
    )
    first, second = rank(question, [reworded, worded], 2, VOCABULARY)
    assert first.key == worded.key and first.score > second.score


def test_a_full_name_absent_counts_as_one_person_absent() -> None:
    sentences = ["Anna Bell went to school in Leeds.", "Her cousin went to school in Leeds by the river."]
    vocabulary = QuoteIndex(enumerate([*sentences, *(f"Tom walked on day {n}." for n in range(50))])).vocabulary
    question = parse_question("Where did Anna Bell go to school?", vocabulary)
    assert question is not None
    named, unnamed = plain_candidates(sentences)
    assert answers(question, rank(question, [named], 1, vocabulary)[0])
    assert not answers(question, rank(question, [unnamed], 1, vocabulary)[0])


def test_a_word_the_thesaurus_relates_helps_rank_but_does_not_answer() -> None:
    sentences = [
        "Martha concealed the silver key under the stone.",
        "Martha found the silver key by the stone gate.",
        "Martha hid her face in her hands.",
    ]
    question, vocabulary = parsed("Where did Martha hide the silver key?", sentences)
    hide = next(word for word in question.focus if word.word == "hide")
    assert term("conceal") in hide.related and term("conceal") not in hide.alternatives
    candidates = plain_candidates(sentences[:2])
    best, other = rank(question, candidates, 2, vocabulary)
    assert best.key == 0 and best.own < other.own + 1e-9


def test_a_size_is_not_answered_by_a_number_alone_nor_by_a_unit_alone() -> None:
    sentences = [
        "Orsino stamped his foot at the door.",
        "Orsino thanked every one of them.",
        "Orsino stood six feet in his boots.",
        "Orsino was a tall man.",
    ]
    question, vocabulary = parsed("How tall was Orsino?", sentences)
    found = plain_candidates(sentences)
    ranked = rank(question, found, len(found), vocabulary)
    assert {answer.key for answer in ranked if answer.cued} == {2, 3}
    assert not decide(question, [answer for answer in ranked if answer.key in (0, 1)], lambda key: key, 3).answered


def test_a_place_far_from_the_words_of_a_where_question_does_not_answer_it() -> None:
    sentences = [
        "Ned was born in Harwick, a fishing town.",
        "Ned was born long ago, and many long years later his aunt moved to Harwick with her cats.",
    ]
    vocabulary = QuoteIndex(enumerate([*sentences, *(f"Tom walked on day {n}." for n in range(50))])).vocabulary
    question = parse_question("Where was Ned born?", vocabulary)
    assert question is not None
    near, far = (rank(question, [found], 1, vocabulary)[0] for found in plain_candidates(sentences))
    assert near.typed and far.typed
    assert answers(question, near) and near.placed
    assert not far.placed and not answers(question, far)
