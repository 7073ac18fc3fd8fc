"""Assembly of findings into events on short articles: which event is current and which is
recalled as background, which place, date and figures attach to which event, and what
``clashwatch.extract`` returns.

Every passage is our own writing.
"""

from __future__ import annotations

import datetime as dt

import pytest

import clashwatch
from clashwatch.stages import actors, assemble, claims, dates, places, triggers

RECALLED = (
    "Militants attacked an army post near Diffa on Monday, killing eight soldiers. "
    "In April 2021, clashes in the same area killed 50 people."
)
TWO_TOWNS = "Protesters marched through Bamako on Tuesday. Separately, gunmen killed three traders near Segou on Saturday."


@pytest.fixture(scope="module")
def pipeline():
    return clashwatch.get_pipeline()


def assemble_on(pipeline, text: str, published: dt.date):
    """The stages run as the pipeline runs them, on one parse, with the publication date given."""
    doc = pipeline.nlp(text)
    found_places = places.find_places(doc, pipeline.gazetteer)
    found_dates = dates.find_dates(doc, published)
    return assemble.assemble(
        doc,
        published=published,
        places=found_places,
        dates=found_dates,
        actors=actors.find_actors(doc, found_places),
        claims=claims.find_claims(doc, published, found_dates),
        triggers=triggers.find_triggers(doc),
        weapons=triggers.find_weapons(doc),
        country_lookup=pipeline.gazetteer.country,
    )


# --------------------------------------------------------------------------- current and background


def test_a_recalled_event_is_background_and_comes_after_the_current_one():
    r = clashwatch.extract(RECALLED, published="2022-06-15")
    assert [e.background for e in r.events] == [False, True]
    current, recalled = r.events
    assert (current.event_date, current.time_precision) == (dt.date(2022, 6, 13), "day")
    assert (recalled.date_start, recalled.date_end, recalled.time_precision) == (dt.date(2021, 4, 1), dt.date(2021, 4, 30), "month")
    assert recalled.text == "clashes"


def test_the_recalled_toll_stays_with_the_recalled_event():
    r = clashwatch.extract(RECALLED, published="2022-06-15")
    current, recalled = r.events
    assert current.fatalities == 8  # not 58
    assert recalled.fatalities == 50
    by_id = {c.claim_id: c for c in r.claims}
    assert [by_id[i].figure for i in current.claim_ids] == ["eight"]
    assert [by_id[i].figure for i in recalled.claim_ids] == ["50"]
    assert {c.figure: c.event_id for c in r.claims} == {"eight": current.event_id, "50": recalled.event_id}


def test_an_event_is_background_only_well_before_publication(pipeline):
    text = "In April 2021, clashes near Diffa killed 50 people."
    soon = assemble_on(pipeline, text, dt.date(2021, 5, 10))
    late = assemble_on(pipeline, text, dt.date(2022, 6, 15))
    assert [e.background for e in soon.events] == [False]
    assert [e.background for e in late.events] == [True]
    assert soon.events[0].fatalities == late.events[0].fatalities == 50


# --------------------------------------------------------------------------- places and dates per event


def test_each_event_takes_the_place_and_date_of_its_own_sentence():
    r = clashwatch.extract(TWO_TOWNS, published="2023-03-17")  # a Friday
    protest, attack = r.events
    assert (protest.event_type, protest.location, protest.country_code, protest.event_date) == (
        "Protests", "Bamako", "ML", dt.date(2023, 3, 14),
    )
    assert (attack.event_type, attack.location, attack.event_date) == ("Violence against civilians", "Ségou", dt.date(2023, 3, 11))
    assert protest.geo_precision == 1  # in the town
    assert attack.geo_precision == 2  # near the town
    assert protest.claim_ids == []
    assert attack.fatalities == 3


def test_a_country_only_event_takes_a_town_of_that_country_from_the_article():
    text = (
        "Soldiers clashed with jihadists in Burkina Faso on Monday, killing 5 soldiers. "
        "The fighting took place outside Djibo, a town in the north."
    )
    ev = clashwatch.extract(text, published="2023-03-17").events[0]
    assert (ev.location, ev.country_code) == ("Djibo", "BF")
    assert ev.geo_precision == 2


def test_an_undated_event_spans_the_week_before_publication():
    ev = clashwatch.extract("Gunmen killed four villagers near Bunia.", published="2023-03-17").events[0]
    assert ev.event_date == dt.date(2023, 3, 17)
    assert (ev.date_start, ev.date_end, ev.time_precision) == (dt.date(2023, 3, 11), dt.date(2023, 3, 17), "week")


def test_a_date_of_the_statement_does_not_date_the_event():
    text = "Gunmen killed four villagers near Bunia on Monday, the army said in a statement on Wednesday."
    ev = clashwatch.extract(text, published="2023-03-17").events[0]
    assert ev.event_date == dt.date(2023, 3, 13)


# --------------------------------------------------------------------------- the ArticleResult


def test_extract_returns_the_article_result():
    r = clashwatch.extract(TWO_TOWNS, published=dt.date(2023, 3, 17), url="https://news.example/mali-1", source="Example Wire")
    assert isinstance(r, clashwatch.ArticleResult)
    assert (r.published, r.reference_date) == (dt.date(2023, 3, 17), dt.date(2023, 3, 17))
    assert (r.url, r.outlet, r.title) == ("https://news.example/mali-1", "Example Wire", None)
    assert [e.event_id for e in r.events] == ["e1", "e2"]
    assert [p.name for p in r.places] == ["Bamako", "Ségou"]
    assert [(d.text, d.date_start) for d in r.dates] == [("Tuesday", dt.date(2023, 3, 14)), ("Saturday", dt.date(2023, 3, 11))]
    assert [(a.name, a.inter) for a in r.actors] == [("Protesters (Mali)", 6), ("Unidentified Armed Group (Mali)", 3), ("Civilians (Mali)", 7)]
    assert r.warnings == []


def test_the_article_id_is_stable():
    url = "https://news.example/mali-1"
    by_url = clashwatch.extract(TWO_TOWNS, published="2023-03-17", url=url).id
    assert clashwatch.extract(TWO_TOWNS + " More soon.", published="2023-03-17", url=url).id == by_url
    by_text = clashwatch.extract(TWO_TOWNS, published="2023-03-17").id
    assert by_text != by_url
    # spacing does not change what the article says
    assert clashwatch.extract(TWO_TOWNS.replace(" ", "  "), published="2023-03-17").id == by_text
    assert len(by_text) == 16 and int(by_text, 16) >= 0
    assert clashwatch.extract(TWO_TOWNS, published="2023-03-17", id="mali-42").id == "mali-42"


def test_offsets_point_into_the_text():
    r = clashwatch.extract(TWO_TOWNS, published="2023-03-17")
    for e in r.events:
        assert TWO_TOWNS[e.start : e.end] == e.text
        assert e.sentence in TWO_TOWNS
    for c in r.claims:
        assert TWO_TOWNS[c.figure_start : c.figure_end] == c.figure
        assert TWO_TOWNS[c.start : c.end] == c.sentence
    for p in r.places:
        assert TWO_TOWNS[p.start : p.end] == p.text


def test_a_headline_leads_and_its_offsets_are_into_the_title():
    title = "Gunmen kill four near Bunia"
    r = clashwatch.extract("Gunmen killed four villagers near Bunia on Monday.", published="2023-03-17", title=title)
    assert r.title == title
    ev = r.events[0]
    assert ev.section == "headline"
    assert title[ev.start : ev.end] == ev.text == "Gunmen"
    assert ev.fatalities == 4
    assert {c.section for c in r.claims if c.claim_id in ev.claim_ids} == {"headline", "body"}


def test_no_event_and_no_date_are_warned_about():
    r = clashwatch.extract("The city council approved a new budget for street lighting.", published="2023-03-17")
    assert r.events == []
    assert r.warnings == ["no conflict event found in this text"]
    undated = clashwatch.extract("Gunmen killed four villagers near Bunia on Monday.")
    assert undated.published is None
    assert undated.reference_date is not None
    assert abs((undated.reference_date - dt.date.today()).days) <= 1
    assert any(w.startswith("no publication date given") for w in undated.warnings)


# --------------------------------------------------------------------------- relevance (issue area 7)

PUBLISHED_NEG = dt.date(2024, 3, 8)

NOT_CODED = {
    "natural disaster": "A strong earthquake struck the coastal province on Tuesday, killing twelve people and injuring dozens as houses collapsed.",
    "industrial accident": "Two workers were killed and five injured when a boiler exploded at a fertiliser factory on Wednesday.",
    "transport accident": "Nine passengers died when a bus crash sent the coach into a ravine on Monday; the driver was injured in the collision.",
    "sport": "The home team launched a late attack and their striker fired the winning goal in the league match on Saturday, ending the rival club's season.",
    "games": "The new season of the game adds a battle pass, and players can attack rival squads to level up before the tournament.",
    "technology": "The developers shipped a new release of the parser library; users who attack the old code base with benchmarks will see the version is faster.",
    "business": "Investors fled the market on Thursday as bank shares were hit and the stock index crashed to its lowest level of the year.",
    "science": "Researchers at the institute say their study of the data demonstrates that the algorithm kills off noise in the signal.",
    "cooking": "Burn the onions lightly in the oven, then beat the eggs and add the other ingredient to the recipe.",
    "chemical leak": "A chemical leak at the warehouse injured four firefighters on Friday, and the plant was shut.",
    # issue 18: the classes left after the first relevance pass
    "gas accident": "Gas explosion at a wedding hall kills six; dozens hurt after a kitchen stove exploded.",
    "gas accident, injured after": "Eleven shoppers were injured on Sunday after a vendor's cooking gas cylinder exploded at the market.",
    "military disaster relief": "The army deployed hundreds of soldiers on Monday to help clear roads blocked by heavy snow and to rescue stranded drivers.",
    "military evacuation": "Troops were mobilised to evacuate villagers from the flooded valley, officials said on Tuesday.",
    "disaster casualties": "Dozens were injured in the floods triggered by torrential rain on Sunday, and thousands of people were evacuated to shelters.",
    "crime without political actors": "Armed robbers stabbed a cashier to death during a robbery at a petrol station on Friday; police arrested two suspects after the theft.",
    "cultural news": "Museums agreed on Monday to return looted bronzes to Nigeria, and a new office will help trace looted colonial art.",
    "military training": "Polo was once an effective training tool for cavalry officers, who rode with a sabre in one hand.",
    "naval exercise": "The navy held a training exercise off the coast on Thursday, and cadets practised boarding drills.",
    "ceremony": "Soldiers paraded through the capital on Independence Day as jets flew over the crowds and the president saluted the troops.",
    "game with fictional violence": "Players raid the bandit camp, kill the bandit chief and loot his chest to finish the quest and reach the next level of the game.",
    "game, a denied attack": "In this mode you cannot wear armour, hold weapons, or ever attack anyone directly.",
    "snow on a road": "Heavy snow blocked the mountain road on Monday, and drivers waited for the ploughs.",
    "an advertising target": "The marketing campaign targets young voters, and the company seized the opportunity to buy a rival.",
    "sanctions": "The government unveiled fresh sanctions on Thursday targeting ten officials over corruption in the state elections.",
    "smuggling ring": "Border officers broke up a smuggling ring on Monday and seized counterfeit watches; the traffickers face fraud charges.",
    "joining a company": "She joined the company in 2019 as a developer, and the team has grown fast since the release.",
    "a person's target": "Analysts believe the singer targeted younger listeners in the state with her album, and the label said sales grew.",
    "lawsuit": "The foundation filed a petition in the European Court of Human Rights last spring, and the court granted the case priority.",
}



