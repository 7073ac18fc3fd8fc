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

from ..model import EventTrigger, WeaponMention
from ..nlp import table
from ..resources import load_json, load_list, load_tsv

FAMILIES = load_json("event_families.json")
DOMAIN: dict[str, str] = FAMILIES["domain"]
ENDING_VERBS = set(FAMILIES["ending_verbs"])
# 'recruited youths to fight abroad', 'trained them to attack': the purpose, not an event
HYPOTHETICAL_HEADS = {"threaten", "plan", "vow", "intend", "prepare", "fear", "warn", "want", "seek", "aim", "recruit", "train", "mobilise", "mobilize", "urge", "ask", "call", "appeal", "encourage", "exhort", "implore"}  # and what is urged: "urged its fighters to attack"
# 'a plan to attack', 'a plot to bomb': nouns whose infinitive tells an aim
PLAN_NOUNS = set(FAMILIES["plan_nouns"])
MODALS = {"will", "would", "could", "might", "may", "shall", "should"}
# 'players can storm the rig', 'a pack can kill an elk in minutes': what someone is able to
# do, the language of a game's or a science page's description, not a report of an event
ABILITY_MODALS = {"can"}
# 'you fight your way through', 'your party can fight a dragon': a page that addresses its
# reader (a game review, a guide); wire news reports third persons
READER_WORDS = {"you", "your"}
UNREPORTED_MODALS = MODALS | ABILITY_MODALS


@cache
def _cue_table() -> tuple[dict[str, tuple[str, str, float]], tuple[tuple[str, str], ...]]:
    cues = {}
    for row in load_tsv("event_cues.tsv"):
        # one cue may vote for different families depending on its object
        # ('seized the town' / 'seized rifles'): the key carries the family
        key = f"{row['cue']}|{row['pos']}|{row['family']}"
        cues[key] = (row["cue"], row["family"], float(row["strength"]))
    weapons = tuple((row["cue"], row["weapon"]) for row in load_tsv("weapons.tsv"))
    return cues, weapons


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def _verb_tagged_noun(tok: Token) -> bool:
    """A headline verb the tagger read as a noun: 'Attackers shoot soldier' ('shoot' has a
    subject and an object of its own)."""
    return tok.pos_ == "NOUN" and tok.tag_ in {"NN", "NNS"} and any(c.dep_ == "nsubj" for c in tok.children) and any(
        c.dep_ == "dobj" for c in tok.children
    )


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
                    if head.pos_ != pos and not (pos == "VERB" and _verb_tagged_noun(head)):
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


STOPPED_BY = {"stop", "halt", "break"}
# verbs that only carry an event noun ('launch an attack', 'hold a rally'): whether the event
# happened is told by the verb above them ('planned to hold a rally' did not hold it)
LIGHT_VERBS = {"launch", "carry", "stage", "conduct", "mount", "commit", "perpetrate", "wage", "hold", "organise", "organize", "unleash"}
# 'before shooting him', 'while looting', and the means of a verb: 'demonstrated by setting
# fire to mattresses', 'dispersed the crowd by firing tear gas' (what was done, not what
# was demanded or ended)
NARRATING_PREPS = {"before", "while", "by"}


def _adjective_read_as_verb(node: Token, child: Token) -> bool:
    """'Suspected ISGS militants seized a vehicle' parsed with 'suspected' as the main verb:
    a participle with no subject of its own right before the subject of its clause."""
    if node.lower_ not in {"suspected", "alleged", "presumed"} or child.dep_ != "ccomp":
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
        return False
    subject = next((c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.left_edge.i == node.i + 1


HYPOTHETICAL_MODIFIERS = set(FAMILIES["hypothetical_modifiers"])


def is_reference(tok: Token) -> bool:
    """A cue that names an event without reporting it: 'to end the bloodshed',
    'threatened to attack', 'no clashes were reported', 'will protest'."""
    if any(c.dep_ == "neg" for c in tok.children) or any(
        c.lower_ in ({"no"} if tok.pos_ == "VERB" else {"no", "without"}) for c in tok.children if c.dep_ in {"det", "prep"}
    ):  # 'took the town without a fight' still took it
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"no", "without", "any"}:
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ in {"det", "amod"} and c.lower_ in HYPOTHETICAL_MODIFIERS for c in tok.children):
        return True  # 'to foil any possible attack', 'a potential clash': one that may come, not one told ('a possible revenge attack' hedges what happened: it stays)
    first = tok.head if tok.dep_ == "conj" else tok  # 'no reports of violence or clashes'
    if first.dep_ == "pobj" and first.head.lower_ == "of" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in first.head.head.children
    ):
        return True  # 'no reports of clashes', 'no sign of violence'

    if any(c.lower_ in UNREPORTED_MODALS for c in tok.children if c.dep_ == "aux"):
        return True
    if tok.pos_ == "NOUN" and tok.dep_ in SUBJECT_DEPS and _generic_modal(tok.head):
        return True  # 'a single raid can involve thousands of ants', 'attacks may come at any time': what can be, not what was
    if tok.pos_ == "VERB" and any(
        c.dep_ in SUBJECT_DEPS and (c.lower_ in READER_WORDS or any(g.dep_ == "poss" and g.lower_ in READER_WORDS for g in c.children))
        for c in tok.children
    ):
        return True
    if _denied_with_its_conjunct(tok):
        return True
    if imperative(tok):
        return True  # 'kill the process with kill -9', 'blast the tomatoes in a hot oven': an instruction
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"against", "over", "about"} and not _driven_over(tok):
        return True  # 'protested against the arrest of', 'detained over the attack', 'complained about violence': the cause, not a new event
    if _open_question(tok):
        return True
    if tok.pos_ == "VERB" and _told_as_future(tok):
        return True  # 'militants were going to attack the town'
    node, steps = tok, 0
    while node.head.i != node.i and steps < 3:
        child, node = node, node.head
        steps += 1
        lemma = node.lemma_.lower()
        if child.dep_ in {"nsubj", "nsubjpass"} and _open_question(node):
            return True  # 'it is unclear whether clashes took place'

        if child.dep_ == "prep" and child.lower_ in NARRATING_PREPS:
            return False  # 'demanded his camera before shooting him dead': the shooting is told, not demanded
        if _adjective_read_as_verb(node, child):
            break  # 'suspected militants seized a car': 'suspected' describes the militants
        if lemma in ENDING_VERBS and child.dep_ in {"dobj", "xcomp", "pobj", "nsubjpass", "ccomp", "prep"}:
            if child.dep_ == "nsubjpass" and lemma in STOPPED_BY and any(c.dep_ == "agent" for c in node.children):
                return False  # 'the march was stopped by the police': it took place, and was stopped
            return True
        if lemma in HYPOTHETICAL_HEADS and child.dep_ in {"xcomp", "dobj", "ccomp", "prep"}:  # 'with the aim of foiling'
            return True
        if lemma in HYPOTHETICAL_HEADS and child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return True  # 'is recruiting youth to fight abroad' (a purpose parsed as an adverbial clause): the aim, not an event
        if node.pos_ == "NOUN" and lemma in PLAN_NOUNS and child.dep_ in {"acl", "relcl"} and not (lemma == "order" and node.head.lower_ == "in") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            # 'revealed a plan to attack the town', 'an order to attack': the aim, not an event
            # ('fired tear gas in order to disperse them' tells the purpose of what was done)
            return True
        if node.pos_ in {"VERB", "AUX"} and child.dep_ != "conj" and _told_as_future(node):
            return True  # 'the explosives were going to be used in an ambush': what was to come, not an event
        if node.pos_ == "VERB" and lemma in LIGHT_VERBS and child.dep_ == "dobj" and node.dep_ in {"xcomp", "pcomp"}:
            continue  # 'preparing to launch an attack', 'planned to hold a demonstration': the light verb carries the noun
        if node.pos_ == "VERB":
            break
    return False


def _generic_modal(verb: Token) -> bool:
    """'can involve', 'may come', 'might last': a modal of what is possible, not of a report
    ('the attack may have killed dozens' tells, with its perfect, what happened)."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a in GENERIC_MODALS for a in auxes) and "have" not in auxes and "been" not in auxes


GENERIC_MODALS = {"can", "may", "might"}


def _told_as_future(verb: Token) -> bool:
    """'were going to be used', 'was going to attack': the infinitive under 'going' (the
    future seen from the past) tells what was to happen, not what happened."""
    return (
        verb.dep_ == "xcomp" and verb.head.lower_ == "going" and verb.head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def imperative(tok: Token) -> bool:
    """A bare verb heading its sentence with no subject and no auxiliary ('Kill the process',
    'If the server hangs, kill it and fire up a fresh container'): the instruction of a
    manual or a recipe, which reports nothing; a conjunct shares its head's mood."""
    node = tok
    for _ in range(3):  # 'kill it and fire up a container', 'kill the process with kill -9'
        if node.dep_ in {"conj", "pcomp", "prep", "xcomp"} and not any(c.dep_ in SUBJECT_DEPS for c in node.children):
            node = node.head
        else:
            break
    if node.pos_ != "VERB" or node.tag_ != "VB" or node.dep_ != "ROOT":
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj"} for c in node.children):
        return False
    return not node.sent.text.rstrip().rstrip('"').endswith(("?", "!"))


def _open_question(verb: Token) -> bool:
    """A clause opened by 'whether' or 'if' ('it is unclear whether anyone was killed',
    'asked if troops fired', 'if police attack the march'): a question or a condition, not a
    report that it happened."""
    return verb.pos_ in {"VERB", "AUX"} and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children)


# verbs of going over something: 'the truck ran over a landmine' is where it went, not why
OVER_MOTION_VERBS = {"run", "drive", "roll", "ride", "step", "pass", "travel", "go", "walk", "move"}


def _driven_over(tok: Token) -> bool:
    """'their vehicle ran over an IED', 'a convoy drove over a roadside bomb': 'over' as a
    place under a moving vehicle or foot, which sets off the device. ACLED codes such a
    detonation as a remote explosive (codebook, 'Remote explosive/landmine/IED': landmines
    and IEDs set off by the victims' passing), not as the cause of another event."""
    prep = tok.head
    return prep.lower_ == "over" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in OVER_MOTION_VERBS


def _denied_with_its_conjunct(tok: Token) -> bool:
    """A verb conjoined to a negated or modal verb shares its negation when it has no subject
    of its own and the link is not 'but': "cannot wear armour, hold weapons or ever attack
    anyone" attacks nobody; "did not flee but attacked" and "police did not come and
    youths burned tyres" still report an attack and a burning."""
    if tok.pos_ != "VERB" or tok.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        return False
    node = tok
    for _ in range(6):
        if node.dep_ != "conj" or node.head.i == node.i:
            break
        if any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in node.children) or any(
            c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in node.head.children
        ):
            return False
        node = node.head
    if node is tok or node.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.dep_ == "neg" for c in node.children) or any(c.lower_ in UNREPORTED_MODALS for c in node.children if c.dep_ == "aux")


OBJECT_SETS: dict[str, list[str]] = {k: v for k, v in FAMILIES["object_sets"].items() if not k.startswith("_")}


def _expanded(items: list[str]) -> set[str]:
    """Lemmas, '@name' entries expanded from ``object_sets``."""
    return {w for item in items for w in (OBJECT_SETS[item[1:]] if item.startswith("@") else [item])}


def _lemma_table(section: str) -> dict[str, set[str]]:
    """A cue -> lemmas table (``_expanded``)."""
    return {key: _expanded(items) for key, items in FAMILIES[section].items() if not key.startswith("_")}


CUE_OBJECTS = _lemma_table("cue_objects")
# people a killing verb kills ('attack:killing' objects), and offenders a crowd punishes
PERSON_NOUNS = CUE_OBJECTS["attack:killing"] | {"thief", "robber", "burglar", "pickpocket", "rapist", "witch", "wizard", "sorcerer", "rustler", "poacher"}
PARTY_NOUNS = (
    PERSON_NOUNS | {row["lemma"] for row in load_tsv("actors.tsv")} | {row["lemma"] for row in load_tsv("victims.tsv")}
    | {w for key in ("organisation_words", "government_words", "military_words", "institution_phrases") for w in load_json("sources.json")[key] if " " not in w}
    | set(FAMILIES["party_words"])
)
CUE_EXCLUDED = _lemma_table("cue_excluded_objects")
# wild animals: what an attacking verb does to one is hunting, culling or nature's own doing
# ('wolves killed dozens of elk', 'mussels killing native clams'); ACLED codes violence against
# people and their property (a herder's cattle are property: resources/animals.txt)
ANIMALS = frozenset(load_list("animals.txt"))
ANIMAL_VICTIM_FAMILIES = {"attack"}
CUE_INSTRUMENTS_EXCLUDED = {k: set(v) for k, v in FAMILIES["cue_excluded_instruments"].items() if not k.startswith("_")}
SUBTREE_FAMILIES = set(FAMILIES["object_subtree_families"])
NEGATION_OK = set(FAMILIES["negation_ok_families"])


