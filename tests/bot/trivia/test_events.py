"""Who-did-what questions from invented narration: a certain subject, fair options, no spoilers."""

import time

from bot.text.ingest import parse_work
from bot.trivia.actions import action_after, actions_after
from bot.trivia.events import find_events, plot_of
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource
from bot.trivia.people import Person, are_aliases
from bot.trivia.question import QuestionKind
from bot.trivia.service import within

PEOPLE = [
    Person("Edith Crane", ("Edith Crane", "Edith", "Miss Crane"), "f", 0, 40),
    Person("Ruth", ("Ruth", "Ruth Vole"), "f", 0, 30),
    Person("Mrs. Pell", ("Mrs. Pell",), "f", 0, 20),
    Person("Nora", ("Nora",), "f", 0, 12),
    Person("Clara Mott", ("Clara Mott", "Clara"), "f", 0, 12),
    Person("Agnes Hale", ("Agnes Hale", "Agnes"), "f", 0, 12),
    Person("Miss Vole", ("Miss Vole",), "f", 0, 12),  # Ruth under her surname, never tied by the text
    Person("Walter", ("Walter",), "m", 0, 25),
    Person("Captain Lisle", ("Captain Lisle", "Hetty Lisle"), "f", 0, 15),  # misread: a captain as a woman
]
DEEDS = [
    "Edith buried the brass compass under the quince tree.",
    "Ruth pawned her grandmother's locket in Ludlow.",
    "Mrs. Pell poisoned the gardener's terrier.",
    "Nora smuggled the ledger to Calais.",
    "Walter shot the heron.",
    "Captain Lisle sank the smuggler's lugger.",
    "Edith sketched the ruined abbey at Tintern.",
    "Ruth hid the blackmailer's letters in a hatbox.",
    "Mrs. Pell dismissed the drunken coachman.",
    "Nora rescued the drowning spaniel from the weir.",
    "Walter forged his uncle's will in Ludlow.",
    "Edith sold the harpsichord to the curate.",
    "Ruth nursed the feverish blacksmith through the winter.",
    "Mrs. Pell embroidered a christening gown for Lady Hale.",
    "Walter wrecked the gig on the turnpike.",
    "Nora stole the vicar's umbrella.",
]
FREEZE_SECONDS = 5.0
"""A guard against work that grows with the square of a sentence (seconds, not a speed measure): the
cases below once took from half a minute to several minutes."""
FILLER = "Ruth, Mrs. Pell, Nora, Clara Mott, Agnes Hale, Miss Vole and Walter came by. Edith Crane was there too."


def source(text: str, people: list[Person] = PEOPLE) -> TriviaSource:
    work = parse_work(text)
    paragraphs = {p.ordinal: p.ordinal for p in work.paragraphs}
    return TriviaSource("test", work.title, [], work.sentences, paragraphs, plot_of(work.sentences, people))


def chapters(deeds: list[str]) -> str:
    return "".join(f"Chapter {n}\n\n{FILLER}\n\n{deed}\n\n" for n, deed in enumerate(deeds, 1))


def test_an_action_is_a_past_tense_verb_with_an_object_the_reader_can_place() -> None:
    assert action_after("wrote to her brother at Ludlow.", "f").text == "wrote to her brother at Ludlow"
    assert action_after("suddenly seized the poker, and ran.", "m").text == "seized the poker"
    for rest in (
        "was tired of the garden.",  # being
        "could not forgive the colonel.",  # a modal and a negation
        "nearly seized the poker.",  # a hedge
        "kissed her.",  # her: someone else
        "gave her the letter.",
        "slapped him on the shoulder.",  # him: who?
        "wrote to his brother.",  # his after a woman
        "emitted a sound between a sniff and a grunt.",  # the clause may end inside a phrase
        "said that the carriage was late.",  # a speech tag
    ):
        assert action_after(rest, "f") is None, rest


