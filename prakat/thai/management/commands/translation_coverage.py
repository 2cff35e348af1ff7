from django.core.management.base import BaseCommand, CommandError

from prakat.thai.catalogue import coverage


class Command(BaseCommand):
    help = "Report how much of each app's text the combined Thai catalogue translates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min", type=float, default=0.0, help="Fail when overall coverage is lower (%)."
        )
        parser.add_argument("--missing", action="store_true", help="List untranslated text.")

    def handle(self, *args, min: float, missing: bool, **options):
        rows = coverage("django") + coverage("djangojs")
        total = sum(r.total for r in rows)
        translated = sum(r.translated for r in rows)
        for r in rows:
            self.stdout.write(f"{r.source:<18} {r.translated:>5}/{r.total:<5} {r.percent:6.1f}%")
            if missing:
                for text in r.missing:
                    self.stdout.write(f"    {text}")
        overall = 100.0 * translated / total if total else 100.0
        self.stdout.write(f"{'all':<18} {translated:>5}/{total:<5} {overall:6.1f}%")
        if overall < min:
            raise CommandError(f"Thai coverage {overall:.1f}% is below {min:.1f}%")
