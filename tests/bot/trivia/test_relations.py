"""Kinships the narration states beside two names, and the questions made of them (invented text)."""

import time

from bot.text.ingest import parse_work
from bot.trivia.events import named_narration, plot_of
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource
from bot.trivia.people import Person
from bot.trivia.question import QuestionKind
from bot.trivia.relations import find_relations, shown_name
from bot.trivia.service import within
from bot.trivia.subjects import Names

PEOPLE = [
    Person("Tobias Wren", ("Tobias Wren", "Tobias", "Mr. Wren"), "m", 0, 40),
    Person("Ottilie", ("Ottilie", "Ottilie Wren"), "f", 0, 30),
    Person("Hester Quayle", ("Hester Quayle", "Hester"), "f", 0, 20),
    Person("Mrs. Grebe", ("Mrs. Grebe",), "f", 0, 20),
    Person("Priscilla", ("Priscilla",), "f", 0, 20),
    Person("Dorcas", ("Dorcas",), "f", 0, 20),
    Person("Ambrose", ("Ambrose",), "m", 0, 20),
]
FREEZE_SECONDS = 5.0
"""A guard against work that grows with the square of a sentence (seconds, not a speed measure): the
paragraphs below once took from 20 seconds to a minute."""
FILLER = "Tobias Wren, Ottilie, Hester Quayle, Mrs. Grebe, Priscilla, Dorcas and Ambrose came by."


def relations(text: str) -> set[tuple[str, str, str]]:
    sentences = parse_work(text).sentences
    names = Names.of(PEOPLE)
    assert names is not None
    return {(r.owner.name, r.role, r.related.name) for r in find_relations(named_narration(sentences, names), names)}


def test_a_kinship_beside_two_names_is_a_relation_in_every_stated_form() -> None:
    assert relations("Tobias Wren's sister Ottilie kept bees.") == {("Tobias Wren", "sister", "Ottilie")}
    assert relations("Hester Quayle, the niece of Mrs. Grebe, kept bees.") == {("Mrs. Grebe", "niece", "Hester Quayle")}
    assert relations("Ottilie, Mrs. Grebe's maid, kept bees.") == {("Mrs. Grebe", "maid", "Ottilie")}


def test_a_kinship_stated_as_a_predicate_or_with_a_lost_apostrophe_is_a_relation() -> None:
    assert relations("Ottilie was Tobias Wren's sister.") == {("Tobias Wren", "sister", "Ottilie")}
    assert relations("Hester Quayle is the niece of Mrs. Grebe.") == {("Mrs. Grebe", "niece", "Hester Quayle")}
    assert relations("Tobias Wren s sister Ottilie kept bees.") == {("Tobias Wren", "sister", "Ottilie")}
    assert relations("Ottilie was Tobias Wren's sister-in-law.") == set()
    assert relations("Ottilie was Tobias Wren's sister's friend.") == set()  # the predicate must close
    assert relations("They said Ottilie was Tobias Wren's sister.") == set()  # Ottilie is no clause's subject


def test_a_his_or_her_owner_is_the_person_it_certainly_means() -> None:
    assert relations("Tobias Wren rowed out with his sister, Ottilie, at dawn.") == {("Tobias Wren", "sister", "Ottilie")}
    assert relations("Tobias Wren left the mill. He wrote to his sister Ottilie.") == {("Tobias Wren", "sister", "Ottilie")}
    # two women before "her": whose aunt is not certain
    assert relations("Priscilla met Dorcas, and her aunt, Mrs. Grebe, came too.") == set()


def test_an_uncertain_his_or_her_before_a_blood_relation_is_the_last_of_that_gender_sharing_its_family_name() -> None:
    # "she" stands between Tobias Wren and "his": the referent is not certain, but the family name agrees
    assert relations("Tobias Wren was ill, and as she was out, his sister Ottilie sat up.") == {("Tobias Wren", "sister", "Ottilie")}
    # no family name shared: nobody
    assert relations("Ambrose was ill, and as she was out, his sister Ottilie sat up.") == set()


def test_an_apposition_must_close_and_a_list_is_none() -> None:
    assert relations("For all his regard for his cousin, Ambrose was a poor man.") == set()
    assert relations("Ottilie, her sister, and Dorcas went out.") == set()
    assert relations("Ottilie, Tobias Wren's daughter-in-law, went out.") == set()  # not his daughter


def test_the_related_person_agrees_with_the_noun_and_quoted_words_are_not_narration() -> None:
    assert relations("Ottilie's brother Priscilla went out.") == set()  # a woman is no brother
    assert relations("“My dear,” said Ottilie, her sister, “go out.”") == set()


def test_a_shown_name_never_shares_a_word_with_the_person_asked_about() -> None:
    assert shown_name(PEOPLE[1], "Tobias Wren") == "Ottilie"
    assert shown_name(Person("Mary Wren", ("Mary Wren",), "f", 0, 5), "Tobias Wren") is None


def chapters(*middle: str) -> str:
    body = "".join(f"Chapter {n}\n\n{FILLER}\n\n{text}\n\n" for n, text in enumerate(middle, 1))
    return body + "".join(f"Chapter {n}\n\n{FILLER}\n\n" for n in range(len(middle) + 1, len(middle) + 4))


def source(text: str) -> TriviaSource:
    work = parse_work(text)
    paragraphs = {p.ordinal: p.ordinal for p in work.paragraphs}
    return TriviaSource("test", work.title, [], work.sentences, paragraphs, plot_of(work.sentences, PEOPLE))


def test_a_relation_question_offers_people_of_the_answers_gender_and_never_names_its_answer() -> None:
    work = source(chapters("Mrs. Grebe walked out with her niece, Hester Quayle, to the fair."))
    [question] = generate(work, count=5, seed=1, kinds=[QuestionKind.RELATION])
    assert question.text == "Who is Mrs. Grebe’s niece?" and question.answer == "Hester Quayle"
    assert len(question.options) == 4 and "Ambrose" not in question.options and "Mrs. Grebe" not in question.options


def test_a_relation_stated_after_the_readers_progress_is_not_asked() -> None:
    work = source(chapters("Priscilla kept bees.", "Mrs. Grebe walked out with her niece, Hester Quayle, to the fair."))
    [stated] = work.plot.relations
    assert generate(within(work, range(stated.sentence.section + 1)), count=5, seed=1, kinds=[QuestionKind.RELATION])
    assert not generate(within(work, range(stated.sentence.section)), count=5, seed=1, kinds=[QuestionKind.RELATION])


def test_a_hostile_paragraph_of_kinships_is_read_in_linear_time() -> None:
    relations("Chapter 1\n\nTobias Wren's sister Ottilie kept bees.\n")  # loads the word lists
    pronouns = "Tobias Wren came. " + "and he saw his sister Ottilie, " * 2_000 + "went."
    appositions = "Tobias Wren met Ottilie, and his sister, Hester Quayle, " * 2_000 + "came."
    possessives = "Tobias Wren's sister Ottilie, " * 4_000 + "came."
    began = time.perf_counter()
    assert relations(f"Chapter 1\n\n{pronouns}\n") == {("Tobias Wren", "sister", "Ottilie")}
    assert relations(f"Chapter 1\n\n{appositions}\n") == {("Tobias Wren", "sister", "Hester Quayle")}
    assert relations(f"Chapter 1\n\n{possessives}\n") == {("Tobias Wren", "sister", "Ottilie")}
    assert time.perf_counter() - began < FREEZE_SECONDS
