"""Time expressions: spaCy's DATE/TIME mentions normalised to ISO 8601 values against the publication date.

Values are a day ("2018-08-31"), an ISO week ("2018-W35"), a month ("2018-08"), a year ("2018") or a range
"start/end" ("2015/2017"; an open end is ".."). Expressions that need an anchor ("last month", "Friday",
"Aug. 31") are resolved against the publication date and marked `publication_date`; without one they get
`None` and `unresolved`, never a guessed year. The rules are in docs/frames.md.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from according.types import TextSpan, TimeExpression, TimeResolution

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBR = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "a couple of": 2,
    "few": 3,
    "a few": 3,
    "several": 3,
}
#: Prepositions that change what the date means, taken into the span when they come right before it.
RANGE_WORDS = frozenset({"since", "between", "from"})

_Value = tuple[str | None, TimeResolution]
_UNRESOLVED: _Value = (None, "unresolved")

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_PATTERNS = [
    re.compile(rf"^{_MON}\s+{_DAY}(?:\s*,?\s*{_YEAR})?$"),
    re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:\s*,?\s*{_YEAR})?$"),
    re.compile(rf"^{_MON}\s*,?\s*(?:of\s+)?{_YEAR}$"),
    re.compile(rf"^{_MON}$"),
]
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<mon>\d\d)(?:-(?P<day>\d\d))?$")
_US = re.compile(r"^(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})$")
_YEAR_ONLY = re.compile(rf"^(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]*)?{_YEAR}$")
_DECADE = re.compile(r"^(?P<year>(?:1[5-9]|20)\d)0'?s$")
_YEAR_RANGE = re.compile(
    r"^(?:between|from)?\s*(?P<a>(?:1[5-9]|20)\d\d)\s*(?:and|to|until|through|-|–|—)\s*(?P<b>(?:1[5-9]|20)?\d\d)$"
)
_SINCE = re.compile(r"^since\s+(?P<rest>.+)$")
_AGO = re.compile(r"^(?P<n>\d+|[a-z]+(?: of)?|a couple of|a few)\s+(?P<unit>day|week|month|year)s?\s+ago$")
_PAST = re.compile(
    r"^(?:the\s+|these\s+)?(?:past|last|previous|recent)\s+(?:(?P<n>\d+|[a-z]+(?: of)?|a couple of|a few)\s+)?"
    r"(?P<unit>day|week|month|year)(?P<plural>s)?$"
)
_REL = re.compile(r"^(?P<rel>this|last|next|coming)\s+(?P<unit>week|month|year)$")
_WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|this|next|on|past)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
_DEICTIC = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "tomorrow": 1,
}


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or _MONTH_ABBR.get(w[:4] if w.startswith("sept") else w[:3])


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    w = word.strip()
    if w.isdigit():
        return int(w)
    return _SMALL.get(w) or _SMALL.get(w.removesuffix(" of"))


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + by
    return k // 12, k % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _shifted(unit: str, anchor: date, n: int) -> str:
    """`anchor` moved by n units (negative = back), at the precision of the unit."""
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(anchor + timedelta(weeks=n))
    if unit == "month":
        y, m = _shift_month(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    return f"{anchor.year + n:04d}"


def _clean(expression: str) -> str:
    s = " ".join(expression.lower().replace("’", "'").split())
    s = re.sub(r"^(?:on|in|during|by|at|of)\s+", "", s)
    s = re.sub(r"^(?:roughly|about|around|approximately|nearly|almost|some)\s+", "", s)
    # "earlier this year", "later this month", "the next month": the period itself
    s = re.sub(r"^(?:earlier|later)\s+(?=this\s)", "", s)
    s = re.sub(r"^the\s+(?=(?:next|coming)\s+(?:week|month|year)$)", "", s)
    return s.strip(" ,.;:")


#: Parts of a month or year that keep its value at that precision: "late December", "the end of July", "mid-2018".
_PART = re.compile(
    r"^(?:(?:the\s+)?(?:early|late|mid|middle|end|start|beginning|first\s+half|second\s+half)(?:\s+of)?[\s-]*)(?P<rest>.+)$"
)
_REL_MONTH = re.compile(rf"^(?P<rel>last|this|next|past|coming)\s+{_MON}$")


def normalise(expression: str, published: datetime | date | None, *, future: bool = False) -> _Value:
    """The ISO 8601 value of one time expression and how it was resolved (see the module docstring).

    Args:
        expression: the words as written ("on Friday", "Aug. 31", "late December").
        published: the publication date that relative expressions are anchored on; None resolves none of them.
        future: the clause speaks of what is to come ("will meet on Friday"): a weekday or a month without a
            year is then the next one after the publication date, not the latest one before it.
    """
    s = _clean(expression)
    if not s:
        return _UNRESOLVED
    anchor = published.date() if isinstance(published, datetime) else published
    m = _PART.match(s)
    if m and m["rest"] != s:
        part = normalise(m["rest"], anchor, future=future)
        if part[0] is not None and len(part[0]) in (4, 7):  # a year or a month, not a day or a range
            return part
    m = _SINCE.match(s)
    if m:
        start, res = normalise(m["rest"], anchor)
        if start is None or "/" in start:
            return _UNRESOLVED
        if anchor is None:
            return f"{start}/..", res
        return f"{start}/{anchor.isoformat()}", "publication_date"
    value = _absolute(s)
    if value is not None:
        return value, "explicit"
    m = _YEAR_RANGE.match(s)
    if m:
        a, b = m["a"], m["b"]
        if len(b) == 2:
            b = a[:2] + b
        return (f"{a}/{b}", "explicit") if a <= b else _UNRESOLVED
    if anchor is None:
        return _UNRESOLVED
    return _relative(s, anchor, future)


def _absolute(s: str) -> str | None:
    """The value of an expression that needs no anchor, or None."""
    m = _ISO.match(s)
    if m:
        if m["day"]:
            return _day(int(m["year"]), int(m["mon"]), int(m["day"]))
        return f"{m['year']}-{m['mon']}" if 1 <= int(m["mon"]) <= 12 else None
    m = _US.match(s)
    if m:
        return _day(int(m["year"]), int(m["mon"]), int(m["day"]))
    m = _YEAR_ONLY.match(s)
    if m:
        return m["year"]
    m = _DECADE.match(s.removeprefix("the "))
    if m:
        return f"{m['year']}0/{m['year']}9"
    for pat in _PATTERNS[:3]:
        m = pat.match(s)
        if m and m.groupdict().get("year"):
            mon = _month(m["mon"])
            if mon is None:
                return None
            day = m.groupdict().get("day")
            return _day(int(m["year"]), mon, int(day)) if day else f"{m['year']}-{mon:02d}"
    return None


def _year_of(mon: int, anchor: date, future: bool) -> int:
    """The year of a month named without one: the latest such month up to the publication (news reports the
    past), or with `future` the first one from the publication on."""
    if future:
        return anchor.year + 1 if mon < anchor.month else anchor.year
    return anchor.year - 1 if mon > anchor.month else anchor.year


def _relative(s: str, anchor: date, future: bool = False) -> _Value:
    """The value of an expression anchored on the publication date."""
    if s in _DEICTIC:
        return (anchor + timedelta(days=_DEICTIC[s])).isoformat(), "publication_date"
    for pat in (_PATTERNS[0], _PATTERNS[1], _PATTERNS[3]):
        m = pat.match(s)
        if m:
            mon = _month(m["mon"])
            if mon is None:
                return _UNRESOLVED
            year = _year_of(mon, anchor, future)
            day = m.groupdict().get("day")
            value = _day(year, mon, int(day)) if day else f"{year:04d}-{mon:02d}"
            return (value, "publication_date") if value else _UNRESOLVED
    m = _REL_MONTH.match(s)
    if m:
        mon = _month(m["mon"])
        if mon is None:
            return _UNRESOLVED
        if m["rel"] in ("last", "past"):  # the latest such month before the publication's month
            year = anchor.year if mon < anchor.month else anchor.year - 1
        elif m["rel"] in ("next", "coming"):
            year = anchor.year if mon > anchor.month else anchor.year + 1
        else:
            year = anchor.year
        return f"{year:04d}-{mon:02d}", "publication_date"
    m = _WEEKDAY.match(s)
    if m:
        back = (anchor.weekday() - WEEKDAYS.index(m["wd"])) % 7
        if m["rel"] == "next" or (future and m["rel"] in (None, "on", "this")):
            d = anchor + timedelta(days=(7 - back) % 7 or 7)
        else:
            d = anchor - timedelta(days=back or (7 if m["rel"] in ("last", "past") else 0))
        return d.isoformat(), "publication_date"
    m = _REL.match(s)
    if m:
        by = {"this": 0, "next": 1, "coming": 1}.get(m["rel"], -1)
        return _shifted(m["unit"], anchor, by), "publication_date"
    m = _AGO.match(s)
    if m:
        n = _count(m["n"])
        return (_shifted(m["unit"], anchor, -n), "publication_date") if n is not None else _UNRESOLVED
    m = _PAST.match(s)
    if m:
        n = _count(m["n"]) if m["n"] or not m["plural"] else None  # "recent months": how many is not said
        if n is None:
            return _UNRESOLVED
        return f"{_shifted(m['unit'], anchor, -n)}/{_shifted(m['unit'], anchor, 0)}", "publication_date"
    return _UNRESOLVED


_AGE = re.compile(r"\b(?:\d+|[a-z]+)[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b|\bage[ds]?\b|aged?\s+\d", re.I)
#: Auxiliaries and verbs that put a clause in the future ("will meet", "is scheduled to meet", "plans to visit").
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_FUTURE_VERBS = frozenset({"schedule", "plan", "expect", "set", "due", "intend", "prepare"})


def _future(ent: Span) -> bool:
    """Whether the clause that holds the time expression speaks of what is to come."""
    verb = ent.root
    for _ in range(4):  # climb to the governing verb (and the verb that controls it, if any)
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    for _ in range(2):
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return False
        if verb.lemma_.lower() in _FUTURE_VERBS and verb.i != ent.root.i:
            return True
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
            return True
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _bounds(sdoc: Doc, ent: Span) -> tuple[int, int]:
    """Token bounds of a time expression: a range word just before it joins it; trailing punctuation leaves."""
    start, end = ent.start, ent.end
    if start > 0 and sdoc[start - 1].lower_ in RANGE_WORDS:
        start -= 1
    while end > start + 1 and (
        sdoc[end - 1].is_punct or sdoc[end - 1].is_space or sdoc[end - 1].lower_ in ("and", "or", "to", "-")
    ):
        end -= 1
    return start, end


#: Numeric mentions that are times all the same ("3.5 billion years ago" is sometimes tagged MONEY).
AGO = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|decades?|centuries)\s+ago$", re.I)


def _trim_name(sdoc: Doc, start: int, end: int) -> int:
    """Skip a name that NER glued before a weekday or month ("on Mars Thursday" -> "Thursday")."""

    def named(t: Token) -> bool:  # a weekday or a month, written out or abbreviated ("Mars" is neither)
        w = t.lower_.rstrip(".")
        return w in WEEKDAYS or w in MONTHS or w in _MONTH_ABBR

    k = start
    while k < end - 1 and sdoc[k].pos_ == "PROPN" and not named(sdoc[k]):
        k += 1
    return k if k > start and named(sdoc[k]) else start


def time_expressions(sdoc: Doc, *, published: datetime | date | None = None) -> tuple[TimeExpression, ...]:
    """Every DATE/TIME mention of the Doc with its normalised value, in text order; ages are left out."""
    text = sdoc.text
    out: list[TimeExpression] = []
    for ent in sdoc.ents:
        if (ent.label_ not in ("DATE", "TIME") and not AGO.search(ent.text)) or _AGE.search(ent.text):
            continue
        start, end = _bounds(sdoc, ent)
        start = _trim_name(sdoc, start, end)
        s, e = sdoc[start].idx, sdoc[end - 1].idx + len(sdoc[end - 1])
        if not text[s:e].strip():
            continue
        value, resolution = normalise(text[s:e], published, future=_future(ent))
        out.append(TimeExpression(TextSpan.of(text, s, e), value, resolution))
    return tuple(out)
