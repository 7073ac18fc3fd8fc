"""Text as it really comes: all-capital wire copy, transcript markers, agency credits.

spaCy's small English model leans on letter case to find names: "GUNMEN KILLED FIVE
VILLAGERS IN GARISSA" parses with no place at all. Two steps, both keeping every
character offset (only letter case changes, or characters become spaces), so that the
spans the stages find still point into the article as given:

* ``truecase`` rewrites the lines that are mostly capitals: words lowercased, sentence
  starts capitalised, and the names clashwatch knows (countries, regions, towns of the
  gazetteer, armed groups, demonyms, months and weekdays) spelled as those lists spell
  them; short vowel-less words and known acronyms ("TTP", "UN") stay in capitals.
* ``neutralise`` blanks what is not the story: bracketed transcript markers
  ("[MUSIC]", "(APPLAUSE)"), agency credits ("(Reuters)", "(AFP)"), copyright lines and
  "Reporting by ...; Editing by ..." lines. A dateline's place stays (a weak location
  cue); its agency credit goes.

The pipeline parses the rewritten text and puts the original text back into every quote
of the result (``restore_quotes``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from importlib import resources as _res

# -- how much of a text is capitals --------------------------------------------------------
MIN_CAPS_SHARE = 0.8  # of the cased letters
MIN_CAPS_WORDS = 3  # a line with fewer words is left as it is

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def caps_share(text: str) -> float:
    """The share of cased letters that are capitals (0 when there are none)."""
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper / (upper + lower) if upper + lower else 0.0


def mostly_capitals(text: str) -> bool:
    return len(_LETTER_WORD_RE.findall(text)) >= MIN_CAPS_WORDS and caps_share(text) >= MIN_CAPS_SHARE


def lower_same_length(text: str) -> str:
    """``text.lower()``, except characters whose lowercase is longer ('İ') stay as they are."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# -- the names clashwatch knows ------------------------------------------------------------
MAX_NAME_WORDS = 4
COMMON_CITY_MIN_POP = 200_000  # a town named like an English word is a name only when this big
ACRONYMS = frozenset(
    """UN UNHCR UNICEF UNMISS MONUSCO MINUSMA MINUSCA AMISOM ATMIS AU EU NATO OSCE SMM ECOWAS IGAD
    NGO NGOS IDP IDPS IED IEDS MP MPS ISIS ISIL ISWAP JNIM AQIM IDF RSF SAF SDF YPG PKK HTS KDF
    DRC UK USA UAE FARDC FDLR ADF CNDP ODM CORD IEBC ANC MDC ZANU PF APC PDP AK RPG RPGS TV BBC CNN
    AFP AP""".split()
)
MONTHS_DAYS = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Jan Feb Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_VOWELS = set("aeiouyAEIOUY")
VERB_MONTHS = ("may", "march", "mar")
_VERB_MONTH_RE = re.compile(r"(?<=\d )(?:may|march|mar)\b|\b(?:may|march|mar)(?=\.?,? \d)")


