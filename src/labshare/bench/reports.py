"""`labshare bench report`: how long one test report takes to issue.

Orders of a synthetic lab are walked through the real services up to checked results; then each
approval is timed whole (number, marks, PDF built, bytes and hash stored, order moved, audit and
notifications written, one transaction), and the PDF build alone beside it, so the share of
reportlab in an issue is visible. Each sample adds a line to the results table, so --samples
shows how the time grows with the report's length.
"""

import re
import time
from datetime import date, timedelta
from decimal import Decimal

from labshare.accounts.models import Membership
from labshare.bench.booking import bench_organization, bench_user
from labshare.bench.timing import summary
from labshare.catalog import testing
from labshare.catalog.models import TestService
from labshare.core import clock
from labshare.core.actors import command_actor, system_actor
from labshare.orders import services
from labshare.orders.models import Result, ServiceOrder, TestReport
from labshare.orders.pdf import ReportContent, build_report_pdf

PAGE = re.compile(rb"/Type /Page\b(?!s)")  # reportlab writes its page objects plainly
ITEMS = [
    ("BR-TEN", "金属材料室温拉伸试验", "GB/T 228.1-2021", "MPa"),
    ("BR-HRC", "金属洛氏硬度试验", "GB/T 230.1-2018", "HRC"),
]


def _lab():
    provider = bench_organization(
        "基准检测实验室", 801, is_provider=True, is_customer=False, code="BRPT"
    )
    customer = bench_organization("基准委托企业", 802, is_provider=False, is_customer=True)
    people = {
        "customer": bench_user("bench_client", customer, "member"),
        "enter": bench_user("bench_tester", provider, "staff"),
        "check": bench_user("bench_checker", provider, "staff"),
        "approve": bench_user("bench_signer", provider, "staff"),
        "admin": bench_user("bench_lab_admin", provider, "admin"),
    }
    items = []
    for code, name, method, unit in ITEMS:
        item = TestService.objects.filter(organization=provider, code=code).first()
        if item is None:
            item = testing.create_test_service(
                system_actor(),
                provider,
                code=code,
                name=name,
                method_code=method,
                method_title=name,
                sample_type="金属试样",
                sample_amount="每组 3 根",
                result_unit=unit,
                turnaround_days=5,
                price_per_sample=Decimal("100.00"),
            )
            item = testing.publish_test_service(system_actor(), item)
        items.append(item)
    if not provider.accreditations.exists():
        cma = testing.add_accreditation(
            system_actor(),
            provider,
            kind="cma",
            number="210099999999",
            issuer="辽宁省市场监督管理局",
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 12, 31),
        )
        testing.set_scope_line(system_actor(), cma, items[0])
    membership = Membership.objects.get(user=people["approve"], organization=provider)
    services.appoint_signatory(command_actor(people["admin"], provider), membership, items)
    return provider, customer, people, items


def _checked_order(customer, provider, people, items, samples: int) -> ServiceOrder:
    def act(role, org):
        return command_actor(people[role], org)

    order = services.draft_order(
        act("customer", customer),
        customer,
        items,
        sample_count=samples,
        sample_description="Q235 钢板试样",
        contact_name="基准",
        contact_phone="13800000000",
    )
    services.submit_order(act("customer", customer), order)
    lines = [(item.name, samples, item.price_per_sample) for item in items]
    services.quote_order(act("admin", provider), order, lines, clock.today() + timedelta(days=9))
    services.accept_quote(act("customer", customer), order)
    rows = [(f"试样 {n}", "完好") for n in range(1, samples + 1)]
    services.receive_samples(act("admin", provider), order, rows)
    services.start_testing(act("admin", provider), order)
    entries = [
        {"sample": sample, "item": item, "value": "452", "unit": item.test_service.result_unit}
        for sample in order.samples.all()
        for item in order.items.select_related("test_service")
    ]
    services.enter_results(act("enter", provider), order, entries)
    services.check_results(act("check", provider), order)
    return ServiceOrder.objects.get(pk=order.pk)


def run(reports: int, samples: int, say) -> dict:
    provider, customer, people, items = _lab()
    signer = command_actor(people["approve"], provider)
    say(f"Walking {reports} orders of {samples} samples × {len(items)} items to checked …")
    orders = [_checked_order(customer, provider, people, items, samples) for _ in range(reports)]
    issue, build, sizes, pages = [], [], [], []
    for number, order in enumerate(orders, 1):
        started = time.perf_counter()
        report = services.approve_report(signer, order)
        issue.append((time.perf_counter() - started) * 1000)
        report = TestReport.objects.get(pk=report.pk)
        results = Result.objects.filter(item__order=order).select_related(
            "sample", "item__test_service", "entered_by", "checked_by"
        )
        items = list(order.items.select_related("test_service"))
        content = ReportContent.of(report, order, items, list(results))
        started = time.perf_counter()
        build_report_pdf(content)
        build.append((time.perf_counter() - started) * 1000)
        pdf = bytes(report.pdf)
        sizes.append(len(pdf))
        pages.append(len(PAGE.findall(pdf)))
        if number % 10 == 0:
            say(f"{number}/{reports} reports issued")
    return {
        "reports": reports,
        "samples_per_report": samples,
        "items_per_report": len(items),
        "issue_report": summary(issue),
        "build_pdf_only": summary(build),
        "pdf_bytes_mean": round(sum(sizes) / len(sizes)),
        "pdf_pages": sorted(set(pages)),
    }
