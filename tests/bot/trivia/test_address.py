"""A line's form of address gives its speaker away when it is a title of deference or one speaker's
habit; a line broken off by a dash, or going on in lower case in the next quote, is cut short."""

from bot.trivia.address import AddressHabits, called, cut_short

LINES = [
    ("Harriet", "Oh, Tibbles, the ferry has sunk!"),
    ("Harriet", "Tibbles, fetch the lantern oil."),
    ("Oswin", "Tabitha, the barometer has fallen again."),
    ("Harriet", "Tabitha, mind the quartermaster."),
    ("Mabel", "Tabitha, do sit down."),
    ("Pietro", "The boat is ready, mademoiselle."),
    ("Pietro", "Mademoiselle, the courier waits."),
    ("Oswin", "Yes, sir."),
    ("Harriet", "No, sir!"),
]


def test_names_said_to_someone_are_read_not_other_capitalised_words() -> None:
    assert called("Oh, Tibbles, the ferry has sunk!") == {"Tibbles"}
    assert called("My dear Tabitha, do sit.") == {"Tabitha"}
    assert called("The ferry is late. Tibbles, this has been a cheerful business.") == {"Tibbles"}
    assert called("The ferry left London at noon.") == set()
    assert called("Yes, Sir, at once.") == {"sir"}  # a bare title, counted as one
    assert called("Come, there is no time.") == set()


def test_a_pet_name_only_one_speaker_uses_gives_the_line_away() -> None:
    habits = AddressHabits(LINES)
    assert habits.gives_away("Harriet", "Tibbles, the quartermaster is here.")
    assert not habits.gives_away("Oswin", "Tabitha, the quartermaster is here.")  # everyone says "Tabitha"
    assert not habits.gives_away("Oswin", "Tibbles, the quartermaster is here.")  # not Oswin's habit
    assert habits.gives_away("Pietro", "I think you had better not sail, mademoiselle.")  # the courier's habit
    assert not habits.gives_away("Oswin", "The ferry has sunk, sir.")  # everyone says "sir"


def test_titles_of_deference_give_the_line_away() -> None:
    habits = AddressHabits(LINES)
    assert habits.gives_away("Oswin", "The carriage is at the door, your ladyship.")
    assert habits.gives_away("Oswin", "I beg pardon, my lord, the ferry has sunk.")


def test_lines_broken_off_or_going_on_in_the_next_quote_are_cut_short() -> None:
    assert cut_short("I wondered whether--", None)
    assert cut_short("He pulled the bookcase over, as I said, and fell", "and broke his collar-bone.")
    assert not cut_short("He pulled the bookcase over, as I said, and fell", "Then we sent for the doctor.")
    assert not cut_short("The ferry will never sail to the lighthouse.", "and then?")
