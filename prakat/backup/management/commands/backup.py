from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from prakat.backup.archive import file_count, make_archive


class Command(BaseCommand):
    help = "Write the database and media into one archive (var/backups/ by default)."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="where to write the .tar.gz")

    def handle(self, *args, archive=None, **options):
        from django.conf import settings

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(archive or Path(settings.VAR_DIR) / "backups" / f"prakat-{stamp}.tar.gz")
        manifest = make_archive(target)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            _("Backed up %(rows)d rows and %(files)d files to %(path)s")
            % {
                "rows": rows,
                "files": file_count(manifest),
                "path": target,
            }
        )
