"""The organisation whose website this is: the agency, its units and the people in them."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from prakat.agency.embeds import ProviderList, all_providers, frame_for, names
from prakat.agency.rights import RIGHTS


class Right(models.Model):
    """Carries the permissions of screens that have no model of their own, as Wagtail's
    ``Admin`` model carries ``access_admin``; the matrix is in :mod:`prakat.agency.rights`."""

    class Meta:
        default_permissions = ()
        permissions = list(RIGHTS.items())
        verbose_name = _("right")
        verbose_name_plural = _("rights")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


# The seeds' list; every agency starts with it and may narrow or widen it.
DEFAULT_ALLOWED_EXTENSIONS = "pdf xls xlsx doc docx jpg png zip rar"
DEFAULT_MAX_UPLOAD_SIZE_MB = 4
# The types whose content Prakat can recognise (prakat.content.upload_policy); an agency may
# allow only these, since a type that cannot be checked cannot be trusted.
SUPPORTED_EXTENSIONS = ("pdf", "xls", "xlsx", "doc", "docx", "jpg", "jpeg", "png", "zip", "rar")


def parse_extensions(text: str) -> list[str]:
    """``".pdf, .XLS docx"`` → ``["pdf", "xls", "docx"]``, order kept, duplicates dropped."""
    seen: list[str] = []
    for token in text.replace(",", " ").split():
        ext = token.strip().lstrip(".").lower()
        if ext and ext not in seen:
            seen.append(ext)
    return seen


# The months in the order of the Thai fiscal year, October first.
FISCAL_MONTHS = [(month, MONTHS[month]) for month in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)]


class Approver(models.TextChoices):
    """Who approves a request before it is published: the seeds' three ways."""

    UNIT_HEAD = "unit_head", _("The head of the requester's unit")
    WEBSITE_UNIT_HEAD = "website_unit_head", _("The head of the unit that runs the website")
    DIRECTOR_OR_UNIT_HEAD = (
        "director_or_unit_head",
        _("The director or the head of the requester's unit"),
    )