# issue 18, area 7, round 3: more passages of every class ACLED leaves out
NOT_CODED_MORE = {
    "football report": "The visitors stormed back in the second half, and their striker shot past the goalkeeper to seal a 3-1 win in the derby on Sunday.",
    "tennis report": "The champion fought off three break points in the tennis match and crushed her opponent's serve to reach the final of the tournament.",
    "transfer row": "Rival clubs clashed over the transfer fee for the winger, and the league fined both teams on Monday.",
    "central bank": "The central bank fired a warning shot at lenders on Wednesday, raising rates to fight stubborn inflation and protect profit margins.",
    "wildfire": "A wildfire destroyed 40 homes and forced thousands to flee in the hills on Thursday; two firefighters died battling the blaze.",
    "rail accident": "A train derailed near the station on Wednesday, killing three passengers and injuring 40.",
    "disease outbreak": "A measles outbreak has killed 25 children in the province since January, health officials said on Monday.",
    "wildlife": "A farmer was killed by an elephant on Sunday while guarding his crops, wildlife officials said.",
    "drowning": "Police are investigating after a body was found in a river on Tuesday; they believe the man drowned while fishing.",
    "strategy game": "The update lets players build a fortress, recruit an army of knights and invade neighbouring kingdoms in the campaign mode.",
    "software release": "Version 3.2 kills the old plugin system; the maintainers killed two long-standing bugs and the build now fires warnings for deprecated calls.",
    "court sentence": "Two men were jailed for eight years on Monday for forging the signatures of the company's directors.",
    "prices": "Fuel prices shot up on Monday and traders blamed the shortage on the refinery's maintenance.",
}



# session 14: play (a match and a game together, a score), fiction with its props, a match's
# crowd, a work that tells, and violence between spouses or partners
NOT_CODED_PLAY = {
    "tennis, a rival's battle": "Serena Williams fought back from a set down to win the match. Her rival said after the game that the battle was far from over.",
    "cricket crowd": "India's bowlers ripped through the Pakistan batting order in Colombo. The tense clash between the two rivals drew a crowd of 35,000, and the hosts won by 89 runs.",
    "board game": "In the board game, each player commands an army of rebels trying to seize the capital. Attacks are resolved with dice, and a captured city yields extra troops.",
    "shooter game's weapons": "Helldivers 2 has a new mode: gamers join the multiplayer campaign, drop onto alien planets and fight off bugs with grenades and airstrikes.",
    "football score": "Real Madrid stormed back to beat Bayern 2-1, with the home crowd roaring the team on. Vinicius was shown a yellow card after a clash with the defender.",
    "esports score": "Team Liquid defeated Fnatic 3-1 in the grand final in Berlin. Their jungler ambushed the enemy carry twice in the last game.",
    "domestic murder trial": "A man was sentenced to life in prison on Tuesday for murdering his wife at their home in Leeds, the court heard. He had stabbed her 14 times after an argument.",
    "murder inquiry": "Detectives are investigating the death of a 45-year-old man found stabbed in a flat in Glasgow. A woman has been arrested on suspicion of murder.",
    "film review": "The film opens with a massacre in a village and follows a soldier who deserts his unit. The director handles the battle scenes with restraint.",
    "war drama": "The war drama, set in 1944, shows paratroopers ambushed in a Dutch village. Critics praised its realism.",
    "novel": "The novel follows a young sniper in the siege of Sarajevo, where shells fall on the market every day.",
    "documentary": "The documentary revisits the 1982 war over the Falkland Islands. Argentine forces landed on the islands and British troops retook them weeks later.",
    "song": "The album's lead single describes a riot in the streets and a city on fire. The band's frontman said the song was about anger, not violence.",
}


# session 15 (precision): disasters, accidents, outbreaks of a named epidemic disease and web
# pages, written for the purpose; the first of each class gave an event before the session
NOT_CODED_S15 = {
    "wildfire overruns a truck": "Firefighters battled a wildfire that has burned more than 12,000 hectares near the capital, forcing the evacuation of 15 villages. Two volunteers were killed when their water truck was overrun by flames on Tuesday, the fire service said.",
    "looting after a hurricane": "The hurricane devastated the resort on Wednesday, killing at least 27 people and knocking out communications. Looting broke out at supermarkets as residents searched for food and water, and the government sent 8,000 soldiers to the city.",
    "earthquake": "A magnitude 6.8 earthquake struck the south early on Monday, killing at least 41 people and trapping dozens under the rubble of collapsed apartment blocks. Rescue teams worked through the night, and the government declared a state of emergency in three provinces.",
    "landslide": "A landslide triggered by days of heavy rain buried at least 30 homes in a mountain village on Sunday. Seven people were killed and 23 are missing, the risk management agency said, as soldiers and police joined the search.",
    "wildfire curfew": "Authorities imposed a curfew in the coastal city on Saturday as forest fires raged through hillside neighbourhoods, killing at least 51 people. The president said the army would help firefighters.",
    "mine shaft": "At least 14 miners were killed when a gold mine shaft collapsed in the west of the country, the state mining company said on Thursday. Artisanal miners had dug tunnels without safety supports.",
    "crowd crush": "Twelve people died and 60 were injured after a crowd crush at a religious festival on Tuesday, police said. Devotees rushed toward the exit after the ceremony ended.",
    "falling crane": "Two workers were killed when a crane fell onto a construction site in the business district, police said. Inspectors have stopped work at the site.",
    "tanker fire": "A tanker truck carrying petrol overturned and exploded in the capital late on Friday, killing at least 99 people. Many of the victims had gathered to collect leaking fuel when the fire broke out.",
    "ferry": "A ferry carrying about 200 passengers capsized on the river on Monday, and at least 40 bodies have been recovered, provincial officials said. The vessel was overloaded, survivors said.",
    "ebola lockdown": "The government placed two districts under a 21-day lockdown on Sunday to contain the spread of Ebola, the president said in a televised address. Public transport, bars and places of worship will be closed, and a dusk-to-dawn curfew will apply.",
    "mpox gatherings ban": "The government declared a public health emergency on Friday after a spike in mpox cases, imposing a ban on large gatherings in the capital. The ministry said 70 cases had been confirmed.",
    "dengue brigades": "The country declared a health emergency in 18 regions on Monday as a dengue outbreak killed 32 people, the health ministry said. Fumigation brigades were deployed to the northern city.",
    "dengue appeal": "The country recorded 48,000 cases of dengue in the first quarter and declared a national epidemic. The health secretary urged families to clear stagnant water where mosquitoes breed.",
    "cholera toll": "Cholera has killed 230 people since October, the health ministry said on Tuesday, as the outbreak spread to eight of the country's ten provinces. Schools in the capital will remain closed for another two weeks.",
    "wine note": "This 2019 Barolo is a powerhouse: firm tannins attack the palate before notes of cherry, tar and rose take over. It needs another five years in the cellar, but decant it for two hours if you open it now.",
    "software operations": "Version 1.30 is out. Pods that exceed their memory limit are now killed more gracefully, and the scheduler can evict workloads from nodes under pressure. The release team thanks more than 800 contributors.",
    "shooter game map": "In the new multiplayer map, players can storm a hijacked oil rig or defend it against invading squads. The sniper rifles feel overpowered at launch, and the killstreak rewards include an airstrike and an attack helicopter.",
    "game review, the reader fights": "The expansion is brutal and beautiful. You fight your way through the Land of Shadow, slaying bosses that can kill you in two hits. Our verdict: 9/10.",
    "wildlife page": "The wolves were reintroduced to the park in 1995, and their packs now hunt elk across the valley. A pack can kill an adult elk in minutes, and the carcasses feed bears, ravens and eagles.",
    "shopping deals": "Black Friday deals: retailers are slashing prices on TVs, and shoppers stormed stores in the early hours to grab bargains. Our team rounded up the best offers on headphones, laptops and game consoles.",
    "ransomware report": "Ransomware gangs have attacked more than 300 hospitals this year, according to a report by a cybersecurity firm. The attackers encrypt patient records and demand payment in bitcoin.",
    "recipe": "To make the perfect roast chicken, pat the bird dry and rub butter under the skin. Roast it at 220C for 20 minutes, then lower the heat and baste every quarter hour. Let it rest before you carve it.",
}


# session 15 (web pages): passages of web pages written for the purpose (the first 32 before the
# fixes, the next 32 after them); the selection here gave a current event before the session
NOT_CODED_S15_WEB = {
    "game review, a boss and a bomb": "Tears of the Kingdom is a triumph. In the third temple you must blow up the sealed gate with bomb flowers before the guardians spawn, and the final boss fight against Ganondorf is the most thrilling battle in the series. Score: 10/10.",
    "history page, a siege of 1453": "The siege of Constantinople in 1453 ended when Ottoman troops breached the Theodosian Walls and Emperor Constantine XI was killed in the fighting. A walk along the restored walls takes about three hours, and the Panorama 1453 museum tells the story.",
    "history page, an undated battle and one of 1746": "Culloden was the last pitched battle fought on British soil. On 16 April 1746 government troops crushed the Jacobite army in less than an hour, killing around 1,500 Highlanders. The visitor centre has an immersive 360-degree film of the battle.",
    "astronomy, a quasar bombarding with radiation": "Astronomers using the James Webb telescope have found a quasar bombarding its host galaxy with radiation so intense that star formation has been shut down. The black hole at its centre is consuming the equivalent of a thousand suns a year.",
    "army ants raid and kill": "Army ants raid the nests of other insects in columns of up to 200,000 workers, killing and dismembering prey far larger than themselves. The colony then moves on, leaving a trail of destruction across the forest floor.",
    "tech how-to, kill the process": "If the server hangs, kill the process with kill -9 and fire up a fresh container. The daemon will then respawn the workers, and you can tail the logs to see which thread deadlocked.",
    "thriller opening 'In the thriller,'": "In Lee Child's latest thriller, Reacher takes on a gang of arms traffickers in a small Texas town. By chapter ten he has broken four arms and blown up a warehouse, and the body count keeps climbing to the final shootout.",
    "business, a losing battle": "The airline is fighting a losing battle against low-cost rivals. Its chief executive said on Thursday the company would cut 2,000 jobs and retire its ageing fleet, as a strike by pilots grounded 300 flights.",
    "nightclub fire with arrests": "A fire at a nightclub in the town killed 59 people early on Sunday after pyrotechnics set the ceiling alight during a concert. Police have detained 15 people, including the club's owner.",
    "castle guide, sieges of 1296 and 1314": "Edinburgh Castle has been besieged more times than any other place in Britain. English troops captured it in 1296, and in 1314 the Scots retook it in a daring night raid up the cliffs. Book tickets online to skip the queue at the gate.",
    "travel page, a siege of 1480": "Rhodes old town is a walled medieval city built by the Knights Hospitaller, who resisted an Ottoman siege in 1480 before surrendering to Suleiman the Magnificent in 1522. Today you can wander the Street of the Knights and swim at Elli beach.",
    "load test bombarding an API": "Our load test bombarded the API with 50,000 requests per second, and the old server crashed within two minutes. After the migration, the cluster survived the onslaught with latency under 80 ms.",
    "war film review": "All Quiet on the Western Front follows Paul, a German teenager who enlists in 1917 and is sent to the trenches. The film's battle scenes are relentless: gas attacks, tanks crushing soldiers, and bayonet fights in the mud. It won four Oscars.",
}