NEEDS_XCOMP = set(FAMILIES["cue_requires_xcomp"])


def _lookup(table: dict[str, set[str]], cue: str, family: str) -> set[str] | None:
    return table.get(f"{family}:{cue}", table.get(cue))


def _object_words(root: Token, family: str, described: bool = False) -> list[set[str]]:
    """The lemmas of each argument of a cue: its object (or passive subject), the subject
    when it has none; 'seized rifles and ammunition' gives the conjuncts too, and families
    such as disrupted weapons use look through the whole phrase ('packages containing
    explosive devices were found'). ``described``: the noun a participle describes counts
    too ('certificates signed by the authority'), for the objects that take a cue's sense
    away."""
    args = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    if root.dep_ == "amod" and root.pos_ in {"VERB", "ADJ"}:
        args.append(root.head)  # 'looted colonial art', 'seized weapons': the noun is what was looted or seized
    if described and root.dep_ == "acl" and root.tag_ == "VBN":
        args.append(root.head)  # 'certificates signed by the authority': what the participle was done to
    if not args and root.pos_ == "VERB":  # 'found and destroyed an IED': the verbs share the object
        args += [g for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children if g.dep_ == "dobj"]
    if root.dep_ in {"xcomp"} or not args:
        args += [c for c in root.children if c.dep_ == "nsubj"]
    if root.pos_ == "NOUN":  # 'a cache of weapons', 'the seizure of arms'
        args += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    args += [c for a in list(args) for c in a.children if c.dep_ == "conj"]
    if family == "movement":
        # 'in Miranda state, a group of officers were moved': the parser can make the place
        # before the forces the subject and the forces its apposition
        args += [c for a in list(args) for c in a.children if c.dep_ == "appos"]
    out = []
    for arg in args:
        if family in SUBTREE_FAMILIES:
            words = {t.lemma_.lower() for t in arg.subtree} | {t.lower_ for t in arg.subtree}
        elif arg.lemma_.lower() in PERSON_NOUNS:
            words = {arg.lemma_.lower(), arg.lower_}  # 'killed a goat thief', 'shot a cattle herder': a person, not livestock
        else:
            words = {arg.lemma_.lower(), arg.lower_} | {c.lemma_.lower() for c in arg.children if c.dep_ in {"compound", "pobj", "prep"}}
            for c in arg.children:  # 'control of the town', 'parts of it'
                if c.dep_ == "prep" and c.lower_ == "of":
                    words |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
        out.append(words)
    return out


QUANTITY_HEADS = {"dozen", "hundred", "thousand", "million", "score", "number", "lot", "herd", "flock", "pack", "swarm", "colony", "school", "population", "pair", "group"}


def _animal_victims(root: Token) -> bool:
    """Every object of the verb (its direct object or passive subject, their conjuncts, and
    the 'of' noun of a quantity: 'dozens of elk') is a wild animal by its head word: 'wolves
    killed dozens of elk', 'the deer were attacked'. One person among them keeps the cue
    ('killed a ranger and two rhinos'); a person named by an animal word ('a goat thief',
    'a cattle herder') is a person."""
    args = patients_of(root)
    if not args:
        return False
    for arg in args:
        head = arg
        if arg.lemma_.lower() in QUANTITY_HEADS or arg.like_num:
            pobjs = [g for c in arg.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            head = pobjs[0] if pobjs else arg
        if head.pos_ != "NOUN" or (head.lemma_.lower() not in ANIMALS and head.lower_ not in ANIMALS):
            return False
    return True


def _a_party(tok: Token) -> bool:
    """A person, a group, an organisation or a country: a name of one, a personal pronoun,
    or a noun of people ('residents', 'the government', 'rebels')."""
    if tok.ent_type_ in PARTY_ENTITIES or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ not in THING_PRONOUNS
    return tok.lemma_.lower() in PARTY_NOUNS or tok.lower_ in PARTY_NOUNS


PARTY_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
REPORTERS_REQUESTS = set(FAMILIES["reporters_requests"])  # what a source is asked: 'not to be named', 'to comment'
THING_PRONOUNS = {"it", "this", "that", "which", "what", "these", "those"}


def _object_allowed(cue: str, root: Token, family: str = "") -> bool:
    """'deployed troops' is a movement of forces; 'deployed mortars' is not; 'asked X to end'
    is an appeal, 'asked a question' is not; 'killed 50 cattle' destroys property."""
    if cue in NEEDS_XCOMP:
        verb = root.head if root.dep_ == "prt" else root
        comps = [c for c in list(verb.children) + list(root.children) if c.dep_ in {"xcomp", "ccomp"}]
        # "asked not to be named", "asked to comment": a source's anonymity or a reporter's question, not an appeal
        if not any(c.lemma_.lower() not in REPORTERS_REQUESTS for c in comps):
            return False
        # an appeal is made by or to people: 'the UN urged both sides to', 'residents were
        # asked to leave'; 'the object is then asked to produce a value' is no appeal, nor
        # one with nobody named ('Asked to comment, he declined'; a fragment)
        parties = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}] + agents_of(verb)
        parties += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "upon", "to"} for g in c.children if g.dep_ == "pobj"]  # 'called on supporters'
        if verb.dep_ in {"acl", "relcl"}:
            parties.append(verb.head)  # 'the opposition, which called on ...'
        return any(_a_party(t) for t in parties)
    instruments = CUE_INSTRUMENTS_EXCLUDED.get(cue)
    if instruments and any(
        g.lemma_.lower() in instruments or g.lower_ in instruments
        for a in [root] + [c for c in root.children if c.dep_ == "dobj"]
        for c in a.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"
    ):
        return False  # 'a quasar bombarding its galaxy with radiation', 'bombarded with questions'
    allowed = _lookup(CUE_OBJECTS, cue, family)
    excluded = _lookup(CUE_EXCLUDED, cue, family)
    if family in ANIMAL_VICTIM_FAMILIES and root.pos_ == "VERB" and _animal_victims(root):
        return False  # 'killed countless native predators', 'shot dozens of elk'
    if allowed is None and excluded is None:
        return True
    if excluded is not None and any(words & excluded for words in _object_words(root, family, described=True)):
        return False
    args = _object_words(root, family)
    if allowed is None:
        return True
    return any(words & allowed for words in args)


WEAPON_FAMILIES = set(FAMILIES["weapon_families"])
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _governed_by(tok: Token, roots: set[int], max_steps: int = 10) -> bool:
    """The cue is part of an argument of another cue's verb ('seized an IED', 'a cache of
    grenades was found'), up to the first clause boundary."""
    node = tok
    for _ in range(max_steps):
        if node.head.i == node.i:
            return False
        role = SUBJECT_DEPS if node.dep_ in SUBJECT_DEPS else {node.dep_}
        node = node.head
        if node.i in roots:
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"acl", "amod"}:
            # 'detected and defused an IED', 'a mine was found and destroyed': the verbs
            # of one coordination share their object, unless the other verb has its own
            # ('a bomb hit a truck, and soldiers found another mine')
            partners = [c for c in node.children if c.dep_ == "conj"] + ([node.head] if node.dep_ == "conj" else [])
            return any(p.i in roots and not any(c.dep_ in role for c in p.children) for p in partners)
    return False


WEAPON_VERBS = set(FAMILIES["weapon_verbs"])
PERCEIVED = set(FAMILIES["perceived_explosion_verbs"])


def _perceived(tok: Token) -> bool:
    """Explosions known only by being seen or heard from afar ('monitors observed 14
    explosions near the village', 'residents heard blasts'): fire from a distance, which
    ACLED codes as shelling/artillery, not a planted device (ACLED codebook, 'Shelling/
    artillery/missile attack' and 'Remote explosive/landmine/IED',
    https://acleddata.com/knowledge-base/codebook). Up to the first verb, through lists
    of nouns ('observed a total of 12 explosions/shots/bursts of fire')."""
    node = tok
    for _ in range(7):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node.lemma_.lower() in PERCEIVED
    return False


ASSAULT_LEMMAS = {"attack", "ambush", "assault", "raid", "target", "hit", "storm", "strike", "torch", "burn", "destroy"}


