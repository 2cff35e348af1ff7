"""The test database as the suite built it, kept beside its tables and put back in a moment.

A test whose rows must be committed (several connections at once, a worker process, a killed
submission) ends by emptying every table. Building the site's skeleton again through the
models took seconds for each such test (four on PostgreSQL); copying the kept rows back is one
statement a table. The copies are tables of the same database named ``kept__<table>``: a
test's flush empties only the models' tables, so the copies stay as they were kept.
"""

# The statements are built from the models' own table names, quoted, never from input.
# ruff: noqa: S608

from __future__ import annotations

from django.db import connection, transaction

PREFIX = "kept__"


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _filled_by_triggers() -> set[str]:
    """SQLite's full-text tables: the triggers of the tables they index write their rows."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
        return {name for (name,) in cursor.fetchall()}


def keep() -> None:
    """Keep every model table's rows as they are now."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in set(_tables()) - _filled_by_triggers():
            cursor.execute(f"DROP TABLE IF EXISTS {quote(PREFIX + table)}")
            cursor.execute(f"CREATE TABLE {quote(PREFIX + table)} AS SELECT * FROM {quote(table)}")


def put_back() -> None:
    """Every model table holds again exactly the rows it held when they were kept (and its ids
    go on after them)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style

    quote = connection.ops.quote_name
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        # Django's foreign keys are checked when the transaction commits, so the tables can
        # be emptied and filled in any order.
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table in sorted(set(tables) - _filled_by_triggers()):
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(PREFIX + table)}")
        # A test may have made a table again (migrating an app back and forth) and with it its
        # id sequence; the next id must follow the kept rows.
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    # The flush made the content types again under new ids; forget those.
    ContentType.objects.clear_cache()
