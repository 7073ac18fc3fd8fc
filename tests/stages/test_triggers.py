"""Event cues and weapons with the real spaCy model, and the ACLED type they lead to.

Every sentence is our own writing.
"""

from __future__ import annotations

import pytest

import clashwatch
from clashwatch.stages.triggers import classify, find_triggers, find_weapons

PUBLISHED = "2023-09-15"  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return clashwatch.get_pipeline().nlp


def cues(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.family, t.cue) for t in find_triggers(nlp(text))]


def main_event(text: str):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events, f"no event in {text!r} ({r.warnings})"
    return r.events[0]


# --------------------------------------------------------------------------- cues


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Herders clashed with farmers over a water point.", ("clashed", "clash", "clash")),
        ("A drone strike hit a fuel depot outside the port.", ("drone strike", "air", "drone strike")),
        ("Nurses protested outside the health ministry.", ("protested", "protest", "protest")),
        ("A suicide bomber struck a queue of army recruits.", ("suicide bomber", "suicide", "suicide bomber")),
        ("Kidnappers abducted a priest from his parish house.", ("abducted", "abduction", "abduct")),
        ("Police arrested a journalist at the airport.", ("arrested", "arrest", "arrest")),
    ],
)
def test_cue_and_its_family(nlp, text, expected):
    assert expected in cues(nlp, text)


def test_the_longest_cue_wins(nlp):
    found = cues(nlp, "A drone strike hit a fuel depot outside the port.")
    assert ("drone strike", "air", "drone strike") in found
    assert not any(text == "drone" for text, _, _ in found)


def test_negated_and_threatened_events_are_no_cues(nlp):
    assert not any(f == "clash" for _, f, _ in cues(nlp, "No clashes were reported in the town overnight."))
    assert not any(f == "attack" for _, f, _ in cues(nlp, "The rebels threatened to attack the capital."))
    # the same words, reported as having happened, are cues
    assert any(f == "clash" for _, f, _ in cues(nlp, "Clashes were reported in the town overnight."))
    assert any(f == "attack" for _, f, _ in cues(nlp, "The rebels attacked the capital."))


# session 15: what someone can do, and what the reader does, is described, not reported
@pytest.mark.parametrize("text, family", [
    ("In the new map, players can raid the bandit camp and kill the guards.", "attack"),
    ("You fight your way through the castle, and the last boss hits hard.", "clash"),
    ("Your party can fight the dragon or sneak past the guards.", "clash"),
])
def test_an_ability_or_the_readers_doing_is_no_cue(nlp, text, family):
    assert not any(f == family for _, f, _ in cues(nlp, text)), cues(nlp, text)


@pytest.mark.parametrize("text, family", [
    ("Gunmen raided the bandit camp on Monday and killed the guards.", "attack"),
    ("Rebels who can strike at any time attacked the town on Monday.", "attack"),
    ("Villagers said soldiers fought the rebels in the hills for two days.", "clash"),
])
def test_a_reported_event_beside_the_word_can_stays_a_cue(nlp, text, family):
    assert any(f == family for _, f, _ in cues(nlp, text)), cues(nlp, text)


# session 18: tear gas or batons that hurt people, with no demonstration told, are force used
# on civilians (ACLED codebook, 'Attack'); with nobody hurt, or at a demonstration, they stay
# the intervention or excessive force of the protest rules
@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("On Monday, police fired tear gas into a primary school in Kisumu, injuring four pupils.", "Attack"),
        ("On Monday, police fired tear gas at hawkers in Kisumu market.", "Protest with intervention"),
        ("On Monday, nurses marched in Kisumu and police fired tear gas at them, injuring four.", "Excessive force against protesters"),
    ],
)
def test_force_that_hurts_people_with_no_demonstration_is_an_attack(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


# session 18: a purpose parsed as an adverbial clause ('recruiting youth to fight abroad') is
# the aim of the recruiting, and a clause opened by 'whether' or 'if' is a question or a
# condition: neither reports that the event happened
@pytest.mark.parametrize(
    "aimed, happened, family",
    [
        ("The militia is recruiting young men to fight in the northern hills.", "The militia recruited young men, and they fought in the northern hills.", "clash"),
        ("The sect has been training its followers to attack police stations.", "The sect trained its followers, and they attacked two police stations on Sunday.", "attack"),
    ],
)
def test_a_purpose_of_recruiting_or_training_is_no_cue(nlp, aimed, happened, family):
    assert not any(f == family for _, f, _ in cues(nlp, aimed)), cues(nlp, aimed)
    assert any(f == family for _, f, _ in cues(nlp, happened)), cues(nlp, happened)


@pytest.mark.parametrize(
    "asked, told, family",
    [
        ("It is not yet clear whether anyone was killed at the market.", "Two traders were killed at the market.", "attack"),
        ("Officials could not say if clashes took place near the mine.", "Clashes took place near the mine on Sunday.", "clash"),
    ],
)
def test_an_event_in_a_whether_or_if_clause_is_no_cue(nlp, asked, told, family):
    assert not any(f == family for _, f, _ in cues(nlp, asked)), cues(nlp, asked)
    assert any(f == family for _, f, _ in cues(nlp, told)), cues(nlp, told)


def test_a_recruitment_for_fighting_is_a_change_to_group_activity():
    e = main_event("On Monday the Sawa militia was recruiting youths in Lamu to fight against the army.")
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Change to group/activity")


@pytest.mark.parametrize(
    "planned, happened, family",
    [
        ("The army accused the rebels of preparing to launch a big attack on Kidal.", "The rebels launched a big attack on Kidal.", "attack"),
        ("Students planned to hold a demonstration outside parliament.", "Students held a demonstration outside parliament.", "protest"),
        ("The militia vowed to carry out more raids on the villages.", "The militia carried out more raids on the villages.", "attack"),
    ],
)
def test_an_event_carried_by_a_light_verb_is_planned_when_the_verb_above_says_so(nlp, planned, happened, family):
    # 'launch', 'hold', 'carry out' only carry the event noun: the verb above them says
    # whether it happened ('preparing to launch an attack' launched none)
    assert not any(f == family for _, f, _ in cues(nlp, planned))
    assert any(f == family for _, f, _ in cues(nlp, happened))


def test_a_trigger_spans_its_words_in_its_sentence(nlp):
    text = "Calm returned on Monday. Then a drone strike hit a fuel depot outside the port."
    doc = nlp(text)
    (strike,) = [t for t in find_triggers(doc) if t.family == "air"]
    assert text[strike.start : strike.end] == "drone strike"
    assert text[strike.sentence_start : strike.sentence_end].startswith("Then a drone strike")
    assert doc[strike.root].text == "strike"


# --------------------------------------------------------------------------- ACLED types


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        ("Government troops clashed with rebels near Goma on Thursday.", "Battles", "Armed clash"),
        ("Warplanes bombed rebel positions near Idlib on Wednesday.", "Explosions/Remote violence", "Air/drone strike"),
        ("Hundreds of teachers protested outside parliament in Accra on Monday to demand higher pay.", "Protests", "Peaceful protest"),
        ("A suicide bomber blew himself up at a checkpoint in Kabul on Monday, killing six people.", "Explosions/Remote violence", "Suicide bomb"),
        ("Gunmen abducted twelve schoolchildren from a school in Kaduna on Tuesday.", "Violence against civilians", "Abduction/forced disappearance"),
        ("Police arrested 40 opposition supporters in Harare on Sunday.", "Strategic developments", "Arrests"),
        ("Kenyan police fired tear gas at protesters in Nairobi on Tuesday.", "Protests", "Protest with intervention"),
        ("Soldiers seized two grenades and a landmine at a checkpoint near Mosul on Monday.", "Strategic developments", "Disrupted weapons use"),
    ],
)
def test_event_type_of_a_cue(text, event_type, sub_event_type):
    ev = main_event(text)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_classify_rules():
    assert classify({"clash"}) == ("Battles", "Armed clash", "ASSAULT")
    assert classify({"protest"})[:2] == ("Protests", "Peaceful protest")
    # a protest the police broke up, then the same with people hurt
    assert classify({"protest", "intervention"})[:2] == ("Protests", "Protest with intervention")
    assert classify({"protest", "intervention"}, casualties=True)[:2] == ("Protests", "Excessive force against protesters")
    assert classify({"intervention"}, casualties=True)[:2] == ("Violence against civilians", "Attack")
    assert classify({"intervention"})[:2] == ("Protests", "Protest with intervention")
    # an attack on armed men is a battle, on anyone else violence against civilians
    assert classify({"attack"}, armed_target=True)[:2] == ("Battles", "Armed clash")
    assert classify({"attack"})[:2] == ("Violence against civilians", "Attack")
    assert classify(set()) == ("Strategic developments", "Other", "CONSULT")


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # ACLED: excessive force is used against protesters; a crackdown on crime is no protest
        ("Police arrested 12 people in a crackdown on car thieves in Mombasa on Tuesday.", "Arrests"),
        ("Police fired live rounds at protesters in Kisumu on Tuesday, killing three.", "Excessive force against protesters"),
        ("Police cracked down on protesters demanding lower fuel prices in Kisumu on Tuesday.", "Excessive force against protesters"),
    ],
)
def test_a_crackdown_is_excessive_force_only_against_protesters(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


# --------------------------------------------------------------------------- weapons


def test_every_weapon_mention_is_found_with_its_normalised_name(nlp):
    text = "Rebels fired mortars and rockets at the town on Monday; more mortars fell on Tuesday and a rocket hit the market."
    found = find_weapons(nlp(text))
    assert [(w.text, w.weapon) for w in found] == [
        ("mortars", "mortar"), ("rockets", "rocket"), ("mortars", "mortar"), ("rocket", "rocket"),
    ]
    assert all(text[w.start : w.end] == w.text for w in found)


def test_an_event_lists_each_weapon_once_in_order_of_mention():
    ev = main_event("Rebels fired mortars and rockets at the town on Monday; more mortars fell on Tuesday and a rocket hit the market.")
    assert ev.weapons == ["mortar", "rocket"]


def test_weapon_names_are_normalised(nlp):
    text = "The attackers carried AK-47s, an RPG, machetes and an improvised explosive device."
    assert [w.weapon for w in find_weapons(nlp(text))] == ["firearm", "rocket-propelled grenade", "machete", "improvised explosive device"]


def test_tear_gas_and_rubber_bullets_are_weapons_of_the_protest_event():
    ev = main_event("Police fired tear gas and rubber bullets at demonstrators in Conakry on Thursday.")
    assert ev.event_type == "Protests"
    assert ev.weapons == ["tear gas", "rubber bullets"]


# --------------------------------------------------------------------------- conflict sense (issue area 7)


@pytest.mark.parametrize(
    "text, word",
    [
        ("The new paper demonstrates that the sampling method converges quickly.", "demonstrates"),
        ("The country is burning less coal than it did ten years ago.", "burning"),
        ("The director shot a short film in the harbour last spring.", "shot"),
        ("The season update brings a new rally-inspired buggy to the garage.", "rally"),
        ("The striker shot the ball past the keeper in the second half.", "shot"),
        ("The gang sold two assault rifles to a dealer in the port.", "assault"),
    ],
)
def test_a_cue_out_of_its_conflict_sense_is_no_cue(nlp, text, word):
    assert word not in [c[0] for c in cues(nlp, text)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Thousands of teachers demonstrated in the capital against pay cuts.", "demonstrated"),
        ("Rioters burned two police vehicles outside the court.", "burned"),
        ("Soldiers shot two villagers at a checkpoint.", "shot"),
        ("Rebels launched an assault on the garrison at dawn.", "assault"),
    ],
)
def test_a_cue_in_its_conflict_sense_stays(nlp, text, word):
    assert word in [c[0] for c in cues(nlp, text)]


