"""One person, one character: which of a text's name forms belong to the same person.

Forms are a title and name words (``Mr. Athelney Jones``: ``mr``, ``Athelney Jones``).
Grouping goes from the surest evidence to the weakest, and a form joins a
person only when exactly one person fits it (a wrong merge is worse than a
split):

0. **One title in several languages** before one name is one person (``Madame
   Vardel``, ``Mrs. Vardel``; never a Miss and a Mrs.).
1. **Full names** (two words or more) are people; titled variants of one full
   name are one person (``Miss Helen Schlegel``, ``Helen Schlegel``). Two names
   side by side (``Cassandra Katharine``), a family's plural (``the Newland
   Archers``) and a place named by a generic word (``Port Burdock``: see
   :data:`~bot.attribution.lexicon.PLACE_NOUNS`) are not full names.
2. **A titled name** (``Mr. Jones``) joins the one full name with that surname
   whose gender fits the title, else the one of that given name (``Miss
   Margaret``, ``Mrs. Rachel``, ``Countess Ellen``: a married title before a
   given name shows the woman married). When a family has several (``Mr.
   Wilcox`` beside Charles, Paul and Henry Wilcox) it stays apart; a married
   title before a surname never joins a woman never shown married (the
   daughter: Mrs. Barry is not Diana Barry).
3. **A bare first name** joins the one full name it starts (or the one named
   :data:`DOMINANCE` times as often as each other); **a bare surname**
   the one full or titled name it ends of the gender its pronouns show
   (``Harker … he``), or the one named far more often than the others, or the
   one man of a family otherwise of women (``said Hall``: Mr. Hall, not Mrs.
   Hall); else it stays apart. ``the Rabbit`` joins ``the White Rabbit``.
4. **Stated changes**: a name changed by marriage (``Miss Mina Murray``, later
   ``Mina Harker``, Harker being a man's surname of the book, in the order the
   text first uses them), and names the text says are one (``Lord Godalming
   (that was Arthur``, ``X, that is Y``, ``Mrs. Dorrell (Aunt Bessie)``: see
   :mod:`bot.attribution.appositions`).
5. **Nicknames and diminutives** (``Art`` and ``Arthur``, ``Meg`` and
   ``Margaret``, ``Mina`` and ``Wilhelmina``), from the ``nicknames`` package's
   list of English given names, join a first name when exactly one person of
   the text fits and the text never names the two side by side (``Jack and
   John``) nor in one sentence (a father and his son: ``Sir Thomas`` and
   ``Tom``).

A person's gender comes from titles; else from the usual gender of the first
name (see :mod:`bot.attribution.given_names`); else from the pronouns after
its full names (see :mod:`bot.attribution.pronouns`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from bot.attribution.appositions import is_kin_name, kin_appositions, stated
from bot.attribution.given_names import first_name_gender, name_variants
from bot.attribution.lexicon import FEMALE, MALE, TITLE_GENDER
from bot.attribution.names import Mention, is_place_name
from bot.attribution.pronouns import pronoun_gender

DOMINANCE = 5
TOGETHER_MIN = 2
SENTENCE_SPAN = 200
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
NAME_CHANGE_MIN = 3
"""Mentions of a later married name before it is taken as a change of name (not a passing thought)."""
GIVEN_UP_SHARE = 0.1
"""Share of a maiden name's uses that may come after the married name's first (see :meth:`_People._given_up`)."""
FIRST_NAME_TITLES = frozenset(
    "miss sir lady aunt uncle master cousin dame madam mlle mademoiselle signorina fraulein brother sister".split()
)
"""Titles written before a first name (``Miss Margaret``, ``Sir Walter``), not only a surname."""
MARRIED = frozenset("mrs lady madame mme frau signora countess baroness duchess".split())
UNMARRIED = frozenset("miss mlle mademoiselle fraulein signorina".split())

TITLE_VARIANTS = {
    **dict.fromkeys("mr monsieur herr signor".split(), "man"),
    **dict.fromkeys("mrs madame mme frau signora countess baroness".split(), "married woman"),
    **dict.fromkeys("miss mlle fraulein signorina".split(), "unmarried woman"),
}
"""Titles that name one person before one name (see :meth:`_People.join_title_variants`): the same
title in several languages, and a foreign rank with it (``Countess``, ``Madame``); not ``Lord``,
``Lady`` or ``Sir``, a family's head beside its ``Mr.`` and ``Mrs.``."""

