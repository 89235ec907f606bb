import pytest

from bot.errors import InvalidQuery
from bot.search.query import MAX_QUERY_CHARS, clean_query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  hello   from\tthe other side ", "hello from the other side"),
        ("hel\u200blo", "hello"),
        ("café", "café"),
        ("cafe\u0301", "café"),  # combining accent composes
        ("नमस्ते दुनिया", "नमस्ते दुनिया"),  # vowel signs are marks, and survive
        ("“Was?”", "“Was?”"),
    ],
)
def test_clean_query_tidies_acceptable_input(raw: str, expected: str) -> None:
    assert clean_query(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "Give me a line"),
        ("   \n\t ", "Give me a line"),
        ("?!… —", "punctuation and emoji"),
        ("🎉🎉🔥", "punctuation and emoji"),
        ("x" * 4000, "4,000 characters"),
        ("\u200b" * 50 + "hello", "invisible"),
        ("Z" + "\u0301\u0316\u0324" * 20 + "algo", "invisible or stacked"),
    ],
)
def test_clean_query_rejects_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidQuery, match=reason):
        clean_query(raw)


def test_longest_accepted_query() -> None:
    assert len(clean_query("a" * MAX_QUERY_CHARS)) == MAX_QUERY_CHARS
    with pytest.raises(InvalidQuery):
        clean_query("a" * (MAX_QUERY_CHARS + 1))
