"""The website satisfaction survey (แบบประเมินความพึงพอใจต่อเว็บไซต์), Category 10 of the
Government Website Standard: what is asked, and how one answer is kept.

One answer a person a day, without accounts and without tracking cookies: for the day only,
a keyed hash of the address and browser is kept (never the address itself); a second answer
with the same hash that day is refused.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Mapping

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prakat.client import client_address
from prakat.survey.models import SurveyRating, SurveyResponse, SurveyVisitorKey

COMMENT_MAX_LENGTH = 1000
# Comments may hold something personal; after this they are blanked (ratings stay).
COMMENT_RETENTION_DAYS = 365


class Aspect(models.TextChoices):
    """What the survey asks about, in the order asked. Adding one is adding a line here."""

    CURRENT = "current", _("The information is up to date")
    FINDABLE = "findable", _("Information is easy to find")
    EASY_TO_USE = "easy_to_use", _("The website is easy to use")
    DESIGN = "design", _("Design and presentation")
    OVERALL = "overall", _("Overall satisfaction")


class Level(models.IntegerChoices):
    """The five levels of satisfaction, highest first, as Thai surveys list them."""

    HIGHEST = 5, pgettext_lazy("satisfaction level", "Highest")
    HIGH = 4, pgettext_lazy("satisfaction level", "High")
    MODERATE = 3, pgettext_lazy("satisfaction level", "Moderate")
    LOW = 2, pgettext_lazy("satisfaction level", "Low")
    LOWEST = 1, pgettext_lazy("satisfaction level", "Lowest")


class AlreadyAnswered(Exception):
    """This visitor has already answered today."""


def _keyed_hash(purpose: str, day: datetime.date, *parts: str) -> str:
    message = "\x1f".join((purpose, day.isoformat(), *parts)).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def visitor_key(request: HttpRequest, day: datetime.date) -> str:
    """Who answers, for ``day`` only: address and browser, hashed with the secret and day."""
    user_agent = request.headers.get("User-Agent", "")
    return _keyed_hash("survey-visitor", day, client_address(request), user_agent)


def address_key(request: HttpRequest, day: datetime.date) -> str:
    """The address alone, hashed the same way: for the rate limit, whatever the browser says."""
    return _keyed_hash("survey-address", day, client_address(request))


def already_answered(key: str, day: datetime.date) -> bool:
    return SurveyVisitorKey.objects.filter(day=day, key=key).exists()


def record_response(
    ratings: Mapping[str, int],
    comment: str,
    key: str,
    now: datetime.datetime | None = None,
) -> SurveyResponse:
    """Keep one answer and mark the visitor as having answered today, in one transaction.

    Raises :class:`AlreadyAnswered`, storing nothing, when the visitor answered today (also
    when two answers race: the database's unique rule decides).
    """
    now = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                SurveyVisitorKey.objects.create(day=timezone.localdate(now), key=key)
        except IntegrityError as refused:
            raise AlreadyAnswered from refused
        response = SurveyResponse.objects.create(submitted_at=now, comment=comment.strip())
        SurveyRating.objects.bulk_create(
            SurveyRating(response=response, aspect=aspect, level=level)
            for aspect, level in ratings.items()
        )
    return response
