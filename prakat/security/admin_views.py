"""The security page: the standard's requirements judged for this install, locks, enrolment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.refusal import RightRequiredMixin, holds, require
from prakat.agency.rights import right
from prakat.security import lockout, standard, two_factor
from prakat.security.clock import read_clock
from prakat.security.models import SecuritySettings

VIEW = right("view_security")
MANAGE = right("manage_security")


class SecurityView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/security_page.html"
    page_title = gettext_lazy("Security")
    header_icon = "lock"
    required_right = VIEW

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clock = read_clock()
        settings_ = SecuritySettings.for_request(self.request)
        context.update(
            findings=standard.assess(settings_, clock, secure_request=self.request.is_secure()),
            clock=clock,
            locks=lockout.current_locks(),
            people=[
                {
                    "user": user,
                    "enrolled": two_factor.is_enrolled(user),
                    "codes_left": two_factor.recovery_codes_left(user),
                }
                for user in standard.required_users()
            ],
            may_manage=holds(self.request.user, MANAGE),
        )
        return context

    def post(self, request, *args, **kwargs):
        require(request.user, MANAGE)
        action = request.POST.get("action")
        if action == "unlock":
            username = request.POST.get("username", "")
            ip_address = request.POST.get("ip_address", "")
            lockout.unlock(username=username, ip_address=ip_address)
            messages.success(
                request,
                _("Unlocked: %(who)s.") % {"who": " / ".join(filter(None, [username, ip_address]))},
            )
        elif action == "reset-two-factor":
            person = get_object_or_404(get_user_model(), pk=request.POST.get("user"))
            with transaction.atomic():
                two_factor.reset(person)
            messages.success(
                request,
                _(
                    "Two-step sign-in of %(name)s was reset; they set it up again at their "
                    "next sign-in."
                )
                % {"name": person.get_full_name() or person.get_username()},
            )
        return redirect("security_page")
