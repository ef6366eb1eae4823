"""The reads of the cooperation pages: the board, each side's lists, a need's proposals side by
side, an agreement's timeline. Every list is a queryset with its relations fetched in a fixed
number of queries, for the Paginator."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from labshare.booking.models import Reservation
from labshare.catalog.understanding import words_of
from labshare.cooperation.models import (
    LIVE,
    Agreement,
    AgreementLink,
    FieldFollow,
    IndustryField,
    Mode,
    Need,
    NeedAccess,
    NeedMatch,
    Proposal,
)
from labshare.core import clock
from labshare.orders.models import ServiceOrder

MAX_WORDS = 6
_NEED_ROWS = ("customer", "field", "field__parent")


def active_fields() -> QuerySet[IndustryField]:
    return IndustryField.objects.filter(is_active=True).select_related("parent")


def field_choices() -> list[tuple[str, str]]:
    """Sectors with their focus areas under them, for the selects."""
    fields = list(active_fields())
    rows = []
    for sector in (f for f in fields if f.parent_id is None):
        rows.append((sector.code, sector.name))
        rows += [(f.code, f"— {f.name}") for f in fields if f.parent_id == sector.code]
    return rows


@dataclass
class BoardFilter:
    q: str = ""
    field: str = ""
    mode: str = ""
    show: str = "open"  # open | all

    def needs(self) -> QuerySet[Need]:
        needs = Need.objects.select_related(*_NEED_ROWS).annotate(
            proposal_count=Count("proposals", filter=Q(proposals__status__in=LIVE))
        )
        if self.show == "all":
            needs = needs.exclude(status=Need.Status.WITHDRAWN)
        else:
            needs = needs.filter(status=Need.Status.OPEN, deadline__gte=clock.today())
        if self.field:
            needs = needs.filter(Q(field_id=self.field) | Q(field__parent_id=self.field))
        if self.mode in Mode.values:
            needs = needs.filter(mode=self.mode)
        for word in words_of(self.q)[:MAX_WORDS]:
            # A confidential need is searched only in what the board shows of it.
            needs = needs.filter(
                Q(title__icontains=word)
                | Q(public_summary__icontains=word)
                | Q(is_confidential=False, problem__icontains=word)
                | Q(is_confidential=False, expected_outcome__icontains=word)
            )
        return needs.order_by("deadline" if self.show == "open" else "-created_at", "-id")


def firm_needs(customer_id: int, show: str) -> QuerySet[Need]:
    needs = Need.objects.filter(customer_id=customer_id).select_related(*_NEED_ROWS)
    if show == "open":
        needs = needs.filter(status=Need.Status.OPEN)
    elif show == "closed":
        needs = needs.exclude(status=Need.Status.OPEN)
    return needs.annotate(
        proposal_count=Count("proposals", filter=Q(proposals__status__in=LIVE), distinct=True),
        request_count=Count(
            "accesses", filter=Q(accesses__status=NeedAccess.Status.REQUESTED), distinct=True
        ),
    ).order_by("-created_at", "-id")


def matched_needs(provider_id: int) -> QuerySet[NeedMatch]:
    """Open needs the provider was matched to (never its own), best match first."""
    return (
        NeedMatch.objects.filter(
            provider_id=provider_id,
            need__status=Need.Status.OPEN,
            need__deadline__gte=clock.today(),
        )
        .exclude(need__customer_id=provider_id)
        .select_related("need__customer", "need__field")
        .order_by("-score", "-need__created_at", "need_id")
    )


def provider_proposals(provider_id: int) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(provider_id=provider_id)
        .select_related("need__customer", "need__field")
        .order_by("-created_at", "-id")
    )


def followed(provider_id: int) -> set[str]:
    return set(
        FieldFollow.objects.filter(provider_id=provider_id).values_list("field_id", flat=True)
    )


def need_disciplines(need: Need) -> list:
    return list(need.disciplines.order_by("code"))


def accesses_of(need: Need) -> list[NeedAccess]:
    return list(
        need.accesses.select_related("provider", "undertaking_by").order_by("provider__name_sort")
    )


def access_of(need: Need, provider_id: int | None) -> NeedAccess | None:
    if provider_id is None:
        return None
    return NeedAccess.objects.filter(need=need, provider_id=provider_id).first()


def proposal_of(need: Need, provider_id: int | None) -> Proposal | None:
    if provider_id is None:
        return None
    return need.proposals.filter(provider_id=provider_id, status__in=LIVE).first()


def proposals_of(need: Need) -> list[Proposal]:
    """A need's proposals for the side-by-side comparison: live ones first, cheapest first."""
    rows = (
        need.proposals.select_related("provider", "created_by")
        .prefetch_related("instruments")
        .annotate(message_count=Count("messages"))
    )
    order = {"accepted": 0, "shortlisted": 1, "submitted": 2, "declined": 3, "withdrawn": 4}
    return sorted(rows, key=lambda p: (order[p.status], p.price, p.pk))