# --------------------------------------------------------------------------- ACLED sub-type distinctions (issue 18)
# Each pair: the sentence that takes the sub-type and a near neighbour that must not.


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # both sides armed (an armed group's members, commandos at a checkpoint) vs one side unarmed
        ("Gunmen killed two commandos at a check point in Herat province on Monday.", "Armed clash"),
        ("On Sunday police shot dead two Taliban members in Kunduz.", "Armed clash"),
        ("On Sunday police shot dead two shopkeepers in Kunduz.", "Attack"),
        # civilians killed during clashes were the target of an attack; soldiers killed in one fought it
        ("On Monday gunmen killed four civilians in Marsabit during a second day of ethnic clashes.", "Attack"),
        ("On Monday four soldiers were killed during clashes with rebels in Marsabit.", "Armed clash"),
        # a force named in the plural as a proper noun
        ("On Monday four Rangers were killed in an attack by militants in Pattani.", "Armed clash"),
        ("Gunmen killed two teachers at a school in Herat province on Monday.", "Attack"),
        # shooting and raids on a settlement are attacks whoever carries them out; a crowd's beating is mob violence
        ("On Sunday a group of villagers attacked a herders' camp near Kandi and wounded two men.", "Attack"),
        ("On Sunday a group of villagers beat a suspected thief to death near Kandi.", "Mob violence"),
        # a crowd that clashes with the police or soldiers is mob violence; an armed group's members fight a battle
        ("Street hawkers clashed with police in Eldoret on Monday over the removal of their stalls.", "Mob violence"),
        ("On Friday dozens of youths fought with soldiers at a roadblock near Kaya.", "Mob violence"),
        ("On Friday al-Shabaab fighters clashed with soldiers at a roadblock near Kismayo.", "Armed clash"),
        ("On Friday villagers clashed with gunmen near Kaya.", "Armed clash"),
    ],
)
def test_who_was_armed_decides_between_clash_attack_and_mob(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a crowd that fights or attacks with lethal arms is an armed group (ACLED codebook,
        # 'Armed clash', 'Attack'; identity militias), not rioters
        ("On Monday two families clashed with machetes over a land dispute near Kandi, wounding five people.", "Armed clash"),
        ("On Monday a group of residents attacked a trader with a machete in Kisii.", "Attack"),
        ("On Monday villagers from two hamlets clashed near Kandi, wounding four people with arrows.", "Armed clash"),
        ("On Monday rival supporters fought with guns outside a polling station in Kisii.", "Armed clash"),
        # without such arms, with the police's arms only, or punishing a suspected offender: mob violence
        ("On Monday two families clashed over a land dispute near Kandi, wounding five people.", "Mob violence"),
        ("On Monday hawkers clashed with police in Eldoret; police fired live bullets to disperse them.", "Mob violence"),
        ("On Sunday a group of villagers beat a suspected thief to death with machetes near Kandi.", "Mob violence"),
        ("On Monday youths armed with sticks and stones attacked traders at a market in Kisii.", "Mob violence"),
    ],
)
def test_a_crowd_with_lethal_arms_is_an_armed_group(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a victim described by the offence he is held to have done: mob justice (ACLED codebook, 'Mob violence')
        ("On Monday a man suspected of stealing a motorbike was beaten to death in Kandi.", "Mob violence"),
        ("On Monday two men accused of stealing a cow were hacked to death in Kandi.", "Mob violence"),
        # an armed group's killing of a man it suspects stays an attack; a victim with no accusation too
        ("On Monday gunmen shot dead a man suspected of being a police informer in Kandi.", "Attack"),
        ("On Monday a man was beaten to death near the market in Kandi.", "Attack"),
    ],
)
def test_a_victim_accused_of_an_offence_is_punished_by_a_mob(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # people settling a quarrel by force are rioters (ACLED codebook, 'Mob violence')
        ("On 4 March four men beat a shopkeeper with iron rods over a land dispute in Gaya village.", "Mob violence"),
        ("On 4 March a farmer was attacked and killed over a property dispute in Gaya district.", "Mob violence"),
        ("On 4 March two brothers stabbed their neighbour after an argument about water in Gaya.", "Mob violence"),
        # with no quarrel told, with state forces or with guns, the usual reading stays
        ("On 4 March four men beat a shopkeeper with iron rods in Gaya village.", "Attack"),
        ("On 4 March soldiers beat a shopkeeper over a land dispute in Gaya village.", "Attack"),
        ("On 4 March gunmen shot dead a farmer over a land dispute in Gaya village.", "Attack"),
    ],
)
def test_violence_over_a_private_quarrel_is_mob_violence(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # explosions seen or heard from afar are fire from a distance; a bomb that went off is a device
        ("On Monday ceasefire monitors observed 14 explosions near the village of Dorovo.", "Shelling/artillery/missile attack"),
        ("A bomb explosion killed three people at a bus station in Kaduna on Monday.", "Remote explosive/landmine/IED"),
        # seen in a list of noises, the explosions are still seen from afar; with small arms a ground engagement
        ("On Monday ceasefire monitors counted a total of 21 explosions/bursts of fire involving unknown weapons near Dorovo.", "Shelling/artillery/missile attack"),
        ("On Monday ceasefire monitors counted a total of 21 explosions/shots/bursts of fire involving small arms near Dorovo.", "Armed clash"),
        # a grenade launcher fires from a distance; a thrown grenade is a grenade
        ("On Tuesday the rebels fired grenade launchers at army positions near Kursk.", "Shelling/artillery/missile attack"),
        ("On Tuesday a man threw a grenade into a bar in Bujumbura, wounding five people.", "Grenade"),
        # artillery alone is shelling; with small arms it is a ground engagement
        ("On Tuesday government troops fired mortars at rebel positions near Kursk.", "Shelling/artillery/missile attack"),
        ("On Tuesday government troops fired mortars and small arms at rebel positions near Kursk.", "Armed clash"),
        # fighting named as the setting does not turn the strike into a clash
        ("On Tuesday the army fired missiles at a fuel depot near Kursk as border clashes entered a fifth day.", "Shelling/artillery/missile attack"),
        ("On Tuesday artillery shelled rebel positions near Kursk and the two sides clashed in the streets.", "Armed clash"),
        # a tank or a helicopter that an assault hit is the target, not heavy fire; one that fires is
        ("On Friday two soldiers were killed in an attack by insurgents on their tank near Kunduz.", "Armed clash"),
        ("On Friday insurgents ambushed an army helicopter near Kunduz, wounding two crew members.", "Armed clash"),
        ("On Friday an army tank fired on insurgent positions near Kunduz.", "Shelling/artillery/missile attack"),
        # mortar fire told with fire observed 'in both directions' of the frontline went both ways
        ("On Sunday the army fired mortars at rebel positions near Avdiivka. Monitors observed 40 explosions "
         "in both directions of the frontline near the town.", "Armed clash"),
        ("On Sunday the army fired mortars at rebel positions near Avdiivka.", "Shelling/artillery/missile attack"),
    ],
)
def test_remote_violence_or_a_clash(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        # a device left from an earlier war is ACLED's 'Other' (explosive remnants of war)
        ("On Monday a shepherd was injured by a landmine laid during the civil war near Tirana.", "Strategic developments", "Other"),
        ("On Monday a farmer was killed by explosive remnants of war in his field near Tirana.", "Strategic developments", "Other"),
        ("On Monday two children were wounded by an unexploded landmine near their school in Tirana.", "Strategic developments", "Other"),
        # a device planted by an actor of the day is remote violence
        ("On Monday rebels planted a landmine that killed two soldiers near Tirana.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("On Monday a landmine laid by the rebels during the night wounded two soldiers near Tirana.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ],
)
def test_explosive_remnants_of_war(text, event_type, sub_event_type):
    event = main_event(text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_explosions_counted_at_a_quarry_are_no_event():
    text = "Engineers recorded a total of 40 explosions/tremors at the quarry during blasting work on Monday."
    assert not clashwatch.extract(text, published=PUBLISHED).events


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # heavy machine guns and anti-aircraft guns are heavy weapons fired from a distance
        # (ACLED codebook, 'Shelling/artillery/missile attack'); with small arms, a ground engagement
        ("On Tuesday government troops fired anti-aircraft guns at rebel positions near Kursk.", "Shelling/artillery/missile attack"),
        ("On Tuesday the rebels fired heavy machine guns at a residential area of Kursk.", "Shelling/artillery/missile attack"),
        ("On Tuesday the rebels fired heavy machine guns and small arms at army positions near Kursk.", "Armed clash"),
        ("On Tuesday gunmen fired machine guns at a bus near Kursk, killing two passengers.", "Attack"),
    ],
)
def test_heavy_machine_guns_are_heavy_weapons(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # 'heavy' told apart from its weapon still makes it a heavy weapon
        ("On Tuesday the militia fired heavy and medium machine guns at farms east of Kursk.", "Shelling/artillery/missile attack"),
        ("On Tuesday the militia fired machine guns, presumably heavy, at farms east of Kursk.", "Shelling/artillery/missile attack"),
        # without it the guns are small arms
        ("On Tuesday the militia fired light and medium machine guns at a bus east of Kursk, killing two passengers.", "Attack"),
    ],
)
def test_heavy_told_apart_from_its_weapon(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_heavy_that_qualifies_something_else_is_no_weapon(nlp):
    assert not any(f == "shelling" for _, f, _ in cues(nlp, "Heavy rain and strong winds made the old guns in the museum rust."))
    assert not any(f == "shelling" for _, f, _ in cues(nlp, "Collectors carried heavy boxes of antique guns into the fair."))


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("On Monday federal police seized two tons of cocaine hidden in a truck near Santos. Three men were arrested.", "Looting/property destruction"),
        ("On Monday gunmen seized a vehicle belonging to a local councillor near Kamina.", "Looting/property destruction"),
        ("On Monday soldiers seized rifles and grenades at a checkpoint near Kamina.", "Disrupted weapons use"),
        ("On Monday a mortar shell exploded prematurely near Kandahar, wounding three militants.", "Disrupted weapons use"),
        ("On Monday a bomb failed to explode near a market in Kandahar.", "Disrupted weapons use"),
        ("On Monday a roadside bomb exploded near Kandahar, killing three soldiers.", "Remote explosive/landmine/IED"),
        # an 'assault rifle' is a kind of weapon, not an assault
        ("On Monday gendarmes seized four assault rifles and two pistols in a cave near Tunceli.", "Disrupted weapons use"),
        # livestock raided is property taken (ACLED: looting); a raided village with its dead is an attack
        ("On Monday bandits raided goats and camels from a herders' camp near Wajir.", "Looting/property destruction"),
        ("On Monday, bandits raided a village near Wajir and killed three herders.", "Attack"),
    ],
)
def test_strategic_developments_of_weapons_and_property(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # property a crowd destroyed is a riot (ACLED codebook, 'Riots': mobs engaging in property destruction)
        ("On Monday a group of youths torched the house of a ward administrator in Kisii.", "Mob violence"),
        ("On Tuesday residents of Kibera vandalised the offices of the local chief.", "Mob violence"),
        # an organised or armed actor's destruction, one told beside the state's forces, or one with no one named stays looting/property destruction
        ("On Monday gunmen torched the house of a ward administrator in Kisii.", "Looting/property destruction"),
        ("On Monday police demolished forty kiosks built on a road reserve in Kibera.", "Looting/property destruction"),
        ("On Monday village elders along with soldiers burned the huts of the herders near Kandi.", "Looting/property destruction"),
        ("On Monday the homes of two councillors were set on fire in Kisii.", "Looting/property destruction"),
    ],
)
def test_property_a_crowd_destroyed_is_a_riot(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_an_attack_repelled_or_thwarted_is_a_fight(nlp):
    # the defenders fought back: both sides armed (ACLED's armed clash)
    assert ("repelled", "clash", "repel") in cues(nlp, "Soldiers repelled an assault on the barracks.")
    assert ("thwarted", "clash", "thwart") in cues(nlp, "The garrison thwarted an attack on the bridge.")
    assert not any(f == "clash" for _, f, _ in cues(nlp, "Troops were sent with the aim of foiling an attack on the bridge."))
    # a plot thwarted before any fighting stays a disrupted weapons use
    assert not any(f == "clash" for _, f, _ in cues(nlp, "Police thwarted a bomb plot in the capital."))


def test_a_seized_town_or_opportunity_is_no_looting(nlp):
    assert not any(f == "looting" for _, f, _ in cues(nlp, "The rebels seized the town of Kamina on Monday."))
    assert not any(f == "looting" for _, f, _ in cues(nlp, "The minister seized the opportunity to praise the army."))
    assert not any(f == "shelling" for _, f, _ in cues(nlp, "A gas explosion destroyed a bakery in Lagos on Monday."))


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a protest others obstructed or stopped is a protest with intervention
        ("On Monday ruling party activists obstructed a human chain of opposition students in Sylhet.", "Protest with intervention"),
        ("On Monday police stopped an opposition march in Cotonou.", "Protest with intervention"),
        # violence that the report says did not happen does not make the protest violent
        ("On Monday opposition supporters protested in Mombasa. There were no reports of violence or clashes with police.", "Peaceful protest"),
    ],
)
def test_intervention_and_peaceful_protest(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_stopping_something_other_than_a_gathering_is_no_intervention(nlp):
    assert not any(f == "intervention" for _, f, _ in cues(nlp, "Police stopped a truck carrying rifles near Cotonou."))
    assert not any(f == "clash" for _, f, _ in cues(nlp, "There were no reports of clashes in the town."))


@pytest.mark.parametrize(
    "text",
    [
        "On Monday three women were raped by militiamen in Bunia.",
        # with other violence in the same event, the sexual violence gives the sub-type
        "On Monday armed men raped a woman and killed six civilians during a robbery in Goma.",
    ],
)
def test_rape_is_sexual_violence_whatever_the_lemmatiser_says(text):
    # the model lemmatises 'raped' as 'rap'
    assert main_event(text).sub_event_type == "Sexual violence"


def test_rapping_is_no_sexual_violence(nlp):
    assert not any(f == "sexual" for _, f, _ in cues(nlp, "The band rapped about the war on Monday."))


def test_warning_shots_are_a_strategic_development_unless_they_break_up_a_protest():
    assert main_event("On Monday border guards fired warning shots near the village of Apkan.").sub_event_type == "Other"
    assert main_event("On Monday police fired warning shots to disperse protesters in Bishkek.").sub_event_type == "Protest with intervention"
    assert main_event("On Monday soldiers fired shots at a car near the village of Apkan, killing the driver.").sub_event_type == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday more police officers were deployed to Tana River to quell clashes between two communities.",
        "On Monday troops deployed to the town in the context of recent fighting between two factions.",
        # fighting told only as the past cause of the deployment (ACLED codebook, 'Change to group/activity')
        "On Monday hundreds of soldiers were deployed to Kalo town following clashes between two militias.",
        "On Monday a police unit arrived in Kalo to secure the area after an armed clash occurred there last week.",
    ],
)
def test_forces_sent_because_of_fighting_are_a_change_of_activity(text):
    # the fighting is the reason for the deployment, not the event reported
    assert main_event(text).sub_event_type == "Change to group/activity"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday about 300 families were displaced following clashes between two clans near Datu Piang.",
        "On Monday heavy fighting between the army and the rebels forced about 500 villagers to flee to Kiwanja town.",
        "On Monday 150 families evacuated following the eruption of hostilities between two armed clans near Pikit.",
    ],
)
def test_people_fleeing_fighting_are_a_displacement(text):
    # ACLED codebook, 'Strategic developments', 'Other': displacement told as the event,
    # the fighting only as its cause
    event = main_event(text)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")