# session 15 (web pages, second round): a page in the first or second person outside quotes (a
# blog, a review, a guide) needs an armed or political actor, or a weapon named apart from
# the cue word, before its war words make an event
NOT_CODED_S15_VOICE = {
    "game review, gun down pirates and loot": "I spent forty hours with Starfield's new expansion and I'm still not sure it works. You board a derelict freighter, gun down a dozen pirates and loot their captain's corpse, then repeat. The space battles are better, though: you can disable a ship's engines and storm its bridge.",
    "game review, kills her way through Seattle": "The Last of Us Part II is brutal. Ellie tortures and kills her way through Seattle to avenge Joel, and the game never lets you forget the people you murdered. You will feel awful, and that's the point.",
    "science, our T cells kill tumour cells": "Our immune system's T cells hunt down and destroy infected cells. In the experiment, the engineered cells killed 90 percent of the tumour cells within two days, the team reported.",
    "tech review, an absolute bomb": "Apple's new chip is an absolute bomb for video editors. I exported a 4K project in half the time my old laptop took, and the fans never fired up once.",
    "garden blog, massacred slugs": "I've been at war with the slugs in my vegetable garden all summer. Last night I went out with a torch and massacred about fifty of them. Beer traps work, by the way.",
    "film review, a train bombing": "The new Mission Impossible film is two and a half hours of Tom Cruise blowing things up. He hijacks a submarine, fights a rogue AI and survives a train bombing. Three stars from me.",
    "book club, gassed and shelled": "Book club pick: All Quiet on the Western Front. Paul and his classmates are gassed, shelled and shot in the trenches of France. It's harrowing, and you should read it.",
    "recipe, torch the meringue": "Baked Alaska looks spectacular and is easy to make. Freeze the ice cream in a bowl, cover it with meringue, then torch the outside with a blowtorch until golden. Serve it before the ice cream melts and the whole thing is destroyed.",
    "office blog, a bombed presentation is no bomb": "Our editor has had a terrible week: the printer exploded, the intern bombed his first pitch, and the coffee machine was killed by a power surge.",
    "recipe blog, bomb wings and attack them": "My grandmother's recipe for bomb chicken wings: you fire up the grill, smash the garlic and attack the wings with a dry rub. Trust me, these will destroy any takeout you have ever tried.",
}


# session 16 (precision): frames of cycling and computer security, a killing at home with a
# kitchen knife, ending a game
NOT_CODED_S16 = {
    "cycling, attacked on the climb": "The Belgian attacked on the last climb and dropped the favourites, and his team-mate took the yellow jersey. Several cyclists crashed on the descent, but nobody was seriously hurt.",
    "ransomware crew, attackers encrypt backups": "The ransomware crew encrypted the clinic's database and demanded payment in bitcoin. Investigators said the attackers had first deleted every backup they could find.",
    "domestic killing, a kitchen knife": "A man was arrested after he killed his wife with a kitchen knife during an argument at their flat on Friday, detectives said.",
    "a match, killed the game off": "Second-half goals from the captain killed the game off, and the coach praised his team's discipline after the final whistle.",
}
STILL_CODED_S16 = [
    "Gunmen attacked a cycling race near the border on Sunday, killing two cyclists and wounding a team manager.",
    "Hackers claimed the attack, but the gunmen who stormed the data centre in Marvo on Monday killed two guards, police said.",
    "A militia fighter killed a trader with a knife at the market in Marvo on Monday during clashes between rival militias.",
    "A man killed his wife's brother with a gun during an argument over land on Friday, and a mob then lynched him, police said.",
]


@pytest.mark.parametrize("kind", sorted(NOT_CODED | NOT_CODED_MORE | NOT_CODED_PLAY | NOT_CODED_S15 | NOT_CODED_S15_WEB | NOT_CODED_S15_VOICE | NOT_CODED_S16))
def test_a_document_acled_does_not_code_gives_no_event(pipeline, kind):
    text = (NOT_CODED | NOT_CODED_MORE | NOT_CODED_PLAY | NOT_CODED_S15 | NOT_CODED_S15_WEB | NOT_CODED_S15_VOICE | NOT_CODED_S16)[kind]
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert [e for e in result.events if not e.background] == [], (kind, [(e.event_type, e.sub_event_type) for e in result.events])


STILL_CODED = [
    "Boko Haram fighters raided the village of Koshebe, killing 43 farmers, the state governor said on Sunday.",
    "Supporters of the opposition leader rioted in Lusaka, burning tyres and throwing stones at police after his arrest on Monday.",
    "Rioters torched a police station and looted shops in Kisumu after the election results were announced, witnesses said.",
    "Fans threw stones at police after the match on Saturday and set fire to the stands, and officers fired tear gas.",
    "Gunmen fired grenades at spectators during a football game in the town on Sunday, killing three players.",
    "Gunmen fired grenades at spectators during a game of the regional tournament on Sunday, killing three players.",
    "Gunmen opened fire on a cinema in the capital on Friday as the new film opened, killing four viewers.",
    "Between 10-15 people were killed when gunmen attacked the village on Sunday, and the team of rescuers found more bodies.",
    "Gunmen shot dead a farmer and his wife at their home in the village on Sunday, and militiamen abducted her husband's brother.",
    "Gunmen murdered a journalist in the town on Monday, and detectives said a militia had threatened him before the murder.",
    "A series of explosions followed the attack on the army base near the border on Monday, killing six soldiers.",
    "Gunmen attacked a village near the plant on Tuesday, killing four farmers.",
    "Protesters blocked the road to the factory on Monday, demanding unpaid wages; police fired tear gas.",
    "Two rival groups clashed at the water plant on Wednesday, injuring three people.",
    "Rebels shelled an army base on Thursday after the earthquake, killing two soldiers.",
    "Fans rioted after the league match on Saturday, burning cars, and police arrested twenty people.",
    "Football fans clashed with police outside the stadium after the derby on Sunday, and officers fired tear gas.",
    "Gunmen attacked the team bus of a football club on Friday, killing the driver.",
    "Soldiers killed by an improvised explosive device were buried on Monday; rebels planted the bomb near the flooded road.",
    # session 15: an outbreak, a disaster's looting, an overrun base, a crowd after an accident
    "Gunmen attacked an Ebola treatment centre in Butembo on Saturday, killing a police officer and wounding two health workers.",
    "Police fired tear gas at traders who defied the cholera lockdown in the market of Lomo on Monday, and arrested twelve of them.",
    "Armed men looted the aid warehouse in Lomo on Tuesday after the floods, and soldiers exchanged fire with them.",
    "Jihadists overran an army base near the flooded town of Lomo on Friday, killing nine soldiers.",
    "After the bridge collapsed, an angry crowd set fire to the contractor's office in Lomo on Sunday and threw stones at police.",
]


@pytest.mark.parametrize("text", STILL_CODED + STILL_CODED_S16)
def test_a_conflict_in_a_disaster_or_sport_setting_still_gives_an_event(pipeline, text):
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert result.events, text


# session 15 (web pages): each fix of the web-page passages above, with real conflict it must
# still code as a current event
STILL_CODED_S15_WEB = [
    # an imperative is an instruction; a report has its subject
    "Gunmen kill five villagers in Lomo; the army says it will hunt them down.",
    "'Kill them all,' the commander shouted, and soldiers shot twelve villagers in Lomo on Monday.",
    # bombarding with a non-weapon is no shelling; with mortars it is
    "Rebels bombarded the town of Lomo with mortars on Sunday, killing three civilians.",
    # a losing battle, fighting fires, bombing a presentation are figures; these are not
    "Government troops fought a fierce battle with rebels near Lomo on Monday, and ten fighters were killed.",
    "Fighting between the army and rebels in Lomo killed twelve people on Wednesday.",
    "Militants bombed a police station in Lomo on Friday, wounding four officers.",
    # a history page's years are long past; a recent year or a day named anchors the present
    "On 2 March 2024 gunmen killed three farmers in Lomo, a village founded in 1700.",
    "The old fort, built in 1650, was attacked by rebels on Sunday, and two guards were killed.",
    # an accident's arrests are native to it; a protest's arrests after it are still conflict
    "After the bridge collapse, protesters blocked the main road in Lomo on Monday and police arrested twenty of them.",
    # an actor word naming a kind of animal is no actor; army soldiers are
    "Army soldiers raided the village of Lomo on Monday and killed two farmers.",
    # a sentence set inside a work; a town or a video is no work
    "In the town of Lomo, gunmen killed four farmers on Sunday.",
    "In a video posted on Monday, soldiers are seen beating a man in Lomo; the army said the soldiers were arrested.",
    # a review's mark needs a word of rating; a date written 10/10 is none
    "On 10/10 gunmen attacked the police station in Lomo, killing two officers.",
]


# session 15, second round: first persons inside quotes are a witness quoted; outside quotes, with an armed or
# political actor who acts, they are a witness's own report and still code
STILL_CODED_S15_VOICE = [
    "'They shot my brother,' she said, after soldiers opened fire on mourners in Lomo on Monday.",
    "'We lost everything,' said a resident after militants bombed the market in Lomo on Monday.",
    "I saw soldiers shoot my neighbour in Lomo yesterday, a witness told reporters on Tuesday.",
    "We were shelled by the army all night in Lomo, and my cousin was killed on Sunday.",
    "Our village was attacked by al-Shabab on Sunday; they burned my house and killed my uncle.",
    "Reports reaching us say rebels attacked an army base outside Lomo on Monday, killing four soldiers.",
    "My brother was abducted by gunmen near Lomo on Friday, and we have heard nothing since.",
    "Soldiers shot dead two protesters in Lomo on Monday; 'we had no choice,' an officer said.",
    # an instruction after the report (a news site's footer) asks for an actor, which it has
    "Militants bombed a police station in Lomo on Friday, wounding four officers. Follow our live coverage for updates.",
]


@pytest.mark.parametrize("text", STILL_CODED_S15_WEB + STILL_CODED_S15_VOICE)
def test_a_conflict_told_like_a_web_page_or_in_the_first_person_still_gives_a_current_event(pipeline, text):
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert [e for e in result.events if not e.background], text


