"""Curated question banks: YAML files (``data/trivia/<slug>.yaml``) and moderators' uploads.

A bank is a mapping with a ``questions`` list; each question has ``question`` and
``answer``, and optionally ``accepted`` (other ways to say the answer), ``wrong``
(wrong options, which make it multiple choice), ``explanation`` and ``passage``
(the paragraph it comes from, as ``p12``: the 13th paragraph of the work).

Every scalar is read as text: YAML's ``yes``, ``no``, ``on``, ``1e3`` and ``null``
stay the words they look like, never booleans, numbers or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.errors import MAX_ECHO_CHARS, FolioError, echo
from bot.trivia.judging import normalise
from bot.trivia.question import FALSE, TRUE

MAX_BANK_BYTES = 256 * 1024
MAX_QUESTIONS = 500
MAX_QUESTION_CHARS = 300
MAX_ANSWER_CHARS = 100
MAX_ALTERNATIVES = 10
MAX_WRONG = 4
MAX_EXPLANATION_CHARS = 500
MAX_ERRORS_SHOWN = 5
MAX_NESTING = 8
"""Levels of lists and mappings a bank may nest (it needs four)."""
PASSAGE = re.compile(r"p(\d{1,7})")
FIELDS = ("question", "answer", "accepted", "wrong", "explanation", "passage")


class InvalidBank(FolioError):
    """A question bank that cannot be used; the message lists what is wrong, by question."""


@dataclass(frozen=True, slots=True)
class CuratedQuestion:
    question: str
    answer: str
    accepted: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    explanation: str | None = None
    passage: int | None = None
    """Ordinal of the paragraph the answer comes from."""
    id: int | None = None
    """Its id in the database, for one a moderator added."""

    @property
    def options(self) -> tuple[str, ...]:
        """Wrong options and the answer (sorted, so the answer's place says nothing), True/False
        for a true-or-false question, or none: the answer is typed."""
        if not self.wrong and normalise(self.answer) in ("true", "false"):
            return (TRUE, FALSE)
        return tuple(sorted((self.answer, *self.wrong), key=normalise)) if self.wrong else ()

    @property
    def answer_text(self) -> str:
        return {"true": TRUE, "false": FALSE}.get(normalise(self.answer), self.answer) if not self.wrong else self.answer

    def as_yaml(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"question": self.question, "answer": self.answer}
        if self.accepted:
            entry["accepted"] = list(self.accepted)
        if self.wrong:
            entry["wrong"] = list(self.wrong)
        if self.explanation:
            entry["explanation"] = self.explanation
        if self.passage is not None:
            entry["passage"] = f"p{self.passage}"
        return entry


@dataclass(slots=True)
class _Problems:
    lines: list[str] = field(default_factory=list)

    def add(self, where: str, problem: str) -> None:
        self.lines.append(f"{where}: {problem}")


class _BankYamlRefused(yaml.YAMLError):
    """An alias, an anchor, or nesting deeper than a bank needs (see :class:`_TextLoader`)."""


class _TextLoader(yaml.SafeLoader):
    """The safe loader with no implicit types (every plain scalar is a string), and no aliases, anchors
    or deep nesting: a bank needs none, and they are how a few hundred bytes become gigabytes of work."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _BankYamlRefused("aliases and anchors (* and &) are not allowed in a bank", event.start_mark)
        if self.depth >= MAX_NESTING:
            raise _BankYamlRefused(f"nesting deeper than {MAX_NESTING} levels is not allowed", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_TextLoader.yaml_implicit_resolvers = {}


def parse_bank(text: str) -> list[CuratedQuestion]:
    """The questions of a bank's YAML text; raises :class:`InvalidBank` saying what is wrong."""
    if len(text.encode("utf-8")) > MAX_BANK_BYTES:
        raise InvalidBank(f"The bank is too big: at most {MAX_BANK_BYTES // 1024} KB.")
    try:
        document = yaml.load(text, Loader=_TextLoader)  # a SafeLoader, only without implicit types
    except _BankYamlRefused as error:
        line = error.args[1].line + 1
        raise InvalidBank(f"The bank is not usable (line {line}): {error.args[0]}.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = echo(str(getattr(error, "problem", None) or error))
        raise InvalidBank(f"The bank is not valid YAML{where}: {problem}.") from None
    entries = document.get("questions") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InvalidBank("The bank needs a list of questions under `questions:`.")
    if len(entries) > MAX_QUESTIONS:
        raise InvalidBank(f"The bank has {len(entries)} questions; at most {MAX_QUESTIONS} fit in one.")
    problems = _Problems()
    questions = [_question(entry, f"question {number}", problems) for number, entry in enumerate(entries, 1)]
    _refuse(problems)
    return [question for question in questions if question is not None]


def load_bank(path: Path) -> list[CuratedQuestion]:
    """A bank file's questions; a missing file is an empty bank."""
    if not path.exists():
        return []
    try:
        return parse_bank(path.read_text(encoding="utf-8"))
    except InvalidBank as error:
        raise InvalidBank(f"{path.name}: {error}") from None


def dump_bank(questions: Sequence[CuratedQuestion]) -> str:
    """YAML for a bank (``yes``/``no`` and numbers come out quoted, so they read back as text)."""
    return yaml.safe_dump({"questions": [q.as_yaml() for q in questions]}, sort_keys=False, allow_unicode=True, width=100)


def check_question(question: CuratedQuestion) -> CuratedQuestion:
    """``question`` if it is valid (as one a moderator types); raises :class:`InvalidBank` otherwise."""
    problems = _Problems()
    checked = _question(question.as_yaml(), "the question", problems)
    _refuse(problems)
    assert checked is not None
    return checked


def _question(entry: object, where: str, problems: _Problems) -> CuratedQuestion | None:
    if not isinstance(entry, dict):
        problems.add(where, "should be a mapping with `question:` and `answer:`")
        return None
    unknown = sorted(set(map(str, entry)) - set(FIELDS))
    if unknown:
        problems.add(where, f"unknown field `{unknown[0][:MAX_ECHO_CHARS]}` (fields: {', '.join(FIELDS)})")
    question = _text(entry, "question", MAX_QUESTION_CHARS, where, problems, required=True)
    answer = _text(entry, "answer", MAX_ANSWER_CHARS, where, problems, required=True)
    accepted = _texts(entry, "accepted", MAX_ALTERNATIVES, where, problems)
    wrong = _texts(entry, "wrong", MAX_WRONG, where, problems)
    explanation = _text(entry, "explanation", MAX_EXPLANATION_CHARS, where, problems)
    passage = _passage(entry.get("passage"), where, problems)
    right = {normalise(answer or ""), *map(normalise, accepted)}
    for option in wrong:
        if normalise(option) in right:
            problems.add(where, f"the wrong option {echo(option)} is the answer")
    if len({normalise(option) for option in wrong}) < len(wrong):
        problems.add(where, "two wrong options are the same")
    if question is None or answer is None:
        return None
    return CuratedQuestion(question, answer, accepted, wrong, explanation, passage)


def _text(
    entry: dict[Any, Any], key: str, limit: int, where: str, problems: _Problems, *, required: bool = False
) -> str | None:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            problems.add(where, f"`{key}` is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"`{key}` should be text")
        return None
    if len(value) > limit:
        problems.add(where, f"`{key}` is {len(value)} characters long; at most {limit}")
    return value.strip()


def _texts(entry: dict[Any, Any], key: str, limit: int, where: str, problems: _Problems) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        problems.add(where, f"`{key}` should be a list of texts")
        return ()
    if len(value) > limit:
        problems.add(where, f"`{key}` has {len(value)} entries; at most {limit}")
    too_long = [item for item in value if len(item) > MAX_ANSWER_CHARS]
    if too_long:
        problems.add(where, f"an entry of `{key}` is over {MAX_ANSWER_CHARS} characters")
    return tuple(item.strip() for item in value)


def _passage(value: object, where: str, problems: _Problems) -> int | None:
    if value is None or value == "":
        return None
    match = PASSAGE.fullmatch(str(value).strip())
    if match is None:
        problems.add(where, f"`passage` should be a paragraph like p12, not {_echo_value(value)}")
        return None
    return int(match[1])


def _echo_value(value: object) -> str:
    """A value from a bank as an error repeats it: text cut short, anything else named by its kind
    (``str()`` of a deeply shared structure can be gigabytes long)."""
    return echo(value) if isinstance(value, str) else f"a {type(value).__name__}"


def _refuse(problems: _Problems) -> None:
    if problems.lines:
        shown = problems.lines[:MAX_ERRORS_SHOWN]
        more = len(problems.lines) - len(shown)
        suffix = f"; and {more} more problem(s)" if more else ""
        raise InvalidBank("; ".join(shown) + suffix + ".")
