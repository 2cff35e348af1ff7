from django.urls import path

from prakat.site_import import views

app_name = "site_import"

urlpatterns = [
    path("", views.imports, name="imports"),
    path("<int:pk>/mapping/", views.mapping, name="mapping"),
    path("<int:pk>/", views.report, name="report"),
]
