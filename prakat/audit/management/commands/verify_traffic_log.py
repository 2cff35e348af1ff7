"""Check the sealed computer traffic log; exit 0 when intact, 1 at the first break."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from prakat.audit.verification import verify


class Command(BaseCommand):
    help = "Check the sealed computer traffic log for altered, missing or reordered lines."

    def handle(self, *args, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            report = verify()
            message = report.message()
        if report.intact:
            self.stdout.write(message)
            return
        self.stderr.write(message)
        sys.exit(1)
