"""A few remembered words, a typo that is also a misprint of the text, words of a phrase found apart."""

from __future__ import annotations

from itertools import product

import pytest

from bot.search.analysis import analyse, window_for
from bot.search.engine import CLEAR_WINNER_SCORE, QuoteIndex, combine, echo_similarity, holds_in_order
from bot.search.phrases import TOGETHER_SCORE
from bot.search.scoring import QuoteMatch
from bot.search.textnorm import term, words
from bot.search.vocabulary import MAX_TYPO_ALTERNATIVES, Vocabulary, VocabularyEntry, same_onset, skeleton

FILLER = [
    "The rain came early that year.",
    "Nobody in the village spoke of the mill.",
    "She kept her letters in a tin box.",
    "The road to the coast was long and grey.",
    "They ate bread and cheese by the fire.",
    "A dog barked somewhere beyond the hedge.",
    "He had never liked the sound of bells.",
    "The schoolmaster walked home alone.",
]


def index_of(lines: list[str]) -> QuoteIndex:
    return QuoteIndex(enumerate([*FILLER, *lines, *FILLER]))


def test_a_few_remembered_words_find_the_line_they_are_spread_across() -> None:
    index = index_of(
        [
            "Seizing my last nine hundred guineas, I laid them upon the seven of the first dozen numbers, and won.",
            "Later, I laid nine hundred guineas upon the seven middle numbers, and lost.",
        ]
    )
    best = index.lookup("nine hundred guineas seven first numbers").matches[0]
    assert best.text.startswith("Seizing my last")


def test_a_quote_keeps_its_window_and_remembered_words_widen_it() -> None:
    quote = words("it is a truth that the lamp was lit")
    remembered = words("lamp lantern harbour gulls")
    assert window_for(quote) == len(quote)
    assert window_for(remembered) == 2 * len(remembered)


def test_a_typo_that_the_text_misprints_once_still_finds_the_common_spelling() -> None:
    fellows = [f"The {adjective} fellow waited by the gate." for adjective in ("tall", "old", "quiet", "young")]
    fellows += [f"Every fellow in the {place} knew it." for place in ("inn", "yard", "town", "port", "square", "mill")]
    index = index_of(
        [*fellows, "A felow came too late for supper.", "Clever fellow to sell turnips at dawn!", "He sold turnips."]
    )
    vocabulary = index.vocabulary
    assert vocabulary.commoner_spellings("felow") and not vocabulary.commoner_spellings("fellow")
    [felow] = analyse(["felow"], vocabulary).words
    assert felow.alternatives["felow"] == 1.0 and felow.weight == vocabulary.idf("felow")
    assert 0 < felow.weight * felow.alternatives["fellow"] <= vocabulary.idf("fellow")
    [match] = index.lookup("clever felow to sell turnips").matches
    assert match.text == "Clever fellow to sell turnips at dawn!"


def test_words_of_a_phrase_found_apart_match_where_they_are_closest() -> None:
    index = index_of(
        [
            "Hollis wrote to the captain, and Brandt never answered him.",
            "He was heir to Hollis Brandt.",
        ]
    )
    [match] = index.lookup("heir Hollis Brandt").matches
    assert match.text == "He was heir to Hollis Brandt." and match.score == pytest.approx(TOGETHER_SCORE - 1)


def test_a_word_typed_without_its_final_r_sounds_like_the_word() -> None:
    index = index_of(["She said she would never forgive the miller after the flood."])
    corrections = index.vocabulary.corrections("neva")
    assert "never" in corrections and "miller" not in corrections
    assert "after" in index.vocabulary.corrections("afta")
    best = index.lookup("she sed she wud neva forgiv the milla afta the flud").matches[0]
    assert best.text.startswith("She said she would never forgive")


def common_word_lines() -> list[str]:
    """Lines of common words only: none of them carries enough information to be a clear winner."""
    subjects = ["She", "He", "They", "The miller", "Her brother", "The old woman", "Nobody", "The boy"]
    verbs = ["would never", "could not", "did not", "would always", "might", "should", "would"]
    rests = ["speak of the weather", "wait for him", "walk home again", "sell the mare", "forget the flood"]
    return [f"{subject} {verb} {rest}." for subject, verb, rest in product(subjects, verbs, rests)]


def test_the_query_read_as_a_whole_line_spelt_as_it_sounds_is_that_line() -> None:
    index = QuoteIndex(enumerate([*common_word_lines(), "She would never speak to him again."]))
    [match] = index.lookup("she wud neva speek 2 him agen").matches
    assert match.text == "She would never speak to him again." and match.score < CLEAR_WINNER_SCORE


