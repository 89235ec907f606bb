"""Offline commands for speaker attribution: who says each quote of a work, and its characters.

    python run_bot.py speakers [--work S] [--json] [--min-confidence C]
    python run_bot.py characters [--work S] [--json]
"""

from __future__ import annotations

import argparse
import json

from bot.library.service import Library
from bot.text.ingest import WorkSpeakers

COMMANDS = ("speakers", "characters")


def add_attribution_commands(
    subcommands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Register `speakers` and `characters` on the entry point's parser."""
    speakers = subcommands.add_parser(
        "speakers", parents=[common], help="who says each quote of a work, with how sure that is"
    )
    speakers.add_argument("--work", help="slug of the work (default: the bundled story)")
    speakers.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per quote: {"offset", "text", "speaker", "confidence"}; offset is the '
        "character offset of its opening quotation mark in the work's original file",
    )
    speakers.add_argument(
        "--min-confidence", type=_confidence, default=0.0, help="leave out quotes attributed less surely (0-1)"
    )
    characters = subcommands.add_parser("characters", parents=[common], help="the characters of a work")
    characters.add_argument("--work", help="slug of the work (default: the bundled story)")
    characters.add_argument("--json", action="store_true", help="one JSON object per character")


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


async def run_attribution_command(library: Library, args: argparse.Namespace) -> int:
    _, found = await library.speakers(args.work)
    if args.command == "speakers":
        _print_speakers(found, args)
    else:
        _print_characters(found, args.json)
    return 0


def _print_speakers(found: WorkSpeakers, args: argparse.Namespace) -> None:
    for utterance in found.utterances:
        if utterance.confidence < args.min_confidence:
            continue
        text = " ".join(utterance.text.split())
        if args.json:
            answer = {
                "offset": utterance.start,
                "text": text,
                "speaker": utterance.speaker,
                "confidence": utterance.confidence,
            }
            print(json.dumps(answer, ensure_ascii=False))
        else:
            print(f"{utterance.start:>8} [{utterance.confidence:.2f}] {utterance.speaker or '?'}: {text}")


def _print_characters(found: WorkSpeakers, as_json: bool) -> None:
    spoken = found.utterance_counts()
    for character in found.people():
        if as_json:
            answer = {
                "name": character.name,
                "aliases": character.aliases,
                "gender": character.gender,
                "mentions": character.mentions,
                "utterances": spoken[character.name],
                "first_offset": character.first_offset,
            }
            print(json.dumps(answer, ensure_ascii=False))
        else:
            gender = f" ({character.gender})" if character.gender else ""
            others = [alias for alias in character.aliases if alias != character.name]
            also = f"; also {', '.join(others)}" if others else ""
            print(
                f"{character.name}{gender}: {character.mentions} mentions, {spoken[character.name]} quotes, "
                f"first at {character.first_offset}{also}"
            )
