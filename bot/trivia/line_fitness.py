"""Whether a spoken line is fit to ask about: English a reader can read, and holding something to remember.

Judged samples found three kinds of unfit line among lines keyed right: a line mostly in another
language, or one whose accented letters the source text lost (broken words: a lone letter glued
to a word by a space); and a bland line, made only of courtesies, a message passed on, or a
question of manner ("How did you do it, Madame?"), with no event, claim, image or name to
remember. :func:`unfit` names the first such fault (one of :data:`REASONS`), or None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.trivia import wording
from bot.trivia.book_words import BookWords

REASONS = ("foreign", "broken", "courtesy", "message", "no content")

FOREIGN_LANGUAGES = ("fr", "de", "it", "es", "pt", "nl")
FOREIGN_MARGIN = 1.5
"""A word is known only as foreign when some other language uses it this much more (Zipf) than English…"""
FOREIGN_MAX_ENGLISH_ZIPF = 4.0
"""…and English seldom uses it ("mais", "oui", "bien"; not "die" or "son")."""
MAX_FOREIGN_SHARE = 0.4
"""A line is mostly not English when this share of its lowercase words (two at least) are unknown
to English or known only as foreign."""
_LONE_LETTERS_ALLOWED = frozenset("aAIoO")
"""One-letter words English has; any other lone letter is a word broken by a lost accented letter
("C tait", "tomb e")."""
_LONE_LETTER = re.compile(r"(?<![\w’'.-])([A-Za-z])(?![\w’'.-])")
_SHORT_CONTRACTION = re.compile(r"(?<![\w’'-])([a-z]{1,2})[’']([a-z]+)\b")
"""A stub of two letters or fewer before an apostrophe: a contraction English knows ("I'm", "we'll") or
a word broken by a lost accented letter that the apostrophe restoration read as one ("ma ch re" →
"ch’re")."""

_COURTESY = frozenset(
    """thank thanks thanked pardon beg begged please pleased excuse excused sorry welcome goodbye good-bye
    farewell adieu compliment compliments regards respects obliged obliging oblige pleasure honour honor honoured
    delighted charmed charming kind kindly kindness glad happy grateful gratitude apologise apologize apology
    apologies trouble troubled assure assured hope hoped trust wish wished
    dear dearest good-morning good-night good-evening sincerely humble
    congratulate congratulations civil civility polite politeness""".split()
)
"""Words of courtesies and greetings ("I am very much obliged to you")."""
_GENERIC = frozenset(
    """do does did done doing go goes went gone going come comes came coming say says said tell tells told
    know knows knew known think thinks thought see sees saw seen get gets got make makes made take takes took
    want wants wanted mean means meant like seem seems seemed feel feels felt let give gives gave given put
    look looks looked find found thing things way ways time times nothing anything something everything
    much many very well now then here there yes oh ah really sure quite rather perhaps possible
    matter right wrong manner whether shall should would could might must good indeed certainly truly
    madam madame ma'am monsieur sir""".split()
)
"""Everyday verbs and words of manner that carry no event of their own ("How did you do it?")."""
CONTENT_ZIPF = 5.0
"""A content word is rarer than this in English, no courtesy or everyday word and no contraction
("shouldn't"), and its book does not use it often (:meth:`bot.trivia.book_words.BookWords.is_stock`);
a line holds two of them (names count too)…"""
SINGLE_WORD_ZIPF = 2.5
"""…or one English word rarer than this ("dyspepsia", "codicil"). Judged samples found lines of one
merely uncommon word bland ("Did you ever hear anything so quaint?", "I shouldn't think you'd want
that shawl!", "I have not come to scold you")."""
MIN_CONTENT = 2
_POSSESSIVE = re.compile(r"[’']s$")
_CONTRACTION = re.compile(r"[’'](?:t|d|ll|re|ve|m|s)$")
_MESSAGE = re.compile(
    r"\b(?:give|send|present|offer|convey|bear)\s+(?:my|our|her|his|their)\s+(?:best\s+|kind\s+|kindest\s+)?"
    r"(?:love|compliments|regards|respects|duty|thanks|apologies|remembrances)\b"
    r"|\btell\s+(?:him|her|them|[A-Z][a-z]+)\s+(?:that\s+)?(?:I|we)\s+(?:shall|will|am|have|was|cannot|can't)\b",
    re.IGNORECASE,
)
"""A message passed on ("Give my love to Harriet", "Tell her I shall come")."""
MESSAGE_CONTENT = 3
"""A message is asked only when it carries this many content words besides."""
_NAME_INSIDE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")
_NOT_NAMES = frozenset("I Sir Madam Madame Monsieur Miss Mister God Heaven Heavens Lord Lady Papa Mamma Mama".split())


