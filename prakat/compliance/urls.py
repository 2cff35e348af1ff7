from django.urls import path

from prakat.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("ita/", views.ITAView.as_view(), name="ita"),
    path("ita/<int:year>.xlsx", views.ita_xlsx, name="ita_xlsx"),
    path("ita/<int:year>.pdf", views.ita_pdf, name="ita_pdf"),
]
