"""Claims: every figure of people killed, injured, displaced, missing, arrested or abducted.

A claim is a figure (or its explicit absence) plus who states it, what it covers and
when. Figures are found as number phrases ("at least 100", "dozens of", "between 4 and
5", "a man") whose grammar ties them to a casualty word: "12 deaths", "100 people have
died", "killing 3", "the toll rose to 36". Attribution follows the innermost reporting
verb above the figure ("X said that ...": a quote inside a quote is credited to the
inner speaker), then "according to X", then the article's own voice.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from . import attribution as attribution
from .countries import country_code
from ..model import ClaimKind, ClaimMention, ClaimStatus, Scope, TimeMention
from ..nlp import span_text, table
from ..plausibility import FIGURE_CEILING, digits_value, implausible
from ..resources import load_json, load_tsv

LEX = load_json("claims.json")
VICTIM_SCOPE: dict[str, str] = {row["lemma"].lower(): row["scope"] for row in load_tsv("victims.tsv")}
NUMBER_WORDS: dict[str, int] = LEX["number_words"]
VAGUE: dict[str, int] = {k: v for k, v in LEX["vague_quantities"].items() if not k.startswith("_")}
VAGUE_PHRASES = tuple(k for k in VAGUE if " " in k)
_VAGUE_FIRST = frozenset(k.split()[0] for k in VAGUE_PHRASES)  # no phrase can start on another word

TRANSITIVE = {lemma: kind for kind, lemmas in LEX["kind_verbs"].items() for lemma in lemmas}
INTRANSITIVE = {lemma: kind for kind, lemmas in LEX["intransitive_kind_verbs"].items() for lemma in lemmas}
KIND_NOUNS = {lemma: kind for kind, lemmas in LEX["kind_nouns"].items() for lemma in lemmas}
KIND_ADJS = {lemma: kind for kind, lemmas in LEX["kind_adjectives"].items() for lemma in lemmas}
BOTH_KINDS: dict[str, list[str]] = LEX["both_kinds_nouns"]
SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
AUX_LIKE = {"be", "have", "been", "reportedly", "also", "all", "allegedly", "later", "subsequently", "been", "were", "was", "had", "has", "have", "get", "got", "already", "now", "reported", "confirmed", "believed", "feared", "thought", "said", "to"}

_NUMERIC = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass
class Figure:
    start: int  # token index of the whole phrase, modifiers included
    end: int  # token index after the last number token
    num_end: int  # index of the last token of the number itself
    low: int | None
    high: int | None
    approximate: bool
    singular: bool = False


# --------------------------------------------------------------------------- numbers


def parse_number(words: list[str]) -> int | None:
    """'1,200' -> 1200, 'two hundred' -> 200, 'twenty - five' -> 25, '3' -> 3.

    Never raises: a value above ``FIGURE_CEILING`` (a digit string of any length, "a
    million million million") is the ceiling."""
    words = [w.lower() for w in words if w not in {"-", "and"}]
    if not words:
        return None
    if len(words) == 1 and _NUMERIC.match(words[0]):
        return digits_value(words[0])
    total, current = 0, 0
    for word in words:
        if _NUMERIC.match(word):
            current += digits_value(word)
        elif word in NUMBER_WORDS:
            value = NUMBER_WORDS[word]
            if value in (100, 1000, 1_000_000):
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
        else:
            return None
        total, current = min(total, FIGURE_CEILING), min(current, FIGURE_CEILING)
    return min(total + current, FIGURE_CEILING)


def _is_number_token(tok: Token) -> bool:
    low = tok.lower_
    if low in NUMBER_WORDS and low not in {"a dozen"}:
        return True
    return bool(_NUMERIC.match(tok.text))


def _is_number_at(lower: list[str], words: list[str], i: int) -> bool:
    """``_is_number_token`` of token i, read from the document's lists (``nlp.DocTable``)."""
    low = lower[i]
    if low in NUMBER_WORDS and low not in {"a dozen"}:
        return True
    return bool(_NUMERIC.match(words[i]))


@cache
def _phrase_index(phrases: tuple[str, ...], backwards: bool) -> dict[str, list[tuple[str, ...]]]:
    """Phrases keyed by the word a match must start (or, backwards, end) with."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        index.setdefault(parts[-1] if backwards else parts[0], []).append(parts)
    return index


_INDEXED: dict[tuple[int, bool], tuple[object, int, dict[str, list[tuple[str, ...]]]]] = {}


def _indexed(phrases, backwards: bool) -> dict[str, list[tuple[str, ...]]]:
    """``_phrase_index`` of this phrase list, looked up by the list's identity (hashing its
    tuple again on every token was a good part of the claims stage's time)."""
    key = (id(phrases), backwards)
    hit = _INDEXED.get(key)
    if hit is None or hit[0] is not phrases or hit[1] != len(phrases):
        hit = _INDEXED[key] = (phrases, len(phrases), _phrase_index(tuple(phrases), backwards))
    return hit[2]


def _match_phrase(doc: Doc, i: int, phrases, backwards: bool = False) -> int:
    """Length in tokens of the longest phrase ending just before i (backwards) or starting at i."""
    anchor = i - 1 if backwards else i
    lower = table(doc).lower
    if anchor < 0 or anchor >= len(lower):
        return 0
    best = 0
    for parts in _indexed(phrases, backwards).get(lower[anchor], ()):
        n = len(parts)
        lo, hi = (i - n, i) if backwards else (i, i + n)
        if lo >= 0 and hi <= len(lower) and n > best and tuple(lower[lo:hi]) == parts:
            best = n
    return best


def find_figures(sent: Span) -> list[Figure]:
    doc = sent.doc
    tab = table(doc)
    tokens, lower, words = tab.tokens, tab.lower, tab.words
    figures: list[Figure] = []
    i = sent.start
    while i < sent.end:
        tok = tokens[i]
        low = lower[i]
        if _in_skipped_entity(tok) and low not in VAGUE:
            i += 1
            continue
        vague_len = _match_phrase(doc, i, VAGUE_PHRASES) if low in _VAGUE_FIRST else 0
        if vague_len or low in VAGUE:
            n = vague_len or 1
            key = " ".join(lower[i : i + n])
            # "a dozen" is exact-ish; the plurals and "several" are vague readings
            value = VAGUE[key]
            fig = Figure(i, i + n, i + n - 1, value, None if key not in {"both", "a couple"} else value, key not in {"both"})
            if key in {"both", "a couple"}:
                fig.approximate = False
            figures.append(_with_modifiers(doc, fig, sent))
            i += n
            continue
        if _is_number_at(lower, words, i) and not _is_not_figure(doc, i) and not _negated_one(doc, i, sent):
            j = i
            while j + 1 < sent.end and (_is_number_at(lower, words, j + 1) or (words[j + 1] == "-" and j + 2 < sent.end and lower[j + 2] in NUMBER_WORDS)):
                j += 1
            value = parse_number(words[i : j + 1])
            if value is None:
                i = j + 1
                continue
            fig = Figure(i, j + 1, j, value, value, False)
            # ranges: "between 4 and 5", "4 to 5", "4-5", "4 or 5"
            k = j + 1
            hedged = k + 2 < sent.end and lower[k] in {"and", "to", "or"} and lower[k + 1] in RANGE_HEDGES
            if hedged and _is_number_at(lower, words, k + 2):
                k += 1  # "between six and about ten"
            if k + 1 < sent.end and (lower[k] in {"and", "to", "-", "or", "–"} or (hedged and k == j + 2)) and _is_number_at(lower, words, k + 1):
                m = k + 1
                while m + 1 < sent.end and _is_number_at(lower, words, m + 1):
                    m += 1
                upper = parse_number(words[k + 1 : m + 1])
                if upper is not None and upper > value:
                    fig = Figure(i, m + 1, m, value, upper, False)
                    j = m
            if i - 1 >= sent.start and lower[i - 1] == "between":
                fig.start = i - 1
            figures.append(_with_modifiers(doc, fig, sent))
            i = j + 1
            continue
        i += 1
    return figures


def _negated_one(doc: Doc, i: int, sent: Span) -> bool:
    """'no one was hurt', 'not one soldier died': a negated 'one' counts nobody (the zero
    reading of ``zero_claims`` takes it), not one victim."""
    return doc[i].lower_ == "one" and i > sent.start and doc[i - 1].lower_ in {"no", "not"}


RANGE_HEDGES = {"about", "around", "approximately", "roughly", "nearly", "almost", "some"}


TEMPORAL_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "ago", "today", "yesterday", "tonight", "morning",
    "evening", "night", "hour", "hours", "am", "pm", "a.m.", "p.m.", "o'clock", "minutes", "century",
}


