"""The content types of cases, their files and steps, the published complaint reports and the
handlers setting move from the "engagement" app to this one, with the permissions granted on
them and the log entries about them; see prakat.model_moves."""

from django.db import migrations

from prakat.model_moves import move_content_types

MODELS = [
    "case",
    "caseattachment",
    "caseevent",
    "complaintreportpublication",
    "corruptioncomplainthandlers",
]
# The list of handlers before it became a site setting (0002): no model of any app now.
GONE = ["corruptioncomplainthandler"]


def forwards(apps, schema_editor):
    move_content_types(apps, "engagement", "eservices", MODELS, gone=GONE)


def backwards(apps, schema_editor):
    move_content_types(apps, "eservices", "engagement", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0002_corruption_handlers_setting"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
