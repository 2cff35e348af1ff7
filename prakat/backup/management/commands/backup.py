from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from prakat.backup.archive import BackupError, file_count, make_archive
from prakat.backup.keys import backup_key
from prakat.backup.rotation import rotate


class Command(BaseCommand):
    help = (
        "Write the database and the files into one archive sealed with the backup key "
        "(var/backups/ by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="where to write the archive")
        parser.add_argument(
            "--keep-daily",
            type=int,
            metavar="N",
            help="after writing, delete older archives of the folder except the newest of "
            "each of the last N days that have one (and those --keep-monthly keeps)",
        )
        parser.add_argument(
            "--keep-monthly",
            type=int,
            metavar="M",
            help="…and the newest of each of the last M months that have one",
        )

    def handle(self, *args, archive=None, keep_daily=None, keep_monthly=None, **options):
        rotation = keep_daily is not None or keep_monthly is not None
        daily, monthly = keep_daily or 0, keep_monthly or 0
        if daily < 0 or monthly < 0:
            raise CommandError(
                _("The numbers of daily and monthly archives to keep cannot be below zero.")
            )
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
        if rotation:
            # Only once the new archive is safely in place: a failed backup deletes nothing.
            self._rotate(target.parent, daily, monthly)

    def _rotate(self, folder: Path, daily: int, monthly: int) -> None:
        removed = rotate(folder, daily=daily, monthly=monthly)
        self.stdout.write(
            _(
                "Rotation: kept the newest archive of each of the last %(daily)d days and of "
                "each of the last %(monthly)d months; removed %(count)d older archives."
            )
            % {"daily": daily, "monthly": monthly, "count": len(removed)}
        )
        for path in removed:
            self.stdout.write(_("Removed %(path)s") % {"path": path})