def test_events_come_from_narration_with_a_named_subject_only() -> None:
    text = (
        "Chapter 1\n\n"
        "Edith buried the brass compass under the quince tree.\n\n"
        "“Ruth pawned the silver locket in Ludlow. Nora smuggled the ledger out of the bank.” Edith laughed.\n\n"
        "If Walter had shot the heron, nobody would have known.\n\n"
        "She poisoned the gardener's terrier.\n\n"
        "Walter never shot the heron.\n\n"
        "Did Nora smuggle the ledger?\n\n"
        "The storm passed, and Walter rowed the dinghy across the harbour.\n\n"
        "It left her, Ruth, and Nora stranded in a Shropshire hotel.\n\n"
    )
    statements = [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)]
    assert statements == ["Edith buried the brass compass under the quince tree.", "Walter rowed the dinghy across the harbour."]


def test_speech_in_single_quotes_or_after_a_stray_mark_is_no_narration() -> None:
    text = (
        "Chapter 1\n\n"
        "‘I saw it from the lane. Ruth pawned the silver locket in Ludlow. Then she ran off,’ said Edith.\n\n"
        "Ruth was at the Pells’ farm at dawn. ‘Wait. Nora smuggled the ledger to Calais. Ask anyone.’\n\n"
        "The storm ended.” Then Edith cried out, “Come and see. Walter shot the heron. It is dead.”\n\n"
        "Edith buried the brass compass under the quince tree.\n\n"
    )
    statements = [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)]
    assert statements == ["Edith buried the brass compass under the quince tree."]


def test_an_action_that_names_the_answer_in_a_possessive_is_no_event() -> None:
    text = "Chapter 1\n\nEdith visited Mrs. Crane’s grave at Ludlow.\n\nWalter sold Walter's gig to the curate.\n\n"
    assert find_events(parse_work(text).sentences, PEOPLE) == []


def test_words_with_accents_are_whole_words() -> None:
    assert action_after("sketched the old Münster at Köln.", "f").text == "sketched the old Münster at Köln"
    text = "Chapter 1\n\nNora smuggled the ledger to Zürich.\n\n"
    assert [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)] == [
        "Nora smuggled the ledger to Zürich."
    ]


def test_an_action_the_book_tells_twice_is_no_event() -> None:
    text = "Chapter 1\n\nEdith buried the brass compass.\n\nLater she buried the compass again.\n\n"
    assert find_events(parse_work(text).sentences, PEOPLE) == []


def test_who_did_it_offers_people_of_the_same_gender_never_the_answer_twice_nor_whom_it_names() -> None:
    work = source(chapters(DEEDS))
    questions = generate(work, count=20, seed=3, kinds=[QuestionKind.EVENT])
    assert questions
    people = {person.name: person for person in PEOPLE}
    for question in questions:
        event = next(e for e in work.plot.events if e.sentence.start == question.offset)
        assert question.text == f"Who {event.predicate}?" and question.answer == event.person.name
        assert not any(alias in question.text for alias in event.person.aliases)
        assert len(question.options) == 4 and question.options.count(question.answer) == 1
        assert {people[option].gender for option in question.options} == {event.person.gender}
        assert not any(are_aliases(a, b) for a in question.options for b in question.options if a != b)
        assert "Miss Vole" not in question.options or "Ruth" not in question.options
        assert "Captain Lisle" not in question.options  # a captain's "f" is a misread: never asked or offered
        named = {word for word in question.text.replace("?", "").split() if word[:1].isupper()} - {"Who", "Lady"}
        wrong = [option for option in question.options if option != question.answer]
        assert not any(named & set(option.split()) for option in wrong), question  # Lady Hale may be Agnes Hale
        assert not any(mark in question.text for mark in "_*=“”")


