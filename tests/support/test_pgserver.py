"""The throwaway PostgreSQL + PostGIS server of tests/pgserver.py works."""

from __future__ import annotations

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")
from sqlalchemy import create_engine, inspect, text  # noqa: E402


@pytest.fixture
def engine(postgres_url):
    eng = create_engine(postgres_url)
    yield eng
    eng.dispose()


def test_url_shape(postgres_url):
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/clashwatch_test")


def test_postgis_version(engine):
    with engine.connect() as conn:
        version = conn.execute(text("SELECT PostGIS_Version()")).scalar_one()
    assert version and version[0].isdigit(), version


def test_geography_distance(engine):
    # Fergana to Osh, about 174 km on the spheroid.
    with engine.connect() as conn:
        metres = conn.execute(text(
            "SELECT ST_Distance(ST_GeogFromText('POINT(70.82 40.06)'),"
            " ST_GeogFromText('POINT(72.80 40.53)'))"
        )).scalar_one()
    assert 150_000 < metres < 200_000, metres


@pytest.fixture
def second_fresh_db(postgres_url):
    from support.pgserver import create_fresh_database, drop_database_at

    url = create_fresh_database(postgres_url)
    yield url
    drop_database_at(url)


def test_fresh_databases_are_isolated(fresh_postgres_db, second_fresh_db):
    assert fresh_postgres_db != second_fresh_db
    a, b = create_engine(fresh_postgres_db), create_engine(second_fresh_db)
    try:
        with a.begin() as conn:
            conn.execute(text(
                "CREATE TABLE events (id serial PRIMARY KEY, geom geography(Point, 4326))"
            ))
            conn.execute(text(
                "INSERT INTO events (geom) VALUES (ST_GeogFromText('POINT(70.82 40.06)'))"
            ))
        assert "events" in inspect(a).get_table_names()
        assert "events" not in inspect(b).get_table_names()
        with b.connect() as conn:  # the second one has PostGIS too
            assert conn.execute(text("SELECT PostGIS_Version()")).scalar_one()
    finally:
        a.dispose()
        b.dispose()


def test_fresh_database_is_dropped_afterwards(postgres_url):
    from support.pgserver import create_fresh_database, drop_database_at

    url = create_fresh_database(postgres_url)
    name = url.rsplit("/", 1)[1]
    eng = create_engine(url)
    conn = eng.connect()  # an open connection must not block the drop
    conn.execute(text("SELECT 1"))
    drop_database_at(url)
    conn.invalidate()  # the server has closed it
    conn.close()
    eng.dispose()
    admin = create_engine(postgres_url)
    try:
        with admin.connect() as conn:
            left = conn.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar_one()
    finally:
        admin.dispose()
    assert left == 0
