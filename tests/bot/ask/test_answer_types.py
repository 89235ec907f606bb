"""Answer types: a where question wants a place, when a time, how many a number, who a person."""

from __future__ import annotations

import pytest

from bot.ask.answer_types import TYPE_REACH, AnswerType, _locatives, _time_clauses, holds_type, said_near
from bot.ask.decision import decide
from bot.ask.question import names_in, parse_question
from bot.ask.ranking import Candidate, answers, rank
from bot.search.engine import QuoteIndex
from bot.search.textnorm import term, words

SENTENCES = [
    "Martha kept her keys in a little tin box.",
    "Martha walked to Bristol with her keys.",
    "Martha kept her keys, and her temper, for years.",
    "Martha had three sisters and a cat.",
    "Martha had sisters who never wrote.",
    "Martha said a few words about her sisters.",
    "Martha was married the next spring.",
    "Martha was married while the band played.",
    "Martha married Tom Hale, the miller.",
    "Martha married in haste.",
    "Martha was a girl of seventeen then.",
    "Martha was a young girl.",
    "Martha's dog was named Biscuit.",
    "Martha's dog was named after her father.",
    "It was his fault that the mill burned.",
]
VOCABULARY = QuoteIndex(enumerate(SENTENCES)).vocabulary


def candidate(index: int) -> Candidate:
    text = SENTENCES[index]
    return Candidate(index, tuple(map(term, words(text))), frozenset(names_in(text)), frozenset(), text=text)


def answered_by(question_text: str, index: int) -> bool:
    question = parse_question(question_text, VOCABULARY)
    assert question is not None
    [best] = rank(question, [candidate(index)], 1, VOCABULARY)
    return answers(question, best)


@pytest.mark.parametrize(
    ("question", "answering", "echoing"),
    [
        ("Where did Martha keep her keys?", 0, 2),
        ("Where did Martha walk with her keys?", 1, 2),
        ("How many sisters did Martha have?", 3, 4),
        ("How many sisters did Martha have?", 3, 5),
        ("When was Martha married?", 6, 7),
        ("Who did Martha marry?", 8, 9),
        ("How old was Martha?", 10, 11),
        ("What was the name of Martha's dog?", 12, 13),
    ],
)
def test_a_sentence_without_what_the_question_asks_for_does_not_answer_it(
    question: str, answering: int, echoing: int
) -> None:
    assert answered_by(question, answering)
    assert not answered_by(question, echoing)


def test_whose_is_answered_by_a_possessive() -> None:
    assert holds_type(AnswerType.OWNER, SENTENCES[14], tuple(map(term, words(SENTENCES[14]))), frozenset())


def test_a_count_stands_before_the_noun_counted() -> None:
    counted = frozenset({term("sister")})
    assert holds_type(AnswerType.COUNT, "", tuple(map(term, words("three sisters"))), (), counted)
    assert not holds_type(AnswerType.COUNT, "", tuple(map(term, words("sisters for three years"))), (), counted)
    pearls = frozenset({term("pearls")})
    shown = "she showed me six of the finest pearls I had seen"
    assert holds_type(AnswerType.COUNT, "", tuple(map(term, words(shown))), (), pearls)
    far = "six men came, and the finest old grey pearls"
    assert not holds_type(AnswerType.COUNT, "", tuple(map(term, words(far))), (), pearls)


def test_a_sentence_may_count_in_other_words_than_the_question() -> None:
    money = frozenset({term("money")})
    assert holds_type(AnswerType.COUNT, "", tuple(map(term, words("he won forty thousand crowns"))), (), money)
    assert not holds_type(AnswerType.COUNT, "", tuple(map(term, words("he won a great deal of money"))), (), money)


def test_an_untyped_best_sentence_gives_way_to_a_typed_one() -> None:
    question = parse_question("Where did Martha keep her keys?", VOCABULARY)
    assert question is not None
    ranked = rank(question, [candidate(2), candidate(0)], 2, VOCABULARY)
    shown = decide(question, ranked, lambda key: key, 3).shown
    assert [answer.key for answer in shown] == [0]


def test_the_speaker_of_a_line_is_not_the_person_a_who_question_asks_for() -> None:
    text = "“I never thought of marrying,” said Tom, “and I never shall.”"
    terms = tuple(map(term, words(text)))
    assert not holds_type(AnswerType.PERSON, text, terms, names_in(text))
    named = "Martha married Tom Hale in the end."
    assert holds_type(AnswerType.PERSON, named, tuple(map(term, words(named))), names_in(named))


def test_which_street_and_what_time_ask_for_a_place_and_a_time() -> None:
    street = parse_question("Which street did Martha live in?", VOCABULARY)
    time = parse_question("What time was Martha married?", VOCABULARY)
    assert street is not None and street.answer_type is AnswerType.PLACE
    assert time is not None and time.answer_type is AnswerType.TIME


def test_a_place_the_question_already_names_is_no_answer_to_where() -> None:
    text = SENTENCES[1]
    terms = tuple(map(term, words(text)))
    assert holds_type(AnswerType.PLACE, text, terms, (), asked=())
    assert not holds_type(AnswerType.PLACE, text, terms, (), asked={"bristol", term("keys")})