@pytest.mark.parametrize("text, expected", [
    ("I lost three armies in one turn, and you will too.", True),
    ("Our immune system's T cells destroy infected cells.", True),
    ("'They shot my brother,' she said.", False),
    ("\u201cWe lost everything,\u201d a resident said.", False),
    ("Troops from the US attacked the base, officials said.", False),
    ("The players' coach said 'you lost' to the referee.", False),
    ("The lava cools slowly. Bring plenty of water on the hike.", True),
    ("Post election riots in Sotik. A van was torched.", False),  # a first sentence may be a terse headline
])
def test_the_personal_voice_is_first_or_second_person_outside_quotes_or_an_instruction(pipeline, text, expected):
    from clashwatch.nlp import table
    from clashwatch.stages.assemble import _personal_voice
    doc = pipeline.nlp(text)
    assert _personal_voice(doc, table(doc)) is expected, text

# a violent verb done to a person needs no other conflict word: people were hurt
@pytest.mark.parametrize("text", [
    "On Monday residents beat a man accused of stealing a goat in the market of Lomo.",
    "On Monday a woman was attacked on her way home from the market in Lomo.",
])
def test_violence_done_to_a_person_is_an_event(pipeline, text):
    assert assemble_on(pipeline, text, PUBLISHED_NEG).events, text


@pytest.mark.parametrize("text", [
    "The home side beat the visitors 2-1 in the derby on Monday.",
    "The senator attacked the proposal of the finance minister on Monday.",
])
def test_a_beaten_team_or_attacked_proposal_is_no_event(pipeline, text):
    assert assemble_on(pipeline, text, PUBLISHED_NEG).events == [], text


# an attack told first in general words takes the weapon a later sentence names (ACLED
# codebook, 'Explosions/Remote violence': typed by the means)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two people were killed and three wounded in an attack on a minibus in the north, police said on Sunday. "
         "The driver was killed when a rocket-propelled grenade hit the vehicle near Kamina.", "Shelling/artillery/missile attack"),
        ("Two civilians were killed in separate attacks in the province on Saturday, police said. "
         "A shopkeeper was killed in a grenade attack in the main market of Kamina.", "Grenade"),
        ("Gunmen attacked a village near Kamina on Saturday, killing three farmers.", "Attack"),
        # an attack on soldiers stays an armed clash whatever a later sentence adds
        ("Militants attacked an army checkpoint near Kamina on Monday, killing five soldiers. In another attack, "
         "two policemen were killed when their vehicle was hit by a roadside bomb.", "Armed clash"),
    ],
)
def test_a_general_attack_takes_the_means_a_later_sentence_names(pipeline, text, expected):
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert result.events[0].sub_event_type == expected


# frames ACLED codes that gave no event (issue 18), with the event type a user would see
# (ACLED Codebook 2023: security measures such as curfews are a Change to group/activity,
# displacement and evictions "Other"; mob justice on a suspected thief is Mob violence)
RECOVERED = {
    "A crowd beat a suspected thief to death at the market on Monday before police arrived.": "Riots",
    "Residents attacked two suspected robbers on Sunday, burning one of them alive on the road.": "Riots",
    "Clashes between two rival tribes over grazing land broke out near the river on Monday.": "Battles",
    "Teachers marched through the streets of the capital on Monday to demand unpaid bonuses.": "Protests",
    "Nurses went on strike on Tuesday and gathered at the hospital gate, demanding better pay.": "Protests",
    "Hundreds of lawyers formed a human chain in front of the court on Sunday.": "Protests",
    "Students went on a rampage on campus on Monday over a fee increase.": "Riots",
    "At least four women were raped by militiamen in the village on Monday.": "Violence against civilians",
    "The governor imposed a three-day curfew on the city on Friday.": "Strategic developments",
    "The authorities declared a lockdown on the capital on Wednesday and closed the markets.": "Strategic developments",
    "Soldiers sealed off the town on Thursday ahead of the commander's visit.": "Strategic developments",
    "Armed men began evicting families from the disputed farmland on Tuesday.": "Strategic developments",
    "Militants conducted recruitment activities among the youths of the district in August.": "Strategic developments",
    "Soldiers deployed to help the police clashed with rebels near the border on Monday.": "Battles",
    "A bomb exploded at a market in the town on Sunday, killing three vendors.": "Explosions/Remote violence",
    "The air force targeted a rebel convoy near the town on Monday.": "Explosions/Remote violence",
    "Gunmen shoot police officer in border town": "Battles",  # a headline verb the tagger reads as a noun
    "A fight between herders and farmers over a water point left four injured near the river on Friday.": "Battles",
    "Unidentified gunmen slit the throat of a farmer near the village on Tuesday.": "Violence against civilians",
    "Militiamen seized two vehicles belonging to a local councillor on Sunday.": "Strategic developments",
    "Villagers from the two clans armed themselves against each other ahead of the vote.": "Strategic developments",
    # demonstrators burning things on the road engage in destruction: ACLED's violent demonstration
    "Youths blocked the highway with burning logs on Monday to denounce the state of the road.": "Riots",
    "An opposition march was stopped by the police in the capital on Monday.": "Protests",
    "Two gunmen forced their way into the house of a journalist and demanded his camera before shooting him dead.": "Violence against civilians",
    "Twenty policemen and militia members joined the Taliban in the district on Saturday.": "Strategic developments",
    "A crowd captured a thief at the market, tied him to a post and beat him on Monday.": "Riots",
    "On 3 June 2023, suspected ISGS militants seized a vehicle belonging to a village chief in the commune.": "Strategic developments",
}


@pytest.mark.parametrize("text", sorted(RECOVERED))
def test_a_frame_acled_codes_gives_its_event(pipeline, text):
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert result.events, text
    assert result.events[0].event_type == RECOVERED[text], (text, result.events[0].sub_event_type)


# a chemical weapon's own agent ('the toxic chemical', accident frame) does not frame away its use;
# a leak of chlorine at a plant stays an accident
@pytest.mark.parametrize("text", [
    "Mustard gas was used on a village near the border in March, an agency on chemical weapons said, after tests confirmed the presence of the chemical.",
    "Shells filled with sarin hit a suburb in May, inspectors said on Friday, after samples showed the toxic chemical.",
])
def test_a_chemical_weapon_is_conflict_evidence_beside_its_chemical(pipeline, text):
    result = assemble_on(pipeline, text, PUBLISHED_NEG)
    assert result.events, text
    assert result.events[0].sub_event_type == "Chemical weapon", (text, result.events[0].sub_event_type)


def test_a_chlorine_leak_at_a_plant_stays_an_accident(pipeline):
    text = "A chlorine gas leak at a chemical plant injured twelve workers on Tuesday, the fire service said."
    assert not assemble_on(pipeline, text, PUBLISHED_NEG).events


# --------------------------------------------------------------------------- the calendar's ends and long articles

AT_THE_ENDS = (
    "Gunmen killed five villagers near Garissa on Friday, police said. The next day, a drone struck a camp. "
    "The day before, soldiers clashed with militants near Lamu. Since March, fighting has displaced hundreds. "
    "Protesters marched in Nairobi, police said."
)


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_the_calendars_first_and_last_days_as_publication_dates(pipeline, published):
    from clashwatch.article import Article

    # built without make_article, whose window refuses such dates: the stages must hold on their own
    (result,) = pipeline.extract_many([Article(AT_THE_ENDS, published=published)])
    assert not [w for w in result.warnings if w.startswith("extraction failed")], result.warnings
    assert result.events
    for event in result.events:
        assert dt.date.min <= event.date_start <= event.date_end <= published


def test_an_undated_event_on_the_first_day_of_the_calendar_keeps_its_week_inside_it(pipeline):
    # an event with no date of its own spans the week before publication: here, one day
    r = assemble_on(pipeline, "Protesters marched in Nairobi to demand lower taxes.", dt.date(1, 1, 1))
    (event,) = r.events
    assert (event.date_start, event.date_end, event.time_precision) == (dt.date(1, 1, 1), dt.date(1, 1, 1), "week")


def test_a_hostile_number_of_cues_is_capped_and_said(pipeline):
    text = "Gunmen killed 3 people in Garissa. " * (max(assemble.MAX_CUES, assemble.MAX_FIGURES) + 50)
    r = assemble_on(pipeline, text, dt.date(2024, 5, 17))
    assert any(f"only the first {assemble.MAX_CUES} were assembled" in w for w in r.warnings)
    assert any(f"only the first {assemble.MAX_FIGURES} were read" in w for w in r.warnings)
    assert len(r.claims) == assemble.MAX_FIGURES
    assert r.events and r.events[0].location == "Garissa"


# --------------------------------------------------------------------------- the article's country


def test_a_mozambican_palma_is_coded_in_mozambique_and_its_actors_are_not_spanish():
    # The gazetteer knows only Palma de Mallorca: the event falls back to the country the
    # text names (precision 3), and the actors take that country, never Spain's.
    r = clashwatch.extract(
        "Dozens killed as insurgents seize Mozambique town of Palma. Insurgents attacked the town "
        "of Palma in northern Mozambique on Wednesday, killing dozens of civilians, officials said.",
        published="2021-03-29",
    )
    main = r.events[0]
    assert (main.country_code, main.geo_precision) == ("MZ", 3)
    names = [a.name for a in (main.actor1, main.actor2) if a is not None]
    assert names and not any("Spain" in n for n in names)


def test_an_event_in_a_named_district_is_coded_there_not_at_the_capital_the_statement_came_from():
    # Kabul names where the officials spoke; the attack's own clause names Paghman district.
    r = clashwatch.extract(
        "Officials in Kabul said Taliban fighters attacked a police checkpoint in Paghman district "
        "on Monday, killing four officers.",
        published="2021-05-04",
    )
    main = r.events[0]
    assert (main.location, main.geo_precision) == ("Paghmān", 2)


def test_an_event_in_a_district_is_coded_at_the_district_not_at_its_qualifying_town():
    # "X district, Kandahar": the district the clause names (GeoNames' second-order unit,
    # precision 2), not the town of Kandahar that only says which province it is in.
    r = clashwatch.extract(
        "Soldiers killed five insurgents in an overnight raid in Khakrez district, Kandahar, officials said.",
        published="2021-05-04",
    )
    main = r.events[0]
    assert (main.location, main.country_code, main.geo_precision) == ("Khākrēz", "AF", 2)