Key = tuple[str | None, tuple[str, ...]]
"""A name form: (title, lower case and without its dot, or None; name words)."""


_SAME_TITLE = {"doctor": "dr", "mister": "mr", "mistress": "mrs", "reverend": "rev", "mademoiselle": "mlle"}


def title_key(title: str | None) -> str | None:
    """A title compared loosely: lower case, without its dot, one spelling (``Doctor``: ``dr``)."""
    if not title:
        return None
    key = title.lower().rstrip(".")
    return _SAME_TITLE.get(key, key)


def group_mentions(mentions: list[Mention], text: str, source: str | None = None) -> list[list[Mention]]:
    """The mentions of each person (see the module's docstring), in no particular order: ``text`` is
    the story, ``source`` the text the mentions' offsets index (default: ``text``)."""
    forms: dict[Key, list[Mention]] = defaultdict(list)
    for mention in mentions:
        forms[(title_key(mention.title), mention.words)].append(mention)
    people = _People(forms, text if source is None else source)
    people.join_title_variants()
    people.join_full_nicknames()
    people.join_name_changes()
    people.join_stated(text)
    people.join_titled_surnames()
    people.join_articled()
    people.join_bare_names()
    people.join_nicknames(text)
    return people.groups()


class _People:
    """Name forms joined into people (a union-find over forms, each root knowing its members)."""

    def __init__(self, forms: dict[Key, list[Mention]], source: str) -> None:
        self.forms = forms
        self._source = source
        self._shown_gender: dict[Key, str | None] = {}
        self._parent: dict[Key, Key] = {key: key for key in forms}
        self.married: dict[Key, int] = {}
        """People whose surname the text changed by marriage, and where it first uses the new one: a Mrs.
        from there on even if never written so."""
        self._members: dict[Key, list[Key]] = {key: [key] for key in forms}
        titled = {words for title, words in forms if title}
        counts: Counter[tuple[str, ...]] = Counter()
        for (_, words), found in forms.items():
            counts[words] += len(found)
        self.full = [  # not two names side by side ("gave Margaret Oniton", "Harker Jonathan"): see _is_full_name
            key
            for key in forms
            if len(key[1]) > 1 and _is_full_name(key, forms, titled) and counts[key[1][::-1]] <= counts[key[1]]
        ]
        self._by_first: dict[str, list[Key]] = defaultdict(list)
        self._by_last: dict[str, list[Key]] = defaultdict(list)
        by_words: dict[tuple[str, ...], list[Key]] = defaultdict(list)
        for key in self.full:
            self._by_first[key[1][0]].append(key)
            self._by_last[key[1][-1]].append(key)
            by_words[key[1]].append(key)
        for words, keys in by_words.items():
            self._join_variants(words, keys)

    def _join_variants(self, words: tuple[str, ...], keys: list[Key]) -> None:
        """1. A full name's variants are one person, of each gender its titles show (``Mrs. Charles
        Wilcox`` is not Charles Wilcox): an untitled one goes with its first name's gender."""
        by_gender: dict[str | None, list[Key]] = defaultdict(list)
        for key in keys:
            by_gender[TITLE_GENDER.get(key[0]) if key[0] else first_name_gender(words[0])].append(key)
        gendered = [g for g in by_gender if g is not None]
        wives = all(key[0] == "mrs" for key in by_gender[gendered[0]]) if len(gendered) == 1 else True
        if len(gendered) == 1 and None in by_gender and not wives:  # "Mrs. Newland Archer" is his wife
            by_gender[gendered[0]] += by_gender.pop(None)
        for group in by_gender.values():
            for key in group[1:]:
                self._union(group[0], key)

    def join_title_variants(self) -> None:
        """One name after titles of one meaning in several languages, or after a rank and the plain
        title of its gender (``Madame Olenska``, ``Mrs. Olenska``, ``the Countess Olenska``), is one
        person: never a Miss and a Mrs., nor a Lord and a Mr. (see :data:`TITLE_VARIANTS`)."""
        by_words: dict[tuple[tuple[str, ...], str], list[Key]] = defaultdict(list)
        for key in self.forms:
            title, words = key
            variant = TITLE_VARIANTS.get(title or "")
            if variant is not None:
                by_words[(words, variant)].append(key)
        for keys in by_words.values():
            for key in keys[1:]:
                self._union(keys[0], key)

    def join_name_changes(self) -> None:
        """A woman's surname changed by marriage (``Miss Mina Murray``, later ``Mina Harker``): two full
        names of one woman's first name, the earlier (by its first mention) written with Miss or given up
        once the later is taken (``May Welland``, then ``May Archer``), the later never with Miss, its
        surname a man's of the book."""
        men_surnames = {k[1][-1] for k in self.full if self.gender(k) == MALE}
        for first, keys in self._by_first.items():
            if first_name_gender(first) != FEMALE:
                continue
            named: defaultdict[Key, list[int]] = defaultdict(list)  # each person's forms with this first name: where they are used
            for key in keys:
                named[self._find(key)] += [m.start for m in self.forms[key]]
            roots = sorted(named, key=lambda root: min(named[root]))  # in the order the text first uses them
            for earlier, later in zip(roots, roots[1:], strict=False):
                titles = {k[0] for root in (earlier, later) for k in self._members[root] if k[0]}
                earlier_miss = any(k[0] in UNMARRIED for k in self._members[earlier]) or (
                    self._given_up(named[earlier], named[later]) and not self._titled(earlier, MARRIED)
                )
                later_miss = any(k[0] in UNMARRIED for k in self._members[later])
                surname = later[1][-1]
                recurring = len(named[later]) >= NAME_CHANGE_MIN
                if earlier_miss and not later_miss and recurring and surname in men_surnames and surname != earlier[1][-1]:
                    if not titles & {"mr"}:
                        self._union(earlier, later)
                        self.married[self._find(earlier)] = min(named[later])

    def _titled(self, root: Key, titles: frozenset[str]) -> bool:
        return any(k[0] in titles for k in self._members[root])

    def _given_up(self, earlier: list[int], later: list[int]) -> bool:
        """Whether a name (used at ``earlier``) is given up once another is taken (first used at
        ``later``): at most :data:`GIVEN_UP_SHARE` of its uses come after (a maiden name recalled now
        and then)."""
        since = min(later)
        return sum(start > since for start in earlier) <= GIVEN_UP_SHARE * len(earlier)

    def join_full_nicknames(self) -> None:
        """Full names of one surname whose first names are variants (``Jack Seward``, ``John Seward``),
        unless the text names the two in one sentence (a father and his son: ``Sir Thomas`` and ``Tom``)."""
        for keys in self._by_last.values():
            for index, key in enumerate(keys):
                for other in keys[index + 1 :]:
                    variant = other[1][0].lower() in name_variants(key[1][0])
                    if variant and _compatible(self.gender(key), self.gender(other)) and not self._together(key, other):
                        self._union(key, other)

    def _together(self, first: Key, second: Key) -> bool:
        """Whether the text names ``first`` and ``second`` (or their given names alone or after a title)
        in one sentence at least :data:`TOGETHER_MIN` times: two people."""
        owned = sorted(
            [(m.start, m.end, 0) for k in self._named(first) for m in self.forms[k]]
            + [(m.start, m.end, 1) for k in self._named(second) for m in self.forms[k]]
        )
        together = 0
        for (_, end, owner), (start, _, other) in zip(owned, owned[1:], strict=False):
            between = self._source[end:start]
            together += owner != other and len(between) < SENTENCE_SPAN and not _SENTENCE_END.search(between)
        return together >= TOGETHER_MIN

    def _named(self, key: Key) -> set[Key]:
        """The forms of the person ``key``, and its given names alone or after a title (``Sir Thomas``)."""
        members = self._members[self._find(key)]
        given = {k[1][0] for k in members if len(k[1]) > 1}
        return set(members) | {k for k in self.forms if len(k[1]) == 1 and k[1][0] in given}

    def join_stated(self, text: str) -> None:
        """Names the text says are one person (see :mod:`bot.attribution.appositions`)."""
        by_name = {(" ".join(words), title): key for key in self.forms for title, words in [key]}
        for first_name, second_name in stated(text):
            first, second = (self._form_key(name, by_name) for name in (first_name, second_name))
            if first is not None and second is not None:
                self._join_if_compatible(first, second)
        mentions = sorted((m for found in self.forms.values() for m in found), key=lambda m: m.start)
        for first_mention, second_mention, relation in kin_appositions(mentions, self._source):
            first = (title_key(first_mention.title), first_mention.words)
            second = (title_key(second_mention.title), second_mention.words)
            if relation and (relation, second[1]) in self.forms:  # "Mrs. Dorrell, her aunt Bessie,"
                second = (relation, second[1])
            elif relation:
                continue
            if is_kin_name(first[0]) != is_kin_name(second[0]):  # "Aunt Bessie (Mrs. Dorrell)", not "Mrs. Hale (Mrs. Dorrell)"
                self._join_if_compatible(first, second)

    def _join_if_compatible(self, first: Key, second: Key) -> None:
        if self._find(first) != self._find(second) and _compatible(self.gender(first), self.gender(second)):
            self._union(first, second)

    @staticmethod
    def _form_key(name: str, by_name: dict[tuple[str, str | None], Key]) -> Key | None:
        words = name.split()
        title = title_key(words[0]) if len(words) > 1 and words[0].lower().rstrip(".") in TITLE_GENDER else None
        rest = " ".join(words[1:] if title else words)
        return by_name.get((rest, title)) or by_name.get((rest, None))

    def join_titled_surnames(self) -> None:
        """2. A titled name joins the one person of its surname it fits (``Mr. Jones``), else the one
        of that given name (``Miss Margaret``, ``Mrs. Rachel``, ``Countess Ellen``). Given names go
        first: they show a woman married, and then her surname's married title fits her too."""
        titled = [key for key in self.forms if key[0] is not None and len(key[1]) == 1]
        for key in sorted(titled, key=lambda k: k[1][0] not in self._by_first):
            title, (word,) = key
            assert title is not None
            since = min(m.start for m in self.forms[key])
            surname = {k for k in self._roots(self._by_last[word]) if self._fits_title(title, k, since=since)}
            first = set()
            if title in FIRST_NAME_TITLES or TITLE_GENDER.get(title) == first_name_gender(word):
                first = {  # men's given names are surnames too ("Mr. Thomas"): a man named twice as often
                    k for k in self._roots(self._by_first[word])
                    if self._fits_title(title, k, given=True, since=since)
                    and (title in FIRST_NAME_TITLES or TITLE_GENDER.get(title) == FEMALE
                         or self._count(k) >= 2 * len(self.forms[key]))
                }
            fitting = surname or first
            if len(fitting) == 1:
                self._union(fitting.pop(), key)

    def join_articled(self) -> None:
        """``the Rabbit`` is ``the White Rabbit`` when that is the one name after "the" ending in it."""
        for key in self.forms:
            if key[0] or len(key[1]) != 1 or not self._articled(key):
                continue
            longer = [k for k in self.forms if len(k[1]) > 1 and k[1][-1] == key[1][0] and self._articled(k)]
            roots = self._roots(longer)
            if len(roots) == 1:
                self._union(roots.pop(), key)

    def _articled(self, key: Key) -> bool:
        found = self.forms[key]
        return 2 * sum(m.with_article for m in found) > len(found)

    def join_bare_names(self) -> None:
        """3. A bare first name or surname joins its one person (see the module's docstring)."""
        for key in self.forms:
            title, words = key
            if len(words) != 1 or title is not None:
                continue
            word = words[0]
            shown = self._shown(key)  # "Harker came. He sat": a man
            gender = shown or first_name_gender(word)
            first = set()
            if not self._surname(word):  # "Mr. Archer": Archer is no first name (of "Archer Madeira")
                first = {k for k in self._recurring(self._by_first[word]) if _compatible(gender, self.gender(k))}
            last = {k for k in self._recurring(self._by_last[word]) if _compatible(shown, self.gender(k))}
            if len(first) == 1 and (not last - first or self._dominant(first | last) in first):
                self._union(first.pop(), key)
                continue
            if len(first) > 1 and not last - first and (dominant := self._dominant(first)) is not None:
                self._union(dominant, key)  # "Ellen": Ellen Olenska, not the Ellen Mingott she was once
                continue
            if not first:
                last |= {self._find(k) for k in self.forms if k[0] and k[1] == words and self._may_be(k, shown)}
                men = {k for k in last if self.gender(k) == MALE}
                dominant = self._dominant(last, surname=word)
                if dominant is None and len(men) == 1 and all(self.gender(k) == FEMALE for k in last - men):
                    dominant = men.pop()  # a bare surname in narration is the man's ("said Hall": Mr. Hall)
                if dominant:
                    self._union(dominant, key)

    def _may_be(self, titled: Key, shown: str | None) -> bool:
        """Whether a bare name whose pronouns show ``shown`` may be the person of ``titled`` (of the
        same word): of that gender, and not a wife called by her husband's given name (``Mrs. Charles``)."""
        wife = titled[0] in MARRIED and first_name_gender(titled[1][0]) == MALE
        return _compatible(shown, self.gender(titled)) and not wife

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
        """The people of ``keys`` named more than once, if any: a full name written once (``Katharine
        Rodney`` beside William Rodney's hundreds) does not make a bare name ambiguous."""
        roots = self._roots(keys)
        recurring = {root for root in roots if self._count(root) > 1}
        return recurring or roots

    def join_nicknames(self, text: str) -> None:
        """Join a given name and its nickname (see the module's docstring)."""
        first_names: dict[str, set[Key]] = defaultdict(set)
        for key in self.forms:
            if key[0] is None or len(key[1]) > 1:
                first_names[key[1][0]].add(key)
        by_lower = {word.lower(): word for word in first_names}
        for word, keys in list(first_names.items()):
            variants = [by_lower[v] for v in name_variants(word) if v in by_lower and by_lower[v] != word]
            people = self._roots([k for other in variants for k in first_names[other]])
            mine = self._roots(list(keys))
            if len(people) != 1 or len(mine) != 1 or people == mine or not self._one_surname(people | mine):
                continue
            (person,), (me,) = people, mine
            if not _compatible(self.gender(person), self.gender(me)) or _side_by_side(text, word, variants):
                continue
            if self._together(person, me):  # "Sir Thomas looked at Tom": a father and his son
                continue
            self._union(person, me)

    def _fits_title(self, title: str, root: Key, given: bool = False, since: int = 0) -> bool:
        """Whether the person ``root`` may be called ``title`` (a form the text first uses at ``since``):
        of its gender; a Mrs. only if the text calls her Mrs. by her full name too (or, before her
        ``given`` name, if never a Miss), or from her marriage on (a Mrs. Ashby named before Miss Clara
        Benn married Mr. Ashby is his mother, not Clara), never a Miss (Mrs. Hilbery is Katharine
        Hilbery's mother); never a wife called by her husband's name (``Mrs. Charles Musgrove``)."""
        members = self._members[self._find(root)]
        titles = {k[0] for k in members if k[0]}
        wed = self.married.get(self._find(root))
        married = titles & MARRIED or (wed is not None and since >= wed)
        if title in MARRIED and not married and (not given or titles & UNMARRIED):
            return False  # Mrs. Barry is not Diana Barry, her daughter
        if title in UNMARRIED and titles & MARRIED:
            return False
        wife = any(
            len(k[1]) > 1 and k[0] is not None and TITLE_GENDER.get(k[0]) == FEMALE and first_name_gender(k[1][0]) == MALE for k in members
        )
        return _compatible(TITLE_GENDER.get(title), self.gender(root)) and not wife  # Mrs. Charles Musgrove

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

    def _find(self, key: Key) -> Key:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, keep: Key, other: Key) -> None:
        keep, other = self._find(keep), self._find(other)
        if keep != other:
            self._parent[other] = keep
            self._members[keep] += self._members.pop(other)