@pytest.mark.parametrize(
    "text",
    [
        # deaths told beside the flight: the fighting is the event
        "On Monday clashes between the army and the rebels near Beni forced 2,000 people to flee; four soldiers were killed.",
        # the fighting told on its own, the flight after it
        "On Monday the army and the rebels clashed near Beni, and residents later fled to Butembo.",
    ],
)
def test_fighting_with_its_own_toll_or_its_own_clause_stays_a_clash(text):
    assert main_event(text).sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        # the fighting told in its own clause, or as the setting of another attack
        "On Monday two militias clashed in Kalo town, killing five, and the army deployed troops.",
        "On Monday gunmen attacked soldiers in Kalo after clashes erupted at the market.",
    ],
)
def test_fighting_told_beside_a_deployment_in_its_own_clause_stays_violence(text):
    assert main_event(text).event_type == "Battles"


def test_people_leaving_a_match_or_a_flood_are_no_displacement_event(nlp):
    # no conflict cue at all: nothing to code
    for text in (
        "Fans fled the stadium following a fight between the two teams' mascots during the final.",
        "About 400 families were displaced following floods in the valley on Monday.",
    ):
        assert not clashwatch.extract(text, published=PUBLISHED).events, text


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # burning people to death is a killing (a crowd's: mob violence), burning houses is property
        # destruction (a crowd's is a riot: test_property_a_crowd_destroyed_is_a_riot)
        ("On Monday a crowd burned two suspected cattle thieves to death in Kisii town.", "Mob violence"),
        ("On Monday two men burned two houses belonging to a councillor in Kisii town.", "Looting/property destruction"),
    ],
)
def test_burning_people_to_death_is_a_killing_not_arson(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a protest described as violent is a violent demonstration, whatever words stand between
        ("Violent electoral protests hit Mathare on Monday.", "Violent demonstration"),
        ("On Monday a rowdy demonstration by traders blocked the main road in Kisumu.", "Violent demonstration"),
        # 'violent' describing what is protested against says nothing of the protest
        ("On Monday residents staged a protest against violent crime in Kisumu.", "Peaceful protest"),
    ],
)
def test_a_protest_described_as_violent_is_a_violent_demonstration(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        # a road blocked 'in both directions' is a blockade, a peaceful protest (ACLED codebook,
        # 'Peaceful protest'), not fire in both directions
        "On Monday truck drivers blocked the Zahrani bridge in both directions with their vehicles in protest against fuel prices.",
        "On Monday taxi drivers blocked the highway near Tripoli in both directions to demand lower fuel prices.",
    ],
)
def test_a_road_blocked_in_both_directions_is_no_exchange_of_fire(text):
    assert main_event(text).sub_event_type == "Peaceful protest"


def test_fire_in_both_directions_stays_a_clash_cue(nlp):
    # fire both ways is reciprocal fire (family 'exchange'): an armed clash, alone or beside shelling
    found = cues(nlp, "On Monday monitors saw mortar rounds fired in both directions of the contact line near Zolote.")
    assert any(text == "in both directions" and family == "exchange" for text, family, _cue in found)
    assert main_event("On Monday monitors saw mortar rounds fired in both directions of the contact line near Zolote.").sub_event_type == "Armed clash"


# --------------------------------------------------------------------------- cue senses (issue 18)

NOT_A_CONFLICT_SENSE = [
    # (sentence, the cue word that must not count)
    ("In this mode you cannot wear armour, hold weapons, or ever attack anyone directly.", "attack"),
    ("A gas explosion at the wedding hall kills six guests.", "explosion"),
    ("A gas explosion at the wedding hall kills six guests.", "kills"),
    ("Soldiers were mobilised to help dig out cars stuck in the snow.", "mobilised"),
    ("Polo was once a training tool for cavalry officers.", "training"),
    ("The museum will return looted art to its owners.", "looted"),
    ("Jets flew over the parade as the crowd cheered.", "Jets"),
    ("The foundation filed a petition in the European Court of Human Rights.", "petition"),
    ("New sanctions targeting ten officials were announced on Thursday.", "targeting"),
    ("The singer targeted younger listeners with her album.", "targeted"),
]


@pytest.mark.parametrize("text, word", NOT_A_CONFLICT_SENSE)
def test_a_cue_out_of_its_conflict_sense_does_not_count(nlp, text, word):
    assert word not in [c[0] for c in cues(nlp, text)], cues(nlp, text)


IN_ITS_CONFLICT_SENSE = [
    ("Militants did not flee but attacked the post at dawn.", "attacked"),
    ("A bomb explosion at the market killed six traders.", "explosion"),
    ("Troops were mobilised to the border after the raid.", "mobilised"),
    ("Militants conducted recruitment activities in the villages.", "recruitment"),
    ("Rebels looted shops in the town centre.", "looted"),
    ("The air force targeted a rebel convoy near the town.", "targeted"),
    ("Gunmen shoot police officer in border town", "shoot"),
    ("An opposition march was stopped by the police.", "march"),
    ("Two gunmen demanded his camera before shooting him dead.", "shooting"),
    ("Suspected militants seized a vehicle belonging to the chief.", "seized"),
    ("Twenty policemen joined the Taliban on Saturday.", "joined"),
]


