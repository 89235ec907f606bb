"""Who is X: the sentences that say what X is, not those that merely name X."""

from __future__ import annotations

import pytest

from bot.ask.answers import adds_to, is_non_answer
from bot.ask.describe import Sentence, describe, name_pattern, shape_strength
from bot.ask.summary import summarise, towards_end
from bot.attribution.lexicon import FEMALE


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kit was the delight of her mother's life.", "Kit"),
        ("For twenty years Berry had been butler for Mr. Oakley.", "Berry"),
        ("He called on his old friend and family physician, Doctor Mandelet.", "Doctor Mandelet"),
        ("The poor little Lizard, Bill, was in the middle.", "Bill"),
        ("Skaggs, of the New York Universe, was one of them.", "Skaggs"),
        ("He was known to all, on account of his gloom, was called Sadness.", "Sadness"),
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
        ("Mademoiselle Reisz was shuffling away.", "Mademoiselle Reisz"),
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