MONTHS = {w for w in TEMPORAL_WORDS if len(w) > 2} & {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}


def _in_skipped_entity(tok: Token) -> bool:
    """Inside a date, time, percentage, sum or measure. NER's DATE/TIME spans are not
    trusted blindly ('Between 4 and 5' and 'Monday 3' come out as DATEs): a number in
    them is temporal only next to a month, a time unit or as a year."""
    if tok.ent_type_ not in SKIP_ENTS:
        return False
    if tok.ent_type_ not in {"DATE", "TIME"} or not (tok.like_num or tok.lower_ in NUMBER_WORDS):
        return True
    doc = tok.doc
    if re.match(r"^(1[89]|20)\d\ds?$", tok.text) or "/" in tok.text or ":" in tok.text:
        return True
    neighbours = [doc[k].lower_ for k in (tok.i - 1, tok.i + 1, tok.i + 2) if 0 <= k < len(doc)]
    if any(n in MONTHS for n in neighbours[:2]):
        return True
    return any(n in TEMPORAL_WORDS and n not in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning", "evening", "today", "yesterday", "tonight"} for n in neighbours[1:2])


def _is_not_figure(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if _in_skipped_entity(tok):
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None:
        low = nxt.lower_
        if low in LEX["not_figure_followers"] or low.startswith(("year", "km", "kilomet")):
            return True
        if low.rstrip(".") in MONTHS and nxt.pos_ == "PROPN":
            return True  # "25 Aug.", "3 March": a day of the month the parse did not mark as a date
        if low == "-" and i + 2 < len(doc) and not _is_number_token(doc[i + 2]):
            return True  # "970-kilometer", "13-year-old"
    if re.match(r"^(1[89]|20)\d\d$", tok.text):
        return True  # a year
    return False


def _with_modifiers(doc: Doc, fig: Figure, sent: Span) -> Figure:
    i = fig.start
    for phrases, effect in (
        (LEX["lower_bound_modifiers"], "lower"),
        (LEX["upper_bound_modifiers"], "upper"),
        (LEX["approximate_modifiers"], "approx"),
    ):
        n = _match_phrase(doc, i, phrases, backwards=True)
        if n and i - n >= sent.start:
            phrase = " ".join(t.lower_ for t in doc[i - n : i])
            if effect == "lower":
                fig.high = None
            elif effect == "upper":
                fig.low, fig.high = (None, fig.high if fig.high is not None else fig.low)
            if phrase in LEX["approximate_modifiers"]:
                fig.approximate = True
            fig.start = i - n
            break
    return fig


# --------------------------------------------------------------------------- kinds


def _noun_after(doc: Doc, fig: Figure, sent: Span) -> Token | None:
    """The noun a figure counts: '10 Kyrgyz soldiers', 'dozens of people'. The parse's
    head of the number first ('three suspected Al-Shabaab militants': militants, not the
    name in front of it), then the first noun after the figure."""
    num = doc[fig.num_end]
    head = num.head
    if (
        num.dep_ == "nummod" and head.pos_ in {"NOUN", "PROPN"} and fig.end <= head.i < min(sent.end, fig.end + 6)
        and not any(t.is_punct and t.text != "-" for t in doc[fig.end : head.i])
    ):
        return head
    k = fig.end
    steps = 0
    while k < sent.end and steps < 5:
        tok = doc[k]
        if tok.lower_ in {"of", "the"} and steps < 2:
            k += 1
            steps += 1
            continue
        if tok.pos_ in {"NOUN", "PROPN"}:
            # compounds: "police officers" -> officers
            while k + 1 < sent.end and doc[k + 1].pos_ in {"NOUN"} and tok.dep_ == "compound":
                k += 1
                tok = doc[k]
            return tok
        if tok.pos_ in {"ADJ", "NUM"} or tok.dep_ in {"amod", "compound"} or tok.text == "-":
            if tok.lower_ in KIND_ADJS and (k + 1 >= sent.end or doc[k + 1].pos_ not in {"NOUN", "PROPN"}):
                return None
            k += 1
            steps += 1
            continue
        return None
    return None


def _kind_after(doc: Doc, start: int, sent: Span) -> tuple[str | None, int]:
    """'(were) killed', '(have) died', 'dead', 'shot dead' right after the figure."""
    k = start
    steps = 0
    while k < sent.end and steps < 5:
        tok = doc[k]
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if lemma == "shoot" or low == "shot":
            if k + 1 < sent.end and doc[k + 1].lower_ == "dead":
                return "killed", k + 1
            if k + 2 < sent.end and doc[k + 1].lower_ == "and" and doc[k + 2].lemma_.lower() in TRANSITIVE:
                return TRANSITIVE[doc[k + 2].lemma_.lower()], k + 2
            return None, k
        if low in KIND_ADJS:
            return KIND_ADJS[low], k
        if lemma in INTRANSITIVE and tok.pos_ in {"VERB", "AUX"}:
            if lemma == "leave" and not _leaving_home(doc, k, sent):
                return None, k
            if lemma in ARRIVAL and not _civilians_arriving(doc, start, k, sent):
                return None, k
            return INTRANSITIVE[lemma], k
        if low in FATAL_ADVERBS and k + 1 < sent.end and doc[k + 1].tag_ in {"VBN", "VBD"}:
            return "killed", k + 1  # "were fatally shot"
        if lemma in TRANSITIVE and tok.tag_ in {"VBN", "VBD"} and lemma not in {"take", "seize", "round"}:
            return TRANSITIVE[lemma], k
        if tok.tag_ in {"VBN", "VBD"} and tok.pos_ == "VERB" and lemma not in AUX_LIKE and low not in AUX_LIKE:
            kind = _fatal_verb(tok)  # "were stabbed to death", "were ambushed and killed"
            if kind:
                return kind, k
        if lemma in AUX_LIKE or low in AUX_LIKE or tok.pos_ in {"AUX", "ADV", "PART"}:
            k += 1
            steps += 1
            continue
        return None, k
    return None, k


def _to_death(verb: Token) -> bool:
    """'beaten to death', 'burned them to death', 'stabbed to death'."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children)


def _fatal_verb(verb: Token) -> str | None:
    """The kind a verb that is not itself a casualty verb implies through its modifiers or
    its coordinated verb: 'stabbed to death', 'fatally shot', 'shot dead', 'ambushed and
    killed'."""
    if verb.pos_ not in {"VERB", "AUX", "ADJ"}:
        return None
    if _to_death(verb) or any(c.lower_ in FATAL_ADVERBS for c in verb.children):
        return "killed"
    if verb.lemma_.lower() == "shoot" and any(c.lower_ == "dead" for c in verb.children):
        return "killed"
    for c in verb.children:
        if c.dep_ == "conj" and c.tag_ in {"VBN", "VBD"} and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children):
            # not '10 houses were burnt and 2 people killed': the joined verb has victims of its own
            lemma = c.lemma_.lower()
            if lemma in TRANSITIVE and lemma not in {"take", "seize", "round"}:
                return TRANSITIVE[lemma]
            if lemma == "shoot" and any(g.lower_ == "dead" for g in c.children):
                return "killed"
    return None


FATAL_ADVERBS = {"fatally", "mortally"}


ARRIVAL = {"arrive", "reach"}


def _civilians_arriving(doc: Doc, start: int, k: int, sent: Span) -> bool:
    """'8,000 people had reached Pemba', 'thousands arrived in the camps': people (not
    troops) arriving at a named place are the displaced of the fighting they left."""
    who = doc[start - 1] if start > sent.start else None
    if who is not None and VICTIM_SCOPE.get(who.lemma_.lower()) in {"military", "one_side"}:
        return False
    window = doc[k + 1 : min(k + 5, sent.end)]
    return any(t.ent_type_ in {"GPE", "LOC", "FAC"} or (t.pos_ == "PROPN" and t.ent_type_ not in {"PERSON", "DATE", "TIME"}) or t.lemma_.lower() in {"camp", "border", "shelter", "settlement"} for t in window)


def _leaving_home(doc: Doc, k: int, sent: Span) -> bool:
    window = {t.lemma_.lower() for t in doc[k + 1 : min(k + 5, sent.end)]}
    return bool(window & {"home", "area", "village", "town", "city", "region", "house", "homes", "country"}) or k + 1 >= sent.end or doc[k + 1].is_punct


def _kind_before(doc: Doc, fig: Figure, sent: Span) -> str | None:
    """'killing 3', 'wounding at least 12', 'killed two soldiers', 'arrested 15 people'."""
    k = fig.start - 1
    if k < sent.start:
        return None
    if doc[k].lower_ in {"the", "these", "those", "all"} and k - 1 >= sent.start and doc[k - 1].lower_ == "of":
        k -= 1  # "the death of the three men"
    tok = doc[k]
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB"} and lemma in TRANSITIVE and lemma not in {"take"}:
        if lemma == "seize" and not _people_follow(doc, fig, sent):
            return None
        return TRANSITIVE[lemma]
    if tok.lower_ == "dead" and k - 1 >= sent.start and doc[k - 1].lemma_.lower() == "shoot":
        return "killed"  # "shot dead five"
    if tok.lower_ == "death" and k - 1 >= sent.start and doc[k - 1].lower_ == "to":
        return "killed"  # "burned to death two men"
    if tok.pos_ == "VERB" and any(c.lower_ in FATAL_ADVERBS for c in tok.children):
        return "killed"  # "fatally shot two men"
    if tok.lower_ == "of" and k - 1 >= sent.start and doc[k - 1].lemma_.lower() in KIND_NOUNS:
        return KIND_NOUNS[doc[k - 1].lemma_.lower()]  # "the deaths of 12 people"
    if lemma in {"leave", "leaving"} or tok.lower_ in {"left", "leaving"}:
        kind, _ = _kind_after(doc, fig.end if _noun_after(doc, fig, sent) is None else _noun_after(doc, fig, sent).i + 1, sent)
        return kind
    return None


def _people_of_any_noun(doc: Doc, fig: Figure, sent: Span, noun: Token) -> tuple[list[str], Token]:
    if noun.lemma_.lower() in NOT_PEOPLE or noun.lower_ in NOT_PEOPLE or noun.ent_type_ in SKIP_ENTS:
        return [], noun
    if noun.pos_ == "NOUN" and noun.tag_ not in {"NNS", "NNPS"} and fig.low != 1:
        return [], noun  # "12 ton", "3 village": a plural figure over a singular noun is no head count
    kind, _ = _kind_after(doc, noun.i + 1, sent)
    if kind and _agent_of_active(noun):
        kind = None
    kind = kind or _kind_before(doc, fig, sent)
    return ([kind] if kind in {"killed", "injured"} else []), noun


def _agent_of_active(tok: Token) -> bool:
    """'three gunmen killed a farmer', 'five men broke in and shot dead the owner': the
    figure counts the subject of an active verb that has its own object, the people who
    did the killing, not its victims."""
    if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
        return False
    verb = tok.head
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    doc = tok.doc
    return any(
        c.dep_ == "dobj" and not (c.left_edge.i > 0 and doc[c.left_edge.i - 1].text in {"(", "["})
        for v in verbs for c in v.children
    )  # "4 killed (machetes)": a bracketed aside is no object


def _people_follow(doc: Doc, fig: Figure, sent: Span) -> bool:
    noun = _noun_after(doc, fig, sent)
    return noun is not None and noun.lemma_.lower() in VICTIM_SCOPE


def _kind_from_grammar(anchor: Token) -> str | None:
    """Dependency fallback: the figure as object/subject of a casualty verb or a toll."""
    head = anchor.head
    dep = anchor.dep_
    lemma = head.lemma_.lower()
    if dep in {"dobj", "nsubjpass"} and lemma in TRANSITIVE and lemma not in {"take", "seize", "round"}:
        return TRANSITIVE[lemma]
    if dep in {"dobj", "nsubjpass"} and head.pos_ == "VERB":
        kind = _fatal_verb(head)  # "2 fighters (...) were shot dead", "were ambushed and killed"
        if kind:
            return kind
    if dep == "nsubj" and lemma in INTRANSITIVE and lemma != "leave" and lemma not in ARRIVAL:
        return INTRANSITIVE[lemma]
    if dep == "dobj" and lemma in {"force", "compel", "drive", "cause"}:
        for child in head.children:
            if child.dep_ in {"xcomp", "advcl"} and child.lemma_.lower() in INTRANSITIVE:
                return INTRANSITIVE[child.lemma_.lower()]
    if dep == "pobj" and head.lower_ in {"to", "at", "of"}:
        verb_or_noun = head.head
        if verb_or_noun.lemma_.lower() in LEX["toll_nouns"]:
            return _toll_kind(verb_or_noun)
        if verb_or_noun.pos_ in {"VERB", "AUX"}:
            for child in verb_or_noun.children:
                if child.dep_ in {"nsubj", "dobj", "nsubjpass"} and child.lemma_.lower() in LEX["toll_nouns"]:
                    return _toll_kind(child)
    if dep in {"dobj", "attr"} and lemma in LEX["toll_verbs"]:
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_.lower() in LEX["toll_nouns"]:
                return _toll_kind(child)  # "the death toll reached 50", "the toll hit 12"
    if dep == "attr" and lemma == "be":
        for child in head.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() in LEX["toll_nouns"]:
                return _toll_kind(child)
    return None


def _toll_kind(toll: Token) -> str:
    for child in toll.children:
        if child.dep_ in {"compound", "amod"}:
            low = child.lemma_.lower()
            if low in {"injury", "wounded", "injured"}:
                return "injured"
            if low in {"arrest"}:
                return "arrested"
    return LEX["toll_nouns"].get(toll.lemma_.lower(), "killed")


def _kind_of_conjunct(noun: Token) -> list[str]:
    """'4 militia and 2 military fatalities', 'leaving 2 soldiers and 3 militiamen dead': the
    first figure of a pair shares the casualty word of the second."""
    for c in noun.children:
        if c.dep_ != "conj" or not any(g.dep_ == "nummod" for g in c.children):
            continue
        lemma = c.lemma_.lower()
        if lemma in KIND_NOUNS and lemma not in {"victim", "body"}:
            return [KIND_NOUNS[lemma]]
        if lemma in BOTH_KINDS:
            return ["killed"]
        for g in c.children:
            if g.dep_ in {"amod", "oprd", "acomp"} and g.lower_ in KIND_ADJS:
                return [KIND_ADJS[g.lower_]]
    return []


def _then_killed(anchor: Token, kinds: list[str]) -> list[str]:
    """'3 civilians were kidnapped and killed', 'two traders were abducted and later
    executed': the victims of the first verb are the dead of the verb joined to it."""
    if not kinds or "killed" in kinds or anchor.dep_ not in {"nsubjpass", "dobj"}:
        return []
    verb = anchor.head
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in {"VBN", "VBD"} and not any(g.dep_ in {"nsubj", "nsubjpass", "dobj"} for g in c.children):
            if TRANSITIVE.get(c.lemma_.lower()) == "killed" or _fatal_verb(c) == "killed":
                return ["killed"]
    return []


def classify_figure(doc: Doc, fig: Figure, sent: Span) -> tuple[list[str], Token | None]:
    """The kinds a figure counts ('casualties' counts two) and the victim noun, if any."""
    noun = _noun_after(doc, fig, sent)
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in BOTH_KINDS or noun.lower_ in BOTH_KINDS:
            return ["killed"], noun
        if lemma in KIND_NOUNS and lemma not in {"victim"}:
            return [KIND_NOUNS[lemma]], noun
        if noun.lower_ in KIND_NOUNS and noun.lower_ not in {"victim"}:
            return [KIND_NOUNS[noun.lower_]], noun
    if noun is not None and noun.lemma_.lower() not in VICTIM_SCOPE and noun.lower_ not in VICTIM_SCOPE and noun.ent_type_ not in {"NORP"}:
        # "970 kilometres", "12 villages": counts something else; but what a killing or
        # wounding verb counts is people, named in any words ("shot dead five suspected
        # carjackers", "kill eleven Turkana"), unless it is an animal or a thing
        kinds, _ = _people_of_any_noun(doc, fig, sent, noun)
        return kinds, noun
    after_start = (noun.i + 1) if noun is not None else fig.end
    kind, _ = _kind_after(doc, after_start, sent)
    if kind and (kind in {"displaced", "missing"} or not _agent_of_active(noun if noun is not None else doc[fig.num_end])):
        return [kind], noun
    kind = _kind_before(doc, fig, sent)
    if kind:
        return [kind], noun
    anchor = noun if noun is not None else doc[fig.num_end]
    kind = _kind_from_grammar(anchor)
    if kind is None and noun is not None and doc[fig.num_end].head == noun:
        kind = _kind_from_grammar(doc[fig.num_end]) if doc[fig.num_end].dep_ != "nummod" else None
    if kind is None and anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.i in range(fig.start, fig.end):
        kind = _kind_from_grammar(anchor.head.head)  # "dozens of people have died"
    if kind is None and fig.start < len(doc) and doc[fig.num_end].dep_ in {"nsubj", "dobj", "nsubjpass", "pobj", "attr"}:
        kind = _kind_from_grammar(doc[fig.num_end])
    return ([kind] if kind else []), noun


# --------------------------------------------------------------------------- singular victims


BELIEF_VERBS = {"think", "believe", "suspect", "say", "report", "know", "presume", "understand", "allege"}
# 'he died of his injuries', 'shot him dead': one person, told by a pronoun (ACLED counts a
# single victim as one fatality)
SINGULAR_PRONOUNS = {"he", "she", "him", "her"}


_SINGULAR_POS = frozenset({"VERB", "ADJ", "NOUN"})


def singular_figures(sent: Span, taken: set[int]) -> list[tuple[Figure, str, Token]]:
    """'a man was shot dead', 'gunmen killed a merchant', 'the politician was reported missing'."""
    doc = sent.doc
    tab = table(doc)
    tokens, lemmas, pos = tab.tokens, tab.lemma, tab.pos
    lower = tab.lower
    out: list[tuple[Figure, str, Token]] = []
    for i in range(sent.start, sent.end):
        # each reading below needs one of these (a cheap test before the token is made)
        if pos[i] not in _SINGULAR_POS and lower[i] not in {"missing", "dead"}:
            continue
        tok = tokens[i]
        lemma = lemmas[i]
        kind = None
        victim = None
        fatal = _fatal_verb(tok) if tok.pos_ == "VERB" and lemma not in TRANSITIVE else None
        if tok.pos_ in {"VERB", "ADJ"} and (lemma in TRANSITIVE or lemma in {"shoot"} or fatal) and lemma not in {"take", "seize", "round", "execute"}:
            for child in tok.children:
                if child.dep_ in {"nsubjpass", "dobj"}:
                    victim = child
            if victim is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
                # "a man believed to be a militant was shot dead": the passive's subject hangs on the first verb
                passive = any(c.dep_ == "auxpass" for c in tok.children)
                for child in tok.head.children:
                    if child.dep_ in {"nsubjpass", "dobj"} or (passive and child.dep_ == "nsubj"):
                        victim = child
            if victim is None and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in BELIEF_VERBS and any(c.dep_ == "auxpass" for c in tok.children):
                # the same read with the belief as the main verb: 'a man thought to be a commander was
                # shot dead' ('thought' the root, 'shot' its clause without a subject)
                victim = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if victim is None and tok.tag_ in {"VBN", "VBD"} and any(c.dep_ == "agent" for c in tok.children):
                # a headline's passive without 'was': 'Chief hacked to death by gunmen' (the
                # subject), 'Police officer killed by bandits' (the noun the participle describes)
                victim = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if victim is None and tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "ROOT":
                    victim = tok.head  # not 'colleagues of a man beheaded by X protest': that death is the cause
            if lemma == "shoot":
                if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "dead":
                    kind = "killed"
                elif fatal:
                    kind = fatal  # 'shot and killed' one dead; 'shot and injured' one hurt, not killed
            else:
                kind = TRANSITIVE[lemma] if lemma in TRANSITIVE else fatal
        elif lemma in INTRANSITIVE and lemma not in {"leave", "escape"} | ARRIVAL and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "nsubj":
                    victim = child
            if victim is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not any(c.dep_ == "cc" and c.lower_ == "or" for c in list(tok.children) + list(tok.head.children)):
                # 'a supporter was attacked at his home and died the next day': the first verb's subject
                victim = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            kind = INTRANSITIVE[lemma]
        elif tok.lower_ in {"missing", "dead"} and tok.dep_ in {"acomp", "oprd"}:
            for child in tok.head.children:
                if child.dep_ in {"nsubjpass", "nsubj"}:
                    victim = child
            kind = KIND_ADJS[tok.lower_]
        elif tok.lemma_.lower() in {"body", "corpse", "killing", "murder", "assassination", "lynching", "beheading"} and tok.pos_ == "NOUN" and tok.tag_ == "NN":
            # "the body of a man was found", "the assassination of the mayor", "led to the killing of a person"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    victim = next((g for g in child.children if g.dep_ == "pobj"), None)
            kind = "killed"
            if tok.lemma_.lower() not in {"body", "corpse"} and not (
                tok.dep_ in {"nsubj", "nsubjpass", "ROOT"} or (tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in {"lead", "result"})
            ):
                victim = None  # 'justice for the murder of X', 'protested the killing of X': the cause, not this event's toll
        if kind is None or victim is None or victim.i in taken:
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in OPEN_QUESTION) for c in tok.children):
            continue  # 'the governor was not hurt', 'it is unclear whether he died': no victim told
        if any(c.dep_ == "nummod" or _is_number_token(c) for c in victim.children) or victim.lower_ in VAGUE:
            continue
        pronoun = victim.tag_ == "PRP" and victim.lower_ in SINGULAR_PRONOUNS and kind in {"killed", "injured"}
        if victim.tag_ not in {"NN", "NNP"} and victim.ent_type_ != "PERSON" and not pronoun:
            continue
        dets = [c for c in victim.children if c.dep_ in {"det", "poss"}]
        if not dets and victim.left_edge.dep_ in {"det", "poss"} and victim.left_edge.i < victim.i:
            dets = [victim.left_edge]  # "a boda boda driver": the article hangs on the compound
        known = victim.lemma_.lower() in VICTIM_SCOPE or victim.ent_type_ == "PERSON" or pronoun
        someone = _someone_killed(victim, kind)
        if not (known or someone):
            continue
        if victim.ent_type_ != "PERSON" and not dets and not pronoun and not _bare_victim(victim, someone):
            continue
        if dets and dets[0].lower_ in {"no", "every", "each", "any"}:
            continue
        start = min([victim.left_edge.i, victim.i])
        # "Officers A and B were killed", "a man and his son": one victim per conjunct
        others = [
            c for c in victim.children
            if c.dep_ == "conj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in VICTIM_SCOPE)
            and not any(g.dep_ == "nummod" for g in c.children) and c.i not in taken
        ]
        end = max([victim.i] + [c.i for c in others])
        fig = Figure(start, end + 1, end, 1 + len(others), 1 + len(others), False, singular=True)
        out.append((fig, kind, victim))
        taken.update([victim.i] + [c.i for c in others])
    return out


