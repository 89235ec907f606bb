"""Trivia asks about a line only when its paragraph tags it with the speaker's name; lost
apostrophes are put back; false true-or-false claims name someone of the speaker's gender in that scene."""

from bot.trivia.evidence import tagged_by_name, tags
from bot.trivia.lines import is_description, restore_apostrophes, unquote
from bot.trivia.people import Person
from bot.trivia.speaker_questions import _distinctive

PEOPLE = (
    Person("Harriet", ("Harriet", "Miss Quill", "Harriet Quill"), "f", 0, 30),
    Person("Mrs. Quill", ("Mrs. Quill",), "f", 0, 20),
    Person("Oswin", ("Oswin", "Mr. Oswin"), "m", 0, 20),
)


def test_a_named_tag_vouches_for_the_speaker() -> None:
    paragraph = '"The barometer has fallen," said Harriet, "and the ferry will not sail."'
    assert tags(paragraph) == ["Harriet"]
    assert tagged_by_name("Harriet", paragraph, PEOPLE)
    assert not tagged_by_name("Oswin", paragraph, PEOPLE)


def test_a_name_opening_the_narration_after_a_quote_is_a_tag() -> None:
    assert tagged_by_name("Oswin", "“You are late,” Oswin grumbled, folding the map.", PEOPLE)


def test_no_tag_or_a_pronoun_tag_or_a_name_inside_the_quote_is_no_evidence() -> None:
    assert not tagged_by_name("Harriet", '"But you will not help me, Oswin?"', PEOPLE)
    assert not tagged_by_name("Harriet", '"I cannot," she said. "Harriet said so."', PEOPLE)


def test_a_tag_naming_two_people_or_another_person_is_no_evidence() -> None:
    paragraph = '"Well," said Harriet. "Indeed," replied Oswin.'
    assert not tagged_by_name("Harriet", paragraph, PEOPLE)
    assert not tagged_by_name("Mrs. Quill", '"Come here," said Miss Quill.', PEOPLE)


def test_a_capitalised_epithet_is_a_name_and_its_tag_vouches_for_it() -> None:
    assert not is_description("the Tinker") and not is_description("the Copper Kettle")
    assert is_description("the tinker") and is_description("the Voice") and is_description("The woman")
    paragraph = "“Mend it yourself,” said the Copper Kettle, “or pay me.”"
    assert tags(paragraph) == ["the Copper Kettle"]
    assert tagged_by_name("the Copper Kettle", paragraph, PEOPLE)
    assert not tagged_by_name("Oswin", paragraph, PEOPLE)
    assert tags("“Who knocks?” said the Voice.") == ["Voice"]  # a generic noun: no one's name


def test_lost_apostrophes_are_put_back_and_words_are_left_alone() -> None:
    assert restore_apostrophes("Mr. Oswin s ferry won t sail, I m sure") == "Mr. Oswin’s ferry won’t sail, I’m sure"
    assert restore_apostrophes("a t-square and a cat") == "a t-square and a cat"
    assert unquote('"You mean Oswin s barge,"') == "You mean Oswin’s barge"


def test_a_line_of_everyday_words_is_not_distinctive() -> None:
    assert not _distinctive("I never saw any thing of the sort done here before, I am sure of it")
    assert _distinctive("The barometer has fallen and the ferry will not sail before the equinox")


def test_a_titled_name_is_not_another_persons_bare_surname_and_common_words_are_no_names() -> None:
    people = (*PEOPLE, Person("Quill", ("Quill", "Mr. Quill"), "m", 0, 5))
    assert tagged_by_name("Mrs. Quill", '"Sit down," said Mrs. Quill.', people)
    assert not tagged_by_name("Quill", '"Sit down," said Mrs. Quill.', people)
    assert tagged_by_name("Oswin", '"Here we are," said Oswin. "And there the ferry goes!" And he waved.', PEOPLE)


def test_a_long_speech_is_asked_by_its_opening_whole_sentences() -> None:
    from bot.trivia.facts import opening
    from bot.trivia.lines import SpokenLine

    text = "I met Mr. Oswin at St. Ives. He sold me a barometer! " + "The tide was turning fast. " * 20
    cut = opening(SpokenLine(0, text, "Harriet", 1.0, 0, 0, 0), 70).text
    assert cut == "I met Mr. Oswin at St. Ives. He sold me a barometer!"
    short = SpokenLine(0, "The ferry sails at noon.", "Harriet", 1.0, 0, 0, 0)
    assert opening(short, 80) == short


def test_a_relation_of_mine_tells_who_speaks() -> None:
    from bot.trivia.speaker_questions import _FAMILY_ADDRESS

    assert _FAMILY_ADDRESS.search("Well, sister of mine, the ferry is late")
    assert not _FAMILY_ADDRESS.search("Well, friend, the ferry is late")


def test_a_line_about_the_speakers_own_engagement_tells_who_may_speak() -> None:
    from bot.trivia.speaker_questions import _OWN_STATUS

    assert _OWN_STATUS.search("Oswin has been true to me ever since our engagement was known")
    assert _OWN_STATUS.search("I am to be married at the equinox")
    assert not _OWN_STATUS.search("The barometer has fallen and the ferry will not sail")


def test_a_verb_of_going_somewhere_is_no_speech_tag() -> None:
    assert not tagged_by_name("Oswin", 'Oswin returned to them at noon. "The ferry is late again."', PEOPLE)
    assert tagged_by_name("Oswin", '"The ferry is late," returned Oswin.', PEOPLE)
    assert tagged_by_name("Oswin", 'Oswin continued, "and the barometer is falling."', PEOPLE)


def test_a_hyphenated_or_stammered_word_after_a_lone_letter_is_no_lost_apostrophe() -> None:
    said = "I must re-read it, you d—d rogue; I s-s-see the t-shirts"
    assert restore_apostrophes(said) == said


def test_a_tag_after_a_capitalised_common_word_still_names_its_speaker() -> None:
    assert tags('But Oswin said, "The ferry will not sail."') == ["Oswin"]
    assert tagged_by_name("Oswin", 'And Oswin replied, "The ferry will not sail."', PEOPLE)
    assert not tagged_by_name("Harriet", '"It will," said Harriet. But Oswin replied, "It will not."', PEOPLE)


def test_a_name_that_hears_the_quote_is_its_listener_not_its_tag() -> None:
    paragraph = "“The ferry is late again,” Harriet heard Mr. Pardew say to the porter."
    assert tags(paragraph) == []
    assert not tagged_by_name("Harriet", paragraph, PEOPLE)


def test_the_speakers_own_grandchildren_tell_who_may_speak() -> None:
    from bot.trivia.speaker_questions import _OWN_KIN

    assert _OWN_KIN.search("I should like to see my granddaughters sail the ferry!")
    assert _OWN_KIN.search("Our grandsons will mend the barometer")
    assert not _OWN_KIN.search("The granddaughters of the vicar sail the ferry")
