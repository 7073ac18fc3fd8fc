"""Invented news content for the web, feed and WARC ingest tests: articles, pages, feeds.

Everything here is generated (no copied text) and deterministic for a seed:

    from support.newsfixtures import (BOILERPLATE_MARKERS, article_page, atom_feed, huge_page,
                              invalid_xml_feed, news_articles, non_english_page, rss_feed, warc_file)

    articles = news_articles(20, seed=1)          # dicts: slug, title, text, published, author
    html = article_page(articles[0], layout=2)    # a full page with nav, cookie banner, sidebar...
    bare = article_page(articles[0], with_date=False)   # no date anywhere in the page
    feed = rss_feed(articles, "http://127.0.0.1:8000", full_content=True)
    info = warc_file(tmp_path / "crawl.warc.gz", "https://frontline-wire.example",
                     n_html=5, n_other=5, n_broken=6)
    info["html_urls"]                             # the responses a correct reader ingests

Articles are wire-style conflict reports: a violent event in a real town and country, a
weekday ("on Tuesday"), an attributed toll ("at least 12 people were killed, police
said") and named actors. Their texts never hold a calendar date, so the only dates in a
page are the ones ``article_page`` puts in its metadata and byline. Every boilerplate
block avoids casualty words, and ``BOILERPLATE_MARKERS`` are phrases found in the
boilerplate of every layout and never in an article.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
import re
import struct
import uuid
import zlib
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path

SITE = "Frontline Wire"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# town, country, opposing actor, state forces, police, event kinds, background sentences
PLACES = (
    ("Mandera", "Kenya", "al-Shabaab", "Kenyan troops", "Kenyan police", "attack ambush bombing clash",
     ("Mandera sits where the borders of Kenya, Somalia and Ethiopia meet, and its roads have long been exposed to raids launched from across the frontier.",
      "Local leaders in Mandera have repeatedly asked the government for more patrols, saying quarry workers and teachers from other parts of Kenya were singled out in earlier raids.")),
    ("Garissa", "Kenya", "al-Shabaab", "Kenyan security forces", "Kenyan police", "attack bombing protest",
     ("Garissa, the main town of Kenya's north-east, hosts a large university campus and lies on the road to the Dadaab refugee camps.",
      "Residents of Garissa say the town has grown more tense as the militants expanded their operations along the Somali border.")),
    ("Beledweyne", "Somalia", "al-Shabaab", "Somali government forces", "Somali police", "attack bombing clash shelling",
     ("Beledweyne, on the Shabelle river in central Somalia, has been a staging point for government offensives backed by clan militias.",
      "Floods and fighting have pushed thousands of families from the villages around Beledweyne into makeshift camps on the edge of town.")),
    ("Baidoa", "Somalia", "al-Shabaab", "Somali government forces", "Somali police", "shelling bombing attack",
     ("Baidoa is the interim seat of South West State and shelters tens of thousands of people displaced by drought and war.",
      "The militants control much of the countryside around Baidoa and regularly fire mortars at the airport and government compounds.")),
    ("Maiduguri", "Nigeria", "ISWAP", "Nigerian soldiers", "Borno state police", "bombing attack ambush",
     ("Maiduguri, the capital of Borno state, was the birthplace of the Boko Haram insurgency and now hosts camps for people who fled the surrounding countryside.",
      "ISWAP split from Boko Haram and has become the dominant jihadist force around Lake Chad, taxing fishermen and farmers.")),
    ("Damboa", "Nigeria", "Boko Haram", "Nigerian soldiers", "Borno state police", "ambush attack clash",
     ("Damboa lies on the road between Maiduguri and the Sambisa forest, a route traders say they travel only in military convoys.",
      "Farmers around Damboa have been unable to reach their fields for several seasons because of kidnappings on the roads.")),
    ("Goma", "DR Congo", "M23 rebels", "Congolese army troops", "Congolese police", "shelling clash protest",
     ("Goma, a city of more than a million people on the shore of Lake Kivu, has been almost encircled by M23 positions for months.",
      "Congo accuses neighbouring Rwanda of arming and commanding the M23, a charge Kigali denies.")),
    ("Beni", "DR Congo", "ADF fighters", "Congolese army troops", "Congolese police", "attack ambush protest",
     ("Beni and its surrounding territory have suffered years of raids blamed on the ADF, a group that began in Uganda and later pledged allegiance to the Islamic State.",
      "Residents of Beni have staged repeated demonstrations accusing the army and United Nations peacekeepers of failing to protect them.")),
    ("Batken", "Kyrgyzstan", "Tajik border troops", "Kyrgyz border guards", "Kyrgyz police", "clash shelling",
     ("The Batken region is cut through by a poorly marked border with Tajikistan, and disputes over water and pasture have often escalated into exchanges of fire.",
      "Kyrgyzstan and Tajikistan have held many rounds of talks on demarcating their frontier, but roughly a third of it remains disputed.")),
    ("Kidal", "Mali", "JNIM fighters", "Malian troops", "Malian gendarmes", "air strike clash bombing",
     ("Kidal, a desert town in northern Mali, was held by Tuareg-led rebels for years before the army and its Russian allies took it back.",
      "Drone strikes have become a regular feature of the war around Kidal, and rebel groups accuse the army of hitting civilian gatherings.")),
    ("Gao", "Mali", "Islamic State Sahel", "Malian troops", "Malian gendarmes", "attack bombing shelling",
     ("Gao, on the Niger river, is the largest town in northern Mali and a hub for trucks heading into the Sahara.",
      "The departure of United Nations peacekeepers left the army alone to secure Gao and the roads leading out of it.")),
    ("Djibo", "Burkina Faso", "JNIM", "Burkinabe soldiers", "Burkinabe police", "attack ambush",
     ("Djibo has been under a blockade by jihadist fighters for a long time, and supplies arrive mainly by air or under armed escort.",
      "Volunteers recruited to fight alongside the army around Djibo have themselves been accused of abuses against herders.")),
    ("Diffa", "Niger", "Boko Haram", "Nigerien soldiers", "Nigerien police", "attack clash",
     ("Diffa, near the border with Nigeria and the Lake Chad basin, hosts thousands of refugees who fled the insurgency across the frontier.",
      "Pepper growers along the Komadougou river near Diffa say they have abandoned their plots after repeated raids.")),
    ("Tal Afar", "Iraq", "Islamic State", "Iraqi security forces", "Iraqi police", "bombing ambush attack",
     ("Tal Afar, west of Mosul, was among the last towns in Nineveh province retaken from the Islamic State, and cells remain active in the desert around it.",
      "Tal Afar's mixed population of Turkmen Sunnis and Shias has made it a frequent target of sectarian attacks.")),
    ("Kirkuk", "Iraq", "Islamic State", "Iraqi security forces", "Kirkuk police", "bombing protest",
     ("Kirkuk, an oil-rich city claimed by both the federal government and the Kurdish regional authorities, has a long history of bombings in its markets.",
      "Arab, Kurdish and Turkmen parties in Kirkuk have clashed for years over control of the provincial council.")),
    ("Idlib", "Syria", "Hayat Tahrir al-Sham", "Syrian government forces", "local police", "air strike shelling clash",
     ("Idlib province, in Syria's north-west, is home to millions of people, many of them displaced several times by the war.",
      "Hayat Tahrir al-Sham runs much of Idlib through a civilian administration it set up after pushing out rival factions.")),
    ("Deir ez-Zor", "Syria", "tribal fighters", "the Syrian Democratic Forces", "local security forces", "clash bombing ambush",
     ("Deir ez-Zor is split along the Euphrates, with the Kurdish-led SDF east of the river and government troops and allied militias to the west.",
      "Arab tribes in Deir ez-Zor have accused the SDF of excluding them from the local administration and from oil revenue.")),
    ("El Fasher", "Sudan", "the Rapid Support Forces", "the Sudanese army", "Sudanese police", "shelling air strike attack",
     ("El Fasher is the last major city in Darfur still held by the army, and aid groups say hundreds of thousands of displaced people have sheltered there.",
      "The siege of El Fasher has cut the city off from most food deliveries, and doctors say hospitals are running out of supplies.")),
    ("Nyala", "Sudan", "the Rapid Support Forces", "the Sudanese army", "Sudanese police", "air strike clash",
     ("Nyala, the capital of South Darfur, fell to the RSF after weeks of fighting and has since been a target of army air raids.",
      "Markets in Nyala have reopened only partly, and traders say goods now arrive by long desert routes from the west.")),
    ("Taiz", "Yemen", "Houthi fighters", "Yemeni government forces", "Yemeni police", "shelling clash attack",
     ("Taiz, Yemen's third-largest city, has been divided by front lines for years, with Houthi fighters holding the hills above the city centre.",
      "Snipers on the heights overlooking Taiz have made crossing some streets a daily gamble for residents.")),
    ("Marib", "Yemen", "Houthi fighters", "Yemeni government forces", "Yemeni police", "shelling clash",
     ("Marib, an oil and gas hub east of the capital, is the government's last stronghold in the north and shelters a large displaced population.",
      "Camps for displaced families around Marib have been hit several times as front lines shifted through the desert.")),
    ("Sittwe", "Myanmar", "the Arakan Army", "the Myanmar military", "Myanmar police", "air strike shelling clash",
     ("Sittwe, the capital of Rakhine state, has been cut off by road since the Arakan Army took control of much of the surrounding countryside.",
      "Rohingya residents of camps near Sittwe say they are caught between the military and the Arakan Army, and face forced recruitment.")),
    ("Myitkyina", "Myanmar", "the Kachin Independence Army", "the Myanmar military", "Myanmar police", "air strike clash",
     ("Myitkyina, the capital of Kachin state, lies near jade mines and border trade routes that both the military and the KIA seek to control.",
      "Churches and schools in Myitkyina have taken in families who fled villages caught in the fighting along the Irrawaddy.")),
    ("Cucuta", "Colombia", "the ELN", "the Colombian army", "Colombian police", "bombing clash attack",
     ("Cucuta is the main crossing point on the border with Venezuela, and armed groups compete there for control of smuggling routes.",
      "Peace talks between the government and the ELN have been suspended and resumed several times, with violence rising in between.")),
    ("Culiacan", "Mexico", "gunmen from a Sinaloa Cartel faction", "Mexican soldiers", "Sinaloa state police", "clash ambush attack",
     ("Culiacan, the capital of Sinaloa state, has seen schools and shops close during waves of violence between rival factions of the Sinaloa Cartel.",
      "Residents of Culiacan describe burned vehicles blocking avenues and gunfire echoing through neighbourhoods at night.")),
    ("Peshawar", "Pakistan", "the Pakistani Taliban", "Pakistani security forces", "Khyber Pakhtunkhwa police", "bombing attack protest",
     ("Peshawar, near the Afghan border, has been hit repeatedly by attacks claimed by the Pakistani Taliban, who often target police stations and checkpoints.",
      "Police officers in Peshawar have protested over what they call a lack of equipment to face better-armed militants.")),
    ("Quetta", "Pakistan", "separatist militants", "Pakistani security forces", "Balochistan police", "bombing attack",
     ("Quetta, the capital of Balochistan province, has seen frequent attacks by separatists who accuse the state of exploiting the region's gas and minerals.",
      "Workers from other provinces employed on road and mining projects around Quetta have been targeted by separatist gunmen.")),
    ("Sukma", "India", "Maoist rebels", "Indian paramilitary forces", "Chhattisgarh police", "ambush clash bombing",
     ("Sukma, in the forested south of Chhattisgarh state, is at the heart of a decades-old Maoist insurgency.",
      "The government has built new camps and roads around Sukma, which the rebels say are meant to open the forest to mining companies.")),
    ("Bamenda", "Cameroon", "Ambazonian separatists", "Cameroonian soldiers", "Cameroonian police", "attack clash protest",
     ("Bamenda is the largest city in Cameroon's English-speaking North-West region, where separatists have fought government troops for years.",
      "Separatist fighters around Bamenda enforce weekly lockdowns, and parents say many children have not attended school for years.")),
    ("Gondar", "Ethiopia", "Fano militia fighters", "the Ethiopian army", "Amhara regional police", "clash air strike protest",
     ("Gondar, a historic city in the Amhara region, has been under a state of emergency since fighting broke out between the federal army and Fano, a regional militia.",
      "Internet access in Gondar has been restricted for long periods, making casualty figures difficult to verify.")),
    ("Port-au-Prince", "Haiti", "armed gangs", "Haitian police", "Haitian police", "clash attack protest",
     ("Gangs control most of Port-au-Prince and the roads out of the capital, and hospitals have repeatedly closed because staff cannot reach them.",
      "A foreign-led security mission has deployed to Port-au-Prince, but residents say gangs still move freely in many districts.")),
    ("Nairobi", "Kenya", "protesters", "Kenyan security forces", "Kenyan police", "protest",
     ("Nairobi has seen repeated demonstrations against tax increases, led largely by young people organising on social media.",
      "Rights groups in Nairobi have documented dozens of abductions of activists in the weeks around the protests.")),
)

TARGETS = {
    "attack": ("livestock market", "bus station", "police post", "camp for displaced people", "village market", "hotel"),
    "bombing": ("bus station", "crowded market", "checkpoint", "tea shop", "football ground", "mosque entrance"),
    "air strike": ("market", "residential compound", "fuel station", "weekly market", "school building"),
}

TITLES = {
    "clash": ("Fighting between {group} and troops near {town} leaves {k} dead",
              "{Group} clash with {forces} in {country}'s {town}, {k} killed"),
    "attack": ("Gunmen kill {k} in attack on {target} in {town}",
               "{Group} attack on {town} {target} kills at least {k}"),
    "shelling": ("Shelling of {town} kills {k}, officials say",
                 "{k} civilians killed as shells hit {town} neighbourhood"),
    "air strike": ("Air strike near {town} kills {k}",
                   "{k} killed in air strike on {country} town of {town}"),
    "ambush": ("{k} soldiers killed in ambush near {town}",
               "Convoy ambushed on road outside {town}, {k} dead"),
    "protest": ("Protest in {town} turns violent, {k} dead",
                "Police fire on protesters in {town}, killing {k}"),
    "bombing": ("Bomb kills {k} at {target} in {town}",
                "Explosion in {country}'s {town} kills at least {k}"),
}

LEADS = {
    "clash": (
        "At least {k} people were killed on {day} when {group} clashed with {forces} on the outskirts of {town}, in {country}, {src}.",
        "Heavy fighting broke out on {day} between {forces} and {group} near {town}, {country}, leaving at least {k} people dead and {w} wounded, {src}.",
        "{Forces} and {group} fought for several hours on {day} around {town}, in one of the deadliest clashes in {country} in recent weeks, and at least {k} people were killed, {src}.",
    ),
    "attack": (
        "Gunmen believed to belong to {group} killed at least {k} people in an attack on a {target} in {town}, {country}, on {day}, {src}.",
        "At least {k} people were killed and {w} wounded on {day} when {group} stormed a {target} in {town}, in {country}, {src}.",
        "{Group} claimed an attack on a {target} in {town}, {country}, on {day} that killed at least {k} people, {src}.",
    ),
    "shelling": (
        "Shells fired by {group} struck residential areas of {town}, in {country}, on {day}, killing at least {k} civilians, {src}.",
        "At least {k} people, including children, were killed on {day} when mortar rounds fired by {group} landed on a crowded neighbourhood of {town}, {country}, {src}.",
        "{Forces} accused {group} of shelling {town} on {day}, an attack that killed at least {k} people and wounded {w} in the {country} town, {src}.",
    ),
    "air strike": (
        "An air strike on {town}, in {country}, killed at least {k} people on {day}, {src}, in an attack residents blamed on {forces}.",
        "At least {k} people were killed on {day} when warplanes bombed a {target} in {town}, {country}, {src}.",
        "{Forces} said they struck positions held by {group} near {town} on {day}, but at least {k} of the people killed were civilians, {src}.",
    ),
    "ambush": (
        "At least {k} soldiers were killed on {day} when {group} ambushed a military convoy on the road outside {town}, in {country}, {src}.",
        "{Group} attacked a convoy of {forces} near {town}, {country}, on {day}, killing at least {k} people, {src}.",
        "A patrol was ambushed near {town}, {country}, on {day}, and at least {k} members of the security forces were killed and {w} wounded, {src}.",
    ),
    "protest": (
        "At least {k} people were killed in {town}, {country}, on {day} when {police} opened fire on protesters, {src}.",
        "A protest in {town}, {country}, turned violent on {day} as demonstrators clashed with {police}, leaving at least {k} people dead, {src}.",
        "Security forces used tear gas and live ammunition to break up a demonstration in {town}, {country}, on {day}, and at least {k} protesters were killed, {src}.",
    ),
    "bombing": (
        "A bomb exploded at a {target} in {town}, {country}, on {day}, killing at least {k} people, {src}, and officials blamed {group}.",
        "At least {k} people were killed and {w} wounded on {day} when a suicide bomber struck a {target} in {town}, in {country}, {src}.",
        "A roadside bomb hit a minibus near {town}, {country}, on {day}, killing at least {k} passengers, {src}.",
    ),
}

DETAILS = {  # each entry stands on its own: any subset, in pool order, reads well
    "clash": (
        "Residents said the fighting began before dawn, when a column of pickup trucks approached an army position on the road into {town}.",
        "Gunfire and explosions could be heard until mid-morning, and several homes near the front were set on fire.",
        "A trader who fled with his family said fighters moved through the eastern neighbourhoods on foot, exchanging fire with soldiers from rooftops. “We lay on the floor for hours and prayed,” he said by telephone, asking not to be named for his safety.",
        "The fighting centred on a bridge and a fuel depot that both sides have tried to control for months.",
        "Soldiers retook the depot by the afternoon, according to a security source, but the bridge was still contested at nightfall.",
        "A teacher said her school had been turned into a firing position and that the pupils had been sent home as the first shots rang out.",
        "Both sides claimed to have inflicted heavy losses on the other, and neither account could be independently verified.",
        "Drivers stranded at a checkpoint outside {town} said they had spent the night in their lorries as tracer fire lit up the sky.",
        "By evening the shooting had moved north, towards a cluster of farms and a telecommunications mast on a ridge.",
    ),
    "attack": (
        "Witnesses said the attackers arrived on motorcycles around midday, opened fire on people gathered at the {target} and set fire to stalls and vehicles.",
        "The assault lasted less than an hour before the gunmen withdrew towards the surrounding countryside.",
        "Survivors described men in mixed uniforms going from building to building, and said the few officers on duty were quickly overwhelmed.",
        "Security forces arrived after the attackers had left, a local councillor said, and began searching the area with the help of volunteers.",
        "Several people were abducted during the raid, relatives said, including two teachers and a nurse.",
        "It was the third attack on the {target} in recent months, according to traders, who said they had asked for a permanent guard.",
        "A boy who hid in a storeroom said he heard the gunmen calling out names from a list before the shooting started.",
        "The attackers also stole cattle and sacks of grain, and burned a pharmacy on their way out, a community leader said.",
        "Telephone lines to the area were down for several hours, delaying news of the attack.",
    ),
    "shelling": (
        "One shell hit the courtyard of a school that had been turned into a shelter for displaced families, aid workers said.",
        "Another round destroyed part of a water point used by several thousand people.",
        "Residents said the bombardment came in waves for about two hours, forcing families to shelter in basements and under stairwells.",
        "Ambulances were unable to reach some streets until the firing stopped.",
        "{Group} denied targeting civilians and said it had fired at military positions.",
        "Journalists who reached the area saw craters in a market square and damaged houses far from any army post.",
        "A baker said the first shell landed as customers were queuing for bread, scattering the crowd into side streets.",
        "Engineers from the electricity company said a substation had been hit, leaving much of {town} without power.",
        "Children were among those hurt, a nurse said, several of them with injuries from flying glass.",
    ),
    "air strike": (
        "Footage shared by residents showed a collapsed two-storey building and people digging through the rubble with their hands.",
        "Rescuers said more victims could still be trapped under the debris.",
        "Witnesses said they heard a jet circling for several minutes before two explosions shook the area.",
        "The strike landed close to a clinic, which stopped receiving patients for the rest of the day.",
        "The military said the target was a meeting of {group} commanders and that it had taken precautions to spare civilians.",
        "Rights groups called for an independent investigation into the strike.",
        "A farmer said he had been unloading vegetables when the blast threw him to the ground and set his cart alight.",
        "Volunteers used a loudspeaker to call for blood donors, and a mosque nearby was opened to shelter families whose homes were destroyed.",
        "It was the second strike on the area in a week, residents said, and many families had begun sleeping in the fields.",
    ),
    "ambush": (
        "The convoy was escorting supply trucks when a roadside bomb disabled the lead vehicle, a security source said.",
        "Fighters hidden along the road then opened fire with machine guns and rocket-propelled grenades.",
        "Two vehicles were burned and several weapons were taken, according to an officer who was not authorised to speak to the press.",
        "Reinforcements were flown in by helicopter, and the army said it had pursued the attackers.",
        "The road had been reopened only recently after engineers cleared it of mines.",
        "{Group} said in a message on social media that its fighters had seized ammunition and a radio set.",
        "The soldiers had stopped to repair a puncture in a dry riverbed when the shooting began, a survivor told relatives.",
        "Villagers said they had seen armed men gathering in the scrub the evening before and had warned a nearby post.",
        "The army suspended traffic on the route and ordered drivers to turn back to {town}.",
    ),
    "protest": (
        "The demonstrators had gathered outside the governor's office to protest against rising fuel prices and the arrest of a local activist.",
        "Some threw stones and set tyres alight, and police responded with tear gas before shots were heard.",
        "Videos posted online showed officers chasing young men through a market and beating them with batons.",
        "Several shops were looted after dark, and a curfew was imposed from eight in the evening.",
        "Organisers said the march had been peaceful until officers tried to disperse the crowd.",
        "{Police} said officers had come under attack and acted in self-defence, and that {w} of them were injured.",
        "A student leader said more than a hundred people had been arrested and were being held without access to lawyers.",
        "Motorcycle taxi drivers, who led much of the march, blocked the main roundabout with their bikes.",
        "Journalists covering the demonstration said officers had seized their phones and deleted footage.",
    ),
    "bombing": (
        "The blast tore through the crowd at the busiest time of the day, a witness said, and shattered windows several streets away.",
        "Police sealed off the area and searched for a second device after reports of a suspicious package.",
        "Bomb disposal experts later carried out a controlled explosion near the {target}.",
        "{Group} has carried out similar attacks in the area, using explosives hidden in vehicles or buried under the road, analysts say.",
        "Relatives gathered outside the morgue through the night, waiting for news of the missing.",
        "The explosion left a crater about two metres wide, and the charred frames of motorbikes lay scattered across the road.",
        "A fruit seller said she had noticed a man leave a bag beside a pillar minutes before the explosion.",
        "Investigators collected fragments of what they believed was a timer, a police source said.",
        "Security at checkpoints into {town} was tightened, and vehicles were searched one by one, causing long queues.",
    ),
}

CASUALTIES = (
    "A doctor at the main hospital in {town} said {w} wounded people had been brought in, several of them in critical condition.",
    "The hospital appealed for blood donations and asked off-duty staff to return to work.",
    "According to {agency}, the dead included {civ} civilians and {sold} members of the security forces.",
    "The toll could rise, as several people were still missing late in the day.",
    "Officials gave differing figures: a local administrator put the death toll at {k_hi}, while the authorities in the capital said {k} people had died.",
    "Medical workers said {w} people were being treated for gunshot and shrapnel wounds, and that the most serious cases would be flown out.",
)
REACTIONS = (  # one is a paragraph
    "“The attackers will be hunted down and brought to justice,” {role} {official} said in a statement, urging residents to stay calm.",
    "{official}, the {role}, told reporters that reinforcements had been deployed and that a curfew would stay in place until further notice.",
    "The United Nations condemned the violence and called on all sides to protect civilians. “Those responsible must be held accountable,” a spokesperson said.",
    "“We have buried our neighbours and we are afraid of what comes next,” said a resident of {town} who gave only her first name, {first}.",
    "Opposition politicians accused the government of ignoring repeated warnings about the deteriorating security situation, and called for an inquiry.",
    "{official}, the {role}, said the security forces had been caught by surprise. “We did not expect them to come in such numbers,” {official} said.",
)
AFTERMATHS = (
    "Hundreds of families fled {town} after the violence, according to aid agencies, many heading to camps on the edge of neighbouring towns.",
    "Schools and markets in {town} stayed closed the following day, and mobile phone networks were cut in parts of the area, residents said.",
    "Aid groups warned that the violence would worsen a humanitarian situation already strained by food shortages.",
    "Traders said the prices of flour and fuel had doubled since the roads around {town} became unsafe.",
    "Funerals were held on the following morning, attended by hundreds of mourners under heavy security.",
    "Local radio stations broadcast appeals for calm, and religious leaders called for an end to reprisals.",
)
SOURCES = (
    "police said", "a local official told Reuters", "according to AFP", "hospital sources said",
    "the army said", "residents told the Associated Press", "a security source told AFP", "local authorities said",
)
AGENCIES = ("Reuters", "AFP", "the Associated Press", "a local rights group", "the United Nations")
ROLES = ("district commissioner", "regional governor", "army spokesman", "police commander", "local administrator", "county security chief")
OFFICIALS = (
    "Abdi Warsame", "Hassan Abdullahi", "Moussa Diarra", "Fatima Bello", "Ali Kareem Jasim", "Samuel Okonkwo",
    "Aung Kyaw Min", "Carlos Restrepo", "Imran Khattak", "Ravi Shankar Netam", "Marie Kahindo", "Tesfaye Alemu",
    "Nurlan Sadykov", "Jean-Robert Pierre", "Ibrahim Sani", "Omar Haddad", "Bakary Sidibe", "Peter Mwangi",
)
FIRST_NAMES = ("Amina", "Halima", "Esther", "Mariam", "Aisha", "Grace", "Nour", "Khadija", "Rosa", "Thida")
AUTHORS = (
    "Grace Achieng", "Tom Whitfield", "Nadia Rahman", "Lucas Ferreira", "Hannah Cole", "Peter Lindqvist",
    "Sara Mendez", "Kofi Mensah", "Leila Haddad", "Jonas Weber", "Ruth Kamau", "Elif Demir",
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentences(rng: random.Random, pool: tuple[str, ...], n: int) -> list[str]:
    """``n`` sentences of ``pool`` in their pool order, so that quotes and follow-ups stay after what they follow."""
    picks = sorted(rng.sample(range(len(pool)), n))
    return [pool[i] for i in picks]


def _article(rng: random.Random, place: tuple, kind: str, published: dt.date) -> dict:
    town, country, group, forces, police, _kinds, background = place
    k = rng.randint(3, 48)
    civ = rng.randint(1, k - 1)
    event_day = published - dt.timedelta(days=rng.randint(0, 2))
    ctx = {
        "town": town, "country": country, "group": group, "Group": _cap(group), "forces": forces,
        "Forces": _cap(forces), "police": police, "Police": _cap(police), "day": WEEKDAYS[event_day.weekday()],
        "k": k, "w": rng.randint(2, 3 * k), "civ": civ, "sold": k - civ, "k_hi": k + rng.randint(3, 12),
        "target": rng.choice(TARGETS.get(kind, ("market",))), "src": rng.choice(SOURCES),
        "agency": rng.choice(AGENCIES), "role": rng.choice(ROLES), "official": rng.choice(OFFICIALS),
        "first": rng.choice(FIRST_NAMES),
    }
    details = _sentences(rng, DETAILS[kind], 4)
    extras = [
        " ".join(_sentences(rng, CASUALTIES, 2)),
        rng.choice(REACTIONS),
        " ".join(rng.sample(background, rng.randint(1, 2))),
        " ".join(_sentences(rng, AFTERMATHS, 2)),
        " ".join(details[2:]),
    ]
    rng.shuffle(extras)
    paragraphs = [rng.choice(LEADS[kind]), " ".join(details[:2]), *extras[: rng.randint(1, 4)]]
    while _words(paragraphs, ctx) < 120:
        paragraphs.append(extras[len(paragraphs) - 2])
    while _words(paragraphs, ctx) > 400:
        paragraphs.pop()
    return {
        "title": rng.choice(TITLES[kind]).format(**ctx),
        "text": "\n\n".join(_cap(p.format(**ctx)) for p in paragraphs),
        "published": published,
        "author": rng.choice(AUTHORS),
    }


def _words(paragraphs: list[str], ctx: dict) -> int:
    return sum(len(p.format(**ctx).split()) for p in paragraphs)


def news_articles(n: int, seed: int = 0) -> list[dict]:
    """``n`` distinct invented conflict reports, published over 2024 in date order.

    Each is ``{"slug", "title", "text", "published" (date), "author"}``; the text has 3-6
    paragraphs separated by blank lines and 120-400 words. Place and event kind are drawn
    without repetition until all pairs are used, and sentences are drawn per article, so
    no two texts share more than a few sentences.
    """
    rng = random.Random(f"newsfixtures:{seed}")
    pairs = [(place, kind.replace("_", " ")) for place in PLACES for kind in place[5].replace("air strike", "air_strike").split()]
    order: list[tuple] = []
    while len(order) < n:
        batch = pairs[:]
        rng.shuffle(batch)
        order.extend(batch)
    start, days = dt.date(2024, 1, 1), 366
    articles, slugs = [], set()
    for i, (place, kind) in enumerate(order[:n]):
        published = start + dt.timedelta(days=int((i + rng.random()) * days / max(n, 1)))
        article = _article(rng, place, kind, published)
        slug = base = slugify(article["title"])
        suffix = 2
        while slug in slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        slugs.add(slug)
        articles.append({"slug": slug, **article})
    return articles


# --- pages ------------------------------------------------------------------------------

BOILERPLATE_MARKERS = [
    "We use cookies to improve your reading experience",
    "Subscribe to our morning briefing",
    "Frontline Wire Media Group. All rights reserved",
    "Most read",
]

NAV = ("Home", "World", "Politics", "Business", "Analysis", "Opinion", "Video", "Podcasts", "Climate", "Data")
MOST_READ = (
    "Central bank leaves interest rates unchanged",
    "How solar microgrids are changing rural clinics",
    "Late goal settles the cup semi-final",
    "Ten books to read on long train journeys",
    "Coffee prices climb after a poor harvest",
    "Inside the race to build cheaper batteries",
    "Teachers' union accepts new pay offer",
    "Ride-hailing drivers win case over working hours",
    "Museum returns bronze sculptures to their makers",
    "What new trade rules mean for small exporters",
    "Podcast: the economics of mobile money",
    "Scientists map coral reefs with underwater drones",
)
RELATED = (
    "Explainer: how regional peace talks work",
    "Analysis: the long road to a ceasefire",
    "Interview: a mediator on talking to armed groups",
    "Photo essay: life in a border market",
    "Timeline: key moments in the peace process",
    "Opinion: why aid budgets matter",
)
STYLE = """<style>
body{font-family:Georgia,serif;margin:0;color:#222}header.site{background:#111;color:#fff;padding:8px 16px}
nav.main a{color:#eee;margin-right:12px;text-decoration:none}.cookie-consent{position:fixed;bottom:0;background:#ffd}
.sidebar{float:right;width:28%}.story-body p,.article-body p,.story-part p{line-height:1.6}
.related-links{border-left:3px solid #c00;padding-left:8px}.ad-slot{height:90px;background:#eee}
footer.site{clear:both;background:#f3f3f3;padding:16px;font-size:13px}
</style>"""
SCRIPT = """<script>
window.dataLayer = window.dataLayer || [];
function fwTrack(){ dataLayer.push(arguments); }
fwTrack('config', 'FW-4471', { anonymize: true, section: document.body ? document.body.dataset.section : '' });
document.addEventListener('DOMContentLoaded', function () {
  var banner = document.getElementById('cookie-banner');
  var accept = banner && banner.querySelector('button.accept');
  if (accept) accept.addEventListener('click', function () { banner.hidden = true; fwTrack('consent', 'granted'); });
});
</script>"""


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _nav() -> str:
    links = "".join(f'<a href="/{slugify(n) if n != "Home" else ""}">{n}</a>' for n in NAV)
    return f'<header class="site"><a class="logo" href="/">{SITE}</a><nav class="main">{links}</nav></header>'


def _cookie_banner() -> str:
    return ('<div id="cookie-banner" class="cookie-consent" role="dialog"><p>We use cookies to improve your reading '
            'experience and to measure our audience. You can change your choices at any time under Privacy settings.</p>'
            '<button class="accept">Accept all</button><button class="manage">Manage preferences</button></div>')


def _sidebar(rng: random.Random) -> str:
    items = "".join(f'<li><a href="/news/{slugify(h)}">{_esc(h)}</a></li>' for h in rng.sample(MOST_READ, 5))
    return f'<aside class="sidebar most-read"><h2>Most read</h2><ol>{items}</ol></aside>'


def _newsletter() -> str:
    return ('<form class="newsletter" action="/newsletter" method="post"><h3>Subscribe to our morning briefing</h3>'
            '<p>The essential stories, explained before your first coffee. Free, every weekday.</p>'
            '<input type="email" name="email" placeholder="Your email address"><button type="submit">Sign up</button></form>')


def _footer() -> str:
    links = "".join(f'<a href="/{slugify(n)}">{n}</a> ' for n in
                    ("About us", "Contact", "Careers", "Corrections", "Privacy policy", "Terms of use", "Advertise"))
    return (f'<footer class="site"><nav class="footer-links">{links}</nav><p>{SITE} is an independent newsroom '
            f'funded by its readers and partners.</p><p>&copy; {SITE} Media Group. All rights reserved.</p></footer>')


def _related(rng: random.Random) -> str:
    items = "".join(f'<li><a href="/news/{slugify(h)}">{_esc(h)}</a></li>' for h in rng.sample(RELATED, 3))
    return f'<aside class="related-links"><h4>Related coverage</h4><ul>{items}</ul></aside>'


def _timestamp(article: dict) -> str:
    return f"{article['published'].isoformat()}T08:30:00Z"


def _byline(article: dict, with_date: bool) -> str:
    author = _esc(article["author"])
    when = ""
    if with_date:
        d = article["published"]
        when = f' &middot; <time datetime="{_timestamp(article)}">{d.strftime("%B")} {d.day}, {d.year}</time>'
    return f'<div class="byline">By <a rel="author" href="/authors/{slugify(article["author"])}">{author}</a>{when}</div>'


def _body(article: dict, layout: int, rng: random.Random, byline: str) -> str:
    paragraphs = [f"<p>{_esc(p)}</p>" for p in article["text"].split("\n\n")]
    title = f"<h1>{_esc(article['title'])}</h1>"
    if layout == 0:
        return (f'<main><article class="story"><header>{title}{byline}</header>'
                f'<div class="article-body">{"".join(paragraphs)}</div></article></main>')
    if layout == 1:
        return (f'<div id="content"><div class="headline-block">{title}{byline}</div>'
                f'<div class="story-body">{"".join(paragraphs)}</div></div>')
    parts = []
    for i in range(0, len(paragraphs), 2):
        parts.append(f'<div class="story-part">{"".join(paragraphs[i:i + 2])}</div>')
        if i + 2 < len(paragraphs):
            parts.append(_related(rng) if i % 4 == 0 else '<div class="ad-slot" aria-hidden="true">Advertisement</div>')
    return f'<main class="page"><div class="headline-block">{title}{byline}</div>{"".join(parts)}{_related(rng)}</main>'


def render_page(article: dict, *, with_date: bool = True, layout: int = 0, canonical: str | None = None,
                lang: str = "en", charset: str = "utf-8", comments: str = "") -> str:
    """``article_page`` with the page language, the declared charset and optional markup
    inserted before the footer (``huge_page`` puts its comment section there)."""
    rng = random.Random(f"page:{article['slug']}:{layout}")
    head = [
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(article['title'])} | {SITE}</title>",
        f'<meta property="og:title" content="{_esc(article["title"])}">',
        f'<meta property="og:site_name" content="{SITE}">',
        '<meta property="og:type" content="article">',
        f'<meta name="author" content="{_esc(article["author"])}">',
    ]
    if canonical:
        head += [f'<link rel="canonical" href="{_esc(canonical)}">', f'<meta property="og:url" content="{_esc(canonical)}">']
    if with_date:
        head.append(f'<meta property="article:published_time" content="{_timestamp(article)}">')
    body = _body(article, layout % 3, rng, _byline(article, with_date))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(head) + f"\n{STYLE}\n{SCRIPT}\n</head>\n"
            f'<body data-section="world">\n{_cookie_banner()}\n{_nav()}\n<div class="wrap">\n{_sidebar(rng)}\n{body}\n'
            f"{_newsletter()}\n</div>\n{comments}{_footer()}\n</body>\n</html>\n")


def article_page(article: dict, *, with_date: bool = True, layout: int = 0, canonical: str | None = None) -> str:
    """A full HTML5 news page around ``article`` (layout % 3: ``<article>``; a bare
    ``div.story-body``; paragraphs spread over several divs with related links and ads
    between them). With ``with_date=False`` the page holds no date at all."""
    return render_page(article, with_date=with_date, layout=layout, canonical=canonical)


# --- feeds ------------------------------------------------------------------------------

def _item_time(article: dict) -> dt.datetime:
    return dt.datetime.combine(article["published"], dt.time(8, 30), tzinfo=dt.timezone.utc)


def _summary(article: dict) -> str:
    lead = article["text"].split("\n\n")[0]
    return " ".join(re.split(r"(?<=[.!?])\s+", lead)[:2])


def _paragraph_html(article: dict) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article["text"].split("\n\n"))


def rss_feed(items: list[dict], base_url: str, *, title: str = SITE, full_content: bool = False) -> bytes:
    """RSS 2.0 (UTF-8) for articles from ``news_articles``; links are ``{base_url}/news/{slug}``."""
    x = lambda s: html.escape(s, quote=False)  # noqa: E731
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{x(title)}</title><link>{x(base_url)}/</link>",
        f"<description>Conflict and security reporting from {x(title)}</description><language>en</language>",
    ]
    if items:
        out.append(f"<lastBuildDate>{format_datetime(max(_item_time(a) for a in items))}</lastBuildDate>")
    for a in items:
        link = f"{base_url}/news/{a['slug']}"
        out.append(
            f"<item><title>{x(a['title'])}</title><link>{x(link)}</link><guid isPermaLink=\"true\">{x(link)}</guid>"
            f"<pubDate>{format_datetime(_item_time(a))}</pubDate><dc:creator>{x(a['author'])}</dc:creator>"
            f"<description>{x(_summary(a))}</description>"
        )
        if full_content:
            out.append(f"<content:encoded><![CDATA[{_paragraph_html(a)}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>\n")
    return "\n".join(out).encode("utf-8")


def atom_feed(items: list[dict], base_url: str, *, title: str = SITE) -> bytes:
    """Atom 1.0 for articles from ``news_articles``, with the full text as ``<content type="html">``."""
    x = lambda s: html.escape(s, quote=True)  # noqa: E731
    updated = max((_item_time(a) for a in items), default=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{x(title)}</title><id>{x(base_url)}/</id><updated>{updated.isoformat()}</updated>",
        f'<link href="{x(base_url)}/"/><link rel="self" href="{x(base_url)}/feed.atom"/>',
    ]
    for a in items:
        link = f"{base_url}/news/{a['slug']}"
        stamp = _item_time(a).isoformat()
        out.append(
            f'<entry><title>{x(a["title"])}</title><link href="{x(link)}"/><id>{x(link)}</id>'
            f"<published>{stamp}</published><updated>{stamp}</updated><author><name>{x(a['author'])}</name></author>"
            f'<summary>{x(_summary(a))}</summary><content type="html">{x(_paragraph_html(a))}</content></entry>'
        )
    out.append("</feed>\n")
    return "\n".join(out).encode("utf-8")


def invalid_xml_feed() -> bytes:
    """Bytes that start like RSS but are not a feed: an unescaped ``&``, mismatched tags,
    cut off mid-tag. ``feedparser.parse`` reports ``bozo`` and finds no entries."""
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            b"<title>Frontline Wire & Partners</title><description><b>Latest reports</description>"
            b"<link>http://feeds.invalid/</b></link><language>en<lang")


# --- other languages --------------------------------------------------------------------

NON_ENGLISH = {
    "fr": {
        "title": "Au moins quatorze civils tués dans une attaque contre le marché de Ménaka",
        "author": "Claire Dubois",
        "text": (
            "Au moins quatorze civils ont été tués mardi dans une attaque contre le marché hebdomadaire de Ménaka, "
            "dans le nord-est du Mali, selon des sources locales et un responsable de la sécurité joint par téléphone.\n\n"
            "Les assaillants, arrivés à moto en fin de matinée, ont ouvert le feu sur les commerçants et les éleveurs "
            "venus vendre leur bétail, avant d'incendier plusieurs boutiques. « Ils tiraient sur tout ce qui bougeait, "
            "nous avons fui vers la rivière », a raconté un vendeur de céréales qui a requis l'anonymat.\n\n"
            "L'attaque n'a pas été revendiquée, mais les autorités soupçonnent l'État islamique au Sahel, très actif "
            "dans la région depuis le départ des casques bleus. Un élu local a indiqué que vingt blessés avaient été "
            "transportés au centre de santé, dont plusieurs dans un état grave.\n\n"
            "Des centaines de familles ont quitté les villages voisins pour se réfugier en ville, où les organisations "
            "humanitaires peinent déjà à répondre aux besoins en eau, en nourriture et en abris. Les habitants "
            "demandent le renforcement des patrouilles de l'armée sur les routes menant au marché."
        ),
    },
    "es": {
        "title": "Nueve muertos en combates entre el ELN y disidentes de las FARC cerca de Tibú",
        "author": "Andrés Salazar",
        "text": (
            "Al menos nueve personas murieron el jueves en enfrentamientos entre el Ejército de Liberación Nacional "
            "y disidentes de las FARC en zona rural de Tibú, en la región del Catatumbo, en el noreste de Colombia, "
            "según informaron las autoridades locales.\n\n"
            "Los combates comenzaron en la madrugada y se prolongaron durante varias horas en veredas cercanas a la "
            "frontera con Venezuela. Los campesinos de la zona contaron que escucharon explosiones y disparos de fusil "
            "y que muchos tuvieron que esconderse en sus casas sin poder salir a trabajar.\n\n"
            "La Defensoría del Pueblo advirtió que más de doscientas familias se desplazaron hacia el casco urbano del "
            "municipio, donde fueron alojadas en escuelas y en un polideportivo. Entre los fallecidos habría dos "
            "menores de edad, aunque la cifra aún no ha sido confirmada por la fiscalía.\n\n"
            "El gobernador pidió al Gobierno nacional el envío de más tropas y la reanudación urgente de los diálogos "
            "de paz, suspendidos desde hace semanas. Las organizaciones sociales denunciaron además el reclutamiento "
            "forzado de jóvenes por parte de los grupos armados que se disputan las rutas del narcotráfico."
        ),
    },
    "de": {
        "title": "Mindestens 21 Tote bei Luftangriff auf Markt in El Fasher",
        "author": "Katrin Neumann",
        "text": (
            "Bei einem Luftangriff auf einen belebten Markt in der sudanesischen Stadt El Fasher sind am Mittwoch "
            "mindestens 21 Menschen getötet worden. Das teilten örtliche Helfer und ein Arzt des städtischen "
            "Krankenhauses mit, der mehr als fünfzig Verletzte zählte.\n\n"
            "Augenzeugen berichteten, dass am späten Vormittag zwei Explosionen den Markt erschütterten, als dort "
            "besonders viele Menschen Lebensmittel einkauften. Mehrere Verkaufsstände gerieten in Brand, und Anwohner "
            "versuchten stundenlang, Verschüttete mit bloßen Händen aus den Trümmern zu befreien.\n\n"
            "Die paramilitärische Miliz RSF machte die Armee für den Angriff verantwortlich, die Streitkräfte wiesen "
            "die Vorwürfe zurück und sprachen von einem Angriff auf feindliche Stellungen. Unabhängig überprüfen "
            "ließen sich die Angaben zunächst nicht, da die Stadt seit Monaten weitgehend abgeriegelt ist.\n\n"
            "Hilfsorganisationen warnen seit langem vor einer Hungersnot in der Region Darfur. Nach ihren Angaben "
            "haben Hunderttausende Vertriebene in der Stadt Zuflucht gesucht, während die Versorgung mit Wasser, "
            "Medikamenten und Treibstoff immer schwieriger wird. Die Vereinten Nationen forderten alle "
            "Konfliktparteien auf, die Zivilbevölkerung zu schonen und humanitäre Korridore zu öffnen."
        ),
    },
}


def non_english_article(lang: str) -> dict:
    """The invented report in ``lang`` ("fr", "es" or "de") as an article dict."""
    a = NON_ENGLISH[lang]
    return {"slug": slugify(a["title"]), "published": dt.date(2024, 6, 12), **a}


def non_english_page(lang: str) -> str:
    """A news page (same site furniture, in English) whose article body is in ``lang``."""
    return render_page(non_english_article(lang), lang=lang)


# --- huge pages -------------------------------------------------------------------------

COMMENTS = (
    "Thanks for this report, it explains the situation better than anything else I have read.",
    "Does anyone know whether the road to the airport is open again? My cousin is trying to travel.",
    "Good reporting, but I would like to hear more voices from the people who live there.",
    "The map in the previous story was very helpful; please include one next time.",
    "I have shared this with my students, who are studying the region this term.",
    "Why is nobody talking about the aid budget cuts? They matter here too.",
)


def huge_page_chunks(size_bytes: int = 20 * 1024 * 1024, chunk_size: int = 64 * 1024, seed: int = 0) -> Iterator[bytes]:
    """Exactly ``size_bytes`` of one article page whose comment section grows to fill it,
    yielded in chunks of about ``chunk_size`` without building the page in memory."""
    article = news_articles(1, seed=seed)[0]
    head, tail = render_page(article, comments="\x00").encode().split(b"\x00")
    head += b'<section class="comments"><h2>Reader comments</h2>\n'
    tail = b"</section>\n" + tail
    room = size_bytes - len(head) - len(tail)
    if room < 0:
        raise ValueError(f"size_bytes must be at least {len(head) + len(tail)}")
    yield head
    buffer, i = [], 0
    while True:
        block = (f'<div class="comment" id="c{i}"><p class="who">reader{i % 977}</p>'
                 f"<p>{COMMENTS[i % len(COMMENTS)]}</p></div>\n").encode()
        if len(block) > room:
            break
        buffer.append(block)
        room -= len(block)
        i += 1
        if len(buffer) * len(block) >= chunk_size:
            yield b"".join(buffer)
            buffer = []
    buffer.append(b" " * room)
    yield b"".join(buffer)
    yield tail


def huge_page(size_bytes: int = 20 * 1024 * 1024) -> bytes:
    """An article page padded with reader comments to exactly ``size_bytes``."""
    return b"".join(huge_page_chunks(size_bytes))


# --- WARC -------------------------------------------------------------------------------

def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"\x00\xcc\x22\x22")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
OTHER_KINDS = (
    ("static/logo-{i}.png", "image/png", lambda i: _png()),
    ("api/items-{i}.json", "application/json", lambda i: b'{"items": [], "page": %d}' % i),
    ("files/annual-report-{i}.pdf", "application/pdf", lambda i: _PDF),
    ("static/site-{i}.css", "text/css", lambda i: b"body{margin:0}.story-body p{line-height:1.6}"),
    ("static/app-{i}.js", "application/javascript", lambda i: b"console.log('app %d ready');" % i),
)
BROKEN_KINDS = ("404", "500", "redirect", "empty", "garbage", "bad-gzip")


def _error_page(status: int) -> bytes:
    text = "Page not found" if status == 404 else "Something went wrong on our side"
    return f"<!DOCTYPE html><html><head><title>{text}</title></head><body><h1>{text}</h1></body></html>".encode()


def warc_file(path: str | Path, base_url: str, *, n_html: int, n_other: int, n_broken: int, seed: int = 0) -> dict:
    """Write a gzip-per-record WARC of ``n_html + n_other + n_broken`` response records
    (plus a leading warcinfo and a few request records) to ``path``.

    HTML responses are article pages; when ``n_html >= 1`` the first of them is served as
    ``text/html; charset=windows-1252`` with curly quotes as bytes 0x93/0x94 (valid HTML a
    reader must decode; its URL is also under ``"windows_1252_url"``). Others are images,
    JSON, PDF, CSS and JavaScript. Broken ones cycle through 404, 500, a 301 (empty body,
    ``Location`` pointing at an HTML URL of the file when there is one), an empty 200
    page, a 200 page of random bytes, and a 200 page claiming gzip that is not gzip.

    Returns ``{"html_urls", "other_urls", "broken_urls", "articles": {url: article},
    "windows_1252_url", "redirects": {url: target}}``.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(f"warc:{seed}")
    articles = news_articles(n_html, seed=seed)
    specs: list[tuple[str, str, list[tuple[str, str]], bytes]] = []  # url, status line, headers, body
    info: dict = {"html_urls": [], "other_urls": [], "broken_urls": [], "articles": {}, "windows_1252_url": None, "redirects": {}}

    for i, article in enumerate(articles):
        url = f"{base_url}/news/{article['slug']}"
        charset = "windows-1252" if i == 0 else "utf-8"
        if charset == "windows-1252":
            article = {**article, "text": article["text"] + "\n\n“This is the worst we have seen,” a local elder said."}
            info["windows_1252_url"] = url
        body = render_page(article, layout=i, canonical=url, charset=charset).encode(charset)
        assert charset == "utf-8" or (b"\x93" in body and b"\x94" in body)
        specs.append((url, "200 OK", [("Content-Type", f"text/html; charset={charset}")], body))
        info["html_urls"].append(url)
        info["articles"][url] = article

    for i in range(n_other):
        pattern, ctype, make = OTHER_KINDS[i % len(OTHER_KINDS)]
        url = f"{base_url}/{pattern.format(i=i)}"
        specs.append((url, "200 OK", [("Content-Type", ctype)], make(i)))
        info["other_urls"].append(url)

    html_type = ("Content-Type", "text/html; charset=utf-8")
    for i in range(n_broken):
        kind = BROKEN_KINDS[i % len(BROKEN_KINDS)]
        if kind in ("404", "500"):
            status = int(kind)
            url = f"{base_url}/news/{'missing' if status == 404 else 'error'}-{i}"
            spec = (url, f"{status} {'Not Found' if status == 404 else 'Internal Server Error'}", [html_type], _error_page(status))
        elif kind == "redirect":
            url = f"{base_url}/old/story-{i}"
            target = info["html_urls"][i % len(info["html_urls"])] if info["html_urls"] else f"{base_url}/news/moved-{i}"
            info["redirects"][url] = target
            spec = (url, "301 Moved Permanently", [("Location", target), html_type], b"")
        elif kind == "empty":
            url = f"{base_url}/news/blank-{i}"
            spec = (url, "200 OK", [html_type], b"")
        elif kind == "garbage":
            url = f"{base_url}/news/garbled-{i}"
            spec = (url, "200 OK", [html_type], b"\x00\x00" + bytes(rng.getrandbits(8) for _ in range(2048)) + b"\x00" * 16)
        else:
            url = f"{base_url}/news/packed-{i}"
            spec = (url, "200 OK", [html_type, ("Content-Encoding", "gzip")], b"\x1f\x8b\x08\x00" + bytes(rng.getrandbits(8) for _ in range(512)))
        specs.append(spec)
        info["broken_urls"].append(url)

    rng.shuffle(specs)
    stamp = dt.datetime(2024, 12, 1, 10, 0, tzinfo=dt.timezone.utc)

    def warc_headers(n: int) -> dict:
        when = (stamp + dt.timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>", "WARC-Date": when}

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        record = writer.create_warcinfo_record(Path(path).name, {"software": "newsfixtures", "format": "WARC File Format 1.1"})
        record.rec_headers.replace_header("WARC-Record-ID", warc_headers(0)["WARC-Record-ID"])
        writer.write_record(record)
        for n, (url, status, headers, body) in enumerate(specs, start=1):
            if n % 4 == 1:
                target = url[len(base_url):] or "/"
                request = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", base_url.split("://", 1)[-1]), ("User-Agent", "newsfixtures-crawler")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request, warc_headers_dict=warc_headers(n)))
            http = StatusAndHeaders(status, [*headers, ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=warc_headers(n)))
    return info


__all__ = [
    "BOILERPLATE_MARKERS", "article_page", "atom_feed", "huge_page", "huge_page_chunks", "invalid_xml_feed",
    "news_articles", "non_english_article", "non_english_page", "render_page", "rss_feed", "slugify", "warc_file",
]
