"""Finish-the-quote and missing-word questions: the words of a memorable line."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from bot.trivia import wording
from bot.trivia.facts import Facts, memorable
from bot.trivia.options import WRONG_OPTIONS, distinct_options, line_question
from bot.trivia.question import Question, QuestionKind
from bot.trivia.word_contexts import WordContexts

_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{4,}(?![\w’'-])")
_SENTENCE_END = re.compile(r"[.!?…]\s")
_TRAILING_PUNCTUATION = " .,;:!?…—–-"


def finish_the_quote(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """The start of a memorable line; the answer is its last three or four words. The wrong endings
    are ends of other lines of the same grammatical shape (their first and last words of the same
    part of speech and inflection as the answer's), so that each continues the sentence as well."""
    endings = _endings_by_shape(facts)
    for index, line in facts.lines(rng):
        words = line.text.split()
        if not 8 <= len(words) <= 40 or not memorable(line) or line.text.count(" … "):
            continue
        cut = 3 if len(words) < 12 else 4
        prompt, answer = " ".join(words[:-cut]), _ending(words, cut)
        shape = _shape(answer)
        if not answer or shape is None or _SENTENCE_END.search(answer) or facts.starts_several_lines(prompt):
            continue
        if not any(wording.can_blank(word.lower()) for word in wording.words(answer)):
            continue  # an ending of common words is guessed, not remembered
        size = len(answer.split())
        same_shape = [ending for position, ending in endings.get(shape, []) if position != index]
        same_shape.sort(key=lambda ending: (abs(len(ending.split()) - size), rng.random()))  # alike in length first
        wrong = distinct_options(answer, iter(same_shape), rng)
        if len(wrong) == WRONG_OPTIONS:
            speaker = f" {line.speaker} said" if line.certain else ""
            text = f"Finish the line{speaker}: “{prompt} …”"
            yield line_question(line, QuestionKind.FINISH_THE_QUOTE, text, answer, wrong, rng, explanation=f"“{line.text}”")


def missing_word(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """A memorable line with one content word blanked out: a word a reader could remember (see
    :func:`bot.trivia.wording.can_blank`) the book uses as a noun, said once in the line, and not named
    by a word beside it (a fixed phrase of the book: :meth:`~bot.trivia.word_contexts.WordContexts.fixed_phrase`). The wrong
    options are words of the same work with the same part of speech and inflection, about as common,
    and used among the same words as the answer (:class:`~bot.trivia.word_contexts.WordContexts`), so
    each fits the blank in sense as well as in grammar."""
    by_class = _words_by_class(facts)
    contexts = WordContexts((sentence.text for sentence in facts.source.sentences), {w for ws in by_class.values() for w in ws})
    for _, line in facts.lines(rng):
        if len(line.text.split()) < 6 or not memorable(line):
            continue
        found = _LOWER_WORD.findall(line.text)
        blanks = [word for word in found if found.count(word) == 1 and wording.can_blank(word)]
        blanks = [word for word in blanks if contexts.used_as_noun(word) and not _named_by_phrase(line.text, word, contexts)]
        if not blanks:
            continue
        answer = rng.choice(blanks)
        rarity = wording.zipf(answer)
        article = _article_before(line.text, answer)
        similar = [
            w
            for w in by_class[wording.word_class(answer)]
            if abs(wording.zipf(w) - rarity) <= 1.0
            and (article is None or wording.article_for(w) == article)
            and contexts.used_as_noun(w)
        ]
        similar.sort(key=lambda w: (-contexts.similarity(answer, w), rng.random()))  # the likeliest first
        wrong = distinct_options(answer, iter(similar), rng)
        if len(wrong) == WRONG_OPTIONS:
            blanked = re.sub(rf"(?<![\w’'-]){answer}(?![\w’'-])", "_____", line.text, count=1)
            text = f"Fill in the missing word: “{blanked}”"
            yield line_question(line, QuestionKind.MISSING_WORD, text, answer, wrong, rng, explanation=f"“{line.text}”")


def _named_by_phrase(text: str, word: str, contexts: WordContexts) -> bool:
    """Whether the words beside ``word`` in ``text`` make a fixed phrase of the book with it
    ("heaven's sake", "bosom friend"; :meth:`~bot.trivia.word_contexts.WordContexts.fixed_phrase`)."""
    found = re.search(rf"(?:([A-Za-z’']+)\s+)?(?<![\w’'-]){re.escape(word)}(?![\w’'-])(?:\s+([A-Za-z’']+))?", text)
    return found is not None and contexts.fixed_phrase(found.group(1), word, found.group(2))


def _ending(words: list[str], cut: int) -> str:
    return " ".join(words[-cut:]).strip(_TRAILING_PUNCTUATION + "“”\"") if len(words) > cut + 2 else ""


def _shape(ending: str) -> tuple[object, ...] | None:
    """The grammatical frame of an ending that closes on an uncommon noun ("our vows of friendship"):
    its first word itself, and the last noun's inflection. Endings of one frame continue the same
    start of a line about as well."""
    found = wording.words(ending)
    if len(found) < 2:
        return None
    last = wording.word_class(found[-1].lower())
    if last is None or last[0] != "NOUN" or wording.zipf(found[-1].lower()) >= wording.MAX_BLANK_ZIPF:
        return None
    return found[0].lower(), last


def _article_before(text: str, word: str) -> str | None:
    """"a" or "an" when ``word`` follows one in ``text`` (its blank must take the same article)."""
    found = re.search(rf"\b(a|an|A|An)\s+{re.escape(word)}\b", text)
    return found.group(1).lower() if found else None


def _endings_by_shape(facts: Facts) -> dict[tuple[object, ...], list[tuple[int, str]]]:
    shaped: dict[tuple[object, ...], list[tuple[int, str]]] = {}
    for index, line in enumerate(facts.source.lines):
        words = line.text.split()
        for cut in (3, 4):
            ending = _ending(words, cut)
            shape = _shape(ending) if ending and not _SENTENCE_END.search(ending) else None
            if shape is not None:
                shaped.setdefault(shape, []).append((index, ending))
    return shaped


def _words_by_class(facts: Facts) -> dict[tuple[str, str] | None, list[str]]:
    by_class: dict[tuple[str, str] | None, list[str]] = {}
    for word in sorted({word for line in facts.source.lines for word in _LOWER_WORD.findall(line.text)}):
        if wording.can_blank(word):
            by_class.setdefault(wording.word_class(word), []).append(word)
    return by_class
