"""A sample of generated trivia questions from any text, for judging by hand, with automatic checks.

Each question is printed with the passage it comes from, so a judge can check it against the text
(see ``docs/trivia-judging.md`` for the guide: correct, unambiguous, sensible, fun). The automatic
checks are the ones a test can make on any book: answer skew, markup, one person offered twice,
blanks on function words, repeats.

The sample is what players are asked: games of ``--game-size`` questions of the default game mix
(the kinds a server asks until its moderators choose), played one after another in one channel, so
no game repeats a question an earlier one asked (seeds ``seed``, ``seed + 1``…).

Run: ``python run_bot.py bench trivia-sample --text PATH [--count 100] [--seed 1] [--json]``.
The text is read from the path given (the project never reads ``../shared`` itself).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

from bot.text.ingest import attribute_work, parse_work
from bot.trivia import wording
from bot.trivia.events import plot_of
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource, speaker_lines
from bot.trivia.people import same_person
from bot.trivia.quality import Admission
from bot.trivia.question import DEFAULT_KINDS, Question, QuestionKind
from bot.trivia.service import people_of
from bot.trivia.settings import chosen_kinds

PEOPLE_KINDS = (QuestionKind.WHO_SAID_IT, QuestionKind.EVENT, QuestionKind.RELATION)
_MARKUP = re.compile(r"(?<!\w)[_*=]\w|\w[_*=](?!\w)")


def source_of(text: str, slug: str) -> TriviaSource:
    work = parse_work(text)
    speakers = attribute_work(text)
    paragraphs = [dataclasses.replace(p, id=p.ordinal) for p in work.paragraphs]
    lines = speaker_lines(speakers.utterances, paragraphs)
    plot = plot_of(work.sentences, people_of(speakers), {section.section: section.title for section in work.sections})
    return TriviaSource(slug, work.title, lines, work.sentences, {p.ordinal: p.id for p in paragraphs}, plot)


def checks(questions: list[Question], source: TriviaSource) -> dict[str, object]:
    """What a test can tell of a game without reading the book."""
    people = [q.answer for q in questions if q.kind in PEOPLE_KINDS]
    blanks = [q.answer for q in questions if q.kind is QuestionKind.MISSING_WORD]
    shown = [text for q in questions for text in (q.text, *q.options)]
    twice = [
        q.text
        for q in questions
        if q.kind in PEOPLE_KINDS
        and any(a != b and same_person(a, b, source.plot.cast.people) for a in q.options for b in q.options)
    ]
    return {
        "questions": len(questions),
        "kinds": dict(Counter(str(q.kind) for q in questions)),
        "largest answer share": round(max(Counter(people).values()) / len(questions), 3) if people else 0.0,
        "markup shown": sum(bool(_MARKUP.search(text.replace("_____", ""))) for text in shown),
        "one person offered twice": len(twice),
        "blanks on common or ambiguous words": sum(not wording.can_blank(word) for word in blanks),
        "repeated questions": len(questions) - len({(q.text, frozenset(q.options)) for q in questions}),
    }


def sample(source: TriviaSource, *, count: int, seed: int, game_size: int) -> list[Question]:
    """``count`` questions of the default game mix, as games of ``game_size`` played in one channel."""
    kinds = chosen_kinds(DEFAULT_KINDS, None, None)
    questions: list[Question] = []
    for game in range(-(-count // game_size)):
        admission = Admission(source.slug, recent={question.text for question in questions})
        used = {question.offset for question in questions}  # nor about a line or event judged already

        def admit(question: Question, admission: Admission = admission, used: set[int | None] = used) -> bool:
            return admission(question) and question.offset not in used

        wanted = min(game_size, count - len(questions))
        questions += generate(source, count=wanted, seed=seed + game, kinds=kinds, admit=admit)
    return questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench trivia-sample", description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, required=True, help="a plain-text, Gutenberg or AO3 file")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--game-size", type=int, default=10, help="questions per game")
    parser.add_argument("--json", action="store_true", help="one JSON object per question, then the checks")
    args = parser.parse_args(argv)
    text = args.text.read_text(encoding="utf-8-sig")
    source = source_of(text, args.text.stem)
    paragraphs = {p.ordinal: p.text for p in parse_work(text).paragraphs}
    questions = sample(source, count=args.count, seed=args.seed, game_size=args.game_size)
    for number, question in enumerate(questions, 1):
        context = paragraphs.get(question.passage_id, "") if question.passage_id is not None else ""
        if args.json:
            print(json.dumps({**question.as_json(), "context": context}, ensure_ascii=False))
        else:
            print(f"{number}. [{question.kind}] {question.text}")
            for option in question.options:
                print(f"   {'*' if option == question.answer else '-'} {option}")
            if not question.options:
                print(f"   answer: {question.answer}")
            print(f"   context: {context[:600]}\n")
    print(json.dumps({"checks": checks(questions, source)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
