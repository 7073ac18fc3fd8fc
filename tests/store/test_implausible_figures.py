"""An implausible figure through the store, on SQLite and on PostgreSQL: stored as a claim
(the model's ceiling fits the store's INTEGER columns), flagged when read back, never in
the event's toll nor in the statistics."""

from __future__ import annotations

import datetime as dt

import pytest

import clashwatch
from clashwatch.article import make_article
from clashwatch.model import EventDetail, EventStats
from clashwatch.plausibility import FIGURE_CEILING
from clashwatch.store import Store

TEXTS = {
    "huge": f"Gunmen killed {10**30} people in an attack on a market in Garissa on Sunday, police said.",
    "real": "Gunmen killed 12 people in an attack on a market in Garissa on Sunday, the Red Cross said.",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'figures.db'}" if request.param == "sqlite" else request.getfixturevalue("fresh_postgres_db")
    opened = Store.open(url)
    yield opened
    opened.close()


def test_an_implausible_figure_is_stored_flagged_and_not_counted(store):
    for article_id, text in TEXTS.items():
        article = make_article(text, id=article_id, published=dt.date(2024, 3, 11), outlet=f"Outlet {article_id}")
        store.save(article, clashwatch.extract(text, published="2024-03-11"))
    (event,) = store.events()
    detail = EventDetail.model_validate(store.event(event["id"]))
    assert detail.fatalities == 12
    flagged = [c for c in detail.claims if c.implausible]
    assert [(c.article_id, c.low) for c in flagged] == [("huge", FIGURE_CEILING)]
    assert any(r.rule == "set_aside:implausible" for r in detail.rationale)
    assert EventStats.model_validate(store.stats()).fatalities == 12
