"""Actors: who acts and who is acted on, normalised to ACLED-style names and inter codes.

Found from actor nouns (``resources/actors.tsv``: "forces", "police", "protesters", ...)
with their national modifiers ("Kyrgyz forces", "forces of Kyrgyzstan"), from named armed
groups (``resources/armed_groups.tsv``), from countries acting as states ("Tajikistan
accused ...": the state), and from ethnic groups acting violently (identity militias).
A mention whose country the text does not give gets it from context in ``assemble``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from .countries import country_code, country_name
from ..model import Actor, ActorMention, PlaceMention
from ..nlp import doc_ents, doc_text, table
from ..resources import load_tsv

INTER = {
    "military": 1, "police": 1, "government": 1, "state": 1, "rebels": 2, "unidentified": 3, "militia": 3,
    "ethnic_militia": 4, "rioters": 5, "protesters": 6, "civilians": 7, "external": 8,
}


TITLES = {"president", "minister", "premier", "governor", "chancellor", "king", "emir", "leader", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "general"}


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    single, multi = {}, {}
    for row in load_tsv("actors.tsv"):
        (multi if " " in row["lemma"] else single)[row["lemma"]] = row["kind"]
    return single, multi


@cache
def _groups() -> dict[str, tuple[str, int, str | None]]:
    table = {}
    for row in load_tsv("armed_groups.tsv"):
        for alias in row["aliases"].split("|"):
            table[alias.lower()] = (row["name"], int(row["inter"]), row["country"] or None)
    return table


@cache
def _acronyms() -> frozenset[str]:
    """All-capital aliases ('IS', 'JNIM'): matched as tokens even where NER misses them."""
    return frozenset(a for row in load_tsv("armed_groups.tsv") for a in row["aliases"].split("|") if a.isupper() and len(a) >= 2)


def actor_name(kind: str, country: str | None, label: str | None = None) -> str:
    """ACLED-style name: 'Military Forces of Kyrgyzstan', 'Protesters (Kenya)'."""
    place = country_name(country) if country else None
    if kind in {"military", "state"}:
        return f"Military Forces of {place}" if place else "Military Forces"
    if kind == "police":
        return f"Police Forces of {place}" if place else "Police Forces"
    if kind == "government":
        return f"Government of {place}" if place else "Government"
    base = {
        "rebels": "Rebels",
        "unidentified": "Unidentified Armed Group",
        "militia": "Unidentified Militia",
        "ethnic_militia": f"{label} Ethnic Militia" if label else "Ethnic Militia",
        "protesters": "Protesters",
        "rioters": "Rioters",
        "civilians": "Civilians",
        "external": label or "External Forces",
    }.get(kind, label or kind.title())
    return f"{base} ({place})" if place else base


def make_actor(kind: str, country: str | None, label: str | None = None, inter: int | None = None) -> Actor:
    return Actor(name=actor_name(kind, country, label), country_code=country, inter=inter or INTER.get(kind))


def _modifier_country(tok: Token) -> str | None:
    """'Kyrgyz forces', "Kyrgyzstan's army", 'forces of Kyrgyzstan', 'the Afghan military'."""
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            cc = country_code(child.text)
            if cc:
                return cc
            for grand in child.children:
                if grand.dep_ in {"compound", "amod"}:
                    cc = country_code(grand.text)
                    if cc:
                        return cc
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    cc = country_code(_compound_text(obj))
                    if cc:
                        return cc
    return None


def _compound_text(tok: Token) -> str:
    parts = [c for c in tok.children if c.dep_ in {"compound", "det"} and c.i < tok.i] + [tok]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


@cache
def _spellings() -> dict[str, frozenset[str]]:
    """Each armed group's name and aliases, lower-cased, by name."""
    return {
        row["name"]: frozenset(a.strip().lower() for a in [row["name"], *row["aliases"].split("|")] if a.strip())
        for row in load_tsv("armed_groups.tsv")
    }


def _spelled_out_otherwise(text: str, acronym: str, names: frozenset[str]) -> bool:
    """The article spells the acronym out as another name: 'the Medical Research Council
    (MRC)' or 'MRC (Medical Research Council)' is no 'Mombasa Republican Council'."""
    for m in re.finditer(rf"\(\s*{re.escape(acronym)}\s*\)|\b{re.escape(acronym)}\s*\(([^()]{{3,80}})\)", text):
        spelled = (m.group(1) or text[max(m.start() - 80, 0) : m.start()]).lower()
        if not any(n in spelled for n in names if n != acronym.lower()):
            return True
    return False


