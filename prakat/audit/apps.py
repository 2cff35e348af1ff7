from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "prakat.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        # Imported for what they register: log actions and scheduled jobs.
        from prakat.audit import devserver, jobs, log_actions, receivers, writer  # noqa: F401

        receivers.connect()
        devserver.add_remote_port()
        writer.install_exit_handlers()
