"""Chat forms of question words are read as written in full; content words are left alone."""

from __future__ import annotations

from bot.ask.chat import standard_question
from bot.ask.routes import Route, route_question


def test_run_together_and_shortened_question_words_are_written_in_full() -> None:
    assert standard_question("whos derek") == "who is derek"
    assert standard_question("wut did u find in chapter 2") == "what did you find in chapter 2"


def test_a_chat_question_takes_the_route_of_the_full_one() -> None:
    routed = route_question(standard_question("whos Mr. Hale"))
    assert routed.route is Route.WHO_IS and routed.name == "Mr. Hale"


def test_content_words_and_names_are_left_to_the_spelling_corrections() -> None:
    assert standard_question("sory isnt enuf derek") == "sory isnt enuf derek"
    assert standard_question("Who is Dr. Wat?") == "Who is Dr. Wat?"
