"""Utterances from any attribution become trivia's lines: placed in their paragraph, joined, judged certain."""

from dataclasses import dataclass

from bot.text.model import Passage, PassageKind
from bot.trivia.lines import CERTAIN, speaker_lines, unquote

TEXT = "Title\n\n“Run,” said Ann. “Now!”\n\n“Why?” Bob asked.\n"


@dataclass(frozen=True)
class Said:
    """An utterance as ``bot/attribution`` gives one."""

    start: int
    text: str
    speaker: str | None
    confidence: float


def paragraph(ordinal: int, text: str, passage_id: int) -> Passage:
    start = TEXT.index(text)
    return Passage(PassageKind.PARAGRAPH, ordinal, start, start + len(text), text, 0, ordinal, id=passage_id)


PARAGRAPHS = [paragraph(0, "“Run,” said Ann. “Now!”", 70), paragraph(1, "“Why?” Bob asked.", 71)]


def test_utterances_are_placed_joined_and_kept_with_their_confidence() -> None:
    utterances = [
        Said(TEXT.index("“Why"), "“Why?”", "Bob", 0.5),
        Said(TEXT.index("“Run"), "“Run,”", "Ann", 0.99),
        Said(TEXT.index("“Now"), "“Now!”", "Ann", 0.95),
        Said(0, "Title", None, 0.0),  # outside every paragraph
    ]
    first, second = speaker_lines(utterances, PARAGRAPHS)
    assert (first.offset, first.text, first.speaker, first.passage_id) == (TEXT.index("“Run"), "Run. Now!", "Ann", 70)
    assert first.confidence == 0.95 and first.certain
    assert (second.text, second.paragraph, second.passage_id, second.certain) == ("Why?", 1, 71, False)
    assert 0.5 < CERTAIN


def test_quotes_lose_their_marks_and_handing_over_comma() -> None:
    assert unquote("“Run,”") == "Run" and unquote('"Why?"') == "Why?" and unquote("Plain") == "Plain"


def test_a_speech_broken_off_by_a_dash_and_taken_up_in_one_paragraph_is_never_certain() -> None:
    text = "“He collected many tadpoles--” “You are not to say stink, at least not here.”"
    second = text.index("“You")
    paragraph = Passage(PassageKind.PARAGRAPH, 0, 0, len(text), text, 0, 0, id=7)
    said = [Said(0, text[:second].strip(), "Helen", 1.0), Said(second, text[second:], "Helen", 1.0)]
    lines = speaker_lines(said, [paragraph])
    assert len(lines) == 1 and not lines[0].certain


def _one_line(text: str, pieces: list[str]) -> str:
    paragraph = Passage(PassageKind.PARAGRAPH, 0, 0, len(text), text, 0, 0, id=9)
    said = [Said(text.index(piece), piece, "Sir John", 1.0) for piece in pieces]
    (line,) = speaker_lines(said, [paragraph])
    return line.text


def test_a_sentence_a_speech_tag_cuts_in_two_reads_on_after_a_comma_even_before_a_name() -> None:
    text = "“If the rain keeps on all week,” said Mr. Pell, “Mrs. Hale will stay.”"
    joined = _one_line(text, ["“If the rain keeps on all week,”", "“Mrs. Hale will stay.”"])
    assert joined == "If the rain keeps on all week, Mrs. Hale will stay."


def test_a_speech_tag_ending_its_own_sentence_starts_a_new_one() -> None:
    text = "“Well,” said Sir John. “We must go.”"
    assert _one_line(text, ["“Well,”", "“We must go.”"]) == "Well. We must go."


def test_no_comma_is_left_where_a_speech_tag_broke_a_phrase() -> None:
    text = "“I rather think,” said Sir John, “that the mill will burn.”"
    assert _one_line(text, ["“I rather think,”", "“that the mill will burn.”"]) == "I rather think that the mill will burn."
    text = "“The worst of it is,” said Sir John, “the barge has sunk.”"
    assert _one_line(text, ["“The worst of it is,”", "“the barge has sunk.”"]) == "The worst of it is the barge has sunk."
    text = "“Because,” said Sir John, “the barge has sunk.”"
    assert _one_line(text, ["“Because,”", "“the barge has sunk.”"]) == "Because the barge has sunk."


def test_a_comma_the_speaker_would_say_stays_where_a_tag_cut_in() -> None:
    text = "“Yes, sir,” said Sir John, “that is the mill.”"
    assert _one_line(text, ["“Yes, sir,”", "“that is the mill.”"]) == "Yes, sir, that is the mill."
    text = "“When the mill burns down,” said Sir John, “we shall go.”"
    assert _one_line(text, ["“When the mill burns down,”", "“we shall go.”"]) == "When the mill burns down, we shall go."
