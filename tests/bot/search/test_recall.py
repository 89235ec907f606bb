"""Word and phrase search, sound-alike and chat-speak spelling, related words, lost apostrophes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.search.engine import CONFIDENT_SCORE, QuoteIndex
from bot.search.phrases import RARE_OCCURRENCES, phrase_query
from bot.search.textnorm import lemma, term, words
from bot.search.thesaurus import related_words
from bot.text.ingest import parse_work

STORY = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"


@pytest.fixture(scope="module")
def story() -> QuoteIndex:
    work = parse_work(STORY.read_text(encoding="utf-8"))
    return QuoteIndex((sentence.ordinal, sentence.text) for sentence in work.sentences)


def test_a_rare_word_is_a_confident_match(story: QuoteIndex) -> None:
    result = story.lookup("linchpin")
    [match] = result.matches
    assert "linchpin" in match.text and match.score == 100.0
    assert result.occurrences == result.matches


def test_a_misspelled_rare_word_still_finds_its_line(story: QuoteIndex) -> None:
    [match] = story.lookup("linchpen").matches
    assert "linchpin" in match.text and CONFIDENT_SCORE <= match.score < 100.0


def test_a_name_and_a_word_find_the_line_holding_both(story: QuoteIndex) -> None:
    [match] = story.lookup("Paige Ennis").matches
    assert "Paige running to escape from Ennis" in match.text


def test_a_common_word_is_listed_not_matched(story: QuoteIndex) -> None:
    result = story.lookup("Lydia")
    assert result.matches == [] and len(result.occurrences) > RARE_OCCURRENCES
    assert all("Lydia" in match.text for match in result.occurrences)
    assert [m.key for m in result.occurrences] == sorted(m.key for m in result.occurrences)


def test_a_generic_phrase_is_never_a_match(story: QuoteIndex) -> None:
    for generic in ("the door", "the window"):
        assert story.lookup(generic).matches == [], generic


def test_a_phrase_of_function_words_or_a_long_query_is_no_phrase_search(story: QuoteIndex) -> None:
    assert phrase_query("it was the", story.vocabulary) is None
    assert phrase_query("Stiles was a lovely boy", story.vocabulary) is None
    assert phrase_query("xqzzy", story.vocabulary) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("u dont have 2 tell scott that im here", "tell Scott that I’m here"),
        ("he ran a hand thru his hair as he paced away", "He ran a hand through his hair"),
        ("wat u wanted 2 talk about my day", "you wanted to talk about my day"),
        ("derek felt like he wuz in the twilite zone", "in the Twilight Zone"),
        ("look i no u did wat u did cuz u had to", "because you had to"),
    ],
)
def test_chat_speak_and_sound_alike_spelling_find_the_line(story: QuoteIndex, query: str, expected: str) -> None:
    matches = story.lookup(query).matches
    assert matches and expected in matches[0].text, query


def test_chat_speak_earns_only_partial_credit(story: QuoteIndex) -> None:
    spelled = story.lookup("You wanted to talk about my day?").matches[0]
    chatted = story.lookup("u wanted 2 talk about my day").matches[0]
    assert spelled.key == chatted.key and chatted.score < spelled.score


def test_sound_alike_words_come_from_the_work(story: QuoteIndex) -> None:
    assert term("reverberating") in story.vocabulary.corrections("reverburaiting")
    assert term("said") not in story.vocabulary.corrections("sed")  # too short to trust its sound: chat-speak


def test_a_retold_line_finds_it_through_related_words(story: QuoteIndex) -> None:
    matches = story.lookup("Stiles concealed his heartbreak from Derek").matches + story.lookup(
        "Stiles concealed his heartbreak from Derek"
    ).suggestions
    assert any("heartbreak" in match.text for match in matches)


def test_off_story_lines_stay_rejected(story: QuoteIndex) -> None:
    for line in ("Hello darkness, my old friend.", "Call me Ishmael.", "I'll be back."):
        assert story.lookup(line).matches == [], line


def test_apostrophes_lost_in_conversion_are_contractions() -> None:
    assert words("It s Mr. Marvel s hat, I m sure; don t") == words("It's Mr. Marvel's hat, I'm sure; don't")
    assert words("don t") == ["do", "not"] and words("and t") == ["and", "t"]


def test_irregular_forms_fold_onto_their_lemma() -> None:
    assert [lemma(w) for w in ("fled", "feet", "children", "ran")] == ["flee", "foot", "child", "run"]
    assert lemma("ground") == "ground"  # a noun of its own, left alone
    assert lemma("thought") == "think"  # curated: lemminflect leaves it


def test_the_thesaurus_lists_near_synonyms() -> None:
    assert "conceal" in related_words("hide")
    assert related_words("xqzzy") == ()


def test_the_closest_lines_include_one_sharing_a_rare_word(story: QuoteIndex) -> None:
    result = story.lookup("the linchpin of a sad little tale about nobody in particular")
    assert result.matches == []
    assert any("linchpin" in match.text for match in result.suggestions)


def test_a_word_rare_as_typed_is_a_match_though_its_other_forms_are_common() -> None:
    lines = [(0, "He was irritated."), (1, "The irritation grew."), (2, "Irritated, she left."), (3, "Irritation again.")]
    index = QuoteIndex([*lines, (4, "His table manners were irritating.")])
    result = index.lookup("irritating")
    assert [match.key for match in result.matches] == [4]
    assert len(result.occurrences) == 5


def test_a_quote_running_across_two_sentences_matches_both(story: QuoteIndex) -> None:
    query = "hello stiles derek stated his voice reverberating off the walls he moved to stand behind stiles"
    texts = [match.text for match in story.lookup(query).matches]
    assert any("Hello, Stiles" in text for text in texts)
    lines = [(0, "The lamp was lit."), (1, "Welcome to my house!"), (2, "Enter freely and of your own will!")]
    two = QuoteIndex(lines).lookup("welcome to my house enter freely and of your own will")
    assert [match.key for match in two.matches] == [1, 2]