def _attacked_thing(tok: Token) -> bool:
    """A weapon platform named as what an assault hit ('an attack on a tank', 'militants
    ambushed a helicopter', 'targeted their tank'): the target, not the means. ACLED types
    an event by the means used (codebook, 'Shelling/artillery/missile attack': fire from
    heavy weapons), and an assault on soldiers in their tank is an armed clash."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"on", "against", "upon"}:
        head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "by":
            head = head.head.head  # 'an attack by insurgents on their tank', 'on' read under the insurgents
    elif tok.dep_ not in {"dobj", "nsubjpass"}:
        return False
    return head.i != tok.i and head.lemma_.lower() in ASSAULT_LEMMAS and not _fired(tok)


def _fired(tok: Token) -> bool:
    """A weapon noun that is the argument of a firing verb ('launched missiles', 'rockets hit')."""
    head = tok.head
    if head.dep_ == "prep" and head.lower_ == "by":
        head = head.head
    if head.i != tok.i and head.lemma_.lower() in WEAPON_VERBS and tok.dep_ in {"nsubj", "dobj", "nsubjpass", "pobj", "conj"}:
        return True
    return any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in WEAPON_VERBS for c in tok.children)




# what explodes in an accident: 'a gas explosion', 'the cylinder exploded', 'a boiler blast'
ACCIDENT_SOURCES = set(FAMILIES["accident_sources"])
# what troops are sent to do in a disaster: 'mobilised to help dig out cars', 'deployed to evacuate'
RELIEF_WORK = set(FAMILIES["relief_work"])
# what destroys property without anybody doing it: 'a fire razed 50 homes', 'destroyed by the storm'
NATURAL_DESTROYERS = set(FAMILIES["natural_destroyers"])


def _accidental(root: Token) -> bool:
    """An explosion whose source is a gas bottle, a boiler or a stove: an accident, not a bomb."""
    words = []
    children = list(root.children)
    if root.dep_ == "conj" and root.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in children):
        children += [c for c in root.head.children if c.dep_ in SUBJECT_DEPS]  # 'a tanker overturned and exploded'
    for c in children:
        if c.dep_ in {"compound", "nsubj", "nsubjpass", "amod", "poss"}:
            words += [c] + [g for g in c.children if g.dep_ in {"compound", "amod"}]
        if c.dep_ in {"nsubj", "nsubjpass"}:  # 'a lorry loaded with gas cylinders exploded'
            words += [x for a in c.children if a.dep_ == "acl" for p in a.children if p.dep_ == "prep" and p.lower_ == "with"
                      for g in p.children if g.dep_ == "pobj" for x in [g, *g.children] if x.dep_ in {"pobj", "compound"}]
        if c.dep_ == "prep" and c.lower_ in {"of", "in"}:
            for g in c.children:
                if g.dep_ == "pobj":
                    words += [g] + [x for x in g.children if x.dep_ == "compound"]
    return any(w.lemma_.lower() in ACCIDENT_SOURCES or w.lower_ in ACCIDENT_SOURCES for w in words)


def _destroyed_by_nature(root: Token) -> bool:
    """Property destroyed by a fire, a storm or a flood ('a fire razed 50 homes', 'a bushfire
    that burned farmhouses', 'houses were destroyed by the floods', 'gutted in the blaze'):
    nobody destroyed it, and ACLED codes no disasters or accidents (ACLED codebook,
    'Looting/property destruction' is destruction by an actor)."""
    verb = root.head if root.dep_ == "prt" else root
    doers = []
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            doers.append(verb.head if c.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl" else c)  # 'a bushfire that razed'
        if c.dep_ in {"agent", "prep"} and c.lower_ in {"by", "in"}:
            doers += [g for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "relcl" and not doers:
        doers.append(verb.head)
    for d in doers:
        words = {d.lemma_.lower(), d.lower_} | {f"{c.lower_} {d.lower_}" for c in d.children if c.dep_ == "compound"}
        if words & NATURAL_DESTROYERS:
            return True
    # 'a petrol tanker exploded on the highway, burning 20 vehicles': the accident burned them
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # 'killing 12 and burning 20 vehicles'; 'a lorry exploded and set fire to homes'
        if verb.lemma_.lower() in {"explode", "blow", "burst"} and _accidental(verb):
            return True
    if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.tag_ == "VBG":
        spreader = verb.head  # 'a fire swept through the camp, destroying 2,000 shelters'
        causes = [c for c in spreader.children if c.dep_ == "nsubj"] + ([spreader.head] if spreader.dep_ in {"acl", "relcl"} else [])
        if any({c.lemma_.lower(), c.lower_} & NATURAL_DESTROYERS for c in causes):
            return True
    return verb.dep_ in {"advcl", "conj", "xcomp"} and verb.tag_ == "VBG" and verb.head.lemma_.lower() in {"explode", "blow", "burst"} and _accidental(verb.head)


def _relief(root: Token) -> bool:
    """Forces moved to do disaster relief: the purpose clause ('to help dig out', 'to evacuate
    villagers') or the 'for' phrase ('for rescue work') names relief work."""
    verb = root.head if root.dep_ == "prt" else root
    frontier = [c for c in verb.children if c.dep_ in {"xcomp", "advcl", "ccomp"}]
    for _ in range(2):  # 'to help (to) dig out': 'help' passes its purpose on
        nxt = []
        for c in frontier:
            lemma = c.lemma_.lower()
            if lemma in RELIEF_WORK:
                return True
            if lemma in {"help", "assist", "aid", "support"}:
                nxt += [g for g in c.children if g.dep_ in {"xcomp", "ccomp"}]
        frontier = nxt
    return any(
        g.lemma_.lower() in RELIEF_WORK
        for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children if g.dep_ == "pobj"
    )


# a cue noun naming an activity of its own: 'recruitment activities', 'a training camp', 'a deployment operation'
ACTIVITY_HEADS = {"activity", "drive", "campaign", "operation", "camp", "centre", "center", "session", "programme", "program", "mission"}
AIRSHOW_VERBS = {"fly", "hover", "circle", "roar", "land", "display", "perform", "parade", "soar", "deliver", "spray", "map", "survey", "film", "photograph"}


MEASURES = {
    "sanction", "action", "measure", "policy", "campaign", "law", "legislation", "tax", "tariff", "bill", "rule", "reform",
    "ad", "advert", "advertising", "programme", "program", "scheme", "initiative", "plan", "strategy", "proposal",
    "restriction", "ban", "order", "decree", "investigation", "probe", "audit", "study", "report",
}


ARMED_DOERS = {"gunman", "attacker", "assailant", "drone", "missile", "rocket", "airstrike", "strike", "jet", "aircraft", "artillery", "shell", "mortar", "bomber", "sniper"}


def _armed_doer(root: Token) -> bool:
    """'Targeted' counts as an attack when an armed side or a weapon does it: 'the air force
    targeted a convoy', 'militants targeted by the police', not 'he targeted the shop'."""
    doers = agents_of(root)
    return any(phrase_words(d) & (STATE_AGENTS | NONSTATE_AGENTS | ARMED_TARGETS | ARMED_DOERS) for d in doers)


def _measure_targets(root: Token) -> bool:
    """What targets is a measure, not a force: 'new sanctions targeting officials'."""
    doers = [c for c in root.children if c.dep_ == "nsubj"]
    if root.dep_ in {"acl", "relcl"}:
        doers.append(root.head)
    return any(d.lemma_.lower() in MEASURES for d in doers)


# nouns an attack word only classifies: 'assault rifle', 'attack helicopter', 'assault boat'
WEAPON_KINDS = {"rifle", "gun", "weapon", "carbine", "helicopter", "aircraft", "craft", "boat", "ship", "submarine", "vehicle"}


COURTS = {"court", "tribunal", "judge", "commission", "ombudsman"}


def _legal(root: Token) -> bool:
    """A petition filed with a court: 'filed a petition in the Court', 'a petition before the tribunal'."""
    holders = [root] + ([root.head] if root.dep_ in {"dobj", "nsubjpass"} else [])
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "file":
        return True
    return any(
        g.lemma_.lower() in COURTS
        for h in holders for c in h.children if c.dep_ == "prep"
        for g in c.children if g.dep_ == "pobj"
    )


def _killed_by_accident(root: Token) -> bool:
    """'A gas explosion kills six', 'six were killed in a boiler blast': the cue's cause is an
    accidental explosion."""
    causes = [c for c in root.children if c.dep_ == "nsubj"]
    causes += [g for c in root.children if c.dep_ in {"agent", "prep"} and c.lower_ in {"by", "in"} for g in c.children if g.dep_ == "pobj"]
    if any(c.lemma_.lower() in {"explosion", "blast", "fire", "explode"} and _accidental(c) for c in causes):
        return True
    if any(_war_remnant(c) for c in causes) or any(
        c.dep_ == "advcl" and any(s.dep_ in {"nsubj", "nsubjpass"} and _war_remnant(s) for s in c.children) for c in root.children
    ):
        return True  # 'killed when an unexploded shell went off': a remnant of an earlier war (_war_remnant)
    # 'forty were injured after a cooking gas container exploded'
    if any(c.dep_ == "advcl" and c.lemma_.lower() in {"explode", "blow", "burst"} and _accidental(c) for c in root.children):
        return True
    # 'a fuel tanker exploded on the highway, killing nine'
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in {"advcl", "conj", "xcomp"} and node.tag_ == "VBG" and node.head.lemma_.lower() in {"explode", "blow", "burst"} and _accidental(node.head):
        return True
    # 'a gas explosion ripped through a market, killing three'
    if node.dep_ in {"advcl", "conj"} and node.tag_ == "VBG" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in {"explosion", "blast"} and _accidental(c) for c in node.head.children
    ):
        return True
    return _killed_by_nature(root, causes)


# killers that are no actor: ACLED codes political violence by people and leaves out
# natural disasters, disease and accidents (ACLED codebook, "Violence against civilians":
# violence by an organised armed group, state forces or rioters; accidents are not coded)
NATURAL_KILLERS = set(FAMILIES["natural_killers"]) | ANIMALS  # a toad, mussels, a shark
# an animal word names the killer through a compound only when it heads a noun of many
# animals ('the cane toad invasion', 'a locust swarm'); 'cattle rustlers', 'goat thieves' are people
ANIMAL_HOSTS = {"invasion", "plague", "infestation", "swarm", "population", "colony", "pack", "herd", "flock", "school", "outbreak"}
COMPOUND_KILLERS = set(FAMILIES["natural_killers"])
ANIMAL_WOUNDS = {"bite", "sting"}
# an 'attack' of the body or of computers: 'a heart attack', 'a ransomware attack', 'the attack
# surface' (ACLED codes physical violence by people; cyber operations and illness are not events)
BODY_AND_CYBER_ATTACKS = set(FAMILIES["body_and_cyber_attacks"])
ATTACK_AS_KIND = {"surface", "vector"}
SPORT_SHOOTING = set(FAMILIES["sport_shooting"])
RIOT_OF_QUALITIES = set(FAMILIES["riot_of_qualities"])
EXPLOSIVE_THINGS = set(FAMILIES["explosive_things"])  # what 'explosive' describes as a thing that explodes
ADMIRERS = set(FAMILIES["admirers"])
FIGURE_ENTS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
# a fight with an illness or a social ill: 'a long battle with cancer', 'the fight against malaria'
ILLS = NATURAL_KILLERS | set(FAMILIES["ills"])
CONTEST_NOUNS = {"war", "battle", "fight"}
MARKET_CONTESTS = set(FAMILIES["market_contests"])
FIGURATIVE_CONTESTS = set(FAMILIES["figurative_contests"])  # 'a losing battle', 'an uphill fight', 'a legal battle'
# a killing told as the result of an accident: 'a train derailed, killing three passengers'
ACCIDENT_VERBS = set(FAMILIES["accident_verbs"])
UNCONTESTED_PROCEDURES = set(FAMILIES["uncontested_procedures"])
FLOPS = set(FAMILIES["works_that_flop"])  # 'the film bombed'
CRITICISED = set(FAMILIES["criticised_offices"])  # 'the minister came under fire'
STRIVING = set(FAMILIES["striving_goals"])  # 'battling to keep up'


def _natural_killer(tok: Token) -> bool:
    """An animal, a disease or a natural force, also as a headline's misread subject
    ('Cholera outbreak kills 40': 'outbreak' read as a verb, 'Cholera' as a name)."""
    if tok.pos_ == "NOUN" or (tok.pos_ in {"VERB", "PROPN"} and tok.dep_ in {"nsubj", "pobj"} and not tok.ent_type_):
        if tok.lemma_.lower() in NATURAL_KILLERS or tok.lower_ in NATURAL_KILLERS:
            return True
    killers = NATURAL_KILLERS if tok.lemma_.lower() in ANIMAL_HOSTS else COMPOUND_KILLERS
    return tok.dep_ == "nsubj" and any(c.dep_ in {"compound", "nsubj"} and c.lower_ in killers for c in tok.children)


def _to_a_figure(verb: Token) -> bool:
    """'fell to $72', 'fell to 40 percent', 'fell to a record low': the 'to' phrase is a figure."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            for g in c.children:
                if g.dep_ == "pobj" and (g.like_num or g.ent_type_ in FIGURE_ENTS or any(x.dep_ == "nummod" for x in g.children) or g.lemma_.lower() in {"low", "high", "level", "percent"}):
                    return True
    return False


def _nature_attacks(verb: Token) -> bool:
    """The subject of an attacking or destroying verb is a disease, a pest or an animal ('bacteria
    that attack the roots', 'a lion that had killed two cows'), also through a relative pronoun or 'a strain of'."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in {"xcomp", "advcl", "conj"}:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]  # 'bacteria use spears to attack microbes'
    for subj in subjects:
        if subj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            subj = verb.head
        heads = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if any(_natural_killer(h) for h in heads):
            return True
    return False


def _killed_by_nature(root: Token, causes: list[Token]) -> bool:
    """'a farmer was killed by an elephant', 'the outbreak has killed 25 children', 'a bus
    overturned, killing nine': the killer is an animal, a disease or a natural force, or the
    deaths are the result of an accident."""
    if any(_natural_killer(c) for c in causes):
        return True
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # 'killing three and injuring 40'
    return node.dep_ in {"advcl", "xcomp", "conj"} and node.head.lemma_.lower() in ACCIDENT_VERBS and node.tag_ == "VBG"


# ACLED codebook (2023/2024), "Strategic developments": non-violent activity of conflict
# actors is coded as Change to group/activity (armed groups handing out aid, setting up
# checkpoints and roadblocks), displacement and returns of refugees and migrants as Other,
# and deaths reported without an event word ("the operation left three militants dead")
# as the violence that caused them.
AID_CUES = {"distribute", "deliver", "hand out", "give out"}
AID_OBJECTS = {"food", "aid", "package", "parcel", "supply", "basket", "ration", "grocery", "hamper", "medicine", "mask", "money", "cash"}
AID_GIVERS = set(FAMILIES["nonstate_agent_words"]) | {"cartel", "gang", "militia", "mafia", "syndicate", "narco"}
RETURN_CUES = {"return"}
RETURNEES = {"migrant", "refugee", "returnee", "deportee", "idp", "asylum", "exile", "evacuee", "displaced"}


# a group's action done to press a demand is a demonstration (ACLED codebook, "Peaceful
# protest": a public demonstration with no violence; sit-ins, strikes, blockades): 'nurses
# padlocked the office to denounce unpaid wages', 'traders closed their shops to demand ...'
PURPOSE_CUES = {"demand", "denounce", "decry", "reject"}  # the cues of event_cues.tsv this rule judges
SPEECH_HEADS = {"say", "tell", "write", "call", "urge", "ask", "use", "want", "need", "vote", "plan", "threaten", "hope", "seek", "try", "announce", "issue", "publish", "post", "file", "send", "meet", "pass", "sign"}
PROTESTING_GROUPS = {
    "worker", "nurse", "doctor", "teacher", "student", "trader", "vendor", "resident", "villager", "farmer", "driver",
    "staff", "employee", "supporter", "member", "youth", "people", "parent", "pensioner", "miner", "lecturer", "union",
    "activist", "protester", "demonstrator", "retiree", "inhabitant", "community", "family", "relative", "motorist", "operator",
}


def _pressing_a_demand(root: Token) -> bool:
    """'to demand' as the purpose of a group's own action ('staff padlocked the ward to
    demand pay'), not of a statement ('the union wrote to demand') or a plan. A second
    purpose joined to the first ('padlocked the office to report abuses and to demand
    masks') is judged by the first's action."""
    clause = root.head if root.dep_ == "conj" and root.head.dep_ in {"advcl", "xcomp"} else root
    if clause.dep_ not in {"advcl", "xcomp"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in list(root.children) + list(clause.children)):
        return False
    action = clause.head
    if action.pos_ != "VERB" or action.lemma_.lower() in SPEECH_HEADS or action.lemma_.lower() in MODALS:
        return False
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in action.children):
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in {"ransom", "money", "payment", "bribe", "surrender"} for c in root.children):
        return False  # 'abducted the trader to demand a ransom'
    subjects = [s for s in action.children if s.dep_ == "nsubj"]
    if not subjects and action.dep_ == "ROOT":  # 'in Taxco, Guerrero, nursing staff padlocked ...' parsed without a subject
        subjects = [t for t in action.doc[action.sent.start : action.i] if t.dep_ in {"conj", "appos"} and t.pos_ == "NOUN"]
    words = [phrase_words(s) for s in subjects]
    return any(w & PROTESTING_GROUPS and not w & NOT_MOB for w in words)


