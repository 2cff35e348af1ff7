from django.apps import AppConfig


class DemoConfig(AppConfig):
    """A realistic Thai demo agency. Depends on every other app; nothing depends on it."""

    name = "prakat.demo"
    label = "demo"