def _is_full_name(key: Key, forms: dict[Key, list[Mention]], titled: set[tuple[str, ...]]) -> bool:
    """A full name, not two names side by side: its last words are written under a title, or not
    more often alone than after its first."""
    rest, first = key[1][1:], key[1][0].lower()
    if key[0] is None and is_place_name(key[1]):  # "Port Burdock" is no Burdock's full name
        return False
    if first in TITLE_GENDER or first.removesuffix("s") in TITLE_GENDER:  # "Captains Wentworth"
        return False
    if rest[-1].endswith("s") and any(named[-1] == rest[-1][:-1] for _, named in forms):  # "the Newland Archers"
        return False
    return (rest in titled and not _given_name(rest, key, forms)) or len(forms.get((None, rest), ())) <= len(forms[key])


def _given_name(words: tuple[str, ...], key: Key, forms: dict[Key, list[Mention]]) -> bool:
    """Whether ``words`` start another full name named more often than ``key`` (``Katharine`` of
    Katharine Hilbery, not the surname of ``Cassandra Katharine``)."""
    return any(
        len(named) > 1 and named[0] == words[0] and named != key[1] and len(found) > len(forms[key])
        for (_, named), found in forms.items()
    )


def _compatible(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first == second


def _side_by_side(text: str, word: str, others: list[str]) -> bool:
    """Whether the text names ``word`` and one of ``others`` together (``Jack and John``): two people."""
    for other in others:
        pair = rf"\b(?:{word}(?:,| and| or| to| with)\s+{other}|{other}(?:,| and| or| to| with)\s+{word})\b"
        if re.search(pair, text):
            return True
    return False
