"""Where a test parametrized by backend keeps its store: a SQLite file in the test's temporary
folder, or a fresh database on the PostgreSQL server the tests start, dropped afterwards."""

from __future__ import annotations


def backend_url(request, tmp_path_factory, name: str) -> str:
    """``request.param`` "sqlite": a file ``name``/generated.db; "postgresql": a fresh database."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp(name) / "generated.db")
    from support.pgserver import create_fresh_database, drop_database_at

    url = create_fresh_database(request.getfixturevalue("postgres_url"))
    request.addfinalizer(lambda: drop_database_at(url))
    return url
