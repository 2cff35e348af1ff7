# Documents move out of the media folder into the private files, under random names.

from django.core.files.storage import default_storage
from django.db import migrations, models

import prakat.content.models
import prakat.content.storage


def move_into_private_storage(apps, schema_editor):
    from prakat.content.storage import private_storage, unguessable_name

    Document = apps.get_model("content", "AgencyDocument")
    for document in Document.objects.exclude(file=""):
        old = document.file.name
        if private_storage.exists(old) or not default_storage.exists(old):
            continue
        with default_storage.open(old, "rb") as source:
            new = private_storage.save(unguessable_name(old, "documents"), source)
        Document.objects.filter(pk=document.pk).update(file=new)
        default_storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_item_archived_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agencydocument",
            name="file",
            field=models.FileField(
                max_length=255,
                storage=prakat.content.storage.get_private_storage,
                upload_to=prakat.content.models.document_file_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_into_private_storage, migrations.RunPython.noop),
    ]
