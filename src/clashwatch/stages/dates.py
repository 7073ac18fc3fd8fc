"""Temporal expressions: find the dates an article mentions and resolve them to calendar dates.

``find_dates(doc, published)`` returns ``TimeMention`` findings sorted by start and never
overlapping. Each carries a character span into ``doc.text``, a ``date_start``/``date_end``
range and a precision (day, week, month, year). Every date is resolved against the
publication date and **never lies after it**: an expression that would resolve into the
future is skipped, and a range that runs past publication is cut at publication.

Where candidates come from
--------------------------
1. Regular expressions over ``doc.text``, built from the word lists in
   ``resources/dates.json`` (weekday and month names, relative phrases, part-of-day words,
   anaphoric phrases, number words). They cover explicit dates ("6 April 2021",
   "April 6, 2021", "1st May 2020", "on 23 and 24 March", "15/04", "2020-05-04"), months
   ("in April", "April 2021", "April last year", "mid-April"), years and decades ("in
   2021", "between 2014 and 2016", "the early 1990s"), weekdays ("on Friday", "last
   Friday", "Sunday night"), relative phrases ("yesterday", "last week", "earlier this
   month", "over the weekend", "two days ago", "the past three days") and anaphora ("later
   that day", "the previous night").
   Rules are tried only around trigger words (digits, month and weekday names, time nouns
   such as "week" or "yesterday"), which keeps the scan well under a millisecond or two
   for a news article.
2. spaCy DATE/TIME entities that name a month and that the expressions did not cover, or
   covered only to the month or year ("the sixteenth of September"): these go to
   ``dateparser`` (English only, past preferred, cached by text and publication), and
   replace the coarser finding when dateparser reads them more precisely.

Overlapping candidates are settled longest first. A candidate that looks like a date but
cannot be one ("32 February", "next Friday", "Good Friday") is kept as a *blocker*: it
claims its span, so no shorter pattern or the fallback reads it, and it is not reported.

Resolution rules
----------------
* Weekday names. A bare weekday ("on Friday", "Friday's attack", "Sunday night",
  "this Friday", "this past Friday") is the most recent such day on or before
  publication: 0 to 6 days back. When the article is published on that weekday, it is
  the publication day itself (news copy names the current day by its weekday; a week-old
  day would be "last Friday" or "a week ago"). "last Friday" is the most recent such day
  strictly before publication, 1 to 7 days back, so "last Monday" in an article published
  on a Monday is a week earlier. "next Friday", "this coming Friday", and a weekday whose
  governing verb speaks of the future ("will meet on Friday", "would resume on Friday",
  "are scheduled for Friday", "is to meet on Friday", "plans to vote on Friday") are
  skipped.
* Day and month without a year ("13 February", "on 23 and 24 March", "15/04"): the
  publication year, or the year before when that day is after publication. Skipped when
  the governing verb is in the future.
* "on the 16th": that day of the publication month, or of the month before when it is
  after publication.
* Month without a year ("in April", "since March", "mid-May"): the most recent such
  month that has begun by publication (the current month counts, cut at publication).
  "last April": the most recent April strictly before the current month.
* Numeric dates: ``d/m`` and ``d/m/y`` are read day first; when the second number
  cannot be a month ("04/15/2021") they are read month first. Day-first dotted dates
  need a four-digit year ("15.04.2021"); a numeric date without a year counts only after
  a preposition ("on 15/04") or inside brackets.
* "last week" is the Monday-Sunday week before publication's week; "this week" runs from
  Monday to publication; "over the weekend" is the most recent Saturday-Sunday on or
  before publication ("last weekend" goes one weekend further back only when published on
  a Saturday or Sunday). All week precision.
* "earlier this month" / "this month": the 1st to publication; "last month": the whole
  previous month (month precision). "this year": 1 January to publication; "last year":
  the whole previous year (year precision).
* "N days/weeks/months/years ago": that day / the Monday-Sunday week / the calendar month
  / the year; "a few", "several", "a couple of" give a range.
* "the past/last N days|weeks|months|years|hours": publication minus the period, to
  publication; precision from the length (up to 1 day: day, 14: week, 62: month, more:
  year).
* Years and decades are year precision: "in 2021" is the whole year, "the 1990s"
  1990-1999, "the early 1990s" 1990-1993 (mid: 4-6, late: 7-9); "the 1800s" and "the
  1900s" are centuries, "the 2000s" a decade. A bare year needs a preposition, a period
  modifier or spaCy's DATE tag, and never counts a noun ("in 2000 homes"). "early/mid/late"
  narrow a month to days 1-10 / 11-20 / 21-end and a year to Jan-Apr / May-Aug /
  Sep-Dec, keeping the precision.
* "since X": the span includes "since", ``since=True``, ``date_start`` is the start of X,
  ``date_end`` is the publication date, precision is X's. "the week of 6 April" is the
  Monday-Sunday week holding that day.
* Two days joined by "to", "until", "through" or a dash (or "and" after "between")
  become one range, day precision: "from 30 March to 2 April 2021", "from Friday to
  Sunday"; so do "on 23 and 24 March", "1-3 May 2020" ("23 or 24 March": week precision).
* Anaphora ("later that day", "the previous night", "the next day", "two days later")
  count days from the last day-precise date mentioned before them, within 600 characters.
  Without one, "the previous night"/"the day before" mean the day before publication and
  the others are skipped.

Prepositions ("on", "in", "over", "during") stay outside the spans; "since", "last",
"this", "early", "mid", "late" and part-of-day words are part of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Doc

from ..model import TimeMention, TimePrecision
from ..nlp import doc_ents, doc_text
from ..resources import load_json

log = logging.getLogger(__name__)

DAY, WEEK, MONTH, YEAR = TimePrecision.day, TimePrecision.week, TimePrecision.month, TimePrecision.year

RESOURCE = "dates.json"

# Whitespace inside an expression: spaces, at most one line break (hard-wrapped copy),
# never a blank line.
_S = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_SO = r"(?:[^\S\n]*\n?[^\S\n]*)"
_YEAR = r"(?:1\d\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"(?:-|–|—)"
_PREV_WORD = re.compile(r"(?<![\w'’.-])(?P<w>[\w'’.-]+)[^\S\n]+$")
_SENTENCE_OPENERS = frozenset({"", ".", "!", "?", ":", ";", '"', "“", "‘", "'", "(", "[", "—", "–", "-"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Trigger types: a rule is tried only around words of its types.
_DIGIT, _MONTH, _WD, _NOUN = "digit", "month", "weekday", "time_noun"
_WORD = re.compile(r"[A-Za-z0-9]+")
# Entity types that mark a weekday or month word as part of a name, not a date.
# Participles of planning that make the day they modify a day to come: "the vote scheduled for Friday".
_PLANNING_PARTICIPLES = frozenset({"schedule", "slate", "plan", "expect"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "NORP", "GPE", "LOC", "LAW"})


# --------------------------------------------------------------------------- lexicon


def _phrase(text: str) -> str:
    return _S.join(re.escape(w) for w in text.split())


def _alt(phrases, *, cased: bool = False) -> str:
    """An alternation, longest first; `cased`: Title and UPPER variants, else case-insensitive."""
    variants: set[str] = set()
    for p in phrases:
        if cased:
            variants.update({p, p.upper()})
        else:
            variants.add(p.lower())
    body = "|".join(_phrase(p) for p in sorted(variants, key=len, reverse=True))
    return f"(?:{body})" if cased else f"(?i:{body})"


def _key(text: str) -> str:
    return " ".join(text.lower().replace(".", "").split())


@dataclass
class _Lexicon:
    data: dict[str, Any]
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    numbers: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    relative: dict[str, dict[str, Any]]
    anaphoric: dict[str, int]
    wd_mod: dict[str, str]
    period_mod: dict[str, str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    triggers: dict[str, str]  # lowercased word -> trigger type
    rules_by_type: dict[str, list[tuple[int, re.Pattern[str], Callable, int]]]
    since_re: re.Pattern[str]
    between_re: re.Pattern[str]
    week_of_re: re.Pattern[str]
    connector_re: re.Pattern[str]
    numeric_context_re: re.Pattern[str]
    ordinal_context_re: re.Pattern[str]
    fallback_re: re.Pattern[str]
    duration_re: re.Pattern[str]
    may_safe: frozenset[str]
    name_heads: frozenset[str] = frozenset()


@cache
def _lexicon() -> _Lexicon:
    data = load_json(RESOURCE)
    month_of: dict[str, int] = {}
    month_full, month_any = [], []
    for num, names in data["months"].items():
        month_full.append(names[0])
        month_any.extend(names)
        for n in names:
            month_of[_key(n)] = int(num)
    weekday_of: dict[str, int] = {}
    wd_full, wd_any = [], []
    for num, names in data["weekdays"].items():
        wd_full.append(names[0])
        wd_any.extend(names)
        for n in names:
            weekday_of[_key(n)] = int(num)
    numbers = {_key(k): (v, v) for k, v in data["numbers"].items()}
    numbers.update({_key(k): (v[0], v[1]) for k, v in data["vague_numbers"].items()})

    MON_FULL = _alt(month_full, cased=True)
    MON_ANY = _alt(month_any, cased=True)
    WD_FULL = _alt(wd_full, cased=True)
    WD_ANY = _alt(wd_any, cased=True)
    POD = _alt(data["part_of_day"])
    DAYPRE = _alt(data["day_prefixes"])
    WDMOD = _alt(data["weekday_modifiers"])
    PERMOD = _alt(data["period_modifiers"])
    MONPREP = _alt(data["month_prepositions"])
    YEARPREP = _alt(data["year_prepositions"])
    REL = _alt(data["relative"])
    ANAPH = _alt(data["anaphoric"])
    NAMED = _alt(data["named_days"], cased=True)
    NUM = "(?:" + _alt(numbers) + r"|\d{1,3})"
    NB = r"(?<![\w.,/:-])"  # a number starts here
    MON_END = r"(?![A-Za-z])"

    ORDW = _alt(data["ordinal_words"])

    def day(name: str, *, first: bool = True) -> str:
        return rf"(?P<{name}>{NB if first else ''}\d{{1,2}}{_ORD}(?!\d)|(?<!\w){ORDW}(?![\w-]))"

    wd_prefix = rf"(?<!\w)(?:(?P<wd>{WD_ANY}),?{_S})?"
    d_range = rf"(?:{_SO}(?P<conn>{_DASH}|&|(?i:and|to|or|until|till|through)){_SO}(?:(?i:the){_S})?{day('d2', first=False)})?"
    year_tail = rf"(?:,?{_S}(?P<y>{_YEAR})(?!\d))?"

    # Each rule is tried only around its trigger words, from up to k words before the
    # trigger (prefixes like "this past", "the early hours of", "since the end of").
    time_nouns = {w.lower() for w in data["time_nouns"]}
    phrase_k = 0
    for phrase in list(data["relative"]) + list(data["anaphoric"]):
        words = re.findall(r"[A-Za-z0-9]+", phrase.lower())
        idx = next((i for i, w in enumerate(words) if w in time_nouns), None)
        if idx is None:
            time_nouns.add(words[-1])
            idx = len(words) - 1
        phrase_k = max(phrase_k, idx)
    phrase_k += 1

    rules: list[tuple[str, Callable, dict[str, int]]] = [
        (rf"(?<!\w){NAMED}(?!\w)", _h_block, {_WD: 1}),
        (
            rf"{NB}(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\w/]|[.-]\d)",
            _h_iso,
            {_DIGIT: 0},
        ),
        (
            rf"{NB}(?P<a>\d{{1,2}})(?P<s>[/.])(?P<b>\d{{1,2}})(?:(?P=s)(?P<y>{_YEAR}|\d\d))?(?![\w/%]|[.,:]\d)",
            _h_numeric,
            {_DIGIT: 0},
        ),
        (
            rf"{wd_prefix}(?:(?<!\w)(?i:the){_S})?{day('d1')}{d_range}(?:{_S}(?P<of>(?i:of)))?{_S}(?P<m>{MON_ANY}){MON_END}{year_tail}",
            _h_dmy,
            {_DIGIT: 3, _MONTH: 8},
        ),
        (
            rf"{wd_prefix}(?<!\w)(?P<m>{MON_ANY}){MON_END}{_SO}(?:(?i:the){_S})?{day('d1')}"
            rf"(?:{_SO}(?P<conn>{_DASH}|&|(?i:and|to|through|until)){_SO}{day('d2', first=False)})?{year_tail}(?![\w%])",
            _h_mdy,
            {_MONTH: 2},
        ),
        (
            rf"(?<!\w)(?:(?P<mod>{PERMOD})(?:{_S}|-))?(?P<m>{MON_ANY}){MON_END},?{_S}(?:(?i:of){_S})?(?P<y>{_YEAR})(?![\w%]|[.,]\d)",
            _h_month_year,
            {_MONTH: 4},
        ),
        (
            rf"(?<!\w)(?:(?P<mod>{PERMOD})(?:{_S}|-))?(?P<m>{MON_FULL}){MON_END}{_S}(?:(?i:of){_S})?"
            rf"(?P<rel>(?i:last|this|the{_S}previous)){_S}(?i:year)(?!\w)",
            _h_month_rel_year,
            {_MONTH: 4},
        ),
        (
            rf"(?<!\w)(?P<rel>(?i:last|this{_S}past|this|past)){_S}(?P<m>{MON_FULL}){MON_END}",
            _h_rel_month,
            {_MONTH: 3},
        ),
        (
            rf"(?:(?<!\w)(?P<pre>{MONPREP}){_S}(?:(?P<mod>{PERMOD})(?:{_S}|-))?|(?<!\w)(?P<mod2>{PERMOD})(?:{_S}|-))"
            rf"(?P<m>{MON_FULL}){MON_END}",
            _h_month_only,
            {_MONTH: 5},
        ),
        (
            rf"(?:(?<!\w)(?P<rel>{WDMOD}){_S})?(?:(?<!\w)(?P<pre>{DAYPRE}){_S})?(?<!\w)(?P<wd>{WD_FULL})(?![A-Za-z])"
            rf"(?:{_S}(?P<pod>{POD})(?![\w-]))?",
            _h_weekday,
            {_WD: 7},
        ),
        (
            rf"(?<!\w)(?P<pre>(?i:the)){_S}(?P<d>\d{{1,2}})(?:st|nd|rd|th)(?!\w)(?!{_S}(?i:of|century|anniversary)(?!\w))",
            _h_ordinal,
            {_DIGIT: 1},
        ),
        (rf"(?<!\w)(?P<phrase>{REL})(?!\w)(?:{_S}(?P<pod>{POD})(?![\w-]))?", _h_relative, {_NOUN: phrase_k}),
        (
            rf"(?<![\w-])(?P<n>{NUM}){_S}(?P<u>(?i:days?|nights?|weeks?|months?|years?)){_S}"
            rf"(?P<dir>(?i:ago|earlier|later))(?!\w)",
            _h_ago,
            {_NOUN: 4},
        ),
        (
            rf"(?<!\w)(?:(?P<the>(?i:the)){_S})?(?P<w>(?i:past|last|previous|preceding)){_S}(?:(?P<n>{NUM}){_S})?"
            rf"(?P<u>(?i:days?|nights?|weeks?|months?|years?|hours?))(?!\w)",
            _h_past,
            {_NOUN: 5},
        ),
        (
            rf"(?<!\w)(?:(?P<mod>{PERMOD})(?:{_S}|-))?(?:(?P<the>(?i:the)){_S})?(?:(?P<mod2>(?i:early|mid|late))(?:{_S}|-))?"
            rf"(?P<dec>(?:1[89]|20)\d0)(?:'s|’s|s)(?!\w)",
            _h_decade,
            {_DIGIT: 6},
        ),
        (
            rf"(?:(?<!\w)(?P<pre>{YEARPREP}){_S})?(?:(?<!\w)(?P<mod>{PERMOD})(?:{_S}|-))?{NB}(?P<y>{_YEAR})"
            rf"(?:{_SO}(?P<conn>{_DASH}|(?i:to|until|through)){_SO}(?P<y2>{_YEAR}|\d\d))?(?![\w%]|[.,:/-]?\d)",
            _h_year,
            {_DIGIT: 6},
        ),
        (
            rf"(?<!\w)(?P<pre>(?i:between)){_S}(?P<mod>){NB}(?P<y>{_YEAR}){_S}(?P<conn>(?i:and)){_S}(?P<y2>{_YEAR})(?![\w%]|[.,:/-]?\d)",
            _h_year,
            {_DIGIT: 1},
        ),
        (rf"(?<!\w)(?P<phrase>{ANAPH})(?!\w)", _h_anaphoric, {_NOUN: phrase_k}),
    ]
    triggers: dict[str, str] = {}
    for w in time_nouns:
        triggers[w] = _NOUN
    for names in data["weekdays"].values():
        for n in names:
            triggers[_key(n)] = _WD
    for names in data["months"].values():
        for n in names:
            triggers[_key(n)] = _MONTH
    by_type: dict[str, list[tuple[int, re.Pattern[str], Callable, int]]] = {}
    for i, (pattern, handler, ks) in enumerate(rules):
        compiled = re.compile(pattern)
        for t, k in ks.items():
            by_type.setdefault(t, []).append((i, compiled, handler, k))

    ctx = _alt(data["numeric_date_context"])
    return _Lexicon(
        data=data,
        month_of=month_of,
        weekday_of=weekday_of,
        numbers=numbers,
        ordinals={_key(k): v for k, v in data["ordinal_words"].items()},
        relative={_key(k): v for k, v in data["relative"].items()},
        anaphoric={_key(k): v for k, v in data["anaphoric"].items()},
        wd_mod={_key(k): v for k, v in data["weekday_modifiers"].items()},
        period_mod={_key(k): v for k, v in data["period_modifiers"].items()},
        future_aux=frozenset(a.lower() for a in data["future_auxiliaries"]),
        future_verbs=frozenset(v.lower() for v in data["future_verbs"]),
        triggers=triggers,
        rules_by_type=by_type,
        since_re=re.compile(rf"(?<!\w)(?P<since>(?i:ever{_S})?(?i:since)){_S}$"),
        between_re=re.compile(rf"(?<!\w)(?i:between){_S}$"),
        week_of_re=re.compile(rf"(?<!\w)(?P<w>(?:(?i:the){_S})?(?i:week){_S}(?i:of|beginning|starting|commencing)){_S}$"),
        connector_re=re.compile(rf"{_SO}(?P<c>{_DASH}|(?i:to|until|till|through|and)){_SO}$"),
        numeric_context_re=re.compile(rf"(?:(?<!\w){ctx}{_S}|[\[(]{_SO})$"),
        ordinal_context_re=re.compile(rf"(?<!\w){ctx}{_S}$"),
        fallback_re=re.compile(rf"{MON_ANY}{MON_END}"),
        duration_re=re.compile(_alt(data["duration_words"]) + r"\b"),
        may_safe=frozenset(_key(w) for w in data["may_prepositions"]),
        name_heads=frozenset(w.lower() for w in data.get("date_name_heads", ())),
    )


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    ds: dt.date | None = None
    de: dt.date | None = None
    prec: TimePrecision | None = None
    block: bool = False
    since: bool = False
    kind: str = ""  # "dm": explicit day and month; "anaph": relative to an earlier date
    m: int = 0
    d: int = 0
    y: int | None = None  # the year, when written
    offset: int = 0  # anaphora: days from the anchor
    back_default: bool = False  # anaphora: without an anchor, count back from publication


class _Ctx:
    """What a handler needs: the doc, the text, publication, the lexicon."""

    __slots__ = ("doc", "text", "pub", "lex", "_tok_cache")

    def __init__(self, doc: Doc, pub: dt.date, lex: _Lexicon):
        self.doc = doc
        self.text = doc_text(doc)
        self.pub = pub
        self.lex = lex
        self._tok_cache: dict[int, Any] = {}

    def token_at(self, char: int):
        tok = self._tok_cache.get(char)
        if tok is None:
            span = self.doc.char_span(char, char + 1, alignment_mode="expand")
            tok = span[0] if span is not None and len(span) else None
            self._tok_cache[char] = tok
        return tok

    def is_future(self, char: int) -> bool:
        """Whether the verb governing the token at `char` speaks of the future.

        'will meet on Friday', 'would resume on Friday', 'are scheduled for December',
        'is due in May', 'is to hold talks on Friday', 'plans to vote on Friday'.
        """
        tok = self._governing_verb(char)
        return tok is not None and self._future_verb(tok, depth=0)

    def _governing_verb(self, char: int):
        """The verb (or the root) governing the token at `char`, at most 8 heads up; None when no token."""
        tok = self.token_at(char)
        if tok is None:
            return None
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                break
            tok = tok.head
        return tok

    def _future_verb(self, tok, depth: int) -> bool:
        lex = self.lex
        present_aux = False
        to_infinitive = False
        for child in tok.children:
            dep = child.dep_
            if dep in ("aux", "auxpass"):
                if child.lower_ in lex.future_aux:
                    return True
                if child.tag_ in _PRESENT_TAGS:
                    present_aux = True
                if dep == "aux" and child.lower_ == "to":
                    to_infinitive = True
            elif dep == "acomp" and child.lemma_ in lex.future_verbs and tok.tag_ in _PRESENT_TAGS:
                return True  # "is due in May"
        if present_aux and tok.lemma_ in lex.future_verbs:
            return True  # "are scheduled for", "is expected on"
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_ in _PLANNING_PARTICIPLES:
            return True  # "the vote scheduled for Friday", "talks planned for 30 September"
        if to_infinitive and depth < 2 and tok.head.i != tok.i:
            head = tok.head
            if head.lower_ == "going":
                return True
            if head.tag_ in _PRESENT_TAGS and (head.lemma_ in lex.future_verbs or head.lemma_ == "be"):
                return True  # "plans to vote", "is to hold"
            return self._future_verb(head, depth + 1)  # "is expected to hold"
        return False

    def is_present_simple(self, char: int) -> bool:
        """Whether the verb governing the token at `char` is a simple present with no
        auxiliary ('the festival that begins on 25 September')."""
        tok = self._governing_verb(char)
        if tok is None:
            return False
        return tok.tag_ in _PRESENT_TAGS and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)

    def next_is_noun(self, end: int) -> bool:
        """Whether the token after the one ending at `end` is a common noun ('3/4 cups', 'the 5th floor')."""
        tok = self.token_at(max(0, end - 1))
        if tok is None or tok.i + 1 >= len(self.doc):
            return False
        nxt = self.doc[tok.i + 1]
        return nxt.pos_ == "NOUN" and _key(nxt.text) not in self.lex.month_of

    def next_is_name(self, end: int) -> bool:
        """Whether the token after the one ending at `end` is a proper name that is no month or
        weekday ('the 1st Naval Brigade', 'the 3rd Infantry Division'): the ordinal numbers a unit."""
        tok = self.token_at(max(0, end - 1))
        if tok is None or tok.i + 1 >= len(self.doc):
            return False
        nxt = self.doc[tok.i + 1]
        return nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and _key(nxt.text) not in self.lex.month_of and _key(nxt.text) not in self.lex.weekday_of

    def names_a_place(self, end: int) -> bool:
        """A day and month naming a place or a body: 'the July 7 neighbourhood', '6 April Movement'."""
        m = re.match(r"[^\S\n]+(?P<w>[A-Za-z]+)", self.text[end : end + 40])
        return m is not None and m["w"].lower() in self.lex.name_heads

    def is_name(self, char: int) -> bool:
        tok = self.token_at(char)
        return tok is not None and tok.ent_type_ in _NAME_ENTS

    def counts_a_noun(self, char: int) -> bool:
        """A number that counts something ('in 2000 homes'), not a date ('the 2021 elections').

        The parse, not the entity type, decides: spaCy's small model tags '2000' in
        'in 2000 homes' as DATE.
        """
        tok = self.token_at(char)
        if tok is None or tok.dep_ != "nummod" or tok.head.i <= tok.i:
            return False
        if _key(tok.head.text) in self.lex.month_of:
            return False
        prev = tok.nbor(-1) if tok.i > 0 else None
        return prev is None or prev.dep_ not in ("det", "poss") and prev.tag_ != "POS"

    def after_name(self, start: int) -> bool:
        """A capitalised word right after another mid-sentence ('Russia Today', 'USA Today')."""
        if not self.text[start : start + 1].isupper():
            return False
        m = _PREV_WORD.search(self.text, max(0, start - 40), start)
        if m is None or not m["w"][:1].isupper() or m["w"][-1] in ".!?:;":
            return False
        before = self.text[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
        return before not in _SENTENCE_OPENERS  # a sentence's first word is capitalised anyway


# --------------------------------------------------------------------------- calendar helpers
# Publication dates run from year 1 to 9999, the calendar's ends: arithmetic that would
# leave it skips the reading (``shift_days``) or stops at the end (``clamp_days``), and a
# rule that builds an impossible date (year 0, year 10000) is a blocker like "32 February".


def shift_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` plus ``days``, or None when that falls outside years 1 to 9999."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def clamp_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, held at 1 January of year 1 or 31 December 9999."""
    shifted = shift_days(day, days)
    if shifted is None:
        return dt.date.min if days < 0 else dt.date.max
    return shifted


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = clamp_days(day, -day.weekday())
    return monday, clamp_days(monday, 6)