NOT_PEOPLE = set(LEX["not_people"]["lemmas"])
COLLECTIVE = set(LEX["collective_victims"]["lemmas"])


def _someone_killed(victim: Token, kind: str) -> bool:
    """'shot dead the owner', 'killed a judge', 'assassinated a pastor': what a killing
    verb kills is a person unless it names a thing, a place or an animal. Any common noun
    counts then, not only the nouns of victims.tsv (ACLED counts a single named victim
    as one fatality)."""
    if kind != "killed" or victim.pos_ != "NOUN" or victim.tag_ != "NN":
        return False
    if victim.ent_type_ and victim.ent_type_ not in {"PERSON", "NORP"}:
        return False
    return victim.lemma_.lower() not in NOT_PEOPLE and victim.lemma_.lower() not in COLLECTIVE


def _bare_victim(victim: Token, someone: bool) -> bool:
    """Headline style without an article: 'gunmen kill civilian', 'mob lynches suspected
    thief', 'roadside bomb kills police officer': one person of a victim noun in the
    singular (not a collective: 'police', 'personnel')."""
    lemma = victim.lemma_.lower()
    return victim.tag_ == "NN" and (lemma in VICTIM_SCOPE or someone) and lemma not in COLLECTIVE and victim.lower_ == lemma


# --------------------------------------------------------------------------- scope


