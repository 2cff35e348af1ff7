"""Who may change or delete a picture once it is on the site.

Wagtail lets whoever uploaded a picture replace its file or delete it. Once the picture is
shown on the site — the agency's logo, a slide, an item's cover or album — that would change
the live site with no request and no approval. So a picture on the site is changed or
deleted only by those who oversee publishing; before that, its uploader still may.
"""

from __future__ import annotations

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from prakat.agency.access import oversees_publishing
from prakat.content.access import shown_on_the_site

GUARDED_ACTIONS = ("change", "delete")


class ShownPicturesPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy, less the uploader's change and delete of a shown picture."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if (
            action in GUARDED_ACTIONS
            and not oversees_publishing(user)
            and shown_on_the_site(instance)
        ):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def guard_shown_pictures() -> None:
    """Give Wagtail's one image policy object this class. Its views, forms, chooser and bulk
    actions each imported that object by name, and Wagtail has no setting to replace it, so
    the object itself changes class rather than being replaced (its state is unchanged)."""
    # Why here: Wagtail's image modules may be imported only once the apps are loaded.
    from wagtail.images import permissions

    if not isinstance(permissions.permission_policy, ShownPicturesPolicy):
        permissions.permission_policy.__class__ = ShownPicturesPolicy
