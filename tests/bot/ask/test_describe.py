"""Who is X: the sentences that say what X is, not those that merely name X."""

from __future__ import annotations

import pytest

from bot.ask.answers import adds_to, is_non_answer
from bot.ask.describe import Sentence, describe, name_pattern, shape_strength
from bot.ask.summary import summarise, towards_end
from bot.ask.who_is import as_read, quotation_marks
from bot.attribution.lexicon import FEMALE
from bot.text.model import Passage, PassageKind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kit was the delight of her mother's life.", "Kit"),
        ("For twenty years Amos had been butler for Mr. Pellow.", "Amos"),
        ("He called on his old friend and family physician, Doctor Penhallow.", "Doctor Penhallow"),
        ("The poor little Lizard, Bill, was in the middle.", "Bill"),
        ("Quillan, of the Riverton Courier, was one of them.", "Quillan"),
        ("He was known to all, on account of his gloom, was called Grumble.", "Grumble"),
        ("They soon came upon a Gryphon, lying fast asleep.", "Gryphon"),
        ("I told you of him, Dr. John Seward, the asylum man.", "Dr. Seward"),
        ("He ran across his friend Ned Winsett in the lobby.", "Ned Winsett"),
        ("Her aunt Juley came to stay.", "Juley"),
        ("Lefferts was, on the whole, the foremost authority on form.", "Lefferts"),
        ("Old Jackson was as great an authority on family as anyone.", "Jackson"),
        ("The photograph showed a young lady called Jacky.", "Jacky"),
        ("Dolly, Charles's wife, sat by the window.", "Dolly"),
        ("He had married Tom's sister, Dolly, in June.", "Dolly"),
        ("His father was Jackson's uncle.", "Jackson"),
    ],
)
def test_a_description_has_a_shape(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) > 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("And Derek being Derek decided that it was for the best.", "Derek"),
        ("Who is Mr. Kirwin?", "Kirwin"),
        ('"Come back!" said Alice, a good deal frightened.', "Alice"),
        ("They bowed to the King, the Queen, the royal children.", "Queen"),
        ("Luckily for Alice, the little bottle had done its work.", "Alice"),
        ("The Hatter was the first to break the silence.", "Hatter"),
        ("Mademoiselle Varenne was shuffling away.", "Mademoiselle Varenne"),
        ("Guests: Henry Luyden--Louisa--the Lovell Mingotts--the Chiverses--Lefferts and Gertrude.", "Lefferts"),
        ("She sat in a box with the Beauforts, Lefferts and two other men.", "Lefferts"),
        ('"Houses ought to be sold by a lawyer, Charles, surely."', "Charles"),
        ('"Yes, indeed," nodded Evie, a little contemptuously.', "Evie"),
        ("My name is Mrs. Munt.", "Mrs. Munt"),
        ("And at home we have another called Tibby.", "Tibby"),
        ("Helen, of course.", "Helen"),
        ("Mr. Wilcox was a little apt to think so.", "Mr. Wilcox"),
        ("Charles is the same, Dolly the same.", "Charles"),
        ("After the row at the Hilton Tennis Club, Dolly forgot her news.", "Dolly"),
        ("Within a minute Lord Godalming, Dr. Seward, and Mr. Morris were with us.", "Dr. Seward"),
        ("She is anxious, and her husband, Lucy's father, had the same habit.", "Lucy"),
        ("The last I saw of Count Dracula was his kissing his hand to me.", "Count Dracula"),
        ("If I write no more Good-bye, Mina!", "Mina"),
        ("“Lucy, the time has come and gone.”", "Lucy"),
        ("Rosalind, with her mother and her cousin, came down to dinner.", "Rosalind"),
        ("Tobias, the only one among them who could swim, went first.", "Tobias"),
        ("On the bed lay Jon Hark, his face flushed and breathing heavily.", "Jon Hark"),
    ],
)
def test_naming_someone_does_not_describe_them(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) == 0