def thread(proposal: Proposal):
    return proposal.messages.select_related("author", "organization").order_by("created_at", "id")


def agreements_of(organization_ids, show: str) -> QuerySet[Agreement]:
    rows = Agreement.objects.filter(
        Q(customer_id__in=organization_ids) | Q(provider_id__in=organization_ids)
    )
    if show == "open":
        rows = rows.filter(status__in=(Agreement.Status.DRAFT, Agreement.Status.ACTIVE))
    elif show == "closed":
        rows = rows.filter(status__in=(Agreement.Status.COMPLETED, Agreement.Status.TERMINATED))
    today = clock.today()
    return (
        rows.select_related("customer", "provider")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            accepted_count=Count(
                "milestones", filter=Q(milestones__accepted_at__isnull=False), distinct=True
            ),
            overdue_count=Count(
                "milestones",
                filter=Q(milestones__accepted_at__isnull=True, milestones__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-id")
    )


@dataclass
class Timeline:
    milestones: list
    allocated: object
    overdue: int
    reservations: list
    orders: list


def timeline(agreement: Agreement, today: date | None = None) -> Timeline:
    today = today or clock.today()
    milestones = list(
        agreement.milestones.select_related("delivered_by", "accepted_by").order_by("due_on", "id")
    )
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today) and agreement.status == "active"
    links = list(
        agreement.links.select_related(
            "reservation__instrument", "order__provider", "linked_by"
        ).order_by("linked_at", "id")
    )
    return Timeline(
        milestones=milestones,
        allocated=sum((m.amount for m in milestones), start=0),
        overdue=sum(1 for m in milestones if m.overdue),
        reservations=[link.reservation for link in links if link.reservation_id],
        orders=[link.order for link in links if link.order_id],
    )


def linkable_reservations(agreement: Agreement, organization_id: int) -> list[Reservation]:
    """The party's recent reservations not yet linked to an agreement, for the link form."""
    linked = AgreementLink.objects.filter(reservation__isnull=False).values("reservation_id")
    return list(
        Reservation.objects.filter(organization_id=organization_id)
        .exclude(pk__in=linked)
        .exclude(status__in=(Reservation.Status.REJECTED, Reservation.Status.CANCELLED))
        .select_related("instrument")
        .order_by("-start")[:30]
    )


def linkable_orders(agreement: Agreement, organization_id: int) -> list[ServiceOrder]:
    linked = AgreementLink.objects.filter(order__isnull=False).values("order_id")
    return list(
        ServiceOrder.objects.filter(customer_id=organization_id)
        .exclude(pk__in=linked)
        .exclude(status=ServiceOrder.Status.DRAFT)
        .select_related("provider")
        .order_by("-created_at")[:30]
    )


def need_picture(actor, need: Need) -> dict:
    """What the need's page shows this viewer: the details or only the summary, and the panel
    of the firm or of a provider."""
    from labshare.cooperation import access
    from labshare.core.access import active_can, can

    organization = getattr(actor, "organization", None)
    is_firm = organization is not None and organization.pk == need.customer_id
    is_firm = is_firm and can(actor, access.POST, need.customer_id)
    as_provider = (
        not is_firm
        and organization is not None
        and active_can(actor, access.PROPOSE, provider=True)
    )
    provider_id = organization.pk if as_provider else None
    picture = {
        "is_firm": is_firm,
        "as_provider": as_provider,
        "details": access.reads_details(actor, need),
        "disciplines": need_disciplines(need),
        "accepting": need.accepts_proposals(clock.today()),
        "my_access": access_of(need, provider_id) if need.is_confidential else None,
        "my_proposal": proposal_of(need, provider_id),
    }
    if is_firm:
        picture["accesses"] = accesses_of(need)
        picture["proposal_count"] = need.proposals.filter(status__in=LIVE).count()
        picture["agreement"] = Agreement.objects.filter(need=need).first()
    return picture