@pytest.mark.parametrize("text, word", IN_ITS_CONFLICT_SENSE)
def test_a_cue_in_its_conflict_sense_counts(nlp, text, word):
    assert word in [c[0] for c in cues(nlp, text)], cues(nlp, text)


# --------------------------------------------------------------------------- issue 18 round 2: recalled frames
# Frames ACLED codes that had no cue (ACLED codebook, "Strategic developments": Change to
# group/activity, Other; "Attack"), each with a near neighbour that must stay no event.


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        # session 16: the insurgents 'left dead' are the sweep's armed targets (ACLED codebook, 'Armed clash')
        ("An army sweep through the hills of Zabul left four insurgents dead on Tuesday.", "Battles", "Armed clash"),
        ("The severed head of a shopkeeper was discovered beside a canal near Culiacan.", "Violence against civilians", "Attack"),
        ("Members of the Gulf Cartel handed out food parcels to poor households in Reynosa.", "Strategic developments", "Change to group/activity"),
        ("Militants erected roadblocks on the highway north of Beledweyne to tax lorries.", "Strategic developments", "Change to group/activity"),
        ("The Knights Templar cartel placed three check points on the road into Aguililla.", "Strategic developments", "Change to group/activity"),
        ("About 150 refugees returned from Uganda to the border town of Nimule.", "Strategic developments", "Other"),
        ("A charred and mutilated head was discovered in a ditch outside Uruapan.", "Violence against civilians", "Attack"),
        ("In Tepic, members of the Rojo Gang delivered sacks with food to widows.", "Strategic developments", "Change to group/activity"),
        ("Market vendors shut their stalls in Eldoret to demand the return of their licences.", "Protests", "Peaceful protest"),
        ("Teachers locked the gates of the education office to denounce months of unpaid wages.", "Protests", "Peaceful protest"),
    ],
)
def test_recalled_frames_make_an_event(text, event_type, sub_event_type):
    e = main_event(text)
    assert (e.event_type, e.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "The old phone in the drawer is dead and the charger is missing.",
        "A food bank delivered groceries to two hundred pensioners in Leeds.",
        "The volunteers erected a marquee in the park for the summer fair.",
        "The library placed a new bench by the door and installed a self-service checkout.",
        "She returned from Lisbon on Friday with a suitcase of books.",
        "The cyclone left nine people dead along the coast of Odisha.",
        "The head of the council opened the new library on Monday.",
        "The union wrote to the minister to demand higher pay for cleaners.",
        "Shoppers switched to smaller stores to demand better prices.",
    ],
)
def test_the_same_words_outside_a_conflict_make_no_event(text):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("The robber barricaded himself inside a hotel room until dawn.", "barricaded"),
        ("Police caught a gang that was engaged in stealing cars from car parks.", "engaged"),
        ("Customs officers broke up a steroid smuggling ring at the port.", "broke up"),
        ("Two cabin crew were intercepted at the airport in a people-smuggling inquiry.", "intercepted"),
    ],
)
def test_crime_words_out_of_their_conflict_sense_are_no_cue(nlp, text, word):
    # issue 18 round 2: a criminal hiding, a gang's trade, a ring broken up, people stopped
    # at an airport are no barricade, fight, intervention or disrupted weapons use
    assert word not in [c[0] for c in cues(nlp, text)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Demonstrators barricaded the bridge with burning tyres.", "barricaded"),
        ("Soldiers engaged in a fierce firefight with rebels near the river.", "engaged"),
        ("Riot police broke up a sit-in outside parliament.", "broke up"),
        ("Air defences intercepted three drones over the port.", "intercepted"),
        ("The coastguard intercepted a pirate skiff off the coast of Lome.", "intercepted"),
        ("Rival party agents engaged in shoving and pushing outside the tallying hall.", "engaged"),
    ],
)
def test_the_same_words_in_a_conflict_stay_cues(nlp, text, word):
    assert word in [c[0] for c in cues(nlp, text)]


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a crowd's violence with no demonstration told is mob violence (ACLED codebook, 'Mob violence')
        ("On Sunday, residents pelted stones at police officers enforcing a curfew in Bhopal.", "Mob violence"),
        # the same violence at a demonstration, or a demonstration called violent, is a violent demonstration
        ("On Sunday, hundreds of students demonstrated in Dhaka and pelted stones at police officers.", "Violent demonstration"),
        ("On Sunday, violent protests broke out in Dhaka.", "Violent demonstration"),
        # a crowd that burns tyres to voice a demand demonstrates
        ("On Sunday, drivers burned tyres in front of a fuel station in Maturin to demand fuel.", "Violent demonstration"),
    ],
)
def test_crowd_violence_is_a_violent_demonstration_only_at_a_demonstration(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        # a vehicle or a walker going over a device sets it off: a remote explosive (ACLED
        # codebook, 'Remote explosive/landmine/IED'), not the cause of another event
        "On Monday three aid workers were hurt when their lorry ran over an IED buried in the road near Mandera.",
        "Four soldiers were killed on Tuesday when their patrol vehicle drove over a roadside bomb outside Garissa.",
    ],
)
def test_a_device_driven_over_is_a_remote_explosive(text):
    assert main_event(text).sub_event_type == "Remote explosive/landmine/IED"


def test_arrests_over_a_bombing_stay_arrests():
    # 'over' giving the reason: the bombing is the cause of the arrests, not a new event
    assert main_event("On Monday police arrested two men over the bombing of a bus depot in Mombasa.").sub_event_type == "Arrests"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # an abduction with killing or wounding is an attack (ACLED codebook, 'Abduction/forced
        # disappearance' is kept for abductions without further violence reported)
        ("On Monday gunmen kidnapped and killed three traders in Maymana.", "Attack"),
        ("On Monday gunmen attacked a farm near Segbana, wounded a herder and abducted his wife.", "Attack"),
        # an abduction alone stays one
        ("On Monday gunmen abducted two aid workers near Gao.", "Abduction/forced disappearance"),
    ],
)
def test_an_abduction_with_casualties_is_an_attack(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_violence_a_protest_complains_about_is_its_topic():
    # 'about' names what the protest is about, as 'against' does: no violence at the protest
    text = "On Monday nurses staged a protest in Nairobi to complain about violence and injustice."
    assert main_event(text).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # communities, clans and tribes who fight are identity militias: an armed clash
        # (ACLED codebook, 'Armed clash'; identity militias, inter code 4)
        ("On Monday, members of the Borana and Gabra communities clashed near Moyale, leaving twenty dead.", "Armed clash"),
        ("On Monday, clansmen from two rival clans clashed over a well near Wajir, killing six.", "Armed clash"),
        # a crowd of villagers against a suspected thief stays mob violence
        ("On Monday, villagers beat a suspected thief to death in Kisii town.", "Mob violence"),
    ],
)
def test_communities_and_clans_who_fight_are_identity_militias(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_what_demonstrators_do_by_way_of_protest_happened():
    # 'by setting fire' is how they demonstrated, not what they demonstrated against: a
    # violent demonstration (ACLED codebook, 'Violent demonstration': destructive acts)
    text = "On Monday, prisoners in San Juan demonstrated by setting fire to mattresses to demand their release."
    assert main_event(text).sub_event_type == "Violent demonstration"


# --------------------------------------------------------------------------- issue 18: no event where there is none, and events that were missed


def current_events(text: str):
    return [e for e in clashwatch.extract(text, published=PUBLISHED).events if not e.background]


@pytest.mark.parametrize("text, sub_event_type", [
    ("On Tuesday, raiders razed a dozen homes in Alpha village and drove away the cattle.", "Looting/property destruction"),
    # a crowd's destruction is a riot (test_property_a_crowd_destroyed_is_a_riot)
    ("Youths razed the house of a local councillor in Beta town on Monday night.", "Mob violence"),
])
def test_razing_homes_is_property_destruction(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    # property that a fire, a storm or a flood destroyed: nobody destroyed it
    "A fire razed forty shacks in the Gamma settlement on Tuesday, officials said. The cause of the fire is not known.",
    "A huge blaze burned down the central market of Delta town overnight.",
    "Sixty homes were destroyed by the floods in the lowlands on Monday.",
    "The storm destroyed hundreds of houses along the coast on Monday.",
    "Strong winds fanned a bushfire that razed dozens of farmhouses in the valley on Tuesday.",
    # a kiln fires pots at a temperature, not at people
    "The clay pots are fired at 1200 degrees for twelve hours on Tuesday.",
])
def test_destruction_by_nature_and_a_kilns_firing_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize("text", [
    # a release is an event only when people are released; results, albums and software
    # are released every day
    "The company released its quarterly results in Nairobi on Tuesday, beating forecasts.",
    "The band released a new album in Lagos on Friday.",
])
def test_releasing_things_is_no_agreement(text):
    assert not current_events(text)


