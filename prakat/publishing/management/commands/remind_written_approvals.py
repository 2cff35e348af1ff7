from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prakat.publishing.models import PublicationRequest
from prakat.publishing.notifications import notify


class Command(BaseCommand):
    help = "Remind approvers of urgent items whose written approval is still owed."

    def handle(self, *args, **options):
        owed = PublicationRequest.objects.filter(
            verbal_approver__isnull=False, written_approved_at__isnull=True
        ).select_related("verbal_approver")
        for request in owed:
            notify(
                [request.verbal_approver],
                request,
                _("Reminder: “%(title)s” was published on your verbal approval and still "
                  "needs your written approval.") % {"title": request},
            )  # fmt: skip
        self.stdout.write(_("%(count)d reminders sent.") % {"count": len(owed)})
