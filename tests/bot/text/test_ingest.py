"""Tests for bot.text.ingest: layouts, sections, sentences, dialogue and offsets."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path

import pytest

from bot.text.ingest import SHOWN_CONFIDENCE, attribute_work, content_hash, detect_layout, display_text, parse_work
from bot.text.model import Layout, ParsedWork, PassageKind

REPO = Path(__file__).resolve().parents[3]
STORY_PATH = REPO / "data" / "hello-from-the-other-side.txt"
FRANKENSTEIN_PATH = REPO / "benchmarks" / "corpus" / "frankenstein.txt"
DRACULA_PATH = REPO / "benchmarks" / "corpus" / "dracula.txt"

AO3_WITH_CHAPTERS = """Work Header

The Long Way Home
by inkwell

Summary

A summary that is not story.

Chapter 1: Departure

Chapter Notes

Thanks to my beta reader!

Chapter Text

“We leave at dawn,” Mara said. Tom frowned at Mara.

Tom nodded. “Fine.”

Chapter End Notes

More notes about chapter one.

Chapter 2

Chapter Text

The road was long.


It was night when they arrived.

Afterword

End Notes

Please comment!
"""

PLAIN_STORY = """The Lighthouse
by A. Writer

It was dark. The keeper climbed the stairs.

* * *

Morning came. “Is it over?” she asked.
The sea was calm.


Later, much later, the boats returned.

#

“Home,” Ada said. Ada smiled.

---

The end of it.
"""

PLAIN_CHAPTERS = """Chapter 1

One paragraph here.

Chapter Two: The Storm

Another paragraph.

CHAPTER IV.

Chapter 3 was the best part, she said.

Chapter 12

