"""Assembly: the one place that knows how findings combine into events.

1. Cues in one sentence that belong to one domain (violence, demonstration, strategic)
   form a *mention* of one event.
2. Each mention gets its date (the date expression nearest its cue; "later that day"
   takes the previous date; an event recalled in "since April 2021, when ..." takes April
   2021 itself), and is *background* when that date lies well before publication.
3. Mentions merge into events when they share a domain and a classification, their dates
   overlap, and both are current or both background. Weak cues ("violence", "the war",
   "mortars") never start an event while a strong one exists: they join the event of
   their domain, bringing their sentence's claims, places and weapons.
4. Each event takes its type from the families of its cues, its place from the most
   precise toponym of its sentences (falling back to the article's places inside the
   event's countries), its actors from the grammar around its cues, and its claims from
   its sentences; figures outside any event's sentences count toward the main event.
5. The main event (current, violent, most mentioned and counted) comes first.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from . import attribution as attribution
from .attribution import dates_statement, governing_verb
from . import triggers as cues
from .actors import make_actor
from .countries import country_name, neighbours
from .dates import clamp_days, month_end
from .estimate import estimate_fatalities
from ..nlp import doc_text, span_text, table
from ..resources import load_list, load_tsv
from ..model import Actor, ActorMention, ArticleResult, Claim, ClaimMention, Event, EventTrigger, GazetteerEntry, Place, PlaceMention, TimeExpression, TimeMention, TimePrecision, WeaponMention, interaction_code, is_civilian_targeting

BACKGROUND_DAYS = 60
# Assembly relates cues, figures and events pairwise; these caps bound its cost on hostile
# input. A real article is far below them (the development data's longest has 16 cues and
# 9 figures); beyond them, the first in text order are assembled and a warning says so.
MAX_CUES = 500
MAX_FIGURES = 500
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
ANAPHORIC = cues.FAMILIES["anaphoric_dates"]
TARGET_NOUNS = set(cues.FAMILIES["target_nouns"])
GENERIC = set(cues.FAMILIES["generic_families"])
MODIFIERS = set(cues.FAMILIES["modifier_families"])
NEEDS_CORROBORATION = set(cues.FAMILIES["needs_corroboration"])
CORROBORATING = set(cues.FAMILIES["corroborating_lemmas"])
# a clash or destruction told anywhere in a demonstration's story makes it a riot: ACLED
# codes demonstrators who 'engage in disruptive acts, including but not limited to rock
# throwing, property destruction' as a violent demonstration, and keeps excessive force and
# protest with intervention for peaceful demonstrators (ACLED codebook, 'Riots',
# 'Protest with intervention', 'Excessive force against protesters')
DEMONSTRATORS_VIOLENCE = {"clash", "looting"}
# fire returned anywhere in the event's story makes it a battle: ACLED codes an exchange of
# fire as an armed clash, and shelling or an attack only when the target does not respond
# (ACLED codebook, 'Armed clash', 'Shelling/artillery/missile attack')
RECIPROCAL = {"exchange"}
ONE_SIDED_CUES = {"violence", "bloodshed"}
FORMER = {"former", "retired", "ex", "ex-", "demobilised", "demobilized"}
# to suffer an attack: 'soldiers suffered casualties following an attack'
SUFFERING_VERBS = set(cues.FAMILIES["suffering_verbs"])
# the armed words of a non-state side ('opposition' names parties too)
ARMED_NONSTATE = cues.NONSTATE_AGENTS - {"opposition"} | {"bandit", "gang", "raider", "attacker", "assailant"}
# victims named only by a pronoun or a number: 'killing two', 'shot one of them'
UNNAMED_VICTIMS = set(cues.FAMILIES["unnamed_victims"])


def _unnamed(tok: Token) -> bool:
    """A victim told only by a pronoun or a number, with no noun of its own: 'killing two',
    'one of them', 'shot them'."""
    if tok.dep_ not in {"dobj", "nsubjpass"} or not (tok.lower_ in UNNAMED_VICTIMS or tok.pos_ == "NUM"):
        return False
    # 'two of the attackers' names them by a noun, read as any victim's noun is
    return not any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ != "PRON" for g in c.children) for c in tok.children
    )


# remote violence (ACLED's Explosions/Remote violence) that a demonstration's sentence can tell
REMOTE_FAMILIES = set(cues.FAMILIES["remote_families"])
# what a demonstration is held about or after: 'protested against air strikes', 'marched after a bomb went off'
GRIEVANCE_PREPS = set(cues.FAMILIES["grievance_preps"])
# verbs whose object is what a demonstration is about: 'rallied to denounce the shelling'
GRIEVANCE_VERBS = set(cues.FAMILIES["grievance_verbs"])


def _told_as_happening(root: Token) -> bool:
    """The cue tells the blast or strike itself ('a grenade was thrown at the marchers', 'a
    bomb exploded near the rally'), not what a demonstration was about or came after
    ('protested against air strikes', 'demonstrated after a bomb exploded'): no step from
    the cue up to its sentence's root goes through a 'because'/'after' clause or the
    object of such a preposition."""
    node = root
    for _ in range(8):
        if node.dep_ == "pobj" and node.head.lower_ in GRIEVANCE_PREPS:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in GRIEVANCE_PREPS for c in node.children):
            return False
        if node.dep_ in {"dobj", "pobj", "xcomp"} and node.head.lemma_.lower() in GRIEVANCE_VERBS:
            return False
        if node.head.i == node.i:
            return True
        node = node.head
    return True


DEMAND_VERBS = {"demand", "denounce", "decry", "reject", "protest", "oppose"}


@dataclass
class DateRange:
    start: dt.date
    end: dt.date
    precision: str
    text: str = ""

    def overlaps(self, other: "DateRange") -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass
class Mention:
    sent_index: int
    domain: str
    triggers: list[EventTrigger]
    date: DateRange | None = None
    background: bool = False
    told_arrest: bool = False  # an arrest told by its verb ('were detained'), not named ('the arrest of')

    @property
    def strong(self) -> bool:
        return any(t.strength >= 1 for t in self.triggers)

    def families(self, include_weak: bool) -> set[str]:
        return {t.family for t in self.triggers if include_weak or t.strength >= 1}

    def voting_families(self) -> set[str]:
        strong = self.families(False)
        return self.families(True) if not strong or strong <= GENERIC else strong


@dataclass
class Draft:
    mentions: list[Mention]
    sentences: set[int] = field(default_factory=set)
    extra_sentences: set[int] = field(default_factory=set)  # joined through weak cues or figures
    # what is read off the mentions, kept until a mention is added (mentions are never removed)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def _memoised(self, name: str, compute):
        key = (name, len(self.mentions))
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def cue_starts(self, sents: Sentences) -> dict[int, list[int]]:
        """Sentence index -> start offsets of the draft's cues in it."""
        def compute():
            out: dict[int, list[int]] = {}
            for m in self.mentions:
                for t in m.triggers:
                    out.setdefault(sents.index(t.start), []).append(t.start)
            return out
        return self._memoised("cue_starts", compute)

    @property
    def background(self) -> bool:
        return self._memoised("background", lambda: any(m.background for m in self.mentions if m.strong) or all(m.background for m in self.mentions))

    @property
    def domain(self) -> str:
        return self.mentions[0].domain

    def strong_families(self) -> set[str]:
        return self._memoised("strong_families", lambda: set().union(*(m.families(False) for m in self.mentions)))

    def all_families(self) -> set[str]:
        return set().union(*(m.families(True) for m in self.mentions))

    def voting_families(self, means: bool = True) -> set[str]:
        """The first strong mention decides; later ones add modifiers (tear gas, burning tyres).
        Weak cues vote only where no strong cue, or only a generic one ('attack'), exists.
        ``means``: a generic attack takes the weapon of a later mention (not for an attack on
        armed targets, which ACLED codes as an armed clash whatever its later detail)."""
        strong = [m for m in self.mentions if m.strong]
        if not strong:
            return self.all_families()
        primary = strong[0].voting_families()
        extra = MODIFIERS | (DEMONSTRATORS_VIOLENCE if self.domain == "demonstration" else set())
        if self.domain == "demonstration" and any(m.told_arrest and m.domain == "strategic" for m in self.mentions):
            extra = extra | {"arrest"}  # the demonstrators' arrests told next (_arrests_follow)
        if means and primary <= GENERIC:
            # 'Two civilians were killed in an attack. ... in a grenade attack': an attack told
            # first in general words takes the means a later sentence names; ACLED types an
            # explosion or remote violence by its weapon (ACLED codebook, 'Explosions/Remote
            # violence': grenade, shelling/missile, air/drone strike, remote explosive)
            extra = extra | (self.strong_families() & cues.WEAPON_FAMILIES)
        if self.domain == "violence":
            extra = extra | RECIPROCAL  # 'shelled army positions. The army fired back': both sides fought
        return primary | (self.all_families() & extra)

    def classification(self, **flags) -> tuple[str, str, str]:
        if flags:
            return cues.classify(self.voting_families(means=not flags.get("armed_target", False)), **flags)
        return self._memoised("classification", lambda: cues.classify(self.voting_families()))

    def best_date(self) -> DateRange | None:
        return self._memoised("best_date", self._best_date)

    def _best_date(self) -> DateRange | None:
        dated = [m.date for m in self.mentions if m.date is not None and m.strong] or [m.date for m in self.mentions if m.date is not None]
        if not dated:
            return None
        return min(dated, key=lambda d: (PRECISION_RANK[d.precision], d.start))


class Sentences:
    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(table(doc).sents)
        self.starts = [s.start_char for s in self.spans]
        self.text = doc_text(doc)  # Doc.text joins every token again on each access

    def group(self, items) -> BySentence:
        return BySentence(self, items)

    def index(self, char: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo


class BySentence:
    """Findings by the sentence they start in, so that an event reads those of its own
    sentences without scanning the article's (the cost stays linear in the article)."""

    def __init__(self, sents: Sentences, items):
        self.items = list(items)
        self.positions: dict[int, list[int]] = {}
        for pos, item in enumerate(self.items):
            self.positions.setdefault(sents.index(item.start), []).append(pos)

    def within(self, sentences) -> list:
        """The findings of these sentences, in their original order."""
        found = [pos for i in sentences for pos in self.positions.get(i, ())]
        return [self.items[pos] for pos in sorted(found)]


# --------------------------------------------------------------------------- dates


def _point_of_since(mention: TimeMention, published: dt.date) -> DateRange:
    """'since April 2021' as the point April 2021 (for 'since April 2021, when ...')."""
    start = mention.date_start
    precision = mention.time_precision if isinstance(mention.time_precision, str) else mention.time_precision.value
    if precision == "month":
        return DateRange(start, month_end(start.year, start.month), "month", mention.text)
    if precision == "year":
        return DateRange(start, dt.date(start.year, 12, 31), "year", mention.text)
    if precision == "week":
        return DateRange(start, clamp_days(start, 6), "week", mention.text)
    return DateRange(start, start, "day", mention.text)


def _precision(value) -> str:
    return value if isinstance(value, str) else value.value


EXPLICIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
HISTORY_YEARS = 50  # a text whose every year lies this far back tells history


def _historical(dates: list[TimeMention], published: dt.date) -> bool:
    """A text whose only time anchors are years long past ('in 1066', 'on 16 April 1746',
    'the siege of 1453'): a history or travel page, whose undated events ('Culloden was the
    last pitched battle fought on British soil') belong to that past too. A day named
    without a year ('on Sunday', 'on 12 May') or any recent year anchors the text in the present."""
    years = [d for d in dates if EXPLICIT_YEAR.search(d.text)]
    if not years:
        return False
    if any(_precision(d.time_precision) in {"day", "week"} and not EXPLICIT_YEAR.search(d.text) for d in dates):
        return False
    return all(published.year - d.date_end.year >= HISTORY_YEARS for d in years)


def mention_date(doc: Doc, sent: Span, trig_root: Token, dates: list[TimeMention], published: dt.date) -> DateRange | None:
    in_sentence = [d for d in dates if sent.start_char <= d.start < sent.end_char]
    if not in_sentence:
        return None
    best: tuple[tuple[bool, int], TimeMention] | None = None
    for d in in_sentence:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        if _attached_to_reporting(span.root) and _verb_index(trig_root) != _verb_index(span.root):
            continue  # "said in a statement on Wednesday": the date of the statement, not of the event
        # a date inside a relative clause the cue is not in ("the people who died in
        # 1977") dates that clause, not the cue
        other_clause = _in_other_clause(span.root, trig_root)
        if other_clause and not d.since:
            continue  # "a pact signed in March", "Ramadan, which begins on May 15": not the cue's date
        # a date in a bracketed aside the cue is not in ("clashed with police to prevent the
        # arrest of a youth [involved in protests in June]") dates the aside, and a date
        # opening the sentence ("On 2 May 2020, forces fired at ...") dates its main clause:
        # both before mere nearness (ACLED notes lead with the event's date)
        aside = _in_aside(sent, d, trig_root)
        opening = not _opens_main_clause(doc, sent, d, trig_root)
        distance = (other_clause, aside, opening, abs(span.root.i - trig_root.i))
        if best is None or distance < best[0]:
            best = (distance, d)
    if best is None:
        return None
    chosen = _restated(best[1], in_sentence, span_text(sent), sent.start_char)
    if chosen.since:
        when_clause = any(t.lower_ in {"when", "where"} for t in doc[sent.start : trig_root.i])
        if when_clause or trig_root.idx > chosen.end:
            return _point_of_since(chosen, published)
    return DateRange(chosen.date_start, min(chosen.date_end, published), _precision(chosen.time_precision), chosen.text)


_OPENERS = re.compile(r"^\s*(?:on|around|about|since|in|between|from|by)?\s*$", re.IGNORECASE)


def _in_aside(sent: Span, d: TimeMention, trig_root: Token) -> bool:
    """Whether the date sits in brackets of the sentence that do not hold the cue."""
    text, base = span_text(sent), sent.start_char
    before = text[: d.start - base]
    opened = max(before.rfind("("), before.rfind("["))
    if opened < 0 or max(before.rfind(")"), before.rfind("]")) > opened:
        return False
    after = text[d.end - base :]
    closes = [k for k in (after.find(")"), after.find("]")) if k >= 0]
    if not closes:
        return False
    start, end = base + opened, d.end + min(closes) + 1
    return not (start <= trig_root.idx < end)


def _opens_main_clause(doc: Doc, sent: Span, d: TimeMention, trig_root: Token) -> bool:
    """'On 2 May 2020, ...' at the head of the sentence, followed by a comma, with the cue in
    the sentence's main clause (the root's verb or a verb joined to it)."""
    if not _OPENERS.match(span_text(sent)[: d.start - sent.start_char]) or not doc_text(doc)[d.end : d.end + 2].lstrip().startswith(","):
        return False
    verb = trig_root if trig_root.pos_ in {"VERB", "AUX"} else governing_verb(trig_root)
    while verb is not None and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb is not None and verb.i == sent.root.i


def _explicit_day(d: TimeMention, text: str, base: int) -> bool:
    return d.date_start == d.date_end and not d.since and any(ch.isdigit() for ch in text[d.start - base : d.end - base])


_BRACKETED = re.compile(r"^\s*[(\[]\s*(?:from|between|on|around|about|since|ca\.?)?\s*$", re.IGNORECASE)


def _restated(chosen: TimeMention, dates: list[TimeMention], text: str, base: int) -> TimeMention:
    """A date restated in brackets beside it: 'yesterday (24 July)', 'around 8 May (from
    7 - 8 May)'. The explicit calendar day of the pair is the event's date."""
    if _explicit_day(chosen, text, base):
        return chosen
    for other in dates:
        if other is chosen or not _explicit_day(other, text, base):
            continue
        first, second = (chosen, other) if chosen.end <= other.start else (other, chosen)
        if _BRACKETED.match(text[first.end - base : second.start - base]):
            return other
    return chosen


def _in_other_clause(tok: Token, trig_root: Token) -> bool:
    node, steps = tok, 0
    while node.i != node.head.i and steps < 6:
        if node.dep_ in {"relcl", "acl"} and node.pos_ in {"VERB", "AUX"}:
            # "the attack which happened on Monday": the clause dates its own noun
            return not (node.left_edge.i <= trig_root.i <= node.right_edge.i or trig_root.i == node.head.i)
        node, steps = node.head, steps + 1
    return False


def _verb_index(tok: Token) -> int | None:
    if tok.pos_ == "VERB":
        return tok.i
    verb = governing_verb(tok)
    return None if verb is None else verb.i


def _attached_to_reporting(tok: Token) -> bool:
    """'said on Monday that ...' dates the statement; in '..., on Sunday, police said' the
    date comes before the verb and belongs to what was said."""
    verb = governing_verb(tok)
    if verb is not None and any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        return False  # "acts of vandalism were recorded on 1 May": the event's date, no statement's
    return verb is not None and verb.lemma_.lower() in attribution.REPORTING and dates_statement(tok, verb)


# --------------------------------------------------------------------------- actors


def _path_to(actor_head: Token, root: Token, max_steps: int = 4) -> list[Token] | None:
    """Tokens from the actor up to the cue (exclusive), if the cue governs the actor."""
    path = [actor_head]
    node = actor_head
    for _ in range(max_steps):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.i == root.i:
            return path
        path.append(node)
    return None


def _role(actor: ActorMention, doc: Doc, rank: dict[int, int]) -> str | None:
    """'agent', 'patient', 'pair' (between X and Y / X clashed with Y) or None. ``rank``:
    the cues' root token indices, in order of precedence. Only a root within four steps
    above the actor can govern it: those are found by walking up from the actor."""
    head = doc[actor.head]
    above, node = [], head
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i in rank:
            above.append(node)
    for root in sorted(above, key=lambda r: rank[r.i]):
        path = _path_to(head, root)
        if path is None:
            continue
        if any(t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by") for t in path[1:]):
            return "agent"
        top = path[-1]
        dep = top.dep_
        prep = top.lower_ if dep == "prep" else None
        if dep in {"nsubj", "agent"} or prep == "by" or (dep == "compound" and root.pos_ == "NOUN") or dep == "poss":
            return "agent"
        if dep in {"dobj", "nsubjpass"} or prep in {"on", "against", "at", "targeting"}:
            return "patient"
        if prep in {"between", "with", "among"}:
            return "pair"
        if dep in {"amod"} and root.pos_ == "NOUN":
            return "agent"
    return None


def choose_actors(
    draft: Draft,
    doc: Doc,
    actors: BySentence,
    sents: Sentences,
    event_type: str,
    sub_event_type: str,
    country: str | None,
) -> tuple[Actor | None, Actor | None]:
    roots = [doc[t.root] for m in draft.mentions for t in m.triggers]
    # "deployed to attack": the governing verb's arguments are the cue's too
    roots += [r.head for r in roots if r.dep_ in {"xcomp", "advcl"} and r.head.pos_ == "VERB"]
    rank: dict[int, int] = {}
    for n, r in enumerate(roots):
        rank.setdefault(r.i, n)
    in_scope = actors.within(draft.sentences)
    agents, patients, pairs = [], [], []
    for a in in_scope:
        role = _role(a, doc, rank)
        if role == "agent":
            agents.append(a)
        elif role == "patient":
            patients.append(a)
        elif role == "pair":
            pairs.append(a)
        if role is None:
            # "between Tajikistan and Kyrgyzstan": the second is a conj of the first
            head = doc[a.head]
            if head.dep_ == "conj" and any(p.head == head.head.i for p in pairs + agents + patients):
                (pairs if any(p.head == head.head.i for p in pairs) else agents if any(p.head == head.head.i for p in agents) else patients).append(a)
    if pairs and not agents:
        agents, patients = pairs[:1], pairs[1:2] + patients
    elif pairs:
        patients = pairs[:1] + patients

    def pick(group: list[ActorMention], avoid: Actor | None = None) -> Actor | None:
        for a in group:
            if avoid is None or a.actor.name != avoid.name:
                return _with_country(a, country, event_type)
        return None

    actor1 = pick(agents)
    actor2 = pick(patients, actor1)
    if actor1 is None and actor2 is None and in_scope:
        non_civ = [a for a in in_scope if a.kind not in {"civilians"}]
        civ = [a for a in in_scope if a.kind == "civilians"]
        actor1 = pick(non_civ)
        actor2 = pick(non_civ[1:] if actor1 else [], actor1) or pick(civ)
    state = next((_with_country(a, country, event_type) for a in in_scope if a.kind in {"police", "military"}), None)
    return _default_actors(actor1, actor2, event_type, sub_event_type, country, state)


def _with_country(mention: ActorMention, country: str | None, event_type: str) -> Actor:
    actor = mention.actor
    if mention.kind == "state" and event_type in {"Strategic developments"}:
        return make_actor("government", actor.country_code)
    if actor.country_code is None and country and mention.kind not in {"group"}:
        return make_actor(mention.kind, country, None if mention.kind != "ethnic_militia" else actor.name.replace(" Ethnic Militia", ""))
    return actor


def _default_actors(actor1, actor2, event_type, sub_event_type, country, state_actor=None):
    if event_type == "Protests":
        actor1 = actor1 if actor1 is not None and actor1.inter == 6 else make_actor("protesters", country)
        actor2 = state_actor if sub_event_type != "Peaceful protest" else None
    elif event_type == "Riots" and (actor1 is None or actor1.inter not in {5, 4, 3}):
        actor1 = make_actor("rioters", country)
        actor2 = state_actor if actor2 is None or actor2.inter not in {1, 7} else actor2
    elif event_type == "Violence against civilians":
        if actor2 is None or actor2.inter != 7:
            if actor1 is None and actor2 is not None and actor2.inter != 7:
                actor1 = actor2
            actor2 = make_actor("civilians", country)
        if actor1 is None or actor1.inter == 7:
            actor1 = make_actor("unidentified", country)
    elif event_type in {"Battles", "Explosions/Remote violence"} and actor1 is None:
        actor1 = make_actor("unidentified", country) if actor2 is None or actor2.inter != 3 else None
        if actor1 is None:
            actor1, actor2 = actor2, None
    elif sub_event_type == "Arrests" and actor1 is None:
        actor1 = make_actor("police", country)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name and event_type != "Battles":
        actor2 = None
    return actor1, actor2


# --------------------------------------------------------------------------- places


ROUTE_WORDS = r"(?:road|roads|highway|motorway|expressway|route|axis|corridor|railway|pipeline)"
_NAME = r"[A-Z][\w'’]*(?: [A-Z][\w'’]*)*"
# "the Nyeri-Nyahururu road", "the Cotonou-Malanville inter-state road": a route between
# places. One more word may stand before the route word ("inter-state", "main").
_ROUTE_AFTER = re.compile(rf"(?:-{_NAME})*\s+(?:[\w-]+\s+)?{ROUTE_WORDS}\b")
_ROUTE_BEFORE = re.compile(rf"{_NAME}-$")


def _in_route_name(text: str, p: PlaceMention) -> bool:
    """Whether the place is an end of a route named after its ends ("the Sylhet-Tamabil
    highway", "the Nairobi-Narok road"): the road runs between the towns, and a place the
    sentence names besides ("at Kaboto, on the Meru-Embu road") says where on it."""
    after = text[p.end : p.end + 80]
    if after.startswith("-"):
        return bool(_ROUTE_AFTER.match(after))
    return bool(_ROUTE_BEFORE.search(text[max(0, p.start - 60) : p.start])) and bool(_ROUTE_AFTER.match(after))


def _place_rank(p: PlaceMention) -> tuple[int, int]:
    # A second-order unit (a district, "Khakrez district, Kandahar") ranks with the towns:
    # it is as fine as the text gets, finer than the region or town that qualifies it.
    entry = p.resolved
    kind = 2 if entry.feature_code.startswith("PCL") else (1 if entry.feature_class == "A" and entry.feature_code != "ADM2" else 0)
    return kind, p.geo_precision


FOREIGNERS = frozenset(w.lower() for w in load_list("foreigner_words.txt"))


def _names_foreigners(doc: Doc, p: PlaceMention) -> bool:
    """Whether a country or its demonym says whose foreigners someone are ("a Sudanese
    refugee", "migrants from Ethiopia", "international staff (Canadian)", "the French embassy"):
    they are outside that country by what they are called (``resources/foreigner_words.txt``),
    so it does not say where the event happened; "Kenyan villagers" does."""
    if not p.resolved.feature_code.startswith("PCL"):
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "a Briton and a German"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of"):
        tok = tok.head  # "refugees from Sudan", "citizens of Canada"
    if tok.dep_ not in ("amod", "compound", "nmod", "appos", "prep"):
        return False
    head = tok.head
    words = [c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound") and c.i != tok.i] + [head.lemma_.lower()]
    return any(" ".join(words[i:]) in FOREIGNERS for i in range(len(words)))


class Places:
    """The article's places, indexed once for every event's choice."""

    def __init__(self, sents: Sentences, places: list[PlaceMention]):
        doc = sents.spans[0].doc if sents.spans else None
        # a country named only as whose foreigners someone are ("a Sudanese refugee") places nothing
        foreign = [p for p in places if doc is not None and p.resolved is not None and _names_foreigners(doc, p)]
        self.foreign = {id(p) for p in foreign}
        self.foreign_spans = [(p.start, p.end) for p in foreign]
        places = [p for p in places if id(p) not in self.foreign]
        self.all = sents.group(p for p in places if p.resolved is not None)
        # demonyms ("Russian forces") and continents or world regions locate no event
        resolved = [p for p in places if p.resolved is not None and not p.demonym and p.resolved.feature_class != "L"]
        self.resolved = sents.group(resolved)
        self.first_below_country: dict[str, PlaceMention] = {}
        # and each region's first town or district, for an event placed only by its region
        self.first_in_region: dict[tuple[str, str], PlaceMention] = {}
        for p in sorted((p for p in resolved if _place_rank(p)[0] < 2), key=lambda p: (_place_rank(p)[0], p.start)):
            self.first_below_country.setdefault(p.resolved.country_code, p)
            if _place_rank(p)[0] == 0 and p.resolved.admin1:
                self.first_in_region.setdefault((p.resolved.country_code, p.resolved.admin1), p)


STATE_KINDS = frozenset({"police", "military", "state", "government"})


def _in_trigger_clause(doc: Doc, p: PlaceMention, roots: set[int], max_steps: int = 8) -> bool:
    """Whether the place hangs from an event cue of the draft in the parse without passing
    through a reporting verb ("attacked a post in X" yes; "officials in X said" no)."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(max_steps):
        if node.i in roots:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i not in roots and node.pos_ == "VERB" and node.lemma_.lower() in attribution.REPORTING:
            return False
    return False


EARLIER_EVENT_CUES = frozenset(w.lower() for w in load_list("earlier_event_cues.txt"))


def _opens_earlier_event(node: Token) -> bool:
    """A preposition or a clause opening a phrase about an earlier event ("following the
    killing of", "after gunmen raided", "in retaliation for", ``resources/earlier_event_cues.txt``)."""
    if node.dep_ == "prep":
        return _phrase_words(node) in EARLIER_EVENT_CUES  # "in the wake of"
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in EARLIER_EVENT_CUES for c in node.children)


def _phrase_words(node: Token) -> str:
    """A preposition's words as the cue lists write them: "in the wake of", "in protest at"
    (the preposition after the noun of an "in"/"as" phrase), else the preposition alone."""
    if node.head.dep_ == "pobj" and node.head.head.lower_ in ("in", "as"):
        return node.doc[node.head.head.i : node.i + 1].text.lower()
    return node.lower_


TOPIC_CUES = frozenset(w.lower() for w in load_list("topic_cues.txt"))
DEMONSTRATION_TOPIC_CUES = frozenset(w.lower() for w in load_list("demonstration_topic_cues.txt"))
TOPIC_LAST_WORDS = frozenset(cue.split()[-1] for cue in TOPIC_CUES)


def _opens_topic(node: Token, demonstration_roots: set[int] = frozenset()) -> bool:
    """A preposition or a "to" clause opening what a demonstration or an act is about
    ("regarding the protests in Y", "marched against the auction in Y", "to denounce a ban
    in Y", ``resources/topic_cues.txt``); "against", "over" and "about" only after a
    demonstration's own cue (``resources/demonstration_topic_cues.txt``)."""
    if node.dep_ == "prep":
        if node.lower_ in DEMONSTRATION_TOPIC_CUES:
            return node.head.i in demonstration_roots
        if node.lower_ not in TOPIC_LAST_WORDS:
            return False
        # the words before it as they read: the parse may hang "with" beside "in solidarity"
        words = [node.lower_]
        for k in range(1, 4):
            if node.i - k < 0:
                break
            words.insert(0, node.doc[node.i - k].lower_)
            if " ".join(words) in TOPIC_CUES:
                return True
        return node.lower_ in TOPIC_CUES
    return (
        node.dep_ in ("advcl", "xcomp", "acl")
        and node.lemma_.lower() in TOPIC_CUES
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    )


def _movement_verbs() -> dict[str, bool]:
    """``resources/movement_verbs.txt``: lemma -> whether it counts only with an object."""
    out = {}
    for line in load_list("movement_verbs.txt"):
        word, _, flag = line.partition(" ")
        out[word.lower()] = flag.strip() == "+obj"
    return out


MOVEMENT_VERBS = _movement_verbs()
DESTINATION_PREPS = frozenset({"to", "toward", "towards", "into"})


def _opens_destination(node: Token, roots: set[int]) -> bool:
    """A "to", "toward" or "into" phrase of where people fled or were driven ("forced the
    herders to flee toward Y", "displaced them into Y", ``resources/movement_verbs.txt``),
    unless the verb is the event's only cue in its sentence ("thousands fled to Y": the
    flight is what is told)."""
    if node.dep_ != "prep" or node.lower_ not in DESTINATION_PREPS:
        return False
    verb = node.head
    needs_object = MOVEMENT_VERBS.get(verb.lemma_.lower())
    if needs_object is None:
        return False
    if verb.i in roots and not any(r != verb.i and verb.sent.start <= r < verb.sent.end for r in roots):
        return False
    # an object that is the doer itself moved no one: "forced themselves into the house in Y"
    return not needs_object or any(c.dep_ == "dobj" and c.lower_ != "way" and not c.lower_.endswith(("self", "selves")) for c in verb.children)


def _in_phrase(doc: Doc, p: PlaceMention, roots: set[int], opens: Callable[[Token], bool], max_steps: int = 40) -> bool:
    """Whether the place is named inside a phrase ``opens`` says is aside from the event (an
    earlier event it answers, what it is about, where people fled), the cue of the event
    standing outside the phrase in the same sentence."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(max_steps):
        if opens(node):
            lo, hi = node.left_edge.i, node.right_edge.i
            return any(not lo <= r <= hi and node.sent.start <= r < node.sent.end for r in roots)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _locative_country(doc: Doc, p: PlaceMention) -> bool:
    """A country name or demonym saying where: after a cue of where things happen ("in
    Kenya", "near the Kenyan town of X"), or modifying a place word or a word of territory
    ("Kenyan villages", "inside the Kenyan border", ``resources/location_nouns.txt``)."""
    from .places import location_nouns, place_role

    if place_role(doc, p.start, p.end) == "event":
        return True
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[-1]
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.lower_ in location_nouns()




def _named_as_where(doc: Doc, places: Places, sentences, cc: str) -> bool:
    """Whether the sentences name country ``cc`` as where something happened ("in Kenya",
    "a Kenyan village"), not only as whose actors are or where they came from."""
    return any(
        p.resolved.country_code == cc and p.resolved.feature_code.startswith("PCL") and _locative_country(doc, p)
        for p in places.all.within(sentences)
    )


def _country_point(country_lookup: Callable[[str], GazetteerEntry | None], cc: str) -> GazetteerEntry | None:
    """Where an event known only by its country is placed: the capital, as ACLED codes it."""
    gazetteer = getattr(country_lookup, "__self__", None)
    capital = getattr(gazetteer, "capital", None)
    return (capital(cc) if capital is not None else None) or country_lookup(cc)


def _border_region(country_lookup: Callable[[str], GazetteerEntry | None], cc: str, other: str) -> GazetteerEntry | None:
    """Country ``cc``'s region facing its neighbour ``other`` (``Gazetteer.border_region``);
    None if they do not border or the gazetteer cannot tell."""
    gazetteer = getattr(country_lookup, "__self__", None)
    if other == cc or other not in neighbours().get(cc, ()) or not hasattr(gazetteer, "border_region"):
        return None
    return gazetteer.border_region(cc, other)


def _border_point(country_lookup: Callable[[str], GazetteerEntry | None], cc: str, other: str) -> GazetteerEntry | None:
    """Where an event of country ``cc`` told only by neighbour ``other`` is placed: the seat
    of ``cc``'s region facing it, as a region's event is placed at its seat."""
    region = _border_region(country_lookup, cc, other)
    return (country_lookup.__self__.region_capital(region) or region) if region is not None else None


BORDER_WORDS = re.compile(r"\b(?:cross-)?(?:borders?|frontiers?)\b", re.IGNORECASE)  # "the Kenya-Uganda border"
BEARING_GAP = 30  # characters between a named place and the bearing that follows it: " district west of "


def _acting_neighbour(doc: Doc, p: PlaceMention, roots: set[int]) -> bool:
    """A neighbour's demonym on a party to the event: "Ugandan raiders attacked Kenyan
    villages", "Somali youth set a landmine", not "after a Ugandan delegation visited"."""
    if not p.demonym:
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    noun = span.root.head if span.root.dep_ in ("amod", "compound", "nmod") else span.root
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "by" else noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "agent"):
        return False
    return verb.i in roots or any(doc[r].head.i == verb.i for r in roots)


def choose_place(
    draft: Draft,
    places: Places,
    sents: Sentences,
    countries: list[str],
    country_lookup: Callable[[str], GazetteerEntry | None],
    home_country: str | None = None,
) -> tuple[PlaceMention | None, GazetteerEntry | None, int | None]:
    from .places import place_role

    # An event known only by its region or its country is placed, as ACLED codes it, at
    # the region's or the country's capital (precision 3), not at the centre that is the
    # gazetteer's point for the region or country as a toponym.
    gazetteer = getattr(country_lookup, "__self__", None)
    region_capital = getattr(gazetteer, "region_capital", None)

    def point_of(entry: GazetteerEntry) -> GazetteerEntry:
        if region_capital is not None and entry.feature_code == "ADM1":
            return region_capital(entry) or entry
        if entry.feature_code.startswith("PCL") and entry.country_code:
            return _country_point(country_lookup, entry.country_code) or entry
        return entry

    event_sentences = draft.sentences | draft.extra_sentences
    own = places.resolved.within(event_sentences)
    strong_sents = {m.sent_index for m in draft.mentions if m.strong}
    # ACLED places an event where its sentence says it happened ("clashed in X", "near X"),
    # not where its actors came from ("militants from X") or whose department acted ("X's")
    doc = sents.spans[0].doc if sents.spans else None
    role_rank = {"event": 0, "bearing": 0, "": 1, "path": 2, "origin": 2, "owner": 2}
    said = {id(p): place_role(doc, p.start, p.end) if doc is not None else "" for p in own}
    roles = {id(p): role_rank.get(said[id(p)], 1) for p in own}
    if doc is not None:
        text = doc_text(doc)
        for p in own:
            if _in_route_name(text, p):
                roles[id(p)] = max(roles[id(p)], 2)
            elif said[id(p)] == "bearing" and any(0 <= p.start - q.end <= BEARING_GAP for q in own if q is not p):
                # ACLED codes a place told only by its bearing from X at X ("an unnamed
                # village south of X"), but a named one at itself ("Y district west of X")
                roles[id(p)] = 1
    # and at the place its cue's own clause names, not at a capital outside it, where the
    # statement came from ("Gunmen attacked a post in X district, officials in Kabul said": X)
    trigger_roots = {t.root for m in draft.mentions for t in m.triggers}
    # Before any finer place: a place the sentence names aside from where the event was, when
    # it names another place finer than a country: the end of a route the event was on
    # ("blocked the X-Y road near the village of Z (W district)"), or where an earlier event
    # it answers happened ("clashes erupted in X county following a killing in Y town"), in
    # a region the other place is not in (inside it, the phrase may tell the same event more
    # closely: "two were hurt in X county after a bomb went off at Y market"). Alone it serves.
    route = {id(p) for p in own if doc is not None and _in_route_name(sents.text, p)}
    earlier = {
        id(p) for p in own if doc is not None and id(p) not in route and _in_phrase(doc, p, trigger_roots, _opens_earlier_event)
    }
    # What a demonstration or an act is about and where people fled say where it was not:
    # "marched in X against the auction of migrants in Y", "torched homes in X and drove the
    # herders toward Y". A place people went to goes after the other places the sentence
    # names finer than a country, a town of the grievance after one told as where ("in X");
    # alone, either serves (people flee nearby; a protest over a killing in Y is mostly held
    # in Y). A country of a grievance told by a word that says only that ("regarding the
    # protests in Y", "in solidarity with protesters in Y") places nothing: after "against"
    # or "over" a country may say where ("a demonstration against the government in Kenya").
    # With nothing else named, the state force's or a local outlet's country places it.
    demonstration_roots = {t.root for m in draft.mentions for t in m.triggers if cues.domain(t.family) == "demonstration"}
    named_here = places.all.within(event_sentences)
    topic = {
        id(p) for p in named_here
        if doc is not None and _in_phrase(doc, p, trigger_roots, lambda n: _opens_topic(n, demonstration_roots))
    }
    went = {
        id(p) for p in own
        if doc is not None and _in_phrase(doc, p, trigger_roots, lambda n: _opens_destination(n, trigger_roots))
    }
    gone = {
        id(p) for p in named_here
        if doc is not None and id(p) in topic and p.resolved.feature_code.startswith("PCL")
        and _in_phrase(doc, p, trigger_roots, _opens_topic)
    }
    if gone:
        own = [p for p in own if id(p) not in gone]
        kept = {p.resolved.country_code for p in named_here if id(p) not in gone}
        countries = [cc for cc in countries if cc in kept or cc not in {p.resolved.country_code for p in named_here if id(p) in gone}]
        if not countries and home_country:
            countries = [home_country]
    # the other place in the cue's own clause, also of the verb a cue noun is told by ("clashes erupted in X")
    telling = {
        doc[r].head.i for r in trigger_roots
        if doc is not None and doc[r].pos_ == "NOUN" and doc[r].dep_ in ("nsubj", "nsubjpass", "dobj")
        and doc[r].head.lemma_.lower() not in attribution.REPORTING
    }
    plain = [p for p in own if id(p) not in route and id(p) not in earlier and id(p) not in topic and id(p) not in went and _place_rank(p)[0] < 2 and roles[id(p)] < 2]
    main = [p for p in plain if doc is not None and _in_trigger_clause(doc, p, trigger_roots | telling)]

    def region(p: PlaceMention) -> tuple[str, str]:
        return p.resolved.country_code, p.resolved.admin1

    def others(p: PlaceMention, among: list[PlaceMention]) -> list[PlaceMention]:
        return [q for q in among if sents.index(q.start) == sents.index(p.start) and q.resolved.geonameid != p.resolved.geonameid]

    aside = {
        id(p): int(
            id(p) in route and bool(others(p, plain))
            or id(p) in earlier and bool(others(p, main)) and all(region(q) != region(p) for q in others(p, main))
            or id(p) in topic and any(said[id(q)] == "event" for q in others(p, main))
            or id(p) in went and bool(others(p, plain))
        )
        for p in own
    }
    clause = {
        id(p): 1 if doc is not None and p.resolved.feature_code == "PPLC" and not _in_trigger_clause(doc, p, trigger_roots) else 0
        for p in own
    }
    # A district ranks with the towns when it lies in the country of the event's other
    # places ("Khakrez district, Kandahar"), not when it is a same-named unit abroad.
    town_countries = {p.resolved.country_code for p in own if _place_rank(p)[0] < 2 and p.resolved.feature_code != "ADM2"}

    def rank(p: PlaceMention) -> int:
        r = _place_rank(p)[0]
        if r == 0 and p.resolved.feature_code == "ADM2" and town_countries and p.resolved.country_code not in town_countries:
            return 1
        if r == 0 and roles[id(p)] == 2 and said[id(p)] in ("origin", "path"):
            # a town named only as where someone came from or went ranks no finer than a
            # region named as where it happened ("arrested in Shabwah governorate as he
            # was travelling from Aden": Shabwah)
            return 1
        return r

    # A town outside every region the event's sentences name in its country may be a
    # namesake of a place the gazetteer lacks there ("Bate village, Arso district, Papua":
    # not the Bate of East Java): a town inside a named region goes first.
    named_regions = {(p.resolved.country_code, p.resolved.admin1) for p in own if p.resolved.feature_code == "ADM1"}
    region_countries = {cc for cc, _ in named_regions}

    def outside(p: PlaceMention) -> int:
        e = p.resolved
        # a capital or a region's seat is no namesake: "in Lamu town and Tana River"
        return int(e.feature_code == "PPL" and e.country_code in region_countries and (e.country_code, e.admin1) not in named_regions)

    own.sort(key=lambda p: (aside[id(p)], rank(p), outside(p), 0 if sents.index(p.start) in strong_sents else 1, roles[id(p)], clause[id(p)], p.start))
    if own and _place_rank(own[0])[0] < 2:
        if own[0].resolved.feature_code == "ADM1":
            # only a region here: the article's first town or district inside it
            finer = places.first_in_region.get((own[0].resolved.country_code, own[0].resolved.admin1))
            if finer is not None and id(finer) not in gone | went:
                return finer, point_of(finer.resolved), max(2, finer.geo_precision)
        return own[0], point_of(own[0].resolved), own[0].geo_precision
    # only a country (or nothing) here: the article's most specific place inside the event's countries
    event_countries = set(countries) | {p.resolved.country_code for p in own}
    if event_countries:
        sub = [places.first_below_country[cc] for cc in event_countries if cc in places.first_below_country and id(places.first_below_country[cc]) not in gone]
        if sub:
            sub.sort(key=lambda p: (_place_rank(p)[0], p.start))
            return sub[0], point_of(sub[0].resolved), max(2, sub[0].geo_precision)
    # countries the event's sentences name ("Kenyan police") before those only of an actor's
    # affiliation; first those named as where it happened ("in Kenya", "a Kenyan village",
    # "inside the Kenyan border"), not whose forces or fighters took part ("Ugandan raiders",
    # "the border with Somalia")
    named: dict[str, int] = {}
    for p in named_here:
        if p.resolved.feature_code.startswith("PCL") and id(p) not in gone:
            where = 0 if doc is not None and _locative_country(doc, p) else 1
            named[p.resolved.country_code] = min(where, named.get(p.resolved.country_code, 2))
    # An event in a country told only by its border with a neighbour ("Ugandan raiders
    # crossed the border", "raiders from Ethiopia attacked a Kenyan village") is placed in
    # the country's region on that border, not at its capital.
    border_told = any(BORDER_WORDS.search(sents.spans[i].text) for i in event_sentences)

    def facing(cc: str) -> GazetteerEntry | None:
        if doc is None:
            return None
        for p in named_here:
            if not p.resolved.feature_code.startswith("PCL") or p.resolved.country_code not in neighbours().get(cc, ()):
                continue
            role = said[id(p)] if id(p) in said else place_role(doc, p.start, p.end)
            if border_told or role in ("origin", "path") or _acting_neighbour(doc, p, trigger_roots):
                region = _border_region(country_lookup, cc, p.resolved.country_code)
                if region is not None:
                    return region
        return None

    if own:
        if not (doc is not None and _locative_country(doc, own[0])):
            where = [cc for cc, rank in named.items() if rank == 0 and cc != own[0].resolved.country_code]
            entry = country_lookup(where[0]) if where else None
            if entry is not None:
                return None, point_of(facing(entry.country_code) or entry), 3
        return own[0], point_of(facing(own[0].resolved.country_code) or own[0].resolved), 3
    for cc in sorted(countries, key=lambda cc: named.get(cc, 2)):
        entry = country_lookup(cc)
        if entry is not None:
            return None, point_of(facing(cc) or entry), 3
    return None, None, None


# --------------------------------------------------------------------------- the stage


def assemble(
    doc: Doc,
    *,
    published: dt.date,
    places: list[PlaceMention],
    dates: list[TimeMention],
    actors: list[ActorMention],
    claims: list[ClaimMention],
    triggers: list[EventTrigger],
    weapons: list[WeaponMention] = (),
    country_lookup: Callable[[str], GazetteerEntry | None] = lambda cc: None,
    body_offset: int = 0,
    headline_end: int = 0,
    home_country: str | None = None,
) -> ArticleResult:
    """The events of one article. ``home_country`` is its publisher's country
    (``countries.home_country``: "Daily Nation (Kenya)", "nation.co.ke"): an event whose
    text names no place and no country is placed there, at country level."""
    sents = Sentences(doc)
    capped: list[str] = []
    if len(triggers) > MAX_CUES:
        capped.append(f"{len(triggers):,} event cues: only the first {MAX_CUES} were assembled into events")
        triggers = triggers[:MAX_CUES]
    if len(claims) > MAX_FIGURES:
        capped.append(f"{len(claims):,} casualty figures: only the first {MAX_FIGURES} were read")
        claims = claims[:MAX_FIGURES]
    result = _assemble(
        doc, sents, published, places, dates, actors, claims, triggers, weapons, country_lookup, body_offset, headline_end,
        home_country,
    )
    result.warnings += capped
    return result


def _assemble(
    doc, sents, published, places, dates, actors, claims, triggers, weapons, country_lookup, body_offset, headline_end,
    home_country=None,
) -> ArticleResult:
    state = attribution.AttributionState()
    event_sources: dict[int, str] = {}
    for i, sent in enumerate(sents.spans):
        found = attribution.SentenceSources(sent, state)
        src = found.event_source()
        if src is not None:
            event_sources[i] = src.name
        state.remember(found)

    # 1. dates of each cue, then mentions: the cues of one sentence, one domain and one date
    dated_sentences: dict[int, DateRange] = {}
    for d in dates:
        idx = sents.index(d.start)
        if _precision(d.time_precision) == "day" and not d.since:
            dated_sentences.setdefault(idx, DateRange(d.date_start, d.date_end, "day", d.text))
    mentions: list[Mention] = []
    by_key: dict[tuple, Mention] = {}
    dates_in: dict[int, list[TimeMention]] = {}
    for d in dates:
        dates_in.setdefault(sents.index(d.start), []).append(d)
    anaphoric: dict[int, bool] = {}
    dated_order = sorted(dated_sentences)
    historical = _historical(dates, published)
    for trig in triggers:
        idx = sents.index(trig.start)
        sent = sents.spans[idx]
        date = mention_date(doc, sent, doc[trig.root], dates_in.get(idx, []), published)
        if idx not in anaphoric:
            low = sents.text[sent.start_char : sent.end_char].lower()
            anaphoric[idx] = any(phrase in low for phrase in ANAPHORIC)
        if date is None and anaphoric[idx]:
            k = bisect_left(dated_order, idx)
            date = dated_sentences[dated_order[k - 1]] if k else None
        background = date is not None and (
            (published - date.end).days > BACKGROUND_DAYS
            or (date.precision != "day" and date.end >= published and (published - date.start).days > BACKGROUND_DAYS)
        )
        if historical and (date is None or (date.precision != "day" and not EXPLICIT_YEAR.search(date.text))):
            background = True  # a history page: 'Culloden was the last pitched battle fought on British soil'
        dom = cues.domain(trig.family)
        group = trig.family if dom == "strategic" and trig.family not in {"arrest", "looting"} else dom
        key = (idx, group, background)
        if key not in by_key:
            by_key[key] = Mention(idx, dom, [], date, background)
            mentions.append(by_key[key])
        mention = by_key[key]
        mention.triggers.append(trig)
        if mention.date is None or (date is not None and PRECISION_RANK[date.precision] < PRECISION_RANK[mention.date.precision]):
            mention.date = date
    # a demonstration sentence absorbs the violence, arrests and looting of the same sentence
    # ("clashed with police during their demonstration")
    for m in [m for m in mentions if m.domain == "demonstration"]:
        for other in [o for o in mentions if o is not m and o.sent_index == m.sent_index and o.background == m.background]:
            moved = [t for t in other.triggers if other.domain == "violence" or t.family in {"arrest", "looting"}]
            m.triggers.extend(moved)
            other.triggers = [t for t in other.triggers if t not in moved]
            if moved and other.date is not None and (m.date is None or PRECISION_RANK[other.date.precision] < PRECISION_RANK[m.date.precision]):
                m.date = other.date  # the finer date of the sentence, as for the cues of one mention
    # a violent sentence absorbs its looting and burning ("raided the house and vandalised a car"):
    # with nobody hurt, the classification rules make it property destruction
    for m in [m for m in mentions if m.domain == "violence" and m.triggers]:
        for other in [o for o in mentions if o.domain == "strategic" and o.sent_index == m.sent_index and o.background == m.background]:
            # and a raid its arrests ("raided the district and arrested 20 men"): with nobody
            # hurt the rules make it an arrest
            raid_only = all(t.cue in RAID_CUES for t in m.triggers)
            moved = [t for t in other.triggers if t.family == "looting" or (raid_only and t.family == "arrest")]
            m.triggers.extend(moved)
            other.triggers = [t for t in other.triggers if t not in moved]
    mentions = [m for m in mentions if m.triggers]
    for m in mentions:
        # told as what happened ('Twenty were detained'), not inside an account of why
        # ('moments after he was arrested', 'trying to arrest him')
        m.told_arrest = all(t.family == "arrest" and doc[t.root].pos_ == "VERB" and doc[t.root].dep_ == "ROOT" for t in m.triggers)
    mentions.sort(key=lambda m: (m.sent_index, m.triggers[0].start))
    context = (
        {sents.index(c.start) for c in claims} | {sents.index(w.start) for w in weapons}
        | {sents.index(a.start) for a in actors if a.kind in ARMED_KINDS}
    )
    mentions = [m for m in mentions if _corroborated(m, sents, context)]
    if mentions and not _relevant(doc, actors, weapons, [t for m in mentions for t in m.triggers]):
        mentions = []  # a disaster, an accident, a match, a software release: nothing ACLED codes

    # 3. merge
    has_strong = any(m.strong for m in mentions)
    drafts: list[Draft] = []
    weak_pending: list[Mention] = []
    in_headline = lambda m: headline_end and m.triggers[0].start < headline_end  # noqa: E731
    headline_mentions = [m for m in mentions if in_headline(m) and m.strong]
    for m in mentions:
        if has_strong and not m.strong:
            weak_pending.append(m)
            continue
        if m in headline_mentions:
            continue
        target = _merge_target(drafts, m)
        if target is None:
            drafts.append(Draft([m], {m.sent_index}))
        else:
            target.mentions.append(m)
            target.sentences.add(m.sent_index)
    # a headline summarises the story: it joins the body's event of its kind and makes it the main one
    headline_draft: Draft | None = None
    for m in headline_mentions:
        own = cues.classify(m.voting_families())
        pool = [d for d in drafts if d.domain == m.domain and not d.background]
        if not pool and m.domain in {"violence", "demonstration"}:
            pool = [d for d in drafts if d.domain in {"violence", "demonstration"} and not d.background]
        same = [d for d in pool if d.classification()[:2] == own[:2]]
        target = max(same or pool, key=_salience) if (same or pool) else None
        if target is None:
            target = Draft([], set())
            drafts.insert(0, target)
        target.mentions.insert(0, m)
        target.sentences.add(m.sent_index)
        headline_draft = headline_draft or target
    for m in weak_pending:
        same_sentence = [d for d in drafts if m.sent_index in d.sentences and d.domain == m.domain]
        pool = same_sentence or [d for d in drafts if d.domain == m.domain and not d.background]
        if not pool:  # 'Fifty people protested. Twenty were detained.': the demonstration's arrests
            pool = [d for d in drafts if _arrests_follow(d, m)]
        if pool:
            target = same_sentence[0] if same_sentence else max(pool, key=_salience)
            target.mentions.append(m)
            target.extra_sentences.add(m.sent_index)

    if not drafts:
        result = _result(doc, [], [], claims, places, dates, actors, body_offset, headline_end)
        if not claims:
            result.warnings.append("no conflict event found in this text")
        return result

    # 4. main event and claims
    main = headline_draft if headline_draft is not None and not headline_draft.background else max(drafts, key=_salience)
    cumulative = {
        sents.index(d.start) for d in dates if d.since and (published - d.date_start).days > BACKGROUND_DAYS
    }
    claim_owner: dict[int, Draft] = {}
    drafts_at: dict[int, list[Draft]] = {}
    for d in drafts:
        for i in d.sentences | d.extra_sentences:
            drafts_at.setdefault(i, []).append(d)
    for i, claim in enumerate(claims):
        idx = sents.index(claim.start)
        here = drafts_at.get(idx, [])
        if here:
            claim_owner[i] = min(here, key=lambda d: _distance_to(d, claim, doc, sents, idx))
        elif not main.background and idx not in cumulative:
            claim_owner[i] = main  # "since 2009, thousands have died" counts no single event
    _aggregate_deaths(main, drafts, claims, claim_owner)
    # sentences with only weapons or targets feed the main event
    weapon_sentences = {sents.index(w.start) for w in weapons}
    claimed_sentences = set().union(*(d.sentences | d.extra_sentences for d in drafts))
    main.extra_sentences |= {i for i in weapon_sentences if i not in claimed_sentences}

    place_index = Places(sents, places)
    article_countries = [
        cc for cc, _ in Counter(
            p.resolved.country_code for p in places if p.resolved and p.resolved.country_code and id(p) not in place_index.foreign
        ).most_common()
    ]
    ordered = [main] + [d for d in sorted(drafts, key=lambda d: d.mentions[0].triggers[0].start) if d is not main]

    events: list[Event] = []
    claim_event: dict[int, str] = {}
    out_claims = _claims(claims, body_offset, headline_end, sents.text)
    owned: dict[int, list[int]] = {}
    for i, d in claim_owner.items():
        owned.setdefault(id(d), []).append(i)
    actor_index, weapon_index = sents.group(actors), sents.group(weapons)
    latest_date = max((d.date_end for d in dates if d.date_end <= published and not d.since), default=None)
    main_date = main.best_date()
    parties = None
    for n, draft in enumerate(ordered, start=1):
        event_id = f"e{n}"
        own_claims = [out_claims[i] for i in owned.get(id(draft), [])]
        for i in owned.get(id(draft), []):
            claim_event[i] = event_id
        for c in own_claims:
            c.event_id = event_id
        events.append(
            _event(
                event_id, draft, doc, sents, published, place_index, actor_index, weapon_index, own_claims, event_sources,
                article_countries, country_lookup, main_date if draft is not main else None, latest_date,
                body_offset, headline_end, parties, home_country,
            )
        )
        if draft is main and events[-1].actor1 is not None and events[-1].actor2 is not None:
            parties = (events[-1].actor1, events[-1].actor2)
    return _result(doc, events, out_claims, claims, places, dates, actors, body_offset, headline_end)


def _aggregate_deaths(main: Draft, drafts: list[Draft], claims: list[ClaimMention], claim_owner: dict[int, Draft]) -> None:
    """A riot or an attack told without its toll, and the deaths told in a sentence of their
    own ('Prison guards killed one prisoner'), are one event: ACLED aggregates violent
    events of the same day and place into one and codes a riot's deaths with the riot
    (https://acleddata.com/knowledge-base/keeping-acled-data-updated: 'violent events
    involving the same actors occurring on the same day in the same location are
    aggregated into a single event'). The main event without a death figure of its own
    takes the death figures of the article's other violent events of its day."""
    if main.background or main.domain not in {"violence", "demonstration"}:
        return
    killed = [i for i, c in enumerate(claims) if c.kind == "killed"]
    if any(claim_owner.get(i) is main for i in killed):
        return
    day = main.best_date()
    for i in killed:
        other = claim_owner.get(i)
        if other is None or other is main or other.background or other.domain != "violence":
            continue
        other_day = other.best_date()  # none: the event takes the main event's day
        if other_day is not None and (day is None or (day.start, day.end) != (other_day.start, other_day.end)):
            continue
        claim_owner[i] = main


ARMED_KINDS = {"military", "police", "state", "rebels", "unidentified", "militia", "ethnic_militia", "group", "protesters", "rioters"}


def _corroborated(m: Mention, sents: Sentences, context: set[int]) -> bool:
    """Words like 'attack' or 'fought' make an event only with conflict context in the
    sentence: a casualty figure, a weapon, an armed actor (``context``: the sentences with
    one of those) or a conflict word. A football report's 'attack' has none."""
    if any(t.cue not in NEEDS_CORROBORATION for t in m.triggers):
        return True
    idx = m.sent_index
    if idx in context:
        return True
    if all(t.family == "clash" for t in m.triggers) and idx + 1 in context:
        return True  # 'Clashes erupted in the area. One man was killed and eight injured.': the toll follows
    sent = sents.spans[idx]
    if any(t.ent_type_ == "NORP" for t in sent):
        return True  # "Clashes erupt between Maasai and Kipsigis"
    if any(_explosion_happened(sent.doc[t.root]) for t in m.triggers):
        return True  # "an explosion of unknown origin took place in the town"
    if any(t.family in {"attack", "mob"} and _harms_a_person(sent.doc[t.root]) for t in m.triggers):
        return True  # 'residents beat a man accused of theft': people are hurt, not a team beaten
    return any(t.lemma_.lower() in CORROBORATING or t.lower_ in CORROBORATING for t in sent)


def _harms_a_person(verb: Token) -> bool:
    """A violent verb whose object or passive subject is a person ('beat a man', 'a woman
    was attacked'), not a team, a record or an idea."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in cues.PERSON_NOUNS for c in verb.children
    )


EXPLOSION_WORDS = {"explosion", "blast", "detonation"}
EXPLOSION_ORIGINS = {"origin", "source", "cause", "nature", "kind", "type"}
HAPPENING_VERBS = {"occur", "happen", "rock", "shake", "hit", "reverberate", "go"}


def _explosion_happened(tok: Token) -> bool:
    """An explosion as the subject of a verb of happening ('an explosion took place', 'a
    blast rocked the market', 'a blast went off'), not a figure of speech ('an explosion of
    colour'). ACLED codes explosions of unknown origin as remote explosives (codebook,
    'Remote explosive/landmine/IED'); accidents are left out by the relevance decision."""
    if tok.lemma_.lower() not in EXPLOSION_WORDS or tok.dep_ != "nsubj":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" and not any(g.lemma_.lower() in EXPLOSION_ORIGINS for g in c.children) for c in tok.children):
        return False  # 'an explosion of colour', but 'an explosion of unknown origin'
    verb = tok.head
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.lower_ == "place" for c in verb.children if c.dep_ == "dobj")
    if lemma == "go":
        return any(c.lower_ == "off" for c in verb.children if c.dep_ == "prt")
    return lemma in HAPPENING_VERBS


NON_CONFLICT: dict[str, str] = {row["lemma"]: row["frame"] for row in load_tsv("non_conflict.tsv")}
REPORTING = {"say", "tell", "report", "confirm", "add", "state", "quote", "according", "source", "spokesman", "spokesperson", "official"}
CONFLICT_KINDS = ARMED_KINDS - {"group", "state"}  # 'Canada', 'the U.S.' name a country, not an armed party
STRONG_FRAMES = {"disaster", "accident", "epidemic"}  # one word of these frames a document
NAMED_STORMS = {"cyclone", "hurricane", "typhoon"}  # 'Cyclone Mocha' is a cyclone; 'the Storm Corps', 'Storm Shadow' are no storm
# actors that belong to a frame and so are no conflict evidence in it: soldiers digging out
# cars after a snowstorm, police investigating a robbery, troops on parade, the bandits of a
# video game. ACLED's codebook leaves out disaster relief, ordinary crime without a political
# actor, and ceremonies; a game's characters are fiction.
FRAME_NATIVE_KINDS: dict[str, set[str]] = {
    "disaster": {"military", "police"},
    "accident": {"military", "police", "rioters"},  # 'a crowd crush', 'the crowd rushed to the exit': no mob until a riot cue says so
    "crime": {"police"},
    "domestic": {"police"},
    "ceremony": {"military", "police"},
    "game": ARMED_KINDS,
    "sport": {"rioters"},  # 'the home crowd roared': a match's crowd is no mob until a riot cue says so
}
# weapons a frame has of its own: the kitchen knife of a killing at home or of a mugging.
# ACLED leaves out domestic and ordinary criminal violence; a gun, a machete gang or a bomb
# still count as conflict evidence
FRAME_NATIVE_WEAPONS: dict[str, set[str]] = {
    "domestic": {"knife"},
    "crime": {"knife"},
}
TERRITORY_FAMILIES = {"nsa_territory", "gov_territory"}
QUIET_TAKING = {"take control"}
RAID_CUES = {"raid"}

# cue families a frame has of its own: a robbery's stabbing and the arrests after it
# and a match's: teams 'clash', 'attack' and 'fight off' break points (fans who riot or
# clash with police still count: the riot cue and the police are conflict evidence)
FRAME_NATIVE_FAMILIES: dict[str, set[str]] = {
    "crime": {"attack", "arrest", "intervention", "disrupted", "looting"},
    "disaster": {"looting"},
    "accident": {"arrest"},  # 'police have detained the club's owner' after a fire: negligence, not a political arrest  # 'looting broke out as residents searched for food' after a hurricane
    "domestic": {"attack", "arrest", "intervention", "clash"},  # a man who stabbed his wife after an argument
    "sport": {"clash", "attack"},
}
FICTION_WORDS = 3  # distinct game words that make a document about a game (player, quest, level)
TELLING: dict[str, str] = {row["lemma"]: row["role"] for row in load_tsv("fiction_telling.tsv")}
WORKS = frozenset(k for k, v in TELLING.items() if v == "work")
SCORE_HEADS = frozenset(load_list("score_heads.txt"))
PLAY_FRAMES = {"game", "sport"}  # 'the match' and 'the game' together frame a document as play
CONFLICT_FAMILIES = {"clash", "attack", "air", "shelling", "protest", "intervention", "excessive", "riot", "riot_violence", "mob", "abduction", "sexual", "nsa_territory", "gov_territory", "looting", "arrest"}
# objects that are weapons only in a conflict: rocks of an earthquake, a plant's tank, a chlorine leak
# cues that name a weapon of war and nothing else: 'a chemical attack', 'sarin' in a document whose
# 'toxic chemical' (accident frame) is the weapon's own agent. 'chlorine', 'toxic gas' stay
# frame words' kin: a chlorine leak at a plant is an accident
FRAME_BREAKING_CUES = frozenset(cues.FAMILIES["frame_breaking_cues"])
WEAK_WEAPONS = {"stones", "stick", "club", "tank", "chemical weapon", "aircraft", "helicopter", "weapon", "incendiary", "armoured vehicle"}


def _as_source(doc: Doc, head: int) -> bool:
    """'police said', 'police sources', 'according to the army': an actor who reports, not one who acts."""
    tok = doc[head]
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in REPORTING:
        return True
    if tok.dep_ in {"nsubj", "pobj"}:
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        return tok.head.lemma_.lower() in REPORTING or gov.lemma_.lower() in REPORTING
    return False


NAME_TYPES = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART"}


def _in_long_name(tok) -> bool:
    """The token is one word of a named entity of two or more words."""
    doc = tok.doc
    return (tok.ent_iob_ == "I") or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")


def _suspected(tok) -> bool:
    """'suspected robbers', 'a man accused of theft': the crime is what a crowd blames its victim for."""
    if any(c.dep_ == "amod" and c.lemma_.lower() in SUSPICION for c in tok.children):
        return True
    head = tok.head.head if tok.dep_ == "pobj" else None
    return head is not None and head.lemma_.lower() in SUSPICION


SUSPICION = {"suspect", "suspected", "accuse", "accused", "alleged", "presumed"}


VERB_FRAMES = {"crime"}
GAME_VERBS = {"spawn", "respawn"}  # 'before the guardians spawn': a game told by its verb
ACCIDENT_VERBS = {"derail", "capsize", "drown", "collide", "collapse", "crash", "skid"}  # 'the train derailed', 'the man drowned': an accident told by its verb
STRUCTURES = {"shaft", "pit", "building", "house", "bridge", "wall", "roof", "mine", "tunnel", "dam", "stand", "structure", "block", "storey", "tower", "school", "church", "mosque", "hotel", "market"}  # what collapses in an accident; 'the talks collapsed' is none


def _relevant(doc: Doc, actors: list[ActorMention], weapons: list[WeaponMention], triggers: list[EventTrigger] = ()) -> bool:
    """The document-level decision before any event is emitted. ACLED codes political
    violence, demonstrations and strategic developments; it leaves out natural disasters,
    accidents, ordinary crime, sport and games. A document whose words place it in such a
    frame (``resources/non_conflict.tsv``: an earthquake, a boiler, a league, a software
    release) counts only with conflict evidence: an armed or political actor who is not
    merely a source ('police said'), or a weapon."""
    frames: dict[str, set[str]] = {}
    tab = table(doc)
    lemmas, lower = tab.lemma, tab.lower
    for i, lemma in enumerate(lemmas):
        frame = NON_CONFLICT.get(lemma) or NON_CONFLICT.get(lower[i])
        if frame is None:
            continue
        tok = tab.tokens[i]
        if lemma == "collapse" and tok.pos_ == "VERB" and not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in STRUCTURES for c in tok.children):
            continue  # 'the talks collapsed'; 'a building collapsed' is an accident
        if frame is None or tok.pos_ not in ({"NOUN", "PROPN", "VERB"} if frame in VERB_FRAMES or lemma in ACCIDENT_VERBS or lemma in GAME_VERBS else {"NOUN", "PROPN", "ADJ"} if frame == "epidemic" else {"NOUN", "PROPN"}):
            continue  # 'stormed polling centres' is no storm ('a dengue outbreak', read as an adjective, is dengue)
        if tok.pos_ == "PROPN" and tok.ent_type_ in NAME_TYPES and tok.ent_iob_ != "" and _in_long_name(tok) and not (lemma in NAMED_STORMS and tok.ent_iob_ == "B"):
            continue  # 'the Awami League', 'Jubo League': a part of a name, not a sport league ('Cyclone Mocha' is a cyclone)
        if tok.pos_ == "NOUN" and frame in STRONG_FRAMES and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # 'an eruption of hostilities', 'a flood of protesters'
        if frame == "crime" and _suspected(tok):
            continue  # 'beat a suspected thief', 'a man accused of theft': mob justice, which ACLED codes
        if frame is not None:
            frames.setdefault(frame, set()).add(lemma)
    if _has_score(tab):
        frames.setdefault("sport", set()).add("score")
    if _has_rating(tab):
        frames.setdefault("game", set()).add("rating")  # 'Score: 10/10', 'Our verdict: 9/10': a review's mark
    framed = sum(len(v) for v in frames.values())
    # one word of a disaster or an accident frames a document; other frames take two words of
    # the same frame ('robbers' and a 'road user' make no frame)
    play = set().union(*(frames.get(f, set()) for f in PLAY_FRAMES))
    told = _told_by_a_work(tab)
    if _personal_voice(doc, tab) and not _armed_evidence(doc, actors, weapons, triggers, frames):
        return False  # a blog's 'I massacred fifty slugs', a review's 'you storm its bridge'
    if not (frames.keys() & STRONG_FRAMES or any(len(v) >= 2 for v in frames.values()) or len(play) >= 2 or told):
        return True
    fiction = len(frames.get("game", ())) >= FICTION_WORDS or told
    native_weapons = set().union(*(FRAME_NATIVE_WEAPONS.get(f, set()) for f in frames))
    evidence = 0 if fiction else sum(1 for w in weapons if w.weapon not in WEAK_WEAPONS | native_weapons and not doc.char_span(w.start, w.end, alignment_mode="expand").root.pos_ == "PROPN")  # a game's rifles and grenades are props
    # unambiguous conflict cues: 'clashed', 'an arson attack', 'barricaded' (not 'killed', 'injured',
    # 'explosion', which an earthquake or a boiler does too)
    native_families = set().union(*(FRAME_NATIVE_FAMILIES.get(f, set()) for f in frames))
    if fiction:
        native_families = CONFLICT_FAMILIES  # the fights, raids and loot of a game are play
    evidence += sum(
        1 for t in triggers
        if t.strength >= 1 and (t.family in CONFLICT_FAMILIES - native_families - TERRITORY_FAMILIES and (t.cue not in NEEDS_CORROBORATION or (t.family == "clash" and doc[t.root].pos_ == "VERB")) or (t.cue in FRAME_BREAKING_CUES and not fiction))
    )  # 'two groups clashed at the plant'; a taking of territory counts through its taker, an
    # armed actor ('the truck was overrun by flames', 'notes of cherry take over' take nothing)

    native = set().union(*(FRAME_NATIVE_KINDS.get(f, set()) for f in frames))
    evidence += sum(1 for a in actors if a.kind in CONFLICT_KINDS - native and not _as_source(doc, a.head) and not _names_a_frame_thing(doc[a.head]))
    # a riot report naming a factory, a clash near a plant: the conflict words outweigh the frame
    return evidence > 0 and 3 * evidence >= framed


PERSONAL = frozenset(load_list("personal_voice.txt"))
PERSONAL_TAGS = {"PRP", "PRP$"}
UNARMED_KINDS = {"civilians", "state"}  # 'people', 'Canada': no party to a conflict; 'al-Shabab', 'the government' are
QUOTED = re.compile(r"\"[^\"]*\"|“[^“”]*”|(?<!\w)[‘'][^‘’'\"]*[’'](?!\w)")


def _personal_voice(doc: Doc, tab) -> bool:
    """A page that speaks in the first or second person outside quotes ('I lost three armies
    in one turn', 'you board a freighter', 'our immune system'), or instructs ('Bring plenty
    of water'): a blog, a review, a guide. A news report keeps its first persons inside
    quotes ('"They shot my brother," she said') and tells in the third person."""
    if any(cues.imperative(sent.root) for sent in tab.sents[1:]):
        return True  # 'Bring plenty of water', 'Freeze the ice cream in a bowl' (a first sentence may be a terse headline: 'Post election riots in Sotik')
    if PERSONAL.isdisjoint(tab.lower):
        return False
    quoted = [m.span() for m in QUOTED.finditer(tab.text)]
    for i, w in enumerate(tab.lower):
        if w not in PERSONAL:
            continue
        tok = tab.tokens[i]
        if tok.tag_ not in PERSONAL_TAGS or tok.text == "US":
            continue
        if any(a <= tok.idx < b for a, b in quoted):
            continue
        return True
    return False


def _armed_evidence(doc: Doc, actors, weapons, triggers, frames) -> bool:
    """What a page in the personal voice needs before it reports a conflict event: an armed
    or political actor who acts, named or by kind (not a source, not a frame's own: 'the
    soldiers shelled my village', 'al-Shabab attacked the base'), or a weapon named apart from the cue word ('gun down', 'bombed the game's
    rating' name no weapon beside the verb). Cue words alone are figures of speech there:
    'I massacred fifty slugs', 'an absolute bomb for video editors'."""
    native = set().union(*(FRAME_NATIVE_KINDS.get(f, set()) for f in frames))
    if any(a.kind not in UNARMED_KINDS | native and not _as_source(doc, a.head) and not _names_a_frame_thing(doc[a.head]) for a in actors):
        return True
    cue_roots = {t.root for t in triggers}
    for w in weapons:
        if w.weapon in WEAK_WEAPONS:
            continue
        span = doc.char_span(w.start, w.end, alignment_mode="expand")
        if span.root.pos_ not in {"PROPN", "VERB"} and not any(span.start <= r < span.end for r in cue_roots):  # 'bombed his presentation' names no bomb
            return True
    return False


def _names_a_frame_thing(tok: Token) -> bool:
    """'army ants', 'the Police tour': an actor word modifying a noun of a non-conflict frame
    names a kind of that thing, not the armed party."""
    head = tok.head
    return tok.dep_ == "compound" and head.pos_ == "NOUN" and (NON_CONFLICT.get(head.lemma_.lower()) or NON_CONFLICT.get(head.lower_)) is not None


def _has_score(tab) -> bool:
    """'beat Bayern 2-1', 'a 38-10 win': a match score, not a range ('10-15 people')."""
    words = tab.words
    if "-" not in words:
        return False
    return any(
        w == "-" and 0 < i < len(words) - 1 and words[i - 1].isdigit() and words[i + 1].isdigit()
        and tab.tokens[i - 1].head.lemma_.lower() in SCORE_HEADS
        for i, w in enumerate(words)
    )


RATING = re.compile(r"^\d{1,3}(?:\.\d)?/(?:5|10|20|100)$")
RATING_WORDS = {"score", "verdict", "rating", "rate", "mark", "grade"}


def _has_rating(tab) -> bool:
    """'Score: 10/10', 'Verdict: 9/10', 'rated 92/100': the mark a review gives, out of 5, 10,
    20 or 100, right after a word of rating (a date '10/10' has none)."""
    if not RATING_WORDS.intersection(tab.lemma):
        return False
    return any(
        RATING.match(w) and any(tab.lemma[j] in RATING_WORDS for j in range(max(0, i - 3), i))
        for i, w in enumerate(tab.words) if "/" in w
    )


def _told_by_a_work(tab) -> bool:
    """'The film opens with a massacre', 'the author imagines a civil war': a work that tells."""
    if WORKS.isdisjoint(tab.lemma):
        return False
    for i, lemma in enumerate(tab.lemma):
        if lemma in WORKS and _opens_with_a_work(tab.tokens[i]):
            return True
        if lemma not in WORKS or tab.tokens[i].dep_ != "nsubj":
            continue
        verb = tab.tokens[i].head
        role = TELLING.get(verb.lemma_.lower())
        if role == "telling" or (role == "telling_with" and any(c.lower_ == "with" for c in verb.children)):
            return True
    return False


def _opens_with_a_work(tok: Token) -> bool:
    """'In Lee Child's latest thriller, Reacher takes on a gang': a sentence set inside a work
    by its opening 'In the <work>,'."""
    prep = tok.head
    return (
        tok.dep_ == "pobj" and prep.lower_ == "in" and prep.i == prep.sent.start
        and prep.head.dep_ == "ROOT" and prep.head.pos_ in {"VERB", "AUX"}
    )


def _merge_target(drafts: list[Draft], m: Mention) -> Draft | None:
    families = m.voting_families()
    for d in drafts:
        arrests_follow = _arrests_follow(d, m)
        if d.domain != m.domain and not _riot_goes_on(d, m) and not arrests_follow:
            continue
        if d.background != m.background:
            continue
        own = cues.classify(families)
        theirs = d.classification()
        joins_as_detail = families <= GENERIC | MODIFIERS and bool(d.strong_families() - GENERIC - MODIFIERS)
        follows_on = m.date is None and m.domain != "strategic" and 0 < m.sent_index - max(d.sentences) <= 2
        if own[:2] != theirs[:2] and not joins_as_detail and not follows_on and not arrests_follow:
            continue
        date = d.best_date()
        if date is not None and m.date is not None and not date.overlaps(m.date):
            continue
        return d
    return None


def _riot_goes_on(d: Draft, m: Mention) -> bool:
    """Violence told in the next sentences with no date of its own ('The guards opened fire
    during the clash') goes on with a demonstration that already turned violent ('students
    clashed with guards') or that forces broke up ('Police dispersed the crowd. Two traders
    were shot dead.'): ACLED codes the violence at a demonstration as one event, a violent
    demonstration or excessive force against protesters (ACLED codebook, 'Violent
    demonstration', 'Excessive force against protesters'), not as a battle beside it."""
    if d.domain != "demonstration" or m.domain != "violence" or m.date is not None or d.background or m.background:
        return False
    if not 0 < m.sent_index - max(d.sentences) <= 2:
        return False
    families = {t.family for t in m.triggers}
    if "clash" in families and families <= {"clash", "attack"}:
        # 'Residents demonstrated against the mayor. They fought the police in a
        # confrontation': a clash told right after a demonstration, with no date of its own,
        # is the demonstration turning violent (ACLED codebook, 'Violent demonstration')
        return True
    return any(cues.domain(t.family) == "violence" or t.family in {"intervention", "excessive"} for dm in d.mentions for t in dm.triggers)


def _arrests_follow(d: Draft, m: Mention) -> bool:
    """Arrests told in the next sentences with no date of their own ('Forty people protested
    in the square. Twenty of them were detained by police.') are the forces' intervention
    in the demonstration: ACLED codes a demonstration whose participants are arrested as a
    Protest with intervention (ACLED codebook, 'Protest with intervention'), not as a
    separate Arrests event."""
    if d.domain != "demonstration" or m.domain != "strategic" or m.date is not None or d.background or m.background:
        return False
    if not 0 < m.sent_index - max(d.sentences) <= 2:
        return False
    return m.told_arrest and {t.family for t in m.triggers} == {"arrest"}


def _salience(d: Draft) -> tuple:
    return (
        not d.background,
        max(cues.salience(t.family) for m in d.mentions for t in m.triggers),
        len(d.mentions),
        -d.mentions[0].triggers[0].start,
    )


def _distance_to(d: Draft, claim: ClaimMention, doc: Doc, sents: Sentences, idx: int) -> tuple[bool, int]:
    """Deaths and injuries go to a violent or demonstration event of their sentence before
    a strategic one (the arson or arrest beside a shooting); then the nearest cue wins."""
    kind = getattr(claim.kind, "value", claim.kind)
    off_domain = kind in {"killed", "injured"} and d.domain == "strategic"
    roots = d.cue_starts(sents).get(idx, ())
    if not roots:
        return off_domain, 10_000
    return off_domain, min(abs(r - claim.start) for r in roots)


def _targets(doc: Doc, sentences: set[int], sents: Sentences) -> list[str]:
    found: list[str] = []
    tab = table(doc)
    for i in sorted(sentences):
        span = sents.spans[i]
        for k in range(span.start, span.end):
            if tab.lower[k] not in {"civilian", "military"}:
                continue
            tok = tab.tokens[k]
            if tok.lower_ in {"civilian", "military"} and (tok.head.lemma_.lower() in TARGET_NOUNS or any(
                t.lemma_.lower() in TARGET_NOUNS for t in doc[tok.i + 1 : min(tok.i + 4, len(doc))]
            )):
                if tok.lower_ not in found:
                    found.append(tok.lower_)
    return sorted(found)


def _target_words(tok: Token) -> set[str]:
    """'a police station', 'pro-government militia members', 'members of an armed group'."""
    words = {tok.lemma_.lower()}
    if tok.tag_ == "NNPS" or (tok.pos_ == "PROPN" and tok.lower_.endswith("s")):
        words.add(tok.lower_.strip("'")[:-1])  # a force's name in the plural the lemmatiser keeps: 'Arbakis'
    for child in tok.children:
        # "police limits", "army barracks area": a place named after a force is no target
        if child.dep_ in {"compound", "amod", "nmod"} and tok.lemma_.lower() not in cues.NOT_TARGET_HEADS:
            words.add(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words |= {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ in {"compound", "amod"}}
    if {"armed", "group"} <= words:
        words.add("militia")
    if {"check", "point"} <= words:
        words.add("checkpoint")
    if tok.lemma_.lower() == "officer" and words & CIVIL_OFFICES and not words & cues.STATE_AGENTS:
        words.discard("officer")  # 'an aid officer', 'a health officer': a civilian's post, not a force
    return words


# what an officer with no force in the phrase does for a living: ACLED codes violence against
# aid workers and civil servants as violence against civilians (codebook, 'Attack')
CIVIL_OFFICES = {
    "aid", "relief", "humanitarian", "health", "medical", "election", "electoral", "returning", "education",
    "agricultural", "agriculture", "veterinary", "information", "welfare", "cross", "crescent", "programme",
    "program", "project", "field", "press", "communications", "liaison", "revenue", "tax", "land", "planning",
}


def _in_the_cues_clause(tok: Token, root: Token) -> bool:
    """A noun in a clause of its own under the cue is no target of it: 'attacked civilians
    who had worked with the army', 'killed a man after he left the barracks', 'killed four
    herders after mistaking them for members of an armed group' (a gerund after a
    preposition other than 'by', which tells the means: 'by storming the barracks'). Nor is
    a noun of the cue's subject, who did it: 'members of a police unit killed a student'."""
    node = tok
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "advcl", "ccomp", "nsubj"}:
            return False
        if node.dep_ == "pcomp" and node.head.lower_ != "by":
            return False
        node = node.head
    return True


def _event(
    event_id, draft, doc, sents, published, places, actors, weapons, own_claims, event_sources,
    article_countries, country_lookup, main_date, latest_date, body_offset, headline_end, parties=None,
    home_country=None,
) -> Event:
    all_sentences = draft.sentences | draft.extra_sentences
    # place first: the country decides actor names
    # a state's forces act mostly at home ("Kenyan police"); a named armed group's country
    # is where it mainly operates, which its attacks abroad do not share (al-Shabaab in
    # Kenya): the article's own countries come before it
    # whose foreigners someone are ("a Sudanese refugee") says nothing of where (Places.foreign)
    known = [
        a for a in actors.within(draft.sentences)
        if a.actor.country_code and a.country_known
        and not any(a.start <= start and end <= a.end for start, end in places.foreign_spans)
    ]
    state_countries = [a.actor.country_code for a in known if a.kind in STATE_KINDS]
    group_countries = [a.actor.country_code for a in known if a.kind == "group"]
    # civilians are attacked where they live; gunmen or raiders named by another country's
    # demonym crossed into it ("Tanzanian gunmen killed two Kenyan civilians": Kenya)
    civilian_countries = [a.actor.country_code for a in known if a.kind == "civilians"]
    other_countries = civilian_countries + [a.actor.country_code for a in known if a.kind not in STATE_KINDS and a.kind not in ("group", "civilians")]
    countries = list(dict.fromkeys(state_countries + other_countries + article_countries + group_countries))
    place, entry, precision = choose_place(draft, places, sents, countries, country_lookup, home_country)
    if (
        place is None
        and entry is not None
        and entry.country_code not in state_countries + other_countries + article_countries
        and entry.country_code != home_country  # a local outlet's, for a country only of a grievance (choose_place)
        and all(a.actor.inter == 2 for a in known if a.kind == "group" and a.actor.country_code == entry.country_code)
    ):
        # The only sign of the country is a rebel group's home (al-Shabaab: Somalia). A rebel
        # group fights in the countryside and across borders, rarely in its country's capital:
        # its home says who fought, not where (ACLED codebook: an event is coded where it
        # happened). The country stays; no point at the capital.
        entry, precision = None, None
    # A local outlet reports what happened in its own country ("Daily Nation (Kenya)"): its
    # country places an event, at the capital as a country named alone is, when the text
    # names no place and no country where it happened (only perhaps an armed group's home:
    # 'Grenade attack blamed on al-Shabaab injures three'), or only a country it names not as
    # where but as whose raiders or victims ("Ugandan raiders", "a British citizen"), where
    # they came from or went ("from South Sudan") or whose border. A state's forces act at
    # home ("Somali troops"): their country stays.
    nowhere = entry is None and not state_countries + other_countries + article_countries
    only_whose = (
        entry is not None
        and precision == 3
        and (place is None or place.resolved.feature_code.startswith("PCL"))
        and entry.country_code != home_country
        and entry.country_code not in state_countries
        and not _named_as_where(doc, places, all_sentences, entry.country_code)
    )
    if home_country and (nowhere or only_whose):
        # on the border with the neighbour whose raiders or border the text names
        facing = _border_point(country_lookup, home_country, entry.country_code) if only_whose else None
        home = facing or _country_point(country_lookup, home_country)
        if home is not None:
            place, entry, precision = None, home, 3
    country = entry.country_code if entry else (countries[0] if countries else None)

    roots = [doc[t.root] for m in draft.mentions for t in m.triggers]
    # a known armed group named in the victims' phrase ('two Mungiki members', 'a member of
    # the ONLF'): its members are armed targets (ACLED codebook, 'Armed clash': state forces
    # against rebels or political militias, inter codes 2 and 3)
    armed_group_spans = [
        (a.start, a.end) for a in actors.within(draft.sentences) if a.kind == "group" and a.actor.inter in {2, 3}
    ]
    armed_target = False
    protesters_victims = False
    civilian_target = False
    # a non-state armed side named as the doer of the event's violence ('militants attacked ...')
    armed_attackers = any(
        cues.domain(t.family) == "violence" and any(
            cues.names_armed_group(a) or cues.phrase_words(a) & ARMED_NONSTATE for a in cues.agents_of(doc[t.root])
        )
        for m in draft.mentions for t in m.triggers
    )
    for root in roots:
        victims = [
            t for t in root.subtree
            if t.i != root.i  # a cue noun is no target of itself: 'the gunman was arrested'
            and t.dep_ in {"dobj", "nsubjpass", "pobj"} and not (t.dep_ == "pobj" and t.head.lower_ in cues.NOT_TARGET_PREPS)
            and _in_the_cues_clause(t, root)
            and t.ent_type_ not in {"DATE", "TIME"}  # 'On 3 March, gunmen fired at a police post': a day is no target
        ]
        if any(t.dep_ in {"dobj", "nsubjpass"} or (t.dep_ == "pobj" and t.head.lower_ in {"on", "upon", "against"}) for t in victims):
            # with a target named, 'at' says where: 'opened fire on two boys at a checkpoint'
            victims = [t for t in victims if not (t.dep_ == "pobj" and t.head.lower_ == "at")]
        if root.dep_ == "acl" and root.tag_ == "VBN":
            victims.append(root.head)  # "two police killed while on duty"
        if root.pos_ == "VERB" and root.lemma_.lower() in {"kill", "shoot", "wound", "injure"} and not any(
            c.dep_ in {"dobj", "conj"} for c in root.children
        ) and root.dep_ != "conj":
            # headline style: "Two police killed"
            victims += [c for c in root.children if c.dep_ == "nsubj" and any(n.dep_ == "nummod" for n in c.children)]
        if root.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in root.children) and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in root.children
        ):
            # a passive cue with no subject of its own shares that of the verb the parser split
            # the clause at, above or before it: 'a man believed to be ... was shot dead'
            opening = [root.head] if root.dep_ in {"conj", "ccomp"} else []
            opening += [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
            victims += [c for v in opening for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if root.dep_ == "advcl" and any(t.lower_ in {"him", "her", "them"} and t.dep_ == "dobj" and t.head.i == root.i for t in victims):
            # 'a policeman died when militants shot him': the pronoun is the subject of the
            # clause the cue's 'when' clause tells about
            victims += [c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if root.dep_ == "oprd" and root.head.lemma_.lower() == "leave":
            # 'the operation left three militants dead': the cue tells what state the verb
            # left its object in, and that object is who was hit
            victims += [c for c in root.head.children if c.dep_ == "dobj"]
        if root.dep_ == "pobj" and root.head.lower_ in cues.AFTER_PREPS and root.head.head.lemma_.lower() in SUFFERING_VERBS:
            # 'soldiers suffered casualties following an attack by militants': who suffered it
            victims += [c for c in root.head.head.children if c.dep_ == "nsubj"]
        if armed_attackers and any(_unnamed(t) for t in victims) and any(cues.state_force(a) for a in cues.agents_of(root)):
            # 'thirty militants attacked a power station. Police responded, killing two of them':
            # the forces' victims, named only by a number or a pronoun, are the armed attackers
            # the text told before; forces fighting an armed group fight a battle (ACLED
            # codebook, 'Armed clash'), not violence against civilians
            armed_target = True
        for tok in list(victims):
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i != root.i:
                # what the victim is said to be names the target: 'a man believed to be a
                # member of an armed group', 'a man thought to be a militia commander'
                victims += [a for x in tok.head.children if x.dep_ == "xcomp" and x.lemma_ == "be" for a in x.children if a.dep_ == "attr"]
        # civilians the cue's own object: armed words further down the phrase ('killed a civilian
        # they suspected had betrayed members of the group') tell about them, not a second target
        hit = [t for t in victims if t.dep_ in {"dobj", "nsubjpass"} and t.head.i == root.i]
        hit += [c for t in hit for c in t.conjuncts]  # 'killed two civilians and three soldiers'
        civilians_hit = any(t.lemma_.lower() == "civilian" for t in hit)
        for tok in victims:
            # an armed group's members are armed targets: security forces killing militants
            # fight a battle (ACLED codebook, 'Armed clash'), not violence against civilians
            if civilians_hit and tok not in hit:
                pass  # words further down the phrase of the civilians the cue hit
            elif any(c.dep_ == "amod" and c.lower_ in FORMER for c in tok.children):
                pass  # 'a former military commander', 'a retired police officer': a civilian now (ACLED codebook, 'Attack')
            elif _target_words(tok) & (cues.ARMED_TARGETS | (cues.NONSTATE_AGENTS - {"opposition"})):
                armed_target = True
            elif armed_group_spans and any(
                tok.left_edge.idx <= start and end <= tok.right_edge.idx + len(tok.right_edge) for start, end in armed_group_spans
            ):
                armed_target = True
            if tok.lemma_.lower() in {"protester", "demonstrator"}:
                protesters_victims = True
            if tok.lemma_.lower() == "civilian" and tok.dep_ != "pobj":
                civilian_target = True  # 'raiders killed civilians ... amid clashes': the civilians were the target
    # killed or injured at a demonstration the police broke up: excessive force
    casualties = any(
        (c.high or c.low or 0) > 0 and str(getattr(c.kind, "value", c.kind)) in {"killed", "injured"} for c in own_claims
    ) or any(
        t.lemma_.lower() in {"kill", "injure", "wound", "die"} and t.pos_ == "VERB" and not any(
            c.dep_ == "neg" or (c.dep_ in {"nsubj", "nsubjpass"} and any(d.lower_ in {"no", "none"} for d in c.children)) or c.lower_ == "none"
            for c in t.children
        )
        for i in draft.sentences for t in sents.spans[i]
    ) or any(t.lower_ in {"injuries", "casualties", "injured", "wounded"} and t.i + 1 < len(doc) and doc[t.i + 1].lemma_ == "report" and t.i > 0 and doc[t.i - 1].lower_ not in {"no"}
             for i in draft.sentences for t in sents.spans[i])
    flags = cues.argument_flags(roots, [t.family for m in draft.mentions for t in m.triggers])
    # property taken or destroyed in an attack on armed forces ('attacked a police station and
    # stole weapons') is an armed clash: Looting/property destruction is destruction outside
    # other forms of violence (ACLED codebook, 'Looting/property destruction', 'Armed clash')
    flags["no_casualties"] = not casualties and not armed_target
    # artillery with small-arms fire is a ground engagement: ACLED codes it as an armed clash
    # civilians killed when two sides exchanged fire were caught in it, not targeted: the
    # exchange stays an armed clash (ACLED codebook, 'Armed clash'; 'Civilian targeting':
    # civilians incidentally harmed are not the target)
    crossfire = any(t.cue.startswith("exchange") for m in draft.mentions for t in m.triggers)
    flags["civilian_target"] = civilian_target and not armed_target and not crossfire
    # a raid whose only outcome told is that people were detained ("police raided the
    # district and arrested 20 men") is an arrest: ACLED codes detentions by state forces
    # or actors in de facto control as Strategic developments / Arrests (ACLED codebook,
    # acleddata.com/knowledge-base/codebook, 'Arrests'); with anyone killed or hurt it
    # stays violence
    attack_cues = {t.cue for m in draft.mentions for t in m.triggers if t.family == "attack"}
    flags["raid_arrest"] = not casualties and bool(attack_cues) and attack_cues <= RAID_CUES
    flags["small_arms"] = any(w.weapon == "small arms" for w in weapons.within(draft.sentences))
    if flags["mob_agent"] and not flags.get("mob_justice") and civilian_target and not armed_target:
        # 'a group of farmers attacked civilians in a camp': violence aimed at civilians is an
        # Attack (ACLED codebook, 'Attack': violence against unarmed civilians), not a brawl
        flags["mob_agent"] = False
    if flags["mob_agent"] and not flags.get("mob_justice") and cues.armed_crowd(doc, weapons.within(draft.sentences)):
        flags["mob_agent"] = False  # an armed crowd is an armed group (cues.armed_crowd)
    # stones thrown or tyres burned 'to demand fuel', 'denouncing wage cuts': the crowd voices
    # a demand, so it demonstrates (ACLED codebook, 'Violent demonstration'), not a mob
    flags["demands"] = any(
        t.lemma_.lower() in DEMAND_VERBS and t.pos_ == "VERB" and t.dep_ in {"advcl", "xcomp", "conj", "acl", "ROOT"}
        for i in draft.sentences for t in sents.spans[i]
    )
    # 'violence' names harm done, not a fight between two sides: with no clash, fighting or
    # battle told and no two sides named ('violence between the two clans'), ACLED's
    # armed clash (both sides organised and armed) is not shown, and the harm done to
    # people is an attack (ACLED codebook, 'Armed clash', 'Attack')
    clash_triggers = [t for m in draft.mentions for t in m.triggers if t.family == "clash"]
    flags["one_sided_violence"] = bool(clash_triggers) and all(
        t.cue in ONE_SIDED_CUES and not any(c.dep_ == "prep" and c.lower_ in {"between", "among"} for c in doc[t.root].children)
        for t in clash_triggers
    )
    flags["remote_violence_told"] = any(
        t.family in REMOTE_FAMILIES and _told_as_happening(doc[t.root]) for m in draft.mentions for t in m.triggers
    )
    flags["state_attacker_casualties"] = flags.get("state_attacker", False) and casualties
    # control taken with no fighting, shelling or harm told ('took control of the village and
    # raised their flag'), by a verb that names no force ('capture', 'seize', 'overrun',
    # 'retake' and 'liberate' do), is acquired without a violent interaction: ACLED codebook,
    # 'Non-violent transfer of territory', against 'Non-state actor overtakes territory' and
    # 'Government regains territory' (control won through armed engagement)
    told = {t.family for m in draft.mentions for t in m.triggers}
    taking = {t.cue for m in draft.mentions for t in m.triggers if t.family in TERRITORY_FAMILIES}
    flags["quiet_capture"] = not casualties and bool(taking) and taking <= QUIET_TAKING and not any(
        cues.domain(f) == "violence" for f in told - TERRITORY_FAMILIES - {"unopposed"}
    )
    flags["organised_attacker_armed_target"] = flags.get("organised_attacker", False) and armed_target
    event_type, sub_event_type, plover = draft.classification(
        armed_target=armed_target, protesters_victims=protesters_victims, casualties=casualties, **flags
    )
    actor1, actor2 = choose_actors(draft, doc, actors, sents, event_type, sub_event_type, country)
    if parties is not None and _refers_to_parties(draft, sents, sub_event_type, actor1, actor2):
        actor1, actor2 = parties
        if event_type == "Strategic developments":
            actor1, actor2 = (_as_government(a) for a in parties)

    date = draft.best_date()
    if date is None and main_date is not None and not draft.background and main_date.start <= published:
        end = max(main_date.end, latest_date or main_date.end)
        span_days = (end - main_date.start).days
        date = DateRange(main_date.start, end, "day" if span_days == 0 else ("week" if span_days <= 7 else "month"))
    if date is None:
        date = DateRange(clamp_days(published, -6), published, "week")
        event_date = published
    elif date.precision == "month" and not draft.background:
        # ACLED codes an event known only by its month at the middle of the month (time
        # precision 3), never after publication; a recalled past event keeps its first day
        event_date = min(date.start + dt.timedelta(days=14), date.end)
    else:
        event_date = date.start

    weapon_names = list(dict.fromkeys(w.weapon for w in weapons.within(all_sentences)))
    estimate = estimate_fatalities(own_claims)
    first = draft.mentions[0].triggers[0]
    sent = sents.spans[draft.mentions[0].sent_index]
    section, start, end = _locate(first.start, first.end, body_offset, headline_end)
    src_names = [event_sources[i] for i in sorted(all_sentences) if i in event_sources]
    src_names += [c.source for c in sorted(own_claims, key=lambda c: c.start) if c.source != "article"]
    src_names = list(dict.fromkeys(src_names))
    interaction = interaction_code(actor1.inter, actor2.inter if actor2 else None) if actor1 is not None else None
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover=plover,
        event_date=event_date,
        time_precision=TimePrecision(date.precision),
        date_start=date.start,
        date_end=date.end,
        background=draft.background,
        actor1=actor1,
        actor2=actor2,
        interaction=interaction,
        civilian_targeting=is_civilian_targeting(event_type, actor2.inter if actor2 else None),
        targets=_targets(doc, all_sentences, sents),
        country=entry.country if entry and entry.country else (country_name(country) if country else None),
        country_code=country,
        admin1=entry.admin1 if entry else None,
        location=entry.name if entry else None,
        latitude=entry.latitude if entry else None,
        longitude=entry.longitude if entry else None,
        geo_precision=precision,
        geonameid=entry.geonameid if entry else None,
        weapons=weapon_names,
        source="; ".join(src_names) or None,
        fatalities=estimate.best,
        fatalities_low=estimate.low,
        fatalities_high=estimate.high,
        claim_ids=[c.claim_id for c in own_claims],
        rationale=estimate.rationale,
        text=sents.text[first.start:first.end],
        start=start,
        end=end,
        sentence=span_text(sent).strip(),
        section=section,
    )


SIDES = ("both sides", "two sides", "each side", "the sides", "the parties", "both parties", "the two countries", "both countries")


def _refers_to_parties(draft: Draft, sents: Sentences, sub_event_type: str, actor1, actor2) -> bool:
    """'skirmishes between the two sides', an agreement with no named parties: the main conflict's parties."""
    text = " ".join(sents.spans[i].text.lower() for i in draft.sentences)
    if any(phrase in text for phrase in SIDES) and (actor1 is None or actor1.inter == 3) and actor2 is None:
        return True
    return sub_event_type == "Agreement" and actor1 is None and actor2 is None


def _as_government(actor: Actor | None) -> Actor | None:
    if actor is None or actor.inter != 1 or not actor.country_code:
        return actor
    return make_actor("government", actor.country_code)


def _locate(start: int, end: int, body_offset: int, headline_end: int) -> tuple[str, int, int]:
    """Section and offsets as the user sees them (headline offsets into the title when it was given apart)."""
    if headline_end and start < headline_end:
        return "headline", start, end
    return "body", start - body_offset, end - body_offset


def _claims(claims: list[ClaimMention], body_offset: int, headline_end: int, text: str) -> list[Claim]:
    out = []
    for n, c in enumerate(claims, start=1):
        section, s_start, s_end = _locate(c.sentence_start, c.sentence_end, body_offset, headline_end)
        _, f_start, f_end = _locate(c.start, c.end, body_offset, headline_end)
        out.append(
            Claim(
                claim_id=f"c{n}",
                kind=c.kind,
                status=c.status,
                low=c.low,
                high=c.high,
                implausible=c.implausible,
                approximate=c.approximate,
                source=c.source,
                source_type=c.source_type,
                scope=c.scope,
                scope_party=c.scope_party,
                as_of=c.as_of,
                revised=c.revised,
                increment=c.increment,
                event_id=None,
                sentence=text[c.sentence_start : c.sentence_end],
                start=s_start,
                end=s_end,
                figure=c.text,
                figure_start=f_start,
                figure_end=f_end,
                section=section,
            )
        )
    return out


def _result(doc, events, out_claims, claims, places, dates, actors, body_offset, headline_end) -> ArticleResult:
    if not out_claims:
        out_claims = _claims(claims, body_offset, headline_end, doc_text(doc))
    out_places = []
    for p in places:
        if p.resolved is None:
            continue
        section, start, end = _locate(p.start, p.end, body_offset, headline_end)
        e = p.resolved
        out_places.append(
            Place(
                text=p.text, start=start, end=end, section=section, name=e.name, geonameid=e.geonameid,
                latitude=e.latitude, longitude=e.longitude, country_code=e.country_code, country=e.country,
                admin1=e.admin1, feature_class=e.feature_class, feature_code=e.feature_code, geo_precision=p.geo_precision,
                demonym=p.demonym,
            )
        )
    out_dates = []
    for d in dates:
        section, start, end = _locate(d.start, d.end, body_offset, headline_end)
        out_dates.append(
            TimeExpression(text=d.text, start=start, end=end, section=section, date_start=d.date_start, date_end=d.date_end, time_precision=d.time_precision)
        )
    seen: dict[str, Actor] = {}
    for e in events:
        for a in (e.actor1, e.actor2):
            if a is not None:
                seen.setdefault(a.name, a)
    for a in actors:
        if a.actor.country_code:
            seen.setdefault(a.actor.name, a.actor)
    return ArticleResult(id="", published=None, events=events, claims=out_claims, places=out_places, dates=out_dates, actors=list(seen.values()))
