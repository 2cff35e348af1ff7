"""Seal the days of the traffic log that are over, as the nightly job does (idempotent)."""

from django.core.management.base import BaseCommand

from prakat.audit.jobs import seal_traffic_log


class Command(BaseCommand):
    help = "Seal every finished day of the computer traffic log not sealed yet."

    def handle(self, *args, **options) -> None:
        self.stdout.write(seal_traffic_log.run_now())
