"""Attribution: who states a figure or reports an event.

Used by the claims and events stages. The rules, in order: the innermost reporting verb
above the figure and its subject ("Kyrgyzstan announced that ..."); "according to X";
a sentence-level reporting clause ("..., police said."); an "official" toll inherits the
last government source; otherwise the article's own voice. Pronoun subjects resolve to
the last named source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .countries import country_code, country_name
from ..model import TimeMention
from ..nlp import table
from ..resources import load_json

LEX = load_json("sources.json")
REPORTING = set(LEX["reporting_verbs"])
MEDIA = set(LEX["media"])
SOCIAL = set(LEX["social_media"])
ROLE_WORDS = set(LEX["role_words"])
QUALIFIERS = set(LEX["source_qualifiers"])
INSTITUTIONS = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(p) for p in sorted(LEX["institution_phrases"], key=len, reverse=True)))
# who speaks for an institution: "hospital officials", "a spokesman for the refugee agency"
SPOKESPEOPLE = {"commission", "council", "official", "officials", "spokesman", "spokeswoman", "spokesperson"}
EVENT_REPORTING = REPORTING - {"accuse", "allege", "warn", "insist", "explain", "claim"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "me", "who", "which", "that"}
DROP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "prep", "advmod"}


@dataclass(frozen=True)
class Source:
    name: str
    type: str
    country: str | None = None


ARTICLE = Source("article", "article", None)


def _words(text: str) -> set[str]:
    return set(text.lower().replace("'s", "").split())


def governing_verb(tok: Token, max_steps: int = 3) -> Token | None:
    """The nearest verb above a token: 'killed on Sunday, police said' dates the killing,
    'announced on Sunday that ...' dates the announcement."""
    node, steps = tok, 0
    while node.i != node.head.i and steps < max_steps:
        node, steps = node.head, steps + 1
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"aux", "auxpass"}:
            return node
    return None


def dates_statement(date_root: Token, verb: Token) -> bool:
    """Whether a date hanging on a reporting verb dates the statement. 'Police said on
    Monday that ...' and 'On Friday, police had reported five deaths' do; in the trailing
    attribution '... on Sunday, police said.' the date belongs to what was said."""
    trailing = any(c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i for c in verb.children)
    return date_root.i > verb.i or not trailing


def source_key(name: str) -> str:
    """One key for the spellings of one source: 'Police', 'police', 'the police',
    'Police spokesman Usman Daso', 'county police commander Peter Wambua' -> 'police'."""
    words = name.lower().replace("'s", "").split()
    if words and words[0] == "the":
        words = words[1:]
    for i, w in enumerate(words):
        if w in ROLE_WORDS and i > 0:
            words = words[:i]
            break
    while len(words) > 1 and words[0] in QUALIFIERS:
        words = words[1:]
    return " ".join(words)


def classify_source(text: str) -> Source:
    """Name and type of a source phrase: 'Kyrgyzstan' -> Government of Kyrgyzstan."""
    text = " ".join(text.split()).strip(" ,.;:\"'“”")
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article):]
    low = text.lower()
    words = _words(text)
    cc = country_code(text)
    if cc and not (words & set(LEX["government_words"]) or words & set(LEX["military_words"])):
        return Source(f"Government of {country_name(cc) or text}", "government", cc)
    if low in MEDIA or low.replace(" ", "") in MEDIA:
        return Source(text, "media", None)
    mentioned = _country_in(text)
    if INSTITUTIONS.search(low) and not words & set(LEX["government_words"]) - SPOKESPEOPLE and not words & {"news", "press", "newspaper"}:
        # "the UN refugee agency", "the doctors' syndicate", "the local hospital",
        # "the Observatory for Human Rights": institutions, not news agencies or witnesses
        return Source(text, "organisation", mentioned)
    if low in SOCIAL or words & SOCIAL and len(words) <= 2:
        return Source(text, "social_media", None)
    if words & {"government", "authorities", "administration", "kremlin"} and mentioned:
        return Source(f"Government of {country_name(mentioned)}", "government", mentioned)
    if words & set(LEX["military_words"]):
        kind = "official" if "police" in words else "military"
        return Source(text, kind, mentioned)
    if words & set(LEX["government_words"]):
        return Source(text, "government", mentioned)
    if words & set(LEX["media_words"]):
        return Source(text, "media", mentioned)
    if low in set(LEX["organisation_words"]) or words & set(LEX["organisation_words"]):
        return Source(text, "organisation", mentioned)
    if words & set(LEX["witness_words"]):
        return Source(text, "witness", mentioned)
    return Source(text, "other", mentioned)


def _country_in(text: str) -> str | None:
    for word in text.replace("'s", "").split():
        cc = country_code(word)
        if cc:
            return cc
    return None


def _kept_prep(c: Token) -> bool:
    """'the Ministry of Health', 'the Observatory for Human Rights' (inside one name),
    'officials at the Federal Medical Centre' (the institution they speak for)."""
    if c.dep_ != "prep":
        return False
    if c.lower_ == "of" or c.ent_iob_ == "I":
        return True
    return c.lower_ in {"at", "from"} and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or INSTITUTIONS.search(g.lower_)) for g in c.children)


def _phrase(tok: Token) -> str:
    """The subject noun phrase without relative clauses, appositions or trailing prepositions."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in DROP_DEPS or _kept_prep(c)]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(c for c in child.children if c.dep_ not in {"appos", "relcl", "acl", "punct"} or (c.dep_ == "punct" and c.text in {"'", "’"}))
    keep.sort(key=lambda t: t.i)
    words = [t for t in keep if t.dep_ != "det" or t.i != keep[0].i]
    # as written: "doctors' syndicate", not "doctors ' syndicate"
    out = ""
    for a, b in zip(words, words[1:] + [None]):
        out += a.text + ((a.whitespace_ or "") if b is not None and b.i == a.i + 1 else (" " if b is not None else ""))
    return out


