from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prakat.content.search import index_stale_pages, tidy_index


class Command(BaseCommand):
    help = (
        "Index for the site's search the pages with no entry or changed since theirs (what the "
        "job update-search-index does every ten minutes); --all: every page, then the database's "
        "statistics and the full-text tables tidied, as after any bulk load."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Index every page again.")

    def handle(self, *args, **options):
        count = index_stale_pages(everything=options["all"])
        if options["all"]:
            tidy_index()
        self.stdout.write(_("%(count)d page(s) indexed for the site's search.") % {"count": count})
