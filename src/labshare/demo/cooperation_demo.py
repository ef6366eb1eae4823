"""The demo's R&D cooperation, replayed through the real services with the clock set back:
needs in several fields and states, proposals, one agreement in force with a milestone accepted
and one overdue, one agreement terminated, a confidential need read under the undertaking, and
a provider following the fields it works in."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from labshare.cooperation import services
from labshare.cooperation.models import IndustryField
from labshare.core import clock
from labshare.core.actors import command_actor


def _at(days_ago: int, hour: int = 10) -> datetime:
    day = clock.today() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _need(user, org, days_ago, disciplines, **fields):
    fields.setdefault("public_summary", "")
    fields.setdefault("is_confidential", False)
    with clock.frozen(_at(days_ago)):
        fields.setdefault("deadline", clock.today() + timedelta(days=30))
        return services.post_need(command_actor(user, org), org, disciplines=disciplines, **fields)


def _propose(user, org, need, days_ago, price, days, approach, team, timeline, instruments=()):
    with clock.frozen(_at(days_ago, 15)):
        return services.submit_proposal(
            command_actor(user, org),
            need,
            org,
            approach=approach,
            team=team,
            timeline=timeline,
            duration_days=days,
            price=Decimal(price),
            instruments=list(instruments),
        )


def _agreement(firm_admin, firm, proposal, days_ago, milestones, provider_admin, provider):
    """Accept the proposal, add the milestones (deliverable, due in days from acceptance,
    amount), and both sides sign two days later."""
    firm_actor = command_actor(firm_admin, firm)
    with clock.frozen(_at(days_ago)):
        agreement = services.accept_proposal(firm_actor, proposal)
        made = [
            services.add_milestone(
                firm_actor,
                agreement,
                deliverable=deliverable,
                due_on=clock.today() + timedelta(days=due),
                amount_due=Decimal(amount),
            )
            for deliverable, due, amount in milestones
        ]
    with clock.frozen(_at(days_ago - 2)):
        services.sign_agreement(firm_actor, agreement, clock.today())
        agreement = services.sign_agreement(
            command_actor(provider_admin, provider), agreement, clock.today()
        )
    return agreement, made


def load_cooperation(providers, staff, admins, users, customers, bookers) -> None:
    lab, lab_admin, technician = providers[0], users["provider_admin"], users["technician"]
    firm, engineer, head = customers[0], users["sme_member"], users["sme_admin"]
    other_firm, other_head = customers[1], users["outsider"]
    second_lab, third_lab = providers[1], providers[2]
    lab_actor = command_actor(technician, lab)
    for code in ("manufacturing", "new-energy"):
        services.follow_field(lab_actor, lab, IndustryField.objects.get(pk=code))
    services.follow_field(
        command_actor(admins[second_lab.pk], second_lab),
        second_lab,
        IndustryField.objects.get(pk="marine-equipment"),
    )
    instruments = list(lab.instruments.filter(is_published=True).order_by("id")[:2])

    # In force: one milestone delivered and accepted, the next one overdue.
    welding = _need(
        engineer,
        firm,
        100,
        ["460", "430"],
        title="高强铝合金焊接接头疲劳性能提升",
        problem="我司6061铝合金焊接支架在振动工况下出现早期疲劳裂纹，需分析断口、找出失效原因并优化焊接工艺。",
        expected_outcome="疲劳寿命提高一倍的焊接工艺方案，附断口分析和疲劳试验报告。",
        field="high-end-equipment",
        mode="commissioned",
        budget_min="80000",
        budget_max="150000",
    )
    chosen = _propose(
        technician,
        lab,
        welding,
        95,
        "96000",
        120,
        "扫描电镜断口分析定位裂纹源；焊接参数正交试验；按GB/T 3075做疲劳试验验证。",
        "材料学院焊接课题组：教授1名、博士后1名、研究生2名。",
        "第1月失效分析；第2-3月工艺试验；第4月疲劳验证与报告。",
        instruments,
    )
    _propose(
        admins[second_lab.pk],
        second_lab,
        welding,
        94,
        "128000",
        150,
        "有限元应力分析结合焊后热处理工艺改进。",
        "结构强度研究室：研究员1名、工程师2名。",
        "第1-2月仿真；第3-4月工艺；第5月验证。",
    )
    with clock.frozen(_at(93)):
        services.shortlist_proposal(command_actor(engineer, firm), chosen)
        services.post_message(
            command_actor(engineer, firm), chosen, "疲劳试验的载荷谱由我司提供可以吗？"
        )
    with clock.frozen(_at(92)):
        services.post_message(lab_actor, chosen, "可以，请提供实测载荷谱，我们按它编制试验程序。")
    agreement, (analysis, process) = _agreement(
        head,
        firm,
        chosen,
        90,
        [("断口分析与失效机理报告", 30, "36000"), ("焊接工艺优化方案与疲劳验证报告", 80, "60000")],
        lab_admin,
        lab,
    )
    with clock.frozen(_at(62)):
        services.deliver_milestone(lab_actor, analysis)
    with clock.frozen(_at(60)):
        services.accept_milestone(command_actor(head, firm), analysis)
    with clock.frozen(_at(80)):
        number = f"{clock.today().year}21021100{agreement.pk:04d}"
        services.register_contract(command_actor(head, firm), agreement, number, clock.today())

    # Terminated by agreement of both sides.
    coating = _need(
        other_head,
        other_firm,
        70,
        ["480", "510"],
        title="锂电池极片涂布厚度在线检测",
        problem="涂布机极片面密度波动大，离线抽检滞后，需要在线测厚与闭环控制方案。",
        expected_outcome="可装在现有涂布线上的在线测厚样机和控制软件。",
        field="new-energy",
        mode="joint",
        budget_min="200000",
        budget_max="400000",
    )
    answer = _propose(
        admins[third_lab.pk],
        third_lab,
        coating,
        66,
        "320000",
        240,
        "β射线测厚结合机器视觉边缘检测，PLC闭环调节。",
        "智能检测团队：教授1名、工程师3名。",
        "第1-3月样机；第4-6月联调；第7-8月试运行。",
    )
    ended, _ = _agreement(
        other_head,
        other_firm,
        answer,
        60,
        [("在线测厚样机", 90, "160000"), ("闭环控制软件与试运行报告", 200, "160000")],
        admins[third_lab.pk],
        third_lab,
    )
    with clock.frozen(_at(20)):
        services.terminate_agreement(
            command_actor(other_head, other_firm), ended, "企业调整产品路线，双方协商终止。"
        )

    # Open and confidential: read by the first lab under the undertaking, one proposal.
    dressing = _need(
        engineer,
        firm,
        6,
        ["350", "180"],
        title="新型医用敷料抗菌性能评价",
        problem="我司研发的银离子水凝胶敷料需建立抗菌率与细胞毒性的评价方法，配方细节保密。",
        expected_outcome="符合注册检验要求的评价方法和一轮验证数据。",
        public_summary="一种新型医用敷料的抗菌性能与生物相容性评价",
        is_confidential=True,
        field="biomedicine",
        mode="service",
        budget_min="30000",
        budget_max="60000",
    )
    with clock.frozen(_at(5)):
        access = services.invite_provider(command_actor(engineer, firm), dressing, lab)
    with clock.frozen(_at(4)):
        services.accept_undertaking(lab_actor, access)
    _propose(
        technician,
        lab,
        dressing,
        3,
        "48000",
        45,
        "按GB/T 16886做细胞毒性试验，抗菌率按振荡法测定，附方法验证。",
        "生物材料检测室：高级工程师1名、检测员2名。",
        "第1-2周方法建立；第3-5周检测；第6周报告。",
    )

    # Open and public: one without proposals, one with a proposal; one withdrawn.
    engineer_of = {org.pk: user for user, org in bookers}
    vision_firm, salt_firm, cold_firm = customers[2], customers[3], customers[4]
    _need(
        engineer_of[vision_firm.pk],
        vision_firm,
        2,
        ["520", "510"],
        title="工业视觉表面缺陷检测算法",
        problem="冲压件表面划伤、凹坑靠人工目检，漏检率约3%，希望用深度学习做在线检测。",
        expected_outcome="识别率不低于99%的检测算法和可部署的软件。",
        field="artificial-intelligence",
        mode="joint",
        budget_max="250000",
    )
    salt = _need(
        engineer_of[salt_firm.pk],
        salt_firm,
        8,
        ["430", "610"],
        title="海工装备防腐涂层耐盐雾评价",
        problem="海上平台钢结构防腐涂层需评估3000小时中性盐雾和循环腐蚀性能，选出最优配套体系。",
        expected_outcome="涂层体系对比试验报告和选型建议。",
        field="marine-equipment",
        mode="service",
        budget_min="40000",
        budget_max="80000",
    )
    _propose(
        admins[second_lab.pk],
        second_lab,
        salt,
        7,
        "62000",
        150,
        "按GB/T 10125做中性盐雾，按ISO 12944-9做循环腐蚀，附电化学阻抗分析。",
        "腐蚀与防护实验室：研究员1名、工程师2名。",
        "试验周期约5个月，每月出阶段数据。",
    )
    cold = _need(
        engineer_of[cold_firm.pk],
        cold_firm,
        30,
        ["630", "910"],
        title="冷链物流温控数据分析",
        problem="冷藏车温度记录分散在多个平台，需统一分析断链风险。",
        expected_outcome="断链风险模型和周报模板。",
        field="logistics",
        mode="consulting",
    )
    with clock.frozen(_at(12)):
        services.withdraw_need(
            command_actor(engineer_of[cold_firm.pk], cold_firm), cold, "企业内部已自行解决。"
        )
