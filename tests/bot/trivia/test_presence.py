"""Fair wrong speakers: present in that part of the story, not the person spoken to or about, not
given away by dialect spelling; and lines that are one speech of one speaker."""

import random
from dataclasses import replace

from bot.text.model import Passage, PassageKind
from bot.trivia import dialect
from bot.trivia.characters import SpeakerCounts
from bot.trivia.events import Cast, Plot
from bot.trivia.facts import Facts
from bot.trivia.generate import generate
from bot.trivia.lines import SpokenLine, TriviaSource, names_another, speaker_lines
from bot.trivia.people import Person
from bot.trivia.question import FALSE, QuestionKind
from bot.trivia.speaker_questions import _false_speaker
from tests.bot.trivia.test_lines import Said

RARE = ["zeppelin", "marmalade", "harpsichord", "gondola", "lantern", "parsnip", "tapestry", "walrus", "quill", "sextant"]
STANDARD = "I have been thinking all morning about the {0} and the {1} we left behind in the {2} yesterday"
BROAD = "I'm goin' doon t' th' {0} wi' 'em an' summat fer th' {1} an' th' {2}, ye ken"


def said(offset: int, speaker: str, text: str, section: int, paragraph: int) -> SpokenLine:
    return SpokenLine(offset, text, speaker, 1.0, paragraph, section, paragraph)


def book(
    cast: dict[int, list[str]],
    broad: set[str] = frozenset(),
    narration: dict[int, str] | None = None,
    genders: dict[str, str] | None = None,
) -> TriviaSource:
    """Sections ``cast`` (section → its speakers), 40,000 characters apart, lines 2,000 apart, each speaker with three
    lines there; speakers in ``broad`` speak in dialect. ``narration``: paragraph text by paragraph."""
    lines, sentences = [], []
    for section, speakers in cast.items():
        for _ in range(3):
            for speaker in speakers:
                paragraph = len(lines)
                offset = section * 40_000 + (paragraph % 20) * 2_000
                words = [RARE[(paragraph + k) % len(RARE)] for k in range(3)]
                text = (BROAD if speaker in broad else STANDARD).format(*words) + f", number {paragraph}."
                lines.append(said(offset, speaker, text, section, paragraph))
                story = (narration or {}).get(paragraph, f"{speaker} said so.")
                sentences.append(Passage(PassageKind.SENTENCE, paragraph, offset + 90, offset + 99, story, section, paragraph))
    sentences.append(Passage(PassageKind.SENTENCE, 999, 160_000, 160_010, "The end.", 4, 999))
    people = [Person(name, (name,), gender, 0, 10) for name, gender in (genders or {}).items()]
    plot = Plot((), Cast(sentences, people))
    return TriviaSource("book", "Book", lines, sentences, {line.paragraph: line.paragraph for line in lines}, plot)


def options(source: TriviaSource, kind: QuestionKind = QuestionKind.WHO_SAID_IT) -> list[tuple[str, tuple[str, ...]]]:
    return [(q.answer, q.options) for q in generate(source, count=50, seed=2, kinds=[kind])]


def test_wrong_speakers_are_present_in_that_part_of_the_story() -> None:
    source = book({0: ["Ann", "Bea", "Cal", "Dan"], 3: ["Eve", "Fay", "Gus", "Hal"]})
    asked = options(source)
    assert asked
    early, late = {"Ann", "Bea", "Cal", "Dan"}, {"Eve", "Fay", "Gus", "Hal"}
    for answer, offered in asked:
        assert set(offered) <= (early if answer in early else late)


def test_the_false_speaker_of_true_or_false_is_present_too() -> None:
    source = book({0: ["Ann", "Bea", "Cal", "Dan"], 3: ["Eve", "Fay", "Gus", "Hal"]})
    for question in generate(source, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE]):
        speaker = question.explanation.removesuffix(" said it.")
        claimed = question.text.removeprefix("True or false: ").split(" said")[0]
        assert (claimed in {"Ann", "Bea", "Cal", "Dan"}) == (speaker in {"Ann", "Bea", "Cal", "Dan"})
        assert (question.answer == FALSE) == (claimed != speaker)


GENDERS = {"Ann": "f", "Bea": "f", "Cal": "m", "Dan": "m", "Eve": "f", "Fay": "f", "Gus": "m", "Hal": "m"}


def claims(source: TriviaSource) -> list[tuple[str, str]]:
    """(claimed, real) speaker of each false true-or-false claim."""
    found = []
    for question in generate(source, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE]):
        if question.answer == FALSE:
            claimed = question.text.removeprefix("True or false: ").split(" said")[0]
            found.append((claimed, question.explanation.removesuffix(" said it.")))
    return found


def test_a_false_claim_names_someone_of_the_speakers_gender_and_never_a_broad_speaker_for_plain_english() -> None:
    source = book({0: ["Ann", "Bea", "Cal", "Dan", "Eve"]}, broad={"Eve"}, genders=GENDERS)
    found = claims(source)
    assert found and all(GENDERS[claimed] == GENDERS[real] for claimed, real in found)
    assert all(claimed != "Eve" for claimed, real in found if real != "Eve")


def test_no_false_claim_without_someone_of_the_speakers_gender_known() -> None:
    assert claims(book({0: ["Ann", "Bea", "Cal", "Dan"]})) == []
    assert all(real != "Ann" for _, real in claims(book({0: ["Ann", "Cal", "Dan", "Gus"]}, genders=GENDERS)))