def test_a_district_abroad_does_not_outrank_the_events_town():
    # A US county whose name matches a misspelling ranks below a town of the event's own
    # country: the event stays at the town.
    r = clashwatch.extract(
        "Gunmen from Madera County attacked a police post in Kakuma on Sunday, killing two officers.",
        published="2021-05-04",
    )
    assert (r.events[0].location, r.events[0].country_code) == ("Kakuma", "KE")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On Tuesday, traders staged a protest at the Sylhet-Tamabil highway, Jaintiapur upazila, over road accidents.", "Jaintiapur"),
        ("On Friday, residents staged a protest at the Nakuru-Eldoret highway, Molo town, over the killing of a farmer.", "Molo"),
    ],
)
def test_the_towns_a_route_is_named_after_do_not_place_the_event_on_it(text, expected):
    # "the X-Y highway" runs between X and Y; the place the sentence names besides says
    # where on the road the event was.
    r = clashwatch.extract(text, published="2021-05-04")
    assert r.events[0].location == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the village the road was blocked near, known only by its district and county
        ("Traders blocked the Kisumu-Busia highway near the village of Kolo (Ugunja, Siaya county) on Tuesday.", "Ogunja"),
        # with nothing else named, an end of the road still places the event
        ("Traders blocked the Kisumu-Busia highway on Tuesday to protest the killing of a hawker.", "Kisumu"),
    ],
)
def test_a_place_on_the_road_beats_the_towns_the_road_is_named_after(text, expected):
    # the ends of "the X-Y highway" say where the road runs, a region or a district beside it
    # where on it: they come first even when coarser than the ends.
    assert clashwatch.extract(text, published="2021-05-04").events[0].location == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Youths rioted in Kisumu county on Monday in retaliation for the killing of a trader in Nakuru town.", "Kisumu"),
        ("Fighting broke out between two clans in Isiolo county on Sunday following the killing of a herder in Garissa town.", "Isiolo"),
        # a place named only in the phrase of what came before still serves alone
        ("Two police officers were wounded on Monday after their vehicle hit a landmine near Baragoi.", "Baragoi"),
        # inside the region the main clause names, the phrase may tell the same event more closely
        ("Two people were wounded in Mandera county on Friday after a grenade went off at a market in El Wak.", "El Wak"),
    ],
)
def test_the_place_of_the_events_own_clause_beats_that_of_an_earlier_event_it_answers(text, expected):
    # "rioted in X in retaliation for a killing in Y": Y is where the killing was, even
    # when X is a county and Y a town.
    assert clashwatch.extract(text, published="2021-05-04").events[0].location == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In solidarity with traders in Nakuru, hawkers staged a protest in Eldoret on Monday.", "Eldoret"),
        ("Regarding the eviction of squatters in Nakuru town, residents held a demonstration in Eldoret on Monday.", "Eldoret"),
        # a town of the grievance named alone still serves: the protest is mostly held there
        ("Hawkers staged a protest in solidarity with traders in Nakuru on Monday.", "Nakuru"),
        ("Residents protested on Monday over the killing of a trader in Eldoret.", "Eldoret"),
    ],
)
def test_a_place_of_what_a_protest_is_about_yields_to_where_it_was_held(text, expected):
    # "in solidarity with traders in X, hawkers protested in Y": X is the grievance's place
    assert clashwatch.extract(text, published="2021-05-04").events[0].location == expected


def test_a_country_only_of_a_grievance_does_not_place_the_event():
    # the state force's country places it ("Kenyan police"), else a local outlet's, else nothing
    text = "Kenyan police shot a man on Monday regarding the protests in Uganda."
    assert clashwatch.extract(text, published="2021-05-04").events[0].country_code == "KE"
    text = "Police shot a man on Monday regarding the protests in Uganda."
    local = clashwatch.extract(text, published="2021-05-04", outlet="Daily Nation (Kenya)").events[0]
    assert (local.country_code, local.location, local.geo_precision) == ("KE", "Nairobi", 3)
    assert clashwatch.extract(text, published="2021-05-04", outlet="Reuters").events[0].latitude is None


def test_after_against_a_country_may_still_say_where():
    # "against" is read as a grievance only after a demonstration's cue, and even then a
    # country after it may say where ("against the government in Kenya")
    e = clashwatch.extract("Hundreds demonstrated on Friday against the government in Kenya.", published="2021-05-04").events[0]
    assert (e.country_code, e.location) == ("KE", "Nairobi")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Raiders torched homes in Baringo county on Sunday and drove the herders toward Marigat.", "Baringo"),
        ("Gunmen attacked homes in Baringo county on Sunday, forcing residents to flee to Marigat.", "Baringo"),
        # named alone, where people fled still serves: they flee nearby
        ("Raiders torched homes on Sunday and displaced the herders toward Marigat.", "Marigat"),
        # a doer who drove or forced their own way went where the event was
        ("Gunmen drove to Marigat on Sunday and opened fire on a crowd.", "Marigat"),
        ("Gunmen forced themselves into a house in Marigat on Sunday and shot a man.", "Marigat"),
    ],
)
def test_where_people_fled_or_were_driven_yields_to_where_the_violence_was(text, expected):
    assert clashwatch.extract(text, published="2021-05-04").events[0].location == expected


@pytest.mark.parametrize("text, foreign", [
    ("Armed men shot dead a Sudanese refugee on Monday.", "SD"),
    ("Gunmen kidnapped an international staff member (Italian) on Monday.", "IT"),
])
def test_the_country_of_refugees_or_foreign_staff_does_not_place_the_event(text, foreign):
    # a refugee or an expatriate is outside their country by what they are called: a wire's
    # story gets no point in it, and a local outlet's country places the event.
    wire = clashwatch.extract(text, published="2022-08-06", outlet="Reuters").events[0]
    assert wire.country_code != foreign and wire.latitude is None
    local = clashwatch.extract(text, published="2022-08-06", outlet="Daily Nation (Kenya)").events[0]
    assert (local.country_code, local.location, local.geo_precision) == ("KE", "Nairobi", 3)


@pytest.mark.parametrize("text, country", [
    # villagers and traders are where they live
    ("Gunmen killed two Kenyan villagers on Monday.", "KE"),
    ("Gunmen killed two Somali traders on Monday.", "SO"),
])
def test_the_country_of_villagers_or_traders_still_places_the_event(text, country):
    assert clashwatch.extract(text, published="2022-08-06", outlet="Reuters").events[0].country_code == country


def test_a_country_named_as_where_comes_before_the_raiders_country():
    # Only countries: "Kenyan villages" says where, "Ugandan raiders" who.
    r = clashwatch.extract("Ugandan raiders attacked Kenyan villages on Sunday and killed two herders.", published="2021-05-04")
    assert r.events[0].country_code == "KE"


def test_a_named_groups_home_country_does_not_place_its_attacks_abroad():
    # al-Shabaab is a Somali group; nothing places this attack in Somalia, and the article is Kenyan.
    r = clashwatch.extract(
        "Al Shabaab fighters attacked a bus on Sunday, killing four passengers. "
        "The Kenyan government condemned the attack.",
        published="2021-05-04",
    )
    main = r.events[0]
    assert main.country_code == "KE"
    assert main.actor2 is not None and "Somalia" not in main.actor2.name  # the victims are Kenya's civilians


def test_a_country_saying_where_beats_a_country_named_only_as_a_neighbour():
    # "a small Kenyan town" says where; "the border with Somalia" only what it is near.
    r = clashwatch.extract(
        "Three people died on Monday when their bus hit a roadside bomb in a small Kenyan town "
        "near the border with Somalia, police said.",
        published="2021-05-04",
    )
    assert r.events[0].country_code == "KE"


@pytest.mark.parametrize("text, outlet, country, region", [
    ("Ugandan raiders crossed the border and attacked Kenyan villages, stealing 300 cattle.", "Reuters", "KE", "Bungoma"),
    ("Raiders from Ethiopia attacked a Kenyan village on Sunday, killing four herders.", "Reuters", "KE", "Marsabit"),
    ("Kenyan police were deployed along the border after Ugandan raiders stole 300 cattle.", "Reuters", "KE", "Bungoma"),
    # a neighbour's people as a party to the event: they came across its border
    ("Ugandan cattle rustlers attacked two Kenyan villages on Monday, killing a herder.", "Reuters", "KE", "Bungoma"),
    ("Kenyan villagers were attacked by Ugandan raiders on Monday.", "Reuters", "KE", "Bungoma"),
])
def test_an_event_told_only_by_a_countrys_border_is_placed_on_that_border(text, outlet, country, region):
    # Known only by its country and the neighbour it borders or came from: the country's
    # region on that border (precision 3, at the region's seat), not its capital.
    event = clashwatch.extract(text, published="2021-05-04", outlet=outlet).events[0]
    assert (event.country_code, event.admin1, event.geo_precision) == (country, region, 3)


@pytest.mark.parametrize("text, region", [
    ("Ugandan raiders stole 200 cattle and killed a herder on Sunday.", "Bungoma"),
    ("Gunmen from Somalia killed two herders on Sunday.", "Mandera"),
])
def test_a_local_outlets_event_told_only_by_a_neighbours_raiders_is_on_that_border(text, region):
    # The text names only whose raiders or where they came from; the Kenyan paper's country
    # places the event, on its border with the raiders' country rather than at its capital.
    event = clashwatch.extract(text, published="2021-05-04", outlet="Daily Nation (Kenya)").events[0]
    assert (event.country_code, event.admin1, event.geo_precision) == ("KE", region, 3)


@pytest.mark.parametrize("text, country, location", [
    # only the party says whose country: at its capital, precision 3
    ("ODM supporters stoned a rival candidate's convoy on Sunday, injuring three.", "KE", "Nairobi"),
    # an electoral commission names its country too
    ("Protesters stormed an INEC office on Monday and burned ballot papers.", "NG", "Abuja"),
    # a finer place named wins
    ("BJP workers clashed with police in Kolkata on Sunday, injuring three.", "IN", "Kolkata"),
])
def test_a_party_places_an_event_in_its_country(text, country, location):
    event = clashwatch.extract(text, published="2021-05-04", outlet="Reuters").events[0]
    assert (event.country_code, event.location) == (country, location)


def test_a_neighbour_named_without_its_border_leaves_the_event_at_the_capital():
    # a neighbour's people named, but not as a party to the event nor at a border
    event = clashwatch.extract(
        "Gunmen shot dead two Kenyan police officers on Sunday, a week after a Ugandan delegation visited the force.",
        published="2021-05-04", outlet="Reuters",
    ).events[0]
    assert (event.country_code, event.location) == ("KE", "Nairobi")


def test_an_event_with_no_place_in_its_text_is_placed_in_its_local_outlets_country():
    # A headline naming no place and no country: a Ugandan paper's story is placed in Uganda,
    # at country level (its capital, precision 3), as a country named alone is; a wire
    # service's outlet names no country and the event gets no point.
    text = "Gunmen shot dead a village chairman on Friday night, police said."
    local = clashwatch.extract(text, published="2022-08-06", outlet="Daily Monitor (Uganda)").events[0]
    assert (local.country_code, local.location, local.geo_precision) == ("UG", "Kampala", 3)
    wire = clashwatch.extract(text, published="2022-08-06", outlet="Reuters").events[0]
    assert wire.latitude is None and wire.country_code is None
    by_address = clashwatch.extract(text, published="2022-08-06", url="https://www.monitor.co.ug/news/1").events[0]
    assert (by_address.country_code, by_address.geo_precision) == ("UG", 3)


@pytest.mark.parametrize("text, country", [
    # the text's own place or country wins over the outlet's
    ("Gunmen shot dead a village chairman in Goma on Friday night, police said.", "CD"),
    ("Gunmen shot dead a village chairman in Rwanda on Friday night, police said.", "RW"),
    ("Rwandan soldiers shot dead a village chairman on Friday night, police said.", "RW"),
])
def test_the_texts_own_place_or_country_overrules_the_outlets(text, country):
    event = clashwatch.extract(text, published="2022-08-06", outlet="Daily Monitor (Uganda)").events[0]
    assert event.country_code == country


