"""Ranking answers: context, cues, echoes, and the line between answered and not."""

from __future__ import annotations

from bot.ask.question import parse_question
from bot.ask.ranking import Answer, Candidate, answers, rank, shown_answers
from bot.search.engine import QuoteIndex
from bot.search.textnorm import term, words

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
        names=frozenset(),
        context=frozenset(t for i in context for t in map(term, words(SENTENCES[i]))),
        asks=SENTENCES[index].endswith("?"),
    )


def ask(question_text: str, candidates: list[Candidate]) -> list[int]:
    question = parse_question(question_text, VOCABULARY)
    assert question is not None
    return [answer.key for answer in rank(question, candidates, limit=len(candidates))]


def test_a_why_question_prefers_the_sentence_with_because_and_reads_the_name_from_context() -> None:
    ranked = ask("Why did Derek come back to Beacon Hills?", [candidate(1, context=(0,)), candidate(2)])
    assert ranked[0] == 1


def test_a_sentence_that_asks_does_not_answer_a_who_is_question() -> None:
    assert ask("Who is Kirwin?", [candidate(3), candidate(4)])[0] == 4


def test_a_question_about_something_the_work_never_names_is_not_answered() -> None:
    question = parse_question("Why did Lydia move to Paris with her piano?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(5)], limit=1)
    assert not answers(question, best)


def test_a_covered_question_is_answered() -> None:
    question = parse_question("Who did Lydia talk about?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(5)], limit=1)
    assert answers(question, best)


def test_a_sentence_holding_less_than_half_the_question_itself_does_not_answer_it() -> None:
    question = parse_question("Why did Lydia talk about Theo on a Tuesday?", VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(2, context=(5,))], limit=1)
    assert best.coverage > 0.5 and best.own < 0.5
    assert not answers(question, best)


def test_a_measure_is_answered_by_a_number_beside_its_unit_then_by_a_number_alone() -> None:
    ranked = ask("How tall did Victor make the creature?", [candidate(6), candidate(8), candidate(7)])
    assert ranked == [7, 8, 6]


def test_a_name_described_in_apposition_answers_a_who_is_question() -> None:
    described = Candidate(
        key=10,
        terms=tuple(map(term, words(SENTENCES[10]))),
        names=frozenset(),
        context=frozenset(),
        described=frozenset({term("krempe")}),
    )
    assert ask("Who was Krempe?", [candidate(9), described])[0] == 10


def test_runners_up_close_to_a_good_best_answer_are_shown_one_per_paragraph() -> None:
    question = parse_question("Who did Lydia talk about?", VOCABULARY)
    assert question is not None
    best, same_paragraph, close, far = (
        Answer(1, 100.0, 1.0),
        Answer(2, 95.0, 0.2, missing=0.9, own=0.1),
        Answer(3, 85.0, 0.2, missing=0.9, own=0.1),
        Answer(4, 70.0, 0.2, missing=0.9, own=0.1),
    )
    paragraphs = {1: 10, 2: 10, 3: 11, 4: 12}
    shown = shown_answers(question, [best, same_paragraph, close, far], paragraphs.__getitem__, limit=3)
    assert [answer.key for answer in shown] == [1, 3]
    assert shown_answers(question, [same_paragraph, best], paragraphs.__getitem__, limit=3) == []