def test_no_two_questions_of_a_game_from_one_sentence_and_answers_spread() -> None:
    work = source(chapters(DEEDS))
    questions = generate(work, count=12, seed=1, kinds=[QuestionKind.EVENT, QuestionKind.WHICH_CAME_FIRST])
    offsets = [question.offset for question in questions]
    assert len(offsets) == len(set(offsets))
    answers = [question.answer for question in questions if question.kind is QuestionKind.EVENT]
    assert answers and max(answers.count(answer) for answer in answers) <= 3


def test_which_came_first_compares_events_in_chapter_order() -> None:
    work = source(chapters(DEEDS[:6]))
    questions = generate(work, count=6, seed=2, kinds=[QuestionKind.WHICH_CAME_FIRST])
    assert questions
    order = [event.statement for event in work.plot.events]
    for question in questions:
        [other] = [option for option in question.options if option != question.answer]
        assert order.index(question.answer) < order.index(other)


def test_a_game_up_to_a_chapter_asks_nothing_from_later_chapters() -> None:
    work = source(chapters(DEEDS))
    early = within(work, range(0, 5))
    questions = generate(early, count=20, seed=1, kinds=[QuestionKind.EVENT, QuestionKind.WHICH_CAME_FIRST])
    last = max(sentence.end for sentence in early.sentences)
    assert questions and all(question.offset is not None and question.offset < last for question in questions)
    shown = " ".join(text for question in questions for text in (question.text, *question.options))
    assert "lugger" not in shown and "umbrella" not in shown


def test_clauses_keep_their_determiners_and_prepositions_and_an_infinitive_is_an_object() -> None:
    assert action_after("wore her amethyst brooch to church that day as usual.", "f").text == (
        "wore her amethyst brooch to church that day as usual"
    )
    assert action_after("steadfastly refused to confess.", "f").text == "refused to confess"
    assert action_after("had brought her slate down on Gilbert's head.", "f").text == "had brought her slate down on Gilbert's head"
    assert action_after("had been to Ludlow.", "f") is None


def test_which_came_first_leaves_out_states_and_what_is_told_in_retrospect() -> None:
    deeds = [*DEEDS[:6], "Edith had sketched the ruined abbey at Tintern.", "Nora lived in a cottage at Ludlow."]
    work = source(chapters(deeds))
    shown = {option for q in generate(work, count=20, seed=4, kinds=[QuestionKind.WHICH_CAME_FIRST]) for option in q.options}
    assert shown and not any("Tintern" in option or "cottage" in option for option in shown)
    assert {event.predicate for event in work.plot.events} >= {"had sketched the ruined abbey at Tintern", "lived in a cottage at Ludlow"}


def test_verbs_joined_to_the_subject_are_its_actions_until_another_subject_may_come_in() -> None:
    def joined(rest: str) -> list[str]:
        return [action.text for action in actions_after(rest, "f")]

    assert joined("went to her room at intervals and searched for the brooch.") == [
        "went to her room at intervals",
        "searched for the brooch",
    ]
    assert joined("retreated to the kitchen, set the candle on the table, and glared at Matthew.") == [
        "retreated to the kitchen",
        "glared at Matthew",
    ]
    assert joined("clung to the rail, and a dozen hands gripped, clutched, and tore at the Unseen.") == ["clung to the rail"]
    assert joined("wrote to Diana, who answered and sent a cake.") == ["wrote to Diana"]


def _told(text: str) -> list[tuple[str, str]]:
    return [(event.person.name, event.predicate) for event in find_events(parse_work(f"Chapter 1\n\n{text}\n\n").sentences, PEOPLE)]


def test_he_or_she_is_the_named_subject_just_before_when_no_one_else_could_be_meant() -> None:
    assert _told("Edith walked down to the mill. She buried the brass compass under the quince tree.") == [
        ("Edith Crane", "buried the brass compass under the quince tree")
    ]
    assert _told("Walter rose at dawn, and he shot the heron.") == [("Walter", "shot the heron")]
    assert _told("Edith spoke with Walter. She buried the brass compass.") == [("Edith Crane", "buried the brass compass")]
    assert _told("The parcel was for Edith. She buried the brass compass.") == [("Edith Crane", "buried the brass compass")]