def _scope(noun: Token | None, fig_char: int, sent: Span, source_country: str | None) -> tuple[Scope, str | None]:
    phrase_scope = _nearest_side_phrase(fig_char, sent, source_country)
    if phrase_scope is not None:
        return phrase_scope
    if noun is None:
        return Scope.all, None
    scope = VICTIM_SCOPE.get(noun.lemma_.lower()) or VICTIM_SCOPE.get(noun.lower_)
    party = None
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            party = country_code(child.text) or party
    if scope is None:
        return (Scope.one_side, party) if party else (Scope.all, None)
    if scope == "one_side":
        return Scope.one_side, party or noun.lemma_.lower()
    if party and scope == "all":
        return Scope.one_side, party
    return Scope(scope), party


def _nearest_side_phrase(fig_char: int, sent: Span, source_country: str | None) -> tuple[Scope, str | None] | None:
    """'for the country' (one side) or 'on both sides' (all): the phrase nearest the figure wins."""
    low = span_text(sent).lower()
    best: tuple[int, tuple[Scope, str | None]] | None = None
    candidates = [(p, (Scope.all, None)) for p in attribution.LEX["both_sides_phrases"]]
    if source_country:
        candidates += [(p, (Scope.one_side, source_country)) for p in attribution.LEX["own_side_phrases"]]
    for phrase, result in candidates:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
            distance = abs(sent.start_char + m.start() - fig_char)
            if best is None or distance < best[0]:
                best = (distance, result)
    return best[1] if best else None


