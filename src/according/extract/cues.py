"""English lexicons for attribution, stance, hedging and source typing (data, no logic)."""

from __future__ import annotations

from typing import Final

# fmt: off

#: Reporting verbs (lemma -> stance of the cue). Neutral verbs report; assertive ones vouch for
#: the content; distancing ones put it at arm's length; denial ones report its negation.
REPORTING_VERBS: Final[dict[str, str]] = {
    # neutral
    "say": "neutral", "tell": "neutral", "state": "neutral", "add": "neutral", "explain": "neutral",
    "report": "neutral", "write": "neutral", "note": "neutral", "describe": "neutral", "comment": "neutral",
    "announce": "neutral", "declare": "neutral", "remark": "neutral", "mention": "neutral", "suggest": "neutral",
    "argue": "neutral", "predict": "neutral", "warn": "neutral", "estimate": "neutral", "testify": "neutral",
    "recall": "neutral", "respond": "neutral", "reply": "neutral", "ask": "neutral",
    "wonder": "neutral", "believe": "neutral", "think": "neutral", "feel": "neutral", "expect": "neutral",
    "hope": "neutral", "fear": "neutral", "worry": "neutral", "speculate": "neutral", "tweet": "neutral",
    "post": "neutral", "cite": "neutral", "quote": "neutral", "indicate": "neutral", "signal": "neutral",
    "urge": "neutral", "promise": "neutral", "vow": "neutral", "pledge": "neutral", "threaten": "neutral",
    "complain": "neutral", "acknowledge": "assertive", "admit": "assertive", "concede": "assertive",
    "agree": "neutral", "stress": "neutral", "emphasize": "neutral", "emphasise": "neutral", "insist": "distancing",
    "continue": "neutral", "conclude": "neutral", "observe": "neutral", "point": "neutral", "caution": "neutral",
    "assert": "neutral", "contend": "distancing", "maintain": "distancing", "charge": "distancing",
    "accuse": "distancing", "hint": "neutral", "imply": "neutral", "predicted": "neutral", "brief": "neutral",
    "inform": "neutral", "disclose": "assertive", "reveal": "assertive", "confirm": "assertive",
    "show": "assertive", "find": "assertive", "prove": "assertive", "establish": "assertive",
    "demonstrate": "assertive", "verify": "assertive", "learn": "assertive", "discover": "assertive",
    "claim": "distancing", "allege": "distancing", "purport": "distancing", "boast": "distancing",
    "brag": "distancing", "deny": "denial", "dispute": "denial", "reject": "denial", "refute": "denial",
    "dismiss": "denial", "rebut": "denial", "contradict": "denial", "shout": "neutral", "scream": "neutral",
    "joke": "neutral", "quip": "neutral", "acknowledged": "assertive", "recount": "neutral",
    "understand": "neutral", "know": "assertive", "anticipate": "neutral", "specify": "neutral",
    "recommend": "neutral", "propose": "neutral", "demand": "neutral", "insisted": "distancing",
    "counter": "neutral", "retort": "neutral", "conclude_": "neutral",
}

#: Verbs that only report speech with a complement clause or a quote, never alone
#: ("Iran posted", "the report found" need a clause or quote to count).
WEAK_VERBS: Final[frozenset[str]] = frozenset(
    {"add", "continue", "find", "show", "learn", "know", "understand", "feel", "expect", "hope", "fear",
     "worry", "post", "point", "ask", "answer", "respond", "reply", "agree", "indicate", "signal",
     "establish", "demonstrate", "prove", "discover", "recommend", "propose", "demand", "urge",
     "promise", "vow", "pledge", "threaten", "charge", "accuse", "specify", "anticipate", "think",
     "believe", "wonder", "estimate", "predict", "brief", "inform", "quote", "cite", "counter"}
)

#: Belief verbs that, in the passive with an expletive or raised subject, hedge ("is said to", "was thought").
PASSIVE_REPORTING: Final[frozenset[str]] = frozenset(
    {"say", "believe", "think", "report", "allege", "understand", "know", "expect", "rumor", "rumour",
     "suppose", "consider", "estimate", "claim", "suspect", "fear", "assume", "presume", "see"}
)