def test_a_name_doubted_twice_in_a_local_outlets_story_is_read_without_failing():
    # "Jubilee" (a party, and small places abroad) named twice in a Kenyan paper: both are
    # weighed against the outlet's country; neither is placed abroad
    text = ("A driver working for the Jubilee campaign was stabbed to death by a rival campaigner. "
            "The attacker was also said to back Jubilee.")
    r = clashwatch.extract(text, published="2017-08-01", outlet="Daily Nation (Kenya)")
    assert [e.country_code for e in r.events] == ["KE"]


def test_a_group_home_is_not_where_a_local_outlets_event_happened():
    # al-Shabaab is Somali; a Kenyan paper naming no place reports an attack in Kenya.
    text = "Al Shabaab militants ambushed a police patrol on Tuesday, killing two officers."
    event = clashwatch.extract(text, published="2022-08-06", outlet="The Star (Kenya)").events[0]
    assert (event.country_code, event.geo_precision) == ("KE", 3)
    assert event.actor1 is not None and event.actor1.country_code == "SO"


@pytest.mark.parametrize("text, location", [
    # the country of the raiders, of the victims or of where the attackers came from; a
    # neighbour's raiders came across its border (Uganda's region facing it, at its seat)
    ("Congolese bandits raided a cattle camp on Sunday and drove away 300 cows.", "Western Region"),
    ("Gunmen from Rwanda shot dead a herdsman on Sunday night.", "Western Region"),
    ("A Belgian tourist was robbed and beaten by a gang on Sunday.", "Kampala"),
    ("Smugglers who had crossed over from Tanzania shot a customs officer on Sunday.", "Central Region"),
])
def test_a_country_named_only_as_whose_or_whence_yields_to_a_local_outlets(text, location):
    # Only a country, named as whose raiders or victims or whence they came: a Ugandan
    # paper reports what happened in Uganda (precision 3: its capital, or its region on
    # the border with the raiders' country); a wire service's text keeps that country.
    local = clashwatch.extract(text, published="2022-08-06", outlet="Daily Monitor (Uganda)").events[0]
    assert (local.country_code, local.location, local.geo_precision) == ("UG", location, 3)
    wire = clashwatch.extract(text, published="2022-08-06", outlet="Reuters").events[0]
    assert wire.country_code != "UG"


@pytest.mark.parametrize("text, country", [
    # named as where it happened
    ("Bandits raided a cattle camp in Tanzania on Sunday and drove away 300 cows.", "TZ"),
    ("Bandits raided a Congolese village on Sunday and drove away 300 cows.", "CD"),
    # a state's forces act at home
    ("Kenyan police shot dead two suspected robbers on Sunday.", "KE"),
])
def test_a_country_named_as_where_or_by_its_forces_overrules_a_local_outlet(text, country):
    event = clashwatch.extract(text, published="2022-08-06", outlet="Daily Monitor (Uganda)").events[0]
    assert event.country_code == country


def test_a_town_inside_the_named_region_beats_a_namesake_outside_it():
    # "Bate" is read as the Bate of East Java; the text names Papua and a district there:
    # the town inside the region the text names is where it happened.
    text = "Villagers armed with arrows clashed on Sunday in Bate, a hamlet of Arso district in Papua province."
    event = clashwatch.extract(text, published="2022-08-06").events[0]
    assert (event.country_code, event.location) == ("ID", "Arso")


@pytest.mark.parametrize("text, place", [
    # a region's seat named as a town is no namesake
    ("Al-Shabaab fighters burned a school in Lamu town and a clinic in Tana River county.", "Lamu"),
    # no region named: the town stands
    ("Villagers armed with arrows clashed on Sunday in Arso, police said.", "Arso"),
])
def test_a_town_outside_the_named_regions_stands_when_no_namesake(text, place):
    event = clashwatch.extract(text, published="2022-08-06").events[0]
    assert event.location == place


# --------------------------------------------------------------------------- the event's own date


def _event_date(text: str, published: str) -> str:
    r = clashwatch.extract(text, published=published)
    assert r.events, "no event"
    return str(r.events[0].event_date)


def test_a_passive_report_verb_dates_the_event_not_a_statement():
    # "were reported on 2 June" tells when the clashes happened; the election is background
    text = ("On 2 June 2022, in Parakou acts of arson were recorded in the context of riots against "
            "the municipal vote held on May 29.")
    assert _event_date(text, "2022-06-03") == "2022-06-02"


def test_a_calendar_day_in_brackets_restates_a_relative_one():
    text = "Gunmen ambushed a minibus near Isiolo yesterday (12 August), killing two passengers."
    assert _event_date(text, "2022-08-14") == "2022-08-12"


def test_a_calendar_day_beats_the_range_in_brackets_beside_it():
    text = "Around 19 June 2022 (from 18 - 19 June), militants abducted five traders near Kidal."
    assert _event_date(text, "2022-06-20") == "2022-06-19"


def test_a_date_in_a_clause_of_its_own_does_not_date_the_event():
    # the pay deal "signed in March" is background: the march is dated by publication
    text = ("Nurses walked out and marched to the county offices in Kisii to protest over a pay deal "
            "signed with the governor in March.")
    assert _event_date(text, "2022-07-05") == "2022-07-05"


# --------------------------------------------------------------------------- issue 18 round 2: explosions that happened
# An explosion told only as happening ('took place', 'went off', 'rocked') with no figure,
# weapon or armed actor in its sentence is still an event (ACLED codes explosions of
# unknown origin as remote explosives); a figure of speech and a plant accident are not.


def test_an_explosion_that_took_place_is_an_event():
    r = clashwatch.extract("An explosion of unknown origin took place near the bus station of Tal Abyad.", published=PUBLISHED_NEG)
    assert [(e.event_type, e.sub_event_type) for e in r.events][:1] == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize(
    "text",
    [
        "The festival finale was an explosion of colour that rocked the whole square.",
        "An explosion took place at a paint factory after a gas leak, the fire service said.",
    ],
)
def test_an_explosion_of_colour_or_a_factory_blast_is_no_event(text):
    assert clashwatch.extract(text, published=PUBLISHED_NEG).events == []


# --------------------------------------------------------------------------- demonstrators' violence (ACLED: Riots)

DEMONSTRATORS_VIOLENT = [
    # the clash is told in the sentence after the demonstration
    "Hundreds of dockers staged a demonstration in Mombasa on Friday over unpaid wages. "
    "They clashed with police officers who fired tear gas at them.",
    # property destroyed in a later sentence, with police dispersing them
    "Traders protested in Kisumu on Monday against new market fees. "
    "The traders vandalized the council offices before police dispersed them.",
    # demonstrators who clash are rioters even when the police then shoot (not excessive force)
    "Residents demonstrated in Parakou on Sunday and clashed with gendarmes, who responded with live ammunition.",
    # a protest that 'became violent' (as 'turned violent')
    "Opposition supporters protested in Kisumu on Monday. The protest became violent in the evening.",
]
DEMONSTRATORS_PEACEFUL = [
    # a protest the police broke up, with no violence by the protesters
    "Hundreds of nurses protested in Nairobi on Tuesday over delayed salaries. Police fired tear gas to disperse them.",
    # live fire on a peaceful crowd stays excessive force
    "Teachers marched peacefully in Cotonou on Monday. Soldiers responded with live ammunition and killed two of them.",
]


# a mob that voices a demand, or that is told protesting, demonstrates: ACLED codes
# demonstrators' violence as a violent demonstration and keeps mob violence for crowd
# violence outside a demonstration (codebook, 'Violent demonstration', 'Mob violence')
MOB_DEMONSTRATING = [
    "On Friday, a mob of some 300 dock workers pelted stones at police in Mombasa, demanding their unpaid wages.",
    "Second day of protests in Kisumu: running battles were seen between mobs and the police.",
]
# a mob with no demand and no demonstration stays mob violence
MOB_ONLY = [
    "On Friday, a mob beat two suspected thieves in Mombasa.",
    "On Friday, a mob of some 300 dock workers pelted stones at police in Mombasa.",
]


@pytest.mark.parametrize("text", MOB_DEMONSTRATING)
def test_a_mob_voicing_a_demand_or_protesting_is_a_violent_demonstration(text):
    main = clashwatch.extract(text, published="2021-05-04").events[0]
    assert (main.event_type, main.sub_event_type) == ("Riots", "Violent demonstration")


@pytest.mark.parametrize("text", MOB_ONLY)
def test_a_mob_with_no_demand_or_demonstration_is_mob_violence(text):
    main = clashwatch.extract(text, published="2021-05-04").events[0]
    assert (main.event_type, main.sub_event_type) == ("Riots", "Mob violence")


@pytest.mark.parametrize("text", DEMONSTRATORS_VIOLENT)
def test_a_demonstration_whose_participants_clash_or_destroy_is_a_violent_demonstration(text):
    main = clashwatch.extract(text, published="2021-05-04").events[0]
    assert (main.event_type, main.sub_event_type) == ("Riots", "Violent demonstration")


