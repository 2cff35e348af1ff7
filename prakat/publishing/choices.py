"""The words a publication request is recorded in: its kinds, its steps, the outcomes of a
decision and the reasons for sending a request back.

Apart from the models, so the forms of the workflow tasks can offer them without importing the
models that use those forms.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    NEW = "new", _("New item")
    UPDATE = "update", _("Update to an existing item")


class RejectionReason(models.TextChoices):
    """The reasons the seeds name for sending a request back, and "other" with text."""

    NOT_RELATED = "not_related", _("Not related to the agency's mission")
    FILE_FORMAT = "file_format", _("File not in an allowed format")
    OTHER = "other", _("Other")


class ReceivedAs(models.TextChoices):
    """How a request recorded by a webmaster reached the agency."""

    PAPER = "paper", _("On paper")
    EMAIL = "email", _("By e-mail")


class Step(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Unit head approval")
    REVIEWER = "reviewer", _("Review by the category's reviewer")
    DIRECTOR = "director", _("Director approval")
    WEBMASTER = "webmaster", _("Webmaster check and publication")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Sent back for changes")