def test_a_pronoun_is_refused_when_its_referent_is_not_certain() -> None:
    for text in (
        "Edith met Ruth at the mill. She buried the brass compass.",  # two women named
        "Ruth and Edith walked down. She buried the brass compass.",  # Edith is no clause's subject alone
        "Walter met an old gentleman at the inn. He shot the heron.",  # a man unnamed
        "Walter waited at Hexham. He shot the heron.",  # a capitalised word: maybe a person
        "Edith watched him go. She buried the brass compass.",  # someone else in the scene
        "Edith’s aunt came down. She buried the brass compass.",  # a possessive name is no subject
        "“Go away,” Edith said. She buried the brass compass.",  # a quotation between
        "The storm passed. She buried the brass compass.",  # nobody named
        "Edith took her to the mill, and she buried the brass compass.",  # her: another woman
        "It was all for a Miss Crane. She buried the brass compass.",  # anyone of the name
        "To Edith, indeed, she buried the brass compass.",  # Edith no subject, in the pronoun's sentence
        "Unluckily for Edith, an elocutionist came. She buried the brass compass.",  # a person unknown to the dictionary
        "Walter had died abroad, and as the rent was late, he cancelled the lease. He shot the heron.",  # who?
    ):
        assert not [deed for _, deed in _told(text) if deed.endswith(("compass", "heron"))], text


def test_a_named_subject_may_follow_a_phrase_of_time_or_an_adverb_of_time() -> None:
    assert _told("That evening Edith buried the brass compass.") == [("Edith Crane", "buried the brass compass")]
    assert _told("In the grey morning Walter shot the heron.") == [("Walter", "shot the heron")]
    assert _told("Walter then shot the heron.") == [("Walter", "shot the heron")]
    assert _told("That was when Walter shot the heron.") == []  # no phrase of time
    assert _told("Edith’s sister buried the brass compass.") == []
    assert _told("Walter also shot the heron.") == []  # someone else did too
    assert _told("In the letter to Walter wrote the heron.") == []


def test_a_dash_parts_words_and_participles_after_being_are_no_actions() -> None:
    assert action_after("mentally accused it--very forgivingly--of a want of finish.", "m") is None
    assert [action.text for action in actions_after("was too much shocked and puzzled even for indignation.", "f")] == []
    assert action_after("scrutinised the waste-paper basket.", "m").text == "scrutinised the waste-paper basket"


def test_a_chain_of_pronouns_keeps_its_referent_while_no_one_else_comes_in() -> None:
    assert _told("Edith walked down to the mill. She wept. She buried the brass compass.") == [
        ("Edith Crane", "buried the brass compass")
    ]
    assert _told("Edith walked down to the mill. She met the miller. She buried the brass compass.") == []


def test_two_names_joined_by_and_are_one_phrase_not_two_clauses() -> None:
    assert action_after("exaggerated the Punch and Judy aspect of life.", "f") is None
    assert action_after("wrote to Walter and Ruth about the lease.", "f") is None  # to both?
    assert action_after("wrote to Walter and then rode to Ludlow.", "f").text == "wrote to Walter"


def test_an_action_is_told_twice_only_when_its_verb_comes_again_with_the_same_thing_not_the_same_name() -> None:
    assert _told("Edith rowed to the island with Walter.\n\nRuth rowed to the mill with Walter.") == [
        ("Edith Crane", "rowed to the island with Walter"),
        ("Ruth", "rowed to the mill with Walter"),
    ]
    assert _told("Edith rowed to the island with Walter.\n\nRuth rowed to the island at noon.") == []


def test_a_gesture_of_ones_own_body_is_no_event_even_towards_a_named_person() -> None:
    assert _told("Edith held out her hand gaily to Walter.") == []
    assert _told("Edith darted her eyes over Nora from head to foot.") == []
    assert _told("Edith brought her slate down on Walter's head.") == [("Edith Crane", "brought her slate down on Walter's head")]


