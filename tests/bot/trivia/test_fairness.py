"""Lines fit to ask (English, unbroken, something to remember) and options sense cannot rule out
(one person under one name, the same role or possession, the same age). Invented lines only."""

from dataclasses import replace

from bot.trivia import common_names, line_fitness, roles
from bot.trivia.book_words import BookWords
from bot.trivia.characters import SpeakerCounts
from bot.trivia.facts import MIN_PRESENCE_WINDOW, memorable
from bot.trivia.generate import generate
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person
from bot.trivia.question import QuestionKind
from tests.bot.trivia.test_presence import book, options, said


def test_a_line_mostly_in_another_language_is_not_asked() -> None:
    assert line_fitness.unfit("Mais non, mon ami, je ne suis pas du tout contente de cette affaire!") == "foreign"
    assert line_fitness.unfit("He had a certain je ne sais quoi about him when he rode the grey mare to the fair.") is None


def test_a_word_broken_by_a_lost_accented_letter_is_not_asked() -> None:
    assert line_fitness.has_broken_word("The lamp was lit, and the mirror tomb e from the wall onto the carpet.")
    assert line_fitness.has_broken_word("C tait the lantern-maker who sold a harpsichord to the miller.")
    assert line_fitness.has_broken_word("Have you been hiding from the parson ever since, ma ch’re?")  # "ch re", restored
    assert not line_fitness.has_broken_word("I saw a heron, O friend, by J. Pilbeam's mill at four o'clock.")
    assert not line_fitness.has_broken_word("I'm sure we'll go, and he'd come if it's fine, ma'am; we're late.")


def test_bland_lines_hold_nothing_to_remember() -> None:
    assert line_fitness.unfit("Thank you so very much, I am most obliged and grateful to you.") == "courtesy"
    assert line_fitness.unfit("Give my kind regards to your aunt when you see her again.") == "message"
    assert line_fitness.unfit("How did you ever do it, Madame? I should like to know.") == "no content"
    assert line_fitness.unfit("The miller sold his harpsichord to pay for the drowned barge.") is None
    assert line_fitness.unfit("We must take care he does not bring us to the creasote-barrel by the quay.") is None
    assert line_fitness.unfit("I shouldn't think you'd ever want that parasol!") == "no content"  # one word to remember
    assert line_fitness.unfit("Do not scold me so.") == "no content"  # one word, merely uncommon
    assert line_fitness.unfit("Do not mention the codicil.") is None  # one word, very rare


def test_a_word_the_book_uses_often_marks_no_line() -> None:
    line = "You had better ask them about the lighthouse lamp."
    assert line_fitness.unfit(line) is None
    book = BookWords(["The lighthouse stood on the rock; the lighthouse lamp shone. " * 5, "A plain story of the sea. " * 1_000])
    assert book.is_stock("lighthouse") and not book.is_stock("lamp")
    assert line_fitness.unfit(line, book) == "no content"
    assert line_fitness.unfit("You had better ask them about the brass lamp.", book) is None


def test_a_common_noun_said_to_someone_is_no_person_of_its_own() -> None:
    paragraphs = [
        "“Come along, Badger, do,” said Pip. “Hurry, Badger!”",
        "“I will,” said Pip, and Badger trotted after; “Badger, wait,” cried Moss.",
        "“It is late,” said Heron. Heron flew over the mill.",
        "“Late indeed,” said Heron, and Heron looked at the weir.",
    ]
    assert common_names.is_common_noun_name("Badger") and common_names.is_common_noun_name("Sir")
    assert not common_names.is_common_noun_name("Pip Longridge")
    assert common_names.not_persons({"Badger", "Heron", "Pip"}, paragraphs) == {"Badger"}


def test_a_name_that_is_no_person_is_never_an_option() -> None:
    lines = [said(offset, name, "x", 0, offset) for offset, name in enumerate(["Pip", "Pip", "Badger", "Badger", "Moss", "Moss"])]
    counts = SpeakerCounts(lines, not_persons={"Badger"})
    assert counts.speakers() == ["Pip", "Moss"]
    assert "Badger" not in counts.plausible_rivals("Pip", 0, 5)