# --------------------------------------------------------------------------- zero and undisclosed


def zero_claims(sent: Span) -> list[tuple[str, int, int, Token | None]]:
    """'no casualties were reported', 'neither fatalities nor injuries', 'no one was killed'."""
    doc = sent.doc
    found: list[tuple[str, int, int, Token | None]] = []
    kinds_seen: set[str] = set()
    tab = table(doc)
    tokens, lower = tab.tokens, tab.lower
    zero_words, zero_phrases = LEX["zero_words"], LEX["zero_phrases"]
    zero_firsts = _indexed(zero_phrases, False)  # (_match_phrase finds nothing from another word)
    for i in range(sent.start, sent.end):
        if lower[i] not in zero_words and (lower[i] not in zero_firsts or not _match_phrase(doc, i, zero_phrases)):
            continue
        tok = tokens[i]
        if tok.lower_ == "no" and tok.i + 1 < sent.end and lower[tok.i + 1] in {"longer", "matter", "doubt"}:
            continue
        for k in range(tok.i + 1, min(tok.i + 7, sent.end)):
            cand = tokens[k]
            if cand.is_punct and cand.text not in {"-"}:
                break
            kinds = _zero_kinds(cand)
            if kinds:
                # 'no one was injured or killed', 'nobody was hurt or killed': the negation
                # covers the conjoined verbs and adjectives too
                for conj in cand.conjuncts:
                    if conj.i > cand.i and conj.i < sent.end:
                        kinds += [k2 for k2 in _zero_kinds(conj) if k2 not in kinds]
                victim = next((t for t in tokens[tok.i + 1 : k] if t.lemma_.lower() in VICTIM_SCOPE), None)
                for kind in kinds:
                    if kind not in kinds_seen:
                        kinds_seen.add(kind)
                        found.append((kind, tok.i, k + 1, victim))
                if tok.lower_ != "neither":
                    break
    return found


