"""The reader's pages: paragraphs of one section up to an embed's room, long paragraphs in sentence pieces."""

from __future__ import annotations

from bot.read.pages import PAGE_CHARS, SEPARATOR, backward, forward, pieces_of
from bot.text.model import Passage, PassageKind


def paragraph(ordinal: int, text: str, section: int = 0) -> Passage:
    return Passage(PassageKind.PARAGRAPH, ordinal, 0, len(text), text, section, ordinal, id=100 + ordinal)


def test_a_page_holds_as_many_whole_paragraphs_as_fit() -> None:
    paragraphs = [paragraph(n, f"Paragraph {n}. " + "word " * 150) for n in range(10)]
    page = forward(paragraphs)
    assert 1 < len(page.paragraphs) < 10 and page.piece is None
    assert len(page.text) <= PAGE_CHARS < len(page.text) + len(SEPARATOR) + len(paragraphs[len(page.paragraphs)].text)
    assert page.text.split(SEPARATOR)[0] == paragraphs[0].text


def test_a_page_stays_in_its_section_and_shows_markup_as_discord_markdown() -> None:
    paragraphs = [paragraph(0, "She said _nothing_."), paragraph(1, "=Loud=."), paragraph(2, "Next chapter.", section=1)]
    page = forward(paragraphs)
    assert [p.ordinal for p in page.paragraphs] == [0, 1]
    assert page.text == "She said *nothing*.\n\n**Loud**."
    assert [p.ordinal for p in backward(paragraphs).paragraphs] == [2]


def test_backward_fills_the_page_that_ends_just_before() -> None:
    paragraphs = [paragraph(n, "word " * 300) for n in range(8)]
    page = backward(paragraphs)
    assert page.last.ordinal == 7 and page.first.ordinal > 0
    assert [p.ordinal for p in page.paragraphs] == list(range(page.first.ordinal, 8))


def test_a_paragraph_longer_than_a_page_is_cut_between_sentences() -> None:
    sentences = [f"Sentence number {n} goes on for a while, as sentences in old novels do." for n in range(200)]
    long = paragraph(0, " ".join(sentences))
    parts = pieces_of(long.text)
    assert len(parts) > 1 and all(len(part) <= PAGE_CHARS for part in parts)
    assert " ".join(parts) == long.text  # nothing lost, nothing cut mid-sentence
    assert all(part.endswith("do.") for part in parts)
    first, last = forward([long, paragraph(1, "After.")]), backward([long])
    assert (first.piece, first.pieces, first.text) == (0, len(parts), parts[0])
    assert (last.piece, last.text, last.at_end) == (len(parts) - 1, parts[-1], True)
    assert forward([long], 1).text == parts[1]


def test_a_sentence_longer_than_a_page_is_cut_at_spaces() -> None:
    parts = pieces_of("word " * 2000)
    assert len(parts) == 3 and all(0 < len(part) <= PAGE_CHARS for part in parts)
    assert " ".join(parts).split() == ["word"] * 2000