@pytest.mark.parametrize("text", DEMONSTRATORS_PEACEFUL)
def test_a_demonstration_broken_up_without_its_own_violence_stays_a_protest(text):
    main = clashwatch.extract(text, published="2021-05-04").events[0]
    assert main.event_type == "Protests"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a soldier or policeman abducted and killed by an armed group: violence between armed
        # actors (ACLED codebook, 'Armed clash'); civilians abducted and killed: an attack
        ("On Monday, insurgents abducted and killed a policeman near Ghazni.", "Armed clash"),
        ("On Monday, insurgents abducted and killed a shopkeeper near Ghazni.", "Attack"),
        # a former or retired member of a force is a civilian now
        ("On Monday, insurgents abducted and killed a retired army officer near Ghazni.", "Attack"),
        ("On Monday, gunmen shot dead a former police commander at his home near Ghazni.", "Attack"),
        ("On Monday, gunmen shot dead a police commander at his post near Ghazni.", "Armed clash"),
    ],
)
def test_who_was_abducted_and_killed_decides_between_clash_and_attack(text, sub_event_type):
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # a force named in a clause about the victims is not the target (ACLED: Attack on civilians)
        ("On Monday, militants killed three civilians who had worked with the army near Rafah.", "Attack"),
        ("On Monday, militants killed three soldiers who were guarding a bridge near Rafah.", "Armed clash"),
        # the subject's own phrase names the doers, not the target: a police unit killing a student
        # is violence against a civilian (ACLED codebook, 'Attack')
        ("On Monday, members of a police unit killed a student in Enugu.", "Attack"),
        ("On Monday, members of a police unit killed two militants in Enugu.", "Armed clash"),
        # a gerund after 'after' is a clause of its own: the herders were mistaken for fighters, not fighters
        ("On Monday, soldiers killed four herders after mistaking them for members of an armed group near Tanguieta.", "Attack"),
        ("On Monday, soldiers killed four fighters of an armed group near Tanguieta.", "Armed clash"),
        # an officer of a civilian post is a civilian; a police officer is a force
        ("On Monday, gunmen shot and wounded an aid officer near Lodwar.", "Attack"),
        ("On Monday, gunmen shot and wounded a police officer near Lodwar.", "Armed clash"),
        # with the victims named, 'at a checkpoint' says where; alone, it is what was fired at
        ("On Monday, a fighter opened fire on two boys at a checkpoint near Dhale, wounding both.", "Attack"),
        ("On Monday, militants opened fire at a checkpoint near Dhale, wounding two soldiers.", "Armed clash"),
    ],
)
def test_the_target_is_read_in_the_cues_own_clause(text, sub_event_type):
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # session 18: 'him' in the 'when' clause is the subject of the clause it tells about
        ("A policeman died near Lodwar on Monday when bandits shot him at a roadblock.", "Armed clash"),
        ("A shopkeeper died near Lodwar on Monday when bandits shot him at a roadblock.", "Attack"),
        ("A soldier watched near Lodwar on Monday as bandits beat a herder and shot him.", "Attack"),
    ],
)
def test_a_pronoun_victim_of_a_when_clause_is_the_subject_it_tells_about(text, sub_event_type):
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # members of a known armed group are armed targets (ACLED: state forces against a militia)
        ("On Monday, police shot dead two Mungiki members in Nairobi.", "Armed clash"),
        ("On Monday, gunmen shot dead a member of the Ogaden National Liberation Front in Garissa.", "Armed clash"),
        # members of a party are no armed group; the group's members as attackers do not make the victims armed
        ("On Monday, police shot dead two members of the opposition party in Nairobi.", "Attack"),
        ("On Monday, Mungiki members shot dead two traders in Nairobi.", "Attack"),
    ],
)
def test_members_of_a_known_armed_group_are_armed_targets(text, sub_event_type):
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # session 16: the armed side told only by a number or a pronoun is the armed attackers
        # the text named before (ACLED codebook, 'Armed clash': forces against an armed group)
        ("On Monday, about thirty militants attacked a power station near Dunga. Police responded, killing two and arresting one.", "Armed clash"),
        ("On Monday, bandits raided a market near Dunga. Soldiers arrived and shot three of them.", "Armed clash"),
        # the attackers' own victims told by a number are theirs to have hit: civilians
        ("On Monday, gunmen attacked the village of Dunga, killing two.", "Attack"),
        # named by a noun ('two of the attackers'), the victims are read as any victim's noun is
        ("On Monday, raiders attacked a school near Dunga, killing a teacher. Police later shot two of the raiders.", "Attack"),
        # no armed attacker told before: the police's victims stay civilians
        ("On Monday, traders quarrelled at the Dunga market. Police arrived and shot two.", "Attack"),
        # 'left three militants dead': the object of 'left' is who the cue hit
        ("On Monday, an army operation near Dunga left five rebels dead.", "Armed clash"),
        ("On Monday, an army operation near Dunga left five villagers dead.", "Attack"),
        # 'soldiers suffered casualties following an attack': the sufferers are the target
        ("On Monday, soldiers suffered casualties following an attack by rebels near Dunga.", "Armed clash"),
        ("On Monday, villagers suffered injuries following an attack by rebels near Dunga.", "Attack"),
    ],
)
def test_an_armed_side_told_by_a_number_a_pronoun_or_a_result_is_an_armed_target(text, sub_event_type):
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        # session 16: a blast or strike told at a demonstration is remote violence, not a
        # peaceful protest (ACLED codebook, 'Explosions/Remote violence')
        ("On Monday, a grenade was thrown at marchers in Dunga during a protest against the governor, wounding four.", "Explosions/Remote violence", "Grenade"),
        ("On Monday, a bomb exploded near a rally in Dunga, killing two.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("On Monday, an air strike hit a market in Dunga during a demonstration against the war.", "Explosions/Remote violence", "Air/drone strike"),
        # what the demonstration is about or came after stays its grievance
        ("On Monday, residents of Dunga protested against air strikes on their village.", "Protests", "Peaceful protest"),
        ("On Monday, traders in Dunga demonstrated after a bomb exploded in the market last week.", "Protests", "Peaceful protest"),
        ("On Monday, hundreds of residents of Dunga rallied to denounce the shelling of their town.", "Protests", "Peaceful protest"),
        # demonstrators' own petrol bombs make a violent demonstration
        ("On Monday, protesters in Dunga threw petrol bombs at a police station.", "Riots", "Violent demonstration"),
    ],
)
def test_remote_violence_told_at_a_demonstration_is_remote_violence(text, event_type, sub_event_type):
    e = clashwatch.extract(text, published="2021-05-04").events[0]
    assert (e.event_type, e.sub_event_type) == (event_type, sub_event_type)


def test_civilians_killed_in_an_exchange_of_fire_do_not_make_it_an_attack():
    # ACLED: civilians caught in an exchange of fire between two forces; the event is the clash
    text = "On Monday, troops of the two countries exchanged fire across the border near Poonch, in which two civilians were killed."
    assert clashwatch.extract(text, published="2021-05-04").events[0].sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # fire returned in the next sentence makes the shelling a battle (ACLED codebook, 'Armed clash')
        ("On Monday rebel forces shelled army positions near Qaatabah. Army forces reportedly fired back, killing several fighters.", "Armed clash"),
        # shelling nobody answers stays shelling
        ("On Monday rebels shelled the town of Qaatabah, killing four civilians. Later, a child died in hospital.", "Shelling/artillery/missile attack"),
    ],
)
def test_fire_returned_later_in_the_story_makes_a_clash(text, sub_event_type):
    assert clashwatch.extract(text, published=dt.date(2023, 9, 15)).events[0].sub_event_type == sub_event_type


def test_violence_told_after_a_violent_demonstration_goes_on_with_it():
    # the fire and the deaths of the next sentences belong to the demonstration that turned
    # violent: one violent demonstration with its toll (ACLED codebook, 'Violent demonstration')
    text = (
        "On 4 April, student demonstrators clashed with border guards at a training academy in Kaliakair. "
        "The guards opened fire during the clash. At least two people were killed."
    )
    events = clashwatch.extract(text, published=dt.date(2023, 4, 10)).events
    assert (events[0].sub_event_type, events[0].fatalities) == ("Violent demonstration", 2)
    assert len([e for e in events if not e.background]) == 1


def test_violence_after_a_peaceful_march_stays_its_own_event():
    text = "On 4 April, students marched through Kaliakair. Gunmen later killed two traders near the market."
    types = [e.sub_event_type for e in clashwatch.extract(text, published=dt.date(2023, 4, 10)).events]
    assert sorted(types) == ["Attack", "Peaceful protest"]


def test_deaths_told_after_a_demonstration_was_broken_up_are_its_toll():
    # the shooting after the police broke up the protest is the same event: excessive force
    # against protesters with its toll, not a separate attack (ACLED codebook, 'Excessive
    # force against protesters')
    text = (
        "On 4 April, hundreds of traders protested in Binga against a new market tax. "
        "Police dispersed the crowd with tear gas and live bullets. Two traders were shot dead."
    )
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 4, 10)).events if not e.background]
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Excessive force against protesters", 2)]


def test_the_deaths_of_a_riot_told_in_their_own_sentence_are_the_riots_toll():
    # ACLED aggregates the violence of one day and place into one event: the riot carries its deaths
    r = clashwatch.extract(
        "On 4 March 2021, inmates rioted at the central prison of Alpha town. Warders killed two inmates and injured five others.",
        published="2021-03-05",
    )
    assert r.events[0].sub_event_type == "Violent demonstration"
    assert r.events[0].fatalities == 2
    assert all(not e.fatalities for e in r.events[1:])


def test_deaths_of_another_day_stay_with_their_own_event():
    r = clashwatch.extract(
        "On 4 March 2021, students clashed with police in Alpha town. On 1 March, four people were killed in an attack on Beta village.",
        published="2021-03-05",
    )
    assert not r.events[0].fatalities
    assert any(e.fatalities == 4 for e in r.events[1:])


@pytest.mark.parametrize(
    "text, expected",
    [
        # a raid told only with its detentions is an arrest (ACLED codebook, 'Arrests')
        ("On 2 June, gendarmes raided the Zanto quarter of Alpha town and arrested twelve young men.", "Arrests"),
        ("On 2 June, soldiers raided a farm near Beta village and detained the owner.", "Arrests"),
        # with anyone killed or hurt the raid stays violence
        ("On 2 June, gendarmes raided a bar in Alpha town, shot dead two men and arrested a third.", "Attack"),
        # an arrest beside an attack other than a raid does not make it an arrest
        ("On 2 June, gunmen attacked a bus near Beta village and killed four passengers; police later arrested two suspects.", "Attack"),
    ],
)
def test_a_raid_told_only_with_its_detentions_is_an_arrest(text, expected):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 6, 5)).events if not e.background]
    assert events[0].sub_event_type == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the day after 'On' is no target, so the police post shot 'at' is: an armed clash
        # (ACLED codebook, 'Armed clash': violence against state forces)
        ("On 2 June, gunmen fired at a police post in Alpha town. Nobody was hurt.", "Armed clash"),
        ("On 2 June, armed men shot at an army barracks near Beta village.", "Armed clash"),
        # a civilian place shot at stays an attack
        ("On 2 June, gunmen fired at a bus station in Alpha town. Nobody was hurt.", "Attack"),
    ],
)
def test_a_date_is_no_target_of_the_violence(text, expected):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 6, 5)).events if not e.background]
    assert events[0].sub_event_type == expected


# --------------------------------------------------------------------------- issue 18 round 5: the lead date
# A date in a bracketed aside the cue is not in dates the aside; a date opening the
# sentence ("On 3 March 2021, ...") dates the sentence's main clause before a nearer date
# (a place named after a day, a date of the background); a demonstration that absorbs
# the violence of its sentence keeps the finer date.


def test_a_date_in_a_bracketed_aside_does_not_date_the_event():
    text = ("On 14 October 2021, villagers fought with police to stop the detention of a teacher "
            "[accused of organising marches in August] in Dassa-Zoume. Two officers were hurt.")
    assert _event_date(text, "2021-10-14") == "2021-10-14"


def test_the_opening_date_dates_the_main_clause_before_a_day_named_place():
    text = ("On 3 March 2021, rebel fighters fired mortars at the 26 September and Airport districts "
            "of Taiz city.")
    assert _event_date(text, "2021-03-04") == "2021-03-03"


def test_an_opening_date_does_not_date_what_was_reported():
    # the attack is told in a reported clause with a date of its own
    text = "On 9 March 2021, police said that gunmen had attacked a bus near Garissa on 7 March."
    assert _event_date(text, "2021-03-10") == "2021-03-07"


def test_a_bracketed_date_alone_still_dates_the_event():
    text = "Gunmen ambushed a minibus near Isiolo (on 12 August), killing two passengers."
    assert _event_date(text, "2022-08-14") == "2022-08-12"


# An event known only by its month is coded at the middle of the month (ACLED time
# precision 3), never after publication; a recalled past event keeps the month's first day.