def _scan(sent: Span) -> tuple[list[tuple[int, Source, Token | None]], list[tuple[Token, Source, Token]]]:
    """The sentence's 'according to X' (token index, X's source, X's head) and reporting
    verbs with their subjects' sources, before pronouns are resolved."""
    according: list[tuple[int, Source, Token | None]] = []
    doc = sent.doc
    tab = table(doc)
    lower = tab.lower
    for i in range(sent.start, sent.end):
        if lower[i] == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            tok = tab.tokens[i]
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                text = _phrase(objs[0])
            else:
                end = tok.i + 2
                while end < sent.end and not doc[end].is_punct:
                    end += 1
                text = doc[tok.i + 2 : end].text
            according.append((tok.i, classify_source(text), objs[0] if objs else None))
    reporting: list[tuple[Token, Source, Token]] = []
    lemmas, pos = tab.lemma, tab.pos
    for i in range(sent.start, sent.end):
        if lemmas[i] in REPORTING and pos[i] in {"VERB"}:
            tok = tab.tokens[i]
            subj = next((c for c in tok.children if c.dep_ in {"nsubj"}), None)
            if subj is None:
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subj is None:
                continue
            reporting.append((tok, classify_source(_phrase(subj)), subj))
    return according, reporting


_scans: tuple[object, dict] = (None, {})


def _scanned(sent: Span, scan=_scan):
    """``scan`` of the sentence, kept for the last document: the claims and the events
    stages both read the sources of every sentence (Sources are frozen, so sharing is safe)."""
    global _scans
    doc, found = _scans
    if doc is not sent.doc:
        found = {}
        _scans = (sent.doc, found)
    key = (sent.start, sent.end, scan)
    if key not in found:
        found[key] = scan(sent)
    return found[key]


