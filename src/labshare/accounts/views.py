"""Registration, the organization page (profile, members, switching) and the operator's approvals."""

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labshare.accounts import services
from labshare.accounts.access import (
    membership_for_admin,
    organization_for,
    organization_for_operator,
    require_reviewer,
)
from labshare.accounts.forms import (
    AddExistingForm,
    ApproveProviderForm,
    InviteForm,
    OrganizationForm,
    PermissionForm,
    RegistrationForm,
    RoleForm,
    SwitchOrganizationForm,
)
from labshare.accounts.middleware import SESSION_KEY
from labshare.accounts.models import Membership, Organization, User
from labshare.core.access import active_can, organizations_of
from labshare.core.errors import DomainError
from labshare.core.forms import ReasonForm, add_domain_error, first_error, run_action
from labshare.core.http import redirect_next


class PlatformPasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": settings.PLATFORM_NAME}


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:organization")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.register_customer(request.actor, **form.service_kwargs())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_KEY] = membership.organization_id
            messages.success(request, _("Welcome! Your organization is registered."))
            return redirect("accounts:organization")
    return render(request, "accounts/register.html", {"form": form})


@login_required
def organization(request: HttpRequest) -> HttpResponse:
    """The active organization: its profile, members and the switcher to the user's others."""
    membership = request.active_membership
    memberships = Membership.objects.filter(user=request.user).select_related("organization")
    context = {"membership": membership, "memberships": memberships}
    if membership is not None:
        members = membership.organization.memberships.select_related("user").order_by(
            "user__username"
        )
        context["members"] = Paginator(members, settings.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["is_admin"] = active_can(request.actor, "accounts.manage_members")
        if context["is_admin"]:
            context.update(
                invite_form=InviteForm(),
                add_form=AddExistingForm(),
                role_form=RoleForm(),
                permission_form=PermissionForm(),
            )
    return render(request, "accounts/organization.html", context)


@login_required
@require_POST
def switch_organization(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganizationForm(request.POST)
    wanted = form.cleaned_data["organization"] if form.is_valid() else None
    if wanted not in organizations_of(request.actor):
        messages.error(request, _("You are not a member of that organization."))
    else:
        request.session[SESSION_KEY] = wanted
    return redirect_next(request, "accounts:organization")


@login_required
def organization_edit(request: HttpRequest) -> HttpResponse:
    org = organization_for(request.actor, "accounts.edit_organization")
    # A copy: the form writes into its instance, and the page must keep showing the saved name.
    form = OrganizationForm(request.POST or None, instance=copy.copy(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(request.actor, org, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The organization profile was saved."))
            return redirect("accounts:organization")
    return render(request, "accounts/organization_form.html", {"form": form})


@login_required
@require_POST
def apply_as_provider(request: HttpRequest) -> HttpResponse:
    org = organization_for(request.actor, "accounts.edit_organization")
    run_action(
        request,
        lambda: services.apply_as_provider(request.actor, org),
        _("Your application was sent; the operator will review it."),
    )
    return redirect("accounts:organization")


@login_required
@require_POST
def member_invite(request: HttpRequest) -> HttpResponse:
    org = organization_for(request.actor, "accounts.manage_members")
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("accounts:organization")
    run_action(
        request,
        lambda: services.invite_member(request.actor, org, **form.cleaned_data),
        _("The account was created and an e-mail to set the password was sent."),
    )
    return redirect("accounts:organization")


@login_required
@require_POST
def member_add(request: HttpRequest) -> HttpResponse:
    org = organization_for(request.actor, "accounts.manage_members")
    form = AddExistingForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("accounts:organization")
    user = User.objects.filter(
        username=form.cleaned_data["username"], email__iexact=form.cleaned_data["email"]
    ).first()
    if user is None:
        messages.error(request, _("There is no account with this user name and e-mail address."))
        return redirect("accounts:organization")
    run_action(
        request,
        lambda: services.add_member(request.actor, org, user, form.cleaned_data["role"]),
        _("The member was added."),
    )
    return redirect("accounts:organization")


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    target = membership_for_admin(request.actor, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.change_role(request.actor, target, form.cleaned_data["role"]),
            _("The role was changed."),
        )
    return redirect("accounts:organization")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    target = membership_for_admin(request.actor, pk)
    run_action(
        request, lambda: services.remove_member(request.actor, target), _("The member was removed.")
    )
    return redirect("accounts:organization")


def _permission_step(request: HttpRequest, pk: int, service, success: str) -> HttpResponse:
    target = membership_for_admin(request.actor, pk)
    form = PermissionForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        permission = form.cleaned_data["permission"]
        run_action(request, lambda: service(request.actor, target, permission), success)
    return redirect("accounts:organization")


@login_required
@require_POST
def member_permission_grant(request: HttpRequest, pk: int) -> HttpResponse:
    return _permission_step(
        request, pk, services.grant_permission, _("The permission was granted.")
    )


@login_required
@require_POST
def member_permission_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _permission_step(
        request, pk, services.revoke_permission, _("The permission was taken back.")
    )


@login_required
def provider_applications(request: HttpRequest) -> HttpResponse:
    require_reviewer(request.actor)
    pending = Organization.objects.filter(provider_requested_at__isnull=False, is_provider=False)
    page = Paginator(pending.order_by("provider_requested_at"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "approve_form": ApproveProviderForm(),
        "reject_form": ReasonForm(),
    }
    return render(request, "accounts/provider_applications.html", context)


@login_required
@require_POST
def provider_approve(request: HttpRequest, pk: int) -> HttpResponse:
    org = organization_for_operator(request.actor, pk)
    form = ApproveProviderForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(
            request,
            lambda: services.approve_provider(request.actor, org, form.cleaned_data["code"]),
            _("The organization is now a provider."),
        )
    return redirect("accounts:provider_applications")


@login_required
@require_POST
def provider_reject(request: HttpRequest, pk: int) -> HttpResponse:
    org = organization_for_operator(request.actor, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        run_action(
            request,
            lambda: services.reject_provider(request.actor, org, form.cleaned_data["reason"]),
            _("The application was rejected."),
        )
    return redirect("accounts:provider_applications")