def test_he_was_after_a_sentence_naming_him_describes_him_and_earlier_counts_more() -> None:
    named = [
        Sentence(1, "Mr. Ashby wore a grey coat.", 0, 1),
        Sentence(5, "Mr. Ashby was a miller.", 3, 5),
        Sentence(9, "Mr. Ashby was a stern father.", 5, 9),
        Sentence(12, "Mr. Ashby walked home.", 6, 12),
    ]
    following = {1: [Sentence(2, "He was a man of fifty, of great height.", 0, 2)]}
    found = describe(named, following, ["Mr. Ashby"])
    assert [d.key for d in found] == [5, 9, 2]


def test_headings_signatures_and_date_lines_never_answer() -> None:
    assert is_non_answer("CHAPTER IV. Mina Harker's Journal")
    assert is_non_answer("Your loving Mina.")
    assert is_non_answer("3 May. Bistritz.")
    assert is_non_answer("The Rabbit Sends in a Little Bill")
    assert is_non_answer("Dr. Seward.")
    assert not is_non_answer("Mina was the brightest and most cheerful of us.")
    assert not is_non_answer("May I come in, sir?")


def test_a_sentence_must_add_to_the_question() -> None:
    assert not adds_to(["derek", "door"], {"derek", "door"})
    assert adds_to(["derek", "stab", "stiles"], {"derek", "stab"})


def test_a_summary_picks_central_distinct_sentences_and_skips_short_lines() -> None:
    sentences = [
        (1, "The ship sailed from the harbour at dawn with the captain aboard."),
        (2, "Yes."),
        (3, "The captain watched the harbour fade as the ship sailed north."),
        (4, "A gull cried somewhere over the grey water far away."),
        (5, "By night the ship and the captain were far from any harbour."),
    ]
    central = summarise(sentences, lambda t: 1.0, 2)
    assert len(central) == 2 and 2 not in {c.key for c in central}
    assert central[0].key in {1, 3, 5}
    assert summarise(sentences, lambda t: 1.0, 1, towards_end)[0].key == 5


def test_a_he_after_her_name_does_not_describe_her_and_opinions_count_less_than_narration() -> None:
    named = [Sentence(1, "Mrs. Munt reached the station.", 0, 1), Sentence(3, 'Evie said: "Mrs. Munt is a bore!"', 1, 3)]
    following = {1: [Sentence(2, "He was a porter of sixty.", 0, 2)]}
    found = describe(named, following, ["Mrs. Munt"], FEMALE)
    assert [d.key for d in found] == [3]
    late = [Sentence(1, "We met a man who would do for you, if you were not engaged to Jonathan.", 0, 1)]
    assert describe(late, {1: [Sentence(2, "He is an excellent match.", 0, 2)]}, ["Jonathan"]) == []
    assert found[0].score < describe([Sentence(3, "Mrs. Munt is a bore.", 1, 3)], {}, ["Mrs. Munt"])[0].score


def test_what_the_text_says_someone_is_outranks_what_they_are_to_someone() -> None:
    named = [
        Sentence(1, "A letter came from his friend, Captain Pell, at last.", 0, 1),
        Sentence(4, "Captain Pell was a tall, dark man with a kind face.", 2, 4),
    ]
    found = describe(named, {}, ["Captain Pell"])
    assert [d.key for d in found] == [4, 1]


def test_what_a_copula_says_outranks_a_bare_label_before_the_name() -> None:
    named = [
        Sentence(1, "Soon the Dane, Mr. Kolding, sat down to dine with us.", 0, 1),
        Sentence(4, "Kolding was a man so quiet that one forgot him.", 2, 4),
    ]
    found = describe(named, {}, ["Mr. Kolding", "Kolding"])
    assert [d.key for d in found] == [4, 1]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rex proved to be an ugly, long-legged hound with a waddling gait.", "Rex"),
        ("The ex-prize-fighter Murdo had been taken up with the rest.", "Murdo"),
        ("There was a cook, and a porter, or gatekeeper, named Murdo.", "Murdo"),
        ("My twin-brother Barnaby and I were the only children.", "Barnaby"),
        ("It was an evil day when I first met the merchant Ahmad.", "Ahmad"),
    ],
)
def test_a_description_may_be_a_compound_role_a_naming_or_proved_to_be(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) > 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"Yes, Rex was the name."', "Rex"),
        ('"Her name is Dora."', "Dora"),
        ("That night Ann and Tom, who had been out to a dance, sat by the fire.", "Tom"),
    ],
)
def test_the_name_alone_or_a_clause_about_a_pair_describes_nothing(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) == 0


