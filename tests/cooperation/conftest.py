"""Cooperation fixtures: a frozen clock, an instrument of the provider in a discipline, and
helpers that post a need and walk a proposal and an agreement through the real services."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from labshare.cooperation import services
from labshare.cooperation.models import IndustryField
from labshare.core import clock
from tests.factories import act, make_instrument

# Monday 2026-03-02 09:00 in Asia/Shanghai.
NOW = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
TODAY = date(2026, 3, 2)


@pytest.fixture
def now(monkeypatch):
    current = {"value": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["value"])

    def move(to: datetime) -> datetime:
        current["value"] = to
        return to

    return move


def need_fields(**overrides) -> dict:
    fields = {
        "title": "高强铝合金焊接接头疲劳性能提升",
        "problem": "我司生产的6061铝合金焊接件在振动工况下出现早期疲劳裂纹，需要分析断口并优化焊接工艺。",
        "expected_outcome": "给出疲劳寿命提高一倍的焊接工艺方案和拉伸、疲劳试验报告。",
        "public_summary": "",
        "field": "high-end-equipment",
        "mode": "commissioned",
        "budget_min": "50000",
        "budget_max": "120000",
        "deadline": TODAY + timedelta(days=30),
        "is_confidential": False,
    }
    fields.update(overrides)
    return fields


def post(user, org=None, disciplines=("460",), **overrides):
    actor = act(user, org)
    return services.post_need(
        actor, org or actor.organization, disciplines=list(disciplines), **need_fields(**overrides)
    )


def propose(user, need, instruments=(), **overrides):
    actor = act(user)
    fields = {
        "approach": "断口扫描电镜分析，焊接参数正交试验，疲劳试验验证。",
        "team": "材料学院焊接课题组：教授1名，博士2名。",
        "timeline": "第1月分析，第2-3月工艺试验，第4月验证。",
        "duration_days": 120,
        "price": "90000",
        "instruments": list(instruments),
    }
    fields.update(overrides)
    return services.submit_proposal(actor, need, actor.organization, **fields)


@pytest.fixture
def field_equipment(db):
    return IndustryField.objects.get(pk="high-end-equipment")


@pytest.fixture
def sem(provider_org):
    """A public instrument of the provider, filed under 机械工程 (460)."""
    return make_instrument(provider_org, "场发射扫描电子显微镜", discipline_codes=["460"])


@pytest.fixture
def need(sme_member, now):
    return post(sme_member)


@pytest.fixture
def agreement(need, technician, sme_admin):
    proposal = propose(technician, need)
    return services.accept_proposal(act(sme_admin), proposal)


def milestone(user, agreement, amount="30000", days=30, deliverable="断口分析报告"):
    return services.add_milestone(
        act(user),
        agreement,
        deliverable=deliverable,
        due_on=TODAY + timedelta(days=days),
        amount_due=Decimal(amount),
    )


def sign(agreement, customer_signer, provider_signer, day=TODAY):
    """Both contract holders sign the draft on `day`: the agreement comes into force."""
    services.sign_agreement(act(customer_signer), agreement, day)
    return services.sign_agreement(act(provider_signer), agreement, day)


@pytest.fixture
def active(agreement, sme_admin, provider_admin):
    """The agreement in force, with two milestones that use up its value (30 000 + 60 000)."""
    milestone(sme_admin, agreement, "30000")
    milestone(provider_admin, agreement, "60000", days=90, deliverable="工艺方案")
    return sign(agreement, sme_admin, provider_admin)
