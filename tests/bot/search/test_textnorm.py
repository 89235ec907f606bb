"""Text normalisation: different spellings of the same line must meet."""

from __future__ import annotations

import random
import string
from collections import Counter, defaultdict
from typing import Any

import pytest

from bot.search.textnorm import (
    _ASCII_WORD_RE,
    _WORD_RE,
    FUNCTION_TERMS,
    SYNONYMS,
    WORD_LISTS_PATH,
    WordLists,
    fold,
    load_word_lists,
    sentence_parts,
    term,
    words,
)


def test_fold_flattens_case_accents_quotes_and_dashes() -> None:
    assert fold("“Café—NAÏVE” ‘x’…") == "\"cafe naive\" 'x'..."
    assert fold("what to say--how") == "what to say how"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I’m here", ["i", "am", "here"]),
        ("don't, can't, won't, cannot", ["do", "not", "can", "not", "will", "not", "can", "not"]),
        ("Im sure you dont", ["i", "am", "sure", "you", "do", "not"]),
        ("he's at Derek's", ["he", "is", "at", "derek"]),
        ("Stiles’ voice", ["stiles", "voice"]),
        ("we'll, you'd, they've, let's", ["we", "will", "you", "would", "they", "have", "let", "us"]),
        ("half-hearted *smile*", ["half", "hearted", "smile"]),
    ],
)
def test_words_expand_contractions_and_drop_punctuation(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Москва — столица России.", ["москва", "столица", "россии"]),
        ("Ёлка", ["елка"]),
        ("Ο ΛΌΓΟΣ της ζωής", ["ο", "λογοσ", "τησ", "ζωησ"]),
        ("Cæsar's dæmon, Søren", ["caesar", "daemon", "soren"]),
        ("l'été 1984", ["lete", "1984"]),
        ("हिन्दी भाषा", ["हिनदी", "भाषा"]),
        ("한국어 문장", ["한국어", "문장"]),
        ("我爱北京。", ["我", "爱", "北", "京"]),
        ("がっこう・カタカナ", ["が", "っ", "こ", "う", "カ", "タ", "カ", "ナ"]),
        ("ﾃｽﾄ", ["テ", "ス", "ト"]),
    ],
)
def test_words_of_any_script(text: str, expected: list[str]) -> None:
    """Letters and digits of every script make words; scripts without spaces give one per character."""
    assert words(text) == expected


def test_ascii_fast_path_splits_like_the_unicode_pattern() -> None:
    alphabet = string.ascii_letters + string.digits + "'''  -.,!?_`\""
    generator = random.Random(7)
    for _ in range(2000):
        text = fold("".join(generator.choice(alphabet) for _ in range(generator.randint(0, 30))))
        assert _WORD_RE.findall(text) == _ASCII_WORD_RE.findall(text), text


def test_sentence_parts_cut_after_sentence_ends_and_line_breaks() -> None:
    assert sentence_parts("“Welcome to my house!” Enter freely.\nYes") == ["“Welcome to my house!", "Enter freely.", "Yes"]
    assert sentence_parts("no break here, nor; here") == ["no break here, nor; here"]


@pytest.mark.parametrize(
    "forms",
    [
        ("walk", "walks", "walked", "walking"),
        ("run", "ran", "running", "runs"),
        ("be", "was", "were", "is", "am"),
        ("think", "thought", "thinking"),
        ("darkness", "darknesses"),
    ],
)
def test_word_forms_share_a_term(forms: tuple[str, ...]) -> None:
    assert len({term(form) for form in forms}) == 1


@pytest.mark.parametrize(("one", "other"), [("here", "her"), ("note", "not"), ("thee", "the")])
def test_distinct_words_stay_distinct(one: str, other: str) -> None:
    assert term(one) != term(other)


def test_both_quote_styles_give_the_same_words() -> None:
    assert words("“I’m looking for the Stilinskis,”") == words("\"I'm looking for the Stilinskis,\"")


def test_synonyms_are_symmetric_terms() -> None:
    assert term("lovely") in SYNONYMS[term("beautiful")]
    assert term("beautiful") in SYNONYMS[term("lovely")]
    assert term("lovely") not in SYNONYMS[term("lovely")]