def test_roles_and_possessions_a_line_gives_its_speaker() -> None:
    assert roles.owned_nouns("Take it round to my butler's cottage, and our pupils will help.") == {"butler", "pupil"}
    assert roles.owned_nouns("It was never my inclination, upon my life, to change my mind.") == frozenset()
    assert roles.child_mentions([(5, "“Come, my dear little Pip,” said Moss."), (9, "Pip ran to her dear little Pip.")]) == {}
    assert roles.child_mentions([(10, "Little Pip ran off."), (90, "Moss, the child, slept.")]) == {"pip": [10], "moss": [90]}


def _with_text(source, speaker: str, text: str):  # type: ignore[no-untyped-def]
    lines = [replace(line, text=text.format(n=index)) if line.speaker == speaker else line for index, line in enumerate(source.lines)]
    return replace(source, lines=lines)


BUTLER = "I sent my butler to the lighthouse with the harpsichord and the parsnip crates, number {n}."


def test_a_line_of_the_speakers_own_role_is_asked_only_against_people_of_that_role() -> None:
    plain = book({0: ["Ann", "Bea", "Cal", "Dan"]})
    assert any(answer == "Ann" for answer, _ in options(plain))
    alone = _with_text(plain, "Ann", BUTLER)
    assert not any(answer == "Ann" for answer, _ in options(alone))  # only Ann has a butler
    shared = _with_text(_with_text(alone, "Bea", BUTLER.replace("lighthouse", "quarry")), "Cal", BUTLER.replace("lighthouse", "dairy"))
    asked = [option for answer, option in options(shared, QuestionKind.WHO_SAID_IT) if answer == "Ann"]
    assert asked and all(set(option) <= {"Ann", "Bea", "Cal"} for option in asked)


def test_a_child_is_offered_only_against_children() -> None:
    grown_ups = options(book({0: ["Ann", "Bea", "Cal", "Dan"]}))
    assert any("Dan" in option for _, option in grown_ups)
    narration = {paragraph: "Little Dan said so." for paragraph in (3, 7, 11)}  # Dan's own paragraphs
    source = book({0: ["Ann", "Bea", "Cal", "Dan"]}, narration=narration)
    called_a_child = [sentence.end for sentence in source.sentences if sentence.text.startswith("Little")]
    near = [
        question
        for question in generate(source, count=50, seed=2, kinds=[QuestionKind.WHO_SAID_IT])
        if sum(abs((question.offset or 0) - at) <= MIN_PRESENCE_WINDOW for at in called_a_child) >= roles.MIN_CHILD_MENTIONS
    ]
    assert near and all("Dan" not in question.options for question in near)


def test_a_narrator_or_a_person_with_a_full_name_is_a_person_whatever_the_word() -> None:
    paragraphs = ["“Come, Badger,” said I. “Hurry, Badger!” cried Pip.", "“Badger, wait,” cried Moss."]
    narrator = [Person("Badger", ("Badger", "I"), "m", 0, 5)]
    full_name = [Person("Badger", ("Badger", "Badger Longridge"), "m", 0, 5)]
    assert common_names.not_persons({"Badger"}, paragraphs) == {"Badger"}
    assert common_names.not_persons({"Badger"}, paragraphs, narrator) == frozenset()
    assert common_names.not_persons({"Badger"}, paragraphs, full_name) == frozenset()


def test_a_long_line_of_several_uncommon_words_is_memorable_without_a_rare_one() -> None:
    def line(text: str) -> SpokenLine:
        return SpokenLine(0, text, "Oswin", 0.99, None, 0, 0)

    assert memorable(line("The ferry sank at the weir, so the whole family had to walk home."))
    assert not memorable(line("I do not know what you mean by that at all, my dear friend."))
    assert not memorable(line("The ferry sank at the weir last night."))  # short: a rare word it would need
