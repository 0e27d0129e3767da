"""English word lists for frames: control verbs, event nouns, place words, notices to the reader (data, no logic)."""

from __future__ import annotations

import re
from typing import Final

# fmt: off

#: Modal auxiliaries by lemma; spaCy lemmatises "ca" (can't) and "wo" (won't) oddly on some models.
MODALS: Final[dict[str, str]] = {
    "can": "can", "ca": "can", "could": "could", "may": "may", "might": "might", "would": "would", "'d": "would",
    "should": "should", "must": "must", "will": "will", "wo": "will", "'ll": "will", "shall": "shall",
}

#: Verbs whose to-infinitive carries the action: "Iran plans to ship" is a frame "ship" with modality "plan".
CONTROL: Final[frozenset[str]] = frozenset({
    "plan", "intend", "seek", "want", "try", "aim", "hope", "attempt", "threaten", "promise", "vow", "prepare", "agree",
    "decide", "wish", "need", "have", "seem", "appear", "refuse", "offer", "pledge", "expect",
})

#: Adjectives whose to-infinitive carries the action ("not able to get" -> "get", modality "able"); un- forms negate.
CONTROL_ADJ: Final[dict[str, tuple[str, bool]]] = {
    "able": ("able", False), "unable": ("able", True), "willing": ("willing", False), "unwilling": ("willing", True),
    "ready": ("ready", False), "likely": ("likely", False), "unlikely": ("likely", True), "set": ("set", False),
    "due": ("due", False), "eager": ("eager", False), "prepared": ("prepared", False),
    "determined": ("determined", False), "poised": ("poised", False), "certain": ("certain", False),
    "sure": ("sure", False), "about": ("about", False),
}

#: Verbs whose object is the actor of their infinitive: "allow scientists to study", "help us prepare".
OBJECT_CONTROL: Final[frozenset[str]] = frozenset({
    "allow", "let", "help", "make", "force", "ask", "tell", "urge", "order", "enable", "cause", "permit", "persuade",
    "encourage", "require", "invite", "get", "lead", "want", "expect", "need", "train", "teach", "warn", "advise",
    "call", "compel", "oblige",
})

#: Linking verbs: a predicate adjective is the action ("was aware" -> "be aware"), a predicate noun the target.
COPULAS: Final[frozenset[str]] = frozenset({"be", "become", "remain", "seem", "appear", "stay"})

#: Verb + object idioms whose object is part of the action, not a target ("took place" -> "take place").
IDIOMS: Final[frozenset[tuple[str, str]]] = frozenset({
    ("take", "place"), ("take", "part"), ("take", "office"), ("take", "power"),
})

#: Heads that a bare relative clause does not take as its object ("the day he arrived", "the way it works").
NOT_GAP: Final[frozenset[str]] = frozenset({
    "time", "day", "year", "week", "month", "moment", "way", "reason", "place", "night", "morning",
})

#: Verbs that only say when an action runs ("began shipping", "continued to fight"): the complement is the action.
ASPECTUAL: Final[frozenset[str]] = frozenset({
    "begin", "start", "continue", "keep", "resume", "stop", "cease", "finish", "go",
})

#: Nouns that name an event: frames for verbless claims ("the transfer of missiles") and aspectual subjects.
EVENT_NOUNS: Final[frozenset[str]] = frozenset([
    "transfer", "shipment", "delivery", "sale", "deployment", "attack", "strike", "assault", "raid", "bombing",
    "shooting", "killing", "murder", "arrest", "detention", "invasion", "occupation", "withdrawal", "election", "vote",
    "visit", "meeting", "talks", "summit", "agreement", "deal", "ceasefire", "protest", "demonstration", "riot",
    "explosion", "blast", "crash", "collapse", "fire", "earthquake", "flood", "launch", "test", "sanction", "sanctions",
    "threat", "warning", "ban", "embargo", "campaign", "offensive", "war", "conflict", "clash", "fighting", "battle",
    "siege", "execution", "kidnapping", "abduction", "release", "escape", "resignation", "appointment", "dismissal",
    "acquisition", "merger", "purchase", "investment", "supply", "smuggling", "trafficking", "support", "funding",
    "training", "rescue", "evacuation", "evacuations", "expulsion", "deportation", "trial", "conviction", "sentence",
    "verdict", "investigation", "probe", "announcement", "approval", "rejection", "decision", "discovery", "landing",
    "departure", "arrival", "death", "injury", "outbreak", "spread",
])

#: Event nouns whose possessor undergoes the event when no "of X" says so: "Laura and Euna's release".
PATIENT_NOUNS: Final[frozenset[str]] = frozenset({
    "release", "arrest", "detention", "execution", "kidnapping", "abduction", "rescue", "evacuation", "expulsion",
    "deportation", "trial", "conviction", "dismissal", "appointment", "killing", "murder",
})