def _zero_kinds(cand: Token) -> list[str]:
    """The casualty kinds a word after a negation names: 'casualties' (both), 'deaths',
    'injured', 'killed', 'died'."""
    lemma = cand.lemma_.lower()
    if lemma in BOTH_KINDS or cand.lower_ in BOTH_KINDS:
        return list(BOTH_KINDS.get(lemma) or BOTH_KINDS[cand.lower_])
    if lemma in KIND_NOUNS and lemma not in {"body", "life", "victim", "dead"}:
        return [KIND_NOUNS[lemma]]
    if cand.lower_ in KIND_ADJS:
        return [KIND_ADJS[cand.lower_]]
    if lemma in TRANSITIVE and cand.tag_ in {"VBN", "VBD"} and lemma not in {"take", "seize"}:
        return [TRANSITIVE[lemma]]
    if lemma in INTRANSITIVE and lemma not in {"leave", "escape"} | ARRIVAL:
        return [INTRANSITIVE[lemma]]
    return []


UNSCATHED = {"unhurt", "unharmed", "unscathed", "uninjured"}
NOBODY = {"anyone", "anybody", "nobody", "none"}
# 'it is not clear whether anyone was killed', 'asked if anyone was hurt': an open question, no zero
OPEN_QUESTION = {"whether", "if"}


def negated_casualties(sent: Span) -> list[tuple[str, int, int]]:
    """A casualty verb the sentence denies: 'the officers were not injured', 'the blast
    did not kill anyone', 'fired on the post without injuring anyone', 'killing no one',
    'the driver escaped unhurt'. Each says none of that kind (a zero, which a figure of
    the same kind elsewhere outranks); a question ('whether anyone was killed') or a
    modal ('could have killed') says nothing."""
    doc = sent.doc
    tab = table(doc)
    lower, lemmas, pos = tab.lower, tab.lemma, tab.pos
    out: list[tuple[str, int, int]] = []
    for i in range(sent.start, sent.end):
        if lower[i] in UNSCATHED and tab.dep[i] in {"acomp", "oprd", "advcl", "advmod", "xcomp", "conj"}:
            out.append(("injured", i, i + 1))
            continue
        lemma = lemmas[i]
        kind = TRANSITIVE.get(lemma) if lemma in TRANSITIVE else INTRANSITIVE.get(lemma)
        if kind not in {"killed", "injured"} or pos[i] != "VERB":
            continue
        tok = tab.tokens[i]
        children = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in children):
            continue
        if any(c.dep_ == "mark" and c.lower_ in OPEN_QUESTION for c in children):
            continue
        negated = any(c.dep_ == "neg" for c in children)
        if not negated and tok.dep_ == "pcomp" and tok.head.lower_ == "without":
            negated = True  # 'without injuring anyone'
        if not negated and any(
            c.dep_ in {"dobj", "nsubjpass", "nsubj"} and (c.lower_ == "nobody" or (c.lower_ == "one" and c.i > sent.start and lower[c.i - 1] == "no"))
            for c in children
        ):
            negated = True  # 'killing no one'
        if negated:
            out.append((kind, tok.i, tok.i + 1))
    return out


def _denied_figure(tok: Token) -> set[str]:
    """The kinds a figure's own verb denies: 'the two guards were not injured', 'three
    hostages were not harmed'."""
    if tok.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
        return set()
    verb = tok.head
    if not any(c.dep_ == "neg" for c in verb.children):
        return set()
    lemma = verb.lemma_.lower()
    kind = TRANSITIVE.get(lemma) if lemma in TRANSITIVE else INTRANSITIVE.get(lemma)
    kinds = {kind} if kind else set()
    kinds |= {KIND_ADJS[c.lower_] for c in verb.children if c.dep_ in {"acomp", "oprd"} and c.lower_ in KIND_ADJS}
    return kinds & {"killed", "injured"}


MODAL_WORDS = {"will", "would", "could", "might", "may", "can", "should", "shall"}


def undisclosed_claims(sent: Span) -> list[tuple[int, int, Token]]:
    """'X has not disclosed precise numbers for casualties': absence of a figure, not zero."""
    out = []
    tab = table(sent.doc)
    lemmas, pos, lower = tab.lemma, tab.pos, tab.lower
    verbs = LEX["undisclosed_verbs"]
    for i in range(sent.start, sent.end):
        if lemmas[i] not in verbs or pos[i] not in {"VERB"}:
            continue
        tok = tab.tokens[i]
        negated = any(c.dep_ == "neg" for c in tok.children) or any(
            w in {"yet"} for w in lower[max(tok.i - 2, sent.start) : tok.i]
        )
        if not negated:
            continue
        objects = [t for t in tok.subtree if t.lemma_.lower() in LEX["undisclosed_objects"]]
        if objects:
            out.append((tok.left_edge.i, objects[-1].i + 1, tok))
    return out


# --------------------------------------------------------------------------- not a toll


PERPETRATOR_NOUNS = set(LEX["perpetrator_nouns"]["lemmas"])
ALLEGATION_HEADS = set(LEX["allegation_heads"]["lemmas"])
UNREALISED_HEADS = set(LEX["unrealised_heads"]["lemmas"])


COUNTERFACTUAL_MODALS = {"could", "would", "might"}


def _counterfactual(verb: Token) -> bool:
    """'could have killed', 'would have died', 'might kill': a modal of what did not or may
    not happen (not 'may have been killed', a hedged report of what did)."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a in COUNTERFACTUAL_MODALS for a in auxes)


def not_a_toll(tok: Token, max_steps: int = 5) -> bool:
    """A figure under 'suspected of killing', 'accused of murdering' (an alleged, earlier
    crime) or 'an attempt to assassinate', 'threatened to kill' (a death that did not
    happen) counts no casualty of the event."""
    node, steps = tok, 0
    while node.i != node.head.i and steps < max_steps:
        head = node.head
        if head.pos_ in {"VERB", "AUX"} and _counterfactual(head):
            return True  # 'the bomb could have killed dozens': a death that did not happen
        if node.dep_ == "prep" and node.lower_ in {"of", "for", "with"} and head.lemma_.lower() in ALLEGATION_HEADS:
            return True
        if node.dep_ in {"xcomp", "acl", "advcl"} and head.lemma_.lower() in UNREALISED_HEADS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        ):
            return True
        node, steps = head, steps + 1
    return False


_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december|the\s+(?:conflict|war|insurgency|crisis|uprising))"
    r"|so\s+far|to\s+date|this\s+(?:year|month)|(?:past|last)\s+(?:\w+\s+)?(?:weeks|months|years|decades?)|in\s+recent\s+(?:weeks|months|years)"
    r"|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months?|years?|decades?))\b",
    re.IGNORECASE,
)


def cumulative_total(tok: Token) -> bool:
    """A total over months or years ('since 2017 the conflict has killed 3,000', 'so far
    this year 300 people have died', 'more than 2,000 killed in the past two years'): a
    count of many events, never one event's toll (ACLED codes each event's own deaths).
    The span cue must be in the figure's own clause."""
    verb = tok
    steps = 0
    while verb.pos_ not in {"VERB", "AUX"} and verb.i != verb.head.i and steps < 4:
        verb, steps = verb.head, steps + 1
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    # the clause without the clauses it embeds ('killed two farmers, bringing to 45 the
    # number killed since January': the total is the embedded clause's, not the killing's)
    embedded = {
        t.i for c in verb.children if c.dep_ in EMBEDDED_CLAUSES and not (c.left_edge.i <= tok.i <= c.right_edge.i)
        for t in c.subtree
    }
    words = [t.text for t in verb.subtree if t.i not in embedded]
    return bool(_CUMULATIVE.search(" ".join(words)))


