"""Words the attribution rules read: speech verbs, titles, pronouns and person nouns.

General English narration only: nothing here names a character of any book.
"""

from __future__ import annotations

MALE, FEMALE = "m", "f"

SPEECH_VERBS = frozenset(
    """
    say said says saying ask asked asks speak spoke speaks answer answered answers reply replied replies
    cry cried cries exclaim exclaimed exclaims whisper whispered whispers mutter muttered mutters
    murmur murmured murmurs mumble mumbled shout shouted shouts yell yelled screamed screams called calls
    continued continues began begins went interrupted interrupts returned resumed observed remarked
    stated states explained explains questioned repeated repeats echoed offered offers corrected argued
    retorted uttered utters commented demanded demands inquired enquired urged pleaded begged insisted
    insists agreed suggested declared announced admitted warned promised snapped growled hissed breathed
    sighed laughed sobbed groaned gasped stammered responded responds added adds thought thinks proceeded
    protested cut concluded persisted ventured faltered roared bawled shrieked squeaked chuckled giggled
    sneered chimed put called told tells remonstrated rejoined reasoned conceded confessed explained
    wailed moaned grumbled cautioned counselled objected hazarded queried pursued mused reflected
    reminded assured prompted complained grunted
    """.split()
)
"""Verbs that make narration beside a quote a speech tag (``said``, ``cried``, ``thought``)."""
NAME_WORD = r"(?:Ma?c|O['’])?[A-Z][a-z]+"
"""A capitalised name word, with the Scottish and Irish prefixes written before a second capital
(``MacAllister``, ``McKay``, ``O'Hara``) kept in one word."""
SPEECH_VERB_PATTERN = "(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")\b"
"""A regular expression matching any of :data:`SPEECH_VERBS` as a whole word (from its start)."""
SPEECH_NOUNS = frozenset(
    """
    reply answer rejoinder comment remark inquiry enquiry question exclamation response retort observation
    cry greeting reasoning language reproach advice verdict conclusion explanation protest rebuke thought
    words summing salutation apology objection assent suggestion
    """.split()
)
"""Nouns that make ``was Anne’s reply`` beside a quote a speech tag of its owner."""
SPEECH_NOUN_PATTERN = "(?:" + "|".join(sorted(SPEECH_NOUNS, key=len, reverse=True)) + r")\b"
GERUNDS = frozenset({"saying", "adding", "asking", "crying", "replying", "answering", "speaking", "remarking",
                     "exclaiming", "observing", "whispering", "murmuring", "continuing", "calling", "shouting",
                     "declaring", "inquiring", "enquiring", "demanding", "explaining", "beginning", "muttering"})
"""Speech verbs as gerunds, for a tag ending its sentence (``by turning to her neighbour and remarking:``)."""

PARTICLES = frozenset({"on", "in", "out", "up", "back", "off"})
"""Words that may follow a speech verb inside a tag (``went on``, ``put in``)."""

TITLE_GENDER: dict[str, str | None] = {
    "mr": MALE, "mister": MALE, "sir": MALE, "lord": MALE, "uncle": MALE, "master": MALE, "king": MALE,
    "prince": MALE, "father": MALE, "brother": MALE,
    "mrs": FEMALE, "miss": FEMALE, "ms": FEMALE, "madam": FEMALE, "madame": FEMALE, "lady": FEMALE,
    "aunt": FEMALE, "mistress": FEMALE, "queen": FEMALE, "princess": FEMALE, "sister": FEMALE,
    "mother": FEMALE,
    "herr": MALE, "monsieur": MALE, "signor": MALE, "count": MALE, "baron": MALE, "duke": MALE,
    "frau": FEMALE, "fraulein": FEMALE, "mademoiselle": FEMALE, "mlle": FEMALE, "mme": FEMALE,
    "signora": FEMALE, "signorina": FEMALE, "countess": FEMALE, "baroness": FEMALE, "dame": FEMALE,
    "dr": None, "doctor": None, "professor": None, "captain": None, "major": None, "colonel": None,
    "general": None, "inspector": None, "sergeant": None, "sheriff": None, "detective": None,
    "reverend": None, "rev": None, "judge": None, "constable": None, "admiral": None, "lieutenant": None,
    "hon": None,
}
"""Titles before a name, with the gender they show (``Mrs. Lynde``: female)."""

