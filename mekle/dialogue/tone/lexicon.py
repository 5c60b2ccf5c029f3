"""The curated word lists and phrase patterns behind the rules layer.

Norwegian patterns cover bokmål and nynorsk together (people mix them, and a rule that knows
"jeg|eg" costs nothing). Phrase patterns run case-insensitively over the text with typographic
apostrophes made plain; word lists are matched against each token's lower-cased surface form
and its lemma (simplemma). Each entry is deliberately narrow: a word that is only hostile in
some uses (dum, stupid, "ellers") needs its context, written into the pattern.

Hard cases that must NOT fire are handled by what is left out (a plain mention of the police,
a court, barnevernet or the mediator matches nothing on its own) and by the guards in rules.py
(self-directed words, reported speech, negation, appreciation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    # Name-calling that is hostile whoever it is aimed at (unless reported or self-directed).
    strong_insults: frozenset[str]
    # Words that insult only when aimed at the reader ("du er dum"), never "jeg var dum".
    weak_insults: frozenset[str]
    # Surface prefixes of swear words ("faen", "faens", "jævla", "drittbilen").
    profanity_prefixes: tuple[str, ...]
    profanity_words: frozenset[str]
    second_person: frozenset[str]
    first_person: frozenset[str]
    negations: frozenset[str]
    # Phrase patterns by category.
    phrases: dict[str, tuple[re.Pattern[str], ...]]
    # A conditional aimed at the reader, and the punitive consequences that make it an ultimatum.
    conditional: re.Pattern[str]
    punitive: re.Pattern[str]
    # Words that make "du alltid/aldri" praise rather than blame.
    appreciation: re.Pattern[str]


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


_NO_DAYS = (
    r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag|i morgen|i morgon|i kveld)"
)

NORWEGIAN = Lexicon(
    strong_insults=frozenset(
        [
            "idiot",
            "drittsekk",
            "psykopat",
            "narsissist",
            "løgner",
            "løgnar",
            "taper",
            "tapar",
            "tosk",
            "tulling",
            "fjols",
            "kødd",
            "kjerring",
            "hore",
            "fitte",
            "mongo",
            "evneveik",
            "hjernedød",
            "rasshøl",
            "rævhøl",
            "dust",
            "dåse",
            "nek",
            "jævel",
            "tufs",
            "drittunge",
            "drittkjerring",
        ]
    ),
    weak_insults=frozenset(
        [
            "dum",
            "teit",
            "latterlig",
            "latterleg",
            "patetisk",
            "ynkelig",
            "ynkeleg",
            "ubrukelig",
            "ubrukeleg",
            "udugelig",
            "udugeleg",
            "egoistisk",
            "sjølvisk",
            "selvisk",
            "inkompetent",
            "sinnssyk",
            "sinnssjuk",
            "hysterisk",
            "elendig",
            "gal",
            "håpløs",
            "håplaus",
            "ussel",
        ]
    ),
    profanity_prefixes=(
        "faen",
        "fanden",
        "jævl",
        "jævel",
        "helvet",
        "hælvet",
        "satan",
        "dritt",
        "drit",
        "fuck",
        "shit",
        "kuk",
        "fitte",
        "pikk",
    ),
    profanity_words=frozenset({"faens", "faenskap", "herregud-faen", "wtf"}),
    second_person=frozenset(
        ["du", "deg", "din", "di", "ditt", "dine", "dere", "dykk", "dokker", "dykkar", "deres", "dokkar"]
    ),
    first_person=frozenset(["jeg", "eg", "meg", "min", "mi", "mitt", "mine", "vi", "oss"]),
    negations=frozenset(["ikke", "ikkje", "aldri", "ingen"]),
    phrases={
        "threat": _p(
            r"\bdu skal få (?:se|sjå|svi|merke|betale|angre|høre|høyre)\b",
            r"\bfår du (?:se|sjå) (?:hva|kva)\b",
            r"\b(?:kommer|kjem) du til å angre\b",
            r"\bdu (?:vil|kommer til å|kjem til å|skal) angre\b",
            r"\b(?:jeg|eg) (?:vet|veit) (?:hvor|kvar) du (?:bor|bur)\b",
            r"\b(?:jeg|eg) (?:vet|veit) (?:ting|noe|noko|mye|mykje) om deg\b",
            r"\b(?:jeg|eg) skal (?:sørge|sørgje|syte) for at du (?:\w+ ){0,3}?(?:aldri|ikke|ikkje|mister|miste|angrar|angrer|taper|tapar|betaler|betalar|får svi)\b",
            r"\bpass (?:deg|dykk|dere)\b(?! for)",
            r"\b(?:hvem|kven) som ler sist\b",
            r"\bskal (?:få )?betale for (?:dette|det)\b",
            r"\b(?:jeg|eg) skal (?:ødelegge|øydeleggje|øydelegge|knuse|ta) (?:livet ditt|deg)\b",
            r"\b(?:hva|kva) (?:jeg|eg) er i stand til\b",
            r"\b(?:hva|kva) slags (?:person|menneske|mor|far|forelder) du (?:egentlig |eigentleg )?er\b",
            r"\b(?:jeg|eg) (?:skal|kommer til å|kjem til å) (?:drepe|slå|ta|ramme|knekke) deg\b",
            r"\b(?:håper|håpar|vonar) du (?:dør|døyr|råtner|råtnar|brenner|brenn)\b",
            r"\b(?:aldri|ikke|ikkje) (?:mer |meir )?(?:få )?(?:se|sjå|treffe|møte) (?:barna|ungene|ungane|dem|dei) (?:igjen|mer|meir)\b",
            r"\bferdig med å (?:være|vere) snill\b",
            r"\bfår du merke det\b",
        ),
        "ultimatum": _p(
            r"\bsiste (?:sjanse|advarsel|åtvaring|frist)\b",
            r"\b(?:gjør|gjer) som (?:jeg|eg) (?:sier|seier)\b",
            r"\b(?:ellers|elles) (?:kaster|kastar|går|tar|tek|ringer|ringjer|melder|anmelder|selger|sel|sender|sendar) (?:jeg|eg)\b",
        ),
        "blame": _p(
            r"\bdu (?:\w+ ){0,2}?(?:alltid|aldri)\b",
            r"\b(?:det er|alt er|dette er) (?:din|di) (?:skyld|skuld|feil)\b",
            r"\bfordi du (?:ikke|ikkje|aldri|alltid) (?:klarer|klarar|gidder|gidd|bryr|kan|vil)\b",
            r"\btakket være deg\b",
            r"\btypisk deg\b",
            r"\bdu (?:ødelegger|øydelegg|øydelegger) alt\b",
            r"\bdu bryr deg (?:ikke|ikkje) om\b",
        ),
        "contempt": _p(
            r"\btakk for ingenting\b",
            r"\bskal vi feire\b",
            r"\b(?:hvor|kor) (?:vanskelig|vanskeleg) kan det (?:være|vere)\b",
            r"\b(?:ikke|ikkje) at du bryr deg\b",
            r"\bendel(?:i|e)g(?:t)? (?:fant|fann|finner|finn) tid\b",
            r"\bbli (?:voksen|vaksen)\b",
            r"\b(?:din|di|ditt|dine) såkal(?:t|te|la)\b",
            r"\bsåkal(?:t|te|la) [«\"]",
            r"\bja,? sikkert\s*[.!]",
            r"\bspar meg\b",
            r"\b(?:gidder|gidd) (?:ikke|ikkje) (?:engang|ein gong|å svare|svare)\b",
            r"\b(?:tøvet|tullet|vrøvlet|sprøytet|pisspreiket|tøvet ditt)\b",
            r"\b(?:for|så) (?:vanskelig|vanskeleg) for (?:deg|dykk|dere)\b",
            r"\b(?:forventer|forventar|ventar|venter) (?:ikke|ikkje) (?:noe|noko) (?:annet|anna|annleis) (?:fra|frå|av) deg\b",
            r"\binteressant at du plutsel(?:i|e)g\b",
            r"\b(?:hold|hald) kjeft\b",
            r"\bskjerp (?:deg|dykk|dere)\b",
            r"\b(?:driter|dritar|drit) i (?:hva|kva|deg|dykk|dere)\b",
            r"\b(?:hva|kva) er (?:galt|gale) med deg\b",
            r"(?:^|[.!?]\s+)(?:latterlig|latterleg|patetisk|ynkelig|ynkeleg)\s*[.!]",
        ),
        "insult": _p(
            r"\bdårl(?:i|e)g (?:forelder|mor|far|menneske|person)\b",
        ),
    },
    conditional=re.compile(
        r"\b(?:hvis|viss|om|dersom) du (?:ikke|ikkje)\b|\b(?:enten|anten)\b|\b(?:ellers|elles)\b", re.IGNORECASE
    ),
    punitive=re.compile(
        r"\b(?:retten|rettssak\w*|advokat\w*|politiet|barnevernet|anmelde\w*|angre\w*|svi|merke det)\b"
        r"|\b(?:ser|får|treffer|møter) du (?:ikke|ikkje|aldri)\b|\bmister du\b|\bmøtes vi\b|\bmøtest vi\b",
        re.IGNORECASE,
    ),
    appreciation=re.compile(
        r"\b(?:flink|god|snill|takk(?!et være)\w*|takknemlig|takksam|pris på|glad|fin|hyggel(?:i|e)g|flott|heldig|stolt)\b",
        re.IGNORECASE,
    ),
)

ENGLISH = Lexicon(
    strong_insults=frozenset(
        [
            "idiot",
            "moron",
            "jerk",
            "loser",
            "liar",
            "psycho",
            "psychopath",
            "narcissist",
            "bitch",
            "bastard",
            "asshole",
            "arsehole",
            "dickhead",
            "prick",
            "scumbag",
            "deadbeat",
            "imbecile",
            "retard",
            "dumbass",
            "twat",
            "cunt",
            "slut",
            "whore",
            "tosser",
            "wanker",
        ]
    ),
    weak_insults=frozenset(
        [
            "stupid",
            "pathetic",
            "useless",
            "worthless",
            "incompetent",
            "selfish",
            "crazy",
            "insane",
            "ridiculous",
            "lazy",
            "hopeless",
            "dumb",
            "idiotic",
            "unfit",
            "spineless",
        ]
    ),
    profanity_prefixes=("fuck", "shit", "goddamn", "bullshit", "motherfuck"),
    profanity_words=frozenset(
        {
            "damn",
            "damned",
            "bloody",
            "crap",
            "crapped",
            "crappy",
            "piss",
            "pissed",
            "hell",
            "bollocks",
            "wtf",
            "arse",
            "ass",
            "fucking",
        }
    ),
    second_person=frozenset(["you", "your", "yours", "yourself", "yourselves", "u", "ur"]),
    first_person=frozenset(["i", "me", "my", "mine", "myself", "we", "us"]),
    negations=frozenset(["not", "never", "no", "n't"]),
    phrases={
        "threat": _p(
            r"\byou(?:'ll| will) (?:see|find out) what\b",
            r"\byou(?:'ll| will| are going to|'re going to) regret\b",
            r"\byou(?:'ll| will) be sorry\b",
            r"\bi know where you live\b",
            r"\bi know (?:things|stuff|a lot) about you\b",
            r"\bi(?:'ll| will) make sure (?:that )?you (?:\w+ ){0,2}?(?:never|don't|do not|won't|lose|pay|regret)\b",
            r"\bwatch (?:your back|yourself|your step)\b",
            r"\bwho(?:'s| is) laughing\b|\blaughs last\b",
            r"\byou(?:'re| are) going to pay\b|\byou(?:'ll| will) pay for\b",
            r"\bi(?:'ll| will| am going to|'m going to) (?:ruin|destroy|finish) (?:you|your life)\b",
            r"\bwhat i(?:'m| am) capable of\b",
            r"\bwhat kind of (?:person|mother|father|parent|man|woman) you (?:really )?are\b",
            r"\bwho you really are\b",
            r"\bdone being nice\b",
            r"\bnever see (?:the kids|the children|them|her|him) again\b",
            r"\bi(?:'ll| will) (?:kill|hurt|get|end) you\b",
            r"\bhope you (?:die|rot|burn)\b",
        ),
        "ultimatum": _p(
            r"\b(?:last|final) (?:chance|warning)\b",
            r"\bor else\b",
            r"\bdo (?:what|as) i say\b",
            r"\bor (?:i'll|i will|i'm going to|i am going to|i'm) (?:throw|go|call|take|report|sell|change|bin|dump|keep)\b",
        ),
        "blame": _p(
            r"\byou(?:'re| are|'ve| have)? (?:\w+ )?(?:always|never)\b",
            r"\b(?:it's|it is|that's|that is|this is|all|it was) (?:all )?your fault\b",
            r"\bbecause you (?:can't|cannot|never|always|don't|won't|couldn't)\b",
            r"\bthanks to you\b",
            r"\btypical (?:of )?you\b",
            r"\byou (?:ruin|ruined|wreck|destroy) everything\b",
            r"\byou (?:don't|never) care about\b",
        ),
        "contempt": _p(
            r"\bthanks for nothing\b",
            r"\bshould we (?:throw a party|celebrate)\b",
            r"\bhow (?:hard|difficult) can it be\b",
            r"\bnot that you care\b",
            r"\bfinally (?:find|found|finding) (?:the )?time\b",
            r"\bgrow up\b",
            r"\byour so-called\b|\bso-called [\"“]",
            r"\byeah,? right\b",
            r"\bspare me\b",
            r"\b(?:too|so) (?:difficult|hard|complicated) for you\b",
            r"\bcan't even be bothered\b",
            r"\bthat (?:nonsense|rubbish|drivel|garbage)\b",
            r"\bexpect nothing (?:less|else|more|better) (?:from|of) you\b",
            r"\bfunny how you suddenly\b",
            r"\bshut up\b",
            r"\bwhat(?:'s| is) wrong with you\b",
            r"\bget a life\b",
            r"\breal mature\b",
            r"\bdon't give a (?:shit|damn|toss|fuck)\b",
            r"(?:^|[.!?]\s+)(?:ridiculous|pathetic)\s*[.!]",
        ),
        "insult": _p(
            r"\b(?:terrible|bad|awful|lousy|useless|pathetic) (?:parent|mother|father|mum|mom|dad|person)\b",
            r"\bexcuse for a (?:father|mother|parent|man|woman|human)\b",
        ),
    },
    conditional=re.compile(r"\bif you (?:don't|do not|won't|will not)\b|\bunless you\b|\beither\b", re.IGNORECASE),
    punitive=re.compile(
        r"\b(?:court|lawyer|solicitor|police|child services|social services|report you|regret\w*)\b"
        r"|\b(?:won't|will never|never|will not) see\b|\byou(?:'ll| will) lose\b",
        re.IGNORECASE,
    ),
    appreciation=re.compile(
        r"\b(?:good|great|kind|thank(?!s to you)\w*|grateful|appreciate\w*|glad|lovely|nice|proud|lucky|wonderful)\b",
        re.IGNORECASE,
    ),
)

# Capitalised words that are names or acronyms, not shouting.
ACRONYMS = frozenset(
    [
        "nav",
        "bup",
        "sfo",
        "ppt",
        "fau",
        "nrk",
        "usa",
        "ok",
        "tv",
        "pc",
        "sms",
        "camhs",
        "gp",
        "pe",
        "nhs",
        "adhd",
        "id",
        "bbc",
        "uk",
        "eu",
        "it",
        "aks",
        "krr",
        "pdf",
        "dnb",
        "mva",
        "bil",
        "rtv",
        "ppt",
        "bvtj",
        "tt",
        "fhi",
        "hms",
        "ukm",
        "ssb",
        "vg",
        "bt",
        "db",
        "pts",
        "fyi",
        "asap",
        "cv",
    ]
)

# Verbs of saying: a swear word or insult in quotes after one of these is reported, not aimed.
REPORTING = re.compile(
    r"\b(?:sa|sagt|sier|seier|skrev|skreiv|kalte|kalla|kalt|ropte|said|says|say|wrote|called|shouted|yelled)\b[^.!?«\"]{0,30}$",
    re.IGNORECASE,
)

# "He was called an idiot": the word that follows is reported.
CALLED = re.compile(r"\b(?:kalte|kalla|kalt|kalle|kallar|kaller|called|call|calls)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

# "bloody nose" is an injury, not a swear word.
BLOODY_LITERAL = re.compile(r"\s*(?:nose|lip|knee|hands?|mess|wound|cut)\b", re.IGNORECASE)
