"""Every public service refuses an actor of another organisation, and writes nothing then.

The walk finds the services itself (every public function of every services module), so a new
service without a line in SERVICE_CALLS fails here until somebody says how to call it.
"""

import inspect
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Model

from labshare.accounts import services as account_services
from labshare.accounts.models import Membership, Organization
from labshare.billing import jobs as billing_jobs
from labshare.billing import services as billing_services
from labshare.billing.models import Charge, Price, Tier
from labshare.booking import services as booking_services
from labshare.booking.models import Reservation
from labshare.catalog import import_jobs, importer
from labshare.catalog import services as catalog_services
from labshare.catalog import testing as testing_services
from labshare.cooperation import services as cooperation_services
from labshare.cooperation.models import (
    Agreement,
    IndustryField,
    Milestone,
    Need,
    NeedAccess,
    Proposal,
)
from labshare.core import services as core_services
from labshare.core.actors import system_actor
from labshare.core.errors import NotAllowed
from labshare.core.models import AuditEvent
from labshare.insights import indicators
from labshare.insights import jobs as insights_jobs
from labshare.insights import quotas as insights_quotas
from labshare.orders import services as order_services
from labshare.orders.models import Result
from tests.billing.conftest import PROGRAMME
from tests.booking import conftest as booking_fixtures
from tests.booking.conftest import NOW, at
from tests.catalog.test_console_views import png_upload
from tests.catalog.test_import_export import row, upload, xlsx
from tests.cooperation.conftest import TODAY, milestone, need_fields, post, propose, sign
from tests.factories import (
    act,
    application_details,
    apply_as_provider,
    make_instrument,
    next_uscc,
)
from tests.orders.conftest import ORDER_FIELDS, add_cma, make_signer, make_test_service
from tests.orders.conftest import walk as walk_order

# The booking app's fixtures: a frozen clock and an instrument open on weekdays.
now = booking_fixtures.now
instrument = booking_fixtures.instrument

MODULES = [
    account_services,
    catalog_services,
    booking_services,
    core_services,
    importer,
    import_jobs,
    testing_services,
    order_services,
    billing_services,
    billing_jobs,
    insights_quotas,
    indicators,
    insights_jobs,
    cooperation_services,
]
# Public functions of those modules that are not services an actor calls, and why.
NOT_SERVICES = {
    "account_services.hash_token_key": "a pure function",
    "catalog_services.ensure_provider_staff": "the permission check itself",
    "catalog_services.changed_fields": "a pure comparison",
    "catalog_services.check_new_instrument": "an in-memory check inside create_instruments",
    "catalog_services.check_new_instruments": "the same checks for a batch, writing nothing",
    "catalog_services.taken_numbers": "a read",
    "importer.read_rows": "reads a file; import_instruments is the service",
    "importer.parse_rows": "a pure parser",
    "importer.check_upload": "a check of a file, no write",
    "import_jobs.run_import_job": "the worker's side; acts as the person who started the job",
    "billing_jobs.run_billing_job": "the worker's side; acts as the person who queued the job",
    "billing_jobs.run_export_job": "the worker's side; writes the file an allowed reader asked for",
    "testing_services.ensure_testing_staff": "the permission check itself",
    "insights_quotas.quota_of": "a read",
    "insights_jobs.run_assessment_job": "the worker's side; writes the file an allowed reader asked for",
    # Acts only on the actor's own notifications: an outsider marking theirs read is correct.
    "core_services.mark_notifications_read": "owns no other tenant's data",
}


def _name(module, function) -> str:
    alias = {
        account_services: "account_services",
        catalog_services: "catalog_services",
        booking_services: "booking_services",
        core_services: "core_services",
        importer: "importer",
        import_jobs: "import_jobs",
        testing_services: "testing_services",
        order_services: "order_services",
        billing_services: "billing_services",
        billing_jobs: "billing_jobs",
        insights_quotas: "insights_quotas",
        indicators: "indicators",
        insights_jobs: "insights_jobs",
        cooperation_services: "cooperation_services",
    }[module]
    return f"{alias}.{function}"