REFLEXIVES = {"himself", "herself", "themselves", "itself", "oneself"}
FIGHTING_WORDS = {
    "fighting", "fight", "clash", "battle", "combat", "firefight", "gunfight", "exchange", "shootout", "hostility", "skirmish",
    "gunbattle", "confrontation", "fire", "violence", "war", "warfare", "attack", "shooting", "gunfire", "shove", "shoving",
    "push", "pushing", "scuffle", "brawl", "fistfight", "fisticuffs", "melee", "tussle", "altercation", "stoning", "throwing",
}


def _engaged_in_other(root: Token) -> bool:
    """'Engaged in' something other than fighting: 'engaged in stealing cars', 'engaged in
    talks'. 'Engaged the militants' and 'engaged in heavy fighting' stay."""
    objects = [g for c in root.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    return bool(objects) and not any(o.lemma_.lower() in FIGHTING_WORDS or o.lower_ in FIGHTING_WORDS for o in objects)


def _left_dead(root: Token) -> bool:
    """'Dead' as the result of a verb after it: 'left five fighters dead', 'lay dead' (the
    parse may hang 'dead' on the noun: up to three steps to the verb)."""
    node = root
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in {"leave", "lie", "lay"} and node.pos_ in {"VERB", "AUX"}:
            return node.i < root.i
    return False


REMAINS_MARKS = {"sever", "severed", "decapitate", "decapitated", "skin", "skinned", "mutilate", "mutilated", "dismember", "dismembered", "behead", "beheaded", "headless", "burnt", "charred", "bullet-riddled"}


def _remains(root: Token) -> bool:
    """'a severed head', 'the severed and skinned head': the remains of a killing."""
    marks = [c for c in root.children if c.dep_ in {"amod", "compound"}]
    marks += [g for c in marks for g in c.children if g.dep_ == "conj"]
    return any(m.lemma_.lower() in REMAINS_MARKS or m.lower_ in REMAINS_MARKS for m in marks)


def _armed_giver(root: Token) -> bool:
    """An armed group hands out aid: 'cartel members delivered food packages'."""
    objects = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if not any(phrase_words(o) & AID_OBJECTS for o in objects):
        return False
    givers = agents_of(root)
    if not givers:  # 'in Cuernavaca, members of X Gang delivered ...' parsed without a subject
        givers = [t for t in root.doc[root.sent.start : root.i] if t.dep_ in {"appos", "nsubj", "pobj"}]
    return any(phrase_words(d) & AID_GIVERS or names_armed_group(d) for d in givers)


@cache
def _armed_group_names() -> frozenset[str]:
    return frozenset(a.strip().lower().replace("-", " - ") for row in load_tsv("armed_groups.tsv") for a in [row["name"], *row["aliases"].split("|")] if a.strip())


def names_armed_group(tok: Token) -> bool:
    """The giver is, or belongs to, a named armed group of armed_groups.tsv ('members of
    the CJNG', 'a group allied with Al Shabaab'): ACLED codes such a group's non-violent
    activity as a Change to group/activity (ACLED codebook, "Strategic developments")."""
    words = [t.lower_ for t in tok.subtree][:40]
    text = " " + " ".join(words) + " "
    return any(f" {name} " in text for name in _armed_group_names())


# Security measures of an authority over public life: ACLED codes curfews, bans on
# gatherings, movement restrictions and states of emergency as strategic developments
# (ACLED codebook, "Strategic developments": security measures; coded here as Change to
# group/activity like the curfew and lockdown cues). A ban or a restriction counts only
# when an authority imposes it on gatherings, movement or public places.
MEASURE_CUES = {"ban", "restrict", "restriction", "prohibit", "quarantine", "mandatory"}
AUTHORITIES = {
    "government", "governorship", "governor", "ministry", "minister", "authority", "authorities", "council",
    "municipality", "mayor", "president", "prefect", "prefecture", "police", "army", "military", "junta", "regime",
    "administration", "cabinet", "state", "province", "provincial", "district", "county", "city", "commissioner",
    "office", "taliban", "militia", "group", "rebel", "gendarmerie",
}
MEASURE_OBJECTS = {
    "gathering", "movement", "travel", "traveller", "entry", "exit", "departure", "assembly", "meeting", "rally",
    "protest", "demonstration", "march", "mask", "motorcycle", "motorbike", "traffic", "border", "crossing",
    "public", "curfew", "distancing", "lockdown", "quarantine", "isolation", "resident", "traveler", "visitor", "crowd",
}


def _authority_measure(root: Token) -> bool:
    """'the governorship banned all gatherings', 'authorities announced a mandatory use of
    masks', 'the council restricted movement in the district': an authority imposes the
    measure, on gatherings, movement or public places."""
    doc = root.doc
    sent = root.sent
    verb, node = root, root
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} and agents_of(verb):
            break
        if node.head.i == node.i:
            break
        node = node.head
        verb = node
    givers = agents_of(verb) if verb.pos_ in {"VERB", "AUX"} else []
    givers += [c for c in root.children if c.dep_ in {"poss", "compound"}]
    if not any(phrase_words(g) & AUTHORITIES for g in givers):
        return False
    return any(phrase_words(o) & MEASURE_OBJECTS for o in _measure_objects(root))


def _rose(verb: Token) -> bool:
    """'shot up' with no object: something rose ('sales shot up'); 'gunmen shot up a bar' has one."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children) and not any(
        c.dep_ in {"dobj", "nsubjpass"} for c in verb.children
    )


SENTENCE_SPANS = {"year", "month", "week", "day", "life", "decade"}


def _sentenced(verb: Token) -> bool:
    """'were jailed for eight years', 'imprisoned for life': a court's sentence, which ACLED
    does not code as an arrest (ACLED codebook, "Arrests": detentions by state forces)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in {"jail", "imprison", "sentence"}:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in SENTENCE_SPANS for g in c.children if g.dep_ == "pobj")
        for c in verb.children
    )


CRIME_WORDS = set(FAMILIES["ordinary_crimes"])  # 'theft', 'robber'; not the fraud or trafficking charges politicians face
REASON_PREPS = {"for", "over", "after", "on"}
CHARGING_VERBS = set(FAMILIES["charging_verbs"])


def _crime_arrest(verb: Token) -> bool:
    """'arrested a thief', 'arrested for stealing a car', 'held on suspicion of burglary':
    police detaining people over an ordinary crime, which ACLED does not code (ACLED
    codebook, "Arrests": the detention of a politically significant individual or group;
    crime without a political motive is not coded)."""
    held = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    held += [c for h in held for c in h.children if c.dep_ == "conj"]
    held += [g for h in held for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]  # 'a gang of pickpockets'
    if any(h.lemma_.lower() in CRIME_WORDS for h in held):
        return True
    return any(
        t.lemma_.lower() in CRIME_WORDS
        for c in verb.children if c.dep_ == "prep" and c.lower_ in REASON_PREPS
        for t in c.subtree
    )


