from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prakat.demo.agencies import DEFAULT, DEMOS
from prakat.demo.loader import load_demo, write_accounts_file


class Command(BaseCommand):
    help = "Load the Thai demo agency (idempotent) and print its accounts, one per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency",
            default=DEFAULT,
            choices=sorted(DEMOS),
            help="Which seed agency the demo is modelled on.",
        )
        parser.add_argument(
            "--accounts-file",
            default=str(settings.VAR_DIR / "demo-accounts.txt"),
            help="Where the demo passwords are kept (readable by its owner only).",
        )

    def handle(self, *args, accounts_file: str, agency: str, **options):
        from pathlib import Path

        from django.core import mail
        from django.test.utils import override_settings

        # The demo's requests notify its made-up people: their e-mails are kept in memory and
        # dropped, neither sent nor printed over the accounts the operator needs to read.
        kept = getattr(mail, "outbox", None)  # a caller's own outbox, put back after
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            try:
                result = load_demo(agency)
                unsent = len(mail.outbox)
            finally:
                if kept is None:
                    del mail.outbox
                else:
                    mail.outbox = kept
        path = Path(accounts_file)
        write_accounts_file(path, result)
        self.stdout.write(
            _("Demo agency: %(agency)s (%(count)d information items added)")
            % {"agency": result.agency.name, "count": result.items_created}
        )
        if unsent:
            self.stdout.write(
                _("The demo's notification e-mails (%(count)d) were not sent.") % {"count": unsent}
            )
        self.stdout.write(
            _(
                "Demo accounts (username, password, role, name, position, two-step sign-in "
                "key — demo only):"
            )
        )
        self.stdout.write(path.read_text(encoding="utf-8"))
        self.stdout.write(
            _(
                "Webmasters, administrators and auditors sign in with a code as well: add "
                "their key to an authenticator app, or run: oathtool --totp -b KEY"
            )
        )
        self.stdout.write(_("Kept in %(path)s") % {"path": path})