def test_a_sentence_inside_a_speech_begun_earlier_is_an_opinion() -> None:
    pattern = name_pattern(["Tom"])
    said, narrated = (shape_strength("Tom is a most ridiculous man.", pattern, spoken) for spoken in (True, False))
    assert 0 < said < narrated


def test_a_clause_after_the_name_may_say_what_he_is() -> None:
    named = [Sentence(1, "But Tom so rarely left home that it must be urgent; he was the shyest man alive.", 0, 1)]
    assert [d.key for d in describe(named, {}, ["Tom"])] == [1]
    other = [Sentence(1, "Tom rarely left home with Ned; he was the shyest man alive.", 0, 1)]
    assert describe(other, {}, ["Tom"]) == []


def test_a_he_after_another_name_is_not_the_one_named_first() -> None:
    named = [Sentence(1, "I'll clear him, Mr. Pell, and tell you more.", 0, 1)]
    following = {1: [Sentence(2, "His name is Jack Hook.", 0, 2), Sentence(3, "He is a poorly-read man.", 0, 3)]}
    assert describe(named, following, ["Mr. Pell"]) == []
    later = {1: [Sentence(2, "He may be right, for he was an odd-looking man.", 0, 2)]}
    assert [d.key for d in describe([Sentence(1, "Mr. Pell dreaded all women.", 0, 1)], later, ["Mr. Pell"])] == [2]


def test_a_he_was_after_the_speaker_of_a_line_describes_the_speaker() -> None:
    """ "'...,' Mr. Pell remarked. He was an elderly man" describes Mr. Pell: a speech tag's speaker is the subject."""
    named = [Sentence(1, '"I am grieved at the ignorance of my family," Mr. Pell remarked.', 0, 1)]
    following = {1: [Sentence(2, "He was an elderly man, with bright eyes.", 0, 2)]}
    assert [d.key for d in describe(named, following, ["Mr. Pell"])] == [2]
    tagged = [Sentence(1, '"I am grieved at the ignorance of my family," said Mr. Pell.', 0, 1)]
    assert [d.key for d in describe(tagged, following, ["Mr. Pell"])] == [2]
    addressed = [Sentence(1, '"I am grieved at the ignorance of my family," said Ann to Mr. Pell.', 0, 1)]
    assert describe(addressed, following, ["Mr. Pell"]) == []


def test_a_capital_inside_the_description_is_no_other_person() -> None:
    """A capitalised word after "He was a ..." belongs to the description ("a Cockney accent"); one before the pronoun
    still names someone else ("Then Tom came in. He was ...")."""
    named = [Sentence(1, "The door would open, and Mr. Pell would come in.", 0, 1)]
    described = {1: [Sentence(2, "He was a thin man of thirty-five, and spoke with a Cockney accent.", 0, 2)]}
    assert [d.key for d in describe(named, described, ["Mr. Pell"])] == [2]
    other = {1: [Sentence(2, "Then Tom Hook came in; he was a thin man of thirty-five.", 0, 2)]}
    assert describe(named, other, ["Mr. Pell"]) == []


def test_what_a_character_thinks_of_someone_counts_less_than_the_narration() -> None:
    """ "she felt that Kate was a personality" is her opinion, as if quoted; "was no more in love than" says nothing."""
    pattern = name_pattern(["Kate"])
    narrated = shape_strength("Kate was a tall girl of twenty.", pattern)
    for reported in (
        "Ann felt that Kate was a tall girl of twenty.",
        "Ann, feeling, as she had said, that Kate was a personality, spoke to her.",
    ):
        assert 0 < shape_strength(reported, pattern) < narrated
    assert shape_strength("Kate was no more in love than the cat was.", pattern) == 0