def _narrow_month(y: int, m: int, part: str | None) -> tuple[dt.date, dt.date]:
    end = month_end(y, m)
    if part == "early":
        return dt.date(y, m, 1), dt.date(y, m, 10)
    if part == "mid":
        return dt.date(y, m, 11), dt.date(y, m, 20)
    if part == "late":
        return dt.date(y, m, 21), end
    return dt.date(y, m, 1), end


def _narrow_year(y: int, part: str | None) -> tuple[dt.date, dt.date]:
    if part == "early":
        return dt.date(y, 1, 1), dt.date(y, 4, 30)
    if part == "mid":
        return dt.date(y, 5, 1), dt.date(y, 8, 31)
    if part == "late":
        return dt.date(y, 9, 1), dt.date(y, 12, 31)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _infer_year(m: int, d: int, pub: dt.date) -> int:
    """The latest year, at most publication's, in which d/m exists and is not after publication."""
    for y in range(pub.year, pub.year - 9, -1):
        try:
            if dt.date(y, m, d) <= pub:
                return y
        except ValueError:
            if not 1 <= m <= 12 or not 1 <= d <= 31:
                raise
    raise ValueError(f"no valid year for {d}/{m}")


def _precision_for_length(days: int) -> TimePrecision:
    if days <= 1:
        return DAY
    if days <= 14:
        return WEEK
    if days <= 62:
        return MONTH
    return YEAR