def test_releasing_people_under_a_deal_is_still_an_agreement():
    assert main_event("The government released 200 prisoners under the peace deal with the rebels in Juba on Monday.").sub_event_type == "Agreement"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # people released by one side, with no exchange or deal told, are no agreement
        # between actors (ACLED codebook, 'Agreement'; 'Other')
        ("The rebels released 40 soldiers they had held as prisoners in Kelo on Monday.", "Other"),
        ("On Tuesday the insurgents released 25 police officers they had held since March near Kelo.", "Other"),
        # an exchange between the sides stays an agreement
        ("The army and the rebels agreed a prisoner exchange and released 40 captives each in Kelo on Monday.", "Agreement"),
    ],
)
def test_a_release_by_one_side_is_no_agreement(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_fire_with_a_calibre_as_its_object_is_shooting():
    ev = main_event("On Tuesday, militiamen reportedly fired calibre 12.7mm and DShK machine guns at a water plant in Alpha town.")
    assert ev.event_type in {"Violence against civilians", "Battles", "Explosions/Remote violence"}


def test_a_second_purpose_of_a_groups_action_is_a_demand():
    # 'to report X and to demand Y': the demand joined to the first purpose still presses a claim
    ev = main_event(
        "On Tuesday, in Alpha town, Beta province, teaching staff at the Gamma school locked the head office "
        "to report unpaid allowances and to demand their arrears."
    )
    assert ev.sub_event_type == "Peaceful protest"
    assert not current_events("On Tuesday, the nurses' union wrote to the governor to complain about shifts and to demand new rosters.")


def test_the_killing_of_a_person_is_an_attack_and_other_killings_are_not():
    assert main_event("On Tuesday, the killing of a shopkeeper by soldiers in Alpha town angered residents.").sub_event_type == "Attack"
    assert not current_events("Investors made a killing on the stock market on Tuesday.")
    assert not current_events("The killing of wolves in the national park was banned on Tuesday.")


def test_fire_responded_to_makes_the_shooting_a_clash_but_a_blaze_is_no_event():
    # 'responded to the fire' is fire returned, as 'fired back' (ACLED codebook, 'Armed clash')
    text = "On Monday rebels fired machine guns at a dairy factory near Kalo. Government forces responded to the fire. No one was hurt."
    assert main_event(text).sub_event_type == "Armed clash"
    # a weak cue that needs corroboration: firefighters responding to a blaze are no event
    assert not clashwatch.extract("The fire brigade responded to the fire at a market in Kalo on Monday.", published=PUBLISHED).events



@pytest.mark.parametrize("text", [
    # a disease outbreak kills; nobody attacks (two words of its frame: 'cholera', 'outbreak')
    "Cholera kills 35 in Alpha town. A cholera outbreak has killed 35 people since March and infected 1,200, the health ministry said on Tuesday.",
    # a collision or a collapse of a building is an accident
    "Two passenger trains collided near Beta junction on Monday evening, killing 41 passengers and injuring 300, railway officials said.",
    "A five-storey building collapsed in Gamma district on Tuesday, trapping dozens of labourers. Rescuers pulled 12 bodies from the debris.",
    "A fuel tanker exploded on the Delta highway on Monday, killing nine people and burning 14 cars, the road safety agency said.",
    "Cyclone Kilo slammed into the coast on Sunday with winds of 190 km/h, destroying thousands of homes in Epsilon province.",
    "Two people died and eight were injured when a stampede broke out at a church crusade in Zeta city on Saturday, police said.",
    # an attack of the body or of computers, a fight with an illness, a pest that attacks crops
    "The singer died on Monday after a long battle with cancer. She had survived a heart attack in 2019, her family said.",
    "Security teams should reduce the attack surface by patching exposed servers before a ransomware attack hits them.",
    "Scientists in Cape Town said a new strain of bacteria that attacks crop roots has spread to 14 farms in the Western Cape.",
    # kitchens, records, rivals, target practice, wild animals
    "Recipe: fire up the grill, char the peppers, smash the garlic and kill the heat after ten minutes. Add the sauce and a teaspoon of salt.",
    "The runner smashed the 5,000m world record in Theta on Friday, beating her rivals by six seconds.",
    "Review: this rifle scope is the best budget option for target shooting at the range. It holds zero after 500 rounds and ships in two days.",
    "Rangers shot dead a lion that had killed three cows near Iota village on Tuesday, park officials said.",
])
def test_disease_accidents_and_other_senses_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize("text", [
    # the same frames with conflict evidence keep their event
    "Gunmen attacked a cholera treatment centre in Alpha town on Tuesday night, killing two nurses, officials said.",
    "A residential building collapsed in Beta city on Tuesday after an airstrike hit it, killing 14 people, rescuers said.",
    "Police fired tear gas at cyclone survivors who blocked the main road in Gamma town on Monday to protest against the slow aid.",
    "Police fired live rounds at opposition supporters at a rally in Delta on Sunday, causing a stampede in which two people died.",
    "Rebels fought a fierce battle with the army in Epsilon on Monday; twelve fighters were killed, the army said.",
    "Militants blew up a railway line in Zeta on Monday, derailing a passenger train and injuring eight people, police said.",
    "Militiamen attacked a police post in Eta town on Tuesday, killing three officers; a fourth officer later died of a heart attack.",
])
def test_disease_accident_and_sense_frames_keep_conflict_events(text):
    assert current_events(text)


@pytest.mark.parametrize("text", [
    # a figure that falls, a riot of colour, explosive growth, a jet of water, fighting a disease,
    # fans who mob a star, killing insects or a program's thread
    "Gold prices fell 3% on Monday as the dollar rallied. Brent crude fell to $68 a barrel in London trading.",
    "The label's spring collection is a riot of colour, with explosive prints drawn from the markets of Alpha town, shown on Tuesday.",
    "The toy water gun fires a jet of water up to ten metres. Order by Friday for delivery in Beta city.",
    "Health officials launched a campaign on Monday to fight malaria in nine districts of Gamma province, handing out bed nets.",
    "The singer was mobbed by fans at Delta airport on Friday as he arrived for a concert.",
    "Python tip: use a try/except block to catch the exception and terminate the thread cleanly instead of killing the interpreter.",
])
def test_measures_colours_jets_diseases_and_fans_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize("text", [
    "The town of Alpha fell to the rebels on Monday after two days of fighting, residents said.",
    "Inmates rioted at Beta prison on Monday, setting fire to cells and clashing with guards.",
    "Fighter jets bombed a rebel base near Gamma town on Tuesday, killing 12 fighters, the army said.",
    "Soldiers fought militants in Delta district on Monday; six militants were killed, the army said.",
    "An angry crowd mobbed a suspected thief at Epsilon market on Friday and beat him to death.",
])
def test_the_same_cues_in_conflict_keep_their_events(text):
    assert current_events(text)


@pytest.mark.parametrize("text", [
    # an accidental blast and what it burns, a crash told through 'while landing'
    "A gas explosion ripped through a market in Alpha town late on Thursday, killing four people and injuring 90, officials said.",
    "A lorry loaded with gas cylinders exploded on a busy road in Beta city on Monday and set fire to nearby shops, officials said.",
    "A military transport plane crashed while landing at Gamma airport on Sunday, killing 30 soldiers, the air force said.",
    "A military plane crashed while landing at an airport in Delta on Sunday, killing 45 soldiers, the army said. Most of the troops were recent graduates.",
])
def test_accidental_blasts_and_crashes_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize("text", [
    "A car packed with explosives exploded at a market in Alpha town on Thursday, killing four people, police said.",
    "A bomb ripped through a bus station in Beta city on Monday, killing six people, police said.",
    "Insurgents shot down a military helicopter near Gamma on Sunday, killing five soldiers, the army said.",
    "A helicopter crashed near Delta on Monday; the rebels said their fighters had shot it down, killing four soldiers.",
])
def test_blasts_and_downed_aircraft_with_an_attacker_keep_their_events(text):
    assert current_events(text)


@pytest.mark.parametrize("text", [
    # a drone that delivers, bowlers who destroy a batting order
    "The company's new drone delivers blood to remote clinics in Alpha province, flying up to 80 km on one charge.",
    "The visiting bowlers destroyed the home side's top order on the first day of the Test in Beta, taking five wickets for 40 runs.",
])
def test_a_delivery_drone_and_a_batting_order_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize("text", [
    "A drone strike destroyed a rebel truck near Alpha town on Friday, killing three fighters, residents said.",
    "Soldiers fought a battle with militants for control of Beta town on Monday, the army said.",
    "Militiamen destroyed the water pumps of Gamma village on Tuesday, residents said.",
])
def test_drones_battles_and_destruction_in_conflict_keep_their_events(text):
    assert current_events(text)

# --------------------------------------------------------------------------- issue 18 round 5: named groups' aid
# A giver named in armed_groups.tsv, or allied with a group named there, hands out aid as
# an armed group (ACLED codebook, "Strategic developments": Change to group/activity); a
# charity or a council allied with nobody armed stays no event.


@pytest.mark.parametrize(
    "text",
    [
        "In Tierra Blanca, members of the CJNG handed out food parcels to elderly residents during the pandemic.",
        "In Panuco, members of the Halcones, a faction allied with the Sinaloa Cartel, delivered food packages to families.",
        "Youths allied with Al-Shabaab delivered food packages to families in Jilib.",
    ],
)
def test_a_named_armed_groups_aid_is_a_change_of_activity(text):
    e = main_event(text)
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Change to group/activity")


@pytest.mark.parametrize(
    "text",
    [
        "In Tierra Blanca, volunteers of the Red Cross delivered food packages to families during the pandemic.",
        "In Panuco, members of a church group allied with the town council delivered food packages to families hit by the floods.",
        "The World Food Programme distributed food aid to households displaced by the drought in Jilib.",
    ],
)
def test_aid_from_givers_no_group_list_names_is_no_event(text):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events == []


# --------------------------------------------------------------------------- security measures (issue 18, area 7)


@pytest.mark.parametrize(
    "text",
    [
        "On 12 September 2023, the Verlan governorship announced a mandatory use of face masks in all public places of the province.",
        "On 12 September 2023, authorities in Ostrava Nova banned all gatherings of more than twenty people for a month.",
        "On 12 September 2023, the interior ministry restricted movement between the three northern districts.",
        "On 12 September 2023, the police imposed a ban on rallies in the capital ahead of the vote.",
    ],
)
def test_an_authoritys_security_measure_is_a_change_of_activity(text):
    # ACLED codebook, "Strategic developments": security measures such as bans on gatherings
    ev = main_event(text)
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Change to group/activity")


@pytest.mark.parametrize(
    "text",
    [
        "The city council banned plastic bags in supermarkets from next year.",
        "The football association banned the midfielder for three games.",
        "The company restricted access to the beta version of its phone app.",
        "Wearing a helmet is mandatory for cyclists on the new bridge.",
        "The government banned the import of second-hand tyres.",
    ],
)
def test_a_ban_on_goods_players_or_software_is_no_event(text):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events == [], [(e.event_type, e.sub_event_type) for e in r.events]


def test_a_ban_on_rallies_is_not_a_rally(nlp):
    assert not any(f == "protest" for _t, f, _c in cues(nlp, "The governor banned all protests and imposed a ban on rallies in the province."))


# --------------------------------------------------------------------------- killers that are no actor, words in another sense


@pytest.mark.parametrize(
    "text",
    [
        "A herder was killed by a crocodile on Sunday while watering his goats at the river.",
        "A cholera outbreak has killed 31 people in the district since July, the health office said.",
        # headlines, which the model often misreads ('outbreak' as a verb, 'Measles' as a name)
        "Cholera outbreak kills 40 in northern district\n\nAt least 40 people have died of cholera since July, officials said.",
        "Measles outbreak kills 12 children in refugee camp\n\nTwelve children have died of measles in the camp this month, doctors said.",
        "A man was attacked by a dog in a park on Sunday and taken to hospital with bite wounds.",
        "A fuel tanker exploded on the expressway on Friday, killing nine motorists, the fire service said.",
        "Lightning strike kills four fishermen on the lake, police said on Sunday.",
        "The grocer's shares were hit by heavy selling after two rivals launched a price war on Monday.",
        "A ferry capsized on the lake on Tuesday, killing eleven passengers and injuring 20.",
        "Version 4 kills the legacy plugin system, and the maintainers killed three old bugs.",
        "The flames shot up as the crowd cheered at the fair on Sunday.",
        "Two men were jailed for six years on Tuesday for forging land titles.",
        "Firefighters battled the blaze for six hours before it was brought under control.",
        "The opposition leader attacked the finance minister's budget proposal in parliament on Wednesday.",
    ],
)
def test_no_conflict_sense_gives_no_event(text):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events == [], [(e.event_type, e.sub_event_type) for e in r.events]


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("Gunmen killed a herder near the river on Sunday and stole his goats.", "Violence against civilians"),
        ("Police jailed two opposition journalists for their reporting on Monday.", "Strategic developments"),
        ("Gunmen shot up a bar in the town centre on Saturday, killing two customers.", "Violence against civilians"),
        ("Soldiers battled rebels for six hours near the border on Tuesday.", "Battles"),
        ("Militants attacked a law enforcement post in the district on Monday.", "Battles"),
        ("A car bomb exploded outside the ministry on Friday, killing nine people.", "Explosions/Remote violence"),
        ("Teachers went on strike on Monday to demand unpaid salaries.", "Protests"),
        ("The war between the army and the rebels killed 40 fighters this week.", "Battles"),
    ],
)
def test_the_same_words_in_their_conflict_sense_still_give_the_event(text, event_type):
    assert main_event(text).event_type == event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # members of a named political militia or rebel group are no crowd (ACLED codebook,
        # 'Attack', inter code 3, against 'Mob violence', inter code 5)
        ("Mungiki members attacked two traders at a market on Monday.", "Attack"),
        ("Youths said to be members of the Mungiki attacked two traders at a market on Monday.", "Attack"),
        # the same violence by a crowd with no named group stays mob violence
        ("Youths attacked two traders at a market on Monday.", "Mob violence"),
    ],
)
def test_members_of_a_named_armed_group_are_no_mob(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a crowd punishing a suspected offender: mob justice is Mob violence (ACLED codebook,
        # 'Mob violence'), even when the text names no crowd
        ("A suspected robber was stoned to death near the market on Sunday.", "Mob violence"),
        # a goat thief or a cattle herder is a person, not livestock: no property destruction
        ("Villagers killed a goat thief by stoning him near the river on Sunday.", "Mob violence"),
        ("Bandits shot a cattle herder near the river on Sunday.", "Attack"),
        # livestock killed stays property destruction; police killing suspects stay violence by the state
        ("Bandits killed forty cattle near the river on Sunday.", "Looting/property destruction"),
        ("Police shot dead two suspected robbers near the market on Sunday.", "Attack"),
    ],
)
def test_suspected_offenders_punished_by_a_crowd_and_people_named_by_their_trade(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


# --------------------------------------------------------------------------- issue 18: who used violence beside a demonstration


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # demonstrators who engage in violence: a violent demonstration (ACLED codebook,
        # 'Violent demonstration'), not a peaceful protest
        ("On Tuesday, a crowd of protesters marching against fuel prices attacked the car of a minister in Lomo.", "Violent demonstration"),
        # state forces harming demonstrators: excessive force against protesters
        ("On Monday, police shot dead a vendor during a protest over market fees in Lomo.", "Excessive force against protesters"),
        # an armed group's violence is its own event, not the march told beside it (ACLED
        # codebook, 'Attack')
        ("On Tuesday, militiamen marched to Kelo village and attacked herders, killing two.", "Attack"),
        # a killing that only describes who protests leaves the protest peaceful
        ("On Monday, relatives of a trader killed by militants marched in Lomo to demand justice.", "Peaceful protest"),
        ("On Wednesday, hundreds of teachers marched peacefully to the ministry in Lomo to demand back pay.", "Peaceful protest"),
    ],
)
def test_the_kind_of_attacker_types_violence_at_a_demonstration(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, riot police fired tear gas at striking nurses marching to the health ministry in Lomo.",
        "On Monday, anti-riot police dispersed nurses marching to the health ministry in Lomo.",
    ],
)
def test_riot_police_are_no_riot(text):
    # 'riot' naming the police unit that faces a crowd: the nurses' march met an
    # intervention (ACLED codebook, 'Protest with intervention'), nobody rioted
    assert main_event(text).sub_event_type == "Protest with intervention"


