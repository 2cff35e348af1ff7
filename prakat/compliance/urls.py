from django.urls import path

from prakat.compliance import indicator_file_views, views

app_name = "compliance"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("ita/", views.ITAView.as_view(), name="ita"),
    path("ita/<int:year>.xlsx", views.ita_xlsx, name="ita_xlsx"),
    path("ita/<int:year>.pdf", views.ita_pdf, name="ita_pdf"),
    path("indicator-files/", indicator_file_views.indicator_files, name="indicator_files"),
    path(
        "indicator-files/import/",
        indicator_file_views.confirm_import,
        name="confirm_indicator_import",
    ),
    path(
        "indicator-files/<int:year>/remove/",
        indicator_file_views.remove_import,
        name="remove_indicator_import",
    ),
    path(
        "indicator-files/<int:year>.yaml",
        indicator_file_views.indicator_file,
        name="indicator_file",
    ),
]
