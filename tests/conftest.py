"""Shared pytest fixtures."""

from __future__ import annotations

import atexit

import pytest

# --- PostgreSQL + PostGIS (a throwaway server started by the test run) -------
from support.pgserver import (
    PostgresServer,
    PostgresUnavailable,
    create_fresh_database,
    drop_database_at,
)


@pytest.fixture(scope="session")
def postgres_url(request) -> str:
    """SQLAlchemy URL of database ``clashwatch_test`` (with PostGIS) on a
    throwaway PostgreSQL server that this test session starts on a free
    127.0.0.1 port and stops (removing its folder) at the end.

    Skips when PostgreSQL/PostGIS/psycopg is not installed
    (run scripts/install-system-deps.sh).
    """
    try:
        server = PostgresServer()
    except PostgresUnavailable as e:
        pytest.skip(str(e))
    request.addfinalizer(server.stop)
    atexit.register(server.stop)  # belt and braces; stop() is idempotent
    server.start()
    return server.url()


@pytest.fixture
def fresh_postgres_db(postgres_url: str):
    """SQLAlchemy URL of a new, uniquely named database with PostGIS on the
    same server as ``postgres_url``; dropped (WITH FORCE) after the test."""
    url = create_fresh_database(postgres_url)
    try:
        yield url
    finally:
        drop_database_at(url)