def test_a_riot_is_still_a_riot_beside_riot_police():
    text = "On Monday, youths rioted in Lomo after the death of a trader in police custody, and riot police were deployed."
    assert main_event(text).event_type == "Riots"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # 'violence' tells harm done, not a fight between two organised armed sides: the
        # killings are an attack (ACLED codebook, 'Armed clash', 'Attack')
        ("On Monday, four people were killed in ethnic violence near Lomo.", "Attack"),
        ("Homes were torched and three men were hacked to death in post-election violence in Kelo on Monday.", "Attack"),
        # two sides named, or a clash told: an armed clash
        ("On Monday, four people were killed in violence between two clans near Lomo.", "Armed clash"),
        ("On Monday, four people were killed in clashes between two clans near Lomo.", "Armed clash"),
    ],
)
def test_violence_with_no_two_sides_is_an_attack(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a demonstration named as what the violence followed is an earlier event: the crowd's
        # violence is mob violence (ACLED codebook, 'Violent demonstration', 'Mob violence')
        ("On Monday, a mob vandalised the offices of the ruling party in Lomo following anti-government demonstrations.", "Mob violence"),
        ("On Monday, several hundred youths attacked the house of a party leader in Lomo after a demonstration against the president.", "Mob violence"),
        # alone in its sentence, the protest stays the event
        ("Work at the governor's office in Lomo was paralysed on Monday following protests against the county board.", "Peaceful protest"),
        # a clash after a rally is left to the rules: most likely the rally's own crowd
        ("On Monday, students clashed with police in Lomo after a rally at the campus.", "Violent demonstration"),
    ],
)
def test_a_demonstration_the_violence_followed_is_not_its_crowd(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_a_clash_right_after_a_demonstration_is_the_demonstration_turning_violent():
    # no date of its own, in the next sentence: the demonstrators' confrontation (ACLED
    # codebook, 'Violent demonstration'), not a peaceful protest beside a separate fight
    text = "On Monday, residents of Lomo demonstrated against the arrest of their chief. The residents wounded two policemen in a confrontation."
    assert main_event(text).sub_event_type == "Violent demonstration"


def test_a_dated_clash_after_a_demonstration_stays_apart():
    text = "On Monday, residents of Lomo demonstrated against the arrest of their chief. On Thursday, soldiers clashed with rebels near Kelo, killing four."
    types = {e.sub_event_type for e in current_events(text)}
    assert "Armed clash" in types


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a device the security forces got rid of was not used: ACLED codes its defusal or
        # destruction as disrupted weapons use (ACLED codebook, 'Disrupted weapons use')
        ("On Monday, army engineers safely detonated a roadside bomb left on the road to Kelo.", "Disrupted weapons use"),
        ("On Monday, soldiers destroyed an IED in a controlled explosion near Kelo.", "Disrupted weapons use"),
        ("On Monday, police bomb experts neutralised an explosive device hidden in a bag at the bus station in Kelo.", "Disrupted weapons use"),
        ("On Monday, villagers unearthed a landmine in a maize field near Kelo.", "Disrupted weapons use"),
        # done to the device with no harm told: 'without incident', 'without damage'
        ("On Monday, deminers detonated the landmine without incident in a field near Kelo.", "Disrupted weapons use"),
        ("On Monday, an unexploded mortar shell was destroyed without damage by army sappers near Kelo.", "Disrupted weapons use"),
        # a device that went off by itself without casualties still went off
        ("On Monday, a grenade exploded without casualties outside a bar in Kelo.", "Grenade"),
        # the verbs of one coordination share their object
        ("On Monday, an IED planted under a bridge near Kelo was spotted and defused by troops.", "Disrupted weapons use"),
        # destroyed or blown up by the security forces, with no manner told
        ("On Monday, police officers in Lomo spotted and destroyed an improvised explosive device on the road to the market.", "Disrupted weapons use"),
        ("On Monday, army engineers blew up a roadside bomb on the road to Lomo.", "Disrupted weapons use"),
        ("On Monday, the bomb was detonated by army engineers on the road to Lomo.", "Disrupted weapons use"),
        # destroyed or detonated by others, it was used
        ("On Monday, militants detonated a roadside bomb near Lomo, killing two soldiers.", "Remote explosive/landmine/IED"),
        ("On Monday, a bomb planted by militants destroyed a police vehicle near Lomo.", "Remote explosive/landmine/IED"),
        # a device that went off among people stays an explosion
        ("On Monday, militants detonated a roadside bomb as a patrol passed near Kelo, wounding three soldiers.", "Remote explosive/landmine/IED"),
        ("On Monday, a bomb exploded in a controlled area of the market in Kelo, killing two traders.", "Remote explosive/landmine/IED"),
        ("On Monday, militants planted and detonated a bomb near a police post in Kelo, killing two officers.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_device_security_forces_got_rid_of_was_not_used(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a remote weapon brought down, an explosive attack prevented, a device found and
        # destroyed: weapons use that was disrupted (ACLED codebook, 'Disrupted weapons use')
        ("On Monday, air defence units downed two drones over Kelo.", "Disrupted weapons use"),
        ("On Monday, the army said it foiled a car bomb attack on the market in Kelo.", "Disrupted weapons use"),
        ("On Monday, police thwarted a grenade attack on a bar in Kelo.", "Disrupted weapons use"),
        ("On Monday, soldiers found and destroyed an IED on the road to Kelo.", "Disrupted weapons use"),
        # a foiled assault with no explosive named is the defenders' fight; a drone that
        # struck is an air strike
        ("On Monday, soldiers foiled an attack by militants on their base in Kelo.", "Armed clash"),
        ("On Monday, a drone struck a convoy near Kelo, killing three fighters.", "Air/drone strike"),
    ],
)
def test_weapons_use_brought_down_or_prevented(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # detained people the demonstration is about were arrested earlier: no intervention
        # at the demonstration (ACLED codebook, 'Peaceful protest')
        ("On Monday, lawyers marched in Kelo to demand the release of detained journalists.", "Peaceful protest"),
        ("On Monday, relatives of jailed activists held a sit-in outside the court in Kelo.", "Peaceful protest"),
        # protesters arrested at the demonstration are its intervention
        ("On Monday, lawyers marched in Kelo and police arrested twelve of them.", "Protest with intervention"),
    ],
)
def test_detainees_a_demonstration_is_about_are_no_intervention(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a device the text tells was defused or got rid of, with no blast and no harm told
        # anywhere, is the disrupted weapon (ACLED codebook, 'Disrupted weapons use')
        ("On Monday, police came upon an IED near the market in Kelo and detonated the bomb without incident.", "Disrupted weapons use"),
        ("On Monday, a landmine was planted on the road to Kelo. Army engineers later defused it.", "Disrupted weapons use"),
        # a device that went off, or harm told beside the defusal, is still the explosion
        ("On Monday, a roadside bomb exploded near the market in Kelo. Police later defused a second device.", "Remote explosive/landmine/IED"),
        ("On Monday, a bomb near the market in Kelo wounded four traders. Police later defused a second device.", "Remote explosive/landmine/IED"),
    ],
)
def test_devices_of_a_text_telling_only_their_defusal_are_disrupted(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a verb coordinated with a find or defusal but with a subject of its own is a
        # clause of its own: its device went off (ACLED codebook, 'Remote explosive/landmine/IED')
        ("On Monday, a roadside bomb hit an army truck near Kelo, and soldiers later found another mine.", "Remote explosive/landmine/IED"),
        # verbs sharing their object still share the device: nothing went off
        ("On Monday, soldiers detected and defused an IED near Kelo.", "Disrupted weapons use"),
        ("On Monday, a landmine was found and destroyed by soldiers near Kelo.", "Disrupted weapons use"),
    ],
)
def test_a_coordinated_find_keeps_to_its_own_clause(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # what describes the arms a seizure or find took (their list, the crime they served)
        # is no event of its own (ACLED codebook, 'Disrupted weapons use': seizures of caches)
        ("Soldiers discovered a weapons cache which included rockets, grenades and mortar shells on a farm near the town.", "Disrupted weapons use"),
        ("Troops seized rifles and ammunition which had been used in attacks on the highway.", "Disrupted weapons use"),
        # a phrase whose head names no arms keeps its violence: the bodies were killed
        ("Police recovered the bodies of three men killed by gunmen near the village on Sunday.", "Attack"),
    ],
)
def test_the_description_of_seized_arms_is_no_event(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_an_attack_that_may_come_is_no_event(nlp):
    # 'any attack', 'a potential clash': one the text fears or plans against, not one it tells
    text = "The rebels are mobilizing fighters near the border, and the army has reinforced its positions with the aim of foiling any possible attack on the town."
    assert not any(f == "attack" for _, f, _ in cues(nlp, text))
    assert main_event(text).sub_event_type == "Change to group/activity"
    assert not any(f == "clash" for _, f, _ in cues(nlp, "Officials warned on Monday that a potential clash between the two clans could erupt."))
    # 'a possible revenge attack' hedges the kind of an attack that happened: it stays
    assert ("attack", "attack", "attack") in cues(nlp, "Four villagers died in a possible revenge attack near the town on Monday.")


def test_downed_hopes_are_no_disrupted_weapons(nlp):
    assert not any(f == "disrupted" for _, f, _ in cues(nlp, "The vote downed the minister's plan for a new airport."))


def test_neutralised_people_are_no_disrupted_weapons():
    # 'neutralise' votes for disrupted weapons use only with a weapon as its object
    assert not any(f == "disrupted" for _, f, _ in cues(nlp=clashwatch.get_pipeline().nlp, text="Soldiers neutralised four militants near Kelo on Monday."))


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # violence a demonstration names as what it followed, or as what its people claim, is
        # the grievance: the demonstrators did none (ACLED codebook, 'Peaceful protest')
        ("On Monday, teachers staged a sit-in in Lomo following clashes between police and students at the university last week.", "Peaceful protest"),
        ("On Monday, party youths held a rally in Lomo, claiming that the ruling party was spreading violence in the region.", "Peaceful protest"),
        ("On Monday, market women marched in Lomo, alleging that soldiers had attacked their stalls.", "Peaceful protest"),
        # the same phrase outside a demonstration is the violence itself
        ("On Monday, three soldiers were killed in Lomo following clashes with rebels.", "Armed clash"),
        # demonstrators who do violence themselves still riot
        ("On Monday, protesters burned tyres and clashed with police in Lomo after a rally.", "Violent demonstration"),
    ],
)
def test_violence_a_demonstration_names_is_its_grievance(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # arrests told right after a demonstration, with no date of their own, are the forces'
        # intervention in it (ACLED codebook, 'Protest with intervention')
        ("On Monday, around 50 people protested in Lomo against the new tax. Police arrested 15 of them.", "Protest with intervention"),
        ("On Monday, hundreds of nurses marched to the ministry in Lomo. Officers detained the organisers.", "Protest with intervention"),
        # an arrest named as the grievance, or told in an account of why, is no intervention
        ("On Monday, taxi drivers protested in Lomo. The protest came in reaction to the arrest of two colleagues.", "Peaceful protest"),
        ("On Monday, traders protested in Lomo over the death of a colleague. He died at the police station moments after he was arrested.", "Peaceful protest"),
    ],
)
def test_arrests_told_after_a_demonstration_are_its_intervention(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_dated_arrests_after_a_demonstration_stay_apart():
    text = "On Monday, around 50 people protested in Lomo against the new tax. On Friday, police arrested three opposition leaders in Kelo."
    assert main_event(text).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(
    "text",
    [
        # a place that changed hands 'without resistance', told with no capture word of its
        # own, is a non-violent transfer (ACLED codebook, 'Non-violent transfer of territory')
        "Army units pulled back from the hill post at dawn on Tuesday, which allowed the insurgents to occupy it without resistance.",
        "The garrison left the river crossing on Monday, letting the militia walk in unopposed.",
        # with a capture word, as before
        "Rebels captured the town of Marvo on Monday without a fight.",
    ],
)
def test_a_place_that_changed_hands_without_resistance_is_a_non_violent_transfer(text):
    assert main_event(text).sub_event_type == "Non-violent transfer of territory"


@pytest.mark.parametrize(
    "text",
    [
        "The merger went ahead unopposed after shareholders approved it on Monday.",
        "Streets were deserted on Monday as the holiday began.",
    ],
)
def test_unopposed_business_and_quiet_streets_are_no_event(text):
    assert not clashwatch.extract(text, published=PUBLISHED).events


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a taker the text does not name is the other side of the one the place was taken from
        # (ACLED codebook, 'Government regains territory', 'Non-state actor overtakes territory')
        ("On Monday, the hill post of Darvo was seized from the rebels after a week of fighting.", "Government regains territory"),
        ("On Monday, the hill post of Darvo was retaken from the army after a week of fighting.", "Non-state actor overtakes territory"),
        # a named taker decides, whoever lost the place
        ("On Monday, the rebels seized the hill post of Darvo from a rival militia.", "Non-state actor overtakes territory"),
        ("On Monday, Hezbollah captured the hill of Darvo from the Islamic State.", "Non-state actor overtakes territory"),
    ],
)
def test_an_unnamed_taker_is_the_other_side_of_the_loser(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


def test_a_thing_taken_back_from_a_collector_is_no_event():
    assert not clashwatch.extract("The museum took back the painting from the collector on Monday.", published=PUBLISHED).events


# --------------------------------------------------------------------------- issue 18: word senses of news that is no conflict


@pytest.mark.parametrize(
    "text",
    [
        # 'without resistance' or 'unopposed' of a vote, an election or a decision: no territory
        "The fuel tax passed without resistance in parliament on Tuesday. Motorists will pay five cents more a litre from January.",
        "The budget was approved with no resistance from the opposition on Monday.",
        "The mayor of Selby was re-elected unopposed on Monday.",
        # 'took part in' joins an activity; it takes no place
        "Thousands of runners took part in the city marathon on Sunday. Roads were closed in the centre, and police directed traffic.",
        # the police's arrests over ordinary crime (ACLED codebook, 'Arrests': politically significant detainees)
        "Police in Mumbai arrested a gang of pickpockets who targeted commuters on local trains. Twenty stolen phones were recovered.",
        "A man was arrested for stealing a car in Phoenix after a police chase. Officers used a stinger to stop the vehicle.",
        # sport
        "Nigeria's Super Eagles were ambushed by a well-organised Benin side and lost 2-1 in their World Cup qualifier in Abidjan. The coach was sacked the next day.",
        "Vinicius was shot down by a late tackle before half-time, and the referee showed a red card.",
        # business and science
        "The startup was killed by a cash crunch after its last funding round collapsed. Its 200 employees were laid off on Friday.",
        "The union attacked the government's funding cuts, saying they would hurt research.",
        "The superhero sequel bombed at the box office, taking just $30 million in its opening weekend.",
        "Security researchers warned that an attacker could exploit the flaw to execute code remotely.",
        "Microsoft said it had blocked a phishing campaign. The attackers used stolen credentials to break into mailboxes.",
        "Hackers stole customer data from the retailer's servers on Monday, the company said.",
        # disasters and accidents told without a disaster noun of the frame's list
        "A fire at a garment factory in Dhaka killed 14 workers on Wednesday. Firefighters battled the blaze for five hours.",
        "A passenger plane skidded off the runway in Kathmandu and burst into flames. All 72 people on board were killed, the airline said.",
        "A fuel tanker overturned and exploded on a highway in Nigeria, killing 48 people who had gathered to scoop up petrol.",
        # criticism, control of devices, a camp's residents, a blaze that spread, fiction
        "The health minister came under fire on Tuesday after hospital waiting lists hit a record.",
        "The exploit allows attackers to hijack the router and take control of connected devices. The manufacturer has released a patch.",
        "A fire swept through a camp for displaced people near the border, destroying 2,000 shelters. No deaths were reported.",
        "Review: In this tense war thriller, a squad of soldiers is trapped behind enemy lines. The battle scenes are loud and chaotic, "
        "the actors are convincing, and the director keeps the tension high until the final explosion. The film opens in cinemas on Friday.",
        # striving, and arrests over a killing in a home
        "Teachers are battling to keep up with the new curriculum, the union said. Many schools are struggling to recruit staff.",
        "The airline is fighting to survive after a year of losses, its chief executive said.",
        # nature's doing, told through the verb that governs the cue
        "The invasive species is invading European rivers and killing native crayfish, conservationists said.",
    ],
)
def test_news_that_is_no_conflict_yields_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # the same senses in conflict news keep their events
        ("Al Shabaab overtook the town of Bula Golol without resistance on Monday, then began preaching to residents.", "Non-violent transfer of territory"),
        ("The rebels entered the town of Marvo unopposed on Tuesday after the army withdrew.", "Non-violent transfer of territory"),
        ("Security forces arrested the opposition leader at his home in Kampala on Tuesday, his party said.", "Arrests"),
        ("Police in Nairobi arrested 12 activists who were demonstrating against the finance bill outside parliament on Thursday.", "Protest with intervention"),
        ("A mob lynched a man suspected of stealing a motorbike in Kumasi on Sunday, police said.", "Mob violence"),
        ("Rebels took part of the town of Marvo on Monday after heavy fighting with the army.", "Non-state actor overtakes territory"),
        ("Clashes broke out between herders and farmers in Benue state on Monday, leaving seven people dead, police said.", "Armed clash"),
        ("Police opened fire on protesters in Khartoum on Monday, killing three people, a doctors' committee said.", "Excessive force against protesters"),
    ],
)
def test_conflict_news_keeps_its_event(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "Jets bombed the town of Marvo on Monday, killing five civilians.",
        "A market in Marvo was bombed on Monday, killing five civilians.",
        "Militants executed two hostages in Marvo on Monday.",
        "Gunmen opened fire at a checkpoint in Marvo on Monday, killing two soldiers.",
        "A car bomb exploded outside a hotel in Mogadishu on Monday, killing nine people.",
        "Armed bandits stole 200 cattle from herders in Marvo on Monday.",
        "A patrol came under fire on Monday near Marvo, the army said.",
        "Gunmen opened fire on Tuesday at a market in Marvo, killing three people.",
        "Rebels took control of the town of Marvo on Monday.",
        "Militants stormed the village of Marvo on Monday, burning 40 homes.",
        "Fighting displaced 300 families from Marvo on Monday, aid workers said.",
        "Troops are fighting to retake the town of Marvo from the rebels.",
        "The militia recruited 200 young men in Marvo last week, residents said.",
        "Militants stormed the village of Marvo and killed five farmers on Monday.",
        "Gunmen used machetes to attack villagers in Marvo on Monday.",
    ],
)
def test_the_conflict_senses_of_the_same_words_stay_events(text):
    assert current_events(text)


