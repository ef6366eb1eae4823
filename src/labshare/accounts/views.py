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

from labshare.accounts import queries, services
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
    LoginForm,
    OrganizationForm,
    PermissionForm,
    ProviderApplicationForm,
    RegistrationForm,
    RoleForm,
    SwitchOrganizationForm,
)
from labshare.accounts.landing import landing_url
from labshare.accounts.middleware import SESSION_KEY
from labshare.accounts.models import ProviderApplication
from labshare.accounts.throttle import may_send_reset
from labshare.core.access import active_can, organizations_of
from labshare.core.errors import DomainError
from labshare.core.forms import ReasonForm, add_domain_error, first_error, run_action
from labshare.core.http import redirect_next, wants_partial
from labshare.core.pinyin import suggested_code


class PlatformLoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PlatformPasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": settings.PLATFORM_NAME}

    def form_valid(self, form):
        if not may_send_reset(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "A password link was requested several times in the last hour. Please "
                    "look for the mails already sent (also in the spam folder) or try later."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PlatformPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting the password logs the person in and tells them their user name."""

    post_reset_login = True
    post_reset_login_backend = "labshare.accounts.backends.IdentifierBackend"
    success_url = reverse_lazy("accounts:landing")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _(
                "Your password is set. Your user name is %(username)s; you can also log in "
                "with your e-mail address %(email)s."
            )
            % {"username": self.user.username, "email": self.user.email},
        )
        return response


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """After logging in, each person lands where their work is."""
    return redirect(landing_url(request.actor))


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
            login(request, membership.user, backend="labshare.accounts.backends.IdentifierBackend")
            request.session[SESSION_KEY] = membership.organization_id
            messages.success(request, _("Welcome! Your organization is registered."))
            if form.cleaned_data["apply_as_provider"]:
                return redirect("accounts:apply_as_provider")
            return redirect("accounts:landing")
    return render(request, "accounts/register.html", {"form": form})


@login_required
def organization(request: HttpRequest) -> HttpResponse:
    """The active organization: its profile, members and the switcher to the user's others."""
    membership = request.active_membership
    memberships = queries.memberships_of(request.user)
    context = {"membership": membership, "memberships": memberships}
    if membership is not None:
        members = queries.members_of(membership.organization)
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
def apply_as_provider(request: HttpRequest) -> HttpResponse:
    """The application form: contact, the lab, accreditation; the operator decides."""
    org = organization_for(request.actor, "accounts.edit_organization")
    initial = {
        "contact_name": org.contact_name or request.user.full_name,
        "contact_phone": org.contact_phone or request.user.phone,
        "contact_email": org.contact_email or request.user.email,
        "lab_description": org.description,
    }
    form = ProviderApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in ProviderApplication.FORM_FIELDS}
        try:
            services.apply_as_provider(request.actor, org, **details)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your application was sent; the operator will review it and tell you here and by e-mail."
                ),
            )
            return redirect("accounts:organization")
    context = {"form": form, "organization": org, "history": queries.provider_applications_of(org)}
    return render(request, "accounts/provider_apply.html", context)


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
    user = queries.existing_account(form.cleaned_data["username"], form.cleaned_data["email"])
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
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a member after confirming (GET shows the confirmation, in place for htmx)."""
    target = membership_for_admin(request.actor, pk)
    if request.method != "POST":
        template = "_remove_confirm.html" if wants_partial(request) else "remove_confirm.html"
        return render(request, f"accounts/{template}", {"target": target})
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
    page = Paginator(queries.pending_provider_applications(), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for application in page.object_list:
        application.suggested_code = suggested_code(
            application.organization.short_name or application.organization.name
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