#: Event nouns with a single participant: "the death of Hamza", "the collapse of the building" name who dies.
INTRANSITIVE_NOUNS: Final[frozenset[str]] = frozenset({
    "death", "injury", "resignation", "arrival", "departure", "escape", "collapse", "explosion", "blast", "crash",
    "landing", "outbreak", "spread",
})

#: Prepositional phrases that are adverbials, never targets: "for instance", "on purpose", "for this reason".
ADVERBIAL_POBJ: Final[frozenset[str]] = frozenset({
    "instance", "example", "purpose", "reason", "sake", "fact", "course", "particular", "mind", "basis", "least",
})

#: Prepositions whose object is a target ("ship missiles to X", "war against X"), unless it is a place.
TARGET_PREPS: Final[frozenset[str]] = frozenset({
    "to", "into", "against", "for", "toward", "towards", "onto", "at", "on", "upon", "with",
})

#: Prepositions whose object is a place when it names one ("in Iraq", "near Basra", "from Syria").
PLACE_PREPS: Final[frozenset[str]] = frozenset({
    "in", "into", "at", "near", "inside", "across", "from", "within", "throughout", "outside", "to", "toward",
    "towards", "around", "along", "through", "on", "off", "between", "over", "onto", "beyond",
})

#: Of these, the ones that make any place-like noun a place ("at the rehab facility", "in the capital").
LOCATIVE_PREPS: Final[frozenset[str]] = frozenset({
    "in", "at", "near", "inside", "outside", "across", "throughout", "within", "into", "onto",
})

#: Common nouns that name places, for objects of a locative preposition that NER does not tag as one.
PLACE_NOUNS: Final[frozenset[str]] = frozenset([
    "center", "centre", "facility", "hospital", "clinic", "prison", "jail", "home", "house", "building", "city", "town",
    "village", "area", "region", "province", "state", "country", "capital", "street", "road", "highway", "airport",
    "station", "school", "university", "campus", "church", "mosque", "temple", "hotel", "restaurant", "club", "court",
    "courthouse", "office", "headquarters", "base", "camp", "border", "coast", "sea", "river", "island", "park",
    "stadium", "arena", "market", "mall", "store", "shop", "bar", "apartment", "residence", "site", "scene", "field",
    "neighborhood", "neighbourhood", "district", "county", "port", "harbor", "harbour", "bridge", "tower", "plant",
    "factory", "mine", "zone", "territory", "compound", "embassy", "consulate", "palace", "parliament", "studio",
    "theater", "theatre", "venue", "hall", "room", "street", "square",
])

#: Notices to the reader and credit lines that are never claims ("click here", "Editing by ...").
BOILERPLATE: Final[re.Pattern[str]] = re.compile(
    r"all rights reserved|click here|©|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bcookies\b"
    # credit lines: "Youmi Kim in Seoul also contributed to the report.", "Editing by ...", "I'm Mario Ritter."
    r"|\bcontributed (?:reporting )?to (?:this|the) (?:report|story)|\badapted (?:this|the) story\b"
    r"|^(?:additional )?reporting by\b|\bediting by\b|\bwas the editor\.?$|^i['’]m(?: [a-z.]+){1,3}\.?$"
)

#: Site words that mark a sentence addressing "you" as a notice to the reader ("follow us", "share").
SITE_WORDS: Final[re.Pattern[str]] = re.compile(
    r"\bcomment(?:s|ing)?\b|\blog ?in\b|\bregister\b|\bbrowser\b|\bjavascript\b|\bemail\b|\bshare\b"
    r"|\bfollow us\b|\bads?\b|\bread more\b|\bdownload\b"
)

#: spaCy entity labels that name a place.
PLACE_LABELS: Final[frozenset[str]] = frozenset({"GPE", "LOC", "FAC"})

#: Entity record types that are places.
PLACE_TYPES: Final[frozenset[str]] = frozenset({"country", "place"})

#: Negative determiners and pronouns that negate their clause ("no one was hurt", "nothing was found").
NEG_WORDS: Final[frozenset[str]] = frozenset({"no", "nobody", "nothing", "none", "neither", "nor"})

#: Contracted copulas the lemmatiser leaves as they are ("it’s Iranians").
CONTRACTED: Final[dict[str, str]] = {"'s": "be", "'re": "be", "'m": "be", "s": "be"}

# Dependency labels the rules test (spaCy's English scheme).

#: Dependents an argument's noun phrase leaves out: relative clauses, appositions, conjuncts ("X, which ...").
NOT_NP: Final[frozenset[str]] = frozenset({
    "relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis", "prep_skip",
})

#: Clause labels under which an auxiliary verb is a predicate of its own.
CLAUSE: Final[frozenset[str]] = frozenset({
    "ROOT", "ccomp", "conj", "parataxis", "xcomp", "advcl", "csubj", "acl", "relcl", "pcomp",
})

#: Clauses and appositions deeper inside a noun phrase that an argument's text leaves out.
NESTED_CLAUSES: Final[frozenset[str]] = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})

# fmt: on
