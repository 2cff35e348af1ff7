from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def back_on_the_site(sender, instance, **kwargs) -> None:
    """An archived item published again (renewed) is no longer archived."""
    if instance.archived_at is not None:
        type(instance).objects.filter(pk=instance.pk).update(archived_at=None)
        instance.archived_at = None


class ContentConfig(AppConfig):
    name = "prakat.content"
    label = "content"
    verbose_name = _("Website content")

    def ready(self) -> None:
        from wagtail.admin.views.account import AvatarSettingsPanel
        from wagtail.signals import page_published

        from prakat.content.forms import AvatarForm
        from prakat.content.models import InformationItemPage

        page_published.connect(
            back_on_the_site, sender=InformationItemPage, dispatch_uid="prakat_unarchive"
        )
        # Account settings build the profile picture panel's form from this attribute;
        # Wagtail offers no setting or hook to replace the built-in panel, only to add more.
        AvatarSettingsPanel.form_class = AvatarForm
