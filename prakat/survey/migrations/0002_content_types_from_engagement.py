"""The content types of the survey's answers, ratings and visitor keys move from the
"engagement" app to this one, with the permissions granted on them and the log entries about
them; see prakat.model_moves."""

from django.db import migrations

from prakat.model_moves import move_content_types

MODELS = ["surveyresponse", "surveyrating", "surveyvisitorkey"]

def forwards(apps, schema_editor):
    move_content_types(apps, "engagement", "survey", MODELS)


def backwards(apps, schema_editor):
    move_content_types(apps, "survey", "engagement", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