# --------------------------------------------------------------------------- session 16 precision: word senses from the parse


@pytest.mark.parametrize(
    "text",
    [
        # every object of the attacking verb is an animal: hunting, culling or a predator's doing
        "Hunters shot dozens of deer in the reserve last winter, and the rangers culled the rest of the herd.",
        "A pack of wolves killed two deer near the lake on Tuesday night, rangers said.",
        "The heatwave killed thousands of salmon in the river, biologists said on Monday.",
        # an animal as the subject of an attacking verb
        "Invasive toads have killed native lizards across the island, a study found.",
        # money or a weight counted: 'pounds' is no pounding
        "The charity lost 2 million pounds to the fraud, its director said on Monday.",
        "The shop sold 300 pounds of apples at the fair on Saturday.",
        # 'wound' as the past of 'wind'
        "The old mill clock was wound back an hour on Sunday, and the staff wound up the season with a party.",
        # a cue noun said of a work, a show or a dish
        "The band's final concert was a riot from start to finish, fans said on Sunday.",
        "Critics agreed that the chef's tasting menu is an assault on the palate.",
        # 'explosive' said of an activity told by a gerund
        "The band played blistering guitar riffs and explosive drumming at the festival on Saturday.",
        "His explosive batting won the match for Pakistan on Sunday.",
        # a suppressing verb whose object is output, a symptom or a fire
        "The compiler now suppresses warnings about unused variables.",
        "Firefighters suppressed the blaze at the warehouse on Monday before it reached the homes nearby.",
        # what happens whenever someone is asked, and a signing of keys and certificates
        "When asked to listen on a socket, the daemon now checks the path first.",
        "The authority signs new certificates with its private key every month.",
    ],
)
def test_a_cue_said_of_animals_money_a_clock_or_a_show_is_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize(
    "text",
    [
        # people among the objects, or people as the victims of animal-named attackers
        "Gunmen killed a farmer and his dog in Marvo on Monday.",
        "Gunmen killed a cattle herder and stole his cows near the village of Marvo on Tuesday.",
        "Militants shot the village chief and his goats in Marvo on Monday.",
        "Cattle rustlers attacked the village of Marvo on Monday, killing three herders.",
        # explosive devices and materials
        "An explosive device went off near a market in Marvo on Monday, killing two people.",
        "Police found explosive material in a car in Marvo on Monday, a day after a bomb killed three people.",
        # suppressing a protest, an appeal made, an agreement signed
        "Police suppressed the protest in Marvo with tear gas on Monday, arresting twelve students.",
        "The two sides signed a ceasefire agreement in Marvo on Monday.",
        # pounding and wounding by armed men
        "Government forces pounded rebel positions near Marvo on Monday, killing four fighters.",
        "Gunmen wounded three policemen at a checkpoint near Marvo on Monday.",
        # an event said of an event or a pronoun keeps its cue
        "The attack on the market in Marvo on Monday was a massacre, witnesses said; gunmen killed 30 people.",
        "It was an ambush: militants attacked the convoy near Marvo on Tuesday, killing six soldiers.",
    ],
)
def test_the_same_words_against_people_stay_events(text):
    assert current_events(text)


