"""ACLED's event types and sub-event types, with short codes for tables."""

from __future__ import annotations

from ..model import ACLED_TYPES

NO_EVENT = "(no event)"

SUB_EVENT_TYPES: dict[str, list[str]] = {k: list(v) for k, v in ACLED_TYPES.items()}
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
