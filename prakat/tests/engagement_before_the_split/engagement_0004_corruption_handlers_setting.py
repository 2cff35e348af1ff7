"""The corruption complaint handlers become a site setting, edited in Settings, so that Wagtail
checks who changes the list and every change is logged. The people named so far are carried
over, each setting with one log entry saying who had named whom and when (the old rows held
that, the setting does not)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.translation import gettext

HANDLERS_CHANGE = "prakat.corruption_handlers_change"


def _name(user) -> str:
    full = f"{user.first_name} {user.last_name}".strip()
    return f"{full} ({user.username})" if full else user.username


def carry_over(apps, schema_editor):
    Old = apps.get_model("engagement", "CorruptionComplaintHandler")
    New = apps.get_model("engagement", "CorruptionComplaintHandlers")
    Agency = apps.get_model("agency", "Agency")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    sites = dict(Agency.objects.values_list("pk", "site_id"))
    carried: dict[int, list] = {}
    for row in Old.objects.select_related("user", "named_by").order_by("named_at", "pk"):
        setting, _created = New.objects.get_or_create(site_id=sites[row.agency_id])
        setting.people.add(row.user_id)
        carried.setdefault(setting.pk, []).append(row)
    if not carried:
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="engagement", model="corruptioncomplainthandlers"
    )
    for setting_pk, rows in carried.items():
        ModelLogEntry.objects.create(
            content_type=content_type,
            object_id=str(setting_pk),
            label=gettext("corruption complaint handlers"),
            action=HANDLERS_CHANGE,
            timestamp=timezone.now(),
            data={
                "carried_over": True,
                "added": sorted(_name(row.user) for row in rows),
                "named": [
                    {
                        "person": _name(row.user),
                        "named_by": _name(row.named_by) if row.named_by else "",
                        "named_at": row.named_at.isoformat(),
                    }
                    for row in rows
                ],
            },
        )


def carry_back(apps, schema_editor):
    Old = apps.get_model("engagement", "CorruptionComplaintHandler")
    New = apps.get_model("engagement", "CorruptionComplaintHandlers")
    Agency = apps.get_model("agency", "Agency")
    agencies = dict(Agency.objects.values_list("site_id", "pk"))
    for setting in New.objects.all():
        if setting.site_id not in agencies:
            continue
        for user_id in setting.people.values_list("pk", flat=True):
            Old.objects.get_or_create(agency_id=agencies[setting.site_id], user_id=user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0007_currency_and_executives"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("engagement", "0003_eservices"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CorruptionComplaintHandlers",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "people",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Only the people ticked here see corruption complaints: not webmasters, executives or administrators unless they are ticked.",  # noqa: E501
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="People who handle corruption and misconduct complaints",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "corruption complaint handlers",
                "verbose_name_plural": "corruption complaint handlers",
            },
        ),
        migrations.RunPython(carry_over, carry_back),
        migrations.DeleteModel(
            name="CorruptionComplaintHandler",
        ),
    ]
