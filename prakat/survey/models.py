"""The satisfaction survey's answers: ratings and a comment, nobody's name (see answers.py).

The tables keep the names they had when the survey was part of one "engagement" app, so
existing installs keep their rows where they are.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyResponse(models.Model):
    """One person's answer to the satisfaction survey: ratings and a comment, nobody's name.

    The comment is blanked once the retention period has passed (``retention``); the
    ratings stay, as anonymous counts.
    """

    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)

    class Meta:
        db_table = "engagement_surveyresponse"
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.submitted_at:%Y-%m-%d}"


class SurveyRating(models.Model):
    """The level (5 highest … 1 lowest) one response gave one aspect.

    The aspect is a code from ``answers.Aspect``, kept without database choices so that
    adding an aspect needs no migration.
    """

    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("survey response"),
    )
    aspect = models.CharField(_("aspect"), max_length=40)
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        db_table = "engagement_surveyrating"
        verbose_name = _("survey rating")
        verbose_name_plural = _("survey ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "aspect"], name="survey_one_rating_an_aspect"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="survey_level_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["aspect", "level"])]

    def __str__(self) -> str:
        return f"{self.response_id} {self.aspect}: {self.level}"


class SurveyVisitorKey(models.Model):
    """That someone answered today: a keyed hash of their address and browser, for one day.

    The raw address is never stored; the hash is keyed with the site's secret and the day, so
    it cannot be matched across days, and it is deleted the next day.
    """

    day = models.DateField(_("day"))
    key = models.CharField(_("key"), max_length=64)

    class Meta:
        db_table = "engagement_surveyvisitorkey"
        verbose_name = _("survey visitor key")
        verbose_name_plural = _("survey visitor keys")
        constraints = [
            models.UniqueConstraint(fields=["day", "key"], name="survey_one_response_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.key[:8]}"