def paragraph_of(text: str, *sentences: str) -> tuple[Passage, list[Passage]]:
    """A paragraph at offset 100 and its `sentences` (found in it) as passages."""
    paragraph = Passage(PassageKind.PARAGRAPH, 0, 100, 100 + len(text), text, 0, 0)
    at = [text.index(sentence) for sentence in sentences]
    return paragraph, [
        Passage(PassageKind.SENTENCE, n + 1, 100 + start, 100 + start + len(sentence), sentence, 0, 0, id=n + 1)
        for n, (start, sentence) in enumerate(zip(at, sentences, strict=True))
    ]


def test_a_sentence_begins_inside_a_speech_that_closes_in_its_paragraph() -> None:
    paragraph, (inside, outside) = paragraph_of('"I like him. Tom is a kind man." Tom nodded.', "Tom is", "Tom nodded.")
    assert as_read(inside, paragraph).spoken and not as_read(outside, paragraph).spoken


def test_a_paragraph_of_a_letter_left_open_reads_as_narration() -> None:
    text = "“I told you of him, Dr. Pell, the asylum man. He is kind."
    paragraph, (first, second) = paragraph_of(text, "“I told you of him, Dr. Pell, the asylum man.", "He is kind.")
    read = as_read(first, paragraph)
    assert not as_read(second, paragraph).spoken
    assert shape_strength(read.text, name_pattern(["Dr. Pell"]), read.spoken) == shape_strength(
        "I told you of him, Dr. Pell, the asylum man.", name_pattern(["Dr. Pell"])
    )


def test_a_paragraphs_quotation_marks_found_once_read_its_sentences_as_found_each_time() -> None:
    text = "“I told you of him, Dr. Pell, the asylum man. He is kind. “Is he?” she said."
    paragraph, sentences = paragraph_of(text, "“I told you of him, Dr. Pell, the asylum man.", "He is kind.", "“Is he?”")
    marks = quotation_marks(paragraph.text)
    assert marks == [0, 58, 65]
    assert [as_read(s, paragraph, marks) for s in sentences] == [as_read(s, paragraph) for s in sentences]
    assert marks == [0, 58, 65]  # reading takes the letter's opening mark out of a copy, not of the marks given


def test_a_he_was_a_little_after_the_name_describes_nothing() -> None:
    named = [Sentence(1, "Ann frets at the delay, but she is a trifle stouter.", 0, 1)]
    assert describe(named, {}, ["Ann"]) == []


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("They had come to look upon Mr. Pell as a Russian nobleman of great wealth.", True),
        ("She knew Mr. Pell only by sight as a small, shrewish man.", True),
        ("Mr. Pell stood as still as a statue.", False),
    ],
)
def test_what_someone_is_taken_for_describes_them(text: str, described: bool) -> None:
    assert (shape_strength(text, name_pattern(["Mr. Pell"])) > 0) is described


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("By good luck, Mr. Ronald Pike, the well-known member of the county police, was in town.", "Ronald Pike"),
        ("The case is in the hands of Inspector Rudd, of the Harbour Police, who says little.", "Inspector Rudd"),
        ("She went to see her old friend Tessa, a milliner in the square.", "Tessa"),
        ("Miss Ivy Tarrant, now Mrs Hobb, had been good to her at school.", "Mrs Hobb"),
        ("Mrs Hobb had freckles, and a crooked smile, and a quick temper.", "Mrs Hobb"),
        ("Bram Orrin had a long, pale face and very small eyes.", "Bram Orrin"),
        ("Captain Orrin had some years ago been first mate of the Swallow.", "Captain Orrin"),
    ],
)
def test_an_apposition_after_a_comma_an_earlier_name_and_looks_describe(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) > 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("They sat down with the Duke, the Duchess, the cook.", "Duchess"),
        ("And, under the escort of the faithful Pim, the two ladies went into the house.", "Pim"),
        ("Bram Orrin had a moment to spare before the train.", "Bram Orrin"),
    ],
)
def test_one_more_name_of_a_list_or_a_new_clause_after_a_phrase_is_no_apposition(text: str, name: str) -> None:
    assert shape_strength(text, name_pattern([name])) == 0


