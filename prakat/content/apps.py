from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from prakat.thai.text import clean_fields, keep_plain, plain_fields


def plain_revision(sender, instance, raw=False, **kwargs) -> None:
    """A revision keeps the object's fields in its content: a title is cleaned there too, or
    the editor would bring the invisible controls back from the draft."""
    # A model module cannot be imported while the apps are being listed, as this one is.
    from django.contrib.contenttypes.models import ContentType

    if raw or not isinstance(instance.content, dict) or not instance.content_type_id:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None:
        clean_fields(instance.content, plain_fields(model))


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
        # Models and what uses them are imported once every app is loaded.
        from django.db.models.signals import post_save, pre_save
        from wagtail.admin.views.account import AvatarSettingsPanel
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, Revision, get_page_models
        from wagtail.signals import page_published

        from prakat.content import site_version
        from prakat.content.downloads import Download
        from prakat.content.events import Event
        from prakat.content.forms import AvatarForm
        from prakat.content.models import InformationItemPage
        from prakat.content.picture_policy import guard_shown_pictures
        from prakat.content.schedules import Clinic, ClinicChange, Doctor
        from prakat.content.search import page_saved

        page_published.connect(
            back_on_the_site, sender=InformationItemPage, dispatch_uid="prakat_unarchive"
        )
        # Account settings build the profile picture panel's form from this attribute;
        # Wagtail offers no setting or hook to replace the built-in panel, only to add more.
        AvatarSettingsPanel.form_class = AvatarForm
        # Titles without right-to-left overrides or zero-width characters (prakat.thai.text).
        keep_plain(Page, "title", "draft_title", "seo_title")
        keep_plain(get_document_model(), "title", "original_filename")
        keep_plain(get_image_model(), "title")
        keep_plain(InformationItemPage, "cover_credit")
        keep_plain(Event, "title", "location")
        keep_plain(Clinic, "name", "place")
        keep_plain(ClinicChange, "text")
        keep_plain(Doctor, "name", "specialty")
        keep_plain(Download, "title")
        pre_save.connect(plain_revision, sender=Revision, dispatch_uid="prakat_plain_revision")
        site_version.connect()
        guard_shown_pictures()
        # Every saved page is indexed for the site's search by the job worker.
        for model in get_page_models():
            post_save.connect(page_saved, sender=model, dispatch_uid=f"prakat_search_{model}")
