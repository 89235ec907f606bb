"""What an answer looks like, by the kind of question: small tables of general English.

"How tall" is answered by "eight feet in height", "when" by "the next morning",
"why" by "because": words the question never says but its answer does. These
*cues* mark an answering sentence (a bonus in :mod:`bot.ask.ranking`) and, for
the kinds whose answers nearly always hold one, widen the search to sentences
holding a cue beside a word of the question (:data:`SEARCHED_KINDS`).
"""

from __future__ import annotations

from enum import StrEnum

from bot.search.textnorm import term


class QuestionKind(StrEnum):
    WHO = "who"
    WHAT = "what"
    WHERE = "where"
    WHEN = "when"
    WHY = "why"
    HOW = "how"
    MEASURE = "measure"
    """How old, how tall, how many, what colour...: answered with a number, a measure or a quality."""
    OTHER = "other"


def word_terms(text: str) -> frozenset[str]:
    """The terms of the words of `text` (a table written as one string of words)."""
    return frozenset(term(word) for word in text.split())


NUMBERS = word_terms(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million dozen"
    " score half twice thrice several few"
)
ATTRIBUTES: dict[str, frozenset[str]] = {
    "tall": word_terms("feet foot inches yards height tall high stature gigantic giant"),
    "high": word_terms("feet foot inches yards height tall high stature lofty"),
    "big": word_terms("feet foot yards size large great huge gigantic giant little small stature"),
    "large": word_terms("feet foot yards size large great huge gigantic giant little small stature"),
    "small": word_terms("feet foot inches size little small tiny"),
    "old": word_terms("age aged years old young born birthday"),
    "age": word_terms("age aged years old young born birthday"),
    "long": word_terms("hours days weeks months years minutes moments while time long length longer"),
    "many": frozenset(),
    "much": frozenset(),
    "far": word_terms("miles leagues yards feet distance far away"),
    "often": word_terms("every daily weekly always often once twice seldom never"),
    "colour": word_terms(
        "red blue green yellow black white grey gray brown golden gold amber pale dark fair crimson scarlet"
        " silver hazel auburn purple pink rosy"
    ),
}
"""The word after "how" (or "what") that asks for a measure, and the words of its answers beside numbers."""
ATTRIBUTES["color"] = ATTRIBUTES["colour"]
ATTRIBUTES["size"] = ATTRIBUTES["big"]
ATTRIBUTES["height"] = ATTRIBUTES["tall"]
COUNTED = frozenset({"colour", "color"})
"""Attributes not answered by a number."""

CUES: dict[QuestionKind, frozenset[str]] = {
    QuestionKind.WHY: word_terms(
        "because since so reason order cause caused sake therefore wanted hoping hope after lest purpose"
    ),
    QuestionKind.WHEN: word_terms(
        "after before when while until since during ago later day night morning evening noon midnight dawn"
        " year years month week hours spring summer autumn winter january february march april"
        " june july august september october november december monday tuesday wednesday thursday friday"
        " saturday sunday"
    ),
    QuestionKind.WHERE: word_terms(
        "place house city town home room village country land forest wood mountain hill lake river sea shore island"
        " church castle cottage hut inn street road garden park shop school university ship cabin chamber hall"
    ),
    QuestionKind.HOW: word_terms("by with through using"),
    QuestionKind.WHO: word_terms(
        "man woman men women boy girl child father mother brother sister son daughter wife husband friend"
        " servant stranger gentleman lady professor doctor master"
    ),
}
"""Terms whose presence marks a sentence as answering that kind of question (MEASURE: see :func:`measure_cues`)."""
ROLE_NOUNS = frozenset(
    """
    man woman men women boy girl gal child baby lad lass youth gentleman lady fellow person creature
    father mother brother sister son daughter wife husband uncle aunt nephew niece cousin grandfather grandmother
    parent widow widower bride bridegroom lover sweetheart fiance fiancee friend companion neighbour neighbor
    guest host hostess stranger visitor orphan heir heiress twin
    servant maid butler housekeeper cook nurse governess footman coachman valet gardener porter clerk secretary
    master mistress owner employer landlord landlady tenant lodger partner
    doctor physician surgeon lawyer attorney judge magistrate officer detective inspector constable policeman
    sheriff soldier sergeant captain colonel major general lieutenant sailor seaman mate pilot
    priest minister vicar clergyman curate rector bishop nun monk preacher
    professor teacher tutor student pupil scholar scientist painter artist musician singer dancer actor actress
    writer poet author journalist reporter editor banker merchant trader shopkeeper barber tailor farmer
    peasant labourer laborer worker smith carpenter hunter fisherman miner driver
    king queen prince princess duke duchess earl count countess lord baron baronet knight emperor
    chief leader boss manager agent spy thief criminal prisoner convict murderer villain hero heroine
    cat dog horse bird animal beast monster
    courier guide keeper gatekeeper innkeeper fighter boxer boatman waiter waitress groom steward bailiff squire
    mayor governor chaplain pastor admiral commander schoolmaster schoolmistress dressmaker milliner chemist
    dentist blacksmith practitioner dealer carrier grocer baker butcher shoemaker cobbler weaver miller
    apothecary architect engineer clergyman banker broker accountant schoolteacher postman postmistress
    """.split()
)
"""Nouns that say what a person is (a role, a trade, a relation): "Tilda, the housekeeper", "was butler"."""
_NOT_TRADES = frozenset(
    """
    man woman men women boy girl gal child baby lad lass youth gentleman lady fellow person creature
    father mother brother sister son daughter wife husband uncle aunt nephew niece cousin grandfather grandmother
    parent widow widower bride bridegroom lover sweetheart fiance fiancee friend companion neighbour neighbor
    guest host hostess stranger visitor orphan heir heiress twin cat dog horse bird animal beast monster
    king queen prince princess duke duchess earl count countess lord baron baronet knight emperor
    thief criminal prisoner convict murderer villain hero heroine spy partner owner tenant lodger
    """.split()
)
OCCUPATIONS = ROLE_NOUNS - _NOT_TRADES
"""Role nouns that are a trade or a post ("dentist", "governess"): what answers "what was X's job?"."""
SEARCHED_KINDS = frozenset({QuestionKind.MEASURE, QuestionKind.WHEN, QuestionKind.WHY})
"""Kinds whose answers nearly always hold a cue: their cues are searched for beside the question's words."""


def measure_cues(attribute: str) -> frozenset[str]:
    """The cues of a measure question about `attribute` ("tall", "old", "colour"...)."""
    found = ATTRIBUTES.get(attribute, frozenset())
    return found if attribute in COUNTED else NUMBERS | found


def is_number(own_term: str) -> bool:
    """Whether a term is a number written in digits ("1789", "28th")."""
    return own_term[:1].isdigit()