def unfit(text: str, book: BookWords | None = None) -> str | None:
    """The first reason (of :data:`REASONS`) the line ``text`` of ``book`` is not worth asking, or None."""
    if is_mostly_foreign(text):
        return "foreign"
    if has_broken_word(text):
        return "broken"
    return blandness(text, book)


def is_mostly_foreign(text: str) -> bool:
    """Whether most of a line is not English (:data:`MAX_FOREIGN_SHARE`)."""
    found = [word.lower() for word in wording.words(text) if word[:1].islower()]
    odd = sum(_foreign(word) for word in found)
    return odd >= 2 and odd >= MAX_FOREIGN_SHARE * len(found)


@lru_cache(maxsize=16_384)
def _foreign(word: str) -> bool:
    english = wording.zipf(word)
    if english == 0:
        return True
    if english >= FOREIGN_MAX_ENGLISH_ZIPF:
        return False
    return max(wording.zipf_in(word, language) for language in FOREIGN_LANGUAGES) >= english + FOREIGN_MARGIN


def has_broken_word(text: str) -> bool:
    """Whether a lone letter English has no word for stands in the line ("C tait", "tomb e"), or a
    stub glued to a contraction's ending that English does not know ("ch’re")."""
    if any(letter not in _LONE_LETTERS_ALLOWED for letter in _LONE_LETTER.findall(text)):
        return True
    return any(wording.zipf(f"{stub}'{ending}") == 0 for stub, ending in _SHORT_CONTRACTION.findall(text))


def blandness(text: str, book: BookWords | None = None) -> str | None:
    """Why a line of ``book`` holds nothing to remember ("courtesy", "message", "no content"), or None."""
    words = {word.lower() for word in wording.words(text)}
    content = content_words(text)
    names = {name for name in _NAME_INSIDE.findall(text) if name not in _NOT_NAMES}
    if _MESSAGE.search(text) and len(content) < MESSAGE_CONTENT:
        return "message"
    courtesies = len(set(words) & _COURTESY)
    if courtesies >= 2 and courtesies > len(content) + len(names):
        return "courtesy"
    distinctive = {word for word in content if not (book and book.is_stock(word))}
    if len(distinctive) + len(names) >= MIN_CONTENT:
        return None
    if any(wording.zipf(word) < SINGLE_WORD_ZIPF and not _foreign(word) for word in distinctive):
        return None
    return "no content"


def content_words(text: str) -> set[str]:
    """The different lowercase words of ``text`` that carry content (:data:`CONTENT_ZIPF`; words
    English does not know too: "creasote-barrel"), not courtesies or everyday words nor contractions
    (a possessive's "’s" is dropped: "the cousin's" is "cousin")."""
    found = {_POSSESSIVE.sub("", word.lower()) for word in wording.words(text) if word[:1].islower()}
    return {
        word
        for word in found
        if word not in _COURTESY
        and word not in _GENERIC
        and not _CONTRACTION.search(word)
        and wording.zipf(word) < CONTENT_ZIPF
    }