def test_an_event_known_only_by_its_month_is_dated_mid_month():
    text = "In March, militants attacked a police post near Garissa, killing two officers."
    assert _event_date(text, "2022-04-10") == "2022-03-15"


def test_a_month_midpoint_is_never_after_publication():
    text = "In March, militants attacked a police post near Garissa, killing two officers."
    assert _event_date(text, "2022-03-09") == "2022-03-09"


def test_a_recalled_month_keeps_its_first_day():
    r = clashwatch.extract("Militants attacked a police post near Garissa in March 2019, killing two officers.", published="2022-04-10")
    assert [(str(e.event_date), e.background) for e in r.events] == [("2019-03-01", True)]


def test_a_rebel_groups_home_alone_puts_no_point_at_its_capital():
    # al-Shabaab's home is Somalia, but it strikes in the countryside and across borders: a
    # text naming no place and no country says who fought, not where, so no point at
    # Mogadishu; the group's country stays the event's country.
    ev = clashwatch.extract("A roadside bomb blamed on al-Shabaab wounded three travellers on Tuesday.", published="2021-05-04").events[0]
    assert ev.location is None and ev.latitude is None and ev.geo_precision is None
    assert ev.country_code == "SO"
    # a state's forces named by their demonym still place the event in their country
    ev = clashwatch.extract(
        "Kenyan police said a roadside bomb blamed on al-Shabaab wounded three travellers on Tuesday.", published="2021-05-04"
    ).events[0]
    assert (ev.location, ev.country_code) == ("Nairobi", "KE")


def test_civilians_country_comes_before_the_attackers_demonym():
    # Civilians are attacked where they live; gunmen named by another country's demonym
    # crossed the border to attack them: the event is in the victims' country, in its
    # region on the border with the gunmen's (Kajiado faces Tanzania), not at its capital.
    ev = clashwatch.extract(
        "Tanzanian gunmen attacked and killed two Kenyan civilians in a dispute over cattle.", published="2021-05-04"
    ).events[0]
    assert ev.country_code == "KE"
    assert ev.admin1 == "Kajiado" and ev.geo_precision == 3


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # the gunman named by a later cue ('the gunman was arrested') is the attacker, not an
        # armed target of the killing: an Attack on a civilian (ACLED codebook, 'Attack')
        ("On 3 May, a court clerk was shot dead by a gunman in Alpha town. The gunman was arrested later.", "Attack"),
        # members of a gang or bandits killed by the police are an armed side (ACLED codebook,
        # 'Armed clash': state forces against armed groups)
        ("On 3 May, police shot dead two gang members in Alpha town.", "Armed clash"),
        ("On 3 May, soldiers killed four bandits near Beta village.", "Armed clash"),
        # what the victim is said to be names the target, also when the passive cue has no
        # subject of its own (an attack on an armed group's member is a clash)
        ("A man thought to be a member of the Allied Democratic Forces was shot dead by soldiers near Beni on Monday.", "Armed clash"),
        ("A man said to be a commander of the ADF militia was shot dead by gunmen near Beni on Monday.", "Armed clash"),
        ("On Monday [3 May], a man thought to be a fighter of the Allied Democratic Forces was shot dead by soldiers near Beni.", "Armed clash"),
        ("A woman believed to be a teacher was shot dead by gunmen near Beni on Monday.", "Attack"),
        ("On Monday [3 May], a man thought to be a teacher was shot dead by soldiers near Beni.", "Attack"),
        ("A man believed to be a trader was found and shot dead by gunmen near Beni on Monday.", "Attack"),
    ],
)
def test_who_the_target_of_the_violence_is(text, sub_event_type):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 6)).events if not e.background]
    assert events[0].sub_event_type == sub_event_type


def test_an_event_in_a_town_qualified_by_its_region_is_coded_at_the_town():
    # "the town of X in Y": Y (a county named like its seat town) says where X lies; the
    # event is X's, not the seat town's 100 km away.
    r = clashwatch.extract("Militants seized a truck in the market town of Elwak in Mandera on Monday.", published="2021-05-04")
    main = r.events[0]
    assert (main.location, main.country_code, main.geo_precision) == ("El Wak", "KE", 1)


def test_an_event_placed_only_by_its_region_takes_the_articles_town_inside_it():
    # the event's sentence names only the state; the article's town inside that state is
    # the most specific place the text gives (precision 2), not the state's capital
    r = clashwatch.extract(
        "Gunmen attacked a convoy in Guerrero state on Sunday, killing four soldiers. The convoy had left Iguala in the morning.",
        published="2023-05-09",
    )
    main = r.events[0]
    assert (main.location, main.admin1, main.geo_precision) == ("Iguala de la Independencia", "Guerrero", 2)
    # a town of another state says nothing of where in Guerrero the attack was
    r = clashwatch.extract(
        "Gunmen attacked a convoy in Guerrero state on Sunday, killing four soldiers. The convoy had come from Morelia.",
        published="2023-05-09",
    )
    main = r.events[0]
    assert (main.location, main.geo_precision) == ("Guerrero", 3)


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        # goods taken in an attack on the police or the army are part of an armed clash
        # (ACLED codebook, 'Armed clash'; 'Looting/property destruction' is outside other violence)
        ("On 3 May, an armed gang attacked a police station in Alpha town and stole two rifles.", "Battles", "Armed clash"),
        ("On 3 May, bandits raided an army post near Beta village and looted its armoury.", "Battles", "Armed clash"),
        # with no armed side attacked and no one hurt, it stays property destruction
        ("On 3 May, an armed gang attacked a school in Alpha town and stole two computers.", "Strategic developments", "Looting/property destruction"),
    ],
)
def test_looting_in_an_attack_on_armed_forces_is_a_clash(text, event_type, sub_event_type):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 6)).events if not e.background]
    assert (events[0].event_type, events[0].sub_event_type) == (event_type, sub_event_type)


# control taken with no fighting, shelling or harm told is a non-violent transfer; won through
# fighting it stays a battle (ACLED codebook, 'Non-violent transfer of territory', 'Non-state
# actor overtakes territory', 'Government regains territory')
@pytest.mark.parametrize(
    "text, expected",
    [
        ("On Monday, jihadist fighters took control of the village of Kerno and hoisted their black flag over the school.", "Non-violent transfer of territory"),
        ("On Tuesday, government troops took control of the town of Dalbo, which the rebels had left the week before.", "Non-violent transfer of territory"),
        ("On Monday, jihadist fighters took control of the village of Kerno after heavy fighting with the army that killed six soldiers.", "Non-state actor overtakes territory"),
        ("On Tuesday, government troops took control of the town of Dalbo after a gun battle in which four rebels were killed.", "Government regains territory"),
    ],
)
def test_control_taken_with_no_violence_told_is_a_non_violent_transfer(pipeline, text, expected):
    events = assemble_on(pipeline, text, dt.date(2024, 3, 6)).events
    assert events and events[0].sub_event_type == expected, text


# a crowd whose violence is aimed at civilians attacks them (ACLED codebook, 'Attack'); a crowd
# punishing a suspect, brawling or beating a named person stays mob violence ('Mob violence')
@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("On Sunday a group of traders attacked civilians at the cattle market of Tolo, wounding three.", "Attack"),
        ("On Sunday a crowd of youths assaulted civilians near the bus station of Tolo.", "Attack"),
        ("On Sunday a group of traders attacked a herder at the cattle market of Tolo, wounding him.", "Mob violence"),
        ("On Sunday a group of youths beat a suspected thief to death in Tolo.", "Mob violence"),
    ],
)
def test_a_crowd_attacking_civilians_is_an_attack(text, sub_event_type):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 8)).events if not e.background]
    assert events and events[0].sub_event_type == sub_event_type, text


# civilians named as the cue's own object are the target; an armed word further down the
# phrase only tells about them (ACLED codebook, 'Attack'); with no civilians named it still
# makes an armed target ('Armed clash')
@pytest.mark.parametrize(
    "text, event_type",
    [
        ("On Monday militants killed two civilians and a relative of a soldier in Tolo.", "Violence against civilians"),
        ("Gunmen shot a civilian carrying supplies to an army post near Tolo on Monday.", "Violence against civilians"),
        ("On Monday militants killed a relative of a soldier in Tolo.", "Battles"),
        ("On Monday militants killed two soldiers guarding a convoy near Tolo.", "Battles"),
    ],
)
def test_civilians_named_as_the_object_are_the_target(text, event_type):
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 8)).events if not e.background]
    assert events and events[0].event_type == event_type, text


# a clash whose toll is told in the next sentence is corroborated by it (ACLED codebook,
# 'Armed clash'); a clash with no conflict context before or after it makes no event
def test_a_clash_is_corroborated_by_the_toll_told_next():
    text = "On Monday clashes erupted in the hills near Tolo. One elderly man was killed and eight people were injured."
    events = [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 9)).events if not e.background]
    assert events and (events[0].event_type, events[0].text) == ("Battles", "clashes")


def test_a_clash_with_no_conflict_context_after_it_is_no_event():
    text = "The two teams clashed in the cup final on Sunday. The coach praised his young players afterwards."
    assert not [e for e in clashwatch.extract(text, published=dt.date(2023, 5, 9)).events if not e.background]


def test_an_event_told_by_its_bearing_from_a_town_is_placed_at_that_town():
    # an unnamed farm "south of X": ACLED codes it at X, before the region the sentence
    # ends on
    r = clashwatch.extract(
        "Militants shelled a farm south of Tall Abyad in the northern countryside of Raqqa on Sunday, wounding two shepherds.",
        published="2023-05-09",
    )
    assert r.events[0].location == "Tall Abyaḑ"


def test_a_named_place_with_a_bearing_from_a_town_keeps_its_own_name():
    # "Y district west of X": Y itself is named, and the event is there, not at X
    r = clashwatch.extract(
        "Two air raids hit Majzar district west of Marib city on Sunday, killing three fighters.",
        published="2023-05-09",
    )
    assert r.events[0].location == "Majzar"


def test_a_region_named_as_where_it_happened_beats_a_town_named_as_where_someone_came_from():
    text = "On 4 May 2021, gunmen abducted a trader in Abyan governorate as he was returning from Aden to his village."
    ev = clashwatch.extract(text, published="2021-05-06").events[0]
    assert (ev.location, ev.country_code, ev.geo_precision) == ("Abyan", "YE", 3)


def test_a_town_named_as_where_it_happened_beats_a_town_someone_came_from():
    text = "On 4 May 2021, gunmen abducted a trader in Zinjibar as he was returning from Aden to his village."
    ev = clashwatch.extract(text, published="2021-05-06").events[0]
    assert ev.location == "Zinjibār"


def test_a_town_someone_came_from_places_the_event_when_nothing_else_does():
    text = "On 4 May 2021, gunmen abducted a trader as he was returning from Aden to his village."
    ev = clashwatch.extract(text, published="2021-05-06").events[0]
    assert ev.location == "Aden"


def test_citizens_protesting_are_placed_in_their_country():
    result = clashwatch.extract("Hundreds of Kenyan citizens protested against the new tax on Monday.", published="2024-03-05")
    current = [e for e in result.events if not e.background]
    assert current and current[0].country == "Kenya"
