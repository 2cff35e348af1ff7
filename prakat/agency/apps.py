from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from prakat.thai.text import keep_plain


class AgencyConfig(AppConfig):
    name = "prakat.agency"
    label = "agency"
    verbose_name = _("Agency")

    def ready(self) -> None:
        # Models are imported once every app is loaded.
        from django.contrib.auth import get_user_model
        from wagtail.models import ReferenceIndex

        from prakat.agency.models import Agency, Executive, Identity, Membership, Unit

        # Names without right-to-left overrides or zero-width characters (prakat.thai.text).
        keep_plain(get_user_model(), "first_name", "last_name")
        keep_plain(Agency, "name", "name_en", "affiliation", "head_title")
        keep_plain(Unit, "name", "name_en")
        keep_plain(Membership, "position")
        keep_plain(Executive, "name", "position")
        # The site's look shows its pictures to everyone: the reference index records which
        # (``content.access``), as it does for pages and the executives' photos.
        ReferenceIndex.register_model(Identity)
