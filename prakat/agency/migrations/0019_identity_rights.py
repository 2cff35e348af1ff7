from django.db import migrations

# Fixed Thai group names (see prakat.agency.roles.GROUP_NAMES): the webmasters and the
# administrators set the site's look, as they set the agency's settings.
HOLDERS = ("ผู้ดูแลเว็บไซต์", "ผู้ดูแลระบบ")


def grant_identity(apps, schema_editor):
    """An existing install's webmasters and administrators may change the site's look, as a
    new install's do; the permission row is made here, before Django's own pass would."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="agency", model="identity")
    permission, _ = Permission.objects.get_or_create(
        codename="change_identity",
        content_type=content_type,
        defaults={"name": "Can change site identity"},
    )
    for group in Group.objects.filter(name__in=HOLDERS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0018_identity"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_identity, migrations.RunPython.noop)]