def word_list_problems(lists: WordLists) -> list[str]:
    """What is wrong with curated word lists; empty if nothing.

    Every entry must be one normalised word, as :func:`words` gives it: YAML
    reads a bare no/on/off/yes as a boolean (such entries must be quoted), and
    a capital, an accent or an apostrophe makes an entry no text ever matches.
    """
    entries = [*lists.function_words, *lists.lemma_of, *lists.lemma_of.values()]
    entries += [word for group in lists.synonym_groups for word in group]
    entries += [*lists.chat_speak, *lists.chat_speak.values()]
    unusable = [entry for entry in entries if not isinstance(entry, str) or words(entry) != [entry]]
    if unusable:
        return [f"{entry!r} is not a normalised word" for entry in unusable]
    problems = [
        f"function word {word!r} is listed twice"
        for word, n in Counter(lists.function_words).items()
        if n > 1
    ]
    problems += [f"{form!r} is listed as its own lemma" for form, lemma in lists.lemma_of.items() if form == lemma]
    problems += [
        f"lemma {lemma!r} is itself a form of {lists.lemma_of[lemma]!r} (forms are looked up once)"
        for lemma in sorted(set(lists.lemma_of.values()))
        if lists.lemma_of.get(lemma, lemma) != lemma
    ]
    for group in lists.synonym_groups:
        if len(group) < 2:
            problems.append(f"synonym group {group} has nothing to swap with")
        by_term: defaultdict[str, list[str]] = defaultdict(list)
        for word in group:
            by_term[term(word)].append(word)
        problems += [
            f"{same} in synonym group {group} are one term: a word would be its own synonym"
            for same in by_term.values()
            if len(same) > 1
        ]
    return problems


def test_shipped_word_lists_load_and_are_valid() -> None:
    lists = load_word_lists(WORD_LISTS_PATH)
    assert lists.function_words and lists.lemma_of and lists.synonym_groups
    assert word_list_problems(lists) == []


def _lists(
    function_words: list[Any] | None = None,
    lemma_of: dict[Any, Any] | None = None,
    synonym_groups: list[list[Any]] | None = None,
) -> WordLists:
    """Small valid word lists, but for what is given."""
    return WordLists(
        lemma_of=lemma_of or {"ran": "run"},
        synonym_groups=synonym_groups or [["big", "large"]],
        function_words=function_words or ["the", "a"],
        chat_speak={"u": "you"},
    )


@pytest.mark.parametrize(
    ("lists", "problem"),
    [
        (_lists(function_words=["the", False]), "False is not a normalised word"),
        (_lists(lemma_of={"ran": "Run"}), "'Run' is not a normalised word"),
        (_lists(synonym_groups=[["big", "café"]]), "'café' is not a normalised word"),
        (_lists(synonym_groups=[["big", "don't"]]), "\"don't\" is not a normalised word"),
        (_lists(synonym_groups=[["big", "huge large"]]), "'huge large' is not a normalised word"),
        (_lists(function_words=["the", "a", "the"]), "function word 'the' is listed twice"),
        (_lists(lemma_of={"run": "run"}), "'run' is listed as its own lemma"),
        (_lists(lemma_of={"ran": "run", "run": "go"}), "lemma 'run' is itself a form of 'go'"),
        (_lists(synonym_groups=[["big"]]), "synonym group ['big'] has nothing to swap with"),
        (_lists(synonym_groups=[["big", "large", "big"]]), "['big', 'big'] in synonym group"),
        (_lists(synonym_groups=[["walk", "stroll", "walking"]]), "['walk', 'walking'] in synonym group"),
        (_lists(synonym_groups=[["run", "ran", "dash"]]), "['run', 'ran'] in synonym group"),
    ],
)
def test_word_list_problems_are_found(lists: WordLists, problem: str) -> None:
    assert word_list_problems(_lists()) == []
    found = word_list_problems(lists)
    assert len(found) == 1 and found[0].startswith(problem), found


def test_function_words_include_inflected_forms() -> None:
    assert {term("the"), term("said"), term("was"), term("no")} <= FUNCTION_TERMS
    assert term("door") not in FUNCTION_TERMS
