"""Question analysis: kinds, focus words, names, words the work never mentions."""

from __future__ import annotations

from bot.ask.answer_types import AnswerType
from bot.ask.question import QuestionKind, described_names, focus_words, names_in, parse_question, question_kind
from bot.search.engine import QuoteIndex
from bot.search.textnorm import term, words

STORY = [
    "Derek came back to Beacon Hills because of Stiles.",
    "William will come.",
    "Stiles became a hunter after Theo hurt his dad.",
    "Lydia drank coffee in the old coffee shop.",
    "The smallest dog barked.",
]


def vocabulary():
    return QuoteIndex(enumerate(STORY)).vocabulary


def test_the_question_word_gives_the_kind() -> None:
    assert question_kind(words("So why did Derek leave?")) is QuestionKind.WHY
    assert question_kind(words("Whom did Lydia meet?")) is QuestionKind.WHO
    assert question_kind(words("Did Lydia drink coffee?")) is QuestionKind.OTHER


def test_the_form_of_a_question_is_not_evidence() -> None:
    assert focus_words(words("Why did Derek come back to Beacon Hills?")) == [
        "derek",
        "come",
        "back",
        "beacon",
        "hills",
    ]
    assert focus_words(words("What is Lydia's coffee like?")) == ["lydia", "coffee"]
    assert focus_words(words("How long did they stay, how long?")) == ["stay"]
    assert focus_words(words("Which floor was the narrator's room on?")) == ["floor", "room"]


def test_the_book_is_the_work_but_a_book_is_evidence() -> None:
    assert focus_words(words("Who dies at the end of the book?")) == ["dies", "end"]
    assert focus_words(words("Which book did Mr. Ashby read aloud?")) == ["book", "mr", "ashby", "read", "aloud"]


def test_one_focus_word_per_term() -> None:
    assert focus_words(words("Why did Derek leave, and why had he left?")) == ["derek", "leave"]


def test_capitalised_words_inside_the_question_are_names() -> None:
    assert names_in("Why did Derek leave Beacon Hills?") == {"derek", "beacon", "hills"}
    assert names_in("Where is it? Lydia knows.") == set()


def test_a_word_the_work_never_mentions_is_unknown() -> None:
    question = parse_question("Where did Stiles go to college?", vocabulary())
    assert question is not None
    college = next(word for word in question.focus if word.word == "college")
    assert not college.known and question.unknown_share > 0.5


def test_short_words_are_not_taken_for_typos_of_others() -> None:
    question = parse_question("Whose cat barked?", vocabulary())
    assert question is not None
    assert not next(word for word in question.focus if word.word == "cat").known


def test_long_typos_are_still_corrected() -> None:
    question = parse_question("Who is Lydiaa?", vocabulary())
    assert question is not None and question.focus[0].known


def test_a_question_of_form_words_only_cannot_be_searched() -> None:
    assert parse_question("What is it?", vocabulary()) is None


def test_how_old_how_long_and_what_age_ask_for_a_measure() -> None:
    for text in ("How old was Justine?", "How long did they sit there?", "At what age did he leave?"):
        assert question_kind(words(text)) is QuestionKind.MEASURE, text
    assert focus_words(words("How old was Justine?")) == ["justine"]


def test_what_did_x_look_like_asks_for_a_description() -> None:
    question = parse_question("What did Lydia look like?", vocabulary())
    assert question is not None and question.defines
    assert [word.word for word in question.focus] == ["lydia"]


def test_a_measure_question_expects_numbers_and_the_words_of_its_measure() -> None:
    question = parse_question("How tall was Derek?", vocabulary())
    assert question is not None and question.kind is QuestionKind.MEASURE and question.attribute == "tall"
    assert {term("eight"), term("feet"), term("height")} <= question.cues
    assert [word.word for word in question.focus] == ["derek"]


def test_what_colour_expects_colours_not_numbers() -> None:
    question = parse_question("What colour are Stiles' eyes?", vocabulary())
    assert question is not None and question.kind is QuestionKind.MEASURE
    assert term("amber") in question.cues and term("eight") not in question.cues
    assert [word.word for word in question.focus] == ["stiles", "eyes"]


def test_a_name_stands_for_itself_only() -> None:
    question = parse_question("Did William come?", vocabulary())
    assert question is not None
    william = next(word for word in question.focus if word.word == "william")
    assert william.is_name and william.alternatives == {term("william"): 1.0}


def test_a_name_followed_by_a_comma_and_a_noun_phrase_is_described() -> None:
    assert described_names("He met M. Krempe, professor of natural philosophy.") == {term("krempe")}
    assert described_names("Mr. Kirwin, a magistrate, came in.") == {term("kirwin")}
    assert described_names("Stiles, I said, come here.") == frozenset()


def test_a_word_the_work_lacks_weighs_by_its_rarity_in_english_and_is_not_stood_for_by_far_words() -> None:
    sentences = ["The term was set.", "He hurt his foot.", *(f"She walked home on day {n}." for n in range(3000))]
    vocabulary = QuoteIndex(enumerate(sentences)).vocabulary
    question = parse_question("Which football team did she put her dragon in?", vocabulary)
    assert question is not None
    by_word = {word.word: word for word in question.focus}
    assert not by_word["football"].known and not by_word["team"].known
    assert by_word["put"].weight < by_word["dragon"].weight


def test_a_question_about_someones_job_asks_for_a_trade_and_its_job_words_are_no_evidence() -> None:
    for text in ("What was Lydia's job?", "What did Derek do for a living?", "What does Stiles's dad do?"):
        question = parse_question(text, vocabulary())
        assert question is not None and question.answer_type is AnswerType.TRADE, text
        assert not {"job", "living"} & {word.word for word in question.focus}
    for text in (
        "What did Derek do in Beacon Hills?",
        "What did Derek do?",
        "Who was calling for help?",
        "What did Derek trade for the car?",
    ):
        question = parse_question(text, vocabulary())
        assert question is not None and question.answer_type is not AnswerType.TRADE, text
    question = parse_question("What was Derek by trade?", vocabulary())
    assert question is not None and question.answer_type is AnswerType.TRADE


def test_where_the_reader_stands_is_no_evidence() -> None:
    question = parse_question("Where was Lydia drinking coffee when we first meet her?", vocabulary())
    assert question is not None and {word.word for word in question.focus} == {"lydia", "drinking", "coffee"}
    question = parse_question("What did Stiles become at the start of the book?", vocabulary())
    assert question is not None and {word.word for word in question.focus} == {"stiles", "become"}
