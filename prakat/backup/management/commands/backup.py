from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from prakat.backup.archive import BackupError, file_count, make_archive
from prakat.backup.keys import backup_key


class Command(BaseCommand):
    help = (
        "Write the database and the files into one archive sealed with the backup key "
        "(var/backups/ by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="where to write the archive")

    def handle(self, *args, archive=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(archive or Path(settings.VAR_DIR) / "backups" / f"prakat-{stamp}.backup")
        try:
            key = backup_key(create=True)
            manifest = make_archive(target, key.secret)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backed up %(rows)d rows and %(files)d files to %(path)s")
            % {
                "rows": sum(manifest["rows"].values()),
                "files": file_count(manifest),
                "path": target,
            }
        )
        if key.new:
            self.stdout.write(
                self.style.WARNING(_("A new backup key was made: %(path)s") % {"path": key.source})
            )
        self.stdout.write(
            self.style.WARNING(
                _(
                    "The archive is encrypted with the backup key from %(source)s. Keep a copy "
                    "of that key somewhere other than this machine, apart from the archives: "
                    "without it this archive cannot be restored."
                )
                % {"source": key.source}
            )
        )