def _flopped(verb: Token) -> bool:
    """'the sequel bombed', 'a sequel that bombed at the box office': a work that flopped
    (``works_that_flop``), with no object bombed."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + ([verb.head] if verb.dep_ in {"acl", "relcl"} else [])
    return any(d.lemma_.lower() in FLOPS for d in doers)


def _criticised(span) -> bool:
    """'the minister came under fire': criticism of an office holder or an organisation
    (``criticised_offices``); 'a patrol came under fire' is an attack."""
    fire = span[0]
    if fire.head.lower_ != "under" or fire.head.dep_ != "prep":
        return False
    verb = fire.head.head
    return any(c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in CRITICISED for c in verb.children)


def _charged_with(root: Token) -> bool:
    """'arrested for stealing a car', 'charged with theft': the crime is what someone is held
    or charged for, told as the reason of the arrest or the trial, not as the event."""
    prep = root.head if root.dep_ in {"pcomp", "pobj"} else None
    return prep is not None and prep.dep_ == "prep" and prep.lower_ in {"for", "with", "over"} and prep.head.lemma_.lower() in CHARGING_VERBS


def _banned(tok: Token) -> bool:
    """The gathering is what a ban or a restriction applies to: 'a ban on rallies',
    'banned all protests', 'restrictions on demonstrations'."""
    node = tok.head if tok.dep_ == "conj" else tok
    if node.dep_ == "dobj":
        return node.head.lemma_.lower() in MEASURE_CUES
    if node.dep_ == "pobj" and node.head.lower_ in {"on", "of"}:
        return node.head.head.lemma_.lower() in MEASURE_CUES
    return False


def _measure_objects(root: Token) -> list[Token]:
    """What a measure applies to: the object of 'banned gatherings', the 'on' or 'of'
    phrase of 'a ban on rallies', 'restrictions of movement', the noun 'mandatory' qualifies
    ('a mandatory use of masks', 'mandatory quarantine for travellers')."""
    heads = [root.head] if root.pos_ == "ADJ" and root.dep_ in {"amod", "acomp"} else [root]
    if root.dep_ == "acomp":
        heads = [c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    out: list[Token] = []
    for h in heads:
        out.append(h)
        for c in h.children:
            if c.dep_ in {"dobj", "nsubjpass"} and h.pos_ in {"VERB", "AUX"}:
                out.append(c)
            if c.dep_ == "prep" and c.lower_ in {"on", "of", "for", "to"}:
                out += [g for g in c.children if g.dep_ == "pobj"]
    out += [c for o in list(out) for c in o.children if c.dep_ == "conj"]
    out += [g for o in list(out) if o is not root for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return [o for o in out if o.i != root.i]


def _returnees(root: Token) -> bool:
    """Those who return are migrants, refugees or the displaced."""
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if root.dep_ == "acl":  # '300 migrants returned from Peru' read as a noun phrase
        subjects.append(root.head)
    return any(phrase_words(s) & RETURNEES for s in subjects)


# what 'riot' names as a modifier: the police's riot units and their equipment
RIOT_CONTROL = {"police", "policeman", "policemen", "officer", "squad", "unit", "force", "troop", "gear", "shield", "helmet", "control", "equipment", "vehicle", "van", "truck", "act"}


GENERIC_MARKS = {"when", "whenever", "if", "unless", "once"}


def _asked_whenever(verb: Token) -> bool:
    """'when asked to listen on a socket', 'if asked to confirm': a subjectless 'when' or
    'if' clause tells what happens whenever someone asks, not an appeal someone made."""
    return not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in GENERIC_MARKS for c in verb.children
    )


CURRENCY_WORDS = frozenset(load_list("currency_words.txt"))
UNIT_ENTS = {"MONEY", "QUANTITY"}


def _counted_unit(root: Token) -> bool:
    """A noun of money or weight with its count: '1 million pounds', '200 pounds of flour'
    (the plural of a cue verb, 'pounds', read as that unit)."""
    if root.pos_ not in {"NOUN", "PROPN"} or root.lower_ not in CURRENCY_WORDS:
        return False
    return root.ent_type_ in UNIT_ENTS or any(c.dep_ in {"nummod", "quantmod"} for c in root.children)


PLEASURES = frozenset(load_list("pleasures.txt"))


def _said_of_a_pleasure(root: Token) -> bool:
    """The cue noun is what the sentence calls a work, a show or a dish: 'the album is an
    all-out assault on the senses', 'their set was a riot from start to finish', 'the hot
    pot is a bomb'. It judges the thing; it tells no event ('the attack was a massacre',
    'it was an ambush' keep theirs: an event or a pronoun as subject)."""
    if root.dep_ != "attr" or root.head.lemma_.lower() != "be":
        return False
    return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in PLEASURES for c in root.head.children)


def _conflict_sense(span, family: str, cue: str = "") -> bool:
    """The cue is used in its conflict sense, judged from the parse: a cue noun that only
    forms an adjective ('a rally-inspired car') names a kind of thing, not an event;
    'demonstrate' with a clause ('demonstrates that ...') or an object ('demonstrated its
    value') proves or shows something. Objects that take a cue's conflict sense away
    ('burning coal', 'shot a film') are in event_families.json cue_excluded_objects."""
    root = span.root
    if root.dep_ == "npadvmod" and root.head.dep_ == "amod" and root.head.i == span.end + 1:
        return False  # 'a rally-inspired car', 'a riot-proof door'
    if _counted_unit(root):
        return False  # 'defrauded victims of 1 million pounds', '200 pounds of flour': money or a weight, no pounding
    if root.lower_ == "wound" and root.tag_ in {"VBD", "VBN"} and root.lemma_.lower() == "wind":
        return False  # 'the clocks were wound back', 'wound up the company': the past of 'wind' (the past of 'wound' is 'wounded')
    if family == "appeal" and root.lemma_.lower() in NEEDS_XCOMP and _asked_whenever(root):
        return False  # 'when asked to listen on a socket', 'if asked to confirm': what happens whenever asked, no appeal made
    if root.pos_ == "NOUN" and _said_of_a_pleasure(root):
        return False  # 'the album is an assault on the senses', 'the show was a riot': praise, not an event
    if root.lemma_.lower() == "demonstrate" and root.pos_ == "VERB":
        if any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.pos_ != "PROPN") for c in root.children):
            return False  # a demonstration is intransitive: 'thousands demonstrated in the capital'
    if family in {"explosive", "suicide"} and _accidental(root):
        return False  # 'a gas cylinder exploded', 'a boiler explosion': an accident (ACLED codes no accidents)
    if family in {"air", "shelling"} and root.dep_ == "nsubj" and root.head.lemma_.lower() in AIRSHOW_VERBS:
        return False  # 'jets flew over the parade': an aircraft that flies is no strike
    if family == "protest" and root.lemma_.lower() == "petition" and _legal(root):
        return False  # 'filed a petition in the European Court': a lawsuit, not a demonstration
    if root.lemma_.lower() == "target" and (_measure_targets(root) or not _armed_doer(root)):
        return False  # 'sanctions targeting ten officials', 'the campaign targets voters', 'he targeted the shop because ...'
    if family == "attack" and root.dep_ == "compound" and root.head.lemma_.lower() in WEAPON_KINDS:
        return False  # 'seized two assault rifles', 'attack helicopters': a kind of weapon, not an attack
    if family == "looting" and root.pos_ == "VERB" and _destroyed_by_nature(root):
        return False  # 'a fire razed 50 homes', 'destroyed by the floods': no actor destroyed them
    if family == "attack" and root.lower_ == "shooting" and any(c.dep_ in {"compound", "amod", "nsubj"} and c.lemma_.lower() in SPORT_SHOOTING for c in root.children):
        return False  # 'target shooting at the range', 'clay shooting': a sport
    if family == "attack" and _killed_by_accident(root):
        return False  # 'a gas explosion kills six': the accident kills, nobody attacks
    if family == "attack" and root.pos_ == "NOUN" and any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in ANIMAL_WOUNDS for c in root.children):
        return False  # 'bite wounds', 'sting injuries': an animal's doing
    if family == "attack" and root.pos_ == "NOUN" and (
        any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in BODY_AND_CYBER_ATTACKS for c in root.children)
        or (root.dep_ == "compound" and root.head.lemma_.lower() in ATTACK_AS_KIND)
    ):
        return False  # 'a heart attack', 'a ransomware attack', 'reduce the attack surface'
    if family in {"attack", "looting"} and root.pos_ == "VERB" and _nature_attacks(root):
        return False  # 'a strain of bacteria that attacks crop roots'
    if (family == "attack" or cue == "strike") and any(c.dep_ == "compound" and _natural_killer(c) for c in root.children):
        return False  # 'a lightning strike', 'a crocodile attack': nature's doing, no strike or attack by people
    if root.lemma_.lower() in CONTEST_NOUNS and any(c.dep_ == "compound" and c.lemma_.lower() in MARKET_CONTESTS for c in root.children):
        return False  # 'a price war', 'a bidding war', 'a trade war': a contest of markets, not of arms
    if root.lemma_.lower() in CONTEST_NOUNS and any(c.dep_ in {"amod", "compound"} and c.lower_ in FIGURATIVE_CONTESTS for c in root.children):
        return False  # 'fighting a losing battle against low-cost rivals', 'an uphill fight', 'a legal battle'
    if root.lemma_.lower() in CONTEST_NOUNS and any(
        g.lemma_.lower() in ILLS for c in root.children if c.dep_ == "prep" and c.lower_ in {"with", "against"} for g in c.children if g.dep_ == "pobj"
    ):
        return False  # 'a long battle with cancer', 'the fight against malaria'

    if cue == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" and not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children) for c in root.children):
        return False  # 'took part in the marathon' joins an activity; 'took part of the town' is a capture
    if family == "unopposed" and _uncontested_procedure(root):
        return False  # 'the bill passed without resistance', 'she was elected unopposed': a vote, not territory
    if cue == "fall to" and _to_a_figure(root):
        return False  # 'crude fell to $72 a barrel', 'turnout fell to 40%': a measure, not a place
    if family == "riot" and root.pos_ == "NOUN" and any(
        g.lemma_.lower() in RIOT_OF_QUALITIES for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ):
        return False  # 'a riot of colour', 'a riot of laughter'
    if family == "explosive" and root.pos_ == "ADJ" and root.dep_ == "amod" and root.head.lemma_.lower() not in EXPLOSIVE_THINGS:
        return False  # 'explosive growth', 'an explosive anthem', 'explosive drumming': a quality ('an explosive device' is a thing)
    if family == "air" and root.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return False  # 'a jet of water', 'a jet of steam'
    if family == "clash" and root.pos_ == "VERB" and any(c.dep_ == "xcomp" and c.lemma_.lower() in STRIVING for c in root.children):
        return False  # 'teachers are battling to keep up', 'fighting to survive': striving ('fighting to retake the town' is not)
    if family == "clash" and root.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in ILLS for c in root.children):
        return False  # 'a campaign to fight malaria', 'to combat poverty'
    if family == "mob" and root.pos_ == "VERB" and any(
        g.lemma_.lower() in ADMIRERS for c in root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
    ):
        return False  # 'the rapper was mobbed by fans'
    if cue.startswith("in both direction") and _traffic(span):
        return False  # 'blocked the highway in both directions': the road's two directions, not fire
    if cue == "barricade" and any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in root.children):
        return False  # 'the robber barricaded himself in a hotel room': hiding, not a street barricade
    if cue == "engage" and _engaged_in_other(root):
        return False  # 'a gang engaged in stealing cars', 'engaged in talks': no fighting
    if cue in PURPOSE_CUES and family == "protest" and not _pressing_a_demand(root):
        return False  # 'the union wrote to demand', 'demand for oil': no gathering
    if cue == "head" and not _remains(root):
        return False  # 'the head of the council'; 'a severed head' is the remains of a killing
    if cue == "dead" and not _left_dead(root):
        return False  # only 'the raid left three militants dead': 'dead code', 'a dead battery' are no deaths
    if cue in AID_CUES and family == "movement" and not _armed_giver(root):
        return False  # a charity's food parcels are no conflict activity; a cartel's or a militia's are
    if family == "riot" and root.dep_ in {"compound", "amod", "nmod"} and root.head.lemma_.lower() in RIOT_CONTROL:
        return False  # 'riot police fired tear gas', 'anti-riot units': the forces that face a riot, not a riot
    if family in {"protest", "riot"} and _banned(root):
        return False  # 'a ban on rallies', 'banned all protests': the measure, not a protest
    if root.lemma_.lower() == "shoot" and root.pos_ == "VERB" and _rose(root):
        return False  # 'prices shot up', 'the flames shot up': a rise, not gunfire
    if cue == "bomb" and root.pos_ == "VERB" and _flopped(root):
        return False  # 'the sequel bombed at the box office': a work that flopped, no bombing
    if cue == "shell" and root.pos_ in {"NOUN", "PROPN"} and not _verb_tagged_noun(root) and not _shell_fired(root):
        return False  # 'Bourne-style shells', 'in non-interactive shells', 'sea shells': no shelling ('shells hit the market')
    if cue == "fire at" and root.pos_ == "NOUN" and root.dep_ in {"nsubj", "nsubjpass"}:
        return False  # 'a fire at a garment factory killed 14': a blaze, not gunfire
    if cue in {"fire on", "fire at"} and _criticised(span):
        return False  # 'the minister came under fire on Tuesday': criticism
    if cue == "displace" and root.dep_ == "amod":
        return False  # 'a camp for displaced people' names who lives there; 'fighting displaced 300 families' tells it
    if cue == "steal" and root.dep_ == "amod":
        return False  # 'stolen phones were recovered': goods that were stolen, told as goods
    if family == "looting" and _charged_with(root):
        return False  # 'arrested for stealing a car': the charge, not a looting
    if family == "arrest" and _crime_arrest(root):
        return False  # 'police arrested a pickpocket', 'arrested for stealing a car': ordinary crime
    if family == "arrest" and _sentenced(root):
        return False  # 'jailed for eight years': a court's sentence, not an arrest
    if cue in MEASURE_CUES and family == "movement" and not _authority_measure(root):
        return False  # 'the league banned the striker', 'restricted access to the beta': no security measure
    if cue in RETURN_CUES and family == "appeal" and not _returnees(root):
        return False  # 'migrants returned from Peru' is displacement; 'he returned home' is not
    if family == "movement":
        if root.pos_ == "NOUN" and root.dep_ == "compound" and root.head.lemma_.lower() not in ACTIVITY_HEADS:
            return False  # 'a training tool', 'a deployment schedule': the cue only classifies another noun
        if root.pos_ == "NOUN" and root.lemma_.lower() in THING_SENSE_CUES and _classed_by_a_thing(root):
            return False  # 'cloud deployments', 'software deployment': of a thing, not of forces ('troop deployments')
        if _relief(root):
            return False  # 'soldiers were mobilised to help dig out cars stuck in snow': disaster relief
    return True


def _shell_fired(tok: Token) -> bool:
    """'shells' as a noun in its war sense: fired, landing or hitting ('artillery shells hit
    the market', 'fired three shells at the town'), of a heavy weapon ('mortar shells'), or
    a headline's verb the tagger read as a noun ('Army shells rebel positions': an object
    of its own, or a name run into it, 'Russia Shells Kharkiv')."""
    if _fired(tok) or tok.head.lemma_.lower() in SHELL_LANDING_VERBS and tok.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if any(c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in HEAVY_WEAPON_WORDS for c in tok.children):
        return True
    if any(c.dep_ == "dobj" for c in tok.children):
        return True
    return tok.dep_ == "compound" and tok.tag_ == "NNPS"


SHELL_LANDING_VERBS = set(FAMILIES["shell_landing_verbs"])
HEAVY_WEAPON_WORDS = set(FAMILIES["heavy_weapon_words"])


def _classed_by_a_thing(noun: Token) -> bool:
    """A movement cue noun classed by a common noun that names no force: 'cloud deployments',
    'a software deployment', 'python deployments' (not 'troop deployments', 'police
    deployment', nor a name: 'AMISOM deployment')."""
    classes = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.pos_ == "NOUN"]
    return bool(classes) and not any(c.lemma_.lower() in FORCE_WORDS or c.lower_ in FORCE_WORDS for c in classes)


FORCE_WORDS = _expanded(["@forces", *FAMILIES["force_classes"]])
THING_SENSE_CUES = set(FAMILIES["thing_sense_cues"])  # movement nouns said of software and goods too: 'deployment'


def _uncontested_procedure(root: Token) -> bool:
    """The cue qualifies a vote, an election or a decision ('the tax passed without
    resistance', 're-elected unopposed'), the verb it hangs on being one of
    ``uncontested_procedures``."""
    head = root.head if root.dep_ in {"prep", "advmod", "acomp", "oprd", "npadvmod", "dobj", "pobj", "amod", "xcomp", "ccomp", "advcl"} else root
    if head.dep_ == "prep":
        head = head.head
    return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in UNCONTESTED_PROCEDURES


def _as_context(tok: Token) -> bool:
    """Fighting named as the setting of another event: 'as clashes entered a fifth day',
    'amid heavy fighting'. ACLED codes the event itself (the shelling), the fighting only
    when nothing else is reported."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"amid", "amidst"}:
        return True
    return tok.dep_ in {"nsubj", "dobj"} and head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"as", "while"} for c in head.children
    )


DISPLACEMENT_VERBS = {"displace", "flee", "evacuate", "abandon", "relocate", "desert"}
CAUSE_PREPS = {"following", "after", "due", "because", "amid", "amidst"}
FORCING_VERBS = {"force", "drive", "cause", "compel", "push", "prompt", "trigger"}


def _displacement_cause(tok: Token) -> bool:
    """Fighting told as the cause of a displacement: 'families were displaced following
    clashes', 'fighting forced villagers to flee'. ACLED codes the displacement as a
    strategic development ('Other') when it is what the report is about (ACLED codebook,
    'Strategic developments': 'Other' covers displacement); deaths told beside it are
    violence cues of their own and still make the violent event."""
    node = tok.head if tok.dep_ == "conj" else tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in {"eruption", "outbreak", "escalation", "resumption"}:
        node = node.head.head  # 'following the eruption of hostilities'
    if node.dep_ == "pobj" or (node.dep_ == "dobj" and node.head.lower_ in CAUSE_PREPS):  # 'following' read as a verb
        prep = node.head
        if prep.dep_ == "pcomp" or prep.lower_ in {"to", "of"}:  # 'due to', 'because of'
            prep = prep.head
        verb = prep.head
        return prep.lower_ in CAUSE_PREPS and verb.lemma_.lower() in DISPLACEMENT_VERBS
    if node.dep_ == "nsubj" and node.head.lemma_.lower() in FORCING_VERBS:
        return any(
            c.dep_ in {"xcomp", "ccomp", "dobj"} and (
                c.lemma_.lower() in DISPLACEMENT_VERBS or c.lemma_.lower() in {"displacement", "exodus"}
                or any(g.dep_ in {"xcomp", "relcl", "acl"} and g.lemma_.lower() in DISPLACEMENT_VERBS for g in c.children)
            )
            for c in node.head.children
        )
    return False


DEPLOYMENT_VERBS = {"deploy", "redeploy", "dispatch", "send", "station", "arrive", "reinforce", "mobilise", "mobilize", "secure"}
HAPPENING_VERBS = {"occur", "break", "erupt", "happen", "flare", "take"}


def _deployment_cause(tok: Token) -> bool:
    """Fighting told only as the cause of a deployment: 'troops were deployed to the town
    following clashes', 'officers arrived to secure the area after a clash occurred there'.
    ACLED codes the movement of forces as Strategic developments / Change to group/activity
    (ACLED codebook, acleddata.com/knowledge-base/codebook, 'Change to group/activity'); the
    fighting, reported as a past cause, is coded as its own event when it is reported."""
    node = tok.head if tok.dep_ == "conj" else tok
    if node.dep_ == "pobj" or (node.dep_ == "dobj" and node.head.lower_ in CAUSE_PREPS):
        prep = node.head
        if prep.dep_ == "pcomp" or prep.lower_ in {"to", "of"}:
            prep = prep.head
        verb = prep.head
    elif node.dep_ == "nsubj" and node.head.lemma_.lower() in HAPPENING_VERBS and node.head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"after", "following", "since"} for c in node.head.children
    ):
        verb = node.head.head  # 'after a clash occurred'
        return verb.lemma_.lower() in DEPLOYMENT_VERBS or (verb.dep_ in {"xcomp", "advcl"} and verb.head.lemma_.lower() in DEPLOYMENT_VERBS)
    else:
        return False
    if prep.lower_ not in CAUSE_PREPS:
        return False
    return verb.lemma_.lower() in DEPLOYMENT_VERBS or (verb.dep_ in {"xcomp", "advcl"} and verb.head.lemma_.lower() in DEPLOYMENT_VERBS)


TRAFFIC_HEADS = {"block", "close", "shut", "obstruct", "barricade", "cut", "paralyse", "paralyze", "halt", "stop", "jam", "traffic", "road", "highway", "lane", "bridge", "street", "route"}


def _traffic(span) -> bool:
    """'In both directions' of a road: its head word (up to two steps) is blocking or a road."""
    node = span[0]
    for _ in range(2):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in TRAFFIC_HEADS:
            return True
    return False


VIOLENT_MANNER = {"violent", "rowdy", "unruly", "riotous"}


def _to_death(verb: Token) -> bool:
    """'burned two men to death': the verb's 'to death' phrase makes it a killing."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children)


REMNANT_MARKS = {"unexploded", "leftover", "left-over", "remnant"}


def _war_remnant(tok: Token) -> bool:
    """A device left from an earlier war: 'an unexploded shell', 'explosive remnants of
    war', 'a landmine laid during the Iran-Iraq war', 'a mine left over from the civil
    war'. ACLED codes explosive remnants of war as Strategic developments / Other (ACLED
    codebook, 'Other'), not as remote violence by an actor of the day."""
    noun = tok.head if tok.dep_ in {"amod", "compound"} and tok.head.pos_ == "NOUN" else tok
    marks = [c for c in noun.children if c.dep_ in {"amod", "compound"}]
    if any(m.lower_ in REMNANT_MARKS for m in marks) or noun.lemma_.lower() == "remnant":
        return True
    for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
        # 'laid during the war', 'left over from the civil war', 'planted in the 1990s war'
        for c in clause.subtree:
            if c.dep_ == "pobj" and c.lemma_.lower() == "war" and c.head.lower_ in {"during", "from", "in"}:
                return True
    return False


def _misfired(tok: Token) -> bool:
    """A device that went off early or not at all ('the shell exploded prematurely', 'the
    bombs failed to explode'): ACLED codes premature detonations and failed devices as
    disrupted weapons use (ACLED codebook, 'Disrupted weapons use')."""
    if any(c.lower_ in {"prematurely", "accidentally"} for c in tok.children if c.dep_ == "advmod"):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() == "fail" or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in {"explode", "detonate", "go"} for c in tok.head.children if head.lemma_.lower() == "fail" and tok.dep_ == "nsubj"
    )


