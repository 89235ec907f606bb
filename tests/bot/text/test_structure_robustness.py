"""Files as they come: CRLF, a byte-order mark, UTF-16 and Windows-1252, hard-wrapped headings, headings
inside a block of text, no chapters at all, 20 MB. The structure read is the same as from a clean file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.library.uploads import MAX_WORK_BYTES, decode_text
from bot.text.ingest import parse_work, structure_of

DATA = Path(__file__).resolve().parents[2] / "data" / "structure"
DRACULA = Path(__file__).resolve().parents[3] / "benchmarks" / "corpus" / "dracula.txt"
NAMES = sorted(yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8")))


def shape(text: str) -> list[tuple[str, str | None, str | None, int]]:
    work = parse_work(text)
    return [(s.kind.value, s.number, s.title, s.paragraphs) for s in work.structure] + [
        ("title", work.title, work.author, len(work.sentences))
    ]


def encodings(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8 with BOM": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "utf-16-le without BOM": text.encode("utf-16-le"),
        "windows-1252": text.encode("cp1252"),
        "CRLF": text.replace("\n", "\r\n").encode("utf-8"),
        "CRLF utf-16": text.replace("\n", "\r\n").encode("utf-16"),
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_encoding_and_line_ending_reads_the_same_structure(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8").replace("Wenna's", "Wenna’s")  # a character cp1252 has
    clean = shape(text)
    for encoding, data in encodings(text).items():
        assert shape(decode_text(data, name)) == clean, encoding


@pytest.mark.parametrize("name", NAMES)
def test_offsets_point_at_the_headings_in_a_crlf_file(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8").replace("\n", "\r\n")
    work = parse_work(text)
    for section in work.structure:
        assert not text[section.offset].isspace(), (section, name)
        if section.kind.value in ("chapter", "part") and section.number:
            first_line = text[section.offset :].split("\r\n")[0]
            assert section.number.casefold() in first_line.casefold(), (section, first_line)


def test_a_heading_hard_wrapped_or_inside_a_block_still_starts_its_chapter() -> None:
    text = (DATA / "hard_wrapped.txt").read_text(encoding="utf-8")
    work = parse_work(text)
    first_paragraphs = [next(p.text for p in work.paragraphs if p.section == s.section) for s in work.sections]
    assert first_paragraphs == [
        "They left the mill before the sun was up. The miller waved from the door.",
        "The ford was higher than they had been told. Nell went first, holding the bread above her head.",
        "On the far bank they lit a fire and dried their boots. Nobody spoke of turning back.",
    ]
    assert not any("CHAPTER" in p.text for p in work.passages)


def test_a_book_without_chapters_is_one_scene_of_story() -> None:
    work = parse_work((DATA / "no_chapters.txt").read_text(encoding="utf-8"))
    assert [s.kind.value for s in work.structure] == ["scene"]
    assert work.structure[0].paragraphs == len(work.paragraphs) == 3


def test_a_20_mb_book_is_read_chapter_by_chapter() -> None:
    text = DRACULA.read_text(encoding="utf-8")
    body = text[text.index("CHAPTER I\n") : text.index("THE END")]
    copies = (MAX_WORK_BYTES - len(text.encode("utf-8"))) // len(body.encode("utf-8"))
    big = text.replace(body, body * (copies + 1))
    assert len(big.encode("utf-8")) <= MAX_WORK_BYTES and len(big) > 19 * 2**20
    structure = structure_of(big)
    chapters = [s for s in structure.sections if s.kind.value == "chapter"]
    assert len(chapters) == 27 * (copies + 1)
    assert structure.sections[0].kind.value == "front" and structure.sections[-1].kind.value == "back"


def test_a_long_opening_before_the_first_heading_is_story_not_front_matter() -> None:
    opening = "\n\n".join(f"Paragraph {n} of an opening that has no heading. It goes on." for n in range(12))
    text = f"{opening}\n\nCHAPTER II\n\nThe second chapter starts here. It is short.\n"
    work = parse_work(text)
    assert [s.kind.value for s in work.structure] == ["scene", "chapter"]
    assert len(work.paragraphs) == 13
