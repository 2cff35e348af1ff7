from django.apps import AppConfig


class ThaiConfig(AppConfig):
    name = "prakat.thai"
    label = "thai"

    def ready(self) -> None:
        # Installed into Django's and Wagtail's date handling once every app is loaded.
        from prakat.thai import buddhist_era

        buddhist_era.install()
        buddhist_era.install_date_inputs()
