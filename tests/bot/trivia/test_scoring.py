"""Which candidates a game asks: the best lines and plot points, fair wrong speakers."""

from bot.trivia import scoring
from bot.trivia.characters import SpeakerCounts
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person


def test_plot_verbs_are_what_changes_the_story_not_glances() -> None:
    assert scoring.is_plot_verb("married") and scoring.is_plot_verb("quarrelled")
    assert not scoring.is_plot_verb("glanced") and not scoring.is_plot_verb("enquired")


def test_a_distinctive_line_of_a_main_speaker_scores_above_small_talk() -> None:
    telling = "Then I take it for granted that his face is about as orange as the cuffs and capes of my livery."
    small_talk = "Well, I suppose we must go in now."
    assert scoring.line_score(telling, speaker_rank=1) > scoring.line_score(small_talk, speaker_rank=1)
    assert scoring.line_score(telling, speaker_rank=0) > scoring.line_score(telling, speaker_rank=20)


def test_best_keeps_the_top_share_in_the_given_order() -> None:
    candidates = list(range(400))
    kept = scoring.best(candidates, score=lambda n: n % 10)
    assert kept == [n for n in candidates if n % 10 >= 7][: len(kept)] and len(kept) >= scoring.MIN_BEST
    assert scoring.best(candidates[:5], score=float) == candidates[:5]


def _line(speaker: str, section: int = 1) -> SpokenLine:
    return SpokenLine(0, "Words.", speaker, 1.0, None, section, 0)


def test_wrong_speakers_share_the_answers_gender_and_are_never_named_in_the_line() -> None:
    people = [
        Person("Anne", ("Anne",), "f", 0, 9),
        Person("Mary", ("Mary",), "f", 0, 9),
        Person("Louisa", ("Louisa",), "f", 0, 9),
        Person("Elizabeth", ("Elizabeth",), "f", 0, 9),
        Person("Charles", ("Charles", "Charles Musgrove"), "m", 0, 9),
        Person("Mr. Luyden", ("Mr. Luyden",), "m", 0, 9),
    ]
    lines = [_line(person.name) for person in people for _ in range(3)]
    counts = SpeakerCounts(lines, people)
    rivals = counts.plausible_rivals("Anne", 1, 6, line="If I loved a man as Louisa does, the Luydens would say so.")
    assert set(rivals) == {"Mary", "Elizabeth"}
    story = SpeakerCounts([_line(name) for name in ("Anne", "Charles", "Mr. Luyden") for _ in range(3)], people)
    assert set(story.plausible_rivals("Anne", 1, 6)) == {"Charles", "Mr. Luyden"}  # too few women: others too


def test_a_person_known_only_by_title_and_surname_may_be_anyone_known_only_by_a_first_name() -> None:
    from bot.trivia.people import same_person

    people = [
        Person("Mr. Wilcox", ("Mr. Wilcox",), "m", 0, 9),
        Person("Henry", ("Henry",), "m", 0, 9),
        Person("Mrs. Munt", ("Mrs. Munt", "Munt"), "f", 0, 9),
        Person("Aunt Juley", ("Aunt Juley",), "f", 0, 9),
        Person("Helen", ("Helen", "Helen Schlegel"), "f", 0, 9),
    ]
    assert same_person("Mr. Wilcox", "Henry", people) and same_person("Aunt Juley", "Mrs. Munt", people)
    assert not same_person("Mrs. Munt", "Helen", people)  # her surname is known: another family
    assert not same_person("Mr. Wilcox", "Aunt Juley", people)  # not of one gender
    luyden = [Person("Mr. van der Luyden", ("Mr. van der Luyden",), "m", 0, 9), Person("Henry", ("Henry",), "m", 0, 9)]
    assert same_person("Mr. van der Luyden", "Henry", luyden)  # a surname of particles is a surname all the same
    counts = SpeakerCounts([_line(person.name) for person in people for _ in range(3)], people)
    assert "Mrs. Munt" not in counts.plausible_rivals("Helen", 1, 6, line="No, I agree with Aunt Juley, there are limits.")


def test_a_line_introduced_by_another_person_or_a_pronoun_of_the_other_gender_is_not_asked() -> None:
    from bot.text.model import Passage, PassageKind
    from bot.trivia.events import Cast, Plot
    from bot.trivia.facts import Facts
    from bot.trivia.lines import TriviaSource

    people = [Person("Quincey", ("Quincey", "Mr. Morris"), "m", 0, 9), Person("Dr. Seward", ("Dr. Seward",), "m", 0, 9),
              Person("Mina", ("Mina",), "f", 0, 9)]
    intros = ["Said Mr. Morris:—", "She went on:—", "Dr. Seward said:—"]
    sentences, lines = [], []
    for number, intro in enumerate(intros):
        start = number * 100
        sentences.append(Passage(PassageKind.SENTENCE, number, start, start + len(intro), intro, 0, number))
        lines.append(SpokenLine(start + len(intro) + 2, "I have brought some Winchesters.", "Dr. Seward", 1.0, None, 0, number))
    source = TriviaSource("s", "S", lines, sentences, {}, Plot((), Cast(sentences, people)))
    facts = Facts.of(source)
    assert [facts.introduced_otherwise(line) for line in lines] == [True, True, False]


def test_forms_of_one_given_name_are_one_person_among_options() -> None:
    from bot.trivia.people import are_aliases

    assert are_aliases("Kit", "Kitty")
    assert are_aliases("Bill", "William Hale")
    assert are_aliases("Peggy", "Margaret")
    assert are_aliases("Bess", "Betty")
    assert not are_aliases("Walter", "Ruth")
    assert not are_aliases("Louisa", "Elizabeth")  # two given names that share a nickname
    assert not are_aliases("Edith Crane", "Walter")
