"""`labshare bench cooperation`: needs posted and matched against a province-size catalogue,
and how fast the board and a provider's matched needs answer.

The catalogue is the one `bench catalog` builds (synthetic copies of the demo district's
instruments). Needs are posted through the real service, so each post includes its matching
(the catalogue search over every public instrument, the test items, past agreements) and the
notifications of the providers that follow its field.
"""

import itertools
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from labshare.accounts import services as account_services
from labshare.accounts.models import Organization, User
from labshare.accounts.uscc import with_check_character
from labshare.bench import catalog
from labshare.bench.timing import measure, summary
from labshare.catalog.models import Discipline
from labshare.cooperation import matching, queries, services
from labshare.cooperation.models import IndustryField, Need
from labshare.cooperation.views.needs import need_board
from labshare.core import clock
from labshare.core.actors import command_actor, system_actor, visitor_actor

FIRM = "基准测试企业"
# (what the firm needs, expected outcome, field, discipline): words the catalogue holds.
TOPICS = [
    ("扫描电镜断口分析与焊接工艺优化", "失效分析报告和工艺方案", "high-end-equipment", "460"),
    ("液相色谱测定原料药有关物质的方法开发", "经验证的分析方法", "biomedicine", "350"),
    ("X射线衍射物相分析与热处理工艺改进", "物相数据和工艺建议", "manufacturing", "430"),
    ("激光粒度分析与浆料分散稳定性提升", "分散工艺和粒度报告", "new-energy", "530"),
    ("万能材料试验机拉伸测试与复合材料配方优化", "力学性能数据和配方", "manufacturing", "430"),
    ("质谱鉴定未知杂质并建立控制策略", "杂质结构和控制方法", "biomedicine", "150"),
    ("热分析评价涂层耐温性能", "耐温评价报告", "marine-equipment", "430"),
    ("显微镜图像的缺陷自动识别算法", "识别算法和软件", "artificial-intelligence", "520"),
]


def _firm() -> tuple[Organization, User]:
    firm = Organization.objects.filter(name=FIRM).first()
    if firm is None:
        firm = account_services.create_organization(
            system_actor(),
            name=FIRM,
            uscc=with_check_character("91210299000099999"),
            is_demo=True,
            is_tech_sme=True,
        )
    user = User.objects.filter(username="bench_firm").first()
    if user is None:
        user = account_services.create_account(
            system_actor(), username="bench_firm", password="", email="", full_name="基准"
        )
        account_services.add_member(system_actor(), firm, user, "member")
    return firm, user


def _post(actor, firm, number: int) -> Need:
    problem, outcome, field, discipline = TOPICS[number % len(TOPICS)]
    return services.post_need(
        actor,
        firm,
        disciplines=[discipline],
        title=f"{problem[:60]}（{number}）",
        problem=f"{problem}。我司第{number}号课题需要外部实验室支持。",
        expected_outcome=outcome,
        public_summary="",
        field=field,
        mode="commissioned",
        budget_min="50000",
        budget_max="200000",
        deadline=clock.today() + timedelta(days=60),
        is_confidential=False,
    )


def _board(params: dict) -> None:
    request = RequestFactory().get("/cooperation/", params, HTTP_HOST=settings.ALLOWED_HOSTS[0])
    request.user = AnonymousUser()
    request.active_membership = None
    request.actor = visitor_actor()
    request.htmx = HtmxDetails(request)
    request.session = {}
    response = need_board(request)
    assert response.status_code == 200, response.status_code


def run(instruments: int, needs: int, repeat: int, log) -> dict:
    built = catalog.build(instruments, log)
    firm, user = _firm()
    actor = command_actor(user, firm)
    have = Need.objects.filter(customer=firm).count()
    posts = []
    for number in range(have, needs):
        started = time.perf_counter()
        _post(actor, firm, number)
        posts.append((time.perf_counter() - started) * 1000)
        if (number + 1) % 100 == 0:
            log(f"needs posted: {number + 1}/{needs}")
    sample = list(Need.objects.filter(customer=firm).order_by("pk")[: len(TOPICS)])
    matched = [len(matching.suggest(need)) for need in sample]
    suggest_samples = list(
        itertools.chain.from_iterable(
            measure(lambda n=need: matching.suggest(n), repeat) for need in sample
        )
    )
    provider = Organization.objects.filter(need_matches__need__customer=firm).order_by("pk").first()
    _board({})  # warm: jieba, connections
    board_queries = [
        {},
        {"q": "色谱"},
        {"field": "manufacturing"},
        {"q": "焊接", "mode": "commissioned"},
    ]
    return {
        "instruments_in_catalogue": built.get("existing", 0) + built.get("created", 0),
        "disciplines": Discipline.objects.count(),
        "industry_fields": IndustryField.objects.count(),
        "needs": Need.objects.filter(customer=firm).count(),
        "needs_posted_now": len(posts),
        "post_need_with_matching": summary(posts) if posts else None,
        "providers_suggested_per_need": matched,
        "suggest": summary(suggest_samples),
        "board_page": summary(
            list(
                itertools.chain.from_iterable(
                    measure(lambda p=params: _board(p), repeat) for params in board_queries
                )
            )
        ),
        "matched_needs_first_page": summary(
            measure(lambda: list(queries.matched_needs(provider.pk)[: settings.PAGE_SIZE]), repeat)
        )
        if provider
        else None,
    }