SUBJECT_PRONOUNS: dict[str, str | None] = {"he": MALE, "she": FEMALE}
GENDERED_PRONOUNS: dict[str, str] = {
    "he": MALE, "his": MALE, "himself": MALE, "him": MALE,
    "she": FEMALE, "hers": FEMALE, "herself": FEMALE, "her": FEMALE,
}

PERSON_NOUNS: dict[str, str | None] = {
    "woman": FEMALE, "lady": FEMALE, "girl": FEMALE, "mother": FEMALE, "wife": FEMALE, "maid": FEMALE,
    "landlady": FEMALE, "nurse": FEMALE, "sister": FEMALE, "daughter": FEMALE, "aunt": FEMALE,
    "widow": FEMALE, "housekeeper": FEMALE, "queen": FEMALE, "duchess": FEMALE, "mistress": FEMALE,
    "man": MALE, "gentleman": MALE, "boy": MALE, "father": MALE, "husband": MALE, "landlord": MALE,
    "coachman": MALE, "brother": MALE, "son": MALE, "uncle": MALE, "king": MALE, "fellow": MALE,
    "lad": MALE, "policeman": MALE, "butler": MALE, "footman": MALE, "clergyman": MALE, "vicar": MALE,
    "stranger": None, "driver": None, "being": None, "creature": None, "monster": None, "doctor": None,
    "professor": None, "captain": None, "child": None, "servant": None, "sheriff": None, "officer": None,
    "attendant": None, "keeper": None, "visitor": None, "voice": None, "inspector": None,
    "detective": None, "friend": None, "companion": None, "guest": None, "host": None, "teacher": None,
    "student": None, "clerk": None, "shopkeeper": None, "waiter": None, "sailor": None, "soldier": None,
    "constable": None, "sergeant": None, "porter": None, "cabman": None, "girl's": None, "person": None,
    "other": None, "youth": None, "judge": None, "minister": None, "postman": None, "doorman": None,
}
"""Nouns that make ``the <noun>`` a person (``said the woman``), with the gender they show."""

NOT_NAMES = frozenset(
    """
    I I'm I've I'd I'll Oh O Ah Yes No Nay Well Now Then So And But Or Not Why What Who Whom How When Where
    Which There Here This That These Those It Its He She We They You Your My Mine His Her Our Their If
    Mr Mrs Miss Ms Dr Sir Madam Lord Lady God Heaven Hell Chapter CHAPTER Book Part Volume End Note
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday English French German Christmas
    Hello Hi Hey Goodbye Good-bye Yeah Okay OK Please Thanks Thank Sorry Dear Majesty Highness Lordship
    Ladyship Honour Honor Excellency Thence Hence Whence Thereupon Therefore However Meanwhile Nevertheless
    Afterwards Presently Suddenly Perhaps Indeed
    At In On Of To For With From By Into Onto Upon After Before Among Between Through Without Within During
    Towards Toward Against
    """.split()
)
"""Capitalised words that are never a character's name on their own (prepositions among them: ``At
this moment Five called out`` is no tag of a speaker ``At``)."""

ANAPHORIC_NOUNS = frozenset({"other", "latter", "former"})
"""``said the other``: whoever of the conversation did not just speak, never a character."""
GROUP_NOUNS = frozenset(
    "people men women children gentlemen ladies folk crowd audience company party family others both all".split()
)
"""Nouns naming several people: ``said the others`` names no one speaker."""

PLACE_NOUNS = frozenset(
    """
    Street Square Place Park Abbey Castle Court Lodge Manor Cottage Farm House Road Lane Gardens Terrace
    Crescent Embankment Island Isle Bay River Lake Mountains Hills Valley Cliff Hotel Inn Church Chapel
    Cathedral College Station Palace Parsonage Rectory Vicarage Grange Priory Hospital Museum Gallery
    Rooms Theatre Club Bridge Gate Common Heath Forest Harbour Canal Tower Port Mount Fort Cape
    """.split()
)
"""Generic words that make a name of two words or more a place, last (``Kensington Gardens``, ``Ashcombe
Place``) or, for a few, first (``Port Burdock``, ``Mount Hope``)."""
PLACE_FIRST = frozenset({"Port", "Mount", "Fort", "Cape", "Lake"})