@register_setting(icon="site")
class Agency(BaseSiteSetting):
    """One agency per Wagtail site: its identity, contact details and upload policy."""

    name = models.CharField(_("agency name"), max_length=255, blank=True)
    name_en = models.CharField(_("agency name in English"), max_length=255, blank=True)
    affiliation = models.CharField(
        _("affiliation"),
        max_length=255,
        blank=True,
        help_text=_("The body the agency belongs to, e.g. the Office of the Permanent Secretary."),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    allowed_extensions = models.CharField(
        _("allowed file types"),
        max_length=255,
        default=DEFAULT_ALLOWED_EXTENSIONS,
        help_text=_("File name extensions separated by spaces, e.g. pdf docx xlsx jpg png."),
    )
    max_upload_size_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        default=DEFAULT_MAX_UPLOAD_SIZE_MB,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    embed_providers = ProviderList(
        _("shown from other sites"),
        default=all_providers,
        blank=True,
        help_text=_(
            "Only videos, pages and maps of the providers ticked here may be shown in the "
            "public pages; the browser is told to refuse frames from any other site."
        ),
    )
    map_embed = models.URLField(
        _("map to embed"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The address Google Maps gives to embed the agency's map (Share › Embed a map: "
            "the address in src). Empty: the map is drawn from the latitude and longitude."
        ),
    )

    head_title = models.CharField(
        _("title of the agency's head"),
        max_length=255,
        blank=True,
        help_text=_("How memos address the head, e.g. the hospital's director."),
    )
    correspondence_code = models.CharField(
        _("correspondence code"),
        max_length=50,
        blank=True,
        help_text=_("The code before a memo's number, as the agency's register gives it."),
    )
    approver = models.CharField(
        _("who approves a request"),
        max_length=30,
        choices=Approver.choices,
        default=Approver.UNIT_HEAD,
    )
    website_unit = models.ForeignKey(
        "agency.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit that runs the website"),
        help_text=_("Its head approves requests where the agency's guideline says so."),
    )
    approval_step_name = models.CharField(
        _("name of the approval step"),
        max_length=255,
        blank=True,
        help_text=_(
            "How the screens and documents name the approval step, as the agency's guideline "
            "does, e.g. “the district health officer approves”. Empty: named by who approves."
        ),
    )
    requests_own_categories_only = models.BooleanField(
        _("units ask only for their own categories"),
        default=False,
        help_text=_(
            "A unit may ask to publish only in the categories the responsibility matrix "
            "gives it; categories the matrix gives to no unit stay open to all."
        ),
    )
    director_approval_required = models.BooleanField(
        _("director approves every request"),
        default=False,
        help_text=_(
            "After the unit head, the director must also approve before a webmaster publishes."
        ),
    )
    general_pages_need_approval = models.BooleanField(
        _("the director approves general pages"),
        default=False,
        help_text=_(
            "Pages of services, clinics and hours that webmasters write are sent to the "
            "director for approval and go on the site once approved; otherwise webmasters "
            "publish them themselves."
        ),
    )

    prepare_minutes = models.PositiveIntegerField(
        _("time to prepare a request (minutes)"), default=10
    )
    approve_minutes = models.PositiveIntegerField(_("time to approve (minutes)"), default=30)
    publish_minutes = models.PositiveIntegerField(
        _("time to publish (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for “continuously”, as webmasters publish all day."),
    )
    expiry_notice_days = models.PositiveSmallIntegerField(
        _("days of notice before an item comes down"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("The owner unit and the webmasters are told this many days before."),
    )
    renewal_due_day = models.PositiveSmallIntegerField(
        _("day of the period by which a renewed item is due"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "A monthly, quarterly, half-yearly or yearly item counts as due when the new "
            "period's entry is still missing after this day of the period's first month."
        ),
    )
    # The assessment's rules give no day for reports on the year that has ended (the annual
    # report, MOIT 3's analysis, the HR, gift and harassment reports); a report on a year
    # closed on 30 September is written over the quarter after, so Prakat starts at the
    # quarter's end and the agency moves it to the day its assessor asks.
    previous_year_reports_due_month = models.PositiveSmallIntegerField(
        _("month by which reports on the previous fiscal year are due"),
        choices=FISCAL_MONTHS,
        default=12,
    )
    previous_year_reports_due_day = models.PositiveSmallIntegerField(
        _("day of that month"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "A yearly report on the fiscal year that has ended (annual report, procurement "
            "analysis, HR, gift and harassment reports) counts as due after this day; until "
            "then the report on the year before still serves. The assessment's rules give no "
            "day: set the one your assessor asks for."
        ),
    )
    budget_allocation_date = models.DateField(
        _("budget allocation date of this fiscal year"),
        null=True,
        blank=True,
        help_text=_("The procurement plan is due within 30 working days of this date."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_en"),
                FieldPanel("affiliation"),
                FieldPanel("head_title"),
                FieldPanel("correspondence_code"),
            ],
            heading=_("Agency"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("map_embed"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allowed_extensions"),
                FieldPanel("max_upload_size_mb"),
                FieldPanel("embed_providers"),
            ],
            heading=_("Upload policy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("approver"),
                FieldPanel("website_unit"),
                FieldPanel("approval_step_name"),
                FieldPanel("requests_own_categories_only"),
                FieldPanel("director_approval_required"),
                FieldPanel("general_pages_need_approval"),
                FieldRowPanel(
                    [
                        FieldPanel("prepare_minutes"),
                        FieldPanel("approve_minutes"),
                        FieldPanel("publish_minutes"),
                    ]
                ),
            ],
            heading=_("Approval and time standards"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("expiry_notice_days"), FieldPanel("renewal_due_day")]),
                FieldRowPanel(
                    [
                        FieldPanel("previous_year_reports_due_month"),
                        FieldPanel("previous_year_reports_due_day"),
                    ]
                ),
                FieldPanel("budget_allocation_date"),
            ],
            heading=_("Currency of information"),
        ),
    ]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name or str(self.site)

    def clean(self) -> None:
        unknown = [
            e for e in parse_extensions(self.allowed_extensions) if e not in SUPPORTED_EXTENSIONS
        ]
        if unknown:
            raise ValidationError(
                {
                    "allowed_extensions": _(
                        "Prakat cannot check the content of these file types: %(types)s. "
                        "Allowed are: %(supported)s."
                    )
                    % {"types": ", ".join(unknown), "supported": ", ".join(SUPPORTED_EXTENSIONS)}
                }
            )
        if not parse_extensions(self.allowed_extensions):
            raise ValidationError({"allowed_extensions": _("Name at least one file type.")})
        if self.map_embed:
            frame = frame_for(self.map_embed)
            if frame is None or frame.shape != "map":
                raise ValidationError(
                    {
                        "map_embed": _(
                            "This is not the address of a map to embed: give the address "
                            "Google Maps shows under Share › Embed a map (it begins "
                            "https://www.google.com/maps/embed?pb=)."
                        )
                    }
                )
            if frame.provider not in self.embed_providers:
                raise ValidationError(
                    {
                        "map_embed": _(
                            "%(provider)s is not among the sites the public pages may show "
                            "content from: tick it under the upload policy first."
                        )
                        % {"provider": names([frame.provider])}
                    }
                )
        if self.approver == Approver.WEBSITE_UNIT_HEAD and self.website_unit_id is None:
            raise ValidationError(
                {
                    "website_unit": _(
                        "Choose the unit that runs the website: its head approves requests."
                    )
                }
            )
        if self.website_unit_id is not None and self.website_unit.agency_id != self.pk:
            raise ValidationError({"website_unit": _("Choose one of this agency's units.")})
        try:
            # 2001 is a common year: 29 February is not a day every year has.
            datetime.date(
                2001, self.previous_year_reports_due_month, self.previous_year_reports_due_day
            )
        except ValueError:
            raise ValidationError(
                {
                    "previous_year_reports_due_day": _(
                        "%(month)s has no day %(day)d in every year: choose a day it always has."
                    )
                    % {
                        "month": MONTHS[self.previous_year_reports_due_month],
                        "day": self.previous_year_reports_due_day,
                    }
                }
            ) from None

    @property
    def addressed_head(self) -> str:
        return self.head_title or gettext("Director of %(agency)s") % {"agency": self.name}

    @property
    def extensions(self) -> list[str]:
        return parse_extensions(self.allowed_extensions)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_size_mb * 1024 * 1024

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return self.map_embed  # Google's embed address opens the map as a page too
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def contact_details(self) -> dict[str, str]:
        """The five contact items the standard asks for (MOIT 2.1.7), by part; empty where
        the settings do not hold one."""
        return {
            "address": self.address,
            "phone": self.phone,
            "fax": self.fax,
            "email": self.email,
            "map": self.map_url,
        }

    @property
    def map_embed_url(self) -> str:
        """The map the contact page shows in a frame: the one the agency gave to embed, else
        the map around it with its marker as OpenStreetMap embeds it; empty where the agency
        does not allow the map's provider (the contact page then links to the map)."""
        if self.map_embed:
            frame = frame_for(self.map_embed)
            return frame.src if frame and frame.provider in self.embed_providers else ""
        if self.latitude is None or self.longitude is None:
            return ""
        if "openstreetmap" not in self.embed_providers:
            return ""
        lat, lon = float(self.latitude), float(self.longitude)
        box = f"{lon - 0.006:.6f},{lat - 0.004:.6f},{lon + 0.006:.6f},{lat + 0.004:.6f}"
        return (
            "https://www.openstreetmap.org/export/embed.html"
            f"?bbox={box}&layer=mapnik&marker={lat:.6f},{lon:.6f}"
        )

    @classmethod
    def current(cls) -> Agency | None:
        """The agency of the default site: the one agency of an ordinary install."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        return cls.for_site(site)


class Unit(ClusterableModel):
    """A department of the agency (กลุ่มงาน / งาน)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="units", verbose_name=_("agency")
    )
    name = models.CharField(_("unit name"), max_length=255)
    name_en = models.CharField(_("unit name in English"), max_length=255, blank=True)

    panels = [
        FieldPanel("agency"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        InlinePanel("memberships", heading=_("Members"), label=_("Member")),
    ]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def heads(self) -> models.QuerySet:
        return self.memberships.filter(is_head=True).select_related("user")


class PersonSelect(forms.Select):
    """People chosen as they sign: by Thai name and position, never by user name. The
    positions of every person offered are read in one query for the whole list."""

    def optgroups(self, name, value, attrs=None):
        ids = [choice.value for choice, _label in self.choices if hasattr(choice, "instance")]
        self._positions: dict[int, str] = {}
        memberships = Membership.objects.filter(user_id__in=ids).order_by("sort_order", "pk")
        for user_id, position in memberships.values_list("user_id", "position"):
            self._positions.setdefault(user_id, position)  # the first unit's, as they sign
        return super().optgroups(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        user = getattr(value, "instance", None)
        if user is not None:
            position = getattr(self, "_positions", {}).get(user.pk, "")
            label = f"{display_name(user)}, {position}" if position else display_name(user)
        return super().create_option(name, value, label, selected, index, subindex, attrs)


class Membership(Orderable):
    """A person in a unit, with the position they sign with."""

    unit = ParentalKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_head = models.BooleanField(_("unit head"), default=False)

    panels = [
        FieldPanel("user", widget=PersonSelect),
        FieldPanel("position"),
        FieldPanel("is_head"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="membership_unique_per_unit")
        ]

    def __str__(self) -> str:
        return f"{display_name(self.user)} ({self.unit})"


def unit_of(user) -> Unit | None:
    """The unit a staff member asks on behalf of: the first they belong to."""
    membership = Membership.objects.filter(user=user).select_related("unit").first()
    return membership.unit if membership else None


def display_name(user) -> str:
    """How a person is named on forms and notifications: full name, else username."""
    return user.get_full_name() or user.get_username()


def name_and_position(user) -> str:
    """How a person is chosen from a list: as they sign, their name and position. Lists
    prefetch ``memberships`` (see ``with_positions``), so this asks nothing more a person."""
    membership = next(iter(user.memberships.all()), None)
    position = membership.position if membership else ""
    return f"{display_name(user)}, {position}" if position else display_name(user)


def with_positions(users: models.QuerySet) -> models.QuerySet:
    """``users`` with what ``name_and_position`` reads, in one more query for the list."""
    return users.prefetch_related("memberships")


def position_of(user, unit: Unit | None = None) -> str:
    memberships = Membership.objects.filter(user=user)
    if unit is not None:
        memberships = memberships.filter(unit=unit)
    membership = memberships.first()
    return membership.position if membership else ""


def is_head_of(user, unit: Unit) -> bool:
    return Membership.objects.filter(user=user, unit=unit, is_head=True).exists()


class Responsibility(models.Model):
    """One row of the agency's responsibility matrix: who prepares, publishes and checks
    the information of one category (วิธีการและขั้นตอนการเผยแพร่ข้อมูล)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("agency")
    )
    category_key = models.SlugField(
        _("category"),
        max_length=100,
        help_text=_("The checklist key of the category, e.g. laws or pr-jobs."),
    )
    steps = models.TextField(_("steps to publish or update"), blank=True)
    responsible_units = models.ManyToManyField(
        Unit, blank=True, related_name="responsibilities", verbose_name=_("responsible units")
    )
    every_unit = models.BooleanField(
        _("every unit of the agency"),
        default=False,
        help_text=_(
            "Every unit is responsible for this category's information (e.g. each unit's "
            "own work manuals), whichever units are ticked above."
        ),
    )
    unit_publishes = models.BooleanField(
        _("the responsible unit publishes"),
        default=False,
        help_text=_(
            "Members of the responsible units put this category's items online themselves "
            "(as a legal officer does for laws), besides the webmasters."
        ),
    )
    webmasters_publish_too = models.BooleanField(
        _("webmasters also publish"),
        default=True,
        help_text=_(
            "Where the responsible unit publishes: may the webmasters publish this category "
            "too? Untick it where the agency's guideline leaves it to the unit alone."
        ),
    )
    reviewer = models.CharField(_("reviewer"), max_length=255, blank=True)
    reviewing_units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="reviews",
        verbose_name=_("reviewing units"),
        help_text=_(
            "The heads of these units check the category's information after it is approved, "
            "before it is published (the reviewer column of the guideline). Skipped where "
            "none is ticked, or where the approver heads one of them."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("agency"),
        FieldPanel("category_key"),
        FieldPanel("steps"),
        FieldPanel("responsible_units", widget=forms.CheckboxSelectMultiple),
        FieldPanel("every_unit"),
        FieldPanel("unit_publishes"),
        FieldPanel("webmasters_publish_too"),
        FieldPanel("reviewer"),
        FieldPanel("reviewing_units", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibility matrix")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "category_key"], name="responsibility_unique_per_category"
            )
        ]

    def __str__(self) -> str:
        return self.category_key

    def units(self) -> list[Unit]:
        """The responsible units, in the order the agency lists its units (as made)."""
        if self.every_unit:
            return sorted(self.agency.units.all(), key=lambda unit: unit.pk)
        return sorted(self.responsible_units.all(), key=lambda unit: unit.pk)

    def responsible_label(self) -> str:
        """The responsible units, as the guideline says them."""
        if self.every_unit:
            return gettext("Every unit of the agency")
        return ", ".join(unit.name for unit in self.units()) or "-"

    def publishers_label(self) -> str:
        """Who puts the category's items online, as the guideline says it."""
        if not self.unit_publishes:
            return gettext("The webmasters")
        units = self.responsible_label()
        if self.webmasters_publish_too:
            return gettext("%(units)s, and the webmasters") % {"units": units}
        return units


def responsibility_for(agency: Agency, keys: list[str]) -> Responsibility | None:
    """The most specific row for a category, given its checklist keys from the top down."""
    rows = {r.category_key: r for r in agency.responsibilities.filter(category_key__in=keys)}
    for key in reversed(keys):
        if key in rows:
            return rows[key]
    return None


class Executive(Orderable):
    """An executive shown on the website: ITA asks for photo, name, position and phone."""

    # The photo is shown on the public site, so it is public (see ``content.access``).
    shows_files_to_the_public = True

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="executives", verbose_name=_("agency")
    )
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    is_cio = models.BooleanField(
        _("chief information officer (CIO)"),
        default=False,
        help_text=_(
            "The executive the agency has made its CIO: shown under general information, "
            "with photo, name, position and contact."
        ),
    )

    panels = [
        FieldPanel("agency"),
        FieldPanel("name"),
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldPanel("is_cio"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("executive")
        verbose_name_plural = _("executives")

    def __str__(self) -> str:
        return self.name

    def missing_fields(self) -> list[str]:
        """The fields ITA requires that this executive still lacks, by their Thai labels."""
        required = {"photo": self.photo_id, "name": self.name, "position": self.position}
        required["phone"] = self.phone
        return [str(self._meta.get_field(f).verbose_name) for f, v in required.items() if not v]


# The agency's look is a setting of its own (its module says why); imported here so that
# Django knows its model.
from prakat.agency.identity import Identity  # noqa: E402, F401
