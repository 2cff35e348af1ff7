from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("content", "SiteVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The site version that keys cached public pages, and an index on Wagtail's page paths:
    a public address is found in one look-up (``HomePage.route``), not one a level."""

    dependencies = [
        ("content", "0004_expiry_is_wagtails"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "site version"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS prakat_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS prakat_page_url_path",
        ),
    ]
