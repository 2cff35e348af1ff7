"""The page editor's form for information items."""

from __future__ import annotations

from django.utils.translation import gettext as _
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
        self.chooses_any_picture = for_user is None or oversees_publishing(for_user)

    def clean(self):
        """A picture chosen by id is checked as the chooser lists them: an item does not put
        another unit's private upload on the site."""
        cleaned = super().clean()
        if self.chooses_any_picture:
            return cleaned
        # Why here: the content models import this form.
        from wagtail.images import get_image_model

        from prakat.content.access import images_user_may_choose

        chosen = {
            name: image.pk
            for name in ("cover_image", "share_image")
            if (image := cleaned.get(name)) is not None
        }
        album = cleaned.get("album") or []
        album_ids = {block.value["image"].pk for block in album if block.value.get("image")}
        ids = set(chosen.values()) | album_ids
        if not ids:
            return cleaned
        # A picture already on this item stays choosable, whoever uploaded it.
        kept = {self.instance.cover_image_id, self.instance.share_image_id} - {None}
        kept |= {b.value["image"].pk for b in self.instance.album or [] if b.value.get("image")}
        allowed = (
            set(
                images_user_may_choose(
                    get_image_model().objects.filter(pk__in=ids), self.for_user
                ).values_list("pk", flat=True)
            )
            | kept
        )
        message = _("Choose a picture your unit uploaded, or upload it: this one is not yours.")
        for name, pk in chosen.items():
            if pk not in allowed:
                self.add_error(name, message)
        if album_ids - allowed - kept:
            self.add_error("album", message)
        return cleaned
