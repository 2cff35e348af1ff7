from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prakat.content.skeleton import build_site


class Command(BaseCommand):
    help = "Build the home page and the category tree from the checklist (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--agency-name", default="", help="Name of the agency, if new.")

    def handle(self, *args, agency_name: str = "", **options):
        result = build_site(agency_name=agency_name)
        self.stdout.write(
            _("Site of %(agency)s: %(created)d categories created, %(existing)d already there.")
            % {
                "agency": result.agency,
                "created": len(result.created),
                "existing": len(result.existing),
            }
        )
