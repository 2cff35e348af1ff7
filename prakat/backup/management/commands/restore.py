import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from prakat.backup.archive import BackupError, file_count, restore_archive
from prakat.thai.dates import format_datetime


class Command(BaseCommand):
    help = (
        "Restore an archive made by 'backup' into an empty, migrated install; the backup key "
        "comes from PRAKAT_BACKUP_KEY or var/backup_key."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive made by 'manage.py backup'")

    def handle(self, *args, archive: str, **options):
        try:
            manifest = restore_archive(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored %(rows)d rows and %(files)d files made on %(when)s")
            % {
                "rows": sum(manifest["rows"].values()),
                "files": file_count(manifest),
                "when": format_datetime(datetime.datetime.fromisoformat(manifest["created_at"])),
            }
        )
