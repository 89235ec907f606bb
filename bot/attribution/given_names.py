"""Given names as well-kept resources know them: their nicknames and diminutives (the ``nicknames``
package: ``Art`` for Arthur, ``Meg`` for Margaret) and their usual gender (the ``gender-guesser``
package's dictionary). Both load once, on first use.
"""

from __future__ import annotations

from functools import cache

from bot.attribution.lexicon import FEMALE, MALE


@cache
def _nick_namer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer

    return NickNamer()


def name_variants(name: str) -> set[str]:
    """The given names (lower case) that ``name`` is a nickname or diminutive of, or that are its
    nicknames (``Art``: arthur, artemus)."""
    namer = _nick_namer()
    lower = name.lower()
    return namer.nicknames_of(lower) | namer.canonicals_of(lower)


def given_names_of(nickname: str) -> set[str]:
    """The given names (lower case) that ``nickname`` is a nickname or diminutive of (``Art``:
    arthur, artemus), never the other way round (``William`` is no nickname of Bill)."""
    return _nick_namer().canonicals_of(nickname.lower())


PET_ENDINGS = ("y", "ie", "ey")
"""Endings of a pet form made from a given name (``Kitty`` of Kit, ``Annie`` of Ann)."""


def is_pet_form(name: str, pet: str) -> bool:
    """Whether ``pet`` is a pet form made from the given name ``name`` (``Kit`` and ``Kitty``, ``Tom``
    and ``Tommy``, ``Ann`` and ``Annie``), whatever the case; names of three letters or more."""
    name, pet = name.lower(), pet.lower()
    return len(name) >= 3 and pet.startswith(name) and 0 < len(pet) - len(name) <= 3 and pet.endswith(PET_ENDINGS)


@cache
def _gender_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """The usual gender of a given name, if the gender-guesser dictionary is sure of it."""
    if not name[:1].isupper() or "-" in name:
        return None
    guess = _gender_detector().get_gender(name)
    return {"male": MALE, "female": FEMALE}.get(guess)


def is_given_name(name: str) -> bool:
    """Whether the gender-guesser dictionary knows ``name`` as a given name (of either gender)."""
    return _gender_detector().get_gender(name) != "unknown"
