# The site's search index (prakat.content.search): one row a page, indexed by the database by
# three-character sequences. PostgreSQL: the pg_trgm extension and a trigram GIN index on the
# title and on the text. SQLite: two FTS5 tables with the trigram tokenizer, holding no copy of
# the text (external content: they read it from content_searchentry), which triggers keep in
# step with the rows. Pages are indexed afterwards by the job `update-search-index`, or at once
# by `manage.py update_search_entries`.

import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

ENTRIES = "content_searchentry"
SQLITE = [
    *(
        f"CREATE VIRTUAL TABLE {ENTRIES}_{column}_fts USING fts5({column}, "
        f"content='{ENTRIES}', content_rowid='page_id', tokenize='trigram')"
        for column in ("title", "body")
    ),
    f"""CREATE TRIGGER {ENTRIES}_inserted AFTER INSERT ON {ENTRIES} BEGIN
        INSERT INTO {ENTRIES}_title_fts(rowid, title) VALUES (new.page_id, new.title);
        INSERT INTO {ENTRIES}_body_fts(rowid, body) VALUES (new.page_id, new.body);
    END""",
    f"""CREATE TRIGGER {ENTRIES}_deleted AFTER DELETE ON {ENTRIES} BEGIN
        INSERT INTO {ENTRIES}_title_fts({ENTRIES}_title_fts, rowid, title)
            VALUES ('delete', old.page_id, old.title);
        INSERT INTO {ENTRIES}_body_fts({ENTRIES}_body_fts, rowid, body)
            VALUES ('delete', old.page_id, old.body);
    END""",
    f"""CREATE TRIGGER {ENTRIES}_updated AFTER UPDATE ON {ENTRIES} BEGIN
        INSERT INTO {ENTRIES}_title_fts({ENTRIES}_title_fts, rowid, title)
            VALUES ('delete', old.page_id, old.title);
        INSERT INTO {ENTRIES}_body_fts({ENTRIES}_body_fts, rowid, body)
            VALUES ('delete', old.page_id, old.body);
        INSERT INTO {ENTRIES}_title_fts(rowid, title) VALUES (new.page_id, new.title);
        INSERT INTO {ENTRIES}_body_fts(rowid, body) VALUES (new.page_id, new.body);
    END""",
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {ENTRIES}_{event}" for event in ("inserted", "deleted", "updated")),
    *(f"DROP TABLE IF EXISTS {ENTRIES}_{column}_fts" for column in ("title", "body")),
]
POSTGRESQL = [
    *(
        f"CREATE INDEX {ENTRIES}_{column}_trgm ON {ENTRIES} USING gin ({column} gin_trgm_ops)"
        for column in ("title", "body")
    ),
    # The titles, newest page first, read without the rows (whose text is long): a word in
    # many titles is found by walking this index.
    f"CREATE INDEX {ENTRIES}_titles ON {ENTRIES} (page_id) INCLUDE (title)",
]
POSTGRESQL_REVERSE = [
    *(f"DROP INDEX IF EXISTS {ENTRIES}_{column}_trgm" for column in ("title", "body")),
    f"DROP INDEX IF EXISTS {ENTRIES}_titles",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0005_site_version'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='wagtailcore.page')),
                ('title', models.TextField()),
                ('body', models.TextField()),
                ('indexed_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
            },
        ),
        migrations.CreateModel(
            name='BodyTrigrams',
            fields=[
                ('rowid', models.IntegerField(primary_key=True, serialize=False)),
            ],
            options={
                'db_table': 'content_searchentry_body_fts',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='TitleTrigrams',
            fields=[
                ('rowid', models.IntegerField(primary_key=True, serialize=False)),
            ],
            options={
                'db_table': 'content_searchentry_title_fts',
                'managed': False,
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
