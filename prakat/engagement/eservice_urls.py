"""The public e-services, under /e-services/."""

from django.urls import path

from prakat.engagement import eservice_views

app_name = "eservices"

urlpatterns = [
    path("", eservice_views.landing, name="landing"),
    path("complaint/", eservice_views.complaint, name="complaint"),
    path("question/", eservice_views.question, name="question"),
    path("thank-you/", eservice_views.thanks, name="thanks"),
    path("track/", eservice_views.track, name="track"),
    path("questions/", eservice_views.questions, name="questions"),
]