def _resource_lines(name: str):
    with _res.files("clashwatch.resources").joinpath(name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n")


def _tsv_column(name: str, columns: tuple[int, ...], split_bar: bool = False) -> list[str]:
    out = []
    rows = csv.reader(_resource_lines(name), delimiter="\t")
    next(rows, None)  # header
    for row in rows:
        for c in columns:
            if c < len(row) and row[c].strip():
                out.extend(x.strip() for x in row[c].split("|")) if split_bar else out.append(row[c].strip())
    return out


@cache
def _everyday_words() -> frozenset[str]:
    """Words never taken for a town's name: spaCy's stop words and the project's lexicons."""
    words: set[str] = set()
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        words |= set(STOP_WORDS)
    except Exception:  # noqa: BLE001
        pass
    for name in ("actors.tsv", "event_cues.tsv", "weapons.tsv", "victims.tsv"):
        try:
            for cue in _tsv_column(name, (0,)):
                words.update(w.lower() for w in _WORD_RE.findall(cue))
        except Exception:  # noqa: BLE001
            pass
    return frozenset(words)


@cache
def _common_words() -> frozenset[str]:
    """English words: spaCy's stop words and WordNet's lemmas that ship with the model, the
    project's own lexicons (actor nouns, event cues, weapons, victims)."""
    words: set[str] = set()
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        words |= set(STOP_WORDS)
        from .nlp import load_model

        lemmatizer = load_model().get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos in index:
            words.update(w for w in index[pos] if "_" not in w)
        # irregular forms ('came', 'fled', 'men'): the model's exception table
        exceptions = lemmatizer.lookups.get_table("lemma_exc")
        for pos in exceptions:
            words.update(w for w in exceptions[pos] if "_" not in w)
    except Exception:  # noqa: BLE001 - a smaller list is still a list
        pass
    for name, cols in (("actors.tsv", (0,)), ("event_cues.tsv", (0,)), ("weapons.tsv", (0,)), ("victims.tsv", (0,))):
        try:
            for cue in _tsv_column(name, cols):
                words.update(w.lower() for w in _WORD_RE.findall(cue))
        except Exception:  # noqa: BLE001
            pass
    return frozenset(words)


def _is_common(word: str, common: frozenset[str]) -> bool:
    """An English word or a regular inflection of one: 'guns', 'fired', 'looting', 'cities'."""
    if word in common:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and word[: -len(suffix)] + repl in common:
            return True
    return False


def is_common_word(word: str) -> bool:
    """An English word (lowercased) or a regular inflection of one, by the list above."""
    return _is_common(word.lower(), _common_words())


def _fold(text: str) -> str:
    """The key a name is looked up by: lowercase, without accents, hyphens as spaces
    (the same length as ``text``, or just lowercased when folding would change it)."""
    low = lower_same_length(text)
    folded = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    if len(folded) != len(low):
        folded = low
    return folded.replace("-", " ").replace("’", "'")


def _add(names: dict[str, str | None], name: str | None, overwrite: bool = False) -> None:
    """Remember ``name``'s spelling: the case of each letter (its key has the same length)."""
    if not name or not any(c.isupper() for c in name) or name.isupper():
        return  # capitals-only names (DRC, CAR) are acronyms: ``_acronyms``
    if not all(c.isalpha() or c in " -'’." for c in name):
        return
    key = _fold(name)
    if len(key) != len(name) or len(key.split()) > MAX_NAME_WORDS:
        return
    if overwrite or key not in names:
        names[key] = "".join("U" if c.isupper() else "l" for c in name)


@cache
def known_names(gazetteer=None) -> dict[str, str | None]:
    """Name key (``_fold``) -> the case of its letters ('U'/'l'; None: each word capitalised)."""
    names: dict[str, str | None] = {}
    common = _common_words()
    everyday = _everyday_words()
    if gazetteer is not None:
        pops = getattr(gazetteer, "_pops", ())
        for key, ids in getattr(gazetteer, "_index", {}).items():
            if not key or len(key.split()) > MAX_NAME_WORDS or not all(c.isalpha() or c in " '" for c in key):
                continue
            if " " not in key and key in everyday:
                continue
            if all(_is_common(w, common) for w in key.split()):
                codes = ids if isinstance(ids, tuple) else (ids,)  # entry * 2 (+1: an alternate name)
                if max((pops[c // 2] for c in codes if c // 2 < len(pops)), default=0) < COMMON_CITY_MIN_POP:
                    continue
            names[key] = None
    # always names, whatever English words they look like
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                _add(names, getattr(c, attr, None), overwrite=True)
    except Exception:  # noqa: BLE001
        pass
    for file, cols, bar in (
        ("country_names.tsv", (1, 2), True),
        ("demonyms.tsv", (1,), True),
        ("armed_groups.tsv", (0, 1), True),
    ):
        try:
            for name in _tsv_column(file, cols, split_bar=bar):
                if file == "country_names.tsv" and " " not in name and _fold(name) in common:
                    continue  # an alias that is an English word ("Man")
                _add(names, name, overwrite=True)
        except Exception:  # noqa: BLE001
            pass
    for word in MONTHS_DAYS:
        _add(names, word, overwrite=True)
    for word in VERB_MONTHS:  # "may" and "march" are months only next to a number: ``_truecase_line``
        names.pop(word, None)
    return names


@cache
def _acronyms() -> frozenset[str]:
    found = set(ACRONYMS)
    common = _common_words()
    try:
        for file, cols in (("armed_groups.tsv", (0, 1)), ("country_names.tsv", (1, 2))):
            for name in _tsv_column(file, cols, split_bar=True):
                found.update(
                    w for w in _WORD_RE.findall(name) if w.isupper() and len(w) >= 2 and w.lower() not in common
                )
    except Exception:  # noqa: BLE001
        pass
    return frozenset(found)


# -- truecasing ------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*|\s(?:[—–-]|--))\s+$")
_DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,30}(?:,[^\n]{0,60}?)?\s[—–-]{1,2}\s")


def truecase(text: str, gazetteer=None) -> str:
    """``text`` with its mostly-capital lines truecased; the same length, only case changes."""
    if not any(mostly_capitals(line) for line in text.split("\n")):
        return text
    names = known_names(gazetteer)
    out = []
    for line in text.split("\n"):
        out.append(_truecase_line(line, names) if mostly_capitals(line) else line)
    result = "\n".join(out)
    assert len(result) == len(text)
    return result


UNKNOWN_NAME_MIN = 4  # letters of a word that is no English word, taken for a name


def _truecase_line(line: str, names: dict[str, str]) -> str:
    acronyms = _acronyms()
    common = _common_words()
    chars = list(lower_same_length(line))
    low = "".join(chars)
    key = _fold(line)
    if len(key) != len(line):
        key = low
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(line)]
    keep_first = bool(_DATELINE_RE.match(line))
    i = 0
    while i < len(words):
        matched = 0
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            gaps = [low[words[k][1] : words[k + 1][0]] for k in range(i, i + n - 1)]
            if any(g not in (" ", "-") for g in gaps):
                continue
            segment = key[start:end]
            if n == 1 and line[start:end] in acronyms:
                break  # "UN", not the town of Un
            if segment in names:
                mask = names[segment]
                for k in range(start, end):
                    up = mask[k - start] == "U" if mask else (k == start or line[k - 1] in " -")
                    if up and len(chars[k].upper()) == 1:
                        chars[k] = chars[k].upper()
                matched = n
                break
        if matched:
            i += matched
            continue
        start, end = words[i]
        word = line[start:end]
        after_digit = start > 0 and line[start - 1].isdigit()  # 1ST, 2592KG
        if word.isupper() and not after_digit and (word in acronyms or (2 <= len(word) <= 4 and not _VOWELS & set(word))):
            chars[start:end] = word
        elif low[start:end] == "i":
            chars[start] = "I"
        elif len(word) >= UNKNOWN_NAME_MIN and word.isalpha() and not _is_common(low[start:end], common):
            chars[start] = chars[start].upper()  # no English word: a name ('KIBUNGERE', 'IMBONERAKURE')
        i += 1
    for m in _VERB_MONTH_RE.finditer(low):
        chars[m.start()] = chars[m.start()].upper()
    # sentence starts: the line's first word, and a word after . ! ?
    for k, (start, end) in enumerate(words):
        if k == 0 or _SENTENCE_END.search(low, max(0, start - 12), start):
            if k == 0 and keep_first:
                chars[start:end] = line[start:end]
            else:
                chars[start] = chars[start].upper() if len(chars[start].upper()) == 1 else chars[start]
    return "".join(chars)


# -- blanking what is not the story ------------------------------------------------------------
AGENCIES = (
    "Reuters|AFP|AP|Associated Press|Agence France-Presse|Xinhua|Anadolu|Anadolu Agency|dpa|"
    "EFE|ANSA|Kyodo|Yonhap|TASS|RIA Novosti|Interfax|IANS|PTI|Bernama|Bloomberg|UPI"
)
MARKER_WORDS = (
    "music|applause|laughter|laughs|laughing|inaudible|crosstalk|cross talk|unintelligible|"
    "cheering|cheers|silence|noise|foreign|blank_audio|blank audio|sound|sound bite|soundbite|"
    "video clip|begin video clip|end video clip|begin videotape|end videotape|commercial break|"
    "break|gunfire|gunshots|explosion|explosions|sirens|siren|singing|chanting|speaking foreign language|"
    "foreign language|translated|translation|voice of interpreter|through translator|off-mic|off mic|"
    "audio gap|technical difficulties|no audio|pause|coughs|sighs|indistinct|indistinct chatter|bleep|"
    "bleeped|beep|end|start|intro|outro|theme music|upbeat music|dramatic music|music playing|"
    "birds chirping|dog barking|phone ringing|crowd noise|crowd chanting"
)
# a credit opens a line or a dateline ("NAIROBI, March 3 (Reuters) -") or ends a line
_AGENCY = rf"\((?:{AGENCIES})(?:\s*/\s*(?:{AGENCIES}))*\)"
_AGENCY_CREDIT = re.compile(
    rf"^[ \t]*{_AGENCY}|{_AGENCY}(?=[ \t]*(?:[-—–]|$))", re.IGNORECASE | re.MULTILINE
)
_MARKER = re.compile(rf"[\[(]\s*(?:{MARKER_WORDS})\s*[\])]", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"^[ \t(]*(?:(?:additional\s+)?reporting|writing|editing|compiled)"
    r"\s+by\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_COPYRIGHT = re.compile(
    r"(?:\(c\)|©|\bcopyright\b)\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)[^\n]*", re.IGNORECASE
)


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


def neutralise(text: str) -> str:
    """``text`` with transcript markers, agency credits, copyright and credit lines blanked."""
    spans = []
    for rx in (_AGENCY_CREDIT, _MARKER, _CREDIT_LINE, _COPYRIGHT):
        spans.extend(m.span() for m in rx.finditer(text))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        _blank(chars, start, end)
    return "".join(chars)


# -- quoting the text as given ---------------------------------------------------------------
def restore_quotes(result, analysed: str, original: str, body_offset: int) -> None:
    """Put ``original``'s characters back into every quote of ``result`` (parsed from
    ``analysed``, the same length): spans by their offsets, an event's sentence by where it is."""
    if analysed == original:
        return

    def absolute(section: str | None, start: int) -> int:
        return start + body_offset if section == "body" else start

    def put_back(text: str, start: int) -> str:
        end = start + len(text)
        if 0 <= start and end <= len(analysed) and analysed[start:end] == text:
            return original[start:end]
        return text

    for place in result.places:
        place.text = put_back(place.text, absolute(place.section, place.start))
    for date in result.dates:
        date.text = put_back(date.text, absolute(date.section, date.start))
    for claim in result.claims:
        claim.sentence = put_back(claim.sentence, absolute(claim.section, claim.start))
        claim.figure = put_back(claim.figure, absolute(claim.section, claim.figure_start))
    for event in result.events:
        at = absolute(event.section, event.start)
        event.text = put_back(event.text, at)
        event.sentence = _put_back_around(event.sentence, at, analysed, original)


def _put_back_around(sentence: str, at: int, analysed: str, original: str) -> str:
    if not sentence:
        return sentence
    pos = analysed.find(sentence)
    while pos != -1:
        if pos <= at <= pos + len(sentence):
            return original[pos : pos + len(sentence)]
        pos = analysed.find(sentence, pos + 1)
    return sentence
