"""A reply is asked with the words it answers: another speaker's last sentence just before it."""

from bot.trivia.lead_ins import lead_in, needs_lead_in
from bot.trivia.lines import SpokenLine


def _line(offset: int, text: str, speaker: str | None, paragraph: int) -> SpokenLine:
    return SpokenLine(offset, text, speaker, 0.99, paragraph, 0, paragraph)


def test_a_line_opening_as_a_reply_needs_its_lead_in() -> None:
    assert needs_lead_in("No, nor ever will be, while the mill stands.")
    assert needs_lead_in("Because the ferryman drowned his lantern.")
    assert not needs_lead_in("The ferryman drowned his lantern in the weir.")
    assert not needs_lead_in("Nobody saw the lantern.")


def test_the_lead_in_is_the_last_sentence_another_speaker_said_just_before() -> None:
    lines = [
        _line(0, "The weir is high tonight. Will the ferry cross before dawn?", "Oswin", 3),
        _line(90, "No, nor ever again, while the lantern is out.", "Harriet", 4),
        _line(150, "Not while I keep the key to the boathouse, Mr. Pell.", "Harriet", 5),
        _line(220, "Nothing of the sort, sir; it sank.", "Oswin", 9),
    ]
    assert lead_in(lines, 1) == "Will the ferry cross before dawn?"
    assert lead_in(lines, 2) is None  # the same speaker goes on: nothing answered
    assert lead_in(lines, 3) is None  # paragraphs apart: another exchange
    assert lead_in(lines, 0) is None
