"""A name's gender as the narration shows it: the pronouns that follow its mentions as a subject.

``Harker came in. He sat down``: a vote for a man. The first pronoun after a mention that is the
subject of its clause votes, unless a quote or another name comes first (then it may be theirs).
"""

from __future__ import annotations

import re
from collections import Counter

from bot.attribution.lexicon import FEMALE, MALE, NAME_WORD
from bot.attribution.names import Mention, is_subject

_POSSESSIVE_HER = (  # "her head", not "at her in", "told her that"
    r"her(?=\s+(?!(?:in|on|at|to|that|with|and|as|off|up|down|out|for|from|again|back|away|by|into|so|too|a|an|the)"
    r"\b)[a-z])"
)
_GENDER_CUE = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|[Hh]is|himself|herself|{_POSSESSIVE_HER})\b"  # a pronoun: a vote
    rf"|[“”\"‘]|\b(?!He\b|She\b|His\b){NAME_WORD}\b"  # a quote or another name: no vote
)
PRONOUN_GENDER = {"he": MALE, "his": MALE, "himself": MALE, "she": FEMALE, "herself": FEMALE, "her": FEMALE}
"""The gender each third-person singular pronoun marks (lower case)."""
MIN_VOTES = 2
WINDOW = 200
"""Characters after a mention searched for its pronoun."""


def pronoun_gender(text: str, mentions: list[Mention]) -> str | None:
    """The gender of at least :data:`MIN_VOTES` pronoun votes after ``mentions`` and twice the other's."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        if not is_subject(text, mention):
            continue
        cue = _GENDER_CUE.search(text, mention.end, mention.end + WINDOW)
        if cue and cue.group().lower() in PRONOUN_GENDER:
            votes[PRONOUN_GENDER[cue.group().lower()]] += 1
    ranked = votes.most_common()
    if ranked and ranked[0][1] >= MIN_VOTES and ranked[0][1] >= 2 * (ranked[1][1] if len(ranked) > 1 else 0):
        return ranked[0][0]
    return None