def _part(lex: _Lexicon, mod: str | None) -> str | None:
    return lex.period_mod.get(_key(mod)) if mod else None


# --------------------------------------------------------------------------- handlers
# Each takes (ctx, match) and returns a _Cand, or None when the match is not a date.


def _h_block(ctx: _Ctx, m: re.Match) -> _Cand:
    return _Cand(m.start(), m.end(), block=True)


def _h_iso(ctx: _Ctx, m: re.Match) -> _Cand:
    d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Cand(m.start(), m.end(), d, d, DAY, kind="dm", m=d.month, d=d.day, y=d.year)


def _h_numeric(ctx: _Ctx, m: re.Match) -> _Cand | None:
    a, b = int(m["a"]), int(m["b"])
    year = m["y"]
    if year is None:
        if m["s"] == ".":
            return None  # a decimal number
        if not ctx.lex.numeric_context_re.search(ctx.text, max(0, m.start() - 12), m.start()):
            return None
    elif m["s"] == "." and len(year) != 4:
        return None
    day, month = (b, a) if b > 12 >= a else (a, b)
    if year is None:
        if ctx.next_is_noun(m.end()):
            return None  # "3/4 cups"
        if ctx.is_future(m.start()):
            return _Cand(m.start(), m.end(), block=True)
        y = _infer_year(month, day, ctx.pub)
        explicit = None
    else:
        y = int(year)
        if len(year) == 2:
            y += 2000 if 2000 + y <= ctx.pub.year else 1900
        explicit = y
    d = dt.date(y, month, day)
    return _Cand(m.start(), m.end(), d, d, DAY, kind="dm", m=month, d=day, y=explicit)


