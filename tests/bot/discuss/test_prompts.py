"""Discussion prompts: the people of a passage, its feelings and dialogue, and open questions."""

from __future__ import annotations

import pytest

from bot.discuss.prompts import dialogue_line, feeling_in, people_in, prompt_for, thread_name

TWO_PEOPLE = (
    "“You should leave,” Lydia cut him off. “Before he finds out,” she said, and Derek looked up to see Lydia."
)
ONE_PERSON = "He closed his eyes, and Derek felt the guilt heavy in his chest. He had failed them all."
NOBODY = "The rain fell on the old town all night, and the river rose over its banks."


def test_people_are_capitalised_words_inside_sentences_most_mentioned_first() -> None:
    assert people_in(TWO_PEOPLE) == ["Lydia", "Derek"]
    assert people_in(NOBODY) == []


def test_sentence_starts_and_pronoun_i_are_not_people() -> None:
    assert people_in("The door opened. I knew it. Then Stiles laughed. “Go.” Her eyes shone.") == ["Stiles"]


def test_names_of_several_words_are_one_and_places_are_not_people() -> None:
    text = "He met De Lacey in Geneva, then went home to Geneva while De Lacey and Felix stayed at Beacon Hills."
    assert people_in(text) == ["De Lacey", "Felix"]


def test_a_quotable_line_of_dialogue_and_a_feeling_are_found() -> None:
    assert dialogue_line(TWO_PEOPLE) == "You should leave"
    assert dialogue_line("“No,” she said.") is None
    assert dialogue_line("“I tried to call you to apologize,” he said.") == "I tried to call you to apologize"
    assert feeling_in(ONE_PERSON) == "guilt"


@pytest.mark.parametrize("text", [TWO_PEOPLE, ONE_PERSON, NOBODY])
def test_every_prompt_is_an_open_question(text: str) -> None:
    for seed in range(4):
        question = prompt_for(text, seed).question
        assert question.startswith(("How", "What", "Why", "Where")) and question.endswith("?")
        assert not question.startswith(("Do ", "Is ", "Does ", "Did "))


def test_the_prompt_names_the_people_of_the_passage() -> None:
    questions = {prompt_for(TWO_PEOPLE, seed).question for seed in range(4)}
    assert any("Lydia and Derek" in q for q in questions)
    assert any("Derek" in q for q in {prompt_for(ONE_PERSON, seed).question for seed in range(4)})


def test_a_passage_keeps_its_prompt() -> None:
    assert prompt_for(ONE_PERSON, 7) == prompt_for(ONE_PERSON, 7)


def test_a_thread_is_named_after_the_passage_within_100_characters() -> None:
    name = thread_name("Scene 2 ¶4", "word " * 80)
    assert name.startswith("Scene 2 ¶4: word word") and name.endswith("…") and len(name) <= 100
    assert thread_name("Chapter 1 ¶1", "Short.") == "Chapter 1 ¶1: Short."