#: Reporting nouns that take a "that" clause or a quote ("Iran's denials that ...", "the claim that").
REPORTING_NOUNS: Final[dict[str, str]] = {
    "denial": "denial", "claim": "distancing", "allegation": "distancing", "assertion": "neutral",
    "statement": "neutral", "report": "neutral", "warning": "neutral", "suggestion": "neutral",
    "argument": "neutral", "admission": "assertive", "acknowledgment": "assertive",
    "acknowledgement": "assertive", "announcement": "neutral", "assurance": "neutral", "insistence": "distancing",
    "accusation": "distancing", "charge": "distancing", "belief": "neutral", "promise": "neutral",
    "prediction": "neutral", "estimate": "neutral", "revelation": "assertive", "confirmation": "assertive",
    "boast": "distancing", "contention": "distancing", "rumor": "distancing", "rumour": "distancing",
    "testimony": "neutral", "explanation": "neutral", "remark": "neutral", "comment": "neutral",
    "message": "neutral", "threat": "neutral", "pledge": "neutral", "vow": "neutral", "view": "neutral",
}

#: Words that, as the head of a source phrase, make it a document rather than a speaker.
DOCUMENT_NOUNS: Final[frozenset[str]] = frozenset(
    {"report", "statement", "study", "survey", "poll", "document", "documents", "letter", "memo", "filing",
     "complaint", "lawsuit", "indictment", "affidavit", "record", "records", "data", "statistics", "figures",
     "analysis", "assessment", "review", "audit", "paper", "press release", "release", "transcript",
     "email", "emails", "cable", "website", "post", "tweet", "video", "footage", "book", "article",
     "story", "piece", "research", "investigation", "findings", "estimate", "estimates", "order", "ruling",
     "report's", "dossier", "communique", "communiqué", "readout", "budget", "bill", "law", "decree"}
)
#: Words for a news item: with an outlet's name they make a media_outlet source ("the Reuters piece").
NEWS_ITEM_NOUNS: Final[frozenset[str]] = frozenset({"report", "piece", "story", "article", "investigation", "dispatch"})

#: Heads of anonymous source descriptions ("a senior official", "two intelligence sources").
ANONYMOUS_HEADS: Final[frozenset[str]] = frozenset(
    {"official", "source", "spokesman", "spokeswoman", "spokesperson", "diplomat", "officer", "aide",
     "insider", "person", "people", "individual", "analyst", "expert", "observer", "adviser", "advisor",
     "staffer", "employee", "worker", "resident", "witness", "eyewitness", "member", "lawmaker",
     "commander", "soldier", "investigator", "agent", "representative", "negotiator", "minister",
     "executive", "activist", "researcher", "scientist", "doctor", "lawyer", "attorney", "critic",
     "supporter", "opponent", "voter", "student", "teacher", "leader", "militant", "fighter", "rebel",
     "authority", "authorities", "one", "someone", "somebody", "anyone", "nobody", "everyone",
     "colleague", "friend", "relative", "neighbor", "neighbour", "journalist", "reporter", "correspondent",
     "blogger", "user", "commentator", "economist", "scholar", "historian", "professor", "engineer",
     "insiders", "sources", "officials", "experts", "analysts", "observers", "diplomats", "aides",
     "police", "investigators", "prosecutors", "prosecutor", "administration", "government",
     "military", "ministry", "department", "agency", "intelligence", "media"}
)
#: Heads that name an institution rather than people; with no proper name they stay anonymous groups.
INSTITUTION_HEADS: Final[frozenset[str]] = frozenset(
    {"police", "administration", "government", "military", "ministry", "department", "agency", "intelligence",
     "authorities", "authority", "media", "regime", "leadership", "court", "army", "campaign", "committee"}
)

#: Roles recognised in a source description.
ROLES: Final[frozenset[str]] = frozenset(
    {"official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "officer", "aide", "analyst",
     "expert", "adviser", "advisor", "commander", "minister", "negotiator", "investigator", "prosecutor",
     "lawmaker", "senator", "president", "director", "secretary", "chief", "administrator", "ambassador",
     "governor", "mayor", "general", "researcher", "scientist", "professor", "doctor", "economist",
     "journalist", "reporter", "correspondent", "editor", "columnist", "blogger", "lawyer", "attorney",
     "source", "witness", "resident", "leader", "chairman", "chairwoman", "head", "manager", "executive",
     "founder", "member", "representative", "ceo", "prime", "king", "queen", "judge", "activist"}
)

