"""Who hears about a need, a proposal or an agreement, and what they read: each step tells the
side that must act next. Called inside the services' transactions (see core.notify)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from labshare.booking.notifications import in_platform_language
from labshare.core.access import holding_users
from labshare.core.notify import Message, notify, notify_all

VERB = "cooperation"
POLITE_DECLINE = gettext_lazy(
    "Thank you for your proposal on “%(need)s”. %(customer)s has chosen another approach this "
    "time. We hope to work with %(provider)s on a future need."
)


def _people(permission: str, organization_id: int):
    return holding_users(permission, organization_id)


def _firm(need, permission="cooperation.post_need"):
    return _people(permission, need.customer_id)


def _need_url(need) -> str:
    return reverse("cooperation:need_detail", args=[need.pk])


def _proposal_url(proposal) -> str:
    return reverse("cooperation:proposal_detail", args=[proposal.pk])


def _agreement_url(agreement) -> str:
    return reverse("cooperation:agreement_detail", args=[agreement.pk])


def _tell_providers(verb: str, rows) -> None:
    """One message per provider, to its people who propose: rows of (provider id, title,
    body, url), all in one INSERT; nothing when there are none."""
    messages = [
        Message(_people("cooperation.propose", provider_id), title, body, url)
        for provider_id, title, body, url in rows
    ]
    if messages:
        notify_all(f"{VERB}.{verb}", messages)


@in_platform_language
def need_posted(need, provider_ids) -> None:
    """The providers following the need's field read its public summary (never the details)."""
    title = _("New need in %(field)s: %(title)s") % {"field": need.field.name, "title": need.title}
    body = "\n".join(
        [
            need.summary,
            _("Mode: %(mode)s") % {"mode": need.get_mode_display()},
            _("Proposals until %(day)s") % {"day": need.deadline},
        ]
    )
    _tell_providers(
        "need_posted", [(pk, title, body, _need_url(need)) for pk in sorted(provider_ids)]
    )


@in_platform_language
def need_changed(need, proposals) -> None:
    title = _("The need “%(title)s” was changed") % {"title": need.title}
    body = _("Check whether your proposal still answers it.")
    _tell_providers(
        "need_changed", [(p.provider_id, title, body, _need_url(need)) for p in proposals]
    )


@in_platform_language
def need_withdrawn(need, proposals) -> None:
    title = _("The need “%(title)s” was withdrawn") % {"title": need.title}
    _tell_providers(
        "need_withdrawn",
        [(p.provider_id, title, need.close_reason, _proposal_url(p)) for p in proposals],
    )


@in_platform_language
def access_granted(access, *, invited: bool) -> None:
    need = access.need
    title = (
        _("%(customer)s invites you to a confidential need")
        if invited
        else _("%(customer)s lets you read its confidential need")
    ) % {"customer": need.customer.name}
    notify(
        _people("cooperation.propose", access.provider_id),
        f"{VERB}.access_granted",
        title,
        _("Accept the confidentiality undertaking to read “%(title)s” and propose.")
        % {"title": need.title},
        _need_url(need),
    )


@in_platform_language
def access_requested(access) -> None:
    notify(
        _firm(access.need),
        f"{VERB}.access_requested",
        _("%(provider)s asks to read “%(title)s”")
        % {"provider": access.provider.name, "title": access.need.title},
        _("Grant or refuse the request on the need's page."),
        _need_url(access.need),
    )


@in_platform_language
def access_refused(access) -> None:
    notify(
        _people("cooperation.propose", access.provider_id),
        f"{VERB}.access_refused",
        _("%(customer)s keeps “%(title)s” to the providers it has chosen")
        % {"customer": access.need.customer.name, "title": access.need.title},
        "",
        _need_url(access.need),
    )


@in_platform_language
def undertaking_accepted(access) -> None:
    notify(
        _firm(access.need),
        f"{VERB}.undertaking_accepted",
        _("%(provider)s accepted the confidentiality undertaking for “%(title)s”")
        % {"provider": access.provider.name, "title": access.need.title},
        "",
        _need_url(access.need),
    )


@in_platform_language
def proposal_submitted(proposal) -> None:
    notify(
        _firm(proposal.need),
        f"{VERB}.proposal_submitted",
        _("%(provider)s proposes on “%(title)s”")
        % {"provider": proposal.provider.name, "title": proposal.need.title},
        _("Price: %(price)s yuan, %(days)d days.")
        % {"price": proposal.price, "days": proposal.duration_days},
        _proposal_url(proposal),
    )


