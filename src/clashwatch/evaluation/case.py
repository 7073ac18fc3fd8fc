"""CASE 2021 shared task 2 (fine-grained event classification of news snippets).

Each snippet is read as an article; the sub-event type of its main event is its label.
Weighted F1 is computed over the rows whose gold label is one of the 25 ACLED sub-event
types, weighting each label's F1 by its gold support; a snippet with no event counts
as wrong there. The five non-ACLED labels (natural and man-made disasters, organised
crime, diplomacy, attribution) are reported separately: the share read as no event.

The format is split (``SPLIT``): each snippet falls in the tuning or the checking half by
its ``id`` (``split.py``, the rule ACLED rows follow), so typing work reads the errors of
one half and checks the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import ArticleResult
from .common import read_table
from .labels import ALL_SUB_EVENT_TYPES, NO_EVENT, SUB_EVENT_CODES
from .results import ConfusionTable, ErrorCase, Evaluation, Metric
from .scoring import class_scores, confusion, macro_f1, share, weighted_f1

NAME = "case"
DESCRIPTION = "CASE 2021 task 2 snippets (TSV: id, EventSnippet, SubType): weighted F1 over the 25 ACLED sub-event types"
REQUIRED = ("EventSnippet", "SubType")
SPLIT = True  # snippets fall in a tuning and a checking half by their id (split.py)

# the task's label codes and the ACLED sub-event types they stand for
CASE_LABELS = {
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
NON_ACLED_LABELS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB")


@dataclass
class Row:
    id: str
    text: str
    label: str  # the CASE code as written
    sub_event_type: str | None  # None for the non-ACLED labels


def read(path: Path, limit: int | None = None) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    empty = unknown = 0
    unknown_labels: set[str] = set()
    for i, r in read_table(path, REQUIRED, delimiter="\t", limit=limit):
        text, label = r["EventSnippet"].strip(), r["SubType"].strip()
        if not text:
            empty += 1
            continue
        code = label.upper()
        if code in CASE_LABELS:
            sub = CASE_LABELS[code]
        elif label in ALL_SUB_EVENT_TYPES:  # a file labelled with ACLED's own names
            sub = label
        elif code in NON_ACLED_LABELS:
            sub = None
        else:
            unknown += 1
            unknown_labels.add(label)
            continue
        rows.append(Row(r.get("id") or str(i), text, label, sub))
    if empty:
        notes.append(f"{empty} row(s) without a snippet skipped")
    if unknown:
        notes.append(f"{unknown} row(s) with an unknown label skipped ({', '.join(sorted(unknown_labels)[:5])})")
    return rows, notes



def predict(result: ArticleResult) -> str:
    return result.events[0].sub_event_type if result.events else NO_EVENT


def score(rows: list[Row], results: list[ArticleResult], data: str) -> Evaluation:
    preds = [predict(r) for r in results]
    scored = [(r, p) for r, p in zip(rows, preds) if r.sub_event_type is not None]
    other = [(r, p) for r, p in zip(rows, preds) if r.sub_event_type is None]
    gold = [r.sub_event_type for r, _ in scored]
    predicted = [p for _, p in scored]
    per_class = class_scores(gold, predicted, ALL_SUB_EVENT_TYPES)
    wf1, mf1 = weighted_f1(per_class), macro_f1(per_class)
    metrics = [
        Metric("weighted_f1", "weighted F1 (25 ACLED sub-event types)", wf1, n=len(scored), unit="f1"),
        Metric("macro_f1", "macro F1 (labels present)", mf1, n=len(scored), unit="f1"),
        Metric.of_share("accuracy", "accuracy (25 ACLED sub-event types)", share(g == p for g, p in zip(gold, predicted))),
        Metric.of_share("with_event", "ACLED rows with an event", share(p != NO_EVENT for p in predicted)),
        Metric.of_share("non_acled_no_event", "non-ACLED rows read as no event", share(p == NO_EVENT for _, p in other)),
    ]
    errors = [
        ErrorCase("sub-event type", r.id, r.sub_event_type, p, r.text, severity=2 if p == NO_EVENT else 1)
        for r, p in scored if p != r.sub_event_type
    ]
    errors += [ErrorCase("non-ACLED row read as an event", r.id, r.label, p, r.text, severity=1) for r, p in other if p != NO_EVENT]
    outcomes = [{"id": r.id, "gold": r.label, "gold_sub_event_type": r.sub_event_type, "predicted": p} for r, p in zip(rows, preds)]
    table = ConfusionTable.build("sub_event_type (rows: CASE gold, columns: clashwatch)", confusion(gold, predicted),
                                 ALL_SUB_EVENT_TYPES + [NO_EVENT], SUB_EVENT_CODES)
    return Evaluation(NAME, data, len(rows), metrics, [table], class_scores=per_class,
                      class_scores_title="Per sub-event type (rows with an ACLED gold label)", errors=errors, outcomes=outcomes)