EMBEDDED_CLAUSES = {"advcl", "ccomp", "conj", "relcl", "parataxis", "xcomp"}


CAUSE_MARKERS = set(LEX["cause_markers"]["words"])
CAUSE_NOUNS = set(LEX["cause_markers"]["nouns"])


def in_cause_clause(tok: Token, own: range, max_steps: int = 8) -> bool:
    """A figure told as the cause of the event, not its toll: 'residents attacked the
    police after two children were killed', 'a protest against the killing of two
    students', 'in retaliation for the killing of 3 fighters', 'raids following an IED
    blast which killed 3'. The figure hangs, through the parse, on a clause or phrase of
    'after', 'following', 'against', 'over' or 'in retaliation for' that itself hangs on
    another verb (an earlier event, coded on its own by ACLED)."""
    node, steps = tok, 0
    while node.i != node.head.i and steps < max_steps:
        head = node.head
        if node.i not in own:
            marker = node.lower_ if node.dep_ in {"prep", "mark"} else None
            if marker is None and node.dep_ == "advcl":
                marker = next((c.lower_ for c in node.children if c.dep_ == "mark"), None)
                if marker is None and node.lower_ in {"following"}:
                    marker = node.lower_
            if marker in CAUSE_MARKERS and node.dep_ != "mark":
                # "clashes after provocations left two dead": a headline-like fragment
                # whose only event is the noun; its 'after' clause tells that event
                return head.pos_ in {"VERB", "AUX"} or (head.pos_ == "NOUN" and marker in {"against", "over"})
            if marker in CAUSE_MARKERS and node.dep_ == "mark":
                return True
            if node.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CAUSE_NOUNS:
                return True  # "in retaliation for", "in revenge for"
            if node.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in CAUSE_NOUNS:
                return True  # "in response to"
        node, steps = head, steps + 1
    return False


# --------------------------------------------------------------------------- coder remarks


@cache
def _remark_patterns() -> tuple[list[re.Pattern], list[re.Pattern], tuple[str, ...]]:
    lex = LEX["coder_remarks"]
    return (
        [re.compile(p, re.I) for p in lex["coded"]],
        [re.compile(p, re.I) for p in lex["split"]],
        tuple(lex["subject"]),
    )


@dataclass
class CoderRemark:
    start: int  # character offset where the remark begins: figures from here on are not tolls
    value: int | None  # the coded figure, when the remark gives one
    figure: tuple[int, int]  # character span of that figure
    split: int | None = None  # the number of events the figure is split across


def _count(text: str) -> int | None:
    return parse_number(text.replace(",", " ").split()) if not text.replace(",", "").isdigit() else digits_value(text)


def coder_remark(sent: Span) -> CoderRemark | None:
    """'Fatalities coded as 0 (VoJ reported 10)', 'Total fatalities coded as 8', 'Fatalities
    are split across 3 events (4)': the remark of the coder of an event dataset about the
    figure the event carries (the convention of ACLED-style notes)."""
    coded_res, split_res, subjects = _remark_patterns()
    text, base = span_text(sent), sent.start_char
    remark: CoderRemark | None = None
    for rx in coded_res:
        m = rx.search(text)
        if m and _count(m["n"]) is not None:
            remark = CoderRemark(base + m.start(), _count(m["n"]), (base + m.start("n"), base + m.end("n")))
            break
    for rx in split_res:
        m = rx.search(text)
        if not m or _count(m["k"]) in (None, 0):
            continue
        before = text[: m.start()].lower()
        at = max((before.rfind(w) for w in subjects), default=-1)
        if remark is None and at < 0:
            continue
        k = _count(m["k"])
        if m["share"]:
            start = remark.start if remark else base + at
            return CoderRemark(start, digits_value(m["share"]), (base + m.start("share"), base + m.end("share")))
        if remark is None:
            remark = CoderRemark(base + at, None, (base + m.start("k"), base + m.end("k")), split=k)
        else:
            remark.split = k
        break
    return remark


def _apply_remark(remark: CoderRemark, earlier: list[ClaimMention]) -> int | None:
    """Set aside every earlier death figure; the coded one, split across events when so said."""
    killed = [c for c in earlier if c.kind == ClaimKind.killed and not c.revised and c.status != ClaimStatus.undisclosed]
    value = remark.value
    if value is None:
        values = [c.low if c.low is not None else c.high for c in killed if c.status == ClaimStatus.figure]
        values = [v for v in values if v is not None]
        value = max(values) if values else None
    if value is None:
        return None
    for c in earlier:
        if c.kind == ClaimKind.killed:
            c.revised = True
    return value // remark.split if remark.split else value


# --------------------------------------------------------------------------- the stage


