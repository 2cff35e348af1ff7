"""The notifications sent to the people of a request, and about published items.

Who hears of what is decided in ``prakat.publishing.notifications`` (the workflow's signals)
and ``currency_notices`` (items coming down or due); sending is the model's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prakat.publishing.models.publication_request import PublicationRequest


class Notification(models.Model):
    """A message to one person about one request, shown in the admin and sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prakat_notifications"
    )
    # A notification is about a request, or about a published item (coming down, due).
    request = models.ForeignKey(
        PublicationRequest,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message

    @classmethod
    def send(
        cls,
        recipients: Iterable,
        message: str,
        *,
        publication_request: PublicationRequest | None = None,
        page=None,
        url: str = "",
    ) -> None:
        """Tell each active person once: in the admin's list, and by e-mail if they have one.

        A notification is about ``publication_request``, or (without one) about a published
        ``page``; it links to the request, or to the page in the editor, unless ``url`` says.
        """
        if not url:
            if publication_request is not None:
                url = reverse("publishing:request_detail", args=[publication_request.pk])
            else:
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        people = {u.pk: u for u in recipients if u is not None and u.is_active}
        for person in people.values():
            cls.objects.create(
                recipient=person, request=publication_request, page=page, message=message, url=url
            )
        addresses = [p.email for p in people.values() if p.email]
        if addresses:
            link = url if url.startswith("http") else settings.WAGTAILADMIN_BASE_URL + url
            about = publication_request or page or message.split(":")[0]
            subject = gettext("[Website] %(title)s") % {"title": getattr(about, "title", about)}
            body = f"{message}\n\n{link}"
            transaction.on_commit(
                lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
            )
