"""What each role may do with pages, documents and images.

The agency's groups come from a migration; this grants them their permissions on the page
tree and collections, which exist only once the site is built, with the rest of the role
matrix (``agency.rights``). Granting is idempotent and
only adds: an administrator's later changes to a group are kept.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from prakat.agency.rights import grant_rights
from prakat.agency.roles import Role

EDITOR_PAGE = ("add_page", "change_page")
PUBLISHER_PAGE = (*EDITOR_PAGE, "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
UPLOADER_FILES = ("add", "choose")
MANAGER_FILES = ("add", "change", "choose")

PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.REQUESTER: EDITOR_PAGE,
    Role.UNIT_HEAD: EDITOR_PAGE,
    Role.DIRECTOR: EDITOR_PAGE,
    Role.WEBMASTER: PUBLISHER_PAGE,
    Role.ADMINISTRATOR: PUBLISHER_PAGE,
}
FILE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.REQUESTER: UPLOADER_FILES,
    Role.UNIT_HEAD: UPLOADER_FILES,
    Role.DIRECTOR: UPLOADER_FILES,
    Role.WEBMASTER: MANAGER_FILES,
    Role.ADMINISTRATOR: MANAGER_FILES,
}


def _permission(natural: str) -> Permission:
    app_label, codename = natural.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _file_permission(model: str, action: str) -> Permission:
    # Wagtail's permission policies name wagtaildocs.Document even for a custom document model.
    app_label = {"document": "wagtaildocs", "image": "wagtailimages"}[model]
    return Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")


# The English pages are the webmaster's to write (prakat.content.english).
ENGLISH_PAGE_ROLES = (Role.WEBMASTER, Role.ADMINISTRATOR)


def grant_role_permissions(home: Page, english: Page | None = None) -> None:
    """Give each role's group what it needs on ``home``, its English home and the root
    collection."""
    root_collection = Collection.get_first_root_node()
    access_admin = _permission("wagtailadmin.access_admin")
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        group.permissions.add(access_admin)
        for codename in PAGE_PERMISSIONS.get(role, ()):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=_permission(f"wagtailcore.{codename}"),
            )
            if english is not None and role in ENGLISH_PAGE_ROLES:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=english,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        for action in FILE_PERMISSIONS.get(role, ()):
            for model in ("document", "image"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_file_permission(model, action),
                )
    grant_rights()
