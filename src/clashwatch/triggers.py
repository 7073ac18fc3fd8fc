"""Event cues and weapons: the words that say something happened, and with what.

Cues come from ``resources/event_cues.tsv``; each belongs to a family (clash, air,
protest, agreement, ...). ``classify`` turns the set of families an event gathered into an
ACLED event type and sub-event type with ``resources/event_families.json``'s ordered
rules (a protest with tear gas is a "Protest with intervention"; with burning tyres, a
"Violent demonstration").
"""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .model import EventTrigger, WeaponMention
from .resources import load_json, load_tsv

FAMILIES = load_json("event_families.json")
DOMAIN: dict[str, str] = FAMILIES["domain"]
ENDING_VERBS = set(FAMILIES["ending_verbs"])
HYPOTHETICAL_HEADS = {"threaten", "plan", "vow", "intend", "prepare", "fear", "warn", "want", "seek", "aim"}
MODALS = {"will", "would", "could", "might", "may", "shall", "should"}


@cache
def _cue_table() -> tuple[dict[str, tuple[str, str, float]], tuple[tuple[str, str], ...]]:
    cues = {}
    for row in load_tsv("event_cues.tsv"):
        key = f"{row['cue']}|{row['pos']}"
        cues[key] = (row["cue"], row["family"], float(row["strength"]))
    weapons = tuple((row["cue"], row["weapon"]) for row in load_tsv("weapons.tsv"))
    return cues, weapons


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


class CueMatcher:
    """Phrase matching on lemmas and on lower-case forms (plural forms too: title-case
    headlines like 'Fuel Price Riots' defeat the lemmatiser), with each cue's part of
    speech checked on its head word afterwards."""

    def __init__(self, vocab: Vocab, entries: list[tuple[str, str, str]]):
        # entries: (key, cue, pos)
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        self.by_plural = PhraseMatcher(vocab, attr="LOWER")
        self.pos: dict[str, str] = {}
        for key, cue, pos in entries:
            words = cue.split()
            self.pos[key] = pos
            self.by_lemma.add(key, [Doc(vocab, words=words, lemmas=words)])
            self.by_lower.add(key, [Doc(vocab, words=words)])
            self.by_plural.add(key, [Doc(vocab, words=words[:-1] + [_plural(words[-1])])])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = set()
        for matcher, check_pos in ((self.by_lemma, True), (self.by_lower, True), (self.by_plural, False)):
            for match_id, start, end in matcher(doc):
                pos = self.pos[doc.vocab.strings[match_id]]
                if check_pos and pos != "-":
                    head = doc[end - 1] if pos == "NOUN" else doc[start]
                    if head.pos_ != pos:
                        continue
                found.add((match_id, start, end))
        return list(found)


_MATCHERS: dict[int, tuple[CueMatcher, CueMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[CueMatcher, CueMatcher]:
    key = id(vocab)
    if key not in _MATCHERS:
        cues, weapons = _cue_table()
        cue_matcher = CueMatcher(vocab, [(k, cue, k.split("|")[1]) for k, (cue, _f, _s) in cues.items()])
        weapon_matcher = CueMatcher(vocab, [(f"{weapon}|{cue}", cue, "-") for cue, weapon in weapons])
        _MATCHERS[key] = (cue_matcher, weapon_matcher)
    return _MATCHERS[key]


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the longest non-overlapping matches ('drone strike' over 'drone')."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for match_id, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if taken.isdisjoint(range(start, end)):
            chosen.append((match_id, start, end))
            taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[1])


def is_reference(tok: Token) -> bool:
    """A cue that names an event without reporting it: 'to end the bloodshed',
    'threatened to attack', 'no clashes were reported', 'will protest'."""
    if any(c.dep_ == "neg" for c in tok.children) or any(c.lower_ in {"no", "without"} for c in tok.children if c.dep_ in {"det", "prep"}):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"no", "without", "any"}:
        return True
    if any(c.lower_ in MODALS for c in tok.children if c.dep_ == "aux"):
        return True
    node, steps = tok, 0
    while node.head.i != node.i and steps < 3:
        child, node = node, node.head
        steps += 1
        lemma = node.lemma_.lower()
        if lemma in ENDING_VERBS and child.dep_ in {"dobj", "xcomp", "pobj", "nsubjpass", "ccomp", "prep"}:
            return True
        if lemma in HYPOTHETICAL_HEADS and child.dep_ in {"xcomp", "dobj", "ccomp"}:
            return True
        if node.pos_ == "VERB":
            break
    return False


CUE_OBJECTS: dict[str, set[str]] = {k: set(v) for k, v in FAMILIES["cue_objects"].items() if not k.startswith("_")}


NEEDS_XCOMP = set(FAMILIES["cue_requires_xcomp"])


def _object_allowed(cue: str, root: Token) -> bool:
    """'deployed troops' is a movement of forces; 'deployed mortars' is not; 'asked X to end'
    is an appeal, 'asked a question' is not."""
    if cue in NEEDS_XCOMP:
        verb = root.head if root.dep_ == "prt" else root
        comps = [c for c in list(verb.children) + list(root.children) if c.dep_ in {"xcomp", "ccomp"}]
        # "asked not to be named" is a source's anonymity, not an appeal
        return any(c.lemma_.lower() not in {"name", "identify", "quote"} for c in comps)
    allowed = CUE_OBJECTS.get(cue)
    if allowed is None:
        return True
    args = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    if root.dep_ in {"xcomp"} or not args:
        args += [c for c in root.children if c.dep_ == "nsubj"]
    for arg in args:
        words = {arg.lemma_.lower()} | {c.lemma_.lower() for c in arg.children if c.dep_ in {"compound", "pobj", "prep"}}
        if words & allowed:
            return True
    return False


def find_triggers(doc: Doc) -> list[EventTrigger]:
    cue_matcher, _ = _matchers(doc.vocab)
    cues, _ = _cue_table()
    triggers: list[EventTrigger] = []
    for match_id, start, end in _longest(cue_matcher(doc)):
        key = doc.vocab.strings[match_id]
        cue, family, strength = cues[key]
        span = doc[start:end]
        root = span.root
        if is_reference(root) or not _object_allowed(cue, root):
            continue
        sent = span.sent
        triggers.append(
            EventTrigger(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                family=family,
                cue=cue,
                strength=strength,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                root=root.i,
            )
        )
    return triggers


def find_weapons(doc: Doc) -> list[WeaponMention]:
    _, weapon_matcher = _matchers(doc.vocab)
    out = []
    for match_id, start, end in _longest(weapon_matcher(doc)):
        weapon = doc.vocab.strings[match_id].split("|")[0]
        span = doc[start:end]
        out.append(
            WeaponMention(text=span.text, start=span.start_char, end=span.end_char, weapon=weapon, sentence_start=span.sent.start_char)
        )
    return out


def classify(families: set[str], *, armed_target: bool = False, protesters_victims: bool = False) -> tuple[str, str, str]:
    """(event_type, sub_event_type, plover) for the cue families one event gathered."""
    conditions = {"armed_target": armed_target, "protesters_victims": protesters_victims}
    for rule in FAMILIES["outcomes"]:
        if set(rule["all"]) <= families and conditions.get(rule.get("when", ""), True):
            return rule["type"], rule["sub"], rule["plover"]
    return "Strategic developments", "Other", "CONSULT"


def domain(family: str) -> str:
    return DOMAIN[family]


def salience(family: str) -> int:
    return FAMILIES["salience"][DOMAIN[family]]


ARMED_TARGETS = set(FAMILIES["armed_targets"])