def find_actors(doc: Doc, places: list[PlaceMention]) -> list[ActorMention]:
    single, multi = _lexicon()
    groups = _groups()
    found: dict[int, ActorMention] = {}
    claimed: set[int] = set()
    ents = doc_ents(doc)  # Doc.ents builds its spans again on each access

    def add(span: Span, head: Token, kind: str, actor: Actor, known: bool) -> None:
        if head.i in found or claimed & set(range(span.start, span.end)):
            return
        found[head.i] = ActorMention(
            text=span.text, start=span.start_char, end=span.end_char, actor=actor, kind=kind, head=head.i, country_known=known
        )
        claimed.update(range(span.start, span.end))

    acronyms = _acronyms()
    tab = table(doc)
    tokens, words, lower, lemmas, pos = tab.tokens, tab.words, tab.lower, tab.lemma, tab.pos
    text = tab.text
    other = {
        a.lower() for a in acronyms.intersection(words)
        if (f"({a}" in text or f"{a} (" in text) and _spelled_out_otherwise(text, a, _spellings()[groups[a.lower()][0]])
    }
    # named armed groups first: "Al Shabaab", "IS Sahel", "JNIM"
    for ent in ents:
        if ent.label_ in {"ORG", "NORP", "GPE", "PERSON"}:
            key = re.sub(r"^the ", "", ent.text.lower())
            if key in groups and key not in other:
                name, inter, cc = groups[key]
                add(ent, ent.root, "group", Actor(name=name, country_code=cc, inter=inter), True)
    for i, word in enumerate(words):
        if word in acronyms and word.lower() not in other:
            tok = tokens[i]
            name, inter, cc = groups[tok.text.lower()]
            add(doc[tok.i : tok.i + 1], tok, "group", Actor(name=name, country_code=cc, inter=inter), True)

    # office holders: "Russian President Vladimir Putin", "Kenya's interior minister"
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        window = doc[max(ent.start - 4, 0) : ent.start]
        titles = [t for t in window if t.lower_ in TITLES]
        if not titles:
            continue
        cc = next((country_code(t.text) for t in window if country_code(t.text)), None)
        if cc:
            span = doc[titles[0].i if titles[0].i - 1 < 0 or not country_code(doc[titles[0].i - 1].text) else titles[0].i - 1 : ent.end]
            add(span, ent.root, "government", make_actor("government", cc), True)

    for i, tag in enumerate(pos):
        if i in claimed or tag not in {"NOUN", "PROPN"}:
            continue
        lemma = lemmas[i]
        kind = None
        # two-word actor nouns: "security forces", "riot police", "armed men"
        if i > 0:
            pair = f"{lemmas[i - 1]} {lemma}"
            pair_lower = f"{lower[i - 1]} {lower[i]}"
            kind = multi.get(pair) or multi.get(pair_lower)
            if kind and i >= 2:
                triple = f"{lower[i - 2]} {pair_lower}"
                kind = multi.get(triple, kind)
        kind = kind or single.get(lemma) or single.get(lower[i])
        if kind is None:
            continue
        tok = tokens[i]
        if kind == "government" and tok.pos_ == "PROPN" and lemma not in {"kremlin"}:
            continue
        cc = _modifier_country(tok)
        if kind == "civilians" and lemma in {"lorry", "truck", "bus"} and cc is None:
            continue
        span = doc[tok.left_edge.i if tok.left_edge.i >= tok.i - 3 else tok.i : tok.i + 1]
        add(span, tok, kind, make_actor(kind, cc), cc is not None)

    # countries and demonyms acting as states: "Tajikistan accused ...", "between Tajikistan and Kyrgyzstan"
    for ent in ents:
        if ent.label_ not in {"GPE", "NORP"} or any(i in claimed for i in range(ent.start, ent.end)):
            continue
        cc = country_code(ent.text)
        root = ent.root
        if cc is None:
            if ent.label_ == "NORP" and root.dep_ in {"nsubj", "compound", "amod"} and _violent_head(root):
                label = ent.text.strip()
                add(ent, root, "ethnic_militia", make_actor("ethnic_militia", None, label), False)
            continue
        if root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "agent"} and ent.label_ == "GPE" or (
            ent.label_ == "NORP" and root.dep_ in {"nsubj", "dobj", "pobj", "conj"} and root.tag_ in {"NNPS", "NNP"}
        ):
            if root.dep_ == "pobj" and root.head.lower_ in {"in", "of", "near", "from", "to", "across", "at", "inside", "into"}:
                continue
            add(ent, root, "state", make_actor("state", cc), True)
    return sorted(found.values(), key=lambda m: m.start)


def _violent_head(tok: Token) -> bool:
    head = tok.head if tok.dep_ in {"compound", "amod"} else tok
    verb = head.head if head.dep_ == "nsubj" else head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in {"attack", "kill", "spear", "raid", "clash", "fight", "burn", "loot", "ambush", "shoot", "hack", "torch"}
