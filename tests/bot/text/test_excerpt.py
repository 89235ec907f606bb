from bot.text.excerpt import ELLIPSIS, excerpt_around, shorten

PARAGRAPH = "First sentence here. The matched sentence sits in the middle. A last sentence follows it."


def test_whole_paragraph_when_it_fits() -> None:
    excerpt = excerpt_around(PARAGRAPH, "The matched sentence sits in the middle.", 500)
    assert excerpt.text == PARAGRAPH
    assert excerpt.match == "The matched sentence sits in the middle."
    assert excerpt.before == "First sentence here. "


def test_context_is_trimmed_on_both_sides() -> None:
    long_paragraph = "word " * 300 + "The match. " + "more " * 300
    excerpt = excerpt_around(long_paragraph.strip(), "The match.", 200)
    assert len(excerpt.text) <= 200
    assert excerpt.match == "The match."
    assert excerpt.before.startswith(ELLIPSIS) and excerpt.after.endswith(ELLIPSIS)


def test_context_goes_where_there_is_room() -> None:
    paragraph = "word " * 300 + "The end."
    excerpt = excerpt_around(paragraph, "The end.", 100)
    assert excerpt.after == ""
    assert len(excerpt.text) <= 100
    assert len(excerpt.before) > 80


def test_sentence_not_in_passage_stands_alone() -> None:
    assert excerpt_around(PARAGRAPH, "Elsewhere.", 100).text == "Elsewhere."


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("short", 10) == "short"
    cut = shorten("the quick brown fox jumps over the lazy dog", 20)
    assert cut.endswith(ELLIPSIS) and len(cut) <= 20
    assert cut == "the quick brown fox" + ELLIPSIS