def test_part_of_a_long_line_spelt_as_it_sounds_is_that_line() -> None:
    line = "She would never speak to him again, whatever the miller said about the flood."
    others = [other for other in common_word_lines() if not other.startswith("She ")]
    index = QuoteIndex(enumerate([*others, line]))
    [match] = index.lookup("she wud neva speek 2 him agen").matches
    assert match.text == line and match.score < CLEAR_WINNER_SCORE


def test_an_echo_below_its_cutoff_scores_nothing_and_one_above_scores_in_full() -> None:
    long_line = "the mill wheel turned all night " * 2000 + "she would never speak to him again"
    fragment = "she wud never speek to him agen"
    full = echo_similarity(fragment, long_line)
    assert full >= 80 and echo_similarity(fragment, long_line, 80) == full
    assert echo_similarity("the storm at sea was over", long_line, 80) == 0
    assert echo_similarity("", long_line, 80) == echo_similarity(long_line, "", 80) == 0


def test_a_word_spelt_by_its_first_sound_is_corrected() -> None:
    index = index_of(["He came down the corridor with the photograph."])
    assert term("corridor") in index.vocabulary.corrections("koridoor")
    assert term("photograph") in index.vocabulary.corrections("fotograf")
    assert same_onset("kame", "came") and same_onset("fone", "phone") and not same_onset("came", "same")


def test_a_line_sharing_common_words_with_the_query_is_no_echo_of_it() -> None:
    index = QuoteIndex(enumerate([*common_word_lines(), "She would never speak to him again."]))
    assert index.lookup("she wud neva tell him agen about the storm at sea").matches == []


LANTERN_LINE = "I know the ferrymen, the barge, the tides; and yet nobody brings me any word of her."
"""A line the reader remembers a few words of, in order, with words left out between them."""


def _ranked(best_score: float, runner_up: float) -> list[list[QuoteMatch]]:
    return [
        [
            QuoteMatch(1, LANTERN_LINE, best_score, information=1.3, coverage=0.6, rare_words=2),
            QuoteMatch(2, "The ferrymen slept by the barge all winter.", runner_up, information=0.9, coverage=0.4),
        ]
    ]


def test_words_remembered_in_their_order_answer_with_their_line() -> None:
    surface = " ".join(words("know the ferrymen the barge any word"))
    assert combine(_ranked(58.0, 44.0), 5, surface).matches[0].key == 1
    assert combine(_ranked(58.0, 44.0), 5, "").matches == []  # the same scores, without the words in order


def test_words_out_of_order_or_too_few_or_a_close_runner_up_stay_suggestions() -> None:
    shuffled = " ".join(words("barge the ferrymen know any word"))
    too_few = " ".join(words("ferrymen barge word"))
    in_order = " ".join(words("know the ferrymen the barge any word"))
    assert combine(_ranked(58.0, 44.0), 5, shuffled).matches == []
    assert combine(_ranked(58.0, 44.0), 5, too_few).matches == []
    assert combine(_ranked(58.0, 52.0), 5, in_order).matches == []
    assert [m.key for m in combine(_ranked(58.0, 52.0), 5, in_order).suggestions] == [1, 2]


def test_holding_words_in_order_allows_words_between_but_not_a_swap() -> None:
    line = words(LANTERN_LINE)
    assert holds_in_order(words("know ferrymen tides word"), line)
    assert not holds_in_order(words("tides ferrymen"), line)
    assert not holds_in_order(words("know the lantern"), line)


def test_a_word_typed_without_its_vowels_stands_for_the_works_words_with_its_consonants() -> None:
    assert skeleton("matter") == skeleton("mtr") == "mtr" and skeleton("lighthouse") == "lghths"
    index = index_of(["The matter of the cracked kettle was never settled by the smith."])
    assert term("matter") in index.vocabulary.corrections("mtr")  # too short for its sound or two edits
    assert term("matter") not in index.vocabulary.corrections("mtl")  # other consonants
    assert term("kettle") in index.vocabulary.corrections("ktl")


def test_words_without_vowels_choose_among_equally_common_words_the_same_way_every_run() -> None:
    """More words share the consonants than are kept: ties go alphabetically, not by a set's hash order."""
    spellings = [f"m{a}t{b}r" for a in "aeiou" for b in "aeiou"]  # invented words, one skeleton, one spread
    vocabulary = Vocabulary([VocabularyEntry(word, word, 1) for word in spellings], units=40)
    chosen = sorted(vocabulary.corrections("mtr"))
    assert chosen == sorted(spellings)[:MAX_TYPO_ALTERNATIVES]
