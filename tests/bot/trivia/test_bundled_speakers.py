"""Who-said-it answers on the bundled story are right: every quote's speaker, labelled by hand
(by the offset of its opening quotation mark), against every line trivia takes as certain."""

from pathlib import Path

from bot.text.ingest import attribute_work, parse_work
from bot.trivia.lines import speaker_lines

STORY = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"
QUOTES_BY = {
    'the woman': (
        1936, 2239, 2408, 2465, 2714, 2803, 2872, 3138, 3468, 3519,
    ),
    'Derek': (
        2001, 2281, 2610, 2795, 3076, 5805, 6110, 6321, 6416, 6618, 6849, 7191, 7433, 8730, 8863,
        8968, 9049, 9242, 9295, 9581, 9971, 10237, 10276, 10519, 10609, 10708, 10846, 10938, 11163,
        12848, 14450, 14595, 15033, 15074, 15542, 15839, 15973, 16143, 16209, 16639, 17957, 18864,
    ),
    'Lydia': (
        6067, 6217, 6428, 6467, 6625, 6665, 6877, 6933, 7218, 7305, 7651, 7798, 8608, 8920, 9224,
        9537, 9724, 9832, 10004, 10037, 10218, 10372, 10975, 11239, 11283, 11473,
    ),
    'Stiles': (
        14298, 14354, 14474, 14647, 14683, 14825, 15174, 16013, 16113, 16294, 17784, 18934,
    ),
}
SPEAKER_AT = {offset: speaker for speaker, offsets in QUOTES_BY.items() for offset in offsets}


def test_the_labels_cover_every_quote() -> None:
    text = STORY.read_text(encoding="utf-8")
    assert sorted(SPEAKER_AT) == [index for index, char in enumerate(text) if char == "“"]


def test_every_certain_line_has_the_right_speaker() -> None:
    text = STORY.read_text(encoding="utf-8")
    work = parse_work(text)
    certain = [line for line in speaker_lines(attribute_work(text).utterances, work.paragraphs) if line.certain]
    assert len(certain) >= 30  # of 65 lines; the rest are descriptions or below CERTAIN
    assert [(line.offset, line.speaker) for line in certain] == [(line.offset, SPEAKER_AT[line.offset]) for line in certain]