#: Number words for source counts ("three officials" -> 3).
NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "both": 2,
    "pair": 2, "couple": 2,
}
#: Vague quantities: the count stays unknown, the phrase is kept.
VAGUE_QUANTIFIERS: Final[frozenset[str]] = frozenset(
    {"several", "some", "many", "multiple", "various", "numerous", "few", "a few", "most", "other", "others",
     "dozens", "hundreds", "more", "all", "no"}
)

#: Media outlets known by name; ORG entities ending in these words are outlets too.
MEDIA_OUTLETS: Final[frozenset[str]] = frozenset(
    {"reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse", "upi", "bbc",
     "cnn", "npr", "pbs", "abc", "cbs", "nbc", "fox", "fox news", "msnbc", "bloomberg", "tass", "ria novosti",
     "interfax", "xinhua", "al jazeera", "al-jazeera", "politico", "axios", "voa", "voice of america",
     "the guardian", "guardian", "the new york times", "new york times", "the washington post", "washington post",
     "the wall street journal", "wall street journal", "usa today", "the times of israel", "times of israel",
     "haaretz", "the hill", "breitbart", "huffington post", "the huffington post", "huffpost", "buzzfeed",
     "vice", "vox", "the atlantic", "newsweek", "time", "the economist", "financial times", "the telegraph",
     "daily mail", "the independent", "sky news", "yonhap", "kyodo", "dpa", "efe", "ansa", "anadolu",
     "irna", "fars", "tasnim", "isna", "press tv", "kurdistan24", "kudristan24", "rudaw", "znak.com",
     "znak", "the jakarta post", "jakarta post", "maritime bulletin", "wikinews", "asia times", "nk news",
     "daily nk", "kcna", "state media", "state television", "state tv", "the new yorker", "los angeles times",
     "chicago tribune", "the boston globe", "der spiegel", "le monde", "ap news", "the intercept",
     "propublica", "mcclatchy", "the daily beast", "national review", "western journalism", "rt",
     "sputnik", "al arabiya", "cnbc", "the times", "the sun", "the mirror", "the observer"}
)
MEDIA_WORDS: Final[frozenset[str]] = frozenset(
    {"times", "post", "news", "journal", "press", "tribune", "herald", "gazette", "telegraph", "agency",
     "tv", "television", "radio", "daily", "magazine", "wire", "chronicle", "observer", "bulletin", "media",
     "broadcaster", "newspaper", "network", "channel", "outlet", "outlets"}
)

