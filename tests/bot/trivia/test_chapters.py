"""Which-came-first from chapter titles that tell what happens (invented books): the earlier chapter is
the answer, the two are chapters apart, titles that tell their place are left out, no spoilers."""

from collections import Counter

from bot.text.ingest import parse_work
from bot.trivia.chapters import telling_title, titled_chapters
from bot.trivia.events import plot_of
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource
from bot.trivia.people import Person
from bot.trivia.quality import Admission
from bot.trivia.question import QuestionKind
from bot.trivia.service import within

PEOPLE = [Person("Edith Crane", ("Edith Crane", "Edith"), "f", 0, 40), Person("Walter", ("Walter",), "m", 0, 25)]
TITLES = [
    "Edith Finds a Brass Compass",
    "The Quarrel at the Mill",
    "Walter Sells the Harpsichord",
    "A Storm over the Weir",
    "The Heron Is Shot",
    "Edith Pawns the Locket",
    "The Smuggler's Lugger",
    "A Ball at the Vicarage",
    "The End of the Mill",  # tells its place: never asked
    "Walter Forges a Will",
    "The Fire in the Orchard",
    "Edith Goes to Calais",
]


def book(titles: list[str]) -> str:
    body = "Edith walked by the river with Walter. The day was grey and the mill wheel turned."
    return "".join(f"Chapter {n}: {title}\n\n{body}\n\n" for n, title in enumerate(titles, 1))


def source(text: str) -> TriviaSource:
    work = parse_work(text)
    paragraphs = {p.ordinal: p.ordinal for p in work.paragraphs}
    titles = {section.section: section.title for section in work.sections}
    return TriviaSource("test", work.title, [], work.sentences, paragraphs, plot_of(work.sentences, PEOPLE, titles))


def test_a_title_tells_an_event_when_it_holds_an_uncommon_word() -> None:
    assert telling_title("The Strange Man S Arrival") == "The Strange Man’s Arrival"
    assert telling_title(">The Quarrel at the Mill.") == "The Quarrel at the Mill"
    assert telling_title("The Next Day") is None
    assert telling_title("Vexation") is None  # one word tells too little
    assert telling_title("Dr. Ames’s Diary") is None  # the record a chapter is written in, not an event


def test_a_title_several_chapters_share_is_no_chapter_s() -> None:
    titles = ["The Quarrel at the Mill", "Walter’s Ledger", "Walter’s Ledger—Continued", "The Fire in the Orchard"]
    assert [chapter.title for chapter in source(book(titles)).plot.chapters] == [titles[0], titles[3]]


def test_only_numbered_chapters_with_a_title_count() -> None:
    work = source("Chapter 1: The Quarrel at the Mill\n\nEdith wept.\n\nChapter 2\n\nWalter left.\n\nEpilogue\n\nAll was well.\n\n")
    assert [(chapter.number, chapter.title) for chapter in work.plot.chapters] == [("1", "The Quarrel at the Mill")]
    assert titled_chapters({}, work.sentences) == []


def test_which_came_first_asks_for_the_earlier_of_two_chapters_apart() -> None:
    work = source(book(TITLES))
    questions = generate(work, count=20, seed=3, kinds=[QuestionKind.WHICH_CAME_FIRST])
    assert len(questions) >= 5
    order = [chapter.title for chapter in work.plot.chapters]
    for question in questions:
        [later] = [option for option in question.options if option != question.answer]
        assert order.index(later) - order.index(question.answer) >= 3  # a quarter of twelve sections
        assert "The End of the Mill" not in question.options
    later_shown = Counter(option for q in questions for option in q.options if option != q.answer)
    assert max(later_shown.values()) <= 2  # no title is the wrong option again and again


def test_a_game_up_to_a_chapter_shows_no_later_title() -> None:
    work = source(book(TITLES))
    early = within(work, range(0, 8))
    questions = generate(early, count=20, seed=1, kinds=[QuestionKind.WHICH_CAME_FIRST])
    shown = {option for question in questions for option in question.options}
    assert questions and shown <= set(TITLES[:8])


def test_each_pair_is_a_question_of_its_own_for_a_channel_s_recent_questions() -> None:
    work = source(book(TITLES))
    first = generate(work, count=1, seed=5, kinds=[QuestionKind.WHICH_CAME_FIRST])
    recent = Admission("test", recent={question.text for question in first})
    later = generate(work, count=3, seed=6, kinds=[QuestionKind.WHICH_CAME_FIRST], admit=recent)
    assert first and len(later) == 3
    assert all(all(f"“{option}”" in question.text for option in question.options) for question in [*first, *later])


def test_a_pair_reads_the_same_whichever_game_asks_it_and_its_text_does_not_tell_the_answer() -> None:
    work = source(book(TITLES))
    asked = [q for seed in range(8) for q in generate(work, count=20, seed=seed, kinds=[QuestionKind.WHICH_CAME_FIRST])]
    texts: dict[frozenset[str], set[str]] = {}
    for question in asked:
        texts.setdefault(frozenset(question.options), set()).add(question.text)
    assert all(len(found) == 1 for found in texts.values())
    answer_named_first = [q.text.index(q.answer) < min(q.text.index(o) for o in q.options if o != q.answer) for q in asked]
    assert any(answer_named_first) and not all(answer_named_first)


CAST = [
    Person("Edith Crane", ("Edith Crane", "Edith"), "f", 0, 40),
    Person("Ruth", ("Ruth",), "f", 0, 30),
    Person("Nora", ("Nora",), "f", 0, 20),
    Person("Walter", ("Walter",), "m", 0, 25),
]
DEED_TITLES = [
    "Walter Sells the Harpsichord",
    "Edith Is Invited to Tea",  # and Ruth too: who was invited is ambiguous
    "Edith Makes Up Her Mind",  # no uncommon word: no plot point
    "Ruth Pawns the Locket",
    "Ruth Is Invited to Tea",
    "The Quarrel at the Mill",
]


def test_a_title_that_tells_who_does_what_asks_who_did_it_among_the_people_of_the_scene() -> None:
    body = "Edith, Ruth and Nora sat with Walter by the river. Edith Crane was there, and Ruth, and Nora."
    text = "".join(f"Chapter {n}: {title}\n\n{body}\n\n" for n, title in enumerate(DEED_TITLES, 1))
    work = parse_work(text)
    titles = {section.section: section.title for section in work.sections}
    plot = plot_of(work.sentences, CAST, titles)
    paragraphs = {p.ordinal: p.ordinal for p in work.paragraphs}
    asked = generate(TriviaSource("t", "T", [], work.sentences, paragraphs, plot), count=10, seed=1, kinds=[QuestionKind.EVENT])
    assert [(q.text, q.answer) for q in asked] == [("Who pawns the locket?", "Ruth")]
    assert set(asked[0].options) == {"Ruth", "Edith Crane", "Nora"}  # Walter is a man: "Who sells…" has too few rivals
