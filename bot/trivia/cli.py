"""``run_bot.py trivia``: questions about a work, one JSON object (or a few lines of text) each."""

from __future__ import annotations

import argparse
import json
import sys

from bot.library.service import Library
from bot.progress.cli import add_upto_option
from bot.progress.tracker import sections_upto
from bot.storage.trivia import TriviaStore
from bot.trivia.question import QuestionKind
from bot.trivia.service import TriviaService

DEFAULT_COUNT = 10


def add_trivia_command(
    subcommands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    kinds = ", ".join(kind.value for kind in QuestionKind)
    trivia = subcommands.add_parser(
        "trivia",
        parents=[common],
        help="print trivia questions about a work",
        description=f"Trivia questions about a work. Kinds: {kinds} (plot: the curated bank, data/trivia/<slug>.yaml).",
    )
    trivia.add_argument("--work", help="slug of the work (default: the bundled story)")
    trivia.add_argument(
        "--kind",
        action="append",
        choices=[kind.value for kind in QuestionKind],
        metavar="KIND",
        help=f"only questions of this kind (repeat for several): {kinds}",
    )
    trivia.add_argument("--count", type=_count, default=DEFAULT_COUNT, help=f"most questions (default {DEFAULT_COUNT})")
    trivia.add_argument("--seed", type=int, default=0, help="the same seed gives the same questions (default 0)")
    trivia.add_argument("--json", action="store_true", help="print one JSON object per question")
    add_upto_option(trivia)


async def run_trivia(library: Library, store: TriviaStore, args: argparse.Namespace) -> int:
    service = TriviaService(library, store)
    kinds = [QuestionKind(kind) for kind in args.kind] if args.kind else list(QuestionKind)
    sections = sections_upto(await library.load(args.work), args.upto)
    view, questions = await service.questions(
        slug=args.work, guild_id=None, kinds=kinds, count=args.count, seed=args.seed, sections=sections
    )
    if not questions:
        print(f"error: I couldn't make any questions of that kind from {view.record.title}.", file=sys.stderr)
        return 1
    for question in questions:
        if args.json:
            print(json.dumps(question.as_json(), ensure_ascii=False))
        else:
            print(f"[{question.kind}] {question.text}")
            for option in question.options:
                print(f"  {'*' if option == question.answer else '-'} {option}")
            if not question.options:
                print(f"  answer: {question.answer}")
            print()
    return 0


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000, got {text!r}")
    return int(text)
