"""The offline commands about a work's structure: ``works [--json]`` and ``outline [--work S] [--json]``.

    python run_bot.py works --json        one object per work: slug, title, author, sections, paragraphs, sentences
    python run_bot.py outline --work dracula --json
                                          one object per section in reading order:
                                          kind, number, title, offset, paragraphs
"""

from __future__ import annotations

import argparse
import json

from bot.library.service import Library
from bot.text.sections import StructureSection

COMMANDS = frozenset({"works", "outline"})


def add_structure_commands(
    subcommands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    works = subcommands.add_parser("works", parents=[common], help="list the works in the library")
    works.add_argument("--json", action="store_true", help="print one JSON object per work")
    outline = subcommands.add_parser(
        "outline", parents=[common], help="a work's sections in reading order (front matter, parts, chapters...)"
    )
    outline.add_argument("--work", help="slug of the work (default: the bundled story)")
    outline.add_argument("--json", action="store_true", help="print one JSON object per section")


async def run_structure_command(library: Library, args: argparse.Namespace) -> int:
    if args.command == "works":
        return await _list_works(library, args.json)
    return await _outline(library, args.work, args.json)


async def _list_works(library: Library, as_json: bool) -> int:
    default_slug = (await library.default_work(None)).slug
    for summary in await library.works():
        work = summary.work
        if as_json:
            row = {
                "slug": work.slug,
                "title": work.title,
                "author": work.author,
                "layout": work.layout.value,
                "sections": summary.sections,
                "paragraphs": summary.paragraphs,
                "sentences": summary.sentences,
                "default": work.slug == default_slug,
            }
            print(json.dumps(row, ensure_ascii=False))
            continue
        default = " (default)" if work.slug == default_slug else ""
        author = f" by {work.author}" if work.author else ""
        print(
            f"{work.slug}{default}: {work.title}{author} [{work.layout}] — {summary.sections} sections, "
            f"{summary.paragraphs} paragraphs, {summary.sentences} sentences"
        )
    return 0


async def _outline(library: Library, slug: str | None, as_json: bool) -> int:
    view = await library.load(slug)
    for section in view.outline.structure:
        print(json.dumps(outline_row(section), ensure_ascii=False) if as_json else _outline_line(section))
    return 0


def outline_row(section: StructureSection) -> dict[str, object]:
    """One section as ``outline --json`` prints it."""
    return {
        "kind": section.kind.value,
        "number": section.number,
        "title": section.title,
        "offset": section.offset,
        "paragraphs": section.paragraphs,
    }


def _outline_line(section: StructureSection) -> str:
    return f"{'  ' * section.level}{section.name} [{section.kind.value}] @{section.offset}, {section.paragraphs} paragraphs"