def public_functions() -> dict[str, object]:
    found = {}
    for module in MODULES:
        names = getattr(module, "__all__", None) or [
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
        ]
        for name in names:
            if not name.startswith("_"):
                found[_name(module, name)] = getattr(module, name)
    return found


@pytest.fixture
def world(
    provider_org,
    provider_admin,
    technician,
    sme_org,
    sme_admin,
    sme_member,
    operator,
    instrument,
    now,
):
    """Objects of the provider and of the customer, made through the services."""
    admin, tech = act(provider_admin), act(technician)
    pending = booking_services.request_reservation(
        act(sme_member), instrument, sme_org, at(4, 9), at(4, 11)
    )
    confirmed = booking_services.approve_reservation(
        tech,
        booking_services.request_reservation(
            act(sme_member), instrument, sme_org, at(4, 13), at(4, 15)
        ),
    )
    window = instrument.weekly_windows.first()
    opening = booking_services.add_extra_opening(admin, instrument, at(7, 9), at(7, 12))
    blackout = booking_services.add_blackout(admin, instrument, at(5, 9), at(5, 12), "检修")
    qualification = booking_services.grant_qualification(tech, instrument, sme_member)
    self_operated = make_instrument(provider_org, "自助材料试验机", booking_mode="self")
    training = booking_services.request_training(
        act(sme_member), self_operated, sme_org, "拉伸测试"
    )
    photo = catalog_services.add_photo(tech, instrument, png_upload())
    applicant = account_services.register_customer(
        system_actor(),
        username="applicant",
        password="a-long-password-1",
        email="applicant@example.cn",
        full_name="申请人",
        name="申请科技有限公司",
        uscc=_uscc(),
    )
    apply_as_provider(applicant)
    pending_provider = applicant.organization
    token, _key = account_services.create_api_token(
        act(sme_admin), sme_org, name="脚本", scopes=["booking.request"]
    )
    world = {
        "instrument": instrument,
        "pending": pending,
        "confirmed": confirmed,
        "window": window,
        "opening": opening,
        "blackout": blackout,
        "qualification": qualification,
        "self_operated": self_operated,
        "training": training,
        "photo": photo,
        "sme_membership": Membership.objects.get(user=sme_member, organization=sme_org),
        "provider_membership": Membership.objects.get(user=technician, organization=provider_org),
        "applicant": pending_provider,
        "token": token,
        "provider_org": provider_org,
        "sme_org": sme_org,
        "technician": technician,
        "sme_member": sme_member,
    }
    world.update(_testing_world(world, provider_admin))
    world["billing"] = _billing_world(world, provider_admin, sme_admin, operator, now)
    world["calendar_day"] = core_services.set_calendar_day(system_actor(), date(2026, 5, 1), False)
    world.update(_indicator_world(operator))
    world.update(_cooperation_world(world, sme_admin, provider_admin))
    return world


def _indicator_world(operator) -> dict:
    """A district indicator with a value and a target, entered by the operator."""
    ind = indicators.create_indicator(act(operator), code="forest", name="森林覆盖率", unit="%")
    ind_value = indicators.set_value(
        act(operator),
        ind,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value="38.3",
    )
    ind_target = indicators.set_target(
        act(operator),
        ind,
        plan="十五五",
        first_year=2026,
        last_year=2030,
        kind="level",
        value="41.05",
    )
    return {"ind": ind, "ind_value": ind_value, "ind_target": ind_target}


def _testing_world(world, provider_admin) -> dict:
    """The provider's test items, certificate and signatory; orders are walked on demand (each
    call needs one status, and walking all of them for every call would be slow)."""
    provider_org = world["provider_org"]
    tensile = make_test_service(provider_org)
    unpublished = testing_services.withdraw_test_service(
        system_actor(), make_test_service(provider_org, "未发布项目", code="TS-DRAFT")
    )
    accreditation = add_cma(provider_org)
    scope_line = testing_services.set_scope_line(system_actor(), accreditation, tensile)
    signer = make_signer(provider_org, provider_admin, [tensile])
    lab = {"enter": world["technician"], "check": provider_admin, "approve": signer}

    def order_at(status: str):
        key = f"order_{status}"
        if key not in world:
            world[key] = walk_order(world["sme_member"], lab, [tensile], status)
            if status == "completed":
                order_services.review_order(act(world["sme_member"]), world[key], 4, "good")
        return world[key]

    return {
        "tensile": tensile,
        "unpublished": unpublished,
        "accreditation": accreditation,
        "scope_line": scope_line,
        "order_at": order_at,
    }


