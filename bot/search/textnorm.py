"""Text normalisation for quote lookup: one canonical word form per word.

Readers quote from memory, so two spellings of "the same" line must normalise
to the same terms. :func:`words` folds case, accents, quote and dash styles and
expands contractions ("I'm" -> "i am", "don't" -> "do not", and "don t" where a
conversion lost the apostrophe). A word is a run of
letters and digits of any script ("café", "слово", "λόγος"); Chinese and
Japanese, written without spaces, give one word per character. :func:`term`
reduces a word to a comparison key: irregular forms are mapped to their lemma
("ran" -> "run", "was" -> "be", "feet" -> "foot") by lemminflect, with a short
curated list in ``data/word_lists.yaml`` for forms it leaves ambiguous, then stemmed
("walks", "walked", "walking" -> "walk"). The same functions are applied to the indexed text and to queries, so
the mapping only needs to be consistent, not linguistically perfect.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import Stemmer
import yaml
from lemminflect import getAllLemmas

from bot.settings import DATA_DIR

WORD_LISTS_PATH = DATA_DIR / "word_lists.yaml"

# Typographic variants -> plain ASCII; dashes separate words. (NFKC has already
# turned an ellipsis into "...", and full-width forms into ASCII.)
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u2015": " ",
        "_": " ",
    }
)
# Latin letters that no decomposition flattens ("dæmon" -> "daemon", "Søren" -> "soren").
_LATIN_MAP = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
)
# Japanese voicing marks are part of the letter ("が" is not "か"): kept through folding.
_KANA_VOICING = frozenset("\u3099\u309a")


def _char_class(chars: list[int]) -> str:
    """A regex character class body (without brackets) for the code points ``chars``, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(chars):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


