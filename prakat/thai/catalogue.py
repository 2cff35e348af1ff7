"""How much of the staff screens' text the combined Thai catalogue covers.

Django looks a message up in the project's locale folder first, then in each app's. The
measure asks Django itself, in Thai, for every message the installed apps define (read from
their English catalogues, and the project's own), so it counts exactly what a Thai reader
gets. A Wagtail upgrade that adds messages shows up as lower coverage at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation


@dataclass
class Coverage:
    source: str
    total: int = 0
    translated: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _catalogue_files(domain: str) -> dict[str, list[Path]]:
    """English catalogues by source (each installed app, Django itself, the project)."""
    import django

    sources: dict[str, list[Path]] = {}
    django_root = Path(django.__file__).parent
    core = django_root / "conf" / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if core.exists():
        sources["django"] = [core]
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            name = config.name.split(".")[0]
            sources.setdefault(name, []).append(path)
    project = Path(settings.LOCALE_PATHS[0]) / "th" / "LC_MESSAGES" / f"{domain}.po"
    if project.exists():
        sources["prakat"] = [project]
    return sources


def coverage(domain: str = "django") -> list[Coverage]:
    results = []
    with translation.override("th"):
        catalog = DjangoTranslation("th", domain=domain) if domain != "django" else None
        for source, paths in sorted(_catalogue_files(domain).items()):
            result = Coverage(source if domain == "django" else f"{source} ({domain})")
            seen = set()
            for path in paths:
                with path.open("rb") as f:
                    messages = read_po(f)
                for message in messages:
                    if not message.id or (message.context, str(message.id)) in seen:
                        continue
                    seen.add((message.context, str(message.id)))
                    result.total += 1
                    if _translated(message, catalog):
                        result.translated += 1
                    else:
                        result.missing.append(str(message.id if isinstance(message.id, str)
                                                  else message.id[0]))  # fmt: skip
            results.append(result)
    return results


def _translated(message, catalog) -> bool:
    plural = not isinstance(message.id, str)
    singular = message.id[0] if plural else message.id
    if catalog is None:
        if plural:
            text = (
                translation.npgettext(message.context, singular, message.id[1], 1)
                if (message.context)
                else translation.ngettext(singular, message.id[1], 1)
            )
        elif message.context:
            text = translation.pgettext(message.context, singular)
        else:
            text = translation.gettext(singular)
    else:
        key = f"{message.context}\x04{singular}" if message.context else singular
        text = catalog.ngettext(key, message.id[1], 1) if plural else catalog.gettext(key)
        if message.context and text == key:
            text = singular
    return bool(text) and text != singular
