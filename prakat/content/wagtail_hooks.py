from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def thai_admin_font() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("before_serve_document")
def withhold_attachments_of_items_off_the_site(document, request):
    """An item's attachment is public only while the item is.

    Wagtail's documents have no expiry of their own: when an item comes down (or before it
    goes up) its files stop being downloadable by the public, while staff keep access. A file
    attached to no item (linked from a page's text) is served as before.
    """
    from prakat.content.models import ItemAttachment

    attachments = ItemAttachment.objects.filter(document=document)
    if not attachments.exists():
        return None
    if attachments.filter(page__live=True, page__view_restrictions__isnull=True).exists():
        return None
    user = request.user
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return None
    raise Http404(_("This file belongs to an item that is not on the website."))
