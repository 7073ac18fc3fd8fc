"""ACLED's event types and sub-event types, with short codes for tables."""

from __future__ import annotations

NO_EVENT = "(no event)"

SUB_EVENT_TYPES: dict[str, list[str]] = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
    ],
}
EVENT_TYPES = list(SUB_EVENT_TYPES)
ALL_SUB_EVENT_TYPES = [s for subs in SUB_EVENT_TYPES.values() for s in subs]

EVENT_TYPE_CODES = {
    "Battles": "BAT", "Explosions/Remote violence": "ERV", "Violence against civilians": "VAC",
    "Protests": "PRO", "Riots": "RIO", "Strategic developments": "STR", NO_EVENT: "none",
}
SUB_EVENT_CODES = {
    "Armed clash": "CLSH", "Government regains territory": "GOVT", "Non-state actor overtakes territory": "NSAT",
    "Chemical weapon": "CHEM", "Air/drone strike": "AIR", "Suicide bomb": "SUIC",
    "Shelling/artillery/missile attack": "SHEL", "Remote explosive/landmine/IED": "IED", "Grenade": "GREN",
    "Sexual violence": "SEXV", "Attack": "ATTK", "Abduction/forced disappearance": "ABDC",
    "Peaceful protest": "PEAC", "Protest with intervention": "PINT", "Excessive force against protesters": "EXCF",
    "Violent demonstration": "VDEM", "Mob violence": "MOB", "Agreement": "AGRE", "Arrests": "ARST",
    "Change to group/activity": "CHNG", "Disrupted weapons use": "DISR", "Headquarters or base established": "HQ",
    "Looting/property destruction": "LOOT", "Non-violent transfer of territory": "TRAN", "Other": "OTHR",
    NO_EVENT: "none",
}