def _billing_world(world, provider_admin, sme_admin, operator, now):
    """Prices, a verified SME with a grant, a charge with an open dispute, an issued statement,
    a draft run and a draft settlement: built on demand (the billing services' calls only)."""
    built: dict = {}

    def use(start, end):
        reservation = booking_services.request_reservation(
            act(world["sme_member"]), world["instrument"], world["sme_org"], start, end
        )
        booking_services.approve_reservation(act(world["technician"]), reservation)
        now(start)
        booking_services.check_in(act(world["technician"]), reservation)
        now(end)
        booking_services.check_out(act(world["technician"]), reservation)
        now(NOW)
        return reservation

    def billing() -> dict:
        if built:
            return built
        system, sme_org, provider_org = system_actor(), world["sme_org"], world["provider_org"]
        for tier in Tier.values:
            billing_services.set_price(
                system, world["instrument"], tier, date(2026, 1, 1), unit_price="300"
            )
        verification = billing_services.verify_attribute(
            act(operator),
            sme_org,
            "tech_sme",
            document_reference="入库",
            verified_on=date(2026, 1, 5),
        )
        programme = billing_services.create_programme(system, **PROGRAMME)
        billing_services.grant_voucher(act(operator), programme, sme_org, "20000")
        reservation = use(at(3, 9), at(3, 10))
        charge = Charge.objects.get(reservation=reservation)
        dispute = billing_services.dispute_charge(act(sme_admin), charge, "核对机时")
        run = billing_services.start_billing_run(system, provider_org, date(2026, 3, 1))
        billing_services.issue_billing_run(act(provider_admin), run)
        use(at(3, 11), at(3, 12))
        draft = billing_services.start_billing_run(system, provider_org, date(2026, 3, 1))
        settlement = billing_services.start_settlement(
            system, programme, provider_org, date(2026, 3, 1)
        )
        built.update(
            price=Price.objects.filter(instrument=world["instrument"], tier="sme").get(),
            reservation=reservation,
            charge=charge,
            dispute=dispute,
            statement=run.statements.get(),
            draft=draft,
            verification=verification,
            programme=programme,
            settlement=settlement,
        )
        return built

    return billing


def _cooperation_world(world, sme_admin, provider_admin) -> dict:
    """The firm's needs (a public one with the provider's proposal, one nobody proposed on,
    confidential ones: unread, asked for, the provider invited), a draft agreement with a
    milestone, one in force with a milestone due and one delivered, and a followed field. Built
    on demand, into the world itself (so that the snapshot covers every one of them)."""

    def cooperation(key: str):
        if "need" not in world:
            world.update(_build_cooperation(world, sme_admin, provider_admin))
        return world[key]

    return {"cooperation": cooperation}


def _build_cooperation(world, sme_admin, provider_admin) -> dict:
    sme_member, technician, provider_org = (
        world["sme_member"],
        world["technician"],
        world["provider_org"],
    )
    secret = {"is_confidential": True, "public_summary": "铝合金焊接件的疲劳问题"}
    need = post(sme_member)
    asked = cooperation_services.request_access(
        act(technician), post(sme_member, title="保密需求甲", **secret), provider_org
    )
    invited = cooperation_services.invite_provider(
        act(sme_member), post(sme_member, title="保密需求乙", **secret), provider_org
    )
    draft = cooperation_services.accept_proposal(
        act(sme_admin), propose(technician, post(sme_member, title="待签协议的需求"))
    )
    in_force = cooperation_services.accept_proposal(
        act(sme_admin), propose(technician, post(sme_member, title="已生效协议的需求"))
    )
    due_step = milestone(sme_admin, in_force, "30000")
    delivered_step = milestone(provider_admin, in_force, "60000", days=90, deliverable="工艺方案")
    sign(in_force, sme_admin, provider_admin)
    cooperation_services.deliver_milestone(act(technician), delivered_step)
    field = IndustryField.objects.get(pk="high-end-equipment")
    return {
        "need": need,
        "proposal": propose(technician, need),
        "fresh_need": post(sme_member, title="表面涂层耐磨性评价"),
        "unread_need": post(sme_member, title="保密需求丙", **secret),
        "asked_access": asked,
        "invited_access": invited,
        "draft": draft,
        "draft_step": milestone(sme_admin, draft),
        "in_force": Agreement.objects.get(pk=in_force.pk),
        "due_step": due_step,
        "delivered_step": Milestone.objects.get(pk=delivered_step.pk),
        "field": field,
        "follow": cooperation_services.follow_field(act(technician), provider_org, field),
        "other_field": IndustryField.objects.get(pk="marine-equipment"),
    }


