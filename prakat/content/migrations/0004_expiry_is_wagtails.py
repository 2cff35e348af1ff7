# An item's publication end becomes Wagtail's own expiry (expire_at): midnight, Bangkok,
# after the last day. Drafts in revisions carry it too, so a pending request keeps its end.

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

BANGKOK = ZoneInfo("Asia/Bangkok")


def _expiry(last_day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=BANGKOK
    )


def _last_day(expire_at: datetime.datetime) -> datetime.date:
    return (expire_at.astimezone(BANGKOK) - datetime.timedelta(microseconds=1)).date()


def forwards(apps, schema_editor):
    Item = apps.get_model("content", "InformationItemPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for item in Item.objects.exclude(publication_end=None):
        Item.objects.filter(pk=item.pk).update(expire_at=_expiry(item.publication_end))
    item_type = ContentType.objects.filter(app_label="content", model="informationitempage")
    for revision in Revision.objects.filter(content_type__in=item_type):
        end = revision.content.get("publication_end")
        if end:
            revision.content["expire_at"] = _expiry(
                datetime.date.fromisoformat(end)
            ).isoformat()
        if "publication_end" in revision.content:
            del revision.content["publication_end"]
            revision.save(update_fields=["content"])


def backwards(apps, schema_editor):
    Item = apps.get_model("content", "InformationItemPage")
    for item in Item.objects.exclude(expire_at=None):
        Item.objects.filter(pk=item.pk).update(publication_end=_last_day(item.expire_at))


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_document_private_storage"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="informationitempage", name="publication_end"),
    ]
