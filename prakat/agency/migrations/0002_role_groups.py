"""The agency's roles as Django groups.

The names are written out here, not imported, so this migration keeps meaning what it meant
when it was written.
"""

from django.db import migrations

ROLE_GROUPS = (
    "ผู้ให้ข้อมูล",  # requester
    "หัวหน้ากลุ่มงาน",  # unit head
    "ผู้อำนวยการ",  # director
    "ผู้ดูแลเว็บไซต์",  # webmaster
    "ผู้บริหาร",  # executive
    "ผู้ตรวจประเมิน",  # auditor
    "ผู้ดูแลระบบ",  # administrator
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
