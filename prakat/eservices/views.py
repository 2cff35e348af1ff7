"""The public's e-services: send a complaint or a question, follow it by its code, read the
agency's published answers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from prakat.agency.models import Agency
from prakat.content.upload_policy import UploadPolicy
from prakat.eservices import cases
from prakat.eservices.cases import RETENTION_DAYS
from prakat.eservices.forms import CaseForm, TrackForm
from prakat.eservices.models import CaseKind

SESSION_KEY = "prakat_eservice_code"
# The form's submission key whose case's code is in the session: the same form sent again
# (after a failure the browser reported) leads to that code instead of a second case.
SENT_KEY = "prakat_eservice_sent"
QUESTIONS_PER_PAGE = 20


def landing(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "eservices/landing.html", {})


def _agency(request: HttpRequest) -> Agency:
    return Agency.for_request(request)


def _send(request: HttpRequest, *, complaint: bool) -> HttpResponse:
    agency = _agency(request)
    policy = UploadPolicy.for_agency(agency)
    template = "eservices/complaint.html" if complaint else "eservices/question.html"
    status = 200
    limited = False
    if request.method == "POST":
        form = CaseForm(request.POST, request.FILES, policy=policy, with_kind=complaint)
        if form.is_spam:
            request.session.pop(SESSION_KEY, None)
            return redirect("eservices:thanks")
        limited = cases.over_limit(request, "submit", cases.SUBMISSIONS_PER_HOUR)
        if limited:
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            if _already_sent(request, data):
                return redirect("eservices:thanks")
            case = cases.submit_case(
                agency,
                kind=data["kind"] if complaint else CaseKind.QUESTION,
                subject=data["subject"],
                details=data["details"],
                files=data.get("attachments", []),
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                also=lambda case: _remember(request, case, data["submission"]),
            )
            cases.send_code_to_citizen(case)
            return redirect("eservices:thanks")
        else:
            status = 400
    else:
        form = CaseForm(policy=policy, with_kind=complaint)
        # The session starts with the form, so its cookie is in the browser before anything
        # is sent: a code committed with a case can then always be found again.
        request.session.setdefault(SENT_KEY, "")
    return TemplateResponse(
        request,
        template,
        {"form": form, "limited": limited, "retention_years": RETENTION_DAYS // 365},
        status=status,
    )


def _remember(request: HttpRequest, case, submission: str) -> None:
    """Put the case's code in the citizen's session, in the case's own transaction."""
    request.session[SESSION_KEY] = case.tracking_code
    request.session[SENT_KEY] = submission
    request.session.save()


def _already_sent(request: HttpRequest, data: dict) -> bool:
    """Whether this very form, same words, made the case whose code the session holds."""
    if not data["submission"] or data["submission"] != request.session.get(SENT_KEY):
        return False
    case = cases.find_case(request.session.get(SESSION_KEY, ""))
    return case is not None and (case.subject, case.details) == (data["subject"], data["details"])


@never_cache
def complaint(request: HttpRequest) -> HttpResponse:
    return _send(request, complaint=True)


@never_cache
def question(request: HttpRequest) -> HttpResponse:
    return _send(request, complaint=False)


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SESSION_KEY, "")
    case = cases.find_case(code) if code else None
    return TemplateResponse(request, "eservices/thanks.html", {"case": case})


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """The code is posted, not put in the address: it stays out of history and server logs."""
    case = None
    not_found = limited = False
    status = 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        # Every try counts, found or not, so the limit itself tells nothing.
        limited = cases.over_limit(request, "track", cases.LOOKUPS_PER_HOUR)
        if limited:
            status = 429
        elif form.is_valid():
            case = cases.find_case(form.cleaned_data["code"])
            not_found = case is None
            status = 404 if not_found else 200
        else:
            status = 400
    else:
        form = TrackForm()
    context = {"form": form, "case": case, "not_found": not_found, "limited": limited}
    if case is not None:
        context["replies"] = case.public_replies()
        context["received_step"] = case.received_at
    return TemplateResponse(request, "eservices/track.html", context, status=status)


def questions(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(
        cases.published_questions().prefetch_related("events"), QUESTIONS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    entries = [(case, list(case.public_replies())) for case in page.object_list]
    return TemplateResponse(
        request,
        "eservices/questions.html",
        {"page_obj": page, "entries": entries, "title": _("Questions and answers")},
    )
