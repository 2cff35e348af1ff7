from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    """Visitor statistics: page views counted without cookies, shown to the public and staff."""

    name = "prakat.statistics"
    label = "statistics"
    verbose_name = _("Visitor statistics")

    def ready(self) -> None:
        # Counting uses the models, which exist only once the registry is ready.
        from django.core.signals import request_finished

        from prakat.content.signals import cached_page_served, page_copies_viewed
        from prakat.statistics import counting

        request_finished.connect(counting.flush_when_due, dispatch_uid="prakat_flush_views")
        cached_page_served.connect(counting.count_cached_view, dispatch_uid="prakat_count_cached")
        page_copies_viewed.connect(counting.count_copy_views, dispatch_uid="prakat_count_copies")