#: Hedges: multi-word expressions first (matched case-insensitively on lower-cased tokens).
HEDGE_PHRASES: Final[tuple[str, ...]] = (
    "it is not clear", "it was not clear", "it is unclear", "it was unclear", "it remains unclear",
    "it is thought", "it was thought", "it is believed", "it was believed", "it is said", "it was said",
    "it is alleged", "it was alleged", "it is understood", "it is possible", "it was possible",
    "is said to", "are said to", "was said to", "were said to", "is believed to", "are believed to",
    "was believed to", "were believed to", "is thought to", "are thought to", "was thought to",
    "were thought to", "is reported to", "are reported to", "was reported to", "were reported to",
    "is alleged to", "are alleged to", "was alleged to", "were alleged to", "is understood to",
    "are understood to", "is rumored to", "is rumoured to", "is suspected of", "are suspected of",
    "is suspected to", "is expected to", "are expected to", "appear to", "appears to", "appeared to",
    "seem to", "seems to", "seemed to", "not clear", "may have", "might have", "could have",
    "could be", "may be", "might be", "as far as we know", "to some extent", "sort of", "kind of",
    "at least in part", "more or less", "so-called", "would appear", "remains to be seen", "remain to be seen",
    "yet to be seen", "is not known", "was not known", "it is not known",
)
HEDGE_WORDS: Final[frozenset[str]] = frozenset(
    {"alleged", "allegedly", "reportedly", "reported", "apparently", "apparent", "purportedly", "purported",
     "supposedly", "supposed", "seemingly", "possibly", "possible", "probably", "probable", "perhaps", "maybe",
     "likely", "unlikely", "presumably", "presumed", "suspected", "unconfirmed", "unverified", "nominally",
     "dubious", "doubtful", "questionable", "uncertain", "unclear", "seems", "seem", "seemed", "appears",
     "appear", "appeared", "may", "might", "conceivably", "arguably", "ostensibly", "rumored",
     "rumoured", "speculated", "suggests", "suggested", "indicates", "estimated", "roughly", "approximately",
     "whether", "potential", "potentially", "believed", "suspect", "suspects", "assume", "assumed",
     "possibility", "likelihood", "unknown", "tentatively", "tentative", "speculation", "rumors", "rumours"}
)
#: Words from HEDGE_WORDS that hedge only in some senses; checked with the parse.
HEDGE_CONTEXTUAL: Final[frozenset[str]] = frozenset(
    {"reported", "believed", "suggests", "suggested", "indicates", "estimated", "roughly", "approximately",
     "whether", "potential", "potentially", "likely", "suspect", "suspects", "assume", "assumed", "possible",
     "may", "might", "appear", "appears", "appeared", "seem", "seems", "seemed", "supposed"}
)
BOOSTER_PHRASES: Final[tuple[str, ...]] = (
    "of course", "in fact", "no doubt", "without doubt", "without a doubt", "beyond doubt",
    "it is clear", "it was clear", "it is obvious", "there is no doubt", "the fact that",
)
BOOSTER_WORDS: Final[frozenset[str]] = frozenset(
    {"definitely", "clearly", "certainly", "undoubtedly", "obviously", "naturally", "surely", "indeed",
     "undeniably", "unquestionably", "evidently", "plainly", "absolutely", "always", "never", "must",
     "conclusively", "decisively", "doubtless", "inevitably", "truly", "really", "confirmed", "proven"}
)
#: Boosters that are too weak or ambiguous to list alone; used only inside the phrases above.
BOOSTER_SKIP_ALONE: Final[frozenset[str]] = frozenset({"always", "never", "must", "really", "confirmed", "proven"})

#: Sentence adverbs and phrases by which an author evaluates rather than reports.
EVALUATIVE_ADVERBS: Final[frozenset[str]] = frozenset(
    {"naturally", "fortunately", "unfortunately", "luckily", "sadly", "thankfully", "ironically", "clearly",
     "obviously", "surely", "frankly", "admittedly", "predictably", "tellingly", "curiously", "remarkably",
     "regrettably", "hopefully", "understandably", "arguably", "conveniently", "shamefully", "absurdly",
     "incredibly", "astonishingly", "unsurprisingly", "inevitably", "sincerely", "alarmingly", "mercifully"}
)
#: Loaded or evaluative words (a compact subjectivity lexicon for news commentary).
EVALUATIVE_WORDS: Final[frozenset[str]] = frozenset(
    {"mockery", "embarrassment", "dirty", "tricks", "belligerent", "defiance", "dubious", "absurd", "ridiculous",
     "outrageous", "shameful", "disgraceful", "scandalous", "reckless", "foolish", "stupid", "naive", "cynical",
     "hypocritical", "hypocrisy", "laughable", "pathetic", "brutal", "barbaric", "evil", "sinister", "vile",
     "thrilled", "disastrous", "catastrophic", "appalling", "terrible", "horrible", "awful", "wonderful",
     "excellent", "brilliant", "admirable", "heroic", "courageous", "cowardly", "despicable", "corrupt",
     "incompetent", "inept", "bizarre", "farce", "sham", "charade", "propaganda", "regime", "theocratic",
     "theocratically", "destabilizing", "intimidate", "humiliating", "humiliation", "capacity", "huge",
     "risks", "warlord", "warlords", "mullahs", "thugs", "puppet", "lackeys", "stooges", "apologists",
     "angry", "sincerely", "well-established", "blatant", "shocking", "disturbing", "troubling", "alarming",
     "dangerous", "irresponsible", "unacceptable", "deplorable", "egregious", "preposterous", "nonsense",
     "lies", "lie", "lying", "fake", "hoax", "smear", "witch", "hunt", "crooked", "disgusting"}
)
# fmt: on