def _c(w, key):
    return w["cooperation"](key)


PROPOSAL_FIELDS = {
    "approach": "断口扫描电镜分析，焊接参数正交试验，疲劳试验验证。",
    "team": "材料学院焊接课题组：教授1名，博士2名。",
    "timeline": "第1月分析，第2-3月工艺试验，第4月验证。",
    "duration_days": 120,
    "price": "90000",
}


def _b(w, key):
    return w["billing"]()[key]


def _result_call(w, many: bool):
    order = w["order_at"]("testing")
    sample, item = order.samples.first(), order.items.select_related("test_service").first()
    entry = {"sample": sample, "item": item, "value": "452", "unit": "MPa"}
    if many:
        return (order, [entry]), {}
    return (order, sample, item), {"value": "452", "unit": "MPa"}


def _entered_result(w):
    return Result.objects.filter(item__order=w["order_at"]("entered")).first()


def _uscc() -> str:
    return next_uscc()


# How to call each service on the other tenants' objects: name → (world → args after the actor).
SERVICE_CALLS = {
    "account_services.create_organization": lambda w: ((), {"name": "新单位", "uscc": _uscc()}),
    "account_services.create_account": lambda w: (
        (),
        {"username": "someone", "password": "a-long-password-1", "email": "", "full_name": ""},
    ),
    "account_services.register_customer": lambda w: (
        (),
        {
            "username": "another",
            "password": "a-long-password-1",
            "email": "another@example.cn",
            "full_name": "另一人",
            "name": "另一家公司",
            "uscc": _uscc(),
        },
    ),
    "account_services.update_organization": lambda w: ((w["sme_org"],), {"address": "别处"}),
    "account_services.apply_as_provider": lambda w: ((w["sme_org"],), application_details()),
    "account_services.approve_provider": lambda w: ((w["applicant"], "APPL"), {}),
    "account_services.reject_provider": lambda w: ((w["applicant"], "不符合"), {}),
    "account_services.add_member": lambda w: ((w["sme_org"], w["technician"], "member"), {}),
    "account_services.invite_member": lambda w: (
        (w["provider_org"],),
        {"username": "new", "email": "new@example.cn", "full_name": "新人", "role": "staff"},
    ),
    "account_services.change_role": lambda w: ((w["provider_membership"], "admin"), {}),
    "account_services.remove_member": lambda w: ((w["sme_membership"],), {}),
    "account_services.grant_permission": lambda w: (
        (w["sme_membership"], "booking.cancel_any"),
        {},
    ),
    "account_services.revoke_permission": lambda w: (
        (w["sme_membership"], "booking.cancel_any"),
        {},
    ),
    "account_services.create_api_token": lambda w: (
        (w["provider_org"],),
        {"name": "偷来的", "scopes": ["booking.approve"]},
    ),
    "account_services.revoke_api_token": lambda w: ((w["token"],), {}),
    "catalog_services.create_instrument": lambda w: (
        (w["provider_org"],),
        {
            "code": "X-1",
            "asset_number": "X-1",
            "name": "伪造仪器",
            "instrument_class": w["instrument"].instrument_class,
            "original_value": 10,
        },
    ),
    "catalog_services.create_instruments": lambda w: (
        (
            w["provider_org"],
            [
                (
                    {
                        "code": "X-2",
                        "asset_number": "X-2",
                        "name": "伪造仪器",
                        "instrument_class": w["instrument"].instrument_class,
                        "original_value": 10,
                    },
                    [],
                )
            ],
        ),
        {},
    ),
    "catalog_services.update_instrument": lambda w: ((w["instrument"],), {"name": "改名"}),
    "catalog_services.publish_instrument": lambda w: ((w["instrument"],), {}),
    "catalog_services.unpublish_instrument": lambda w: ((w["instrument"],), {}),
    "catalog_services.retire_instrument": lambda w: ((w["instrument"], "报废"), {}),
    "catalog_services.add_photo": lambda w: ((w["instrument"], png_upload()), {}),
    "catalog_services.remove_photo": lambda w: ((w["photo"],), {}),
    "importer.import_instruments": lambda w: ((w["provider_org"], upload(xlsx(row()))), {}),
    "import_jobs.start_import": lambda w: ((w["provider_org"], upload(xlsx(row()))), {}),
    "booking_services.grant_qualification": lambda w: (
        (w["instrument"], w["technician"]),
        {},
    ),
    "booking_services.revoke_qualification": lambda w: ((w["qualification"],), {}),
    "booking_services.request_training": lambda w: (
        (w["self_operated"], w["sme_org"]),
        {"note": "想学"},
    ),
    "booking_services.schedule_training": lambda w: (
        (w["training"], NOW + timedelta(days=2)),
        {},
    ),
    "booking_services.complete_training": lambda w: ((w["training"],), {}),
    "booking_services.decline_training": lambda w: ((w["training"], "名额已满"), {}),
    "booking_services.send_due_reminders": lambda w: ((), {}),
    "booking_services.request_reservation": lambda w: (
        (w["instrument"], w["sme_org"], at(6, 9), at(6, 11)),
        {},
    ),
    "booking_services.approve_reservation": lambda w: ((w["pending"],), {}),
    "booking_services.reject_reservation": lambda w: ((w["pending"], "不行"), {}),
    "booking_services.cancel_reservation": lambda w: ((w["confirmed"], "取消"), {}),
    "booking_services.check_in": lambda w: ((w["confirmed"],), {}),
    "booking_services.check_out": lambda w: ((w["confirmed"],), {}),
    "booking_services.mark_no_show": lambda w: ((w["confirmed"],), {}),
    "booking_services.rate_reservation": lambda w: ((w["confirmed"], 5), {}),
    "booking_services.record_usage": lambda w: (
        (w["instrument"],),
        {
            "start": NOW - timedelta(hours=3),
            "end": NOW - timedelta(hours=1),
            "operator": w["technician"],
            "user_organization": w["sme_org"],
        },
    ),
    "booking_services.update_booking_rules": lambda w: ((w["instrument"],), {"horizon_days": 1}),
    "booking_services.add_weekly_window": lambda w: (
        (w["instrument"], 6, time(8), time(9)),
        {},
    ),
    "booking_services.remove_weekly_window": lambda w: ((w["window"],), {}),
    "booking_services.add_extra_opening": lambda w: ((w["instrument"], at(8, 9), at(8, 10)), {}),
    "booking_services.remove_extra_opening": lambda w: ((w["opening"],), {}),
    "booking_services.add_blackout": lambda w: (
        (w["instrument"], at(9, 9), at(9, 10), "检修"),
        {},
    ),
    "booking_services.remove_blackout": lambda w: ((w["blackout"],), {}),
    "core_services.set_calendar_day": lambda w: ((date(2026, 10, 17), True), {"note": "调休"}),
    "core_services.clear_calendar_day": lambda w: ((w["calendar_day"],), {}),
    "testing_services.create_test_service": lambda w: (
        (w["provider_org"],),
        {
            "name": "伪造项目",
            "code": "TS-X",
            "method_code": "GB/T 2",
            "method_title": "伪造方法",
            "sample_type": "棒材",
            "sample_amount": "3 根",
            "turnaround_days": 5,
            "price_per_sample": Decimal("100.00"),
        },
    ),
    "testing_services.update_test_service": lambda w: ((w["tensile"],), {"name": "改名"}),
    "testing_services.publish_test_service": lambda w: ((w["unpublished"],), {}),
    "testing_services.withdraw_test_service": lambda w: ((w["tensile"],), {}),
    "testing_services.add_accreditation": lambda w: (
        (w["provider_org"],),
        {
            "kind": "cnas",
            "number": "CNAS L9999",
            "issuer": "中国合格评定国家认可委员会",
            "valid_from": date(2025, 1, 1),
            "valid_until": date(2030, 1, 1),
        },
    ),
    "testing_services.set_scope_line": lambda w: ((w["accreditation"], w["unpublished"]), {}),
    "testing_services.remove_scope_line": lambda w: ((w["scope_line"],), {}),
    "order_services.draft_order": lambda w: ((w["sme_org"], [w["tensile"]]), ORDER_FIELDS),
    "order_services.submit_order": lambda w: ((w["order_at"]("draft"),), {}),
    "order_services.quote_order": lambda w: (
        (w["order_at"]("submitted"), [("拉伸", 2, Decimal("180"))], date(2026, 3, 20)),
        {},
    ),
    "order_services.reject_order": lambda w: ((w["order_at"]("submitted"), "忙"), {}),
    "order_services.accept_quote": lambda w: ((w["order_at"]("quoted"),), {}),
    "order_services.decline_quote": lambda w: ((w["order_at"]("quoted"), "太贵"), {}),
    "order_services.cancel_order": lambda w: ((w["order_at"]("accepted"), "不要了"), {}),
    "order_services.receive_samples": lambda w: (
        (w["order_at"]("accepted"), [("A1", "完好"), ("A2", "完好")]),
        {},
    ),
    "order_services.start_testing": lambda w: ((w["order_at"]("samples_received"),), {}),
    "order_services.book_test_time": lambda w: (
        (w["order_at"]("testing"), w["instrument"], at(6, 14), at(6, 16)),
        {},
    ),
    "order_services.enter_result": lambda w: _result_call(w, many=False),
    "order_services.enter_results": lambda w: _result_call(w, many=True),
    "order_services.check_results": lambda w: ((w["order_at"]("entered"),), {}),
    "order_services.return_result": lambda w: ((_entered_result(w), "重测"), {}),
    "order_services.appoint_signatory": lambda w: (
        (w["provider_membership"], [w["tensile"]]),
        {},
    ),
    "order_services.approve_report": lambda w: ((w["order_at"]("checked"),), {}),
    "order_services.start_correction": lambda w: ((w["order_at"]("reported"), "笔误"), {}),
    "order_services.complete_order": lambda w: ((w["order_at"]("reported"),), {}),
    "order_services.review_order": lambda w: ((w["order_at"]("completed"), 5, "good"), {}),
    "order_services.reply_to_review": lambda w: (
        (w["order_at"]("completed").review, "谢谢"),
        {},
    ),
    "billing_services.set_price": lambda w: (
        (_b(w, "price").instrument, "sme", date(2026, 6, 1)),
        {"unit_price": "350"},
    ),
    "billing_services.end_price": lambda w: ((_b(w, "price"), date(2026, 5, 31)), {}),
    "billing_services.charge_reservation": lambda w: ((_b(w, "reservation"), "completed"), {}),
    "billing_services.charge_order": lambda w: ((w["order_at"]("completed"),), {}),
    "billing_services.dispute_charge": lambda w: ((_b(w, "charge"), "金额有误"), {}),
    "billing_services.approve_dispute": lambda w: ((_b(w, "dispute"),), {"amount": "100"}),
    "billing_services.deny_dispute": lambda w: ((_b(w, "dispute"), "按价目表收费"), {}),
    "billing_services.start_billing_run": lambda w: (
        (_b(w, "draft").provider, date(2026, 3, 1)),
        {},
    ),
    "billing_services.issue_billing_run": lambda w: ((_b(w, "draft"),), {}),
    "billing_jobs.queue_billing_run": lambda w: ((w["provider_org"], date(2026, 3, 1)), {}),
    "billing_jobs.queue_issue": lambda w: ((_b(w, "draft"),), {}),
    "billing_services.record_payment": lambda w: (
        (_b(w, "statement"), "10.00", date(2026, 3, 2), "网银 1"),
        {},
    ),
    "billing_services.record_fapiao": lambda w: (
        (_b(w, "statement"), "12345678", date(2026, 3, 2)),
        {},
    ),
    "billing_services.create_programme": lambda w: ((), PROGRAMME),
    "billing_services.verify_attribute": lambda w: (
        (w["sme_org"], "high_tech"),
        {"document_reference": "高企证书 GR2026"},
    ),
    "billing_services.revoke_verification": lambda w: ((_b(w, "verification"), "已过期"), {}),
    "billing_services.grant_voucher": lambda w: (
        (_b(w, "programme"), w["sme_org"], "1000"),
        {},
    ),
    "billing_services.start_settlement": lambda w: (
        (_b(w, "programme"), w["provider_org"], date(2026, 3, 1)),
        {},
    ),
    "billing_services.issue_settlement": lambda w: ((_b(w, "settlement"),), {}),
    "billing_jobs.queue_settlement_export": lambda w: ((_b(w, "settlement"), "xlsx"), {}),
    "insights_quotas.set_quota_hours": lambda w: ((w["instrument"], "900"), {}),
    "indicators.create_indicator": lambda w: ((), {"code": "x", "name": "新指标", "unit": "家"}),
    "indicators.update_indicator": lambda w: ((w["ind"],), {"name": "改名", "unit": "%"}),
    "indicators.set_value": lambda w: (
        (w["ind"],),
        {
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "value": "40",
            "replace": True,
        },
    ),
    "indicators.delete_value": lambda w: ((w["ind_value"],), {}),
    "indicators.set_target": lambda w: (
        (w["ind"],),
        {"plan": "十四五", "first_year": 2021, "last_year": 2025, "kind": "level", "value": "50"},
    ),
    "indicators.delete_target": lambda w: ((w["ind_target"],), {}),
    "insights_jobs.queue_assessment": lambda w: ((w["provider_org"], 2026), {}),
    "cooperation_services.post_need": lambda w: (
        (w["sme_org"],),
        {"disciplines": ["460"], **need_fields(title="伪造的需求")},
    ),
    "cooperation_services.edit_need": lambda w: (
        (_c(w, "need"),),
        {"disciplines": ["460"], **need_fields(title="改名")},
    ),
    "cooperation_services.withdraw_need": lambda w: ((_c(w, "need"), "不做了"), {}),
    "cooperation_services.invite_provider": lambda w: (
        (_c(w, "unread_need"), w["provider_org"]),
        {},
    ),
    "cooperation_services.request_access": lambda w: (
        (_c(w, "unread_need"), w["provider_org"]),
        {},
    ),
    "cooperation_services.answer_access": lambda w: ((_c(w, "asked_access"),), {"grant": True}),
    "cooperation_services.accept_undertaking": lambda w: ((_c(w, "invited_access"),), {}),
    "cooperation_services.follow_field": lambda w: (
        (w["provider_org"], _c(w, "other_field")),
        {},
    ),
    "cooperation_services.unfollow_field": lambda w: ((w["provider_org"], _c(w, "field")), {}),
    "cooperation_services.submit_proposal": lambda w: (
        (_c(w, "fresh_need"), w["provider_org"]),
        PROPOSAL_FIELDS,
    ),
    "cooperation_services.shortlist_proposal": lambda w: ((_c(w, "proposal"),), {"on": True}),
    "cooperation_services.decline_proposal": lambda w: ((_c(w, "proposal"), "已选他家"), {}),
    "cooperation_services.accept_proposal": lambda w: ((_c(w, "proposal"),), {}),
    "cooperation_services.withdraw_proposal": lambda w: ((_c(w, "proposal"),), {}),
    "cooperation_services.post_message": lambda w: (
        (_c(w, "proposal"), "能否提供断口照片？"),
        {},
    ),
    "cooperation_services.edit_terms": lambda w: (
        (_c(w, "draft"),),
        {"title": "改名", "contract_type": "joint", "value": "100000"},
    ),
    "cooperation_services.add_milestone": lambda w: (
        (_c(w, "draft"),),
        {
            "deliverable": "疲劳试验报告",
            "due_on": TODAY + timedelta(days=60),
            "amount_due": Decimal("10000"),
        },
    ),
    "cooperation_services.remove_milestone": lambda w: ((_c(w, "draft_step"),), {}),
    "cooperation_services.sign_agreement": lambda w: ((_c(w, "draft"), TODAY), {}),
    "cooperation_services.terminate_agreement": lambda w: ((_c(w, "draft"), "企业停产"), {}),
    "cooperation_services.deliver_milestone": lambda w: ((_c(w, "due_step"),), {}),
    "cooperation_services.accept_milestone": lambda w: ((_c(w, "delivered_step"),), {}),
    "cooperation_services.return_milestone": lambda w: (
        (_c(w, "delivered_step"), "缺少试验数据"),
        {},
    ),
    "cooperation_services.register_contract": lambda w: (
        (_c(w, "in_force"), "2026210200001234", TODAY),
        {},
    ),
    "cooperation_services.complete_agreement": lambda w: ((_c(w, "in_force"),), {}),
    "cooperation_services.link_reservation": lambda w: ((_c(w, "in_force"), w["pending"]), {}),
    "cooperation_services.link_order": lambda w: (
        (_c(w, "in_force"), w["order_at"]("submitted")),
        {},
    ),
}