def test_a_copula_before_a_role_counts_as_much_as_one_before_an_article() -> None:
    named = [
        Sentence(1, "They met a Captain Vell, who was staying at the inn.", 0, 1),
        Sentence(3, "Captain Vell had for many years been chief surgeon of the fleet.", 1, 3),
    ]
    assert [d.key for d in describe(named, {}, ["Captain Vell"])][0] == 3


def test_kin_the_clause_gives_someone_says_who_they_are_where_they_are_brought_in() -> None:
    pattern = name_pattern(["Mrs. Pell"])
    assert shape_strength("Mrs. Pell had her own way of managing her nieces.", pattern, gender=FEMALE) > 0
    assert shape_strength("Mrs. Pell and Tom went to see his father.", pattern, gender=FEMALE) == 0
    assert shape_strength("Tom had just been scolding his Nell.", name_pattern(["Nell"])) > 0
    early = [Sentence(1, "Mrs. Pell had her own way with her nieces.", 0, 1)]
    later = [Sentence(n, "Mrs. Pell walked home.", n, n) for n in range(2, 40)]
    assert [d.key for d in describe(early + later, {}, ["Mrs. Pell"], FEMALE)] == [1]
    assert describe([*later, Sentence(50, "Mrs. Pell had her own way with her nieces.", 50, 50)], {}, ["Mrs. Pell"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Orla walked down the lane to Pennock the vicar.", "Pennock"),
        ("Orla walked down the lane to Pennock the vicar and his wife.", "Pennock"),
        ("Orla walked down the lane to Pennock the old vicar and his wife.", "Pennock"),
        ("Then Brill, who had lately married the miller's widow, came in.", "Brill"),
        (
            "By the account which Marsh, Tilney and Grey had sent up from Dunmore, long before the spring thaw came"
            " and the roads were open again, Colonel Fane was a rich man of the county.",
            "Colonel Fane",
        ),
    ],
)
def test_a_role_after_the_name_a_marriage_and_a_long_sentence_naming_others_far_off_describe(
    text: str, name: str
) -> None:
    assert shape_strength(text, name_pattern([name])) > 0


def test_a_list_of_names_around_the_name_still_describes_nothing() -> None:
    assert shape_strength("There came Tarn, Ada, Colonel Fane, the twins.", name_pattern(["Colonel Fane"])) == 0


def test_a_bare_surname_is_never_read_in_a_womans_title() -> None:
    pattern = name_pattern(["Pennock", "Mr. Pennock"])
    assert pattern.findall("Mrs. Pennock and Miss Pennock met Pennock and Mr. Pennock.") == ["Pennock", "Mr. Pennock"]
    assert pattern.findall("Mme Pennock, Mlle Pennock and Ms Pennock met Pennock.") == ["Pennock"]


def test_someone_saying_who_they_are_counts_as_much_as_the_narration() -> None:
    pattern = name_pattern(["Tarn Vell"])
    introduced = shape_strength('"I am Tarn Vell, of the Royal College, and I have come back."', pattern)
    narrated = shape_strength("Tarn Vell, of the Royal College, had come back.", pattern)
    opinion = shape_strength('"You know Tarn Vell, of the Royal College, I suppose."', pattern)
    assert introduced == narrated > opinion


def test_the_longest_reported_clause_is_still_read_as_an_opinion() -> None:
    """The search for "she felt that" looks only at the end of the text before the name; the longest clause it
    allows still fits in it."""
    pattern = name_pattern(["Kate"])
    narrated = shape_strength("Kate was a tall girl of twenty.", pattern)
    reported = "Ann, considering, as she had said to her aunt, instantly that the Kate was a tall girl of twenty."
    assert 0 < shape_strength(reported, pattern) < narrated