The last paragraph.
"""


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def story() -> ParsedWork:
    return parse_work(_read(STORY_PATH))


@pytest.fixture(scope="module")
def frankenstein() -> ParsedWork:
    return parse_work(_read(FRANKENSTEIN_PATH))


@pytest.fixture(scope="module")
def dracula() -> ParsedWork:
    return parse_work(_read(DRACULA_PATH))


@pytest.fixture(scope="module")
def ao3_chapters() -> ParsedWork:
    return parse_work(AO3_WITH_CHAPTERS)


@pytest.fixture(scope="module")
def plain() -> ParsedWork:
    return parse_work(PLAIN_STORY)


@pytest.fixture(params=["story", "frankenstein", "dracula", "ao3_chapters", "plain"])
def any_work(request: pytest.FixtureRequest) -> ParsedWork:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["frankenstein", "dracula"])
def gutenberg_book(request: pytest.FixtureRequest) -> ParsedWork:
    return request.getfixturevalue(request.param)


def _titles(work: ParsedWork) -> list[str | None]:
    return [section.title for section in work.sections]


def _dialogue_speakers(work: ParsedWork) -> dict[str, str | None]:
    """Who each dialogue passage says speaks it: only a sure speaker, as readers see it."""
    return {dialogue.text: dialogue.speaker for dialogue in work.dialogues}


def _attributed(work: ParsedWork) -> dict[str, str | None]:
    """Who the attribution says speaks each quote, however sure; the passages carry only the sure ones."""
    utterances = attribute_work(work.source_text).utterances
    shown = {dialogue.start: dialogue.speaker for dialogue in work.dialogues}
    for utterance in utterances:
        if utterance.start in shown:
            assert shown[utterance.start] == (utterance.speaker if utterance.confidence >= SHOWN_CONFIDENCE else None)
    return {" ".join(u.text.split()): u.speaker for u in utterances}


# --- public helpers -----------------------------------------------------------


def test_content_hash_is_sha256_of_utf8() -> None:
    text = "Derek’s hands — “Was?”"
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert content_hash(text) != content_hash(text + " ")


@pytest.mark.parametrize(
    ("path", "layout"),
    [
        (STORY_PATH, Layout.AO3),
        (FRANKENSTEIN_PATH, Layout.GUTENBERG),
        (DRACULA_PATH, Layout.GUTENBERG),
    ],
)
def test_detect_layout_of_real_files(path: Path, layout: Layout) -> None:
    assert detect_layout(_read(path)) is layout


def test_detect_layout_of_samples() -> None:
    assert detect_layout(AO3_WITH_CHAPTERS) is Layout.AO3
    assert detect_layout(PLAIN_STORY) is Layout.PLAIN
    assert detect_layout("") is Layout.PLAIN


def test_display_text_unwraps_hard_wraps_and_keeps_paragraph_breaks() -> None:
    raw = "one line\nwrapped  here\n\n\n  next\r\nparagraph "
    assert display_text(raw, Layout.PLAIN) == "one line wrapped here\n\nnext paragraph"


def test_display_text_converts_gutenberg_dashes_and_italics_only() -> None:
    raw = "_3 May. Bistritz._--Left\nMunich"
    assert display_text(raw, Layout.GUTENBERG) == "*3 May. Bistritz.*—Left Munich"
    assert display_text(raw, Layout.PLAIN) == "_3 May. Bistritz._--Left Munich"


# --- invariants over every passage ----------------------------------------------


def test_every_passage_round_trips_through_its_offsets(any_work: ParsedWork) -> None:
    work = any_work
    assert work.passages
    for passage in work.passages:
        raw = work.source_text[passage.start : passage.end]
        assert raw and raw == raw.strip(), passage
        assert passage.text == display_text(raw, work.layout), passage


def test_ordinals_count_each_kind_in_reading_order(any_work: ParsedWork) -> None:
    work = any_work
    for kind in PassageKind:
        passages = work.of_kind(kind)
        assert [p.ordinal for p in passages] == list(range(len(passages)))
        starts = [p.start for p in passages]
        assert starts == sorted(starts)
        assert len({p.passage_id for p in passages}) == len(passages)


def test_passages_nest_inside_their_paragraph_and_section(any_work: ParsedWork) -> None:
    work = any_work
    sections, paragraphs = work.sections, work.paragraphs
    for index, section in enumerate(sections):
        assert section.section == index and section.paragraph is None and section.title
    for paragraph in paragraphs:
        section = sections[paragraph.section]
        assert section.start <= paragraph.start < paragraph.end <= section.end
    for passage in work.sentences + work.dialogues:
        assert passage.paragraph is not None
        paragraph = paragraphs[passage.paragraph]
        assert paragraph.start <= passage.start < passage.end <= paragraph.end
        assert passage.section == paragraph.section


def test_sentences_cover_their_paragraph_exactly(any_work: ParsedWork) -> None:
    work = any_work
    sentences_by_paragraph: defaultdict[int | None, list[str]] = defaultdict(list)
    for sentence in work.sentences:
        sentences_by_paragraph[sentence.paragraph].append(sentence.text)
    for paragraph in work.paragraphs:
        assert " ".join(sentences_by_paragraph[paragraph.ordinal]) == paragraph.text


def test_ids_are_stable_across_parses(story: ParsedWork) -> None:
    def fingerprint(work: ParsedWork) -> list[tuple[object, ...]]:
        return [(p.passage_id, p.start, p.end, p.text, p.speaker, p.title) for p in work.passages]

    assert fingerprint(parse_work(story.source_text)) == fingerprint(story)


# --- AO3 --------------------------------------------------------------------------


def test_bundled_story_metadata_and_scenes(story: ParsedWork) -> None:
    assert story.title == "Hello From the Other Side"
    assert (story.author, story.layout) == (None, Layout.AO3)
    assert _titles(story) == ["Scene 1", "Scene 2", "Scene 3", "Scene 4"]
    assert {s.kind for s in story.sections} == {PassageKind.SCENE}
    assert story.paragraphs[0].text.startswith("Derek’s hands were numb")
    assert story.paragraphs[-1].text.startswith("It’s a small promise")
    assert not any("Work Header" in p.text or "Work Text:" in p.text for p in story.passages)


def test_bundled_story_scenes_start_after_double_blank_lines(story: ParsedWork) -> None:
    openings = [next(p for p in story.paragraphs if p.section == index) for index in range(4)]
    assert [p.text[:30] for p in openings] == [
        "Derek’s hands were numb with a",
        "Derek halted his steps, his en",
        "“You don’t have to tell Scott ",
        "Derek let him follow after him",
    ]
    assert all(story.source_text[: p.start].endswith("\n\n\n") for p in openings[1:])


def test_title_argument_overrides_detected_title() -> None:
    assert parse_work(_read(STORY_PATH), title="My Title").title == "My Title"


def test_ao3_chapters_exclude_preface_notes_and_afterword(ao3_chapters: ParsedWork) -> None:
    assert (ao3_chapters.title, ao3_chapters.author) == ("The Long Way Home", "inkwell")
    assert _titles(ao3_chapters) == ["Chapter 1: Departure", "Chapter 2"]
    assert {s.kind for s in ao3_chapters.sections} == {PassageKind.CHAPTER}
    assert [p.text for p in ao3_chapters.paragraphs] == [
        "“We leave at dawn,” Mara said. Tom frowned at Mara.",
        "Tom nodded. “Fine.”",
        "The road was long.",
        "It was night when they arrived.",
    ]
    assert _attributed(ao3_chapters) == {
        "“We leave at dawn,”": "Mara",  # “…,” Mara said.
        "“Fine.”": "Tom",  # Tom nodded. “Fine.”
    }
    assert _dialogue_speakers(ao3_chapters) == {"“We leave at dawn,”": "Mara", "“Fine.”": None}  # a beat: not sure


# --- Project Gutenberg ----------------------------------------------------------------


def test_frankenstein_metadata(frankenstein: ParsedWork) -> None:
    assert frankenstein.title == "Frankenstein; Or, The Modern Prometheus"
    assert frankenstein.author == "Mary Wollstonecraft Shelley"
    assert frankenstein.layout is Layout.GUTENBERG


def test_frankenstein_sections_are_letters_and_chapters(frankenstein: ParsedWork) -> None:
    letters = [f"Letter {n}: To Mrs. Saville, England" for n in ("I", "II", "III", "IV")]
    numerals = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX"
    numerals += " XXI XXII XXIII XXIV"
    chapters = [f"Chapter {n}" for n in numerals.split()]
    assert _titles(frankenstein) == [*letters, *chapters]
    matter = [(s.kind.value, s.title) for s in frankenstein.structure if s.is_matter]
    assert matter[:3] == [("front", None), ("front", "Introduction"), ("front", "Preface")]
    assert matter[-1][0] == "back"
    assert {s.kind for s in frankenstein.sections} == {PassageKind.CHAPTER}


def test_dracula_metadata_and_chapters(dracula: ParsedWork) -> None:
    assert (dracula.title, dracula.author) == ("Dracula", "Bram Stoker")
    titles = _titles(dracula)
    chapters = [title for title in titles if title and title.startswith("Chapter ")]
    assert len(chapters) == 27 == len(titles)
    assert chapters[0] == "Chapter I: Jonathan Harker’s Journal"
    assert chapters[6] == "Chapter VII: Cutting from “The Dailygraph,” 8 August"
    assert chapters[11] == "Chapter XII: Dr. Seward’s Diary"
    assert chapters[26] == "Chapter XXVII: Mina Harker’s Journal"


def test_dracula_table_of_contents_is_front_matter_not_chapters(dracula: ParsedWork) -> None:
    toc_line = dracula.source_text.index("CHAPTER I. Jonathan Harker’s Journal")
    assert not any(p.start <= toc_line < p.end for p in dracula.passages)
    front = [s for s in dracula.structure if s.kind.value == "front"]
    assert any(s.offset <= toc_line < s.end for s in front)
    assert dracula.sections[0].start > toc_line


def test_dracula_chapter_subtitles_are_not_paragraphs(dracula: ParsedWork) -> None:
    chapter_openings = [
        next(p for p in dracula.paragraphs if p.section == section.section)
        for section in dracula.sections
        if section.title and section.title.startswith("Chapter ")
    ]
    assert chapter_openings[0].text == "(*Kept in shorthand.*)"
    assert not any(p.text.isupper() for p in chapter_openings)


def test_gutenberg_licence_is_excluded(gutenberg_book: ParsedWork) -> None:
    work = gutenberg_book
    body_start = work.source_text.index("*** START OF THE PROJECT GUTENBERG EBOOK")
    body_end = work.source_text.index("*** END OF THE PROJECT GUTENBERG EBOOK")
    assert all(body_start < p.start and p.end < body_end for p in work.passages)
    assert not any("Project Gutenberg" in p.text for p in work.paragraphs)


def test_gutenberg_scene_breaks_and_double_hyphens_never_show(gutenberg_book: ParsedWork) -> None:
    assert not any(re.fullmatch(r"[*\s]+", p.text) for p in gutenberg_book.paragraphs)
    assert not any("--" in p.text for p in gutenberg_book.passages)


def test_gutenberg_dashes_and_italics_in_dracula(dracula: ParsedWork) -> None:
    opening = next(p for p in dracula.paragraphs if p.text.startswith("*3 May. Bistritz.*"))
    assert opening.text.startswith("*3 May. Bistritz.*—Left Munich at 8:35 P. M., on 1st May,")
    assert "_3 May. Bistritz._--Left Munich" in dracula.source_text[opening.start : opening.end]


# --- plain text ----------------------------------------------------------------------


def test_plain_text_title_author_and_scene_breaks(plain: ParsedWork) -> None:
    assert (plain.title, plain.author) == ("The Lighthouse", "A. Writer")
    assert plain.layout is Layout.PLAIN
    assert _titles(plain) == ["Scene 1", "Scene 2", "Scene 3", "Scene 4", "Scene 5"]
    assert [p.text for p in plain.paragraphs] == [
        "It was dark. The keeper climbed the stairs.",
        "Morning came. “Is it over?” she asked. The sea was calm.",
        "Later, much later, the boats returned.",
        "“Home,” Ada said. Ada smiled.",
        "The end of it.",
    ]
    assert _dialogue_speakers(plain) == {"“Is it over?”": None, "“Home,”": "Ada"}


def test_plain_text_chapters() -> None:
    work = parse_work(PLAIN_CHAPTERS)
    assert _titles(work) == ["Chapter 1", "Chapter Two: The Storm", "Chapter IV", "Chapter 12"]
    assert [p.text for p in work.paragraphs] == [
        "One paragraph here.",
        "Another paragraph.",
        "Chapter 3 was the best part, she said.",
        "The last paragraph.",
    ]
    assert work.title == "Untitled"


def test_plain_text_without_a_title_line() -> None:
    work = parse_work("It was a dark night.\n\nThe end.")
    assert work.title == "Untitled"
    assert [p.text for p in work.paragraphs] == ["It was a dark night.", "The end."]
    assert parse_work("It was a dark night.", title="Given").title == "Given"


def test_empty_text_has_no_passages() -> None:
    work = parse_work("")
    assert (work.title, work.passages) == ("Untitled", [])


def test_windows_line_endings_parse_like_unix_ones(story: ParsedWork) -> None:
    crlf = parse_work(story.source_text.replace("\n", "\r\n"))
    assert crlf.layout is Layout.AO3
    assert [p.text for p in crlf.passages] == [p.text for p in story.passages]


# --- sentences ------------------------------------------------------------------------


def test_known_sentence_splits_in_the_bundled_story(story: ParsedWork) -> None:
    sentences = [s.text for s in story.sentences]
    for expected in [
        "Derek stared at her in owl-eyed shock.",
        "“Was?”",
        "“Stiles was a lovely boy,” she answered.",
        "“Old Sheriff …” Derek repeated, feeling completely floored by the realization that "
        "something happened—something catastrophic.",
        "I … I abandoned all of you,” he softly said.",
        "His laugh could brighten up a room, you know?”",
    ]:
        assert expected in sentences


def test_sentence_splitting_edge_cases() -> None:
    text = (
        "“Was?” she asked. Mr. Hawkins met Dr. Seward at St. Mary’s at 8:35 P. M. sharp. "
        "“No!” He ran... Then it was over. I’m … back, I think. See No. 7 now."
    )
    work = parse_work(text, title="Edge cases")
    assert [s.text for s in work.sentences] == [
        "“Was?” she asked.",
        "Mr. Hawkins met Dr. Seward at St. Mary’s at 8:35 P. M. sharp.",
        "“No!”",
        "He ran...",
        "Then it was over.",
        "I’m … back, I think.",
        "See No. 7 now.",
    ]


def test_abbreviations_never_end_sentences_in_dracula(dracula: ParsedWork) -> None:
    sentences = [s.text for s in dracula.sentences]
    assert not any(re.search(r"\b(?:Dr|Mr|Mrs|St)\.$", sentence) for sentence in sentences)
    opening = next(sentence for sentence in sentences if sentence.startswith("*3 May. Bistritz.*"))
    assert opening.startswith("*3 May. Bistritz.*—Left Munich at 8:35 P. M., on 1st May, arriving")


# --- dialogue -------------------------------------------------------------------------


def test_dialogue_spans_are_quotes(story: ParsedWork, frankenstein: ParsedWork) -> None:
    assert len(story.dialogues) == 90
    assert all(d.text.startswith("“") for d in story.dialogues)
    assert all(d.text.startswith('"') for d in frankenstein.dialogues)


def test_unclosed_quote_runs_to_the_end_of_its_paragraph() -> None:
    work = parse_work("“I will go on,” Ada said. “And on\nand on.\n\n“Until the end.”")
    assert [d.text for d in work.dialogues] == [
        "“I will go on,”",
        "“And on and on.",
        "“Until the end.”",
    ]


@pytest.mark.parametrize(
    ("quote", "speaker"),
    [
        ("“Can I help you?”", "the woman"),  # “…” The woman asked
        ("“I’m looking for the Stilinskis,”", "Derek"),  # “…,” Derek started
        ("“The old Sheriff?”", "the woman"),  # “…” the woman questioned
        ("“Was?”", "Derek"),  # Derek stared at her in owl-eyed shock. “Was?”
        ("“You’re back,”", "Lydia"),  # “…,” Lydia stated
        ("“You should leave,”", "Lydia"),  # “…,” Lydia cut him off
        ("“You’re different,”", "Lydia"),  # Lydia studied… “…,” she finally commented
        ("“That’s it?”", "Stiles"),  # “…” Stiles suddenly uttered
        ("“I tried calling you.”", "Derek"),  # Derek remained silent… He finally offered,
        ("“Oh, I’m so sorry, he’s still alive,”", "the woman"),  # “…,” she quickly corrected: the other party
        ("“Hello?”", "Lydia"),  # She apologized before picking it up. “Hello?”
        ("“Hello from the other side.”", "Stiles"),  # To which Stiles responds with, “…” (present tense)
    ],
)
def test_known_speakers_in_the_bundled_story(
    story: ParsedWork, quote: str, speaker: str | None
) -> None:
    assert _attributed(story)[quote] == speaker


def test_known_speakers_in_the_gutenberg_books(
    frankenstein: ParsedWork, dracula: ParsedWork
) -> None:
    assert _attributed(frankenstein)['"Oh, it is not thus--not thus,"'] == "the being"
    assert _dialogue_speakers(frankenstein)['"Oh, it is not thus—not thus,"'] is None  # a description: never sure
    assert _attributed(dracula)["“Good boy!”"] == _dialogue_speakers(dracula)["“Good boy!”"] == "Van Helsing"
    assert _dialogue_speakers(dracula)["“Quincey Morris!”"] is None  # “… as I cried out:”


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Он пришёл домой. Она спала, а он нет!", ["Он пришёл домой.", "Она спала, а он нет!"]),
        ("Ήρθε νωρίς. Έφυγε αργά.", ["Ήρθε νωρίς.", "Έφυγε αργά."]),
        ("他来了。她走了！“好。”然后呢？", ["他来了。", "她走了！", "“好。”", "然后呢？"]),
        ("Then Él vino. “Was?” she asked.", ["Then Él vino.", "“Was?” she asked."]),
    ],
)
def test_sentences_in_other_scripts(text: str, sentences: list[str]) -> None:
    assert [s.text for s in parse_work(text).sentences] == sentences


def test_a_text_of_one_block_has_no_title_page() -> None:
    work = parse_work("Just one line of story")
    assert work.title == "Untitled"
    assert [s.text for s in work.sentences] == ["Just one line of story"]
