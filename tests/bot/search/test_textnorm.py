"""Text normalisation: different spellings of the same line must meet."""

from __future__ import annotations

import random
import string

import pytest

from bot.search.textnorm import (
    _ASCII_WORD_RE,
    _WORD_RE,
    FUNCTION_TERMS,
    SYNONYMS,
    WORD_LISTS_PATH,
    fold,
    load_word_lists,
    sentence_parts,
    term,
    words,
)
from bot.settings import DATA_DIR


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
        ("owl-eyed *shock*", ["owl", "eyed", "shock"]),
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


def test_word_lists_come_from_the_data_dir() -> None:
    assert WORD_LISTS_PATH == DATA_DIR / "word_lists.yaml"


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


def test_word_lists_hold_only_words() -> None:
    """YAML reads a bare no/on/off/yes as a boolean: such entries must be quoted."""
    lists = load_word_lists(WORD_LISTS_PATH)
    entries = [*lists.lemma_of, *lists.lemma_of.values(), *lists.function_words]
    entries += [word for group in lists.synonym_groups for word in group]
    assert all(isinstance(word, str) and word.isalpha() for word in entries)


def test_function_words_include_inflected_forms() -> None:
    assert {term("the"), term("said"), term("was"), term("no")} <= FUNCTION_TERMS
    assert term("door") not in FUNCTION_TERMS
