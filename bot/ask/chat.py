"""Questions typed as in a chat: "whos derek", "wat did stiles do", "y did he leave" read as written in full.

A question's form words (who, what, is, did...) decide its route and are never evidence, so a
shortened or misspelt one must be read as the word it stands for, or "whos" is taken for a word
the work never mentions and "whos derek" is not read as "who is derek". Only form words are
replaced: a content word is left to the spelling corrections of the search.
"""

from __future__ import annotations

import re

from bot.search.textnorm import CHAT_SPEAK, FUNCTION_TERMS, term

CONTRACTED = {
    "whos": "who is",
    "whats": "what is",
    "wheres": "where is",
    "whens": "when is",
    "hows": "how is",
    "whys": "why is",
    "wut": "what",
    "wht": "what",
    "whaat": "what",
    "hw": "how",
    "wher": "where",
    "whr": "where",
    "wy": "why",
    "dose": "does",
    "doe": "does",
}
"""Question words and auxiliaries run together or shortened, as phones and hurried readers type them."""
_WORD = re.compile(r"[A-Za-z]+")
"""Words only: "2" and "4" are numbers in a question ("chapter 2"), not "to" and "for"."""


def form_word(word: str) -> str | None:
    """The question word or function word a typed `word` stands for, if it stands for one."""
    lowered = word.lower()
    if lowered in CONTRACTED:
        return CONTRACTED[lowered]
    meant = CHAT_SPEAK.get(lowered)
    return meant if meant is not None and term(meant) in FUNCTION_TERMS else None


def standard_question(text: str) -> str:
    """`text` with its chat forms of question words and function words written in full (a capitalised
    word inside it is a name: "Dr. Wat" stays)."""

    def written_out(found: re.Match[str]) -> str:
        word = found.group()
        named = word[:1].isupper() and bool(text[: found.start()].strip())
        return word if named else form_word(word) or word

    return _WORD.sub(written_out, text)