def test_a_name_answers_what_something_is_called_only_next_to_that_thing() -> None:
    dog = frozenset({term("dog")})
    named = "Martha's dog was named Biscuit."
    far = "Martha's dog barked all night at the gate, and Tom Hale from the mill came up the lane."
    assert holds_type(AnswerType.NAME, named, tuple(map(term, words(named))), {"biscuit"}, dog)
    assert not holds_type(AnswerType.NAME, far, tuple(map(term, words(far))), {"tom", "hale"}, dog)


def test_the_place_that_answers_where_is_said_next_to_the_question_s_words() -> None:
    near = "Martha fell on the ice by the mill pond, and Tom ran to the house."
    far = "Martha fell silent, and after a long while, when the supper was over and cleared, Tom went to the house."
    fall = {term("fell")}
    assert said_near(AnswerType.PLACE, near, fall, {"martha"})
    assert not said_near(AnswerType.PLACE, far, fall, {"martha"})


def test_a_time_word_the_question_already_holds_is_no_answer_to_when() -> None:
    text = "She had kept her keys for years, through every change of fortune."
    terms = tuple(map(term, words(text)))
    assert holds_type(AnswerType.TIME, text, terms, ())
    assert not holds_type(AnswerType.TIME, text, terms, (), asked={term("year"), term("keys")})
    dated = "She lost her keys in 1851."
    assert holds_type(AnswerType.TIME, dated, tuple(map(term, words(dated))), (), asked={term("year")})


def test_a_clause_of_time_answers_when() -> None:
    """ "When was Ada left alone?" is answered by the event that dates it ("when her uncle was drowned"), and the
    clause counts as near the question's words even when its first word is far from them."""
    text = "Ada had been left alone when her uncle was drowned."
    terms = tuple(map(term, words(text)))
    asked = {term("left"), term("alone"), "ada"}
    assert holds_type(AnswerType.TIME, text, terms, (), asked=asked)
    assert said_near(AnswerType.TIME, text, {term("left"), term("alone")}, asked)
    far = "After the old miller of the valley was buried at last, Ada grew thin."
    assert said_near(AnswerType.TIME, far, {term("grew"), term("thin")}, {term("grew"), term("thin"), "ada"})
    plain = "Ada had been left alone with her uncle in the mill."
    plain_terms = tuple(map(term, words(plain)))
    assert not holds_type(AnswerType.TIME, plain, plain_terms, (), asked=asked)


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("Her uncle was a clever dentist in the town.", True),
        ("She would change from a needy governess to an heiress.", True),
        ("Nobody went for the doctor that night.", False),
        ("After a while the doctor came.", False),
        ("He was a man who was a doctor.", True),
        ("Her uncle was a kind man.", False),
        ("Her uncle had a dog.", False),
    ],
)
def test_a_trade_is_said_of_someone_with_an_indefinite_article(text: str, trade: bool) -> None:
    assert holds_type(AnswerType.TRADE, text, tuple(map(term, words(text))), frozenset()) is trade


def test_clauses_of_time_and_places_are_found_at_their_word_positions() -> None:
    """Positions count every word before the match, one match after another; a long hostile sentence of many clauses
    is counted in one pass (counting from its start at each match took minutes on 200 KB)."""
    text = "When Ann was born, they lived in the town; after the war was over they went into the hills."
    assert _time_clauses(text) == ((0, 4), (9, 19))
    assert [position for position, _ in _locatives(text)] == [6, 16]
    hostile = "when he was late, at the mill " * 7_000
    assert _time_clauses(hostile)[-1] == (7 * 6_999, 7 * 6_999 + 4)
    assert _locatives(hostile)[-1] == (7 * 6_999 + 4, None)


def test_said_near_stays_linear_on_a_long_hostile_sentence() -> None:
    """Thousands of the question's words far from a long clause of time: no pair is compared one by one (that took
    about a minute on 200 KB)."""
    far = "grew " * 20_000 + "and " * TYPE_REACH + "when he was " + "thin " * 20_000
    assert not said_near(AnswerType.TIME, far, {term("grew")}, set())
    near = "grew " * 20_000 + "and " * (TYPE_REACH - 2) + "when he was " + "thin " * 20_000
    assert said_near(AnswerType.TIME, near, {term("grew")}, set())


def test_a_clause_of_time_may_open_on_any_word() -> None:
    """The subject of a clause of time need not be a name or a pronoun ("after dinner was over")."""
    text = "After dinner was over, Ada went out."
    assert holds_type(AnswerType.TIME, text, tuple(map(term, words(text))), (), asked={"ada", term("went")})
    assert _time_clauses(text) == ((0, 4),)


def test_a_count_is_not_sought_back_across_a_long_run_of_function_words() -> None:
    """Function words do not use up the count's reach, but at most :data:`COUNT_SPAN` words are looked at: a long
    hostile sentence of counted nouns with nothing else stays linear."""
    pearls = frozenset({term("pearls")})
    near = tuple(map(term, words("six " + "of the " * 5 + "pearls")))
    assert holds_type(AnswerType.COUNT, "", near, (), pearls)
    far = tuple(map(term, words("six " + "of the " * 7 + "pearls")))
    assert not holds_type(AnswerType.COUNT, "", far, (), pearls)
    hostile = tuple(map(term, words("of the pearls " * 40_000)))
    assert not holds_type(AnswerType.COUNT, "", hostile, (), pearls)