def test_every_public_service_is_walked():
    found = set(public_functions())
    assert found - set(NOT_SERVICES) == set(SERVICE_CALLS), "add the new service to SERVICE_CALLS"


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "accounts",
            "catalog",
            "booking",
            "core",
            "orders",
            "billing",
            "insights",
            "cooperation",
        }
    }


def snapshot(world) -> dict:
    """Counts of every table and the fields of every object the calls could touch."""
    fields = {
        key: {
            field.attname: getattr(type(obj).objects.get(pk=obj.pk), field.attname)
            for field in obj._meta.concrete_fields
        }
        for key, obj in world.items()
        if isinstance(obj, Model)
    }
    return {"rows": row_counts(), "fields": fields}


@pytest.mark.parametrize("name", sorted(SERVICE_CALLS))
def test_an_outsider_is_refused_by_every_service(name, world, outsider):
    service = public_functions()[name]
    args, kwargs = SERVICE_CALLS[name](world)
    before = snapshot(world)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        service(act(outsider), *args, **kwargs)
    assert AuditEvent.objects.count() == audit_before
    assert snapshot(world) == before


@pytest.mark.parametrize("name", sorted(SERVICE_CALLS))
def test_a_call_without_an_actor_is_refused(name, world):
    """`None`, or a bare user object, never passes for an actor."""
    service = public_functions()[name]
    args, kwargs = SERVICE_CALLS[name](world)
    for bogus in (None, world["technician"]):
        with pytest.raises(TypeError):
            service(bogus, *args, **kwargs)