def _day_number(ctx: _Ctx, text: str) -> int:
    """'16', '16th', 'sixteenth' -> 16."""
    if text[0].isdigit():
        return int(text.rstrip("stndrh"))
    return ctx.lex.ordinals[_key(text)]


def _day_month(ctx: _Ctx, m: re.Match) -> _Cand:
    month = ctx.lex.month_of[_key(m["m"])]
    d1 = _day_number(ctx, m["d1"])
    d2 = _day_number(ctx, m["d2"]) if m["d2"] else None
    if m["y"]:
        y = explicit = int(m["y"])
        dt.date(y, month, d1)
    else:
        explicit = None
        if ctx.is_future(m.start("m")):
            return _Cand(m.start(), m.end(), block=True)
        y = _infer_year(month, d1, ctx.pub)
        if y < ctx.pub.year and ctx.is_present_simple(m.start("m")):
            # a day still to come this year told in the present ('Ramadan begins on 15 May'),
            # not the same day a year ago
            return _Cand(m.start(), m.end(), block=True)
    ds = dt.date(y, month, d1)
    de = dt.date(y, month, d2) if d2 is not None else ds
    if de < ds:
        raise ValueError("range ends before it starts")
    prec = WEEK if d2 is not None and m["conn"] and m["conn"].lower() == "or" else DAY
    kind = "dm" if d2 is None else "dmrange"
    return _Cand(m.start(), m.end(), ds, de, prec, kind=kind, m=month, d=d1, y=explicit)