def test_a_name_before_the_s_of_a_lost_apostrophe_is_no_subject() -> None:
    assert _told("Edith s aunt sighed, and then buried the brass compass.") == []
    assert _told("Edith s aunt walked to the mill with Walter.") == []


def test_a_hostile_sentence_is_read_in_linear_time() -> None:
    find_events(parse_work("Chapter 1\n\nEdith buried the brass compass.\n").sentences, PEOPLE)  # loads the word lists
    long_word = parse_work("Chapter 1\n\nEdith " + "A" * 30_000 + " x, Edith buried the brass compass.\n").sentences
    chain = "buried the brass compass" + " and carried the sack" * 5_000 + "."
    began = time.perf_counter()
    assert [event.predicate for event in find_events(long_word, PEOPLE)] == ["buried the brass compass"]
    assert len(actions_after(chain, "f")) > 1
    assert time.perf_counter() - began < FREEZE_SECONDS


def test_an_action_done_to_a_person_alone_a_body_or_an_abstraction_is_no_event() -> None:
    text = (
        "Chapter 1\n\n"
        "Edith glared at Walter across the pew.\n\n"  # a thing (the pew): kept
        "Ruth glared at Walter.\n\n"  # a person alone
        "Nora clutched Walter's telescope.\n\n"  # a thing: kept
        "Clara Mott clutched Walter's hand.\n\n"  # a part of the body
        "Agnes Hale greeted Walter with frigid civilities.\n\n"  # an abstraction (a plural too)
        "Mrs. Pell came to take leave of Walter.\n\n"  # "take" is a verb here, no thing
    )
    statements = [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)]
    assert statements == ["Edith glared at Walter across the pew.", "Nora clutched Walter's telescope."]


def test_no_question_shows_a_name_broken_where_the_source_lost_an_accented_letter() -> None:
    broken = Person("Am lie Vale", ("Am lie Vale", "Amalie"), "f", 0, 30)  # "Amélie", its é lost
    work = source(chapters([*DEEDS, "Amalie drowned the kittens in the millpond."]), [*PEOPLE, broken])
    assert any(event.person is broken for event in work.plot.events)
    shown = [text for q in generate(work, count=30, seed=3, kinds=[QuestionKind.EVENT]) for text in (q.text, *q.options)]
    assert shown and "Am lie Vale" not in shown


def test_a_days_routine_is_no_event_wherever_it_is_done() -> None:
    text = "Chapter 1\n\nWalter dined at the Quayside Inn.\n\nNora pushed the ledger toward Walter.\n\nEdith buried the brass compass.\n\n"
    assert [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)] == ["Edith buried the brass compass."]


def test_a_generic_verb_or_a_journey_to_a_place_alone_is_no_event() -> None:
    text = (
        "Chapter 1\n\nWalter went to Calais with Nora.\n\nEdith passed through the Tollen Viaduct.\n\n"
        "Ruth followed Walter to the Tollen Viaduct.\n\nEdith buried the brass compass.\n\n"
    )
    statements = [event.statement for event in find_events(parse_work(text).sentences, PEOPLE)]
    assert statements == ["Ruth followed Walter to the Tollen Viaduct.", "Edith buried the brass compass."]


def test_which_came_first_compares_only_turns_of_the_plot() -> None:
    work = source(chapters(DEEDS))
    shown = {option for q in generate(work, count=20, seed=5, kinds=[QuestionKind.WHICH_CAME_FIRST]) for option in q.options}
    assert shown and "Nora smuggled the ledger to Calais." not in shown  # a slight action, tied to no one
    assert "Edith sketched the ruined abbey at Tintern." not in shown
    assert "Nora smuggled the ledger to Calais." in {event.statement for event in work.plot.events}  # still asked as who-did-it