@in_platform_language
def proposal_shortlisted(proposal) -> None:
    notify(
        _people("cooperation.propose", proposal.provider_id),
        f"{VERB}.proposal_shortlisted",
        _("Your proposal on “%(title)s” is shortlisted") % {"title": proposal.need.title},
        _("The firm may ask questions in the proposal's thread."),
        _proposal_url(proposal),
    )


@in_platform_language
def proposals_declined(need, proposals) -> None:
    title = _("About your proposal on “%(title)s”") % {"title": need.title}
    facts = {"need": need.title, "customer": need.customer.name}
    _tell_providers(
        "proposal_declined",
        [
            (
                p.provider_id,
                title,
                p.decline_message or POLITE_DECLINE % {**facts, "provider": p.provider.name},
                _proposal_url(p),
            )
            for p in proposals
        ],
    )


@in_platform_language
def proposal_accepted(proposal, agreement) -> None:
    notify(
        _people("cooperation.propose", proposal.provider_id)
        + _people("cooperation.contract", proposal.provider_id),
        f"{VERB}.proposal_accepted",
        _("Your proposal on “%(title)s” is accepted") % {"title": proposal.need.title},
        _("Settle the agreement's milestones with %(customer)s and sign it.")
        % {"customer": proposal.need.customer.name},
        _agreement_url(agreement),
    )


@in_platform_language
def proposal_withdrawn(proposal) -> None:
    notify(
        _firm(proposal.need),
        f"{VERB}.proposal_withdrawn",
        _("%(provider)s withdrew its proposal on “%(title)s”")
        % {"provider": proposal.provider.name, "title": proposal.need.title},
        "",
        _need_url(proposal.need),
    )


@in_platform_language
def message_posted(message, side: str) -> None:
    proposal = message.proposal
    if side == "customer":
        users = _people("cooperation.propose", proposal.provider_id)
    else:
        users = _firm(proposal.need)
    notify(
        [user for user in users if user.pk != message.author_id],
        f"{VERB}.message",
        _("New message on the proposal for “%(title)s”") % {"title": proposal.need.title},
        message.body[:200],
        _proposal_url(proposal),
    )


def _both(agreement, permission="cooperation.contract"):
    return _people(permission, agreement.customer_id) + _people(permission, agreement.provider_id)


@in_platform_language
def agreement_signed(agreement, side: str) -> None:
    if agreement.status == agreement.Status.ACTIVE:
        title = _("The agreement “%(title)s” is in force") % {"title": agreement.title}
    else:
        title = _("“%(title)s” was signed by %(party)s: your signature is awaited") % {
            "title": agreement.title,
            "party": (agreement.customer if side == "customer" else agreement.provider).name,
        }
    notify(_both(agreement), f"{VERB}.agreement_signed", title, "", _agreement_url(agreement))


@in_platform_language
def signatures_cleared(agreement) -> None:
    notify(
        _both(agreement),
        f"{VERB}.agreement_changed",
        _("The terms of “%(title)s” changed: both sides sign again") % {"title": agreement.title},
        "",
        _agreement_url(agreement),
    )


@in_platform_language
def milestone_delivered(milestone) -> None:
    agreement = milestone.agreement
    notify(
        _people("cooperation.contract", agreement.customer_id),
        f"{VERB}.milestone_delivered",
        _("Milestone delivered: %(deliverable)s") % {"deliverable": milestone.deliverable},
        _("Check it and accept it on the agreement's page."),
        _agreement_url(agreement),
    )


@in_platform_language
def milestone_accepted(milestone) -> None:
    agreement = milestone.agreement
    notify(
        _people("cooperation.propose", agreement.provider_id),
        f"{VERB}.milestone_accepted",
        _("Milestone accepted: %(deliverable)s") % {"deliverable": milestone.deliverable},
        "",
        _agreement_url(agreement),
    )


@in_platform_language
def milestone_returned(milestone, reason: str) -> None:
    agreement = milestone.agreement
    notify(
        _people("cooperation.propose", agreement.provider_id),
        f"{VERB}.milestone_returned",
        _("Milestone sent back: %(deliverable)s") % {"deliverable": milestone.deliverable},
        reason,
        _agreement_url(agreement),
    )


@in_platform_language
def agreement_closed(agreement) -> None:
    notify(
        _both(agreement),
        f"{VERB}.agreement_{agreement.status}",
        _("The agreement “%(title)s” is %(status)s")
        % {"title": agreement.title, "status": agreement.get_status_display()},
        agreement.end_reason,
        _agreement_url(agreement),
    )