def test_the_world_is_of_the_right_tenants(world, outsider):
    """The walk means something only if its objects belong to other organisations."""
    outsider_orgs = set(
        Organization.objects.filter(memberships__user=outsider).values_list("pk", flat=True)
    )
    assert outsider_orgs.isdisjoint({world["provider_org"].pk, world["sme_org"].pk})
    assert world["pending"].status == Reservation.Status.PENDING
    assert world["confirmed"].status == Reservation.Status.CONFIRMED
    assert date(2026, 3, 4) == world["pending"].start.date()
    assert _c(world, "need").customer == world["sme_org"]
    assert world["proposal"].provider == world["provider_org"]
    assert world["proposal"].status == Proposal.Status.SUBMITTED
    assert not world["fresh_need"].proposals.exists()
    assert world["unread_need"].is_confidential and not world["unread_need"].accesses.exists()
    assert world["asked_access"].status == NeedAccess.Status.REQUESTED
    invited = NeedAccess.objects.get(pk=world["invited_access"].pk)
    assert invited.status == NeedAccess.Status.GRANTED and invited.undertaking_at is None
    assert world["draft"].status == Agreement.Status.DRAFT
    assert (world["in_force"].customer, world["in_force"].provider) == (
        world["sme_org"],
        world["provider_org"],
    )
    assert world["in_force"].status == Agreement.Status.ACTIVE
    assert world["due_step"].delivered_at is None
    assert world["delivered_step"].delivered_at is not None
    assert Need.objects.get(pk=world["in_force"].need_id).status == Need.Status.AWARDED