def _h_dmy(ctx: _Ctx, m: re.Match) -> _Cand | None:
    if not m["d1"][0].isdigit() and not m["of"]:
        return None  # "the first May rally"; spelled-out days need "of": "the first of May"
    if not m["y"] and ctx.names_a_place(m.end()):
        return _Cand(m.start(), m.end(), block=True)
    return _day_month(ctx, m)


def _h_mdy(ctx: _Ctx, m: re.Match) -> _Cand | None:
    if not m["y"] and ctx.counts_a_noun(m.start("d1")):
        return None  # "in March 15 people died"
    if not m["y"] and ctx.names_a_place(m.end()):
        return _Cand(m.start(), m.end(), block=True)  # "the July 7 neighbourhood", "the 6 April Movement"
    return _day_month(ctx, m)


def _h_month_year(ctx: _Ctx, m: re.Match) -> _Cand:
    month = ctx.lex.month_of[_key(m["m"])]
    ds, de = _narrow_month(int(m["y"]), month, _part(ctx.lex, m["mod"]))
    return _Cand(m.start(), m.end(), ds, de, MONTH)


def _h_month_rel_year(ctx: _Ctx, m: re.Match) -> _Cand:
    month = ctx.lex.month_of[_key(m["m"])]
    y = ctx.pub.year - (0 if m["rel"].lower() == "this" else 1)
    ds, de = _narrow_month(y, month, _part(ctx.lex, m["mod"]))
    return _Cand(m.start(), m.end(), ds, de, MONTH)


def _h_rel_month(ctx: _Ctx, m: re.Match) -> _Cand | None:
    if ctx.is_name(m.start("m")):
        return None
    month = ctx.lex.month_of[_key(m["m"])]
    rel = _key(m["rel"])
    if rel == "last":
        y = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
    elif rel == "this":
        if month > ctx.pub.month:
            return _Cand(m.start(), m.end(), block=True)
        y = ctx.pub.year
    else:  # "this past", "past"
        y = ctx.pub.year if month <= ctx.pub.month else ctx.pub.year - 1
    ds, de = _narrow_month(y, month, None)
    return _Cand(m.start(), m.end(), ds, de, MONTH)