# how security forces get rid of a device: 'safely detonated', 'harmlessly exploded'
SAFE_MANNER = {"safely", "harmlessly"}
HARMLESS_OUTCOMES = {"incident", "casualty", "injury", "damage", "harm"}
CONTROLLED = {"controlled"}
CONTROLLED_BLASTS = {"explosion", "detonation", "blast"}
DISPOSAL_VERBS = {"destroy", "detonate", "explode", "blow"}
DISPOSERS = set(FAMILIES["state_agent_words"]) | {"officer", "expert", "squad", "engineer", "sapper", "technician", "specialist"}


def _disarmed(tok: Token) -> bool:
    """A device the security forces got rid of ('experts safely detonated the IED', 'the
    bomb was harmlessly exploded', 'troops destroyed an IED in a controlled explosion'):
    ACLED codes the defusal or destruction of an explosive device as disrupted weapons use,
    not as its use (ACLED codebook, 'Disrupted weapons use'). The verb is the cue itself or
    the verb whose object or passive subject the cue is."""
    noun = tok.head if tok.dep_ in {"amod", "compound"} else tok  # 'an explosive device'
    verb = tok if tok.pos_ == "VERB" else noun.head if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB" else None
    if verb is None:
        return False
    # someone did it to the device ('detonated it', 'was destroyed'): a bomb that 'exploded
    # without casualties' still went off
    acted_on = any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in SAFE_MANNER:
            return True
        if c.dep_ == "prep" and c.lower_ == "without" and acted_on and any(g.dep_ == "pobj" and g.lemma_.lower() in HARMLESS_OUTCOMES for g in c.children):
            return True  # 'detonated it without incident', 'the mine was destroyed without damage'
        if c.dep_ == "prep" and c.lower_ in {"in", "through", "by", "with"}:
            if any(g.dep_ == "pobj" and g.lemma_.lower() in CONTROLLED_BLASTS and any(m.lower_ in CONTROLLED for m in g.children if m.dep_ in {"amod", "compound"}) for g in c.children):
                return True  # 'in a controlled explosion'
    # the security forces destroyed or blew up the device they came upon ('officers spotted
    # and destroyed an IED', 'the bomb was detonated by army engineers')
    if acted_on and verb.lemma_.lower() in DISPOSAL_VERBS:
        agents = [c for c in verb.children if c.dep_ == "nsubj"] + [c for c in verb.head.children if c.dep_ == "nsubj" and verb.dep_ == "conj"]
        agents += [g for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for g in c.children if g.dep_ == "pobj"]
        return any({t.lemma_.lower() for t in a.subtree} & DISPOSERS for a in agents)
    return False


def _prevents_weapon_use(root: Token, cue: tuple[str, str, float], weapon_roots: set[int]) -> bool:
    """'foiled a car bomb attack', 'thwarted a grenade attack': an attack by explosives or
    remote weapons that was prevented, which ACLED codes as Disrupted weapons use (ACLED
    codebook, 'Disrupted weapons use': an event of explosions/remote violence prevented
    from occurring), not as the armed clash a foiled assault is."""
    name, family, _ = cue
    if family != "clash" or name not in {"foil", "thwart"}:
        return False
    return any(t.i in weapon_roots for c in root.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree)


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each token's sentence, read once: ``Span.sent`` walks the
    sentence on every call, which costs a long sentence quadratic time."""
    bounds: list[tuple[int, int]] = []
    for sent in table(doc).sents:
        bounds.extend([(sent.start_char, sent.end_char)] * len(sent))
    return bounds


# the arms 'heavy' makes heavy weapons, with the cue of event_cues.tsv each stands for
HEAVY_ARMS = {"gun": "heavy machine gun", "machinegun": "heavy machine gun", "weapon": "heavy weapon"}


def _heavy_apart(doc: Doc, cues: dict) -> list[tuple[int, int, int]]:
    """'Heavy' told apart from its weapon: 'fired heavy and medium machine guns', 'machine
    guns, presumably heavy'. Heavy weapons fired are shelling (ACLED codebook,
    'Shelling/artillery/missile attack': attacks with heavy weapons), as when the words
    stand together ('heavy machine guns', event_cues.tsv)."""
    tab = table(doc)
    if "heavy" not in tab.lower:
        return []
    found = []
    for i, lemma in enumerate(tab.lemma):
        cue = HEAVY_ARMS.get(lemma)
        if cue is None:
            continue
        tok = tab.tokens[i]
        if cue == "heavy machine gun" and lemma == "gun" and not any(c.dep_ == "compound" and c.lower_ == "machine" for c in tok.children):
            continue
        compounds = [c for c in tok.children if c.dep_ == "compound"]
        heavy = [c for h in [tok, *compounds] for c in h.children if c.dep_ == "amod" and c.lower_ == "heavy"]  # 'heavy' may hang on 'machine'

        if not heavy or heavy[0].i == tok.i - 1 or (cue == "heavy machine gun" and heavy[0].i == tok.i - 2):
            continue  # 'heavy machine guns', 'heavy weapons': the cue itself matches
        key = f"{cue}|-|shelling"
        if key not in cues:
            continue
        words = [heavy[0].i, tok.i] + [c.i for c in compounds]
        found.append((doc.vocab.strings.add(key), min(words), max(words) + 1))
    return found


def find_triggers(doc: Doc) -> list[EventTrigger]:
    cue_matcher, _ = _matchers(doc.vocab)
    cues, _ = _cue_table()
    kept = []
    for match_id, start, end in cue_matcher(doc):
        key = doc.vocab.strings[match_id]
        cue, family, strength = cues[key]
        root = doc[start:end].root
        if (family not in NEGATION_OK and is_reference(root)) or not _object_allowed(cue, root, family):
            continue
        if not _conflict_sense(doc[start:end], family, cue):
            continue
        kept.append((match_id, start, end))
    kept += _heavy_apart(doc, cues)
    chosen = _longest(kept)
    weapon_roots = {doc[s:e].root.i for m, s, e in chosen if cues[doc.vocab.strings[m]][1] in WEAPON_FAMILIES}
    prevented = {s for m, s, e in chosen if _prevents_weapon_use(doc[s:e].root, cues[doc.vocab.strings[m]], weapon_roots)}
    # weapons that were seized, found or defused were not used: no explosion
    disrupted_roots = {doc[s:e].root.i for m, s, e in chosen if cues[doc.vocab.strings[m]][1] == "disrupted" or s in prevented}
    triggers: list[EventTrigger] = []
    sentence_of = _sentence_bounds(doc) if chosen else []
    for match_id, start, end in chosen:
        key = doc.vocab.strings[match_id]
        cue, family, strength = cues[key]
        span = doc[start:end]
        root = span.root
        if start in prevented:
            family = "disrupted"
        elif family == "attack" and root.dep_ in {"dobj", "nsubjpass"} and root.head.i in disrupted_roots:
            continue  # 'foiled a car bomb attack': the attack did not take place
        if family in WEAPON_FAMILIES and disrupted_roots and (
            _governed_by(root, disrupted_roots) or any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in root.children)
        ):
            continue  # 'seized an IED ...', and later 'the explosive' is that device
        if family == "explosive" and cue in {"explosion", "blast"} and _perceived(root):
            family = "shelling"
        if family == "protest" and root.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in VIOLENT_MANNER for c in root.children):
            family = "riot"  # 'violent electoral protests', 'a rowdy demonstration' (ACLED codebook, 'Violent demonstration')
        if family == "looting" and cue == "burn" and _to_death(root):
            family, strength = "attack", 1.0  # 'burned two suspected thieves to death': a killing, not arson
        if family in {"clash", "offensive", "shelling", "air"} and _displacement_cause(root):
            family = "appeal"  # 'displaced following clashes': the displacement is the event
        elif family in {"clash", "offensive", "shelling", "air"} and _deployment_cause(root):
            family = "movement"  # 'troops deployed following clashes': the deployment is the event
        if family == "clash" and _as_context(root):
            family = "offensive"  # 'missiles hit the town as clashes entered a fifth day': the setting
        if family in {"explosive", "grenade", "shelling"} and (_misfired(root) or _disarmed(root)):
            family = "disrupted"
        if family in {"explosive", "grenade", "shelling"} and _war_remnant(root):
            family = "remnant"
        if strength < 1 and family in {"shelling", "air"} and _attacked_thing(root):
            continue  # 'an attack by militants on their tank': the tank was hit, it fired nothing
        if strength < 1 and family in {"shelling", "air"} and _fired(root):
            strength = 1.0  # 'rockets fired from across the border', 'tanks attacked our positions'
        sentence_start, sentence_end = sentence_of[start][0], sentence_of[end - 1][1]
        triggers.append(
            EventTrigger(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                family=family,
                cue=cue,
                strength=strength,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                root=root.i,
            )
        )
    return _without_accusations(doc, _without_grievances(doc, _without_earlier_demonstrations(doc, _without_disrupted_devices(doc, triggers))))


AFTER_PREPS = {"following", "after"}
# property destruction alone is left to the rules: a looting cue keeps the demonstration
CROWD_VIOLENCE_FAMILIES = {"mob", "riot_violence"}
# devices a text can tell were defused or seized (shells and air strikes are told as fired)
DEVICE_FAMILIES = {"explosive", "grenade"}
# a device that went off ('the mine exploded') and cues that name the blast, not the device
BLAST_VERBS = set(FAMILIES["blast_verbs"])
BLAST_NOUNS = set(FAMILIES["blast_nouns"])


def _without_disrupted_devices(doc: Doc, triggers: list[EventTrigger]) -> list[EventTrigger]:
    """'police encountered an IED and detonated the bomb without incident', 'an IED was
    planted near the mosque. Soldiers defused it': the devices of a text that tells their
    defusal, seizure or failure and no blast, no device going off and no other violence
    are the disrupted weapons, not explosions (ACLED codebook, 'Disrupted weapons use':
    the defusal of explosives, controlled detonations, seizures of weapons)."""
    if not any(t.family == "disrupted" for t in triggers):
        return triggers
    triggers = _without_seized_arms_descriptions(doc, triggers)
    devices = [t for t in triggers if t.family in DEVICE_FAMILIES and doc[t.root].pos_ != "VERB" and t.cue not in BLAST_NOUNS]
    used = any(DOMAIN.get(t.family) == "violence" and t not in devices for t in triggers)
    if used or any(_went_off(doc[t.root]) for t in devices):
        return triggers
    return [t for t in triggers if t not in devices]


SEIZED_ARMS = _expanded(FAMILIES["seized_arms"])


def _without_seized_arms_descriptions(doc: Doc, triggers: list[EventTrigger]) -> list[EventTrigger]:
    """'two firearms, one of which is linked to a murder, were seized', 'troops discovered
    arms which included RPGs and grenades': the words that describe the arms a seizure or
    find took (their list, the crime they served) are no event of their own; the seizure
    is the event (ACLED codebook, 'Disrupted weapons use': seizures of weapons caches).
    Only the phrase whose head names arms counts: 'recovered the bodies of men killed by
    gunmen' keeps its killing."""
    spans: list[tuple[int, int]] = []
    for t in triggers:
        verb = doc[t.root]
        if t.family != "disrupted" or verb.pos_ != "VERB":
            continue
        for a in patients_of(verb):
            if a.lemma_.lower() in SEIZED_ARMS or a.lower_ in SEIZED_ARMS:
                spans.append((a.left_edge.i, a.right_edge.i))
    if not spans:
        return triggers
    return [t for t in triggers if t.family == "disrupted" or not any(lo <= t.root <= hi for lo, hi in spans)]


