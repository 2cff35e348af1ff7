"""The content type of page views moves from the "engagement" app to this one, with the
permissions granted on it and the log entries about it; see prakat.model_moves."""

from django.db import migrations

from prakat.model_moves import move_content_types

MODELS = ["pageview"]


def forwards(apps, schema_editor):
    move_content_types(apps, "engagement", "statistics", MODELS)


def backwards(apps, schema_editor):
    move_content_types(apps, "statistics", "engagement", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