def _h_month_only(ctx: _Ctx, m: re.Match) -> _Cand | None:
    mod = m["mod"] or m["mod2"]
    pre = m["pre"]
    name_start = m.start("m")
    if m["m"] in ("May", "MAY") and not mod and _key(pre or "") not in ctx.lex.may_safe:
        return None  # the modal verb, or Theresa May
    if ctx.is_name(name_start):
        return None
    start = m.start("mod") if m["mod"] else (m.start("mod2") if m["mod2"] else name_start)
    if ctx.is_future(name_start):
        return _Cand(start, m.end(), block=True)
    month = ctx.lex.month_of[_key(m["m"])]
    y = ctx.pub.year if month <= ctx.pub.month else ctx.pub.year - 1
    ds, de = _narrow_month(y, month, _part(ctx.lex, mod))
    return _Cand(start, m.end(), ds, de, MONTH)


def _h_weekday(ctx: _Ctx, m: re.Match) -> _Cand | None:
    wd_start = m.start("wd")
    if ctx.is_name(wd_start):
        return None
    rel = ctx.lex.wd_mod.get(_key(m["rel"])) if m["rel"] else "this"
    if rel == "future" or (rel == "this" and ctx.is_future(wd_start)):
        return _Cand(m.start(), m.end(), block=True)
    wd = ctx.lex.weekday_of[_key(m["wd"])]
    back = (ctx.pub.weekday() - wd) % 7
    if rel == "last" and back == 0:
        back = 7
    d = ctx.pub - dt.timedelta(days=back)
    return _Cand(m.start(), m.end(), d, d, DAY)


def _h_ordinal(ctx: _Ctx, m: re.Match) -> _Cand | None:
    """'on the 16th': a day of the publication month, or of the month before when later."""
    if not ctx.lex.ordinal_context_re.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None
    if ctx.next_is_noun(m.end()) or ctx.next_is_name(m.end()):
        return None  # "on the 5th floor", "from the 1st Naval Brigade"
    if ctx.is_future(m.start("d")):
        return _Cand(m.start(), m.end(), block=True)
    day, pub = int(m["d"]), ctx.pub
    y, mo = (pub.year, pub.month) if day <= pub.day else _shift_month(pub.year, pub.month, -1)
    d = dt.date(y, mo, day)
    return _Cand(m.start(), m.end(), d, d, DAY)


def _h_relative(ctx: _Ctx, m: re.Match) -> _Cand | None:
    spec = ctx.lex.relative[_key(m["phrase"])]
    end = m.end() if spec["kind"] == "day" else m.end("phrase")
    if ctx.is_name(m.start("phrase")) or ctx.after_name(m.start("phrase")):
        return None  # "Russia Today"
    pub, off, part = ctx.pub, spec.get("offset", 0), spec.get("part")
    kind = spec["kind"]
    if kind == "day":
        d = pub + dt.timedelta(days=off)
        return _Cand(m.start(), end, d, d, DAY)
    if kind == "week":
        ds, de = _week_of(pub + dt.timedelta(weeks=off))
        return _Cand(m.start(), end, ds, de, WEEK)
    if kind == "weekend":
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if off < 0 and pub.weekday() in ctx.lex.data["weekend_last_means_previous_on"]:
            sat -= dt.timedelta(days=7)
        return _Cand(m.start(), end, sat, sat + dt.timedelta(days=1), WEEK)
    if kind == "month":
        y, mo = _shift_month(pub.year, pub.month, off)
        ds, de = _narrow_month(y, mo, part)
        return _Cand(m.start(), end, ds, de, MONTH)
    if kind == "year":
        ds, de = _narrow_year(pub.year + off, part)
        return _Cand(m.start(), end, ds, de, YEAR)
    return None


def _count(ctx: _Ctx, text: str) -> tuple[int, int]:
    key = _key(text)
    if key.isdigit():
        n = int(key)
        return n, n
    return ctx.lex.numbers[key]


def _h_ago(ctx: _Ctx, m: re.Match) -> _Cand | None:
    lo, hi = _count(ctx, m["n"])
    unit = m["u"].lower().rstrip("s")
    direction = m["dir"].lower()
    pub = ctx.pub
    if direction != "ago":
        if unit not in ("day", "night") or lo != hi:
            return None
        return _Cand(m.start(), m.end(), kind="anaph", offset=hi if direction == "later" else -hi, prec=DAY)
    if unit in ("day", "night"):
        ds, de = pub - dt.timedelta(days=hi), pub - dt.timedelta(days=lo)
        return _Cand(m.start(), m.end(), ds, de, DAY if lo == hi else _precision_for_length((de - ds).days + 1))
    if unit == "week":
        ds = _week_of(pub - dt.timedelta(weeks=hi))[0]
        de = _week_of(pub - dt.timedelta(weeks=lo))[1]
        return _Cand(m.start(), m.end(), ds, de, WEEK if lo == hi else _precision_for_length((de - ds).days + 1))
    if unit == "month":
        ys, ms = _shift_month(pub.year, pub.month, -hi)
        ye, me = _shift_month(pub.year, pub.month, -lo)
        return _Cand(m.start(), m.end(), dt.date(ys, ms, 1), month_end(ye, me), MONTH)
    if unit == "year":
        return _Cand(m.start(), m.end(), dt.date(pub.year - hi, 1, 1), dt.date(pub.year - lo, 12, 31), YEAR)
    return None


_UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365}


def _h_past(ctx: _Ctx, m: re.Match) -> _Cand | None:
    if not m["the"] and not m["n"]:
        return None  # "last week" and friends are relative phrases
    unit = m["u"].lower()
    plural = unit.endswith("s")
    unit = unit.rstrip("s")
    if m["n"]:
        n = _count(ctx, m["n"])[1]
    elif m["w"].lower() in ("previous", "preceding"):
        return None  # "the previous night/day/week": anaphora and relative phrases
    elif plural:
        return None  # "the past days": vague
    else:
        n = 1
    days = math.ceil(n / 24) if unit == "hour" else n * _UNIT_DAYS[unit]
    ds = ctx.pub - dt.timedelta(days=days)
    return _Cand(m.start(), m.end(), ds, ctx.pub, _precision_for_length(days))