def _went_off(device: Token) -> bool:
    """'a roadside bomb hit an army truck', 'a mine exploded': the device did what it was for."""
    verb = device.head
    return (
        device.dep_ == "nsubj" and verb.lemma_.lower() in WEAPON_VERBS | BLAST_VERBS
        and not any(c.dep_ == "neg" for c in verb.children) and not _misfired(verb)
    )


def _without_earlier_demonstrations(doc: Doc, triggers: list[EventTrigger]) -> list[EventTrigger]:
    """'a mob torched the offices ... following anti-government demonstrations': a
    demonstration named as what the violence followed is an earlier event, not the crowd
    doing it. With violence told in the sentence, such a protest cue does not make the
    violence a demonstration's: ACLED codes crowd violence outside a demonstration as
    Mob violence (ACLED codebook, 'Violent demonstration' against 'Mob violence'). Alone
    in its sentence ('work stopped following protests') the protest stays."""
    def earlier(t: EventTrigger) -> bool:
        node = doc[t.root]
        if node.dep_ == "conj":
            node = node.head
        return t.family == "protest" and node.pos_ == "NOUN" and node.dep_ in {"pobj", "dobj"} and node.head.lower_ in AFTER_PREPS
    marked = [t for t in triggers if earlier(t)]
    if not marked:
        return triggers
    violent_sentences = {
        t.sentence_start for t in triggers
        if (DOMAIN.get(t.family) == "violence" and t.family != "clash" or t.family in CROWD_VIOLENCE_FAMILIES) and t.strength >= 1
    }  # 'clashed with police after the rally': most likely the rally's crowd, left to the rules
    return [t for t in triggers if not (t in marked and t.sentence_start in violent_sentences)]


NOT_WEAPON_VERBS = {"rock"}


def find_weapons(doc: Doc) -> list[WeaponMention]:
    _, weapon_matcher = _matchers(doc.vocab)
    out = []
    found = _longest(weapon_matcher(doc))
    sentence_of = _sentence_bounds(doc) if found else []
    for match_id, start, end in found:
        weapon = doc.vocab.strings[match_id].split("|")[0]
        span = doc[start:end]
        if len(span) == 1 and span[0].pos_ == "VERB" and span[0].lemma_.lower() in NOT_WEAPON_VERBS:
            continue  # 'a blast rocked the city', 'the news rocked the square': to shake, not stones
        if _names_a_kind(span):
            continue  # 'the arrow keys', 'a tank top', 'rocket science': a kind of another thing
        out.append(
            WeaponMention(text=span.text, start=span.start_char, end=span.end_char, weapon=weapon, sentence_start=sentence_of[start][0])
        )
    return out


def _names_a_kind(span) -> bool:
    """A weapon word that only classes another noun ('arrow keys', 'bullet points', 'tank
    top') names a kind of that thing; it still names a weapon before a word of its use or
    its harm ('a gun attack', 'bullet wounds', 'tear gas canisters', 'rocket fire') or
    before another weapon ('grenade launcher')."""
    if len(span) != 1 or span[0].dep_ != "compound" or span[0].head.pos_ != "NOUN":
        return False
    head = span[0].head
    return not ({head.lemma_.lower(), head.lower_} & _weapon_heads())


@cache
def _weapon_heads() -> frozenset[str]:
    cues, weapons = _cue_table()
    words = {w for cue, _ in weapons for w in cue.split()} | {cue for cue, _f, _s in cues.values() if " " not in cue}
    return frozenset(words | set(FAMILIES["weapon_use_heads"]))


def classify(families: set[str], **conditions: bool) -> tuple[str, str, str]:
    """(event_type, sub_event_type, plover) for the cue families one event gathered.
    ``conditions`` are facts about the event's arguments that some rules require:
    armed_target, protesters_victims, casualties, state_agent, nonstate_agent, mob_agent."""
    for rule in FAMILIES["outcomes"]:
        when = rule.get("when")
        if set(rule["all"]) <= families and (when is None or conditions.get(when, False)):
            return rule["type"], rule["sub"], rule["plover"]
    return "Strategic developments", "Other", "CONSULT"


def domain(family: str) -> str:
    return DOMAIN[family]


def salience(family: str) -> int:
    return FAMILIES["salience"][DOMAIN[family]]


ARMED_TARGETS = set(FAMILIES["armed_targets"])
MOB_AGENTS = set(FAMILIES["mob_agents"])
NOT_MOB = set(FAMILIES["not_mob_words"])
NOT_TARGET_HEADS = set(FAMILIES["not_target_heads"])
NOT_TARGET_PREPS = set(FAMILIES["not_target_preps"])
STATE_AGENTS = set(FAMILIES["state_agent_words"])
NONSTATE_AGENTS = set(FAMILIES["nonstate_agent_words"])
COMMUNAL_TARGETS = set(FAMILIES["communal_targets"])
FIREARM_LEMMAS = {c.split()[0] for c in FAMILIES["firearm_cues"]}
AGENT_FAMILIES = {"attack", "clash", "mob", "nsa_territory", "gov_territory"}


def phrase_words(tok: Token) -> set[str]:
    """'members of two rival groups' -> {member, group, rival, two}; 'a group of armed men'."""
    words = {tok.lemma_.lower(), tok.lower_}
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod", "nummod"}:
            words |= {child.lemma_.lower(), child.lower_}
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words |= {obj.lemma_.lower(), obj.lower_} | {c.lemma_.lower() for c in obj.children if c.dep_ in {"compound", "amod"}}
        if child.dep_ == "acl" and child.lemma_.lower() in {"arm", "equip"}:
            words.add("armed")
    return words


def patients_of(verb: Token) -> list[Token]:
    """What a verb was done to: its direct object or passive subject and their conjuncts
    ('killed a ranger and two rhinos', 'rifles and grenades were seized')."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return found + [c for a in found for c in a.conjuncts]


def agents_of(root: Token, pairs: bool = False) -> list[Token]:
    """Who did it: the subject of an active cue verb, the 'by' phrase of a passive one or
    of a noun ('an attack by militants'), both sides of 'a clash between X and Y'; a verb
    without a subject of its own ('... and killed two men', 'beat to death') takes its head's."""
    found: list[Token] = []
    node = root
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "nsubj" or (child.dep_ == "compound" and node.pos_ == "NOUN" and node is root):
                found.append(child)
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ({"by", "between", "among", "with"} if pairs else {"by", "between", "among"})):
                found += [g for g in child.children if g.dep_ == "pobj"]
        if not found and node.pos_ == "VERB" and any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children):
            # a passive verb whose 'by' phrase hangs lower: 'were tonsured and forced to ... by a group'
            agent = next((t for t in node.subtree if t.dep_ == "agent"), None)
            if agent is not None:
                found += [g for g in agent.children if g.dep_ == "pobj"]
        if node.dep_ == "pobj" and node.head.head.pos_ in {"VERB", "AUX"} and not found:
            node = node.head.head  # 'members of X engaged in a clash'
            continue
        if found or node.dep_ not in {"conj", "xcomp", "advcl", "acl", "pcomp", "relcl"} or node.head.i == node.i:
            break
        if node.dep_ == "relcl" or (node.dep_ == "acl" and any(c.dep_ == "dobj" for c in node.children)):
            found.append(node.head)  # 'the men who attacked ...', 'a group burned to death two men' read as a noun phrase
            break
        node = node.head
    found += [c for a in list(found) for c in a.children if c.dep_ == "conj"]
    return found


def _organised_violence(root: Token) -> bool:
    """Violence that ACLED codes as an attack by an (identity) militia, not as mob violence,
    whoever the attackers are called ('villagers', 'a group of farmers'): shooting, and
    raids on a whole settlement ('attacked a herders' camp', 'raided the village'). Mob
    violence is a crowd's beating, lynching or brawl (ACLED codebook, 'Mob violence' and
    'Attack'; identity militias, inter code 4)."""
    lemma = root.lemma_.lower()
    if lemma in FIREARM_LEMMAS:
        return True
    targets = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    targets += [g for c in root.children if c.dep_ == "prep" and c.lower_ in {"on", "against"} for g in c.children if g.dep_ == "pobj"]
    targets += [c for t in list(targets) for c in t.children if c.dep_ == "conj"]
    return any(phrase_words(t) & COMMUNAL_TARGETS for t in targets)


# offenders a crowd punishes: 'a suspected thief', 'an alleged rapist', 'a goat thief'
SUSPECT_WORDS = {"thief", "thieves", "robber", "burglar", "pickpocket", "rapist", "witch", "wizard", "sorcerer"}


def _punished_suspect(root: Token) -> bool:
    """The victims of the violence are suspected offenders: the object or passive subject of
    the cue, and their conjuncts."""
    victims = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    victims += [c for v in list(victims) for c in v.children if c.dep_ == "conj"]
    return any(phrase_words(v) & SUSPECT_WORDS or _accused(v) for v in victims)


# a quarrel between people as what violence was about: 'beat a man over a land dispute'
DISPUTE_WORDS = set(FAMILIES["dispute_words"])


def _over_a_dispute(root: Token) -> bool:
    """The violence is told as coming out of a quarrel ('five men beat up a neighbour over a
    land dispute', 'a man was attacked and killed over a property dispute', 'stabbed after
    an argument'): people settling a private dispute by force, with no organised armed
    group or state force as the agent, are rioters; ACLED codes such violence as Mob
    violence (ACLED codebook, 'Mob violence': violent acts by rioters, spontaneous and
    unorganised, against others), not an organised group's Attack."""
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    for verb in {root, node}:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"over", "after", "following"}:
                continue
            if any(g.dep_ == "pobj" and g.lemma_.lower() in DISPUTE_WORDS for g in prep.children):
                return True
    return False


# 'a man accused of stealing a goat', 'two men suspected of murdering a farmer'
ACCUSING_PARTICIPLES = {"accuse", "suspect", "allege"}


def _accused(person: Token) -> bool:
    """A person described by the offence he is held to have done ('a man accused of theft',
    'a youth suspected of killing a farmer'): the crowd's violence punishes it."""
    return person.lemma_.lower() in PERSON_NOUNS and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ACCUSING_PARTICIPLES or _alleged_clause(c) for c in person.children
    )


