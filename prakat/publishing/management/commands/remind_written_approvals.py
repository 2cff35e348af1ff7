from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prakat.publishing.jobs import send_written_approval_reminders


class Command(BaseCommand):
    help = "Remind approvers of urgent items still owed a written approval (also a daily job)."

    def handle(self, *args, **options):
        count = send_written_approval_reminders()
        self.stdout.write(_("%(count)d reminders sent.") % {"count": count})