def _social_platform(sent: Span) -> Source | None:
    words = table(sent.doc).lower[sent.start : sent.end]
    if any(w in LEX["event_source_cues"] for w in words):
        for tok in sent:
            if tok.lower_ in SOCIAL and tok.lower_ != "x":
                return Source(tok.text, "social_media", None)
    return None


@dataclass
class AttributionState:
    """What earlier sentences said, for pronouns and 'the official toll'."""

    last_source: Source | None = None
    last_government: Source | None = None
    last_social: Source | None = None

    def remember(self, sentence: "SentenceSources") -> None:
        for src in sentence.found:
            if src.type != "article":
                self.last_source = src
            if src.type == "government":
                self.last_government = src
        social = sentence.social_platform()
        if social is not None:
            self.last_social = social


@dataclass
class SentenceSources:
    sent: Span
    state: AttributionState
    found: list[Source] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.according: Source | None = None
        self.according_tokens: set[int] = set()
        according, reporting = _scanned(self.sent)
        for i, named, obj in according:
            self.according = self._resolve(named, obj)
            self.according_tokens = set(range(i, i + 2))
            if self.according is not None:
                self.found.append(self.according)
        self.reporting: list[tuple[Token, Source]] = []
        for tok, named, subj in reporting:
            src = self._resolve(named, subj)
            if src is not None:
                self.reporting.append((tok, src))
                self.found.append(src)

    def _resolve(self, src: Source, tok: Token | None) -> Source | None:
        """The source a phrase names; a pronoun ("according to it", "they said") is the
        last named source, and None when no earlier sentence named one."""
        if tok is not None and tok.lower_ in PRONOUNS:
            return self.state.last_source
        if src.name.lower() in PRONOUNS or not src.name:
            return self.state.last_source
        return src

    def reporting_verb_for(self, anchor: Token) -> tuple[Token, Source] | None:
        by_token = {verb.i: (verb, src) for verb, src in self.reporting}
        for ancestor in anchor.ancestors:
            if ancestor.i in by_token:
                return by_token[ancestor.i]
        return None

    def source_for(self, anchor: Token) -> Source:
        hit = self.reporting_verb_for(anchor)
        if hit is not None:
            return hit[1]
        if self.according is not None:
            return self.according
        for verb, src in self.reporting:
            if verb.dep_ in {"ROOT", "parataxis"} or verb.head.dep_ == "ROOT":
                return src
        if self.state.last_government is not None and any(
            t.lower_ in LEX["official_adjectives"] for t in self.sent
        ):
            return self.state.last_government
        return ARTICLE

    def social_platform(self) -> Source | None:
        """'videos posted on Telegram': the platform the sentence's footage comes from."""
        return _scanned(self.sent, _social_platform)

    def event_source(self) -> Source | None:
        """Who reports the events of this sentence: 'according to X', 'X said', 'videos posted on Telegram'.
        'According to one video' credits the platform the videos were posted on."""
        if self.according is not None and self.according.type != "article":
            if set(self.according.name.lower().split()) & set(LEX["event_source_cues"]):
                return self.social_platform() or self.state.last_social
            if self.according.type != "other":
                return self.according
        for verb, src in self.reporting:
            if verb.dep_ in {"ROOT", "parataxis"} and verb.lemma_.lower() in EVENT_REPORTING and src.type != "other":
                return src
        return self.social_platform()

    def as_of(self, anchor: Token, dates: list[TimeMention], published: dt.date) -> dt.date:
        """The date the figure was stated: 'announced on Sunday that ...'; otherwise publication."""
        hit = self.reporting_verb_for(anchor)
        if hit is None:
            return published
        verb = hit[0]
        doc = self.sent.doc
        for mention in dates:
            if not (self.sent.start_char <= mention.start < self.sent.end_char):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or mention.since:
                continue
            governor = governing_verb(span.root)
            if governor is not None and governor.i == verb.i and dates_statement(span.root, verb):
                return min(mention.date_end, published)
        return published