ALLEGING_ADVERBS = set(FAMILIES["alleging_adverbs"])


def _alleged_clause(clause: Token) -> bool:
    """'(a man) who allegedly raped a girl': a relative clause that tells what a person is
    said to have done, an accusation about him, not an event the text reports."""
    return clause.dep_ == "relcl" and clause.head.lemma_.lower() in PERSON_NOUNS and any(
        c.dep_ == "advmod" and c.lower_ in ALLEGING_ADVERBS for c in clause.children
    )


def _without_accusations(doc: Doc, triggers: list[EventTrigger]) -> list[EventTrigger]:
    """'a man who allegedly raped a girl was beaten to death by residents': the offence a
    relative clause alleges of a person describes him; the crowd's violence is the event
    (ACLED codebook, 'Mob violence': mob justice against a suspected offender). Alone in the
    text ('a man who allegedly raped a girl was arrested' has its arrest) such a cue stays."""
    def alleged(t: EventTrigger) -> bool:
        node = doc[t.root]
        if node.dep_ == "conj" and node.head.dep_ == "relcl":
            node = node.head
        return _alleged_clause(node)
    marked = [t for t in triggers if alleged(t)]
    if not marked or len(marked) == len(triggers):
        return triggers
    return [t for t in triggers if t not in marked]


# the state's forces: facing a crowd they do not make a clash an armed one
STATE_FORCE_WORDS = {"police", "policeman", "policemen", "officer", "army", "force", "forces", "troop", "soldier", "security", "corps", "brigade", "battalion", "regiment"}


def _crowd(agent: Token) -> bool:
    """'hawkers', 'a group of villagers', 'dozens of youths': an unorganised crowd, with no
    armed word and no organisation named in the phrase ('JNIM members' are a group's)."""
    words = phrase_words(agent)
    if not words & MOB_AGENTS or words & NOT_MOB:
        return False
    return not any(t.ent_type_ == "ORG" for t in agent.subtree)


def state_force(agent: Token) -> bool:
    words = phrase_words(agent)
    return bool(words & STATE_FORCE_WORDS) and not words & (NOT_MOB - STATE_FORCE_WORDS)


def argument_flags(roots: list[Token], families: list[str]) -> dict[str, bool]:
    """Facts about who acted, used by classification rules: a state or non-state agent
    of a territorial cue, an unorganised crowd ('a group of villagers', 'locals') as the
    agent of violence."""
    state = nonstate = mob = False
    not_mob = mob_justice = False
    for root, family in zip(roots, families):
        if family not in AGENT_FAMILIES:
            continue
        agents = agents_of(root, pairs=family == "clash")
        if family not in {"nsa_territory", "gov_territory"} and (mob or not_mob) and agents:
            continue  # the first violent cue with a named agent decides who fought
        if family == "attack" and _punished_suspect(root) and not any(phrase_words(a) & NOT_MOB for a in agents):
            # 'a suspected robber was stoned to death', 'villagers killed a goat thief':
            # people punishing a suspected offender themselves; ACLED codes such mob justice as
            # Mob violence by rioters (ACLED codebook, 'Mob violence'; inter code 5)
            mob = mob_justice = True
            continue
        if (
            family == "attack" and _over_a_dispute(root) and not _organised_violence(root)
            and not any(phrase_words(a) & NOT_MOB or names_armed_group(a) for a in agents)
        ):
            mob = True
            continue
        if family == "attack" and agents and _organised_violence(root):
            not_mob = True
            continue
        if family in {"attack", "clash"} and any(names_armed_group(a) for a in agents):
            # 'MRC members killed a trader', 'youths said to be members of the Mungiki': members
            # of a named rebel group or political militia (armed_groups.tsv) are an organised
            # armed actor, not a crowd: their violence against civilians is an Attack, against
            # an armed side an Armed clash (ACLED codebook, 'Attack', 'Armed clash'; inter codes
            # 2 and 3, against 'Mob violence' by rioters, inter code 5)
            not_mob = True
            continue
        if family == "clash" and any(_crowd(a) for a in agents) and all(_crowd(a) or state_force(a) for a in agents):
            # a crowd against the police or the army is mob violence (rioters against state
            # forces), not an armed clash, which ACLED keeps for organised armed groups on both
            # sides (ACLED codebook, 'Armed clash', 'Mob violence'; inter code 5 against 1)
            mob = True
            continue
        for agent in agents:
            words = phrase_words(agent)
            if family in {"nsa_territory", "gov_territory"}:
                if state or nonstate:
                    continue  # the first named side decides ('the army and allied fighters')
                if words & NONSTATE_AGENTS:
                    nonstate = True
                elif words & STATE_AGENTS:
                    state = True
            else:
                if words & NOT_MOB or agent.ent_type_ in {"ORG"} and not words & MOB_AGENTS:
                    not_mob = True
                elif words & MOB_AGENTS:
                    mob = True
    if not (state or nonstate) and not any(agents_of(r) for r, f in zip(roots, families) if f in {"nsa_territory", "gov_territory"}):
        state, nonstate = _side_from_loser(roots, families)  # only a taker the text does not name
    flags = {"state_agent": state and not nonstate, "nonstate_agent": nonstate and not state, "mob_agent": mob and not not_mob, "mob_justice": mob_justice}
    flags["crowd_destruction"] = not not_mob and _crowd_destruction(roots, families)
    flags.update(attacker_kind(roots, families))
    return flags



def _side_from_loser(roots: list[Token], families: list[str]) -> tuple[bool, bool]:
    """(state, non-state) side of a taker the text does not name, from the side the place was
    taken from ('wrested control of a camp from a separatist militia', 'seized the post from
    government troops'): the government takes from non-state actors, non-state actors from
    the government (ACLED codebook, 'Government regains territory', 'Non-state actor
    overtakes territory')."""
    for root, family in zip(roots, families):
        if family not in {"nsa_territory", "gov_territory"}:
            continue
        holders = [root] + [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
        holders += [g for h in list(holders[1:]) for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "from":
                    continue
                for loser in (g for g in prep.children if g.dep_ == "pobj"):
                    words = phrase_words(loser)
                    if words & NONSTATE_AGENTS or names_armed_group(loser):
                        return True, False
                    if words & STATE_AGENTS:
                        return False, True
    return False, False


# arms that make a crowd an armed group: not the crude stones, sticks and clubs of a riot
LETHAL_WEAPONS = {"firearm", "small arms", "machete", "spear", "bow and arrow"}


def armed_crowd(doc: Doc, weapons: list[WeaponMention]) -> bool:
    """The crowd fought with lethal arms ('two families clashed with machetes', 'youths
    armed with machetes attacked', 'they attacked each other with arrows', 'wounded by
    gunshots'): an armed group, not rioters. ACLED's Armed clash is a battle between armed,
    organised groups, communal militias among them (inter code 4), and an Attack is such a
    group's violence against civilians; Mob violence is the violence of rioters, with crude
    weapons at most (ACLED codebook, 'Armed clash', 'Attack', 'Mob violence'; 'Identity
    militias'). Arms in the hands of the state's forces ('police fired live bullets to
    disperse the crowd') do not count."""
    for w in weapons:
        if w.weapon not in LETHAL_WEAPONS:
            continue
        span = doc.char_span(w.start, w.end, alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        for _ in range(6):
            if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"amod", "acl"} or node.head.i == node.i:
                break
            node = node.head
        users = [c for c in node.children if c.dep_ == "nsubj"]
        users += [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not any(state_force(u) for u in users):
            return True
    return False


# taking goods, not damaging them: 'villagers seized the land', 'residents found drugs'
TAKING_CUES = {"seize", "confiscate", "grab", "seizure", "find", "discover", "raid", "seize livestock", "kill", "shoot", "steal", "rob", "loot", "looting", "looter", "pillage", "plunder", "ransack"}


def _crowd_destruction(roots: list[Token], families: list[str]) -> bool:
    """Property a crowd destroyed ('residents torched the chief's house', 'a group of youths
    vandalised the offices'): the first looting cue with a named agent, all of whose agents
    are an unorganised crowd ('villagers with soldiers' are not), with no organised armed
    actor told using violence beside it. ACLED counts property destruction by mobs among riots, and
    keeps Looting/property destruction for destruction outside the context of rioting
    (ACLED codebook, 'Riots', 'Mob violence', 'Looting/property destruction')."""
    for root, family in zip(roots, families):
        if family != "looting" or root.lemma_.lower() in TAKING_CUES:
            continue
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in root.children) and not any(c.dep_ == "agent" for c in root.children):
            continue  # 'fled after their homes were set on fire': no one named did it
        agents = agents_of(root, pairs=True)
        if agents:
            return all(_crowd(a) and not any(t.lemma_.lower() in NOT_MOB for t in a.subtree) for a in agents)
    return False


PROTESTER_WORDS = {"protester", "protesters", "demonstrator", "demonstrators", "marcher", "marchers", "rioter", "rioters"}


def attacker_kind(roots: list[Token], families: list[str]) -> dict[str, bool]:
    """Who used violence told beside a demonstration, by the first attack cue with a named
    agent: the state's forces ('police beat the marchers'), the demonstrators or a crowd
    ('protesters stoned a minister's car'), or an organised armed group ('militiamen
    marched on the village and attacked settlers'). ACLED types the event by that actor:
    demonstrators who engage in violence make a Violent demonstration; state forces using
    force on demonstrators, Protest with intervention or, with serious harm, Excessive
    force against protesters; an armed group's violence against people is an Attack on
    civilians (ACLED codebook, 'Violent demonstration', 'Protest with intervention',
    'Excessive force against protesters', 'Attack')."""
    for root, family in zip(roots, families):
        if family != "attack" or root.dep_ in {"acl", "relcl"}:
            continue  # 'relatives of a man killed by militants protested': the killing describes the man
        agents = agents_of(root)
        if not agents:
            continue
        if any(state_force(a) for a in agents):
            return {"state_attacker": True}
        if any(names_armed_group(a) or phrase_words(a) & (NOT_MOB - STATE_FORCE_WORDS) for a in agents):
            return {"organised_attacker": True}
        if any(phrase_words(a) & PROTESTER_WORDS or _crowd(a) for a in agents):
            return {"crowd_attacker": True}
        return {}
    return {}


# what demonstrators claim: 'rallied, claiming that the opposition spreads violence'
CLAIM_VERBS = {"claim", "allege", "accuse", "charge"}
GRIEVANCE_FAMILIES = {"clash", "attack", "riot", "riot_violence", "mob", "explosive", "grenade", "shelling", "air", "looting"}


def _without_grievances(doc: Doc, triggers: list[EventTrigger]) -> list[EventTrigger]:
    """Violence a demonstration names as what it followed ('lawyers staged a protest
    following clashes with police during earlier rallies') or as what the demonstrators
    claim ('held a rally, claiming that the opposition was spreading violence') is the
    grievance, an earlier event, not violence of the demonstration: ACLED codes a
    demonstration whose participants do no violence as a Peaceful protest (ACLED codebook,
    'Peaceful protest'). Only an 'after'/'following' phrase or a claim clause attached to
    the demonstration's own clause counts ('soldiers were killed following clashes' is the
    clash itself)."""
    protest_heads: set[int] = set()
    for t in triggers:
        if t.family != "protest":
            continue
        node = doc[t.root]
        protest_heads.add(node.i)
        if node.pos_ == "NOUN" and node.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
            protest_heads.add(node.head.i)  # 'staged a protest', 'a protest was held'
    if not protest_heads:
        return triggers

    def grievance(t: EventTrigger) -> bool:
        if t.family == "arrest" and doc[t.root].dep_ == "amod" and doc[t.root].head.pos_ in {"NOUN", "PROPN"}:
            # 'demanding the release of detained journalists', 'relatives of jailed activists':
            # the participle describes who the demonstration is about, an earlier arrest, not
            # one at the demonstration (ACLED codebook, 'Peaceful protest')
            return True
        if t.family not in GRIEVANCE_FAMILIES:
            return False
        node = doc[t.root]
        if node.dep_ == "conj":
            node = node.head
        if node.pos_ == "NOUN" and node.dep_ == "pobj" and node.head.lower_ in AFTER_PREPS:
            return node.head.head.i in protest_heads
        # up to the clause of a claim verb under the demonstration
        for _ in range(6):
            if node.head.i == node.i:
                return False
            child, node = node, node.head
            if node.lemma_.lower() in CLAIM_VERBS and child.dep_ in {"ccomp", "prep"}:
                return node.dep_ in {"advcl", "xcomp", "conj"} and node.head.i in protest_heads
            if node.pos_ == "VERB" and child.dep_ not in {"dobj", "pobj", "prep", "pcomp", "nsubj", "nsubjpass", "ccomp", "xcomp", "amod", "compound"}:
                return False
        return False
    return [t for t in triggers if not grievance(t)]
