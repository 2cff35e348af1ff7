"""The public e-services, under /e-services/."""

from django.urls import path

from prakat.eservices import views

app_name = "eservices"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("complaint/", views.complaint, name="complaint"),
    path("question/", views.question, name="question"),
    path("thank-you/", views.thanks, name="thanks"),
    path("track/", views.track, name="track"),
    path("questions/", views.questions, name="questions"),
]