def _h_decade(ctx: _Ctx, m: re.Match) -> _Cand:
    dec = int(m["dec"])
    part = _part(ctx.lex, m["mod"] or m["mod2"])
    if dec % 100 == 0 and dec < 2000:
        # "the 1800s", "the early 1900s": a century (but "the 2000s" is a decade)
        first, last = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}.get(part or "", (0, 99))
    else:
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part or "", (0, 9))
    start = m.start("mod") if m["mod"] else (m.start("the") if m["the"] else m.start())
    return _Cand(start, m.end(), dt.date(dec + first, 1, 1), dt.date(dec + last, 12, 31), YEAR)


def _h_year(ctx: _Ctx, m: re.Match) -> _Cand | None:
    pre = _key(m["pre"]) if m["pre"] else None
    ystart = m.start("y")
    tok = ctx.token_at(ystart)
    is_date_ent = tok is not None and tok.ent_type_ == "DATE"
    if not (pre or m["mod"] or is_date_ent):
        return None
    if ctx.counts_a_noun(ystart):
        return None
    y = int(m["y"])
    end = m.end()
    y2 = None
    if m["y2"]:
        y2 = int(m["y2"])
        if len(m["y2"]) == 2:
            y2 += y // 100 * 100
            if y2 < y:
                y2 += 100
        if y2 < y:
            return None
    start = m.start("mod") if m["mod"] else ystart
    part = _part(ctx.lex, m["mod"])
    ds, de = _narrow_year(y, part)
    if y2 is not None:
        de = dt.date(y2, 12, 31)
    return _Cand(start, end, ds, de, YEAR)


def _h_anaphoric(ctx: _Ctx, m: re.Match) -> _Cand:
    off = ctx.lex.anaphoric[_key(m["phrase"])]
    return _Cand(m.start(), m.end(), prec=DAY, kind="anaph", offset=off, back_default=off < 0)


# --------------------------------------------------------------------------- fallback


@lru_cache(maxsize=64)
def _date_data_parser(published: dt.date):
    from dateparser.date import DateDataParser

    base = dt.datetime(published.year, published.month, published.day, 12)
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})


@lru_cache(maxsize=4096)
def _dateparser_resolve(text: str, published: dt.date) -> tuple[dt.date, dt.date, TimePrecision] | None:
    """A spaCy date entity that no pattern read, through dateparser (English only)."""
    try:
        data = _date_data_parser(published).get_date_data(text)
    except Exception:  # noqa: BLE001 - an unreadable entity is skipped, never raised
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        ds, de, prec = day.replace(day=1), month_end(day.year, day.month), MONTH
    elif period == "year":
        ds, de, prec = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), YEAR
    elif period == "week":
        (ds, de), prec = _week_of(day), WEEK
    else:
        ds, de, prec = day, day, DAY
    if ds > published:
        return None
    return ds, min(de, published), prec


_COARSE = (MONTH, YEAR)
_FINER = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}


