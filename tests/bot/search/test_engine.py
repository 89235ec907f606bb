"""Quote lookup on the bundled story: every kind of half-remembered line, and lines that are not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.search.analysis import analyse
from bot.search.engine import CONFIDENT_SCORE, AcceptRule, LookupResult, QuoteIndex, combine
from bot.search.scoring import QuoteMatch
from bot.search.textnorm import term
from bot.text.ingest import parse_work

STORY = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"


@pytest.fixture(scope="module")
def story() -> QuoteIndex:
    work = parse_work(STORY.read_text(encoding="utf-8"))
    return QuoteIndex((sentence.ordinal, sentence.text) for sentence in work.sentences)


def best(index: QuoteIndex, query: str) -> QuoteMatch:
    matches = index.lookup(query).matches
    assert matches, f"no confident match for {query!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("kind", "query", "expected"),
    [
        ("exact", "Hello from the other side", "“Hello from the other side.”"),
        ("exact", "Sorry isn't enough, Derek.", "“Sorry isn’t enough, Derek.”"),
        ("case", "HELLO FROM THE OTHER SIDE", "“Hello from the other side.”"),
        ("typo: dropped letter", "Stiles was a lovly boy", "“Stiles was a lovely boy,”"),
        ("typo: swapped letters", "Beacon Hills never chnaged, but the people did", "Beacon Hills never changed"),
        ("typo: doubled letter", "The tears burning his eyes were years overrdue", "were years overdue"),
        ("typo: real word", "Hello form the other side", "“Hello from the other side.”"),
        ("contraction", "you should not have come back", "“You shouldn’t have come back,”"),
        ("contraction", "I am sorry for breaking your heart", "“I’m sorry for breaking your heart.”"),
        ("no apostrophe", "Im sorry for breaking your heart", "“I’m sorry for breaking your heart.”"),
        ("tense", "Stiles is a lovely boy", "“Stiles was a lovely boy,”"),
        ("synonym", "Stiles was a beautiful boy", "“Stiles was a lovely boy,”"),
        ("fragment", "a shadow of the shell of a man", "a shadow of the shell of a man"),
        ("fragment", "golden whiskey rings", "those golden whiskey rings"),
        ("shuffled", "steps no there were", "But there were no steps."),
        ("shuffled", "a lovely boy Stiles was", "“Stiles was a lovely boy,”"),
        ("em dash as --", "whenever he thought about what to say -- how to say it", "what to say—how to say it"),
        ("ellipsis as ...", "Old Sheriff... Derek repeated", "“Old Sheriff …” Derek repeated"),
    ],
)
def test_finds_the_line(story: QuoteIndex, kind: str, query: str, expected: str) -> None:
    assert expected in best(story, query).text, kind


def test_a_quote_of_several_sentences_finds_each(story: QuoteIndex) -> None:
    matches = story.lookup("Yes, yes Derek did know. Instead of answering, Derek gave her a curt nod in response.").matches
    assert [match.text for match in matches[:2]] == [
        "Yes, yes Derek did know.",
        "Instead of answering, Derek gave her a curt nod in response.",
    ]


def test_quote_style_does_not_matter(story: QuoteIndex) -> None:
    curly = best(story, "“I’m looking for the Stilinskis,”")
    straight = best(story, "\"I'm looking for the Stilinskis,\"")
    assert curly == straight
    assert "I’m looking for the Stilinskis" in curly.text
    assert curly.score == pytest.approx(100.0)


@pytest.mark.parametrize(
    "query",
    [
        "It was the best of times, it was the worst of times",
        "Call me Ishmael",
        "To be or not to be",
        "I solemnly swear that I am up to no good",
        "The blood is the life!",
        "Derek kissed Stiles in the front seat of the Jeep",
        "She smiled at him and walked away.",
        "he said",
        "the door",
        "the window",
        "in the night",
        "yes",
    ],
)
def test_lines_not_in_the_story_are_not_confident(story: QuoteIndex, query: str) -> None:
    assert story.lookup(query).matches == []


def test_scores_are_bounded_and_sorted(story: QuoteIndex) -> None:
    for query in ["Stiles", "Hello from the other side", "steps no there were", "the door", "Call me Ishmael"]:
        result = story.lookup(query, limit=50)
        scores = [match.score for match in result.matches + result.suggestions]
        assert all(0.0 <= score <= 100.0 for score in scores)
        assert [m.score for m in result.matches] == sorted((m.score for m in result.matches), reverse=True)
        assert [m.score for m in result.suggestions] == sorted((m.score for m in result.suggestions), reverse=True)
        assert all(m.score >= CONFIDENT_SCORE for m in result.matches)
        assert all(m.score < CONFIDENT_SCORE for m in result.suggestions)


def test_limit_caps_both_lists(story: QuoteIndex) -> None:
    # Three quoted sentences give three confident matches; "Beacon Hills" alone has many near misses.
    query = "Hello from the other side. Sorry isn't enough, Derek. Stiles knows that. Beacon Hills."
    unlimited = story.lookup(query, limit=50)
    assert len(unlimited.matches) > 2 and len(unlimited.suggestions) > 2
    result = story.lookup(query, limit=2)
    assert (len(result.matches), len(result.suggestions)) == (2, 2)
    assert (result.matches, result.suggestions) == (unlimited.matches[:2], unlimited.suggestions[:2])


def test_a_line_retold_with_more_is_the_closest_match_below_the_confident_score(story: QuoteIndex) -> None:
    [match] = story.lookup("Sheriff Stilinski retired and moved to Florida").matches
    assert "Sheriff Stilinski retired" in match.text and match.score < CONFIDENT_SCORE


def test_a_made_up_line_sharing_one_rare_word_is_no_match_only_a_suggestion(story: QuoteIndex) -> None:
    result = story.lookup("Stilinski moved to Florida and bought a boat")
    assert result.matches == []
    assert result.suggestions


def test_lookup_is_deterministic(story: QuoteIndex) -> None:
    assert story.lookup("he was sorry") == story.lookup("he was sorry")


def test_keys_are_the_callers() -> None:
    index = QuoteIndex([(100, "The cat sat on the mat."), (7, "A dog barked at the moon all night.")])
    match = best(index, "a dog barked at the moon")
    assert (match.key, match.text) == (7, "A dog barked at the moon all night.")


def test_a_tiny_work_still_finds_a_distinctive_fragment() -> None:
    drabble = ["The keeper climbed the stairs every night.", "Nobody ever thanked him for the light."]
    index = QuoteIndex(enumerate(drabble))
    assert best(index, "nobody thanked him").key == 1
    assert index.lookup("the light").matches == []


def test_repeated_lines_all_match_earliest_first() -> None:
    index = QuoteIndex([(5, "The blood is the life!"), (2, "Nothing else here."), (1, "The blood is the life!")])
    assert [match.key for match in index.lookup("the blood is the life").matches] == [1, 5]


@pytest.mark.parametrize("query", ["", "   ", "?!… —"])
def test_wordless_queries_find_nothing(story: QuoteIndex, query: str) -> None:
    assert story.lookup(query) == LookupResult([], [])
    assert story.suggest(query) == []


def test_empty_index_finds_nothing() -> None:
    index = QuoteIndex([])
    assert len(index) == 0
    assert index.lookup("Hello from the other side") == LookupResult([], [])
    assert index.suggest("Hello") == []


@pytest.mark.parametrize(
    ("partial", "expected"),
    [
        ("Stiles was a lov", "“Stiles was a lovely boy,”"),
        ("I'm looking for the Stil", "“I’m looking for the Stilinskis,”"),
        ("hello from the oth", "“Hello from the other side.”"),
        ("the tears burning his ey", "The tears burning his eyes were years overdue."),
        ("Stiles was a lovly b", "“Stiles was a lovely boy,”"),
    ],
)
def test_suggest_completes_a_half_typed_last_word(story: QuoteIndex, partial: str, expected: str) -> None:
    assert expected in story.suggest(partial)[0].text


def test_suggest_ignores_an_unfinished_word_it_cannot_complete(story: QuoteIndex) -> None:
    suggestions = story.suggest("sorry isn")
    assert suggestions
    assert all("sorry" in match.text.lower() for match in suggestions)


def test_suggest_is_sorted_and_limited(story: QuoteIndex) -> None:
    suggestions = story.suggest("Stiles")
    assert 0 < len(suggestions) <= 25
    assert [m.score for m in suggestions] == sorted((m.score for m in suggestions), reverse=True)
    assert all(0.0 <= m.score <= 100.0 for m in suggestions)
    assert len(story.suggest("Stiles", limit=3)) == 3


LIGHTHOUSE_RU = [
    "Старый маяк стоял на краю скалы.",
    "Каждую ночь смотритель поднимался по лестнице.",
    "Никто никогда не благодарил его за свет.",
    "Однажды зимой к берегу прибило лодку.",
    "В лодке спала маленькая девочка с рыжими волосами.",
]
LIGHTHOUSE_EL = [
    "Ο γέρος φάρος στεκόταν στην άκρη του βράχου.",
    "Κάθε νύχτα ο φύλακας ανέβαινε τη σκάλα.",
    "Κανείς δεν τον ευχαρίστησε ποτέ για το φως.",
    "Ένα χειμωνιάτικο πρωί η θάλασσα έφερε μια βάρκα.",
    "Μέσα στη βάρκα κοιμόταν ένα μικρό κορίτσι.",
]
LIGHTHOUSE_ZH = ["老灯塔站在悬崖的边上。", "每天晚上，守塔人都爬上楼梯。", "从来没有人为那盏灯感谢过他。", "船里睡着一个红头发的小女孩。"]


@pytest.mark.parametrize(
    ("sentences", "query", "expected"),
    [
        (LIGHTHOUSE_RU, "Никто никогда не благодарил его за свет", 2),
        (LIGHTHOUSE_RU, "Каждую ночь смотритель поднимался по леснице", 1),
        (LIGHTHOUSE_RU, "девочка с рыжими волосами", 4),
        (LIGHTHOUSE_EL, "Κανείς δεν τον ευχαρίστησε ποτέ για το φως", 2),
        (LIGHTHOUSE_EL, "Κανείς δεν τον ευχαρίστισε ποτέ για το φως", 2),
        (LIGHTHOUSE_EL, "ΚΑΘΕ ΝΥΧΤΑ Ο ΦΥΛΑΚΑΣ ΑΝΕΒΑΙΝΕ ΤΗ ΣΚΑΛΑ", 1),
        (LIGHTHOUSE_ZH, "每天晚上，守塔人都爬上楼梯", 1),
        (LIGHTHOUSE_ZH, "红头发的小女孩", 3),
    ],
    ids=[
        "ru exact",
        "ru typo",
        "ru fragment",
        "el exact",
        "el typo",
        "el capitals without accents",
        "zh exact",
        "zh fragment",
    ],
)
def test_works_in_other_scripts_are_found(sentences: list[str], query: str, expected: int) -> None:
    assert best(QuoteIndex(enumerate(sentences)), query).key == expected


@pytest.mark.parametrize(
    ("sentences", "query"),
    [
        (LIGHTHOUSE_RU, "Собака лаяла на почтальона весь день"),
        (LIGHTHOUSE_EL, "Ο σκύλος γάβγιζε όλη μέρα"),
        (LIGHTHOUSE_ZH, "我今天去超市买牛奶"),
    ],
)
def test_lines_from_elsewhere_in_other_scripts_are_not_found(sentences: list[str], query: str) -> None:
    assert QuoteIndex(enumerate(sentences)).lookup(query).matches == []


def _line(
    key: int, score: float, *, information: float = 2.0, rare_words: int = 0, distinctive_words: int | None = None
) -> QuoteMatch:
    """A ranked line; its rare words are all distinctive (names, words the work favours) unless told otherwise."""
    distinctive = rare_words if distinctive_words is None else distinctive_words
    return QuoteMatch(key, f"line {key}", score, information, 0.5, rare_words, distinctive)


def test_a_reworded_line_keeping_two_rare_words_and_ahead_is_the_closest_match() -> None:
    result = combine([[_line(1, 50.0, rare_words=2), _line(2, 40.0, rare_words=1)]], 5)
    assert [match.key for match in result.matches] == [1]


@pytest.mark.parametrize(
    "best",
    [
        _line(1, 50.0, rare_words=1),  # one rare word in common is chance
        _line(1, 42.0, rare_words=3),  # too far from the query
        _line(1, 50.0, rare_words=2, information=1.5),  # its words pin no line down
    ],
)
def test_a_best_line_without_the_closest_match_evidence_stays_a_suggestion(best: QuoteMatch) -> None:
    result = combine([[best, _line(2, 40.0)]], 5)
    assert result.matches == [] and [match.key for match in result.suggestions][:1] == [1]


def test_a_closest_match_must_lead_the_other_lines() -> None:
    result = combine([[_line(1, 50.0, rare_words=3), _line(2, 47.0, rare_words=3)]], 5)
    assert result.matches == []


def test_a_closest_match_on_everyday_words_must_lead_further() -> None:
    near = combine([[_line(1, 48.0, rare_words=2, distinctive_words=1), _line(2, 40.0)]], 5)
    far = combine([[_line(1, 48.0, rare_words=2, distinctive_words=1), _line(2, 36.0)]], 5)
    assert near.matches == [] and [match.key for match in near.suggestions][:1] == [1]
    assert [match.key for match in far.matches] == [1]


def test_a_rule_without_the_everyday_lead_takes_the_nearer_line() -> None:
    lines = [_line(1, 48.0, rare_words=2, distinctive_words=0), _line(2, 40.0)]
    assert [match.key for match in combine([lines], 5, rule=AcceptRule(closest_everyday_lead=0.0)).matches] == [1]


def test_an_adverb_the_thesaurus_lacks_stands_for_its_adjectives_neighbours() -> None:
    index = QuoteIndex(enumerate(["He bowed in a deferential way.", "The rain fell all night.", "Bread was cheap."]))
    query = analyse(["respectfully"], index.vocabulary)
    assert query is not None and term("deferential") in query.words[0].alternatives


def test_a_confident_line_with_a_close_runner_up_is_only_a_suggestion() -> None:
    result = combine([[_line(1, 74.0, rare_words=2, information=1.5), _line(2, 70.0, information=1.5)]], 5)
    assert result.matches == [] and [match.key for match in result.suggestions] == [1, 2]


def test_a_confident_line_well_ahead_is_a_match() -> None:
    result = combine([[_line(1, 74.0, information=1.5), _line(2, 60.0)]], 5)
    assert [match.key for match in result.matches] == [1]


def test_a_line_holding_three_remembered_rare_words_far_ahead_is_the_answer() -> None:
    result = combine([[_line(1, 52.0, rare_words=3, information=1.5), _line(2, 30.0, information=1.0)]], 5)
    assert [match.key for match in result.matches] == [1]


def test_remembered_rare_words_need_the_line_far_ahead() -> None:
    result = combine([[_line(1, 52.0, rare_words=3, information=1.5), _line(2, 40.0, information=1.0)]], 5)
    assert result.matches == []


def test_a_rule_without_remembered_words_leaves_such_a_line_a_suggestion() -> None:
    lines = [_line(1, 52.0, rare_words=3, information=1.5), _line(2, 30.0, information=1.0)]
    result = combine([lines], 5, rule=AcceptRule(remembered_rare=99))
    assert result.matches == [] and [match.key for match in result.suggestions][:1] == [1]
