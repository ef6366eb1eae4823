"""The issued report read back from its PDF (pdftotext): the RB/T 214 content in Chinese, the
number and "page x of y" on every page, the three signatures; a correction names the report it
replaces; the stored hash is the bytes' hash; a failed build leaves everything as it was."""

import hashlib
import re
import shutil
import subprocess

import pytest

from labshare.core.models import Counter
from labshare.orders import services
from labshare.orders.models import Result, ServiceOrder, TestReport
from labshare.orders.services import reports
from tests.factories import act
from tests.orders.conftest import state_of, walk

S = ServiceOrder.Status

PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    PDFTOTEXT is None, reason="needs pdftotext (apt-get install poppler-utils)"
)


def pages_of(report: TestReport) -> list[str]:
    """The text of each page, as laid out."""
    out = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"],
        input=bytes(report.pdf),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    return [page for page in out.split("\f") if page.strip()]


def text_of(report: TestReport) -> str:
    return "\n".join(pages_of(report))


def flat(text: str) -> str:
    """Without the spaces and line breaks that layout puts between characters."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def report(sme_member, lab, tensile, cma, now):
    order = walk(sme_member, lab, [tensile], S.REPORTED)
    return TestReport.objects.get(order=order)


def test_the_report_is_in_chinese_with_the_statutory_statements(report):
    text = flat(text_of(report))
    assert "检测报告" in text
    assert "仅对来样负责" in text  # the client delivered the samples
    assert "未经本机构书面批准，不得部分复制本报告" in text


def test_the_report_states_what_rbt_214_asks_for(report, tensile):
    order = report.order
    text = text_of(report)
    for fact in (
        report.number,
        order.provider.name,
        order.customer.name,
        order.contact_phone,
        tensile.name,
        tensile.method_code,
        "2026-03-02",  # received, tested, reported
        "452",
        "MPa",
        *order.samples.values_list("number", flat=True),
    ):
        assert fact in text, fact


def test_the_mark_is_printed_with_its_certificate(report):
    assert "210012345678" in text_of(report)


def test_the_three_signatories_are_named(report, lab):
    text = text_of(report)
    for user in (lab["enter"], lab["check"], lab["approve"]):
        assert str(user) in text
    assert (report.prepared_by, report.checked_by, report.approved_by) == (
        lab["enter"],
        lab["check"],
        lab["approve"],
    )


def test_every_page_carries_the_number_and_page_x_of_y(sme_member, lab, tensile, hardness, now):
    order = walk(sme_member, lab, [tensile, hardness], S.REPORTED, sample_count=30)
    report = TestReport.objects.get(order=order)
    pages = pages_of(report)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert report.number in page
        assert re.search(rf"第\s*{number}\s*页\s*共\s*{len(pages)}\s*页", page), page[:200]


def test_samples_the_lab_collected_itself_lose_the_as_received_clause(
    sme_member, lab, tensile, now
):
    order = walk(sme_member, lab, [tensile], S.REPORTED, delivered_by_client=False)
    text = flat(text_of(TestReport.objects.get(order=order)))
    assert "仅对来样负责" not in text
    assert "samplesasreceived" not in text
    assert "未经本机构书面批准，不得部分复制本报告" in text


def test_an_unaccredited_item_is_named_and_no_mark_printed(
    sme_member, lab, tensile, hardness, cma, now
):
    order = walk(sme_member, lab, [tensile, hardness], S.REPORTED)
    text = text_of(TestReport.objects.get(order=order))
    assert "210012345678" not in text
    assert hardness.name in text.split(hardness.method_code)[-1]  # named again after the methods


def test_the_stored_hash_is_the_hash_of_the_stored_bytes(report):
    pdf = bytes(report.pdf)
    assert pdf.startswith(b"%PDF")
    assert report.sha256 == hashlib.sha256(pdf).hexdigest()


def test_a_correction_is_a_new_report_that_names_and_voids_the_old_one(report, lab, now):
    old_bytes, old_hash = bytes(report.pdf), report.sha256
    order = report.order
    services.start_correction(act(lab["check"]), order, "样品描述有误")
    assert set(Result.objects.filter(item__order=order).values_list("state", flat=True)) == {
        Result.State.ENTERED
    }
    services.check_results(act(lab["check"]), order)
    corrected = services.approve_report(act(lab["approve"]), order)

    assert corrected.number == "TSTU-2026-0002"
    assert corrected.replaces == report
    text = text_of(corrected)
    assert report.number in text and corrected.number in text
    assert "作废" in text
    assert "样品描述有误" in text
    assert corrected.sha256 == hashlib.sha256(bytes(corrected.pdf)).hexdigest()

    report.refresh_from_db()
    assert report.status == TestReport.Status.VOID
    assert report.voided_at is not None
    assert report.void_reason == "样品描述有误"
    assert (bytes(report.pdf), report.sha256) == (old_bytes, old_hash)  # immutable
    assert ServiceOrder.objects.get(pk=order.pk).status == S.REPORTED
    assert TestReport.objects.filter(order=order, status=TestReport.Status.VALID).get() == corrected


def test_a_completed_order_can_be_corrected_too(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.COMPLETED)
    services.start_correction(act(lab["check"]), order, "单位更正")
    services.check_results(act(lab["check"]), order)
    corrected = services.approve_report(act(lab["approve"]), order)
    assert corrected.replaces.number == "TSTU-2026-0001"
    assert corrected.replaces.status == TestReport.Status.VOID


def test_a_failed_build_leaves_the_order_as_it_was(sme_member, lab, tensile, monkeypatch, now):
    order = walk(sme_member, lab, [tensile], "checked")
    before = state_of(order)

    def broken(content):
        raise RuntimeError("reportlab fell over")

    working = reports.build_report_pdf
    monkeypatch.setattr(reports, "build_report_pdf", broken)
    with pytest.raises(RuntimeError):
        services.approve_report(act(lab["approve"]), order)
    assert state_of(order) == before
    assert ServiceOrder.objects.get(pk=order.pk).status == S.TESTING
    assert not TestReport.objects.exists()
    assert not Counter.objects.filter(key__startswith="report:").exclude(value=0).exists()

    monkeypatch.setattr(reports, "build_report_pdf", working)
    report = services.approve_report(act(lab["approve"]), order)
    assert report.number == "TSTU-2026-0001"  # the number was given back


def test_what_people_type_prints_as_typed_and_never_acts(sme_member, lab, tensile, now):
    """Paragraph text is markup to reportlab: "<LOQ" broke the build, and an <img> tag read a
    file of the server's. Both now print literally."""
    typed = '钢板 <img src="/etc/hostname"/> A&B'
    order = walk(sme_member, lab, [tensile], "testing", sample_description=typed)
    sample, item = order.samples.first(), order.items.first()
    for each in order.samples.all():
        value = "<LOQ" if each == sample else "452"
        services.enter_result(act(lab["enter"]), order, each, item, value=value, unit="MPa")
    services.check_results(act(lab["check"]), order)
    report = services.approve_report(act(lab["approve"]), order)
    text = flat(text_of(report))
    assert flat(typed) in text and "<LOQ" in text
