from django.apps import AppConfig


class ThaiConfig(AppConfig):
    name = "prakat.thai"
    label = "thai"
