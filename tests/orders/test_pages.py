"""The testing service's pages, through the test client: the whole order walked by posts, each
side's refusals (outsider 404, wrong side 403/404), field-level errors, the labels, the lists and
the public verification page."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse

from labshare.core import clock
from labshare.orders.models import Result, Review, ServiceOrder, TestReport
from tests.factories import make_member
from tests.orders.conftest import state_of, walk

S = ServiceOrder.Status


def order_post(sme_member, tensile, client_of, **overrides):
    data = {
        "service": tensile.pk,
        "test_services": [tensile.pk],
        "sample_count": 1,
        "sample_description": "Q235 钢板试样 A1",
        "urgency": "normal",
        "remains": "return",
        "delivered_by_client": "on",
        "contact_name": "李工",
        "contact_phone": "13800000001",
        "send_now": "on",
    } | overrides
    return client_of(sme_member).post(reverse("orders:order_new"), data)


def test_the_whole_order_through_the_pages(
    sme_member, lab, tensile, cma, client_of, now, provider_admin
):
    response = order_post(sme_member, tensile, client_of)
    order = ServiceOrder.objects.get()
    assert response.status_code == 302 and order.status == S.SUBMITTED

    staff = client_of(provider_admin)
    page = staff.get(reverse("orders:console_order", args=[order.pk]))
    assert page.status_code == 200 and 'id="quote-form"' in page.text
    quote = {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        "line-0-description": tensile.name,
        "line-0-quantity": "1",
        "line-0-unit_price": "180",
        "expected_date": str(clock.today() + timedelta(days=10)),
    }
    assert staff.post(reverse("orders:order_quote", args=[order.pk]), quote).status_code == 302

    customer = client_of(sme_member)
    assert "¥180.00" in customer.get(order.get_absolute_url()).text
    customer.post(reverse("orders:order_accept", args=[order.pk]))

    staff = client_of(provider_admin)
    receive = {
        "sample-TOTAL_FORMS": "1",
        "sample-INITIAL_FORMS": "0",
        "sample-0-description": "Q235 钢板试样 A1",
        "sample-0-condition": "完好",
    }
    staff.post(reverse("orders:order_receive", args=[order.pk]), receive)
    order.refresh_from_db()
    sample = order.samples.get()
    assert order.status == S.SAMPLES_RECEIVED and sample.number == "TSTU-260302-001"
    labels = staff.get(reverse("orders:sample_labels", args=[order.pk]))
    assert "<svg" in labels.text and sample.number in labels.text
    staff.post(reverse("orders:order_start", args=[order.pk]))

    item = order.items.get()
    prefix = f"r-{sample.pk}-{item.pk}"
    entry = {f"{prefix}-value": "452", f"{prefix}-unit": "MPa", f"{prefix}-spec": "≥ 370"}
    entry[f"{prefix}-verdict"] = "pass"
    client_of(lab["enter"]).post(reverse("orders:order_results", args=[order.pk]), entry)
    assert Result.objects.get().state == Result.State.ENTERED
    client_of(lab["check"]).post(reverse("orders:order_check", args=[order.pk]))
    assert Result.objects.get().state == Result.State.CHECKED
    client_of(lab["approve"]).post(reverse("orders:order_approve", args=[order.pk]))
    report = TestReport.objects.get()
    assert report.number == "TSTU-2026-0001"

    customer = client_of(sme_member)
    detail = customer.get(order.get_absolute_url()).text
    assert report.number in detail and "452 MPa" in detail
    pdf = customer.get(reverse("orders:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == report.sha256
    customer.post(reverse("orders:order_complete", args=[order.pk]))
    review = {"rating": "5", "sentiment": "good", "comment": "出报告很快"}
    customer.post(reverse("orders:order_review", args=[order.pk]), review)
    assert Review.objects.get().rating == 5

    staff = client_of(provider_admin)
    staff.post(reverse("orders:review_reply", args=[Review.objects.get().pk]), {"reply": "谢谢"})
    assert Review.objects.get().reply == "谢谢"
    item_page = client_of(sme_member).get(tensile.get_absolute_url()).text
    assert 'id="test-service-rating"' in item_page and "100%" in item_page
    provider_page = client_of(sme_member).get(
        reverse("catalog:provider_detail", args=[tensile.organization_id])
    )
    assert 'id="test-service-rating"' in provider_page.text


def test_the_verification_page_shows_the_hash_and_never_the_results(
    sme_member, lab, tensile, cma, client
):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    report = TestReport.objects.get(order=order)
    page = client.get(reverse("orders:report_verify", args=[report.number]))
    assert page.status_code == 200
    assert report.sha256 == hashlib.sha256(bytes(report.pdf)).hexdigest()
    assert report.sha256 in page.text and report.number in page.text
    assert "452" not in page.text
    missing = client.get(reverse("orders:report_verify", args=["TSTU-2026-9999"]))
    assert missing.status_code == 404 and "TSTU-2026-9999" in missing.text


def test_outsiders_get_404_and_the_wrong_side_is_refused(
    sme_member, outsider, lab, tensile, client_of, provider_admin
):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    report = order.reports.get()
    before = state_of(order)
    stranger = client_of(outsider)
    for name in ("orders:order_detail", "orders:console_order", "orders:sample_labels"):
        assert stranger.get(reverse(name, args=[order.pk])).status_code == 404
    assert stranger.get(reverse("orders:report_pdf", args=[report.pk])).status_code == 404
    assert stranger.post(reverse("orders:order_complete", args=[order.pk])).status_code == 404
    customer = client_of(sme_member)
    assert customer.get(reverse("orders:console_order", args=[order.pk])).status_code == 404
    assert (
        customer.post(reverse("orders:order_correct", args=[order.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert customer.get(reverse("orders:console_orders")).status_code == 403
    assert state_of(order) == before


def test_a_provider_member_below_staff_is_refused_with_403(
    sme_member, lab, tensile, client_of, provider_member
):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    before = state_of(order)
    member = client_of(provider_member)
    assert member.get(reverse("orders:console_order", args=[order.pk])).status_code == 403
    assert (
        member.post(reverse("orders:order_reject", args=[order.pk]), {"reason": "忙"}).status_code
        == 403
    )
    assert state_of(order) == before


def test_zero_samples_and_no_item_are_refused_on_their_fields(sme_member, tensile, client_of):
    response = order_post(sme_member, tensile, client_of, sample_count="0", test_services=[])
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"sample_count", "test_services"}
    assert not ServiceOrder.objects.exists()


def test_a_quote_line_without_a_price_is_refused_on_its_field(
    sme_member, lab, tensile, client_of, provider_admin
):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    before = state_of(order)
    quote = {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        "line-0-description": "拉伸",
        "line-0-quantity": "2",
        "line-0-unit_price": "",
        "expected_date": str(clock.today() + timedelta(days=3)),
    }
    response = client_of(provider_admin).post(reverse("orders:order_quote", args=[order.pk]), quote)
    assert response.status_code == 400
    assert "unit_price" in response.context["line_forms"].forms[0].errors
    assert state_of(order) == before


def test_a_result_without_its_unit_is_refused_and_nothing_is_saved(
    sme_member, lab, tensile, hardness, client_of
):
    order = walk(sme_member, lab, [tensile, hardness], S.TESTING)
    before = state_of(order)
    sample = order.samples.first()
    data = {}
    for item in order.items.all():
        prefix = f"r-{sample.pk}-{item.pk}"
        data[f"{prefix}-value"] = "40"
        data[f"{prefix}-unit"] = "" if item.test_service == hardness else "MPa"
    response = client_of(lab["enter"]).post(reverse("orders:order_results", args=[order.pk]), data)
    assert response.status_code == 400
    assert "HRC" in response.text
    assert state_of(order) == before


def test_the_same_person_cannot_check_what_they_entered(sme_member, lab, tensile, client_of):
    order = walk(sme_member, lab, [tensile], "entered")
    before = state_of(order)
    response = client_of(lab["enter"]).post(
        reverse("orders:order_check", args=[order.pk]), follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert state_of(order) == before


def test_overdue_orders_are_highlighted_in_their_tab(
    sme_member, lab, tensile, client_of, now, provider_admin
):
    order = walk(sme_member, lab, [tensile], S.TESTING)
    now(clock.now() + timedelta(days=30))
    staff = client_of(provider_admin)
    page = staff.get(reverse("orders:console_orders") + "?tab=overdue")
    assert page.status_code == 200
    assert f'data-order="{order.pk}"' in page.text and "data-overdue" in page.text
    assert "data-overdue" in staff.get(reverse("orders:console_order", args=[order.pk])).text


def test_empty_lists_say_what_to_do_next(sme_member, client_of, provider_admin):
    mine = client_of(sme_member).get(reverse("orders:my_orders"))
    assert reverse("catalog:test_service_list") in mine.text
    desk = client_of(provider_admin).get(reverse("orders:console_orders"))
    assert reverse("catalog:console_test_services") in desk.text


def test_the_worklist_shows_each_queue_to_the_right_people(
    sme_member, lab, tensile, cma, client_of
):
    order = walk(sme_member, lab, [tensile], "checked")
    signer_page = client_of(lab["approve"]).get(reverse("orders:worklist")).text
    assert f'data-order="{order.pk}"' in signer_page.split('id="to-approve"')[1]
    other = client_of(lab["enter"]).get(reverse("orders:worklist")).text
    assert f'data-order="{order.pk}"' not in other.split('id="to-approve"')[1]


def test_an_admin_names_a_signatory_for_own_items_only(
    provider_org, provider_admin, tensile, client_of, other_provider_org
):
    from labshare.accounts.models import Membership
    from tests.orders.conftest import make_test_service

    user = make_member(provider_org, "signer2", "staff")
    membership = Membership.objects.get(user=user, organization=provider_org)
    foreign = make_test_service(other_provider_org, "外单位项目", code="X-1")
    admin = client_of(provider_admin)
    url = reverse("orders:signatories")
    refused = admin.post(url, {"member": membership.pk, "test_services": [foreign.pk]})
    assert refused.status_code == 400 and "test_services" in refused.context["form"].errors
    admin.post(url, {"member": membership.pk, "test_services": [tensile.pk]})
    assert "signer2" in admin.get(url).text


@pytest.mark.parametrize("tab", ["new", "waiting", "lab", "overdue", "reported", "closed", "bogus"])
def test_every_console_tab_opens(tab, client_of, provider_admin, db):
    assert (
        client_of(provider_admin).get(reverse("orders:console_orders"), {"tab": tab}).status_code
        == 200
    )


def test_who_only_quotes_works_at_the_desk(sme_member, lab, tensile, client_of, provider_member):
    from labshare.accounts import services as account_services
    from labshare.accounts.models import Membership
    from labshare.core.actors import system_actor

    membership = Membership.objects.get(user=provider_member)
    account_services.grant_permission(system_actor(), membership, "orders.quote")
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    desk = client_of(provider_member)
    assert desk.get(reverse("orders:console_orders")).status_code == 200
    page = desk.get(reverse("orders:console_order", args=[order.pk]))
    assert page.status_code == 200 and 'id="quote-form"' in page.text
    assert 'id="nav-test-orders"' in page.text


def test_a_draft_is_the_clients_alone(sme_member, lab, tensile, client_of, provider_admin):
    order = walk(sme_member, lab, [tensile], S.DRAFT)
    assert (
        client_of(provider_admin).get(reverse("orders:console_order", args=[order.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("value", ["²", "１", "9" * 40, "-1", "abc", ""])
def test_odd_item_numbers_lead_back_to_the_catalogue(value, sme_member, client_of, tensile):
    answer = client_of(sme_member).get(reverse("orders:order_new"), {"service": value})
    assert answer.status_code == 302 and answer.url == reverse("catalog:test_service_list")


def test_a_crafted_receipt_without_rows_is_refused_not_a_500(
    sme_member, lab, tensile, client_of, provider_admin
):
    order = walk(sme_member, lab, [tensile], S.ACCEPTED)
    before = state_of(order)
    data = {
        "sample-TOTAL_FORMS": "2",
        "sample-INITIAL_FORMS": "0",
        "sample-0-condition": "完好",
        "sample-1-condition": "完好",
    }
    answer = client_of(provider_admin).post(reverse("orders:order_receive", args=[order.pk]), data)
    assert answer.status_code == 400
    assert state_of(order) == before


def test_results_posted_out_of_testing_are_refused_with_a_message(
    sme_member, lab, tensile, client_of
):
    order = walk(sme_member, lab, [tensile], S.SAMPLES_RECEIVED)
    answer = client_of(lab["enter"]).post(
        reverse("orders:order_results", args=[order.pk]), follow=True
    )
    assert [m.level_tag for m in answer.context["messages"]] == ["error"]


def test_the_order_lists_read_a_fixed_number_of_queries(
    sme_member, lab, tensile, hardness, client_of, provider_admin, django_assert_max_num_queries
):
    walk(sme_member, lab, [tensile, hardness], S.SUBMITTED)
    customer, desk = client_of(sme_member), None
    with django_assert_max_num_queries(12) as few:
        customer.get(reverse("orders:my_orders"), {"show": "all"})
    for _ in range(5):
        walk(sme_member, lab, [tensile, hardness], S.TESTING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        customer.get(reverse("orders:my_orders"), {"show": "all"})
    desk = client_of(provider_admin)
    with django_assert_max_num_queries(14) as staff:
        desk.get(reverse("orders:console_orders"), {"tab": "lab"})
    walk(sme_member, lab, [tensile, hardness], S.TESTING)
    with django_assert_max_num_queries(len(staff.captured_queries)):
        desk.get(reverse("orders:console_orders"), {"tab": "lab"})


def test_an_order_kept_as_a_draft_is_sent_later(sme_member, tensile, client_of, lab):
    data = {"service": tensile.pk, "test_services": [tensile.pk], "sample_count": 1}
    data |= {"sample_description": "A1", "urgency": "normal", "remains": "return"}
    data |= {"contact_name": "李工", "contact_phone": "13800000001"}
    client = client_of(sme_member)
    client.post(reverse("orders:order_new"), data)  # send_now unticked
    order = ServiceOrder.objects.get()
    assert order.status == S.DRAFT
    assert 'data-action="submit"' in client.get(order.get_absolute_url()).text
    client.post(reverse("orders:order_submit", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == S.SUBMITTED