# --------------------------------------------------------------------------- session 16: alleged offences


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        # what a relative clause alleges of a person describes him: the crowd's violence is the
        # event, mob justice (ACLED codebook, 'Mob violence')
        ("On Monday, a man who allegedly raped a girl was beaten to death by residents of Dunga.", "Riots", "Mob violence"),
        ("On Monday, a man who allegedly stole a goat was beaten to death by villagers in Dunga.", "Riots", "Mob violence"),
        # alone in the text, the alleged offence gives way to what was done about it
        ("On Monday, a man who allegedly raped a girl was arrested in Dunga.", "Strategic developments", "Arrests"),
        # told as a fact, not alleged, the offence stays an event
        ("On Monday, a man who raped a girl was beaten to death by residents of Dunga.", "Violence against civilians", "Sexual violence"),
    ],
)
def test_an_offence_a_relative_clause_alleges_is_no_event(text, event_type, sub_event_type):
    e = main_event(text)
    assert (e.event_type, e.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # what a plan or a plot was for, and what was 'going to' happen, did not happen
        ("On Monday, soldiers were deployed to Kelo after police uncovered a plan to attack the town.", "Change to group/activity"),
        ("On Monday, troops recovered three IEDs near Lomo. The army said the bombs were going to be used in an ambush.", "Disrupted weapons use"),
        # told as done, the attack stays; an aim told beside it does not undo it
        ("On Monday, militants attacked Kelo, killing four traders, in a plan to seize the district.", "Attack"),
        ("On Monday, gunmen who were going to rob a shop shot dead a watchman in Kelo.", "Attack"),
        ("On Monday, police fired tear gas in order to disperse a crowd of marchers in Kelo.", "Protest with intervention"),
    ],
)
def test_a_planned_or_future_attack_is_no_attack(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # forces moved, sent or dispatched somewhere: a change to group activity (ACLED
        # codebook, 'Change to group/activity': movement of forces)
        ("On Monday, the government sent 300 soldiers to Kelo to secure the district.", "Change to group/activity"),
        ("On Monday, a unit of riot police was moved to Lomo ahead of the vote.", "Change to group/activity"),
        ("On Monday, the army dispatched reinforcements to Kelo.", "Change to group/activity"),
        # the place told first, the forces as its apposition
        ("On Monday, in Kelo, Lomo district, a company of riot police was moved to guard the polling stations.", "Change to group/activity"),
    ],
)
def test_forces_moved_or_sent_are_a_change_to_group_activity(text, sub_event_type):
    assert main_event(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the family moved to Kelo.",
        "On Monday, the ministry sent a letter to the governor.",
        "On Monday, the firm dispatched two lorries of maize to Lomo.",
        "On Monday, in Kelo, Lomo district, a family of farmers was moved to a camp.",
    ],
)
def test_people_or_goods_moved_or_sent_are_no_movement_of_forces(nlp, text):
    assert not [c for c in cues(nlp, text) if c[1] == "movement"]


def test_an_order_to_attack_is_no_attack(nlp):
    assert not [c for c in cues(nlp, "The commander gave his men an order to attack the village.") if c[1] == "attack"]


# --------------------------------------------------------------------------- session 17: words of software


@pytest.mark.parametrize(
    "text",
    [
        # 'shells' as a plural noun of computing or of the beach
        "Older Unix shells accept several directory names as arguments to cd.",
        "Unknown options now cause fatal errors in non-interactive shells.",
        "The children collected sea shells along the beach near the harbour on Sunday.",
        # a deployment classed by a thing, not by a force
        "The new scheduler makes software deployments faster for small teams.",
        "The package gives a portable root of trust to python deployments.",
        # what is signed is no agreement: a certificate, a participle's noun, a player
        "Clients refuse certificates signed by an authority that uses the old algorithm.",
        "The maintainers signed the release tag with a new key on Monday.",
        "The club signed a new striker from Marvo on Monday.",
    ],
)
def test_shells_deployments_and_signatures_of_software_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Artillery shells hit the market in Marvo on Monday, killing three people.", "Shelling/artillery/missile attack"),
        ("Army shells rebel positions near Marvo", "Shelling/artillery/missile attack"),
        ("Government forces fired mortar shells at the village of Marvo on Monday.", "Shelling/artillery/missile attack"),
        ("Troop deployments near Marvo increased on Monday, the army said.", "Change to group/activity"),
        ("The ceasefire agreement signed by the two sides in Marvo on Monday held overnight.", "Agreement"),
    ],
)
def test_shells_fired_forces_deployed_and_arms_seized_stay_events(text, sub_event_type):
    events = current_events(text)
    assert events and events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Press the arrow keys to move the cursor, or wear a tank top; it is not rocket science.", []),
        ("Gunmen carried out a gun attack in Marvo; three men suffered bullet wounds.", ["firearm", "firearm"]),
        ("Police fired tear gas canisters and rebels answered with a grenade launcher.", ["tear gas", "grenade launcher"]),
    ],
)
def test_a_weapon_word_classing_another_thing_names_no_weapon(nlp, text, expected):
    assert [w.weapon for w in find_weapons(nlp(text))] == expected


def test_a_personal_page_about_arrow_keys_and_a_destroyed_key_binding_is_no_event():
    text = (
        "I use the arrow keys in vi mode, and I'm guessing the new release destroyed the key "
        "binding for ESC, which effectively disabled command mode for me."
    )
    assert not current_events(text)


@pytest.mark.parametrize(
    "text",
    [
        "This object is then asked to produce the attribute whose name is the identifier.",
        "The function is asked to return a list when the cache is empty.",
        # a fragment with nobody named, and a reporter's question
        "Type objects are then\nasked to produce the attribute.",
        "Asked to comment, the army spokesman declined.",
    ],
)
def test_an_appeal_made_to_a_thing_or_to_nobody_is_no_event(text):
    assert not current_events(text)


def test_an_attack_one_side_urged_is_no_attack():
    events = current_events("Rebel commanders urged their fighters to attack the army base at Marvo.")
    assert [e.sub_event_type for e in events] == ["Other"]


@pytest.mark.parametrize(
    "text",
    [
        "The UN urged both sides to stop the fighting in Marvo on Monday.",
        "The opposition called on supporters to join a march in Marvo on Monday.",
        "Residents of Marvo were asked by the army to leave their homes on Monday.",
    ],
)
def test_appeals_by_or_to_people_stay_events(text):
    assert [e.sub_event_type for e in current_events(text)] == ["Other"]


@pytest.mark.parametrize(
    "text",
    [
        "The band's new single is an explosive anthem, and its video an explosive mix of colour.",
        "The senator blocked the bill, and the opposition fired back with a blistering statement on Monday.",
        "Army ants raid neighbouring colonies at dawn. A single raid can involve hundreds of thousands of workers.",
    ],
)
def test_explosive_qualities_words_fired_and_what_can_be_are_no_event(text):
    assert not current_events(text)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("An explosive device went off near the market in Marvo on Monday.", "Remote explosive/landmine/IED"),
        ("Soldiers fired back with rifles when gunmen attacked the post in Marvo on Monday.", "Armed clash"),
        ("The attack on the market in Marvo on Monday may have killed dozens, witnesses said.", "Attack"),
    ],
)
def test_explosive_devices_rifles_fired_and_what_may_have_happened_stay_events(text, sub_event_type):
    events = current_events(text)
    assert events and events[0].sub_event_type == sub_event_type
