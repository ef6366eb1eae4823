"""The permission matrix of the services: every service × every kind of actor → let in or refused.

"Let in" means the permission check passed: the call may still be refused for another reason
(a state, a bad input), but not with NotAllowed. Refused calls change nothing. The views' side of
each permission is tested with the view modules (other tenant → 404, too little → 403).
"""

import pytest

from labshare.accounts import services as account_services
from labshare.accounts.tokens import actor_for_key
from labshare.core.actors import system_actor, visitor_actor
from labshare.core.errors import DomainError, NotAllowed
from tests.core import test_service_walk as walk
from tests.core.test_service_walk import SERVICE_CALLS, public_functions, snapshot
from tests.factories import act

# The walk's fixtures: a frozen clock, an instrument, and the other tenants' objects.
now, instrument, world = walk.now, walk.instrument, walk.world

# The outsider is refused everywhere: the walk (test_service_walk.py) proves it.
PERSONAS = [
    "sme_member",
    "sme_admin",
    "provider_member",
    "technician",
    "provider_admin",
    "operator",
    "token",  # sme_admin's token for the SME, scope booking.request only
    "system",
    "visitor",
]
PROVIDER_STAFF = {"technician", "provider_admin", "system"}
CATALOG = PROVIDER_STAFF
LAB_PEOPLE = {"technician", "provider_admin"}
CUSTOMER = {"sme_member", "sme_admin", "system"}
# The firm's people (cooperation.post_need: its members), and the holders of
# cooperation.contract on either side of an agreement (the administrators).
FIRM_PEOPLE = {"sme_member", "sme_admin"}
FIRM = FIRM_PEOPLE | {"system"}
CONTRACT_HOLDERS = {"sme_admin", "provider_admin", "system"}
# Who gets past the permission check of each service, on the objects of SERVICE_CALLS.
BILLING_DESK = {"provider_admin", "system"}
LET_IN = {
    "billing_services.set_price": BILLING_DESK,
    "billing_services.end_price": BILLING_DESK,
    "billing_services.charge_reservation": BILLING_DESK,
    "billing_services.charge_order": BILLING_DESK,
    # A dispute, its decision, an issue and a payment are a person's acts.
    "billing_services.dispute_charge": {"sme_admin"},
    "billing_services.approve_dispute": {"provider_admin"},
    "billing_services.deny_dispute": {"provider_admin"},
    "billing_services.start_billing_run": BILLING_DESK,
    "billing_services.issue_billing_run": {"provider_admin"},
    # Queued by a person, as whom the worker then runs it.
    "billing_jobs.queue_billing_run": {"provider_admin"},
    "billing_jobs.queue_issue": {"provider_admin"},
    "billing_services.record_payment": {"provider_admin"},
    "billing_services.record_fapiao": BILLING_DESK,
    # Only the operator runs vouchers; a verification and a grant are a person's.
    "billing_services.create_programme": {"operator", "system"},
    "billing_services.verify_attribute": {"operator"},
    "billing_services.revoke_verification": {"operator", "system"},
    "billing_services.grant_voucher": {"operator"},
    "billing_services.start_settlement": {"operator", "system"},
    "billing_services.issue_settlement": {"operator"},
    # The walk's settlement is a draft: the operator's alone (a person asks for the file).
    "billing_jobs.queue_settlement_export": {"operator"},
    "insights_quotas.set_quota_hours": {"provider_admin"},  # a person of the unit's admins
    # The provider's staff see its figures, the operator's every provider's (a person asks).
    "insights_jobs.queue_assessment": {"technician", "provider_admin", "operator"},
    "indicators.create_indicator": {"operator", "system"},
    "indicators.update_indicator": {"operator", "system"},
    "indicators.set_value": {"operator"},  # a value is entered by a person
    "indicators.delete_value": {"operator", "system"},
    "indicators.set_target": {"operator", "system"},
    "indicators.delete_target": {"operator", "system"},
    "account_services.create_organization": {"operator", "system"},
    "account_services.create_account": {"operator", "system"},
    "account_services.register_customer": {"visitor", "system"},
    "account_services.update_organization": {"sme_admin", "system"},
    "account_services.apply_as_provider": {"sme_admin"},
    "account_services.approve_provider": {"operator", "system"},
    "account_services.reject_provider": {"operator", "system"},
    "account_services.add_member": {"sme_admin", "system"},
    "account_services.invite_member": {"provider_admin", "system"},
    "account_services.change_role": {"provider_admin", "system"},
    "account_services.remove_member": {"sme_admin", "system"},
    "account_services.grant_permission": {"sme_admin", "system"},
    "account_services.revoke_permission": {"sme_admin", "system"},
    # Any member makes a token for themselves (the scopes are then checked against their rights).
    "account_services.create_api_token": {"provider_member", "technician", "provider_admin"},
    "account_services.revoke_api_token": {"sme_admin", "system"},
    "catalog_services.create_instrument": CATALOG,
    "catalog_services.create_instruments": CATALOG,
    "catalog_services.update_instrument": CATALOG,
    "catalog_services.publish_instrument": CATALOG,
    "catalog_services.unpublish_instrument": CATALOG,
    "catalog_services.retire_instrument": CATALOG,
    "catalog_services.add_photo": CATALOG,
    "catalog_services.remove_photo": CATALOG,
    "importer.import_instruments": CATALOG,
    "import_jobs.start_import": {"technician", "provider_admin"},  # a person starts an import
    "booking_services.grant_qualification": PROVIDER_STAFF,
    "booking_services.revoke_qualification": PROVIDER_STAFF,
    # A person asks for training for themselves, as a booker of the SME.
    "booking_services.request_training": {"sme_member", "sme_admin", "token"},
    "booking_services.schedule_training": PROVIDER_STAFF,
    "booking_services.complete_training": PROVIDER_STAFF,
    "booking_services.decline_training": PROVIDER_STAFF,
    "booking_services.send_due_reminders": {"system"},
    # A reservation is a person's, for their organisation; the token holds booking.request.
    "booking_services.request_reservation": {"sme_member", "sme_admin", "token"},
    "booking_services.approve_reservation": PROVIDER_STAFF,
    "booking_services.reject_reservation": PROVIDER_STAFF,
    # The provider's staff, the booker (sme_member), the SME's admin (booking.cancel_any), and
    # the platform (a cancelled test order gives its instrument time back).
    "booking_services.cancel_reservation": {
        "technician",
        "provider_admin",
        "sme_member",
        "sme_admin",
        "system",
    },
    "booking_services.check_in": PROVIDER_STAFF,
    "booking_services.check_out": {"technician", "provider_admin"},  # it records usage
    "booking_services.mark_no_show": PROVIDER_STAFF,
    # A person's rating, by whoever may book for the organization (the token acts for one).
    "booking_services.rate_reservation": {"sme_member", "sme_admin", "token"},
    "booking_services.record_usage": {"technician", "provider_admin"},  # a person records usage
    "booking_services.update_booking_rules": PROVIDER_STAFF,
    "booking_services.add_weekly_window": PROVIDER_STAFF,
    "booking_services.remove_weekly_window": PROVIDER_STAFF,
    "booking_services.add_extra_opening": PROVIDER_STAFF,
    "booking_services.remove_extra_opening": PROVIDER_STAFF,
    "booking_services.add_blackout": PROVIDER_STAFF,
    "booking_services.remove_blackout": PROVIDER_STAFF,
    "core_services.set_calendar_day": {"operator", "system"},
    "core_services.clear_calendar_day": {"operator", "system"},
    "testing_services.create_test_service": PROVIDER_STAFF,
    "testing_services.update_test_service": PROVIDER_STAFF,
    "testing_services.publish_test_service": PROVIDER_STAFF,
    "testing_services.withdraw_test_service": PROVIDER_STAFF,
    "testing_services.add_accreditation": PROVIDER_STAFF,
    "testing_services.set_scope_line": PROVIDER_STAFF,
    "testing_services.remove_scope_line": PROVIDER_STAFF,
    # An order is a person's, for their organisation (the token holds booking.request only).
    "order_services.draft_order": {"sme_member", "sme_admin"},
    "order_services.submit_order": CUSTOMER,
    "order_services.accept_quote": CUSTOMER,
    "order_services.decline_quote": CUSTOMER,
    "order_services.cancel_order": CUSTOMER,
    "order_services.review_order": {"sme_member", "sme_admin"},  # a person's review
    "order_services.quote_order": PROVIDER_STAFF,
    "order_services.reject_order": PROVIDER_STAFF,
    "order_services.receive_samples": LAB_PEOPLE,  # stored under the receiver's name
    "order_services.start_testing": PROVIDER_STAFF,
    "order_services.book_test_time": LAB_PEOPLE,  # booked under a person's name
    "order_services.enter_result": LAB_PEOPLE,
    "order_services.enter_results": LAB_PEOPLE,
    # The technician entered the results: a second person checks them.
    "order_services.check_results": {"provider_admin"},
    "order_services.return_result": PROVIDER_STAFF,
    "order_services.appoint_signatory": {"provider_admin", "system"},
    # Only the authorised signatory approves: the personas are not one.
    "order_services.approve_report": set(),
    "order_services.start_correction": PROVIDER_STAFF,
    # The client confirms receipt, or the provider closes the order.
    "order_services.complete_order": CUSTOMER | PROVIDER_STAFF,
    "order_services.reply_to_review": LAB_PEOPLE,  # a person answers
    # R&D cooperation: a member of the firm posts and discusses needs (cooperation.post_need),
    # the provider's staff propose and deliver (cooperation.propose), and only administrators
    # (cooperation.contract) accept a proposal, settle and sign the agreement, accept milestones.
    # A need, an access, a proposal, a message, a signature and a delivery are a person's acts.
    "cooperation_services.post_need": FIRM_PEOPLE,
    "cooperation_services.edit_need": FIRM,
    "cooperation_services.withdraw_need": FIRM,
    "cooperation_services.invite_provider": FIRM_PEOPLE,
    "cooperation_services.answer_access": FIRM_PEOPLE,
    "cooperation_services.request_access": LAB_PEOPLE,
    "cooperation_services.accept_undertaking": LAB_PEOPLE,
    "cooperation_services.follow_field": PROVIDER_STAFF,
    "cooperation_services.unfollow_field": PROVIDER_STAFF,
    "cooperation_services.submit_proposal": LAB_PEOPLE,
    "cooperation_services.shortlist_proposal": FIRM,
    "cooperation_services.decline_proposal": FIRM,
    "cooperation_services.accept_proposal": {"sme_admin"},
    "cooperation_services.withdraw_proposal": PROVIDER_STAFF,
    # Either side of the proposal writes in its thread (the provider's member does not propose).
    "cooperation_services.post_message": FIRM_PEOPLE | LAB_PEOPLE,
    "cooperation_services.edit_terms": CONTRACT_HOLDERS,
    "cooperation_services.add_milestone": CONTRACT_HOLDERS,
    "cooperation_services.remove_milestone": CONTRACT_HOLDERS,
    "cooperation_services.sign_agreement": CONTRACT_HOLDERS - {"system"},
    "cooperation_services.terminate_agreement": CONTRACT_HOLDERS,
    "cooperation_services.register_contract": CONTRACT_HOLDERS,
    "cooperation_services.complete_agreement": CONTRACT_HOLDERS,
    "cooperation_services.deliver_milestone": LAB_PEOPLE,
    # The firm's contract holder accepts a delivery, or sends it back.
    "cooperation_services.accept_milestone": {"sme_admin"},
    "cooperation_services.return_milestone": {"sme_admin"},
    # Either party's working people link what they booked or ordered for the agreement.
    "cooperation_services.link_reservation": FIRM_PEOPLE | LAB_PEOPLE,
    "cooperation_services.link_order": FIRM_PEOPLE | LAB_PEOPLE,
}


def test_the_matrix_names_every_service():
    assert set(LET_IN) == set(SERVICE_CALLS)


def actor_of(request, persona: str, world):
    if persona == "system":
        return system_actor()
    if persona == "visitor":
        return visitor_actor()
    if persona == "token":
        sme_admin = request.getfixturevalue("sme_admin")
        _token, key = account_services.create_api_token(
            act(sme_admin), world["sme_org"], name="预约脚本", scopes=["booking.request"]
        )
        return actor_for_key(key)
    return act(request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(SERVICE_CALLS))
def test_service_permission_matrix(request, name, persona, world):
    actor = actor_of(request, persona, world)
    service = public_functions()[name]
    args, kwargs = SERVICE_CALLS[name](world)
    if persona in LET_IN[name]:
        try:
            service(actor, *args, **kwargs)
        except NotAllowed as refusal:
            pytest.fail(f"{persona} was refused by {name}: {refusal}")
        except DomainError:
            pass  # past the permission check, refused for a reason of state or input
    else:
        before = snapshot(world)
        with pytest.raises(NotAllowed):
            service(actor, *args, **kwargs)
        assert snapshot(world) == before
