"""Fair options (invented names and lines): wrong options in the question's scene, lines whose kinship
or naming gives the speaker away refused, one person never offered under two names, and who-did-it
asked only by name."""

from bot.text.model import Passage, PassageKind
from bot.trivia.characters import SpeakerCounts
from bot.trivia.events import Cast, Plot
from bot.trivia.generate import generate
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource
from bot.trivia.people import Person, same_person, titled_surnames
from bot.trivia.question import DEFAULT_KINDS, QuestionKind
from bot.trivia.scenes import SCENE_PARAGRAPHS, Scenes
from bot.trivia.settings import chosen_kinds
from tests.bot.trivia.test_events import chapters, source
from tests.bot.trivia.test_presence import RARE, STANDARD, said

QUILLS = [
    Person("Tobias Quill", ("Tobias Quill", "Tobias"), "m", 0, 20),
    Person("Orla Quill", ("Orla Quill", "Orla"), "f", 0, 20),
]


def _line(paragraph: int, speaker: str, text: str = "", section: int = 0) -> SpokenLine:
    words = [RARE[(paragraph + k) % len(RARE)] for k in range(3)]
    return said(200 * paragraph, speaker, text or STANDARD.format(*words) + f", number {paragraph}.", section, paragraph)


def _sentence(paragraph: int, text: str, section: int = 0) -> Passage:
    return Passage(PassageKind.SENTENCE, paragraph, 200 * paragraph + 150, 200 * paragraph + 160, text, section, paragraph)


def _talk(groups: dict[int, list[str]], texts: dict[int, str] | None = None) -> TriviaSource:
    """One section: each group (its first paragraph → its speakers) talks for twelve paragraphs, three
    lines each; ``texts`` replaces a paragraph's line. The groups' lines are all within 5,000 characters."""
    lines, sentences = [], []
    for first, speakers in groups.items():
        for turn in range(3 * len(speakers)):
            paragraph = first + turn
            speaker = speakers[turn % len(speakers)]
            lines.append(_line(paragraph, speaker, (texts or {}).get(paragraph, "")))
            sentences.append(_sentence(paragraph, f"{speaker} said so."))
    plot = Plot((), Cast(sentences, []))
    return TriviaSource("scene", "Scene", lines, sentences, {line.paragraph: line.paragraph for line in lines}, plot)


def test_someone_speaks_or_is_named_in_the_narration_within_the_scene_of_a_paragraph() -> None:
    narration = [_sentence(40, "Orla Quill rowed across the harbour."), _sentence(40, "“Ask Tobias,” said the ferryman.")]
    scenes = Scenes([_line(10, "Ann"), _line(11, "Tobias")], narration, QUILLS)
    assert scenes.present("Ann", 0, 10 + SCENE_PARAGRAPHS) and scenes.present("Ann", 0, 10 - SCENE_PARAGRAPHS)
    assert not scenes.present("Ann", 0, 11 + SCENE_PARAGRAPHS) and not scenes.present("Ann", 1, 10)
    assert scenes.present("Orla", 0, 35) and scenes.present("Orla Quill", 0, 45)  # any of her names
    assert scenes.present("Tobias Quill", 0, 5) and not scenes.present("Tobias", 0, 40)
    assert not scenes.present("Bea", 0, 10)


def test_wrong_speakers_come_from_the_lines_scene_not_the_rest_of_the_chapter() -> None:
    early, late = ["Ann", "Bea", "Cal", "Dan"], ["Eve", "Fay", "Gus", "Hal"]
    asked = generate(_talk({0: early, 60: late}), count=50, seed=2, kinds=[QuestionKind.WHO_SAID_IT])
    assert asked
    for question in asked:
        assert set(question.options) <= set(early if question.answer in early else late), question


def test_no_false_claim_names_someone_outside_the_scene() -> None:
    asked = generate(_talk({0: ["Ann", "Bea", "Cal"], 60: ["Dan", "Eve", "Fay"]}), count=50, seed=4, kinds=[QuestionKind.TRUE_OR_FALSE])
    for question in asked:
        claimed = question.text.removeprefix("True or false: ").split(" said")[0]
        speaker = question.explanation.removesuffix(" said it.")
        assert (claimed in {"Ann", "Bea", "Cal"}) == (speaker in {"Ann", "Bea", "Cal"})


def test_a_line_of_the_speakers_own_kin_is_never_asked() -> None:
    kin = {
        0: "I shall take my own children to the lighthouse before the equinox, whatever the harbourmaster says.",
        4: "Our daughters embroidered the marquee with lanterns and walruses for the regatta last summer.",
        8: "My mother's harpsichord stood in the conservatory among the ferns and the gondola lamps.",
    }
    source = _talk({0: ["Ann", "Bea", "Cal", "Dan"]}, kin)
    asked = generate(source, count=50, seed=2, kinds=[QuestionKind.WHO_SAID_IT, QuestionKind.TRUE_OR_FALSE])
    assert asked
    assert not any(line in question.text for question in asked for line in kin.values())


def test_a_line_naming_someone_by_title_and_surname_never_offers_them() -> None:
    counts = SpeakerCounts([], QUILLS)
    assert counts.named_in("Tobias", normalise("We met Mr. Quill on the quay."))
    assert counts.named_in("Orla", normalise("The Miss Quills were out."))
    assert not counts.named_in("Orla", normalise("We met Mr. Quill on the quay."))
    assert not counts.named_in("Tobias", normalise("Quilling is an old craft."))
    assert titled_surnames(["Orla Quill", "Orla"], "f")[:2] == ["mrs quill", "ms quill"]


def test_a_first_name_and_a_title_with_the_surname_of_one_person_are_one_person() -> None:
    assert same_person("Orla", "Miss Quill", QUILLS) and same_person("Mr. Quill", "Tobias", QUILLS)
    assert not same_person("Orla", "Mr. Quill", QUILLS[1:])
    assert not same_person("Orla", "Miss Vane", QUILLS)
    mother = Person("Mrs. Quill", ("Mrs. Quill",), "f", 0, 20)  # an entry of her own: her daughter's mother
    assert same_person("Orla", "Mrs. Quill", QUILLS) and not same_person("Orla", "Mrs. Quill", [*QUILLS, mother])


def test_who_did_it_is_asked_by_name_only_never_in_a_mix() -> None:
    mixed = chosen_kinds(DEFAULT_KINDS, None, None)
    assert QuestionKind.EVENT not in mixed and QuestionKind.WHO_SAID_IT in mixed
    assert QuestionKind.EVENT not in chosen_kinds(DEFAULT_KINDS, None, "events")
    assert chosen_kinds(DEFAULT_KINDS, "event", None) == [QuestionKind.EVENT]
    assert chosen_kinds(frozenset({QuestionKind.EVENT}), None, None) == [QuestionKind.EVENT]


def test_who_did_it_offers_only_people_of_the_events_scene() -> None:
    deed = "Nora smuggled the ledger to Calais."
    near = source(chapters([deed]))
    assert generate(near, count=5, seed=1, kinds=[QuestionKind.EVENT])
    padding = "".join("The rain fell on the moor all that night.\n\n" for _ in range(SCENE_PARAGRAPHS + 1))
    far = source(chapters([deed]).replace(deed, padding + deed))
    assert far.plot.events and not generate(far, count=5, seed=1, kinds=[QuestionKind.EVENT])
