"""Word and phrase search, sound-alike and chat-speak spelling, related words, lost apostrophes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.search.engine import CONFIDENT_SCORE, QuoteIndex
from bot.search.phrases import RARE_OCCURRENCES, phrase_query
from bot.search.textnorm import lemma, term, words
from bot.search.thesaurus import ROGET_TEXT, related_words
from bot.text.ingest import parse_work

STORY = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"


@pytest.fixture(scope="module")
def story() -> QuoteIndex:
    work = parse_work(STORY.read_text(encoding="utf-8"))
    return QuoteIndex((sentence.ordinal, sentence.text) for sentence in work.sentences)


def test_a_rare_word_is_a_confident_match(story: QuoteIndex) -> None:
    result = story.lookup("butterflies")
    [match] = result.matches
    assert "butterflies" in match.text and match.score == 100.0
    assert result.occurrences == result.matches


def test_a_misspelled_rare_word_still_finds_its_line(story: QuoteIndex) -> None:
    [match] = story.lookup("buterflies").matches
    assert "butterflies" in match.text and CONFIDENT_SCORE <= match.score < 100.0


def test_a_name_and_a_word_find_the_line_holding_both(story: QuoteIndex) -> None:
    [match] = story.lookup("Derek sheepishly").matches
    assert "Derek sheepishly replied" in match.text


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
        ("if scott nos u r here then stiles will know soon after", "If Scott knows you’re here"),
        ("u wanted 2 no how i wuz after u abandoned me", "how I was after you abandoned me"),
        ("then u came in n started turnin misfit teenagers into werewolves", "misfit teenagers into werewolves"),
        ("he didnt want 2 hear the woman say wat he knew she wud say", "what he knew she would say"),
        ("his nuckles rapped against the old dore", "His knuckles rapped against the old door"),
    ],
)
def test_chat_speak_and_sound_alike_spelling_find_the_line(story: QuoteIndex, query: str, expected: str) -> None:
    matches = story.lookup(query).matches
    assert matches and expected in matches[0].text, query


def test_chat_speak_earns_only_partial_credit(story: QuoteIndex) -> None:
    spelled = story.lookup("I only ever wanted to tell you that.").matches[0]
    chatted = story.lookup("i only ever wanted 2 tell u that").matches[0]
    assert spelled.key == chatted.key and chatted.score < spelled.score


def test_sound_alike_words_come_from_the_work(story: QuoteIndex) -> None:
    assert term("sophisticated") in story.vocabulary.corrections("sofistikated")
    assert term("said") not in story.vocabulary.corrections("sed")  # too short to trust its sound: chat-speak


def test_a_retold_line_finds_it_through_related_words(story: QuoteIndex) -> None:
    matches = story.lookup("Stiles concealed his heartbreak from Derek").matches + story.lookup(
        "Stiles concealed his heartbreak from Derek"
    ).suggestions
    assert any("heartbreak" in match.text for match in matches)


def test_off_story_lines_stay_rejected(story: QuoteIndex) -> None:
    for line in ("The lighthouse keeper counted the gulls every morning.", "Call me Ishmael.", "Pass the salt, please."):
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
    result = story.lookup("the butterflies of a sad little tale about nobody in particular")
    assert result.matches == []
    assert any("butterflies" in match.text for match in result.suggestions)


def test_a_word_rare_as_typed_is_a_match_though_its_other_forms_are_common() -> None:
    lines = [(0, "He was exhausted."), (1, "The exhaustion grew."), (2, "Exhausted, she left."), (3, "Exhaustion again.")]
    index = QuoteIndex([*lines, (4, "The long climb was exhausting.")])
    result = index.lookup("exhausting")
    assert [match.key for match in result.matches] == [4]
    assert len(result.occurrences) == 5


def test_a_quote_running_across_two_sentences_matches_both(story: QuoteIndex) -> None:
    query = "he used to smile so much his laugh could brighten up a room you know"
    texts = [match.text for match in story.lookup(query).matches]
    assert any("He used to smile so much" in text for text in texts)
    assert any("His laugh could brighten up a room" in text for text in texts)
    lines = [(0, "The lamp was lit."), (1, "Welcome to my house!"), (2, "Enter freely and of your own will!")]
    two = QuoteIndex(lines).lookup("welcome to my house enter freely and of your own will")
    assert [match.key for match in two.matches] == [1, 2]


def test_the_thesaurus_is_read_from_data_folio_ships() -> None:
    assert ROGET_TEXT.parent.name == "data" and ROGET_TEXT.is_file()
    assert "Project Gutenberg" in ROGET_TEXT.read_text(encoding="utf-8")[:500]
