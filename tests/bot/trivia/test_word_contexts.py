"""A missing word's wrong options are nouns the book uses among the same words as the answer; a
word the book always pairs with its neighbour, a pronoun or a set phrase's noun is never blanked."""

from bot.trivia import wording
from bot.trivia.word_contexts import WordContexts

BOOK = (
    "She poured the tea into the china teacup and set the saucer on the tray.",
    "The teacup rattled on its saucer when the kettle boiled over the hearth.",
    "He stacked the saucer beside the teacup and carried the tray to the scullery.",
    "The trawler left the harbour with its nets full of mackerel and herring.",
    "Gulls followed the trawler past the harbour wall toward the herring grounds.",
    "For pity's sake, mind the kettle.",
    "For pity's sake, fetch the lantern.",
    "They walked visible from the harbour.",
)
TARGETS = {"teacup", "saucer", "trawler", "tray", "lantern", "kettle", "visible"}


def test_nouns_used_among_the_same_words_are_alike() -> None:
    contexts = WordContexts(BOOK, TARGETS)
    assert contexts.similarity("teacup", "saucer") > contexts.similarity("teacup", "trawler")
    assert contexts.similarity("teacup", "unheard") == 0.0


def test_a_word_always_beside_another_is_a_fixed_phrase_and_function_words_make_none() -> None:
    contexts = WordContexts(BOOK, TARGETS)
    assert contexts.fixed_phrase("pity's", "sake", "mind")
    assert not contexts.fixed_phrase("the", "kettle", "boiled")


def test_a_word_never_after_a_determiner_is_no_noun_of_the_book() -> None:
    contexts = WordContexts(BOOK, TARGETS)
    assert contexts.used_as_noun("trawler")
    assert not contexts.used_as_noun("visible")


def test_pronouns_and_set_phrase_nouns_are_never_blanked() -> None:
    assert not any(wording.can_blank(word) for word in ("ours", "thee", "sake", "goodness"))
    assert wording.can_blank("trawler")