def _fallback(ctx: _Ctx, chosen: list[_Cand]) -> list[_Cand]:
    """`chosen` plus what dateparser reads in spaCy date entities the rules missed.

    An entity is read when it names a month and either overlaps no finding, or holds
    only month/year findings that it reads more precisely ("the sixteenth of September"
    holds "September").
    """
    lex = ctx.lex
    # `chosen` is sorted and disjoint: the findings an entity overlaps are found by
    # bisection; entities are disjoint too, so what one replaces no other overlaps
    starts, ends = [c.start for c in chosen], [c.end for c in chosen]
    removed: set[int] = set()
    added: list[_Cand] = []
    for ent in doc_ents(ctx.doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        inside = [c for c in chosen[bisect_right(ends, s) : bisect_left(starts, e)] if id(c) not in removed]
        if any(c.block or c.start < s or c.end > e or c.prec not in _COARSE for c in inside):
            continue
        text = ent.text
        if inside:
            rest, pos = [], s
            for c in sorted(inside, key=lambda c: c.start):
                rest.append(ctx.text[pos : c.start])
                pos = c.end
            rest.append(ctx.text[pos:e])
            if not any(ch.isdigit() for ch in "".join(rest)):
                continue  # nothing the rules left unread: "April 2021" is already a month
        if not lex.fallback_re.search(text):
            continue
        if lex.duration_re.search(text) and "ago" not in text.lower():
            continue
        if ctx.is_future(s):
            continue
        resolved = _dateparser_resolve(text, ctx.pub)
        if resolved is None:
            continue
        ds, de, prec = resolved
        if inside and _FINER[prec] >= min(_FINER[c.prec] for c in inside):
            continue  # no more precise than what the rules found
        removed.update(id(c) for c in inside)
        added.append(_Cand(s, e, ds, de, prec))
    if not added:
        return list(chosen)
    return sorted([c for c in chosen if id(c) not in removed] + added, key=lambda c: c.start)


# --------------------------------------------------------------------------- driver


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first; equal lengths: readings before blockers."""
    chosen: list[_Cand] = []  # by start; being disjoint, also by end
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.block, c.start)):
        k = bisect_left(starts, c.start)
        if (k > 0 and ends[k - 1] > c.start) or (k < len(starts) and starts[k] < c.end):
            continue  # overlaps a neighbour: only neighbours can
        chosen.insert(k, c)
        starts.insert(k, c.start)
        ends.insert(k, c.end)
    return chosen


def _extend_prefixes(ctx: _Ctx, cands: list[_Cand]) -> None:
    """'since X' and 'the week of X': widen the span and the reading."""
    text, lex = ctx.text, ctx.lex
    prev_end = 0
    for c in cands:
        if not c.block:
            lo = max(prev_end, c.start - 30)
            w = lex.week_of_re.search(text, lo, c.start)
            if w and c.ds is not None and c.prec == DAY and c.ds == c.de:
                c.start = w.start("w")
                c.ds, c.de = _week_of(c.ds)
                c.prec = WEEK
                c.kind = ""
            s = lex.since_re.search(text, max(prev_end, c.start - 20), c.start)
            if s:
                c.start = s.start("since")
                c.since = True
        prev_end = c.end


def _single_day(c: _Cand) -> bool:
    return not c.block and c.prec == DAY and c.ds is not None and c.ds == c.de and c.kind != "anaph"


def _merge_ranges(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Two days joined by 'to', 'until', 'through', a dash, or 'and' after 'between', become one
    range: '30 March to 2 April 2021', 'from Friday to Sunday', 'between 3 May and 5 June'."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _single_day(prev)
            and (_single_day(c) or c.kind == "dmrange")
            and not c.since
        ):
            conn = ctx.lex.connector_re.fullmatch(ctx.text, prev.end, c.start)
            if conn and (
                conn["c"].lower() != "and" or ctx.lex.between_re.search(ctx.text, max(0, prev.start - 12), prev.start)
            ):
                ds: dt.date | None = prev.ds
                de: dt.date = c.de
                if prev.kind == "dm" and prev.y is None and c.kind in ("dm", "dmrange") and c.y is None:
                    # "31 May - 1 June" published on 31 May: the range starts in the latest
                    # year its first day has come (its end is cut at publication)
                    try:
                        y1 = _infer_year(prev.m, prev.d, ctx.pub)
                        y2 = y1 if (prev.m, prev.d) <= (c.de.month, c.de.day) else y1 + 1
                        ds, de = dt.date(y1, prev.m, prev.d), dt.date(y2, c.de.month, c.de.day)
                    except ValueError:
                        ds = None
                elif prev.kind == "dm" and prev.y is None and c.kind in ("dm", "dmrange"):
                    # "30 March to 2 April 2021": the first day takes the year of the second
                    y1 = c.ds.year if (prev.m, prev.d) <= (c.ds.month, c.ds.day) else c.ds.year - 1
                    try:
                        ds = dt.date(y1, prev.m, prev.d)
                    except ValueError:
                        ds = None
                if ds is not None and ds <= de:
                    out[-1] = _Cand(prev.start, c.end, ds, de, DAY, since=prev.since, kind="dmrange")
                    continue
        out.append(c)
    return out


def _resolve_anaphora(ctx: _Ctx, cands: list[_Cand]) -> None:
    window = ctx.lex.data.get("anaphora_window", 600)
    anchor: dt.date | None = None
    anchor_end = -(10**9)
    for c in cands:
        if c.block:
            continue
        if c.kind == "anaph":
            if anchor is not None and c.start - anchor_end <= window:
                d = shift_days(anchor, c.offset)
            elif c.back_default:
                d = shift_days(ctx.pub, c.offset)
            else:
                d = None
            if d is None:
                c.block = True
                continue
            c.ds = c.de = d
        if c.prec == DAY and c.ds is not None and c.ds == c.de and not c.since:
            anchor, anchor_end = c.ds, c.end


def _finish(ctx: _Ctx, cands: list[_Cand]) -> list[TimeMention]:
    out: list[TimeMention] = []
    pub, text = ctx.pub, ctx.text
    for c in cands:
        if c.block or c.ds is None or c.prec is None:
            continue
        de = c.de if c.de is not None else c.ds
        if c.ds > pub:
            continue  # never a date after publication
        de = pub if c.since else min(de, pub)
        out.append(
            TimeMention(
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                date_start=c.ds,
                date_end=de,
                time_precision=c.prec,
                since=c.since,
            )
        )
    return out


def _candidates(ctx: _Ctx) -> list[_Cand]:
    """Every reading of every rule, tried only around trigger words."""
    text, lex = ctx.text, ctx.lex
    triggers, rules_by_type = lex.triggers, lex.rules_by_type
    starts: list[int] = []
    found: list[tuple[int, int, str]] = []  # (word index, start, type)
    for w in _WORD.finditer(text):
        starts.append(w.start())
        word = w.group()
        kind = _DIGIT if word[0].isdigit() else triggers.get(word.lower())
        if kind is not None:
            found.append((len(starts) - 1, w.start(), kind))
    seen: set[tuple[int, int, int]] = set()
    cands: list[_Cand] = []
    for idx, tstart, kind in found:
        for rule_id, pattern, handler, k in rules_by_type.get(kind, ()):
            # the match from the earliest of up to k words back that reaches the trigger
            for s in starts[max(0, idx - k) : idx + 1]:
                m = pattern.match(text, s)
                if m is None or m.end() <= tstart:
                    continue
                key = (rule_id, m.start(), m.end())
                if key not in seen:
                    seen.add(key)
                    try:
                        cand = handler(ctx, m)
                    except Exception as exc:  # noqa: BLE001 - "32 February": skipped, never raised
                        log.debug("unreadable date %r: %s", m.group(0), exc)
                        cand = _Cand(m.start(), m.end(), block=True)
                    if cand is not None:
                        cands.append(cand)
                break
    return cands


def find_dates(doc: Doc, published: dt.date) -> list[TimeMention]:
    """Temporal expressions in `doc`, resolved against `published`; sorted, non-overlapping."""
    if isinstance(published, dt.datetime):
        published = published.date()
    lex = _lexicon()
    ctx = _Ctx(doc, published, lex)
    cands = _candidates(ctx)
    chosen = _select(cands)
    try:
        chosen = _fallback(ctx, chosen)
    except Exception as exc:  # noqa: BLE001 - the fallback is a bonus, never a failure
        log.debug("date fallback failed: %s", exc)
    _extend_prefixes(ctx, chosen)
    chosen = _merge_ranges(ctx, chosen)
    _resolve_anaphora(ctx, chosen)
    return _glossed(ctx.text, _finish(ctx, chosen))


_GLOSS_OPEN = re.compile(r"[^\S\n]*[(\[][^\S\n]*(?:(?:between|from|on|i\.e\.|ie)[^\S\n]+)?$", re.I)
_GLOSS_CLOSE = re.compile(r"^[^\S\n]*[)\]]")


def _glossed(text: str, found: list[TimeMention]) -> list[TimeMention]:
    """A date glossed by another in brackets right after it is one date: 'yesterday (24
    July)' is 24 July, the explicit reading; 'around 29 April (between 28 and 30 April)'
    is 29 April, the date the writer put first. The bracketed one is dropped, so that a
    range given only as a gloss never dates the event on its first day."""
    out: list[TimeMention] = []
    skip = False
    for i, m in enumerate(found):
        if skip:
            skip = False
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None and not m.since and not nxt.since
            and _GLOSS_OPEN.match(text[m.end : nxt.start]) and _GLOSS_CLOSE.match(text[nxt.end : nxt.end + 4])
        ):
            explicit = any(ch.isdigit() for ch in nxt.text) and not any(ch.isdigit() for ch in m.text)
            if explicit:  # 'yesterday (24 July)': the explicit date, at the relative one's place
                m = m.model_copy(update={"date_start": nxt.date_start, "date_end": nxt.date_end, "time_precision": nxt.time_precision})
            out.append(m)
            skip = True
            continue
        out.append(m)
    return out
