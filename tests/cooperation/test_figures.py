"""The technology-contract figures: signed value where signed, registered turnover where
registered, pairs counted once, by field; and what the dashboard and the indicator read."""

from datetime import date, timedelta
from decimal import Decimal

from labshare.cooperation import figures, services
from labshare.insights import dashboard
from labshare.insights.definitions import platform_figure
from labshare.insights.periods import Period, month
from tests.cooperation.conftest import TODAY, milestone, post, propose
from tests.factories import act


def signed(agreement, *signers):
    milestone(signers[0], agreement, str(agreement.value))
    for user in signers:
        agreement = services.sign_agreement(act(user), agreement, TODAY)
    return agreement


def test_signed_registered_and_pairs(
    now, agreement, sme_admin, sme_member, provider_admin, technician
):
    signed(agreement, sme_admin, provider_admin)
    second = services.accept_proposal(act(sme_admin), propose(technician, post(sme_member)))
    second = signed(second, sme_admin, provider_admin)
    services.register_contract(act(sme_admin), second, "2026210211000001", TODAY)
    found = figures.contracts(TODAY, TODAY)
    assert found["signed_value"] == Decimal("180000.00")
    assert found["signed_count"] == 2
    assert found["pairs"] == 1  # the same firm and provider twice
    assert found["registered_value"] == Decimal("90000.00")
    assert found["registered_count"] == 1
    assert figures.contracts(TODAY + timedelta(days=1), TODAY + timedelta(days=30)) == {
        "signed_value": 0,
        "signed_count": 0,
        "terminated": 0,
        "registered_value": 0,
        "registered_count": 0,
        "pairs": 0,
    }
    rows = figures.by_field(TODAY, TODAY)
    assert rows == [
        {"sector": "先进制造业", "field": "高端装备", "value": Decimal("180000.00"), "count": 2}
    ]
    # A terminated contract was still concluded when it was signed.
    services.terminate_agreement(act(sme_admin), second, "双方协商终止")
    assert figures.contracts(TODAY, TODAY)["terminated"] == 1
    assert figures.contracts(TODAY, TODAY)["signed_value"] == Decimal("180000.00")


def test_drafts_count_nowhere(now, agreement):
    assert figures.contracts(TODAY, TODAY)["signed_count"] == 0


def test_dashboard_and_indicator_read_the_figures(
    now, agreement, sme_admin, provider_admin, provider_org
):
    agreement = signed(agreement, sme_admin, provider_admin)
    services.register_contract(act(sme_admin), agreement, "2026210211000002", TODAY)
    board = dashboard.build(month(TODAY))
    headlines = {h.key: h.value for h in board.headlines}
    assert headlines["contracts_signed"] == Decimal("90000.00")
    assert headlines["contract_turnover"] == Decimal("90000.00")
    assert headlines["pairs"] == 1
    assert board.cooperation_fields[0]["count"] == 1
    own = {h.key: h.value for h in dashboard.build(month(TODAY), provider_org.pk).headlines}
    assert own["contracts_signed"] == Decimal("90000.00")
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    assert platform_figure("contract_turnover", year) == Decimal("9")  # 万元