def find_claims(doc: Doc, published: dt.date, dates: list[TimeMention]) -> list[ClaimMention]:
    """Every casualty-type figure in the document, attributed and scoped."""
    claims: list[ClaimMention] = []
    state = attribution.AttributionState()
    dates = sorted(dates, key=lambda d: d.start)
    date_starts = [d.start for d in dates]
    for sent in table(doc).sents:
        sent_sources = attribution.SentenceSources(sent, state)
        sent_dates = dates[bisect_left(date_starts, sent.start_char) : bisect_left(date_starts, sent.end_char)]
        sent_start, sent_end = _trimmed(sent)
        revision_at = _revision_index(sent)
        taken: set[int] = set()
        sentence_claims: list[ClaimMention] = []

        nouns: dict[int, Token] = {}  # sentence claim index -> the noun its figure counts

        def add(fig: Figure, kind: str, noun: Token | None, status: ClaimStatus = ClaimStatus.figure) -> None:
            if noun is not None:
                nouns[len(sentence_claims)] = noun
            anchor = doc[fig.num_end]
            src = sent_sources.source_for(anchor)
            scope, party = _scope(noun, doc[fig.start].idx, sent, src.country)
            as_of = sent_sources.as_of(anchor, sent_dates, published)
            span = doc[fig.start : fig.end]
            increment = _is_increment(doc, fig, sent)
            if increment and fig.end < sent.end and doc[fig.end].lower_ in {"other", "others"}:
                # "four were killed and two others injured": other people than the dead, the
                # first figure of its kind, not an addition to one
                increment = any(c.kind == kind for c in claims + sentence_claims)
            revised = revision_at is not None and fig.end <= revision_at
            if not revised and _revision_cue_before(doc, fig, sent):
                revised = True
            low = fig.low if status == ClaimStatus.figure else (0 if status == ClaimStatus.none_reported else None)
            high = fig.high if status == ClaimStatus.figure else (0 if status == ClaimStatus.none_reported else None)
            sentence_claims.append(
                ClaimMention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    kind=ClaimKind(kind),
                    status=status,
                    low=low,
                    high=high,
                    implausible=implausible(kind, low, high),
                    approximate=fig.approximate,
                    source=src.name,
                    source_type=src.type,
                    scope=scope,
                    scope_party=party,
                    as_of=as_of,
                    revised=revised,
                    increment=increment,
                    sentence_start=sent_start,
                    sentence_end=sent_end,
                )
            )

        remark = coder_remark(sent)
        cut = remark.start if remark is not None else sent.end_char  # a coder's remark reports no toll
        for fig in find_figures(sent):
            if doc[fig.start].idx >= cut:
                continue
            kinds, noun = classify_figure(doc, fig, sent)
            kinds += _then_killed(noun if noun is not None else doc[fig.num_end], kinds)
            if not kinds and noun is not None:
                kinds = _kind_of_conjunct(noun)
            if kinds and (
                not_a_toll(noun if noun is not None else doc[fig.num_end])
                or in_cause_clause(doc[fig.num_end], range(fig.start, fig.end))
                or cumulative_total(doc[fig.num_end])
            ):
                taken.update(range(fig.start, fig.end))
                continue
            denied = _denied_figure(noun if noun is not None else doc[fig.num_end])
            for kind in kinds:
                if kind in denied:  # 'the two guards were not injured': none of that kind
                    add(Figure(fig.start, fig.end, fig.num_end, 0, 0, False), kind, noun, ClaimStatus.none_reported)
                else:
                    add(fig, kind, noun)
            if kinds:
                taken.update(range(fig.start, fig.end))
                if noun is not None:
                    taken.add(noun.i)
        for fig, kind, victim in singular_figures(sent, taken):
            if doc[fig.start].idx >= cut or not_a_toll(victim) or in_cause_clause(victim, range(fig.start, fig.end)):
                continue
            same_kind = [c for c in sentence_claims if c.kind == kind]
            # "49 people were killed before the gunman was shot dead": the attacker apart
            attacker = victim.lemma_.lower() in PERPETRATOR_NOUNS and not any(c.scope_party in PERPETRATOR_NOUNS for c in same_kind)
            if not same_kind or attacker:
                add(fig, kind, victim)
        for kind, start, end, victim in zero_claims(sent):
            if any(c.kind == kind for c in sentence_claims) or doc[start].idx >= cut:
                continue
            add(Figure(start, end, end - 1, 0, 0, False), kind, victim, ClaimStatus.none_reported)
        for kind, start, end in negated_casualties(sent):
            if any(c.kind == kind for c in sentence_claims) or doc[start].idx >= cut:
                continue
            add(Figure(start, end, end - 1, 0, 0, False), kind, None, ClaimStatus.none_reported)
        if remark is not None:
            value = _apply_remark(remark, claims + sentence_claims)
            span = doc.char_span(*remark.figure, alignment_mode="expand")
            if value is not None and span is not None:
                add(Figure(span.start, span.end, span.end - 1, value, value, False), "killed", None)
                coded = sentence_claims[-1]
                coded.revised = coded.increment = False
                coded.source, coded.source_type = "article", "article"  # the coder's, not the outlet's in brackets
        for start, end, verb in undisclosed_claims(sent):
            if any(c.kind == "killed" for c in sentence_claims) or doc[start].idx >= cut:
                continue
            fig = Figure(start, end, verb.i, None, None, False)
            add(fig, "killed", None, ClaimStatus.undisclosed)
            claim = sentence_claims[-1]
            src_country = sent_sources.source_for(verb).country
            if src_country:
                claim.scope, claim.scope_party = Scope.one_side.value, src_country
        _coordinated_groups(sentence_claims, nouns)
        if revision_at is not None and not any(c.revised for c in sentence_claims):
            _mark_previous_revised(claims, sentence_claims)
        claims.extend(sentence_claims)
        state.remember(sent_sources)
    return claims


def _coordinated_groups(sentence_claims: list[ClaimMention], nouns: dict[int, Token]) -> None:
    """'two Fulani and two Bariba were killed', '5 soldiers and 3 policemen died': figures
    whose nouns are coordinated count different people, each its own group, summed by the
    estimate (ACLED's fatalities are every death of the event)."""
    by_noun = {tok.i: n for n, tok in nouns.items()}
    for n, tok in nouns.items():
        for conj in (c for c in tok.children if c.dep_ == "conj"):
            m = by_noun.get(conj.i)
            if m is None:
                continue
            a, b = sentence_claims[n], sentence_claims[m]
            if a.kind != b.kind or a.status != ClaimStatus.figure or b.status != ClaimStatus.figure:
                continue
            for claim, noun in ((a, tok), (b, conj)):
                if claim.scope == Scope.all or claim.scope == Scope.all.value:
                    claim.scope, claim.scope_party = Scope.one_side, noun.text.lower()
                elif claim.scope_party is None:
                    claim.scope_party = noun.text.lower()


INCREMENT_WORDS = {"more", "other", "others", "another", "additional", "further"}


def _is_increment(doc: Doc, fig: Figure, sent: Span) -> bool:
    """'one of the wounded passengers died', 'three more soldiers', 'two others': part of,
    or an addition to, a toll, never a toll itself."""
    nxt = doc[fig.end] if fig.end < sent.end else None
    if nxt is None:
        return False
    if nxt.lower_ in INCREMENT_WORDS:
        return True
    if nxt.lower_ == "of" and fig.end + 1 < sent.end and doc[fig.end + 1].lower_ in {"the", "those", "its", "their", "them", "these"}:
        # "two of the attackers were killed": part of the attackers, not of a toll
        return not (fig.end + 2 < sent.end and doc[fig.end + 2].lemma_.lower() in PERPETRATOR_NOUNS)
    return doc[fig.start - 1].lower_ in {"another", "further", "additional"} if fig.start > sent.start else False


def _trimmed(sent: Span) -> tuple[int, int]:
    text = span_text(sent)
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(text.rstrip())


REVISION_VERBS = {"revise", "correct", "lower", "raise", "update", "retract", "withdraw", "amend", "adjust"}


def _revision_index(sent: Span) -> int | None:
    tab = table(sent.doc)
    lemmas, pos = tab.lemma, tab.pos
    for i in range(sent.start, sent.end):
        if lemmas[i] in REVISION_VERBS and pos[i] == "VERB":
            return i
    return None


def _revision_cue_before(doc: Doc, fig: Figure, sent: Span) -> bool:
    lower = table(doc).lower
    window = lower[max(sent.start, fig.start - 8) : fig.start]
    return any(w in {"initially", "originally", "earlier", "previously"} for w in window) and any(
        w in {"later", "revised", "corrected", "now", "but"} for w in lower[sent.start : sent.end]
    )


def _mark_previous_revised(previous: list[ClaimMention], current: list[ClaimMention]) -> None:
    for claim in current:
        for old in reversed(previous):
            if old.kind == claim.kind and old.status == ClaimStatus.figure:
                old.revised = True
                break
