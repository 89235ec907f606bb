"""Turn-taking read from both ends (bot.attribution.conversation), on small synthetic runs of turns."""

from __future__ import annotations

from bot.attribution.conversation import Slot, conversations, read_backwards


def _slots(*turns: tuple[int, str | None, bool], guessed: int | None = None) -> list[Slot[str]]:
    return [Slot(paragraph, speaker, implicit, index == guessed) for index, (paragraph, speaker, implicit) in enumerate(turns)]


def test_conversations_break_at_long_narration() -> None:
    slots = _slots((0, "Ann", False), (1, "Bob", False), (2, "Ann", True), (9, "Cid", False), (10, "Ann", False))
    assert conversations(slots, gap=2) == [range(0, 3), range(3, 5)]


def test_an_untagged_turn_confirmed_by_the_turns_after_it_is_read_both_ways() -> None:
    slots = _slots((0, "Ann", False), (1, "Bob", False), (2, "Ann", True), (3, "Bob", False), (4, "Ann", False))
    [revision] = read_backwards(slots, gap=2)
    assert (revision.index, revision.speaker, revision.both_ways) == (2, "Ann", True)


def test_a_last_untagged_turn_has_no_turns_after_it_to_confirm_it() -> None:
    slots = _slots((0, "Ann", False), (1, "Bob", False), (2, "Ann", True))
    [revision] = read_backwards(slots, gap=2)
    assert (revision.speaker, revision.both_ways) == ("Ann", False)


def test_a_guessed_opening_turn_takes_the_speaker_the_tagged_turns_after_it_imply() -> None:
    slots = _slots((0, "Cid", True), (1, "Bob", False), (2, "Ann", False), guessed=0)
    [revision] = read_backwards(slots, gap=2)
    assert (revision.speaker, revision.both_ways) == ("Ann", False)


def test_a_speaker_addressed_in_the_turn_is_not_given_it() -> None:
    slots = _slots((0, "Cid", True), (1, "Bob", False), (2, "Ann", False), guessed=0)
    [revision] = read_backwards(slots, gap=2, excluded=lambda index, speaker: speaker == "Ann")
    assert revision.speaker == "Cid"


def test_turns_of_another_conversation_do_not_confirm() -> None:
    slots = _slots((0, "Ann", False), (1, "Bob", False), (2, "Ann", True), (8, "Bob", False), (9, "Ann", False))
    [revision] = read_backwards(slots, gap=2)
    assert revision.both_ways is False