# Vowel signs and other marks that folding keeps (Devanagari "ि", Thai "ั"): part of the word.
# (Marks are all in planes 0, 1 and 14; scanning only those keeps the import quick.)
_MARKS = _char_class(
    [code for code in chain(range(0x20000), range(0xE0000, 0xF0000)) if unicodedata.category(chr(code))[0] == "M"]
)
# Scripts written without spaces between words: each character is a word of its own.
_IDEOGRAPHS = (
    "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"  # iteration marks, kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)
# ASCII text (most of it) takes the fast path; both patterns split ASCII alike.
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_ALNUM = rf"[^\W{_IDEOGRAPHS}][{_MARKS}]*"
_LETTER = rf"[^\W\d{_IDEOGRAPHS}][{_MARKS}]*"
_WORD_RE = re.compile(rf"(?:{_ALNUM})+(?:'(?:{_LETTER})+)*|(?=\w)[{_IDEOGRAPHS}]")

# Apostrophe-s after these words is "is" ("he's"); elsewhere it is possessive.
_S_IS_BEFORE = frozenset("he she it that what there here who where how when why this everything nothing".split())
_CLITICS = {"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
_NEGATION_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
# Whole words that expand too, including contractions typed without the apostrophe.
_WHOLE_WORD_SPLITS: dict[str, tuple[str, ...]] = {
    "cannot": ("can", "not"),
    "let's": ("let", "us"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "youve": ("you", "have"),
    "theyre": ("they", "are"),
    "theyve": ("they", "have"),
    "weve": ("we", "have"),
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "theres": ("there", "is"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "cant": ("can", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "aint": ("is", "not"),
}
# A clitic standing alone after a word is a contraction whose apostrophe was lost
# in some conversion of the text ("don t", "it s", "I m"): it joins the word before.
_LONE_CLITICS = frozenset(("s", "t", "m", "re", "ve", "ll", "d"))
_LEMMA_PARTS_OF_SPEECH = ("VERB", "AUX", "NOUN", "ADJ", "ADV")
_STEMMER = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Lower-case ``text`` and flatten accents, quote, dash and ellipsis styles."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).replace("--", " ").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch in _KANA_VOICING)
    return unicodedata.normalize("NFC", bare)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\s*\n\s*")


def sentence_parts(text: str) -> list[str]:
    """``text`` cut after each ., ! or ? that ends a sentence, and at line breaks.

    Naive on purpose ("Mr. Harker" is cut too): callers use the parts as
    extra views of a query, never instead of it.
    """
    return [part for part in _SENTENCE_BREAK.split(text) if part.strip()]


def words(text: str) -> list[str]:
    """The normalised words of ``text``, contractions expanded."""
    folded = fold(text)
    result: list[str] = []
    previous = ""
    for token in (_ASCII_WORD_RE if folded.isascii() else _WORD_RE).findall(folded):
        if _joins(previous, token) and result and result[-1] == previous:
            result.pop()
            token = f"{previous}'{token}"
        if "'" in token or token in _WHOLE_WORD_SPLITS:
            result.extend(_expand(token))
        else:
            result.append(token)
        previous = token
    return result


def _joins(previous: str, token: str) -> bool:
    """Whether ``token`` is a clitic that lost its apostrophe after ``previous`` ("don t", "it s")."""
    if token == "t":
        return previous.endswith("n") and previous.isalpha()
    return token in _LONE_CLITICS and previous.isalpha()


@lru_cache(maxsize=65536)
def _expand(token: str) -> tuple[str, ...]:
    """Split one apostrophe token: "don't" -> ("do", "not"), "derek's" -> ("derek",)."""
    if token in _WHOLE_WORD_SPLITS:
        return _WHOLE_WORD_SPLITS[token]
    if token.endswith("n't"):
        base = token[:-3]
        return (_NEGATION_STEMS.get(base, base), "not")
    base, _, clitic = token.rpartition("'")
    if clitic in _CLITICS:
        return (base.replace("'", ""), _CLITICS[clitic])
    if clitic == "s":
        return (base, "is") if base in _S_IS_BEFORE else (base.replace("'", ""),)
    return (token.replace("'", ""),)


def stem(word: str) -> str:
    """The Snowball (Porter2) English stem: "walks"/"walked"/"walking" -> "walk".

    Over-merging a few unrelated words is harmless here: the text and the
    query go through the same function.
    """
    return _STEMMER.stemWord(word)


@dataclass(frozen=True, slots=True)
class WordLists:
    """The curated lists in ``data/word_lists.yaml``."""

    lemma_of: dict[str, str]
    """Irregular form -> lemma, for forms lemminflect leaves ambiguous ("thought" -> "think")."""
    synonym_groups: list[list[str]]
    function_words: list[str]
    chat_speak: dict[str, str]
    """Chat-speak or sound-alike spelling -> the word it stands for ("u" -> "you")."""


def load_word_lists(path: Path = WORD_LISTS_PATH) -> WordLists:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return WordLists(
        lemma_of={form: lemma for lemma, forms in data["lemmas"].items() for form in forms},
        synonym_groups=[list(group) for group in data["synonyms"]],
        function_words=list(data["function_words"]),
        chat_speak={str(form): word for form, word in data["chat_speak"].items()},
    )


_WORD_LISTS = load_word_lists()


@lru_cache(maxsize=131072)
def term(word: str) -> str:
    """The comparison key of one normalised word (lemma, then stem)."""
    return stem(lemma(word))


def lemma(word: str) -> str:
    """The dictionary form of an inflected word ("fled" -> "flee", "men" -> "man").

    A form that is a word of its own in some part of speech ("found", "left",
    "saw") stays as it is, unless the curated list says otherwise.
    """
    if curated := _WORD_LISTS.lemma_of.get(word):
        return curated
    lemmas = getAllLemmas(word)
    if any(word in forms for forms in lemmas.values()):
        return word
    return next((lemmas[pos][0] for pos in _LEMMA_PARTS_OF_SPEECH if pos in lemmas), word)


def clear_caches() -> None:
    """Forget memoised normalisations (so a benchmark can time a cold index build)."""
    term.cache_clear()
    _expand.cache_clear()


def _build_synonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in _WORD_LISTS.synonym_groups:
        keys = {term(word) for word in group}
        for key in keys:
            table.setdefault(key, set()).update(keys - {key})
    return {key: frozenset(others) for key, others in table.items()}


SYNONYMS: dict[str, frozenset[str]] = _build_synonym_table()
"""Term -> the terms of words curated as interchangeable with it."""

FUNCTION_TERMS: frozenset[str] = frozenset(term(word) for word in _WORD_LISTS.function_words)

CHAT_SPEAK: dict[str, str] = _WORD_LISTS.chat_speak
"""Chat-speak and sound-alike spellings ("u", "thru", "cuz") -> the normalised word they stand for."""
"""Terms of English function words ("the", "he", "said"): never evidence of a particular line."""
