"""One person, one character: which of a text's name forms belong to the same person.

Forms are a title and name words (``Mr. Athelney Jones``: ``mr``, ``Athelney Jones``).
Grouping goes from the surest evidence to the weakest, and a form joins a
person only when exactly one person fits it (a wrong merge is worse than a
split):

0. **One title in several languages** before one name is one person (``Madame
   Vardel``, ``Mrs. Vardel``; never a Miss and a Mrs.).
1. **Full names** (two words or more) are people; titled variants of one full
   name are one person (``Miss Helen Schlegel``, ``Helen Schlegel``). Two names
   side by side (``Rosamund Beatrice``), a family's plural (``the Newland
   Archers``) and a place named by a generic word (``Port Burdock``: see
   :data:`~bot.attribution.lexicon.PLACE_NOUNS`) are not full names.
2. **A titled name** (``Mr. Jones``) joins the one full name with that surname
   whose gender fits the title, else the one of that given name (``Miss
   Margaret``, ``Mrs. Rachel``, ``Countess Ellen``: a married title before a
   given name shows the woman married). When a family has several (``Mr.
   Wilcox`` beside Charles, Paul and Henry Wilcox) it stays apart; a married
   title before a surname never joins a woman never shown married (the
   daughter: Mrs. Barry is not Diana Barry) unless she is the one full name
   of that surname, no man of it is titled (``Captain X`` and his wife), and
   the text seldom names the two in one paragraph
   (``Madame Olenska`` is Ellen Olenska: see :data:`SAME_PARAGRAPH_SHARE`). A Miss before a surname
   counts only the women of that surname named more than once, if any (``Miss Miller``: not a full
   name written once); a ``Mr.`` before a surname no full name has joins the one Dr. or Professor
   of it (``Mr. Kemp``, ``Dr. Kemp``).
3. **A bare first name** joins the one full name it starts (or the one named
   :data:`~bot.attribution.person_forms.DOMINANCE` times as often as each other); **a bare surname**
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
   list of English given names, and pet forms (``Kit`` and ``Kitty``), join a first name when exactly one person of
   the text fits, the nickname is one of that name (``Bill`` of William, never
   ``Jonathan`` of John), that person has a surname in the text (two bare given
   names are as likely two people), and the text never names the two side by
   side (``Jack and John``) nor in one sentence (a father and his son: ``Sir
   Albert`` and ``Bertie``).
6. **Compounds**: a name joined by lower-case words (``Winnifred-the-Mole``) is the one person
   named by its capitalised parts.

A person's gender comes from titles; else from the usual gender of the first
name (see :mod:`bot.attribution.given_names`); else from the pronouns after
its full names (see :mod:`bot.attribution.pronouns`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from bot.attribution.appositions import is_kin_name, kin_appositions, stated
from bot.attribution.given_names import first_name_gender, given_names_of, is_pet_form, name_variants
from bot.attribution.lexicon import FEMALE, MALE, TITLE_GENDER
from bot.attribution.name_forms import (
    FIRST_NAME_TITLES,
    MARRIED,
    PLAIN_TITLES,
    RANKS,
    TITLE_VARIANTS,
    UNMARRIED,
    Key,
    compatible,
    side_by_side,
    title_key,
)
from bot.attribution.names import Mention
from bot.attribution.person_forms import PersonForms

_AND = re.compile(r"\s+(?:and|or)\s+")
"""Between two names of two people (``Tom and Mr. Rudd``)."""
SAME_PARAGRAPH_SHARE = 0.25
"""Share of the paragraphs naming the rarer of two forms that name both, from which they are two people
who meet (a mother and her daughter: 36-59% in the development novels), not one person named two ways
(under 20%)."""
ACADEMIC_TITLES = frozenset({"dr", "professor"})
"""Titles a man is called by beside a plain ``Mr.`` (see :meth:`_People._sole_doctor`)."""
NAME_CHANGE_MIN = 3
"""Mentions of a later married name before it is taken as a change of name (not a passing thought)."""


def group_mentions(
    mentions: list[Mention], text: str, source: str | None = None, apart: Iterable[tuple[str, str]] = ()
) -> list[list[Mention]]:
    """The mentions of each person (see the module's docstring), in no particular order: ``text`` is
    the story, ``source`` the text the mentions' offsets index (default: ``text``); ``apart``: pairs of
    names, as written, the text shows are two people (a speaker and the name he addresses), never joined,
    nor are two names the text joins by "and" or "or"."""
    forms: dict[Key, list[Mention]] = defaultdict(list)
    for mention in mentions:
        forms[(title_key(mention.title), mention.words)].append(mention)
    by_name = {(" ".join(words), title): key for key in forms for title, words in [key]}
    apart_keys = [
        (first, second)
        for first, second in ((_form_key(a, by_name), _form_key(b, by_name)) for a, b in apart)
        if first is not None and second is not None
    ]
    apart_keys += _coordinated(mentions, text if source is None else source)
    people = _People(forms, text if source is None else source, apart_keys)
    people.join_title_variants()
    people.join_full_nicknames()
    people.join_name_changes()
    people.join_stated(text)
    people.join_titled_surnames()
    people.join_articled()
    people.join_bare_names()
    people.join_nicknames(text)
    people.join_compounds()
    return people.groups()


class _People(PersonForms):
    """The grouping steps, surest evidence first, each merging the forms of :class:`PersonForms`."""

    def __init__(self, forms: dict[Key, list[Mention]], source: str, apart: list[tuple[Key, Key]]) -> None:
        super().__init__(forms, source, apart)
        by_words: dict[tuple[str, ...], list[Key]] = defaultdict(list)
        for key in self.full:
            by_words[key[1]].append(key)
        for words, keys in by_words.items():
            self._join_variants(words, keys)

    def _join_variants(self, words: tuple[str, ...], keys: list[Key]) -> None:
        """1. A full name's variants are one person, of each gender its titles show (``Mrs. Charles
        Wilcox`` is not Charles Wilcox): an untitled one goes with its first name's gender (see
        :func:`_rank_parts`)."""
        by_gender: dict[str | None, list[Key]] = defaultdict(list)
        for key in keys:
            by_gender[TITLE_GENDER.get(key[0]) if key[0] else first_name_gender(words[0])].append(key)
        gendered = [g for g in by_gender if g is not None]
        wives = all(key[0] == "mrs" for key in by_gender[gendered[0]]) if len(gendered) == 1 else True
        if len(gendered) == 1 and None in by_gender and not wives:  # "Mrs. Newland Archer" is his wife
            by_gender[gendered[0]] += by_gender.pop(None)
        for group in by_gender.values():
            for part in _rank_parts(group):
                for key in part[1:]:
                    self._union(part[0], key)

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
            for earlier_form, later_form in zip(roots, roots[1:], strict=False):
                earlier, later = self._find(earlier_form), self._find(later_form)  # an earlier pair may have joined them
                if earlier == later:
                    continue
                titles = {k[0] for root in (earlier, later) for k in self._members[root] if k[0]}
                earlier_miss = any(k[0] in UNMARRIED for k in self._members[earlier]) or (
                    self._given_up(named[earlier_form], named[later_form]) and not self._titled(earlier, MARRIED)
                )
                later_miss = any(k[0] in UNMARRIED for k in self._members[later])
                surname = later_form[1][-1]
                recurring = len(named[later_form]) >= NAME_CHANGE_MIN
                if earlier_miss and not later_miss and recurring and surname in men_surnames and surname != earlier_form[1][-1]:
                    if not titles & {"mr"}:
                        self._union(earlier, later)
                        self.married[self._find(earlier)] = min(named[later_form])

    def join_full_nicknames(self) -> None:
        """Full names of one surname whose first names are variants (``Jack Seward``, ``John Seward``),
        unless the text names the two in one sentence (a father and his son: ``Sir Albert`` and ``Bertie``)."""
        for keys in self._by_last.values():
            for index, key in enumerate(keys):
                for other in keys[index + 1 :]:
                    variant = other[1][0].lower() in name_variants(key[1][0]) or _pet_forms(key[1][0], other[1][0])
                    if variant and compatible(self.gender(key), self.gender(other)) and not self._together(key, other):
                        self._union(key, other)

    def join_stated(self, text: str) -> None:
        """Names the text says are one person (see :mod:`bot.attribution.appositions`)."""
        by_name = {(" ".join(words), title): key for key in self.forms for title, words in [key]}
        for first_name, second_name in stated(text):
            first, second = (_form_key(name, by_name) for name in (first_name, second_name))
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
        if self._find(first) != self._find(second) and compatible(self.gender(first), self.gender(second)):
            self._union(first, second)

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
            if title in UNMARRIED:  # "Miss Miller": a full name written once (her mother's, her own) adds no one
                surname = self._recurring(list(surname))
            first = set()
            if title in FIRST_NAME_TITLES or TITLE_GENDER.get(title) == first_name_gender(word):
                first = {  # men's given names are surnames too ("Mr. Thomas"): a man named twice as often
                    k for k in self._roots(self._by_first[word])
                    if self._fits_title(title, k, given=True, since=since)
                    and (title in FIRST_NAME_TITLES or TITLE_GENDER.get(title) == FEMALE
                         or self._count(k) >= 2 * len(self.forms[key]))
                }
            fitting = surname or self._same_rank(key, first) or self._sole_woman(key) or self._sole_doctor(key)
            by_surname = fitting is surname
            if len(fitting) == 1 and not self._ranked_apart(key, person := fitting.pop()):
                if by_surname and self._together(key, person, distinct=True):
                    continue  # "Tom Rudd came in with his father, old Mr. Rudd": two people
                self._union(person, key)

    def _sole_doctor(self, key: Key) -> set[Key]:
        """The one person called Dr. or Professor before the surname a ``Mr.`` names (``Mr. Kemp`` is
        ``Dr. Kemp``: a doctor is a Mr. too), if that person has no other title and may be a man; asked
        only when no full name of that surname fits the ``Mr.`` (see :meth:`join_titled_surnames`)."""
        if key[0] != "mr":
            return set()
        roots = self._roots([k for k in self.forms if k[1] == key[1] and k[0] in ACADEMIC_TITLES])
        if len(roots) != 1:
            return set()
        root = next(iter(roots))
        titles = {k[0] for k in self._members[root] if k[0]}
        return roots if titles <= ACADEMIC_TITLES and compatible(MALE, self.gender(root)) else set()

    def _same_rank(self, key: Key, fitting: set[Key]) -> set[Key]:
        """Of several people whose given name a rank is written before (``Sir Hugo``), the one named with
        that rank (``Sir Hugo Marland``, not ``Mr. Hugo Marland``, his son), if one is; else all."""
        titled = {root for root in fitting if any(k[0] == key[0] and key[1][0] in k[1] for k in self._members[root])}
        return titled if key[0] in RANKS and len(fitting) > 1 and len(titled) == 1 else fitting

    def _sole_woman(self, key: Key) -> set[Key]:
        """The woman a married title before a surname names when she is the one full name of that surname
        in the text, never a Miss, no man of it is titled, and she is seldom named in one paragraph with it (``Madame Olenska`` is
        Ellen Olenska; ``Mrs. Barry``, in half of the paragraphs naming ``Diana``, is her mother)."""
        roots = self._roots(self._by_last[key[1][-1]])
        if TITLE_VARIANTS.get(key[0] or "") != "married woman" or len(roots) != 1:  # not "Lady Kendrick": an aunt's rank
            return set()
        root = next(iter(roots))
        if self.gender(root) != FEMALE or self._titled(root, UNMARRIED) or self._wife(root):
            return set()
        if any(title and TITLE_GENDER.get(title) != FEMALE for title, words in self.forms if words[-1] == key[1][-1]):
            return set()  # "Captain Harville": Mrs. Harville is his wife, Fanny Harville his sister
        if self._paragraph_share(root, key) >= SAME_PARAGRAPH_SHARE:
            return set()
        return {root}

    def join_articled(self) -> None:
        """``the Rabbit`` is ``the White Rabbit`` when that is the one name after "the" ending in it."""
        for key in self.forms:
            if key[0] or len(key[1]) != 1 or not self._articled(key):
                continue
            longer = [k for k in self.forms if len(k[1]) > 1 and k[1][-1] == key[1][0] and self._articled(k)]
            roots = self._roots(longer)
            if len(roots) == 1:
                self._union(roots.pop(), key)

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
                first = {k for k in self._recurring(self._by_first[word]) if compatible(gender, self.gender(k))}
            last = {k for k in self._recurring(self._by_last[word]) if compatible(shown, self.gender(k))}
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

    def join_nicknames(self, text: str) -> None:
        """Join a given name and its nickname (see the module's docstring)."""
        first_names: dict[str, set[Key]] = defaultdict(set)
        for key in self.forms:
            if key[0] is None or len(key[1]) > 1:
                first_names[key[1][0]].add(key)
        by_lower = {word.lower(): word for word in first_names}
        for word, keys in list(first_names.items()):
            bases = given_names_of(word) | _pet_bases(word, by_lower)
            variants = [by_lower[v] for v in bases if v in by_lower and by_lower[v] != word]
            people = self._roots([k for other in variants for k in first_names[other]])
            mine = self._roots(list(keys))
            if len(people) != 1 or len(mine) != 1 or people == mine or not self._one_surname(people | mine):
                continue
            if not any(len(k[1]) > 1 for k in self._members[next(iter(people))]):
                continue  # "Bill" and "William", neither with a surname: nothing says they are one
            (person,), (me,) = people, mine
            if not compatible(self.gender(person), self.gender(me)) or side_by_side(text, word, variants):
                continue
            if self._together(person, me):  # "Sir Albert looked at Bertie": a father and his son
                continue
            self._union(person, me)

    def join_compounds(self) -> None:
        """A name joined by lower-case words (``Winnifred-the-Mole``) is the one person named by its
        capitalised parts (``Mole``, ``Winnifred``), if only one is; never two given names
        hyphenated (``Mary-Anne`` is not ``Anne``)."""
        by_end_word: dict[str, set[Key]] = defaultdict(set)
        for key in self.forms:
            by_end_word[key[1][0]].add(key)
            by_end_word[key[1][-1]].add(key)
        for key in list(self.forms):
            title, words = key
            parts = words[0].split("-") if len(words) == 1 and title is None else []
            if not any(part.islower() for part in parts):
                continue
            named = [part for part in parts if part[:1].isupper()]
            people = self._roots([k for part in named for k in by_end_word.get(part, ()) if k != key])
            if len(people) == 1:
                self._union(people.pop(), key)


def _coordinated(mentions: list[Mention], source: str) -> list[tuple[Key, Key]]:
    """Pairs of forms the text joins by "and" or "or" (``Tom and Mr. Rudd``): two people. Not after a
    comma (``was it Miss Ann Lee, and Ann said``: two clauses), nor two forms of one name."""
    ordered = sorted(mentions, key=lambda m: m.start)
    return [
        ((title_key(first.title), first.words), (title_key(second.title), second.words))
        for first, second in zip(ordered, ordered[1:], strict=False)
        if first.words != second.words and _AND.fullmatch(source, first.end, second.start)
    ]


def _form_key(name: str, by_name: dict[tuple[str, str | None], Key]) -> Key | None:
    """The form of a name as written (``Mr. Rudd``: ``mr``, ``Rudd``), if the text names anyone so."""
    words = name.split()
    title = title_key(words[0]) if len(words) > 1 and words[0].lower().rstrip(".") in TITLE_GENDER else None
    rest = " ".join(words[1:] if title else words)
    return by_name.get((rest, title)) or by_name.get((rest, None))


def _pet_bases(word: str, names: dict[str, str]) -> set[str]:
    """The given names among ``names`` (lower case) that ``word`` is a pet form of (``kit`` of ``Kitty``),
    looked up by the pet endings' lengths rather than compared with every name."""
    lower = word.lower()
    bases = {lower[:-length] for length in range(1, 4) if length < len(lower)}
    return {base for base in bases if base in names and is_pet_form(base, word)}


def _pet_forms(first: str, second: str) -> bool:
    """Whether one given name is a pet form of the other (``Kit``, ``Kitty``)."""
    return is_pet_form(first, second) or is_pet_form(second, first)


def _rank_parts(keys: list[Key]) -> list[list[Key]]:
    """Variants of one full name of one gender as people: one, unless the name is written after a rank
    and after a plain title (``Sir Hugo Marland``, ``Mr. Hugo Marland``: a father and his son), when
    each kind is one person and the untitled name, either of them, stays apart."""
    ranked = [key for key in keys if key[0] in RANKS]
    plain = [key for key in keys if key[0] in PLAIN_TITLES]
    if not ranked or not plain:
        return [keys]
    return [ranked, plain, *([key] for key in keys if key not in ranked and key not in plain)]