def test_too_few_people_present_means_no_question_rather_than_an_absent_one() -> None:
    source = book({0: ["Ann", "Bea"], 3: ["Eve", "Fay", "Gus", "Hal"]})
    assert all(answer not in {"Ann", "Bea"} for answer, _ in options(source))


def test_a_person_the_paragraph_names_is_never_offered() -> None:
    speakers = ["Ann", "Bea", "Cal", "Dan", "Eve"]
    narration = {index: "Ann said, looking hard at Cal." for index in range(0, 15, 5)}  # Ann's paragraphs
    asked = [(answer, offered) for answer, offered in options(book({0: speakers}, narration=narration)) if answer == "Ann"]
    assert asked and all("Cal" not in offered for _, offered in asked)


def test_speaks_near_reads_the_window_either_side() -> None:
    counts = SpeakerCounts([said(1_000, "Ann", "x", 0, 0), said(9_000, "Ann", "y", 0, 1)])
    assert counts.speaks_near("Ann", 5_000, 4_000) and counts.speaks_near("Ann", 12_000, 3_000)
    assert not counts.speaks_near("Ann", 5_000, 3_000) and not counts.speaks_near("Bea", 1_000, 10_000)


def test_dialect_spelling_is_told_from_standard_english() -> None:
    assert dialect.is_dialect(BROAD.format("mill", "lad", "cart"))
    assert not dialect.is_dialect(STANDARD.format("mill", "lad", "cart"))
    assert not dialect.is_dialect("You can't say the ladies' gowns weren't fine, Margaret.")
    assert dialect.dialect_speakers([("Ann", BROAD), ("Ann", BROAD), ("Ann", "Yes."), ("Bea", BROAD)]) == {"Ann"}


def test_a_dialect_line_is_asked_only_with_another_dialect_speaker_offered_and_never_as_true_or_false() -> None:
    alone = book({0: ["Ann", "Bea", "Cal", "Dan"]}, broad={"Ann"})
    assert "Ann" not in {answer for answer, _ in options(alone)}
    paired = book({0: ["Ann", "Bea", "Cal", "Dan", "Eve", "Gus"]}, broad={"Ann", "Dan"}, genders={**GENDERS, "Dan": "f"})
    asked = [(answer, offered) for answer, offered in options(paired) if answer in {"Ann", "Dan"}]
    assert asked and all({"Ann", "Dan"} <= set(offered) for _, offered in asked)
    true_or_false = generate(paired, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE])
    assert not any(question.explanation in ("Ann said it.", "Dan said it.") for question in true_or_false)


def lines_of(text: str, speaker: str = "Ann") -> list[SpokenLine]:
    paragraph = Passage(PassageKind.PARAGRAPH, 0, 0, len(text), text, 0, 0, id=1)
    quotes = [index for index, char in enumerate(text) if char == "“"]
    ends = [text.index("”", start) + 1 for start in quotes]
    return speaker_lines([Said(start, text[start:end], speaker, 1.0) for start, end in zip(quotes, ends, strict=True)], [paragraph])


def test_quotes_around_narration_giving_the_word_to_another_are_never_certain() -> None:
    [glued] = lines_of("“We shall go to the coast,” answered Tom, “and stay there all summer.”")
    assert not glued.certain
    [turned] = lines_of("“You are late,” she said; then, turning to Margaret, “and you are early.”")
    assert not turned.certain
    [one] = lines_of("“We shall go to the coast,” said Ann, looking at Tom. “And stay there all summer.”")
    assert one.certain and one.text == "We shall go to the coast. And stay there all summer."


def test_names_another_ignores_the_speaker_and_pronouns() -> None:
    assert not names_another(" said Mrs. Ann Munt. ", "Ann")
    assert not names_another(" She said. ", "Ann")
    assert names_another(" Tom replied. ", "Ann") and names_another(" replied Mr. Tom, ", "Ann")


def test_a_line_calling_someone_by_a_name_no_known_person_has_is_not_asked() -> None:
    counts = SpeakerCounts([said(0, "Mrs. Tibbs", "x", 0, 0), said(9, "Margaret", "y", 0, 1)])
    assert counts.addresses_unknown("It will be ready by noon, at the latest, Bessie.")  # Bessie may be Mrs. Tibbs
    assert counts.addresses_unknown("My dear Bessie, do not fret.")
    assert not counts.addresses_unknown("I know, Margaret.") and not counts.addresses_unknown("Well, Mr. Tibbs, yes, Sir.")
    source = book({0: ["Ann", "Bea", "Cal", "Dan"]})
    lines = [replace(line, text=f"{line.text[:-1]}, Bessie.") if line.speaker == "Ann" else line for line in source.lines]
    assert "Ann" not in {answer for answer, _ in options(replace(source, lines=lines))}


def test_a_dialect_speakers_lines_are_never_true_or_false_even_in_plain_spelling() -> None:
    source = book({0: ["Ann", "Bea", "Cal", "Dan", "Eve"]}, genders=GENDERS)
    facts = Facts.of(source)
    line = next(line for line in source.lines if line.speaker == "Ann")
    assert _false_speaker(facts, line, ["Bea", "Eve"], random.Random(1)) in {"Bea", "Eve"}
    marked = replace(facts, dialect_speakers={"Ann"})
    assert _false_speaker(marked, line, ["Bea", "Eve"], random.Random(1)) is None
