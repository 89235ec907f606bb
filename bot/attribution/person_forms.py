"""Name forms joined into people: the union-find that grouping steps merge, and what it knows of each person.

Each root knows its member forms; the queries here (a person's gender, how often it is named,
whether it may bear a title, whether the text names two people in one sentence) read that state
but never merge: the merging steps are :mod:`bot.attribution.grouping`'s.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from bot.attribution.given_names import first_name_gender
from bot.attribution.lexicon import FEMALE, MALE, TITLE_GENDER
from bot.attribution.name_forms import (
    FIRST_NAME_TITLES,
    MARRIED,
    MILITARY_RANKS,
    UNMARRIED,
    Key,
    compatible,
    is_full_name,
    named_word_counts,
    rank_conflict,
)
from bot.attribution.names import Mention
from bot.attribution.pronouns import pronoun_gender

DOMINANCE = 5
"""How many times as often one person must be named as each other to take an ambiguous name."""
TOGETHER_MIN = 2
"""Sentences naming two forms together that make them two people (see :meth:`PersonForms._together`)."""
SENTENCE_SPAN = 200
"""Characters between two names beyond which they are not counted as one sentence."""
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
_VOICE_CHANGE = re.compile(r"[\"“”‘]|’(?!\w)")
"""A quotation mark between two names: one is in a speech, the other in the narration or another speech."""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
GIVEN_UP_SHARE = 0.1
"""Share of a maiden name's uses that may come after the married name's first (see :meth:`PersonForms._given_up`)."""
GIVEN_UP_MIN = 2
"""Uses a name needs before it can be seen given up: a name the text uses once (a girl named in passing)
shows no change of name."""


class PersonForms:
    """Name forms joined into people (a union-find over forms, each root knowing its members)."""

    def __init__(self, forms: dict[Key, list[Mention]], source: str, apart: Iterable[tuple[Key, Key]] = ()) -> None:
        self.forms = forms
        self._source = source
        self._shown_gender: dict[Key, str | None] = {}
        self._breaks: list[int] | None = None
        self._parent: dict[Key, Key] = {key: key for key in forms}
        self.married: dict[Key, int] = {}
        """People whose surname the text changed by marriage, and where it first uses the new one: a Mrs.
        from there on even if never written so."""
        self._members: dict[Key, list[Key]] = {key: [key] for key in forms}
        self._apart: dict[Key, set[Key]] = defaultdict(set)
        """Forms of two people (a speaker and the name he addresses): never joined, however named."""
        for first, second in apart:
            if first != second:
                self._apart[first].add(second)
                self._apart[second].add(first)
        titled = {words for title, words in forms if title}
        counts: Counter[tuple[str, ...]] = Counter()
        for (_, words), found in forms.items():
            counts[words] += len(found)
        named_words = named_word_counts(forms)
        self.full = [  # not two names side by side ("gave Margaret Oniton", "Harker Jonathan"): see is_full_name
            key
            for key in forms
            if len(key[1]) > 1 and is_full_name(key, forms, titled, named_words) and counts[key[1][::-1]] <= counts[key[1]]
        ]
        self._by_first: dict[str, list[Key]] = defaultdict(list)
        self._by_last: dict[str, list[Key]] = defaultdict(list)
        for key in self.full:
            self._by_first[key[1][0]].append(key)
            self._by_last[key[1][-1]].append(key)

    def _titled(self, root: Key, titles: frozenset[str]) -> bool:
        return any(k[0] in titles for k in self._members[root])

    def _given_up(self, earlier: list[int], later: list[int]) -> bool:
        """Whether a name (used at ``earlier``) is given up once another is taken (first used at
        ``later``): at most :data:`GIVEN_UP_SHARE` of its uses come after (a maiden name recalled now
        and then)."""
        since = min(later)
        return len(earlier) >= GIVEN_UP_MIN and sum(start > since for start in earlier) <= GIVEN_UP_SHARE * len(earlier)

    def _together(self, first: Key, second: Key, distinct: bool = False) -> bool:
        """Whether the text names ``first`` and ``second`` (or their given names alone or after a title)
        in one sentence at least :data:`TOGETHER_MIN` times: two people. With ``distinct``, only
        ``second``'s untitled forms that are not ``first``'s count (``Tom``, ``Tom Rudd``; not ``Mrs.
        Marta`` among Marta Quillby's given names), and not on either side of a quotation mark
        (``"Sit down, Miss Vane," he said, turning to Ada``: a speech names its addressee by a title,
        the narration names her by her given name)."""
        named_first = self._named(first)
        named_second = self._named(second)
        if distinct:
            named_second = {k for k in named_second - named_first if k[0] is None}
        owned = sorted(
            [(m.start, m.end, 0) for k in named_first for m in self.forms[k]]
            + [(m.start, m.end, 1) for k in named_second for m in self.forms[k]]
        )
        together = 0
        for (_, end, owner), (start, _, other) in zip(owned, owned[1:], strict=False):
            between = self._source[end:start]
            near = len(between) < SENTENCE_SPAN and not _SENTENCE_END.search(between)
            across = distinct and _VOICE_CHANGE.search(between)
            together += owner != other and near and not across
        return together >= TOGETHER_MIN

    def _paragraph_share(self, first: Key, second: Key) -> float:
        """Of the paragraphs naming the person ``first`` or ``second`` (whichever fewer), the share that
        name both (given names alone included: see :meth:`_named`)."""
        if self._breaks is None:
            self._breaks = [found.start() for found in _PARAGRAPH_BREAK.finditer(self._source)]
        breaks = self._breaks
        first_in, second_in = (
            {bisect.bisect_left(breaks, m.start) for k in self._named(key) for m in self.forms[k]} for key in (first, second)
        )
        return len(first_in & second_in) / max(1, min(len(first_in), len(second_in)))

    def _named(self, key: Key) -> set[Key]:
        """The forms of the person ``key``, and its given names alone or after a title (``Sir Hugo``)."""
        members = self._members[self._find(key)]
        given = {k[1][0] for k in members if len(k[1]) > 1}
        return set(members) | {k for k in self.forms if len(k[1]) == 1 and k[1][0] in given}

    def _articled(self, key: Key) -> bool:
        found = self.forms[key]
        return 2 * sum(m.with_article for m in found) > len(found)

    def _may_be(self, titled: Key, shown: str | None) -> bool:
        """Whether a bare name whose pronouns show ``shown`` may be the person of ``titled`` (of the
        same word): of that gender, and not a wife called by her husband's given name (``Mrs. Charles``)."""
        wife = titled[0] in MARRIED and first_name_gender(titled[1][0]) == MALE
        return compatible(shown, self.gender(titled)) and not wife

    def _surname(self, word: str) -> bool:
        """Whether the text writes ``word`` after a surname's title (Mr., Mrs., Dr.; not Miss, Sir) more
        often than it names the full names ``word`` starts (``Mr. Archer`` against ``Archer Madeira``)."""
        titled = sum(len(found) for (title, words), found in self.forms.items()
                     if title and title not in FIRST_NAME_TITLES and words == (word,))
        return titled > sum(len(self.forms[k]) for k in self._by_first[word])

    def _shown(self, key: Key) -> str | None:
        """The gender the pronouns after the form ``key`` show (see :mod:`bot.attribution.pronouns`)."""
        if key not in self._shown_gender:
            self._shown_gender[key] = pronoun_gender(self._source, self.forms[key])
        return self._shown_gender[key]

    def _dominant(self, roots: set[Key], surname: str | None = None) -> Key | None:
        """The one of ``roots``, or the one named :data:`DOMINANCE` times as often as each other (by
        ``surname``, if given: ``Lynde`` is Mrs. Rachel Lynde, not her husband Thomas, named a few times)."""
        ranked = sorted(roots, key=lambda root: self._count(root, surname), reverse=True)
        counts = [self._count(root, surname) for root in ranked[:2]]
        if len(ranked) == 1 or (ranked and counts[0] >= DOMINANCE * counts[1]):
            return ranked[0]
        return None

    def _count(self, root: Key, surname: str | None = None) -> int:
        return sum(len(self.forms[k]) for k in self._members[root] if surname is None or k[1][-1] == surname)

    def _recurring(self, keys: list[Key]) -> set[Key]:
        """The people of ``keys`` named more than once, if any: a full name written once (``Beatrice
        Kendrick`` beside Arthur Kendrick's hundreds) does not make a bare name ambiguous."""
        roots = self._roots(keys)
        recurring = {root for root in roots if self._count(root) > 1}
        return recurring or roots

    def _fits_title(self, title: str, root: Key, given: bool = False, since: int = 0) -> bool:
        """Whether the person ``root`` may be called ``title`` (a form the text first uses at ``since``):
        of its gender; a Mrs. only if the text calls her Mrs. by her full name too (or, before her
        ``given`` name, if never a Miss), or from her marriage on (a Mrs. Ashby named before Miss Clara
        Benn married Mr. Ashby is his mother, not Clara), never a Miss (Mrs. Penrose is Beatrice
        Penrose's mother); never a wife called by her husband's name (``Mrs. Charles Musgrove``)."""
        members = self._members[self._find(root)]
        titles = {k[0] for k in members if k[0]}
        wed = self.married.get(self._find(root))
        married = titles & MARRIED or (wed is not None and since >= wed)
        if title in MARRIED and not married and (not given or titles & UNMARRIED):
            return False  # Mrs. Barry is not Diana Barry, her daughter
        if title in UNMARRIED and titles & MARRIED:
            return False
        return compatible(TITLE_GENDER.get(title), self.gender(root)) and not self._wife(root)

    def _ranked_apart(self, key: Key, root: Key) -> bool:
        """Whether the titled form ``key`` and the person ``root`` name its word after a rank and after a
        plain title (``Sir Hugo``, ``Mr. Hugo Marland``: a father and his son; ``Mr. Holmwood`` may
        still be ``Lord Godalming``: see :func:`rank_conflict`), or a military rank and a woman."""
        word = key[1][0]
        if key[0] in MILITARY_RANKS and self.gender(root) == FEMALE:
            return True
        return rank_conflict(key[0], {k[0] for k in self._members[self._find(root)] if k[0] and word in k[1]})

    def _wife(self, root: Key) -> bool:
        """Whether the person ``root`` is a wife called by her husband's name (``Mrs. Charles Musgrove``)."""
        return any(
            len(k[1]) > 1 and k[0] is not None and TITLE_GENDER.get(k[0]) == FEMALE and first_name_gender(k[1][0]) == MALE
            for k in self._members[self._find(root)]
        )

    def _one_surname(self, roots: set[Key]) -> bool:
        """Whether the people ``roots`` may share one surname: one's surnames include the other's (Ned
        Winsett is not Edwin Booth; Wilhelmina Murray may be Mina, once Murray, now Harker)."""
        first, second = (
            {k[1][-1] for k in self._members[root] if len(k[1]) > 1} for root in (*roots, *roots)[:2]
        ) if len(roots) == 2 else (set(), set())
        return first <= second or second <= first

    def gender(self, key: Key) -> str | None:
        """A person's gender as titles show it, else as the first name of a full name usually is, else
        as the pronouns after its full names show."""
        members = self._members[self._find(key)]
        titled = {TITLE_GENDER.get(k[0]) for k in members if k[0]} - {None}
        if len(titled) == 1:
            return titled.pop()
        if titled:
            return None
        named = {first_name_gender(k[1][0]) for k in members if len(k[1]) > 1 or k[0] is None} - {None}
        if not named:  # "Newland Archer … he": the pronouns after its full names
            named = {self._shown(k) for k in members if len(k[1]) > 1} - {None}
        return named.pop() if len(named) == 1 else None

    def groups(self) -> list[list[Mention]]:
        return [[m for key in members for m in self.forms[key]] for members in self._members.values()]

    def _roots(self, keys: list[Key]) -> set[Key]:
        return {self._find(key) for key in keys}

    def _kept_apart(self, first: Key, second: Key) -> bool:
        """Whether a form of the person ``first`` and one of ``second`` are two people's (see ``apart``)."""
        return any(self._find(form) == second for key in self._members[first] for form in self._apart.get(key, ()))

    def _find(self, key: Key) -> Key:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, keep: Key, other: Key) -> None:
        keep, other = self._find(keep), self._find(other)
        if keep != other and not self._kept_apart(keep, other):
            self._parent[other] = keep
            self._members[keep] += self._members.pop(other)
