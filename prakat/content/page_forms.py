"""The page editor's form for information items."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from prakat.agency.access import oversees_publishing, unit_ids_of


class InformationItemForm(WagtailAdminPageForm):
    """A person names as an item's owner only a unit they belong to: an item of another
    unit would be decided on by that unit's head, who never asked for it."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("owner_unit")
        if field is not None and for_user is not None and not oversees_publishing(for_user):
            allowed = set(unit_ids_of(for_user))
            if self.instance.owner_unit_id:
                allowed.add(self.instance.owner_unit_id)
            field.queryset = field.queryset.filter(pk__in=allowed)
