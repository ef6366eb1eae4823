"""Fictional demo content for the Ganjingzi district shared-instrument platform.

Everything here is invented: unit names, people, addresses, phone numbers, asset numbers
and 统一社会信用代码 are fictional and only *look* plausible. Manufacturer names and
instrument model strings refer to real-world products so the catalogue reads naturally.

The module is pure data. A loader turns ``PROVIDERS`` (16 provider units carrying 112
instruments), ``CUSTOMERS`` (20 SMEs and start-up teams) and ``OPERATOR`` into database
rows. Output is deterministic: the only source of variety is a ``random.Random`` with a
fixed seed, consumed in a fixed order at import time.

Run ``python district.py`` to execute the self-check at the bottom of the file.
"""

from __future__ import annotations

import random

from stdnum.cn import uscc

__all__ = ["CUSTOMERS", "OPERATOR", "PROVIDERS", "make_uscc"]

_RNG = random.Random(20250211)

# --------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)
# --------------------------------------------------------------------------------------

_REGION = "210211"  # 辽宁省大连市甘井子区
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # GB 11714: A=10 … Z=35
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# registration authority + organisation type: 1/2 = 机构编制/事业单位, 9/1 = 工商/企业
_KIND_PREFIX = {"university": "12", "institute": "12", "public": "12", "enterprise": "91"}


def _org_check_digit(body: str) -> str:
    """Check digit of an 8-character organisation code (GB 11714-1997)."""
    total = sum(
        _ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(seq: int, kind: str) -> str:
    """Return a deterministic, checksum-valid, fictional USCC registered in Ganjingzi.

    ``kind`` is ``"university"``, ``"institute"`` or ``"public"`` (public institution,
    prefix ``12``) or ``"enterprise"`` (prefix ``91``). Distinct ``seq`` values give
    distinct codes within one prefix; ``seq`` must lie in ``0 … 999999``.
    """
    try:
        prefix = _KIND_PREFIX[kind]
    except KeyError:
        raise ValueError(f"unknown organisation kind: {kind!r}") from None
    if not 0 <= seq < 1_000_000:
        raise ValueError(f"seq out of range: {seq}")
    if prefix == "12":
        # 事业单位 organisation codes traditionally start with 4; the multiplier is a
        # prime coprime to 10, so the mapping is injective.
        body = "4" + f"{(seq * 104_729 + 2_402_111) % 10_000_000:07d}"
    else:
        # Enterprises registered after 2015 get codes beginning with "MA".
        body = "MA" + f"{(seq * 7_919 + 104_729) % 1_000_000:06d}"
    partial = prefix + _REGION + body + _org_check_digit(body)
    return partial + uscc.calc_check_digit(partial)


# --------------------------------------------------------------------------------------
# builders
# --------------------------------------------------------------------------------------


def _phone() -> str:
    """A fictional Dalian landline number (0411 + 8-digit local number)."""
    return f"0411-8{_RNG.randrange(1_000_000, 10_000_000):07d}"


def _i(
    name: str,
    name_en: str,
    class_code: str,
    *,
    model: str,
    maker: str,
    country: str,
    value: str,
    date: str,
    disc: tuple[str, ...],
    room: str,
    box: str,
    specs: str,
    functions: str,
    service: str,
    note: str,
    fee: str,
    hourly: str,
    results: str,
    dept: int = 0,
    staff: int = 0,
    booking: str = "self",
    source: str = "purchase",
    category: str = "general",
    status: str = "normal",
    funds: tuple[str, ...] | None = None,
    hours: tuple[int, int] | None = None,
) -> dict:
    """Collect the hand-written part of one instrument; ``_provider`` completes it."""
    return dict(locals())


def _sharing_rules(booking: str, note: str) -> str:
    if booking == "staff":
        days = _RNG.choice((3, 5, 5, 7))
        return (
            "本仪器由专职技术人员操作，用户通过平台提交委托单并按要求送样，不接受自行上机。"
            f"{note}检测结果一般在{days}个工作日内反馈，加急需提前协商。"
        )
    return (
        "用户须参加本室组织的操作培训并考核合格后方可自主上机，未经培训者可申请技术人员代为操作。"
        f"{note}请至少提前1个工作日通过平台预约，取消预约须提前4小时，使用后如实填写使用记录。"
    )


def _hours(status: str) -> tuple[int, int]:
    """Plausible 年运行机时 / 年对外服务机时 for the given running status."""
    if status == "standby":
        annual = _RNG.randrange(200, 610, 10)
        share = _RNG.uniform(0.10, 0.30)
    elif status == "occasional_fault":
        annual = _RNG.randrange(500, 1010, 10)
        share = _RNG.uniform(0.15, 0.35)
    else:
        annual = _RNG.randrange(900, 2410, 10)
        share = _RNG.uniform(0.20, 0.45)
    outside = max(20, int(annual * share) // 10 * 10)
    return annual, outside


def _provider(
    seq: int,
    code: str,
    kind: str,
    *,
    name: str,
    short_name: str,
    address: str,
    contact_name: str,
    description: str,
    depts: tuple[str, ...],
    staff: tuple[str, ...],
    funds: tuple[str, ...],
    items: list[dict],
    asset_prefix: str = "",
) -> dict:
    domain = f"{code.lower()}.example.cn"
    phone = _phone()
    staff_phones = [(person, _phone()) for person in staff]
    instruments = []
    assets: set[str] = set()
    for n, raw in enumerate(items, start=1):
        while True:
            asset = f"{asset_prefix}{raw['date'][:4]}-{_RNG.randrange(1, 10_000):04d}"
            if asset not in assets:
                assets.add(asset)
                break
        annual, outside = raw["hours"] or _hours(raw["status"])
        person, person_phone = staff_phones[raw["staff"]]
        instruments.append(
            {
                "code": f"{code}-{n:03d}",
                "asset_number": asset,
                "name": raw["name"],
                "name_en": raw["name_en"],
                "class_code": raw["class_code"],
                "department": depts[raw["dept"]],
                "model": raw["model"],
                "manufacturer": raw["maker"],
                "country": raw["country"],
                "original_value": raw["value"],
                "acquisition_date": raw["date"],
                "source": raw["source"],
                "category": raw["category"],
                "running_status": raw["status"],
                "sharing_mode": "external",
                "booking_mode": raw["booking"],
                "disciplines": list(raw["disc"]),
                "funding_sources": list(raw["funds"] or funds),
                "specifications": raw["specs"],
                "functions": raw["functions"],
                "service_content": raw["service"],
                "sharing_rules": _sharing_rules(raw["booking"], raw["note"]),
                "fee_text": raw["fee"],
                "hourly_fee": raw["hourly"],
                "typical_results": raw["results"],
                "room": raw["room"],
                "annual_hours": annual,
                "annual_outside_hours": outside,
                "contact_name": person,
                "contact_phone": person_phone,
                "contact_email": f"{raw['box']}@{domain}",
            }
        )
    return {
        "code": code,
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "uscc": make_uscc(seq, kind),
        "address": address,
        "contact_name": contact_name,
        "contact_phone": phone,
        "contact_email": f"lab@{domain}",
        "description": description,
        "instruments": instruments,
    }


_CENTRAL = ("中央财政资金",)
_CENTRAL_LOCAL = ("中央财政资金", "地方财政资金")
_LOCAL = ("地方财政资金",)
_LOCAL_OWN = ("地方财政资金", "单位自有资金")
_OWN = ("单位自有资金",)
_OTHER = ("其他资金",)

# --------------------------------------------------------------------------------------
# instruments, one list per provider unit (the unit records follow further below)
# --------------------------------------------------------------------------------------

# 大连示范理工大学 —— materials and mechanics
_DLSFU = [
    _i("场发射扫描电子显微镜", "Field Emission Scanning Electron Microscope", "010102",
       model="SU8010", maker="日立高新技术公司", country="日本", value="285.60",
       date="2019-05-01", disc=("430", "150", "460"), booking="staff",
       room="分析测试中心A楼103室", box="sem",
       specs="二次电子像分辨率：1.0 nm（15 kV）、1.3 nm（1 kV，减速模式）；加速电压：0.5–30 kV；"
       "放大倍数：20–800,000×；配牛津X-Max 80 mm²能谱仪，能量分辨率≤127 eV（Mn Kα）",
       functions="用于金属、陶瓷、高分子及复合材料的表面形貌与断口观察，"
       "结合能谱仪进行微区成分定性与半定量分析。",
       service="表面形貌观察、断口分析、颗粒尺寸统计、EDS点/线/面扫描",
       note="样品须干燥、无挥发、无磁性；不导电样品需喷金或喷碳（可代为处理）。",
       fee="校外用户：400元/小时；EDS分析另加100元/样；喷金制样30元/样。", hourly="400.00",
       results="近三年支撑发表SCI论文40余篇，为区内12家企业完成零部件失效分析。"),
    _i("场发射透射电子显微镜", "Field Emission Transmission Electron Microscope", "010101",
       model="JEM-2100F", maker="日本电子株式会社（JEOL）", country="日本", value="786.00",
       date="2014-10-20", disc=("430", "140", "150"), booking="staff", funds=_CENTRAL_LOCAL,
       room="分析测试中心A楼105室", box="tem", staff=2,
       specs="点分辨率：0.23 nm；线分辨率：0.102 nm；加速电压：80–200 kV；"
       "STEM-HAADF分辨率：0.20 nm；样品倾转：±25°；配Gatan OneView相机及能谱仪",
       functions="用于纳米材料、催化剂、金属及半导体材料的微观结构、晶体缺陷和界面观察，"
       "可进行高分辨成像、选区电子衍射与STEM元素分布分析。",
       service="高分辨像、选区电子衍射、STEM-HAADF成像、EDS元素面分布",
       note="粉末样品须提供分散后的铜网样品或委托制样；块体样品需减薄至100 nm以下。",
       fee="校外用户：900元/小时，不足1小时按1小时计；粉末制样150元/样，FIB制样另议。",
       hourly="900.00",
       results="支撑完成国家自然科学基金项目15项，协助区内企业完成纳米催化剂结构表征。"),
    _i("X射线衍射仪", "X-ray Diffractometer", "010301",
       model="D8 ADVANCE", maker="布鲁克公司", country="德国", value="168.30",
       date="2016-06-15", disc=("430", "150", "170"), booking="staff",
       room="分析测试中心A楼110室", box="xrd",
       specs="Cu靶，最大功率：3 kW；测角仪半径：≥250 mm；2θ范围：-110°–168°；"
       "最小步长：0.0001°；配LYNXEYE XE-T阵列探测器；高温附件：室温–1200 ℃",
       functions="用于多晶材料物相定性与定量分析、晶粒尺寸与微观应变计算、"
       "残余应力测定及薄膜掠入射测试。",
       service="物相鉴定、Rietveld精修、结晶度计算、高温原位XRD",
       note="粉末样品不少于0.5 g，粒度建议小于45 μm；块体样品需有一个平整面，"
       "尺寸不超过30 mm×30 mm。",
       fee="常规扫描：120元/样；按机时计：300元/小时；高温原位测试：600元/小时。",
       hourly="300.00",
       results="年测试样品逾4000个，为区内电池材料企业建立了正极材料物相快速检测方法。"),
    _i("电子万能材料试验机", "Electronic Universal Testing Machine", "020101",
       model="5982", maker="英斯特朗公司", country="美国", value="96.50",
       date="2017-09-08", disc=("430", "130", "460"),
       dept=1, room="力学楼B座102室", box="mech", staff=1,
       specs="最大试验力：100 kN；力值精度：示值的±0.5%；横梁速度：0.001–1016 mm/min；"
       "配接触式引伸计及−70–350 ℃高低温环境箱",
       functions="用于金属、塑料、复合材料及焊接接头的拉伸、压缩、弯曲、剪切和剥离试验，"
       "测定弹性模量、屈服强度、抗拉强度和断后伸长率。",
       service="室温/高低温拉伸、三点弯曲、压缩、层间剪切试验",
       note="试样须按GB/T 228.1或相应ASTM标准加工并提供尺寸图；高低温试验须提前3个工作日预约。",
       fee="校外用户：200元/小时；按样计：金属拉伸60元/件，高低温试验另加50%。",
       hourly="200.00",
       results="为区内汽车零部件和焊材企业提供材料入厂复验，年出具测试数据3000余组。"),
    _i("同步热分析仪", "Simultaneous Thermal Analyzer (TG-DSC)", "010903",
       model="STA 449 F3 Jupiter", maker="耐驰仪器制造有限公司", country="德国", value="78.20",
       date="2015-04-22", disc=("430", "150", "530"),
       room="分析测试中心A楼115室", box="ta", staff=2,
       specs="温度范围：室温–1550 ℃；升温速率：0.001–50 K/min；TG分辨率：0.1 μg；"
       "DSC灵敏度：<1 μW；气氛：N₂、Ar、空气、O₂；可与红外光谱联用",
       functions="同步测定材料的热重（TG）与差示扫描量热（DSC）信号，"
       "用于热稳定性、分解温度、相变及氧化行为研究。",
       service="TG-DSC同步测试、热稳定性评价、分解动力学分析",
       note="样品用量5–20 mg；含卤素、强腐蚀性样品须事先说明，易爆样品不予测试。",
       fee="校外用户：150元/小时；常规升温程序约2小时/样。", hourly="150.00",
       results="完成陶瓷前驱体、阻燃高分子等材料热行为测试，支撑3项企业工艺改进。"),
    _i("原子力显微镜", "Atomic Force Microscope", "030118",
       model="Dimension Icon", maker="布鲁克公司", country="美国", value="212.00",
       date="2018-11-30", disc=("430", "140", "416"), booking="staff",
       room="分析测试中心A楼108室", box="afm", staff=2,
       specs="扫描范围：90 μm×90 μm×10 μm；Z向噪声：<30 pm；支持PeakForce Tapping、"
       "导电AFM、KPFM、MFM等模式；样品尺寸：直径≤210 mm、厚度≤15 mm",
       functions="在纳米尺度测量材料表面三维形貌、粗糙度、台阶高度，"
       "以及力学、电学和磁学性质分布。",
       service="表面粗糙度测量、薄膜台阶高度、纳米力学成像、表面电势分布",
       note="样品表面须清洁平整，起伏不超过5 μm；液相测试须提前说明。",
       fee="校外用户：350元/小时；KPFM、导电AFM等特殊模式另加100元/小时。", hourly="350.00",
       results="为区内光学镀膜企业建立了膜层粗糙度检测规范，支撑论文20余篇。"),
    _i("全自动显微维氏硬度计", "Automatic Micro Vickers Hardness Tester", "020102",
       model="VH1202", maker="标乐公司（Buehler）", country="美国", value="18.60",
       date="2012-07-12", disc=("430", "460"), status="standby",
       dept=1, room="力学楼B座106室", box="hv", staff=1,
       specs="试验力：10 gf–2 kgf（0.098–19.6 N）；物镜：10×、50×；自动压痕测量，"
       "硬度梯度自动打点；符合GB/T 4340.1、ISO 6507",
       functions="测定金属、涂层、焊缝及热处理层的显微维氏和努氏硬度，绘制硬度梯度曲线。",
       service="显微硬度测试、渗碳/渗氮层深度测定、焊缝硬度分布",
       note="试样须经镶嵌并磨抛至镜面，上下表面平行。",
       fee="校外用户：80元/小时；硬度梯度测试30元/点（10点起）。", hourly="80.00",
       results="为区内齿轮企业完成渗碳层深度检测200余批次。"),
]

# 大连滨城海洋科技大学 —— marine observation and sea-water chemistry
_BCOU = [
    _i("温盐深剖面仪", "Conductivity-Temperature-Depth Profiler (CTD)", "050104",
       model="SBE 911plus", maker="海鸟科技公司（Sea-Bird Scientific）", country="美国",
       value="145.80", date="2013-05-16", disc=("170", "240", "610"), booking="staff",
       category="special", room="海洋楼一层仪器库", box="ctd",
       specs="最大工作深度：6800 m；电导率：0–7 S/m，精度±0.0003 S/m；温度：−5–35 ℃，"
       "精度±0.001 ℃；压力精度：0.015% FS；采样频率：24 Hz；可挂载溶解氧、叶绿素荧光、"
       "浊度传感器及12瓶采水器",
       functions="用于海洋调查中海水温度、盐度、深度剖面及溶解氧、叶绿素等要素的现场连续测量。",
       service="近海及港湾温盐深剖面调查、传感器比测、数据处理与报告",
       note="仪器须随船使用，出海任务须提前15个工作日申请并提供航次计划，由本单位技术人员随船操作。",
       fee="随船服务：3000元/天（含数据处理）；实验室比测：200元/小时。", hourly="200.00",
       results="累计完成大连湾、金州湾等海域调查航次60余个，支撑3项海洋生态修复工程论证。"),
    _i("声学多普勒流速剖面仪", "Acoustic Doppler Current Profiler (ADCP)", "050103",
       model="Workhorse Sentinel 600 kHz", maker="Teledyne RD Instruments", country="美国",
       value="62.40", date="2016-08-09", disc=("170", "570", "580"), booking="staff",
       room="海洋楼一层仪器库", box="adcp", staff=1,
       specs="工作频率：600 kHz；剖面范围：0.7–60 m；流速范围：±5 m/s（默认），"
       "最大±20 m/s；流速精度：±0.3%±0.3 cm/s；层数：1–255；内置罗盘与倾斜传感器",
       functions="用于港湾、河口和近海海流剖面测量，可船载走航或坐底锚系长期观测。",
       service="港池潮流观测、码头工程水文测验、海流资料处理",
       note="锚系布放须提前提供站位坐标和布放方案；仪器丢失或人为损坏须照价赔偿。",
       fee="仪器租用：800元/天；数据处理与报告编制：150元/小时。", hourly="150.00",
       results="为区内港口码头扩建工程提供潮流观测数据，相关成果纳入工程可行性研究报告。"),
    _i("波潮仪", "Wave and Tide Recorder", "050101",
       model="RBRduo³ T.D|wave", maker="RBR公司", country="加拿大", value="12.80",
       date="2020-06-03", disc=("170", "570"), room="海洋楼一层仪器库", box="wave", staff=1,
       specs="压力量程：20 dbar；压力精度：±0.05% FS；波浪采样频率：最高16 Hz；"
       "温度精度：±0.002 ℃；存储容量：2.4亿个读数；自容式布放续航可达1年",
       functions="自容式测量波浪、潮位及水温，用于近岸波浪统计、海岸工程及养殖海域环境监测。",
       service="波浪潮位长期观测、有效波高与周期统计分析",
       note="布放前须由本室人员检查电池与时钟同步；回收后原始数据由本室统一导出。",
       fee="仪器租用：300元/天；数据分析：120元/小时。", hourly="120.00",
       results="为海洋牧场网箱选址提供一年期波浪统计资料。"),
    _i("多参数水质监测仪", "Multiparameter Water Quality Sonde", "050202",
       model="EXO2", maker="赛莱默（YSI）", country="美国", value="35.20",
       date="2021-04-19", disc=("170", "240", "610"), funds=_LOCAL,
       dept=2, room="水产楼305室", box="exo", staff=2,
       specs="可同时搭载6个传感器：温度、电导率、光学溶解氧、pH/ORP、浊度、叶绿素/藻蓝蛋白、"
       "fDOM；最大深度：250 m；自动清洁刷；数据存储：51万组",
       functions="用于海水、养殖水体及河口水质的现场多参数同步测量与长期定点监测。",
       service="养殖水体水质监测、赤潮预警观测、排污口周边水质调查",
       note="传感器使用前须校准（可代为校准）；禁止用于高浓度油污或强腐蚀性废水。",
       fee="现场测量：150元/小时；仪器租用：500元/天（含校准）。", hourly="150.00",
       results="支撑区内3家海参养殖企业建立池塘水质在线监测方案。"),
    _i("浮游生物图像流式分析仪", "Imaging Flow Cytometer for Plankton", "050303",
       model="FlowCam 8400", maker="Yokogawa Fluid Imaging Technologies", country="美国",
       value="118.00", date="2018-09-27", disc=("240", "180", "170"),
       status="occasional_fault", dept=2, room="水产楼308室", box="flowcam", staff=2,
       specs="颗粒检测范围：2–1000 μm；物镜：2×–20×可选；成像速度：最高每秒40帧；"
       "同时采集叶绿素与藻蓝蛋白荧光；VisualSpreadsheet自动识别分类软件",
       functions="对海水和淡水样品中的浮游植物、浮游动物及微颗粒进行成像计数、粒径与形态参数统计"
       "和自动分类。",
       service="浮游植物群落结构分析、赤潮藻种识别计数、微塑料颗粒形态统计",
       note="样品须用鲁哥氏液或甲醛固定并注明采样信息；当前流动池偶发堵塞，建议预约前电话确认。",
       fee="校外用户：200元/小时；按样计：150元/样（含分类报告）。", hourly="200.00",
       results="建立了大连近海常见赤潮藻种图像库，收录图像12万余幅。"),
    _i("营养盐自动分析仪", "Segmented Flow Nutrient Analyzer", "011199",
       model="AutoAnalyzer 3 HR", maker="SEAL Analytical", country="德国", value="68.00",
       date="2011-03-25", disc=("170", "610", "150"), source="donated", funds=_OTHER,
       dept=1, room="海洋化学楼204室", box="nutrient", booking="staff",
       specs="检测项目：硝酸盐、亚硝酸盐、铵盐、磷酸盐、硅酸盐；检出限：NO₃⁻ 0.02 μmol/L、"
       "PO₄³⁻ 0.01 μmol/L；连续流动分析，分析速度：60样/小时",
       functions="采用连续流动分析法测定海水、河水中溶解态营养盐，适用于海洋调查和养殖水质评价。",
       service="海水五项营养盐测定、富营养化评价",
       note="样品须经0.45 μm滤膜过滤后冷冻保存，送样时附采样记录；盐度差异较大的样品须分批提交。",
       fee="按样计：五项营养盐180元/样；按机时计：250元/小时。", hourly="250.00",
       results="由合作研究机构捐赠，年均完成海水营养盐分析5000余样次。"),
    _i("离子色谱仪", "Ion Chromatograph", "010503",
       model="Dionex ICS-6000", maker="赛默飞世尔科技", country="美国", value="72.60",
       date="2022-07-14", disc=("150", "170", "610"), funds=_CENTRAL_LOCAL,
       dept=1, room="海洋化学楼206室", box="ic", staff=1,
       specs="双通道高压离子色谱，耐压：5000 psi；抑制型电导检测，噪声：<0.2 nS；"
       "淋洗液自动发生器；配AS-AP自动进样器；可测F⁻、Cl⁻、Br⁻、NO₃⁻、SO₄²⁻、碘酸根及常见阳离子",
       functions="用于海水、地下水、食品及化工样品中无机阴阳离子和有机酸的分离测定。",
       service="常见阴离子测定、海水中溴/碘形态分析、卤水离子组成分析",
       note="高盐样品须经稀释或前处理柱处理后上机；含油或有机溶剂样品不予接收。",
       fee="按样计：阴离子六项120元/样；按机时计：200元/小时。", hourly="200.00",
       results="为区内海盐及卤水综合利用企业提供离子组成分析，支撑新产品工艺定型。"),
]

# 大连北岸化工学院 —— chemical engineering, catalysis, process safety
_BACI = [
    _i("气相色谱仪", "Gas Chromatograph", "010501",
       model="8890", maker="安捷伦科技有限公司", country="美国", value="38.50",
       date="2021-03-10", disc=("150", "530"), room="化工楼A区201室", box="gc",
       specs="FID检测限：<1.3 pg C/s；TCD灵敏度：≥5000 mV·mL/mg；柱温箱：室温+4–450 ℃；"
       "配分流/不分流进样口、FID+TCD双检测器及7693A自动进样器",
       functions="用于有机溶剂纯度、反应产物组成、气体组成及挥发性有机物的定性定量分析。",
       service="溶剂纯度分析、反应液组成分析、永久性气体分析",
       note="液体样品须提供大致组成和溶剂信息；含水量高或含无机盐的样品须提前说明。",
       fee="校外用户：100元/小时；常规样品80元/针。", hourly="100.00",
       results="服务区内精细化工企业200余批次中间体纯度检测。"),
    _i("气相色谱-质谱联用仪", "Gas Chromatograph-Mass Spectrometer (GC-MS)", "010201",
       model="8890-5977B", maker="安捷伦科技有限公司", country="美国", value="96.00",
       date="2020-05-28", disc=("150", "530", "610"), booking="staff",
       room="化工楼A区203室", box="gcms", staff=2,
       specs="质量范围：1.6–1050 u；EI灵敏度：1 pg八氟萘 S/N≥1500；扫描速度：20000 u/s；"
       "配NIST 20谱库、顶空进样器及热脱附装置",
       functions="用于挥发和半挥发性有机化合物的定性鉴定与定量分析，"
       "适用于化工产品杂质剖析和环境样品检测。",
       service="未知物剖析、化工中间体杂质鉴定、VOCs分析",
       note="样品须可溶于常用有机溶剂并经0.22 μm滤膜过滤；须注明可能含有的组分。",
       fee="校外用户：300元/小时；定性分析200元/样，定量分析另议。", hourly="300.00",
       results="协助企业定位产品异味来源，解决出口批次质量投诉2起。"),
    _i("全自动比表面及孔隙度分析仪", "Surface Area and Porosity Analyzer", "020503",
       model="ASAP 2460", maker="麦克默瑞提克仪器公司", country="美国", value="82.00",
       date="2017-10-16", disc=("530", "150", "430"), dept=2, room="催化楼310室", box="bet",
       staff=2,
       specs="比表面积测定下限：0.0005 m²/g；孔径范围：0.35–500 nm；6个分析站独立运行；"
       "最低P/P₀：10⁻⁸；吸附质：N₂、Ar、CO₂、Kr",
       functions="用于催化剂、分子筛、活性炭及多孔材料的比表面积、孔容和孔径分布测定。",
       service="BET比表面积、BJH介孔分析、DFT微孔分布、CO₂吸附",
       note="须提前告知样品耐受温度以确定脱气条件；样品量一般为0.1–0.5 g。",
       fee="BET单点：100元/样；全孔分析：350元/样；按机时计：120元/小时。", hourly="120.00",
       results="为区内分子筛生产企业提供批次比表面积检测，年测试样品1500余个。"),
    _i("傅里叶变换红外光谱仪", "Fourier Transform Infrared Spectrometer", "010409",
       model="Nicolet iS50", maker="赛默飞世尔科技", country="美国", value="66.00",
       date="2016-04-07", disc=("150", "530", "430"), room="化工楼A区206室", box="ftir",
       specs="光谱范围：7800–350 cm⁻¹（可扩展至远红外）；分辨率：优于0.09 cm⁻¹；"
       "信噪比：50000:1（1分钟扫描）；配ATR、漫反射及原位反应池附件",
       functions="用于有机物、高分子及催化剂表面官能团定性分析，可开展原位红外吸附研究。",
       service="红外谱图采集与解析、ATR测试、吡啶吸附原位红外",
       note="固体样品须研磨干燥；含水样品请选择ATR模式；原位测试须提前一周预约。",
       fee="常规测试：60元/样；按机时计：150元/小时；原位红外另计。", hourly="150.00",
       results="年均开放机时超过1500小时，其中校外用户占三成。"),
    _i("固定床催化反应评价装置", "Fixed-Bed Catalytic Reactor Test Unit", "120204",
       model="FBR-II", maker="大连北岸化工学院（自研）", country="中国", value="45.00",
       date="2019-12-02", disc=("530", "150", "480"), source="developed", category="special",
       booking="staff", funds=_LOCAL, dept=2, room="催化楼中试厅", box="fbr", staff=1,
       specs="反应管内径：10 mm；操作压力：0–10 MPa；反应温度：室温–800 ℃；4路质量流量控制；"
       "液体进料泵：0.01–10 mL/min；在线气相色谱分析",
       functions="用于加氢、脱氢、氧化、合成气转化等多相催化反应中催化剂活性、选择性及稳定性评价。",
       service="催化剂活性评价、反应条件优化、长周期稳定性试验",
       note="涉及H₂、CO等危险气体的试验须提交安全评估，并由本实验室人员全程值守。",
       fee="按机时计：120元/小时；连续运行按天计：2000元/天。", hourly="120.00",
       results="完成VOCs催化燃烧催化剂千小时寿命评价，支撑企业产品定型。"),
    _i("加速量热仪", "Accelerating Rate Calorimeter", "010999",
       model="esARC", maker="英国THT公司", country="英国", value="152.00",
       date="2022-06-21", disc=("530", "620", "150"), booking="staff", funds=_CENTRAL_LOCAL,
       dept=1, room="安全工程楼104室", box="arc", staff=1,
       specs="温度范围：室温–500 ℃；温度灵敏度：0.005 ℃/min；压力范围：0–200 bar；"
       "样品量：0.5–10 g；具备加热-等待-搜索（HWS）与等温模式",
       functions="在绝热条件下测定化学品及反应体系的热失控起始温度、绝热温升和压力变化，"
       "用于化工工艺热危险性评估。",
       service="化学品热稳定性测试、TMRad计算、反应热风险评估",
       note="须随样提供MSDS；爆炸品和剧毒品不予接收。",
       fee="按样计：2500元/样（含报告）；按机时计：300元/小时。", hourly="300.00",
       results="为区内10余家化工企业完成反应安全风险评估测试，支撑其通过工艺安全审查。"),
    _i("全自动电位滴定仪", "Automatic Potentiometric Titrator", "010704",
       model="905 Titrando", maker="瑞士万通", country="瑞士", value="14.80",
       date="2014-09-18", disc=("150", "530"), status="standby",
       room="化工楼A区208室", box="titration",
       specs="电位测量范围：±2000 mV，分辨率0.1 mV；滴定管分辨率：1/20000；"
       "支持酸碱、氧化还原、沉淀及卡尔费休滴定；配自动进样器",
       functions="用于化工产品酸值、碱值、氯离子含量及水分等指标测定。",
       service="酸值/碱值测定、氯离子含量、卡尔费休水分",
       note="样品须注明预估含量范围；强氧化性样品须提前告知。",
       fee="按样计：50元/项；按机时计：80元/小时。", hourly="80.00",
       results="为润滑油调和企业提供酸值、碱值日常比对检测。"),
]

# 大连黄海医药大学 —— pharmaceutical analysis, cell biology, laboratory animals
_HHMU = [
    _i("液相色谱-质谱联用仪", "Liquid Chromatograph-Tandem Mass Spectrometer (LC-MS/MS)",
       "010201",
       model="ACQUITY UPLC I-Class/Xevo TQ-S micro", maker="沃特世公司", country="美国",
       value="268.00", date="2019-08-26", disc=("350", "310", "150"), booking="staff",
       room="药学楼405室", box="lcms",
       specs="质量范围：m/z 2–2048；MRM通道切换：≤3 ms；正负离子切换：15 ms；"
       "灵敏度：1 pg利血平 S/N≥50000:1；UPLC耐压：18000 psi",
       functions="用于药物、代谢物及生物样本中小分子的高灵敏度定量分析，"
       "适用于药代动力学和生物标志物研究。",
       service="血药浓度测定、药代动力学样品分析、方法学开发与验证",
       note="生物样本须冷链运输并附样品清单；方法开发项目须提前沟通标准品与内标。",
       fee="按样计：200元/样（方法开发另议）；按机时计：500元/小时。", hourly="500.00",
       results="支撑2个一类新药候选物完成临床前药代动力学研究。"),
    _i("流式细胞仪", "Flow Cytometer", "011012",
       model="FACSCelesta", maker="碧迪医疗器械（BD）", country="美国", value="165.00",
       date="2020-10-12", disc=("310", "180", "350"), dept=1, room="基础医学楼502室",
       box="facs", staff=1,
       specs="三激光（405/488/640 nm）12色检测；检测速度：35000事件/秒；"
       "荧光灵敏度：FITC≤80 MESF、PE≤30 MESF；配高通量进样器HTS",
       functions="用于细胞表面及胞内标志物多色分析、细胞周期、凋亡与增殖检测。",
       service="免疫表型分析、细胞凋亡检测、细胞周期分析",
       note="样品须为单细胞悬液并经40 μm滤网过滤；感染性样品须经灭活处理并提供证明。",
       fee="校外用户：200元/小时；技术人员代测另加100元/小时。", hourly="200.00",
       results="年服务课题组60余个，支撑免疫学方向论文30余篇。"),
    _i("激光共聚焦显微镜", "Confocal Laser Scanning Microscope", "010802",
       model="LSM 900 with Airyscan 2", maker="卡尔蔡司股份公司", country="德国",
       value="320.00", date="2021-11-05", disc=("310", "180"), funds=_CENTRAL_LOCAL,
       dept=1, room="基础医学楼506室", box="confocal", staff=1,
       specs="激光器：405/488/561/640 nm；Airyscan 2超分辨模块，XY分辨率120 nm；"
       "2个GaAsP检测通道；物镜：10×–63×油镜；配活细胞培养系统",
       functions="用于细胞及组织样品的多色荧光成像、三维重构、活细胞时序成像和共定位分析。",
       service="荧光共定位、Z-stack三维成像、活细胞成像",
       note="须使用0.17 mm标准盖玻片；活细胞实验须自备培养基并提前预约培养系统。",
       fee="校外用户：300元/小时；Airyscan超分辨模式：400元/小时。", hourly="300.00",
       results="支撑区内生物医药企业完成抗体药物内吞机制研究。"),
    _i("实时荧光定量PCR仪", "Real-Time PCR System", "011011",
       model="CFX96 Touch", maker="伯乐生命医学产品有限公司", country="美国", value="32.00",
       date="2018-03-20", disc=("180", "310", "330"), dept=1, room="基础医学楼510室",
       box="qpcr", staff=2,
       specs="96孔；5个荧光通道+1个FRET通道；温度均一性：±0.4 ℃；升降温速率：最高5 ℃/s；"
       "梯度温度范围：30–100 ℃",
       functions="用于基因表达定量、病原微生物核酸检测、SNP分型和拷贝数分析。",
       service="基因相对定量、病原体核酸检测、熔解曲线分析",
       note="反应体系须在本室指定区域配制；含感染性病原体的样品须先灭活。",
       fee="按板计：120元/板；按机时计：60元/小时。", hourly="60.00",
       results="为水产养殖企业建立了常见病原的荧光定量检测方法。"),
    _i("全自动血液分析仪（动物用）", "Automated Veterinary Hematology Analyzer", "090101",
       model="XN-1000V", maker="希森美康株式会社", country="日本", value="55.00",
       date="2017-05-11", disc=("310", "350", "230"), booking="staff",
       dept=2, room="实验动物中心二层检测室", box="animal", staff=2,
       specs="检测参数：WBC五分类、RBC、PLT、RET等30余项；适用动物：小鼠、大鼠、犬、猴等；"
       "检测速度：100样/小时；样本量：88 μL（全血模式）",
       functions="用于实验动物血常规检测，支持药理毒理研究和动物模型评价。",
       service="实验动物血常规、网织红细胞计数",
       note="血样须EDTA抗凝并在采集后4小时内送检，注明动物种属。",
       fee="按样计：40元/样；按机时计：100元/小时。", hourly="100.00",
       results="支撑GLP前期毒理研究项目8项。"),
    _i("小动物活体显微CT", "In-vivo Micro-CT for Small Animals", "090201",
       model="SkyScan 1276", maker="布鲁克公司", country="比利时", value="420.00",
       date="2022-09-15", disc=("310", "320", "430"), booking="staff", funds=_CENTRAL_LOCAL,
       dept=2, room="实验动物中心影像室", box="microct", staff=2,
       specs="空间分辨率：离体2.8 μm、活体≤10 μm；X射线源：20–100 kV；"
       "视野：80 mm×300 mm；最快扫描时间4 s；配呼吸门控与气体麻醉系统",
       functions="对小鼠、大鼠等实验动物进行活体三维成像，用于骨结构、肺部、肿瘤模型及植入材料评价。",
       service="骨小梁参数分析、肺部病变成像、植入物骨整合评价",
       note="活体动物须符合本中心动物进出管理规定，并提供伦理审批编号。",
       fee="活体扫描：800元/只；离体样品：500元/样；按机时计：600元/小时。", hourly="600.00",
       results="为区内医疗器械企业完成可降解骨钉体内降解评价。"),
    _i("高效液相色谱仪", "High Performance Liquid Chromatograph", "010502",
       model="1260 Infinity II", maker="安捷伦科技有限公司", country="美国", value="36.00",
       date="2019-04-02", disc=("350", "360", "150"), room="药学楼410室", box="hplc",
       specs="四元泵，流量：0.001–10 mL/min，耐压：600 bar；二极管阵列检测器：190–950 nm；"
       "柱温箱：室温−10–85 ℃；自动进样器：0.1–100 μL",
       functions="用于药物含量测定、有关物质检查、中药指纹图谱及天然产物成分分析。",
       service="含量测定、有关物质分析、溶出度样品测定",
       note="色谱柱一般由用户自备；流动相须经过滤脱气，禁止使用含高浓度盐的流动相过夜。",
       fee="按样计：100元/样；按机时计：80元/小时。", hourly="80.00",
       results="年开放机时2000小时以上，支撑仿制药一致性评价研究。"),
]

# 大连泉水轻工职业技术学院 —— food testing and food processing
_QSVC = [
    _i("电感耦合等离子体质谱仪", "Inductively Coupled Plasma Mass Spectrometer", "010202",
       model="7900 ICP-MS", maker="安捷伦科技有限公司", country="美国", value="158.00",
       date="2020-11-23", disc=("550", "150", "330"), booking="staff", funds=_LOCAL,
       room="食品检测中心302室", box="icpms",
       specs="质量范围：2–260 u；检出限：Be、In、Bi<0.5 ppt；氦气碰撞模式；"
       "超高基体进样（UHMI）耐总溶解固体可达25%；线性动态范围：11个数量级",
       functions="用于食品、水产品、饮用水中铅、镉、砷、汞、铬等重金属及多元素同时测定。",
       service="水产品重金属检测、饮用水多元素分析、微量元素测定",
       note="固体样品须经微波消解后上机（可代为消解）；送样量不少于5 g。",
       fee="按元素计：每元素80元/样，多元素套餐300元/样；按机时计：450元/小时。",
       hourly="450.00",
       results="为区内水产品加工企业出口备案提供重金属检测数据1200余份。"),
    _i("原子吸收分光光度计", "Atomic Absorption Spectrophotometer", "010403",
       model="AA-7000", maker="岛津企业管理（中国）有限公司", country="日本", value="42.00",
       date="2015-10-08", disc=("550", "150"), funds=_LOCAL, room="食品检测中心305室",
       box="aas", staff=1,
       specs="波长范围：185–900 nm；火焰/石墨炉一体化；石墨炉Cd检出限：≤0.5 pg；"
       "双光束光学系统；配ASC-7000自动进样器",
       functions="用于食品及农产品中铜、锌、铁、钙、铅、镉等金属元素测定。",
       service="食品中金属元素测定、营养强化剂检测",
       note="乙炔气瓶由本室统一管理，使用者不得自行更换；石墨炉测试须提前半天预约。",
       fee="火焰法：60元/元素；石墨炉法：100元/元素；按机时计：120元/小时。", hourly="120.00",
       results="承担食品检验专业实训教学，年培训学生300余人次。"),
    _i("高效液相色谱仪", "High Performance Liquid Chromatograph", "010502",
       model="LC-2030C 3D Plus", maker="岛津企业管理（中国）有限公司", country="日本",
       value="32.50", date="2021-06-17", disc=("550", "150"), funds=_LOCAL,
       room="食品检测中心306室", box="lc", staff=1,
       specs="一体化液相色谱，耐压：44 MPa；PDA检测器：190–800 nm；"
       "自动进样器：0.1–100 μL，残留<0.0015%；柱温箱：室温−10–85 ℃",
       functions="用于食品添加剂、防腐剂、甜味剂、维生素及真菌毒素等成分测定。",
       service="防腐剂与甜味剂检测、维生素测定、黄曲霉毒素分析",
       note="样品须按国标方法完成前处理，上机溶液须经0.22 μm滤膜过滤。",
       fee="按项目计：120元/项；按机时计：100元/小时。", hourly="100.00",
       results="协助区内调味品企业完成产品标签营养成分核验。"),
    _i("微波消解仪", "Microwave Digestion System", "011201",
       model="MARS 6", maker="CEM公司", country="美国", value="22.00",
       date="2020-11-23", disc=("550", "150", "610"), funds=_LOCAL,
       room="食品检测中心前处理室", box="digest", staff=1,
       specs="最大功率：1800 W；光纤/红外测温，最高温度300 ℃；最高压力100 bar；"
       "单批次最多处理40个样品",
       functions="用于食品、土壤、生物样品的酸消解前处理，为ICP-MS、原子吸收等元素分析提供样品溶液。",
       service="样品消解前处理、赶酸定容",
       note="严禁消解含高氯酸或大量有机溶剂的样品；消解罐使用后须清洗晾干归位。",
       fee="按样计：40元/样；按机时计：60元/小时。", hourly="60.00",
       results="与ICP-MS配套使用，年处理样品3000余个。"),
    _i("全自动凯氏定氮仪", "Automatic Kjeldahl Nitrogen Analyzer", "011199",
       model="Kjeltec 8400", maker="福斯分析仪器公司（FOSS）", country="丹麦", value="28.00",
       date="2016-05-30", disc=("550", "210", "240"), funds=_LOCAL,
       room="食品检测中心308室", box="kjeldahl",
       specs="测定范围：0.1–200 mg N；重复性：RSD≤1%；回收率：≥99.5%；"
       "蒸馏时间：约3.5分钟/样；配17位自动进样器",
       functions="按GB 5009.5测定食品、饲料、水产品中蛋白质及总氮含量。",
       service="蛋白质含量测定、饲料粗蛋白测定",
       note="样品须均质并注明换算系数；消化过程在通风橱中进行。",
       fee="按样计：60元/样；按机时计：60元/小时。", hourly="60.00",
       results="为海参饲料企业提供配方蛋白质含量快速复核。"),
    _i("全自动机械搅拌发酵罐", "Automatic Stirred-Tank Fermenter (5 L)", "120601",
       model="BIOTECH-5BG", maker="上海保兴生物设备工程有限公司", country="中国", value="26.00",
       date="2013-09-05", disc=("550", "180"), source="other", status="standby",
       funds=_LOCAL, dept=1, room="食品工艺实训中心发酵车间", box="ferment", staff=1,
       specs="罐体容积：5 L（工作容积3.5 L）；搅拌转速：50–1200 r/min；"
       "温度控制：室温+5–65 ℃，±0.1 ℃；在线监测pH、DO、温度与泡沫；4路蠕动泵补料",
       functions="用于微生物、乳酸菌及酵母的分批、补料分批发酵工艺研究和菌种扩培。",
       service="发酵工艺条件优化、益生菌扩培、发酵食品小试",
       note="菌种须为非致病菌株并提供来源证明；培养基及耗材由用户自备。",
       fee="按天计：300元/天（不含培养基）；按机时计：30元/小时。", hourly="30.00",
       results="由上级主管部门调拨，支撑企业完成海洋乳酸菌发酵酸奶小试。"),
    _i("质构仪", "Texture Analyzer", "020199",
       model="TA.XTplus", maker="Stable Micro Systems", country="英国", value="19.80",
       date="2018-12-11", disc=("550", "130"), funds=_LOCAL,
       dept=1, room="食品工艺实训中心品质分析室", box="texture", staff=1,
       specs="最大载荷：50 kg；力分辨率：0.1 g；测试速度：0.01–40 mm/s；位移分辨率：0.001 mm；"
       "配TPA、穿刺、拉伸、剪切等30余种探头",
       functions="用于测定食品硬度、弹性、咀嚼性、黏附性等质构特性，"
       "以及面条、可食用薄膜和海参体壁的拉伸与剪切性能。",
       service="质构剖面分析（TPA）、面条拉伸、凝胶强度测定",
       note="样品须按统一尺寸制备，每组平行样不少于6个。",
       fee="按样计：50元/样；按机时计：80元/小时。", hourly="80.00",
       results="为即食海参企业建立了口感评价的仪器化指标。"),
]

# 大连凌水信息工程学院 —— electronics, RF, EMC, devices
_LSIE = [
    _i("混合信号示波器", "Mixed Signal Oscilloscope", "040103",
       model="MSO64", maker="泰克科技", country="美国", value="120.00",
       date="2020-09-01", disc=("510", "520"), room="电子信息楼301室", box="scope",
       specs="模拟带宽：2.5 GHz；4路模拟通道+32路数字通道（FlexChannel）；采样率：25 GS/s；"
       "存储深度：62.5 Mpts/通道；ADC分辨率：12位",
       functions="用于高速数字电路、电源及嵌入式系统的时域波形测量、协议解码和抖动分析。",
       service="信号完整性测试、电源纹波测试、I²C/SPI/CAN总线解码",
       note="被测电路须有可靠接地，高压测量须使用差分探头并提前申请。",
       fee="校外用户：120元/小时。", hourly="120.00",
       results="支撑区内物联网企业完成多款网关产品的信号完整性调试。"),
    _i("信号与频谱分析仪", "Signal and Spectrum Analyzer", "040108",
       model="N9020B MXA", maker="是德科技", country="美国", value="135.00",
       date="2019-07-22", disc=("510",), room="电子信息楼305室", box="spectrum",
       specs="频率范围：10 Hz–26.5 GHz；分析带宽：最高160 MHz；"
       "显示平均噪声电平：−166 dBm/Hz（1 GHz）；"
       "相位噪声：−114 dBc/Hz（1 GHz，10 kHz偏移）",
       functions="用于射频器件和无线模块的频谱、杂散、邻道功率和调制质量分析。",
       service="射频发射频谱测试、杂散发射测量、EVM测试",
       note="输入功率不得超过+30 dBm，大功率信号须外接衰减器。",
       fee="校外用户：150元/小时。", hourly="150.00",
       results="为海洋通信终端企业完成射频指标摸底测试。"),
    _i("矢量网络分析仪", "Vector Network Analyzer", "030906",
       model="E5080B", maker="是德科技", country="美国", value="160.00",
       date="2021-05-13", disc=("510", "413"), room="电子信息楼307室", box="vna", staff=1,
       specs="频率范围：9 kHz–20 GHz；4端口；动态范围：>140 dB；迹线噪声：0.001 dB rms；"
       "支持时域分析与混频器测量",
       functions="用于天线、滤波器、放大器等射频器件的S参数测量和传输线阻抗分析。",
       service="S参数测试、天线驻波比测量、时域反射分析",
       note="测量前须由本室人员完成校准；连接器须使用扭力扳手，禁止带电插拔。",
       fee="校外用户：200元/小时（含校准件使用）。", hourly="200.00",
       results="支撑船载北斗天线研制，完成天线阵列S参数测试。"),
    _i("电磁兼容测试系统", "EMC Test System (3 m Semi-Anechoic Chamber)", "040201",
       model="ESR26（3 m法半电波暗室）", maker="罗德与施瓦茨公司", country="德国",
       value="680.00", date="2018-12-20", disc=("510", "470"), booking="staff",
       funds=_CENTRAL_LOCAL, dept=1, room="电磁兼容实验室暗室", box="emc", staff=1,
       specs="EMI接收机频率：10 Hz–26.5 GHz，符合CISPR 16-1-1；3 m法半电波暗室；转台承重1 t；"
       "配传导骚扰LISN及辐射抗扰度功放（80 MHz–6 GHz，10 V/m）",
       functions="开展电子电气产品传导骚扰、辐射骚扰、静电放电和辐射抗扰度等电磁兼容预测试与整改。",
       service="传导/辐射骚扰预测试、静电放电抗扰度测试、EMC整改咨询",
       note="须提供产品说明书及工作模式说明，样品须能在暗室内独立连续工作。",
       fee="辐射骚扰预测试：800元/小时；传导及抗扰度测试：500元/小时。", hourly="800.00",
       results="帮助区内30余家中小企业在正式认证前完成EMC整改，平均缩短认证周期一个月。"),
    _i("无线通信综合测试仪", "Wideband Radio Communication Tester", "040301",
       model="CMW500", maker="罗德与施瓦茨公司", country="德国", value="210.00",
       date="2016-11-03", disc=("510", "520"), dept=1, room="电磁兼容实验室屏蔽室",
       box="cmw", staff=1,
       specs="频率范围：70 MHz–6 GHz；支持LTE、WCDMA、GSM、Wi-Fi、蓝牙、NB-IoT；"
       "信令与非信令测试；输出功率精度：±0.6 dB",
       functions="用于移动终端、物联网模组的射频一致性、协议信令及吞吐量测试。",
       service="NB-IoT/LTE模组射频测试、蓝牙/Wi-Fi性能测试",
       note="被测设备须可进入测试模式；涉及SIM卡的测试须使用本室测试卡。",
       fee="校外用户：300元/小时。", hourly="300.00",
       results="支撑智能水表企业完成NB-IoT模组选型测试。"),
    _i("半导体参数分析仪", "Semiconductor Device Parameter Analyzer", "040106",
       model="B1500A", maker="是德科技", country="美国", value="145.00",
       date="2017-06-26", disc=("510", "140", "430"), dept=2, room="微电子楼204室",
       box="device", staff=2,
       specs="配4个高分辨率SMU，电流分辨率：0.1 fA；电压范围：±200 V；"
       "C-V测量频率：1 kHz–5 MHz；支持脉冲I-V；配8英寸手动探针台",
       functions="用于晶体管、二极管、传感器及新型半导体器件的I-V、C-V特性与可靠性表征。",
       service="MOSFET转移/输出特性、C-V测试、器件可靠性测试",
       note="晶圆或芯片须提供焊盘位置图；操作时须佩戴防静电腕带。",
       fee="校外用户：250元/小时。", hourly="250.00",
       results="支撑MEMS传感器初创团队完成首批流片器件电学验证。"),
    _i("直流电源分析仪", "DC Power Analyzer", "040101",
       model="N6705C", maker="是德科技", country="美国", value="18.00",
       date="2022-03-08", disc=("510", "470"), room="电子信息楼303室", box="power",
       specs="主机4槽，总功率600 W；模块输出电压0–60 V、电流0–20 A；"
       "电流测量分辨率低至8 nA；数字化仪采样率：200 kSa/s",
       functions="用于物联网终端、可穿戴设备的功耗分析和电源测试，可模拟电池供电并记录动态电流。",
       service="低功耗设备功耗测试、电池续航评估",
       note="输出端严禁短路；大电流测试须使用本室配套线缆。",
       fee="校外用户：60元/小时。", hourly="60.00",
       results="协助可穿戴设备企业将产品待机功耗降低35%。"),
]

# 大连红旗船舶与海洋工程学院 —— hull structures, welding, non-destructive testing
_HQSE = [
    _i("高温拉伸试验机", "High-Temperature Tensile Testing Machine", "020101",
       model="CMT5105", maker="美特斯工业系统（中国）有限公司（新三思）", country="中国",
       value="58.00", date="2015-07-14", disc=("430", "460", "580"), dept=1,
       room="焊接实验中心力学室", box="tensile", staff=1,
       specs="最大试验力：100 kN；试验力精度：±0.5%；三段式高温炉，最高温度1200 ℃，"
       "控温精度±2 ℃；高温引伸计标距25 mm；速度范围：0.005–500 mm/min",
       functions="用于船用钢、耐热合金及焊接接头的室温与高温拉伸试验，"
       "测定高温屈服强度、抗拉强度及断后伸长率。",
       service="高温拉伸（≤1000 ℃）、规定塑性延伸强度测定",
       note="高温试样须按GB/T 228.2加工；1000 ℃以上试验须提前一周预约。",
       fee="室温拉伸：80元/件；高温拉伸：300元/件；按机时计：180元/小时。", hourly="180.00",
       results="为船用耐热钢国产化项目提供高温力学性能数据。"),
    _i("摆锤冲击试验机", "Pendulum Impact Tester", "020101",
       model="HIT450P", maker="兹韦克罗尔公司（ZwickRoell）", country="德国", value="48.00",
       date="2017-04-18", disc=("430", "580"), dept=1, room="焊接实验中心力学室",
       box="impact", staff=1,
       specs="最大冲击能量：450 J；摆锤预扬角：150°；冲击速度：5.23 m/s；"
       "配自动送样装置与低温槽（−80 ℃–室温）；支持示波冲击",
       functions="按GB/T 229测定船体结构钢、焊缝及热影响区的夏比V型缺口冲击吸收能量，"
       "评价低温韧性。",
       service="常温/低温冲击试验、示波冲击曲线分析",
       note="试样须标明缺口位置；低温试验每组不少于3件。",
       fee="常温冲击：40元/件；低温冲击：60元/件；按机时计：100元/小时。", hourly="100.00",
       results="支撑极地船舶用低温钢焊接工艺评定。"),
    _i("超声相控阵检测仪", "Phased Array Ultrasonic Flaw Detector", "110204",
       model="OmniScan X3 64", maker="仪景通光学科技（Evident）", country="日本",
       value="36.00", date="2022-05-06", disc=("460", "580", "620"), booking="staff",
       room="船海楼无损检测室", box="paut", staff=2,
       specs="相控阵通道：16:64PR；支持全聚焦（TFM）成像；双通道TOFD；"
       "配扫查编码器与焊缝扫查器；10.6英寸触摸屏",
       functions="用于船体焊缝、压力容器焊缝的缺陷检测、定位与定量，可生成S扫、C扫及TFM图像。",
       service="焊缝相控阵检测、TOFD检测、缺陷高度测量",
       note="检测面须清除氧化皮和飞溅，粗糙度Ra≤6.3 μm；现场检测须另行签订协议。",
       fee="实验室检测：200元/小时；现场检测另议。", hourly="200.00",
       results="与区内船厂合作建立了厚板焊缝相控阵检测工艺。"),
    _i("多通道声发射仪", "Multichannel Acoustic Emission System", "110401",
       model="Express-8", maker="美国物理声学公司（MISTRAS）", country="美国", value="52.00",
       date="2016-10-25", disc=("130", "460", "580"), room="船海楼结构实验室",
       box="ae", staff=2,
       specs="通道数：16（可扩展）；采样率：40 MSPS；A/D分辨率：18位；频率范围：1 kHz–3 MHz；"
       "配前置放大器与R15α谐振式传感器",
       functions="用于材料损伤演化、结构裂纹扩展及压力容器的声发射在线监测与源定位，"
       "可与拉伸、疲劳试验同步采集。",
       service="力学试验声发射监测、结构损伤定位",
       note="传感器须使用专用耦合剂并固定牢靠，用后清洁归还。",
       fee="实验室监测：150元/小时；现场监测按天计价另议。", hourly="150.00",
       results="完成船体加筋板极限强度试验全过程损伤监测。"),
    _i("激光跟踪仪", "Laser Tracker", "030121",
       model="Leica AT960-LR", maker="海克斯康（徕卡测量系统）", country="瑞士",
       value="130.00", date="2019-03-29", disc=("460", "420", "580"), booking="staff",
       room="船海楼结构实验室", box="tracker",
       specs="测量范围：直径160 m；空间测量精度：±(15 μm+6 μm/m)；角度分辨率：±0.07″；"
       "配T-Probe手持测头与6自由度测量附件",
       functions="用于船体分段、大型结构件及工装的高精度三维坐标测量与形位误差检测。",
       service="分段精度测量、大型工装检测、设备安装找正",
       note="测量环境温度须稳定，现场须提供无遮挡的测量通道。",
       fee="实验室测量：400元/小时；现场测量：3000元/天。", hourly="400.00",
       results="为船厂分段精度管理提供测量服务，分段合拢修整量减少约30%。"),
    _i("便携式X射线探伤机", "Portable X-ray Flaw Detector", "020601",
       model="XXG-3005", maker="丹东华日理学电气有限公司", country="中国", value="8.50",
       date="2010-06-07", disc=("460", "580"), status="standby", booking="staff",
       room="船海楼射线室", box="rt", staff=2,
       specs="管电压：150–300 kV；管电流：5 mA；最大穿透厚度：50 mm（A3钢）；"
       "焦点尺寸：2.0 mm×2.0 mm；辐射角：40°",
       functions="用于船体对接焊缝和钢结构焊接接头的射线照相检测。",
       service="焊缝射线照相、底片评定",
       note="射线作业仅在屏蔽室内进行，无关人员不得进入控制区。",
       fee="按片计：40元/张（含评片）；按机时计：150元/小时。", hourly="150.00",
       results="承担焊接专业射线检测实训，年拍片2000余张。"),
    _i("热模拟试验机", "Thermal-Mechanical Physical Simulator", "120404",
       model="Gleeble-3800", maker="美国DSI公司（Dynamic Systems Inc.）", country="美国",
       value="650.00", date="2014-12-16", disc=("450", "430", "460"), booking="staff",
       category="special", funds=_CENTRAL_LOCAL, dept=1, room="焊接实验中心热模拟室",
       box="gleeble", staff=1,
       specs="最大加热速率：10000 ℃/s；淬火冷却速率：≥10000 ℃/s；最大拉伸力10 t、压缩力20 t；"
       "最大位移速率：1000 mm/s；温度控制精度：±1 ℃",
       functions="用于焊接热影响区模拟、热轧与锻造工艺模拟、高温拉伸与压缩变形及连续冷却转变（CCT）曲线测定。",
       service="焊接热循环模拟、热压缩流变应力测定、CCT曲线测定",
       note="试样须按本室图纸加工；须提供材料牌号及目标热循环参数。",
       fee="按机时计：800元/小时；焊接热模拟：600元/件。", hourly="800.00",
       results="支撑大线能量焊接用船板钢研发，相关成果获省级科技进步奖。"),
]

# 大连湾区先进材料研究院 —— microstructure, surfaces, coatings, corrosion
_DWAM = [
    _i("场发射扫描电子显微镜", "Field Emission Scanning Electron Microscope", "010102",
       model="Sigma 300", maker="卡尔蔡司股份公司", country="德国", value="262.00",
       date="2020-08-18", disc=("430", "450", "480"), booking="staff",
       room="表征平台1号楼102室", box="sem",
       specs="分辨率：1.2 nm（15 kV）、2.2 nm（1 kV）；加速电压：0.02–30 kV；"
       "放大倍数：10–1,000,000×；"
       "配Inlens与背散射探测器、牛津Ultim Max能谱仪及Symmetry EBSD",
       functions="用于材料表面形貌、晶粒取向与织构分析及微区成分测定，适用于金属、涂层及电池材料研究。",
       service="形貌观察、EDS能谱、EBSD织构与晶界分析",
       note="EBSD样品须经电解抛光或离子抛光；粉末样品须固定牢靠，防止污染镜筒。",
       fee="形貌观察：350元/小时；EBSD分析：600元/小时。", hourly="350.00",
       results="为区内锂电企业建立了正极颗粒截面EBSD表征流程。"),
    _i("X射线光电子能谱仪", "X-ray Photoelectron Spectrometer", "010104",
       model="K-Alpha", maker="赛默飞世尔科技", country="英国", value="420.00",
       date="2019-10-30", disc=("430", "150", "140"), booking="staff",
       room="表征平台1号楼108室", box="xps", staff=1,
       specs="单色化Al Kα源；能量分辨率：≤0.5 eV（Ag 3d5/2）；束斑：30–400 μm可调；"
       "单原子及团簇离子源深度剖析；检测限：约0.1 at%",
       functions="用于材料表面元素组成、化学价态和深度分布分析。",
       service="全谱与精细谱、价态分析、Ar离子刻蚀深度剖析",
       note="样品尺寸不超过10 mm×10 mm×3 mm，须真空兼容；含挥发性或强磁性样品不予接收。",
       fee="按样计：全谱+5个元素精细谱400元/样；按机时计：500元/小时。", hourly="500.00",
       results="为海洋防腐涂层研发提供膜层界面化学状态分析。"),
    _i("磁控溅射镀膜系统", "Magnetron Sputtering Deposition System", "120302",
       model="JGP-560", maker="中国科学院沈阳科学仪器股份有限公司", country="中国",
       value="85.00", date="2017-08-24", disc=("430", "140", "510"), dept=1,
       room="薄膜实验室201室", box="sputter", staff=2,
       specs="本底真空：≤6.0×10⁻⁵ Pa；3个靶位（直流/射频兼容）；基片加热：室温–600 ℃；"
       "基片尺寸：≤Φ100 mm；膜厚不均匀性：≤±5%",
       functions="用于金属、氧化物、氮化物功能薄膜及多层膜的制备。",
       service="金属/氧化物薄膜沉积、反应溅射制备氮化物涂层",
       note="靶材须由用户自备或提前采购；禁止溅射含铅、镉等有毒元素靶材。",
       fee="按机时计：200元/小时（不含靶材）。", hourly="200.00",
       results="支撑燃料电池金属双极板导电防腐涂层研发。"),
    _i("纳米压痕仪", "Nanoindenter", "020102",
       model="Hysitron TI 980", maker="布鲁克公司", country="美国", value="310.00",
       date="2021-07-09", disc=("430", "130"), booking="staff", funds=_LOCAL_OWN,
       room="表征平台1号楼112室", box="nano", staff=1,
       specs="最大载荷：10 mN（可扩展至2 N）；载荷分辨率：<1 nN；位移分辨率：<0.006 nm；"
       "支持连续刚度测量、纳米划痕及高温压痕（≤800 ℃）",
       functions="测定薄膜、涂层及微区的纳米硬度、弹性模量、膜基结合力和蠕变行为。",
       service="纳米硬度与模量、纳米划痕、原位SPM成像",
       note="样品表面粗糙度须小于压入深度的1/10，并与样品台平行固定。",
       fee="按机时计：300元/小时。", hourly="300.00",
       results="为刀具涂层企业完成多批次涂层硬度与结合力评价。"),
    _i("激光粒度分析仪", "Laser Diffraction Particle Size Analyzer", "020502",
       model="Mastersizer 3000", maker="马尔文帕纳科公司", country="英国", value="56.00",
       date="2018-05-15", disc=("430", "530"), room="表征平台1号楼115室", box="psd",
       staff=1,
       specs="粒径范围：0.01–3500 μm；光源：红光632.8 nm+蓝光470 nm；"
       "准确性：±0.6%（NIST可溯源标准粒子）；配湿法与干法分散单元",
       functions="用于粉体、乳液及悬浮液的粒度分布测定，广泛用于电池材料、陶瓷、涂料等行业。",
       service="湿法/干法粒度分布测试",
       note="须告知样品折射率及适用分散介质；易燃溶剂分散须提前申请。",
       fee="按样计：80元/样；按机时计：100元/小时。", hourly="100.00",
       results="为前驱体材料企业提供日常批次粒度比对，年测试2000余样次。"),
    _i("电化学工作站", "Electrochemical Workstation", "010799",
       model="VersaSTAT 4", maker="阿美特克（Princeton Applied Research）", country="美国",
       value="18.00", date="2016-03-14", disc=("430", "150", "480"), dept=2,
       room="腐蚀与防护实验室305室", box="echem", staff=2,
       specs="电压范围：±10 V；最大电流：±2 A；最低量程电流分辨率：1.2 fA；"
       "阻抗测量频率范围：10 μHz–1 MHz",
       functions="用于金属材料在海水等介质中的腐蚀行为研究，以及电池、电催化材料的电化学性能测试。",
       service="极化曲线、电化学阻抗谱、循环伏安测试",
       note="电解池及参比电极可借用，用后须清洗归位；含氰化物等剧毒电解液禁止使用。",
       fee="按机时计：60元/小时。", hourly="60.00",
       results="完成多种牺牲阳极材料在天然海水中的电化学性能评价。"),
    _i("激光共焦显微拉曼光谱仪", "Confocal Raman Microscope", "010410",
       model="LabRAM HR Evolution", maker="堀场（HORIBA）", country="法国", value="185.00",
       date="2019-06-20", disc=("430", "150", "140"), room="表征平台1号楼110室",
       box="raman", staff=1,
       specs="光谱范围：50–9000 cm⁻¹；激光器：532 nm、633 nm、785 nm；光谱分辨率：≤0.65 cm⁻¹；"
       "横向空间分辨率：≤1 μm；配SWIFT快速面扫描模块",
       functions="用于碳材料、半导体、矿物及高分子的分子结构、应力与相组成分析。",
       service="拉曼光谱测试、石墨烯层数判定、拉曼面扫描成像",
       note="深色及易烧蚀样品须从低功率开始测试；禁止直视激光。",
       fee="按机时计：200元/小时。", hourly="200.00",
       results="为石墨烯涂料企业建立了原料质量快速鉴别方法。"),
]

# 大连海工装备质量检测研究所 —— structural testing, NDT, hydrodynamics
_HGJC = [
    _i("电液伺服疲劳试验机", "Servo-hydraulic Fatigue Testing System", "020101",
       model="8802（250 kN）", maker="英斯特朗公司", country="美国", value="180.00",
       date="2015-11-19", disc=("130", "430", "580"), booking="staff",
       room="结构试验厅1号台位", box="fatigue",
       specs="动态载荷：±250 kN；频率范围：0.01–100 Hz；作动器行程：150 mm；载荷精度：±0.5%；"
       "配循环海水腐蚀疲劳环境箱",
       functions="用于系泊链、焊接接头和海工结构钢的高周/低周疲劳、疲劳裂纹扩展及拉伸-压缩试验。",
       service="S-N曲线测定、疲劳裂纹扩展速率、腐蚀疲劳试验",
       note="长周期疲劳试验须签订试验协议并明确终止条件；试样由委托方按图纸加工。",
       fee="按机时计：250元/小时；长周期疲劳试验按天计：4500元/天。", hourly="250.00",
       results="完成海上风电塔筒焊接节点疲劳试验，数据被纳入企业设计手册。"),
    _i("微机控制电液伺服万能试验机", "Computer-controlled Servo-hydraulic Universal Tester",
       "020101",
       model="WAW-1000D", maker="济南试金集团有限公司", country="中国", value="45.00",
       date="2012-04-26", disc=("430", "460", "560"), booking="staff",
       room="结构试验厅材料试验区", box="utm", staff=1,
       specs="最大试验力：1000 kN；试验力示值精度：±1%；活塞行程：250 mm；"
       "圆试样夹持范围：Φ13–Φ70 mm；配电子引伸计",
       functions="用于钢材、钢丝绳、锚链及焊接接头的拉伸、压缩、弯曲和剪切试验。",
       service="钢材拉伸、焊接接头弯曲、钢绞线及钢筋检测",
       note="试样须标注炉批号和取样方向；大规格锚链试验须提前预约工装。",
       fee="钢材拉伸：80元/件；弯曲试验：50元/件；按机时计：150元/小时。", hourly="150.00",
       results="年完成船用钢材及焊接接头力学检测5000余件。"),
    _i("超声波测厚仪", "Ultrasonic Thickness Gauge", "110201",
       model="38DL PLUS", maker="仪景通光学科技（Evident）", country="日本", value="8.60",
       date="2018-08-02", disc=("460", "580"), dept=1, room="无损检测室器材库", box="utg",
       staff=2,
       specs="测厚范围：0.08–635 mm；分辨率：0.001 mm；支持穿透涂层测厚（THRU-COAT）"
       "与回波-回波模式；工作温度：−10–50 ℃",
       functions="用于船体外板、管道及储罐壁厚测量和腐蚀减薄评估。",
       service="船体测厚、管道剩余壁厚检测",
       note="仪器外借须由持证人员使用，归还时检查探头磨损情况。",
       fee="仪器租用：200元/天；检测服务：100元/小时。", hourly="100.00",
       results="为修船企业完成进坞船舶测厚服务300余艘次。"),
    _i("多频涡流检测仪", "Multi-frequency Eddy Current Tester", "020604",
       model="EEC-39RFT", maker="爱德森（厦门）电子有限公司", country="中国", value="22.00",
       date="2019-09-10", disc=("460", "470"), dept=1, room="无损检测室202室", box="ect",
       staff=2,
       specs="频率范围：10 Hz–10 MHz；4个独立通道，支持多频混合；支持远场涡流及阵列涡流；"
       "增益：0–99 dB",
       functions="用于换热器管、冷凝器管及导电材料表面和近表面缺陷的涡流检测。",
       service="换热管涡流检测、焊缝表面裂纹检测",
       note="须提供被检管材规格及对比试样；铁磁性管材须采用远场涡流方式。",
       fee="按机时计：150元/小时。", hourly="150.00",
       results="完成船用冷凝器换热管批量检测，发现并定位减薄缺陷40余处。"),
    _i("多通道浪高仪", "Multichannel Wave Gauge System", "050101",
       model="WG-16", maker="大连海工装备质量检测研究所（自研）", country="中国",
       value="15.00", date="2021-10-28", disc=("580", "170", "130"), source="developed",
       category="special", status="occasional_fault", funds=_LOCAL, dept=2,
       room="水动力试验室水池控制室", box="wave", staff=2,
       specs="通道数：16；测量范围：±300 mm；线性度：≤0.5% FS；分辨率：0.1 mm；"
       "采样频率：≤200 Hz；电容式传感器",
       functions="用于试验水池中规则波、不规则波的波面升高测量，支撑海工结构物模型试验。",
       service="水池波浪标定、模型试验波浪测量",
       note="须与本所试验水池配套使用；个别通道偶有零漂，试验前须重新标定。",
       fee="按机时计：120元/小时。", hourly="120.00",
       results="支撑深远海养殖工船模型耐波性试验。"),
    _i("探地雷达", "Ground Penetrating Radar", "060206",
       model="MALÅ ProEx", maker="吉德林地球物理公司（MALÅ）", country="瑞典", value="75.00",
       date="2017-06-13", disc=("560", "170", "580"), booking="staff",
       dept=1, room="无损检测室器材库", box="gpr", staff=1,
       specs="屏蔽天线：100 MHz、250 MHz、500 MHz；等效采样频率：最高400 GHz；"
       "时窗：最大20000 ns；叠加次数：1–32768",
       functions="用于港口码头、防波堤及堆场地基的脱空、空洞及地下管线探测。",
       service="码头面层脱空检测、地下管线探测、回填质量检测",
       note="现场须提供施工图及管线资料，检测区域须临时封闭交通。",
       fee="现场检测：5000元/天；数据处理：200元/小时。", hourly="200.00",
       results="完成区内多处码头面层脱空普查，为维修加固提供依据。"),
    _i("动态信号测试分析系统", "Dynamic Signal Test and Analysis System", "020406",
       model="DH5922N", maker="江苏东华测试技术股份有限公司", country="中国", value="32.00",
       date="2020-04-16", disc=("130", "580", "460"), room="结构试验厅测试间", box="vib",
       specs="通道数：32；采样率：最高256 kHz/通道；A/D分辨率：24位；"
       "支持应变、IEPE加速度及电压信号输入；内置抗混滤波",
       functions="用于船舶及海工结构振动、冲击、应变的多通道同步测试与模态分析。",
       service="船舶振动测试、结构模态试验、应变监测",
       note="传感器及线缆随机借出须登记；现场测试须由本所人员陪同。",
       fee="实验室测试：100元/小时；现场测试另议。", hourly="100.00",
       results="完成多型工作船振动噪声测试，协助船东解决舱室振动超标问题。"),
]

# 大连精细化工与催化研究院 —— structure elucidation, polymers, catalysis
_FCCI = [
    _i("核磁共振波谱仪", "Nuclear Magnetic Resonance Spectrometer", "010601",
       model="AVANCE NEO 400", maker="布鲁克公司", country="瑞士", value="480.00",
       date="2020-12-08", disc=("150", "350", "530"), booking="staff", funds=_LOCAL_OWN,
       room="分析测试楼102室", box="nmr",
       specs="磁场强度：9.4 T（¹H 400 MHz）；BBO宽带探头，¹H灵敏度≥500:1（0.1%乙苯）；"
       "可测¹H、¹³C、¹⁹F、³¹P、²⁹Si等；变温范围：−150–150 ℃；配60位自动进样器",
       functions="用于有机化合物、精细化学品及聚合物的结构鉴定、纯度分析和反应过程监测。",
       service="¹H/¹³C一维谱、COSY/HSQC/HMBC二维谱、变温核磁",
       note="样品须溶于氘代试剂，体积不少于0.5 mL；顺磁性样品须提前说明。",
       fee="¹H谱：60元/样；¹³C谱：150元/样；二维谱：300元/样；按机时计：400元/小时。",
       hourly="400.00",
       results="年测试样品8000余个，服务区内医药中间体企业40余家。"),
    _i("液相色谱-高分辨质谱联用仪", "LC-High Resolution Mass Spectrometer (Orbitrap)",
       "010201",
       model="Q Exactive Plus", maker="赛默飞世尔科技", country="美国", value="520.00",
       date="2019-09-24", disc=("150", "350", "610"), booking="staff", funds=_LOCAL_OWN,
       room="分析测试楼106室", box="hrms", staff=1,
       specs="分辨率：140000（m/z 200）；质量精度：<1 ppm（内标）；质量范围：m/z 50–6000；"
       "扫描速度：12 Hz；配Vanquish超高效液相及ESI/APCI离子源",
       functions="用于未知化合物结构鉴定、杂质谱分析、代谢组学研究及精细化学品中痕量杂质筛查。",
       service="精确分子量测定、杂质结构鉴定、非靶向筛查",
       note="样品须提供溶解性信息，浓度一般为1–10 μg/mL；含大量无机盐的样品须脱盐。",
       fee="精确分子量：300元/样；按机时计：800元/小时。", hourly="800.00",
       results="协助原料药企业鉴定3个未知降解杂质，支撑注册申报补充资料。"),
    _i("高温凝胶渗透色谱仪", "High Temperature Gel Permeation Chromatograph", "010505",
       model="PL-GPC 220", maker="安捷伦科技有限公司", country="英国", value="120.00",
       date="2013-07-02", disc=("150", "430", "530"), booking="staff",
       room="分析测试楼110室", box="gpc", staff=1,
       specs="温度范围：室温–220 ℃；示差折光、粘度与双角度光散射三检测器；"
       "分子量测定范围：10²–10⁷；适用溶剂：TCB、THF、DMF等",
       functions="用于聚烯烃等高分子材料分子量及其分布和支化度测定。",
       service="聚乙烯/聚丙烯分子量分布、绝对分子量测定",
       note="样品须提供溶解条件，聚烯烃样品每样不少于50 mg。",
       fee="高温GPC：500元/样；常温GPC：300元/样；按机时计：200元/小时。", hourly="200.00",
       results="为聚烯烃牌号开发提供分子量分布数据，累计测试样品6000余个。"),
    _i("电子顺磁共振波谱仪", "Electron Paramagnetic Resonance Spectrometer", "010602",
       model="EMXplus", maker="布鲁克公司", country="德国", value="360.00",
       date="2018-04-11", disc=("150", "140", "530"), booking="staff",
       dept=2, room="结构化学楼103室", box="epr", staff=2,
       specs="X波段（9.2–9.9 GHz）；灵敏度：1.5×10⁹ spins/G；磁场范围：≤1.45 T；"
       "变温范围：4–700 K；配原位光照附件",
       functions="用于自由基、过渡金属离子及催化剂中缺陷位和未成对电子的检测与表征。",
       service="自由基捕获检测、催化剂氧空位表征、变温EPR",
       note="液体样品须提供溶剂信息；液氦温区测试须提前两周预约。",
       fee="常温测试：300元/样；变温测试：600元/样；按机时计：500元/小时。", hourly="500.00",
       results="支撑光催化材料研究，相关工作发表论文10余篇。"),
    _i("紫外可见近红外分光光度计", "UV-Vis-NIR Spectrophotometer", "010401",
       model="Lambda 1050+", maker="珀金埃尔默企业管理（上海）有限公司", country="美国",
       value="78.00", date="2017-11-21", disc=("150", "430"), room="分析测试楼115室",
       box="uv", staff=1,
       specs="波长范围：175–3300 nm；紫外可见区分辨率：≤0.05 nm；杂散光：≤0.00007%T（220 nm）；"
       "配150 mm积分球与固体反射附件",
       functions="用于溶液吸收光谱、固体漫反射光谱、薄膜透过率及禁带宽度测定。",
       service="液体/固体紫外可见光谱、漫反射光谱、透过率测试",
       note="液体样品须使用石英比色皿；固体粉末样品不少于0.5 g。",
       fee="按样计：60元/样；按机时计：100元/小时。", hourly="100.00",
       results="为光学膜企业提供近红外透过率检测。"),
    _i("多通道高压反应釜系统", "Parallel High-pressure Reactor System", "120204",
       model="5000 Multiple Reactor System", maker="美国Parr仪器公司", country="美国",
       value="48.00", date="2021-04-08", disc=("530", "150"), booking="staff",
       dept=1, room="催化楼高压实验间", box="parr", staff=2,
       specs="6个独立反应釜，容积45 mL或75 mL；最高压力：3000 psi（约20 MPa）；"
       "最高温度：300 ℃；磁力搅拌；各釜独立控温并记录压力曲线",
       functions="用于催化加氢、氧化、羰基化等高压液相反应的平行筛选与工艺条件优化。",
       service="催化剂平行筛选、高压反应条件优化",
       note="须提交反应方案与危险性分析，经本室安全员审核后方可安排试验。",
       fee="按机时计：150元/小时（6釜同时使用）。", hourly="150.00",
       results="帮助企业在两周内完成加氢催化剂配方初筛。"),
    _i("单晶X射线衍射仪", "Single Crystal X-ray Diffractometer", "010301",
       model="XtaLAB Synergy", maker="理学公司（Rigaku）", country="日本", value="380.00",
       date="2022-10-17", disc=("150", "350", "430"), booking="staff", funds=_LOCAL_OWN,
       dept=2, room="结构化学楼106室", box="scxrd", staff=2,
       specs="Mo/Cu双微焦斑光源；HyPix-6000HE混合光子计数探测器；四圆测角仪；"
       "低温系统：100–400 K；可测最小晶体约10 μm",
       functions="用于有机小分子、配合物及MOF材料的晶体结构测定和绝对构型确定。",
       service="单晶结构解析、绝对构型测定、低温单晶测试",
       note="晶体须在显微镜下挑选并注明溶剂及稳定性；易风化晶体须保存在母液中送样。",
       fee="常规结构测定：500元/样；按机时计：400元/小时。", hourly="400.00",
       results="为药物晶型研究提供单晶结构数据，支撑2项晶型专利申请。"),
]

# 大连滨海食品与生物检测研究院 —— food safety, aquatic products, microbiology
_BFBT = [
    _i("气相色谱-三重四极杆质谱联用仪", "GC-Triple Quadrupole Mass Spectrometer", "010201",
       model="GCMS-TQ8050 NX", maker="岛津企业管理（中国）有限公司", country="日本",
       value="185.00", date="2021-08-30", disc=("550", "150", "330"), booking="staff",
       funds=_LOCAL, room="检测大楼401室", box="gcmsms",
       specs="质量范围：m/z 2–1090；八氟萘仪器检出限：≤0.5 fg；MRM最快切换：800通道/秒；"
       "配AOC-30i自动进样器及500余种农药数据库",
       functions="用于果蔬、茶叶、水产品中多农药残留、多氯联苯及持久性有机污染物的高灵敏度定量分析。",
       service="农药多残留检测、多氯联苯测定、增塑剂检测",
       note="样品须冷藏送检，每样不少于500 g；须注明产地与采样日期。",
       fee="农残多组分套餐：600元/样；按机时计：500元/小时。", hourly="500.00",
       results="承担区级农产品质量安全抽检任务，年检测样品2000余批次。"),
    _i("超高效液相色谱仪", "Ultra Performance Liquid Chromatograph", "010502",
       model="ACQUITY UPLC H-Class PLUS", maker="沃特世公司", country="美国", value="58.00",
       date="2020-07-07", disc=("550", "150"), funds=_LOCAL, room="检测大楼405室",
       box="uplc", staff=1,
       specs="四元溶剂管理器，耐压：15000 psi；PDA与荧光双检测器；进样精度：RSD≤0.5%；"
       "系统延迟体积：<400 μL",
       functions="用于食品中兽药残留、真菌毒素、添加剂及功能成分的快速分离测定。",
       service="真菌毒素检测、功能成分测定、兽药残留初筛",
       note="须使用色谱纯试剂，样品溶液须经0.22 μm滤膜过滤。",
       fee="按项目计：200元/项；按机时计：150元/小时。", hourly="150.00",
       results="为海洋功能食品企业建立了牛磺酸等功效成分检测方法。"),
    _i("离子色谱仪", "Ion Chromatograph", "010503",
       model="930 Compact IC Flex", maker="瑞士万通", country="瑞士", value="32.00",
       date="2019-05-21", disc=("550", "610"), funds=_LOCAL, room="检测大楼407室",
       box="ic", staff=1,
       specs="电导检测器，温漂<0.0001 μS/cm；双活塞泵，流量：0.001–20 mL/min；"
       "化学抑制+CO₂抑制；配在线渗析前处理",
       functions="用于饮用水、食品及饮料中亚硝酸盐、硝酸盐、溴酸盐和氟、氯等阴离子测定。",
       service="亚硝酸盐与硝酸盐测定、饮用水阴离子检测、溴酸盐测定",
       note="含高浓度蛋白或油脂的样品须经前处理；送样须使用洁净塑料瓶。",
       fee="按项目计：100元/项；按机时计：120元/小时。", hourly="120.00",
       results="支撑腌制水产品亚硝酸盐控制工艺研究。"),
    _i("高纯锗γ能谱仪", "HPGe Gamma Spectrometer", "100101",
       model="GEM-C40", maker="阿美特克（ORTEC）", country="美国", value="96.00",
       date="2016-12-13", disc=("490", "550", "330"), booking="staff", category="special",
       funds=_CENTRAL_LOCAL, dept=3, room="放射性检测实验室", box="gamma", staff=2,
       specs="相对探测效率：40%；能量分辨率：≤1.85 keV（1.33 MeV）；能量范围：40 keV–10 MeV；"
       "低本底铅室（10 cm铅+铜镉内衬）；电制冷",
       functions="用于食品、水产品、水和土壤中γ放射性核素（¹³⁷Cs、¹³¹I、⁴⁰K等）的定性定量分析。",
       service="食品放射性核素检测、出口水产品放射性监测",
       note="样品须灰化或装入标准测量盒，单样测量时间一般为24小时。",
       fee="按样计：500元/样（测量24小时）；按机时计：40元/小时。", hourly="40.00",
       results="为出口水产品企业提供放射性检测报告，保障对日韩出口通关。"),
    _i("原子荧光光谱仪", "Atomic Fluorescence Spectrometer", "010404",
       model="AFS-8530", maker="北京海光仪器有限公司", country="中国", value="15.00",
       date="2018-02-27", disc=("550", "150"), funds=_LOCAL, dept=1,
       room="水产品检测室302室", box="afs", staff=1,
       specs="检出限：As、Se、Pb≤0.01 μg/L，Hg≤0.001 μg/L；精密度：RSD≤1.0%；"
       "双道同时测定；线性范围大于三个数量级",
       functions="用于食品、水产品及饮用水中砷、汞、硒、锑、铅等元素的测定。",
       service="总砷与总汞测定、硒含量测定",
       note="样品须完成消解并定容；汞测定所用器皿须单独浸泡清洗。",
       fee="按元素计：80元/样；按机时计：80元/小时。", hourly="80.00",
       results="为富硒海产品开发提供硒含量检测。"),
    _i("全波长酶标仪", "Full-wavelength Microplate Reader", "011005",
       model="Multiskan SkyHigh", maker="赛默飞世尔科技", country="芬兰", value="12.50",
       date="2022-04-14", disc=("550", "180"), funds=_LOCAL, dept=2,
       room="微生物检测室203室", box="elisa", staff=2,
       specs="波长范围：200–1000 nm，步进1 nm；光度范围：0–6 Abs；支持6–384孔板及微量样品板；"
       "温控：室温+4–45 ℃；具振板功能",
       functions="用于ELISA快速检测、蛋白及核酸定量、酶活力测定和细胞活力检测。",
       service="ELISA检测、酶活测定、蛋白浓度测定",
       note="酶标板及试剂盒由用户自备；使用后须清理样品仓。",
       fee="按板计：50元/板；按机时计：40元/小时。", hourly="40.00",
       results="用于贝类毒素ELISA快速筛查，年检测样品800余份。"),
    _i("全自动微生物鉴定及药敏分析系统", "Automated Microbial Identification and AST System",
       "090102",
       model="VITEK 2 Compact", maker="生物梅里埃公司", country="法国", value="62.00",
       date="2017-07-25", disc=("550", "180", "330"), booking="staff", funds=_LOCAL,
       dept=2, room="微生物检测室205室", box="vitek", staff=2,
       specs="鉴定卡：GN、GP、YST、NH、ANC等；数据库覆盖400余种微生物；通量：30卡/批；"
       "鉴定时间：2–10小时",
       functions="用于食品和水产品中沙门氏菌、副溶血性弧菌、单核细胞增生李斯特菌等致病菌的鉴定"
       "与药敏试验。",
       service="致病菌鉴定、药敏试验",
       note="须送纯培养菌株并注明分离来源；高致病性病原微生物不予接收。",
       fee="鉴定：150元/株；药敏：200元/株；按机时计：100元/小时。", hourly="100.00",
       results="协助养殖企业查明弧菌病暴发病原并指导合理用药。"),
]

# 大连瀚海船舶重工有限公司技术中心 —— shipyard materials lab, NDT, dimensional control
_HHSB = [
    _i("台式扫描电子显微镜", "Desktop Scanning Electron Microscope", "010102",
       model="Phenom XL G2", maker="赛默飞世尔科技（飞纳）", country="荷兰", value="98.00",
       date="2021-09-16", disc=("430", "460"), room="技术中心理化楼204室", box="sem",
       specs="分辨率：≤10 nm（二次电子）；加速电压：4.8–20 kV；放大倍数：160–200,000×；"
       "样品尺寸：100 mm×100 mm；抽真空时间：<60 s；集成能谱仪",
       functions="用于焊材、涂层、腐蚀产物及零部件失效断口的快速形貌观察与成分分析。",
       service="断口形貌观察、夹杂物成分分析、涂层截面观察",
       note="样品须干燥无油污，高度不超过65 mm；磁性粉末样品不予测试。",
       fee="按机时计：200元/小时，培训合格后可自主操作。", hourly="200.00",
       results="将焊接缺陷原因分析周期由外送的一周缩短至当天。"),
    _i("光电直读光谱仪", "Optical Emission Spectrometer (Spark OES)", "010405",
       model="SPECTROMAXx", maker="德国斯派克分析仪器公司", country="德国", value="72.00",
       date="2016-01-19", disc=("450", "430"), booking="staff",
       room="技术中心理化楼101室", box="oes", staff=1,
       specs="波长范围：140–670 nm；CCD多检测器；分析基体：Fe、Al、Cu、Ni、Ti；"
       "碳检出限：≤10 ppm；单样分析时间约30 s",
       functions="用于船用钢板、焊材、铸锻件等金属材料化学成分快速分析与牌号鉴别。",
       service="钢材化学成分分析、材料牌号鉴定",
       note="块状样品须有直径不小于20 mm的平整激发面；丝材须熔铸制样。",
       fee="按样计：100元/样；按机时计：150元/小时。", hourly="150.00",
       results="年完成入厂钢材成分复验8000余炉批。"),
    _i("倒置金相显微镜", "Inverted Metallurgical Microscope", "010801",
       model="GX53", maker="仪景通光学科技（Evident）", country="日本", value="26.00",
       date="2018-06-05", disc=("430", "450"), room="技术中心理化楼206室", box="metallo",
       staff=1,
       specs="物镜：5×–100×；观察方式：明场、暗场、偏光、微分干涉；配500万像素相机及"
       "图像分析软件，可进行晶粒度、夹杂物和相含量评级",
       functions="用于金属材料显微组织观察、晶粒度评级、非金属夹杂物评定及焊缝宏微观分析。",
       service="金相组织分析、晶粒度评级、夹杂物评定",
       note="可代为制样（镶嵌、磨抛、浸蚀），须注明材料牌号及热处理状态。",
       fee="按样计：120元/样（含制样）；按机时计：80元/小时。", hourly="80.00",
       results="为焊接工艺评定提供宏观与显微组织检验。"),
    _i("工业CT检测系统", "Industrial Computed Tomography System", "110101",
       model="FF35 CT", maker="依科视朗（YXLON）", country="德国", value="980.00",
       date="2022-11-22", disc=("460", "430", "580"), booking="staff", category="special",
       funds=_LOCAL_OWN, dept=1, room="无损检测中心CT室", box="ct", staff=2,
       specs="双射线源：225 kV微焦点+190 kV透射式纳米焦点；细节分辨率：≤0.15 μm；"
       "最大样品尺寸：Φ500 mm×800 mm，承重50 kg；平板探测器：2800×2300像素",
       functions="用于铸件、焊接件、复合材料及电子元件内部缺陷三维检测、尺寸测量及壁厚分析。",
       service="内部缺陷三维检测、孔隙率分析、与CAD模型比对",
       note="须提供样品材质、尺寸及关注区域；含放射性物质的样品不予接收。",
       fee="按机时计：1200元/小时；数据重建与分析报告另计。", hourly="1200.00",
       results="为区内阀门和精密铸件企业提供内部缺陷检测，产品一次合格率提升约8%。"),
    _i("便携式数字射线成像检测系统", "Portable Digital Radiography (DR) System", "110102",
       model="XXGH-2505Z/DR", maker="丹东奥龙射线仪器集团有限公司", country="中国",
       value="68.00", date="2019-11-12", disc=("460", "580"), booking="staff",
       dept=1, room="无损检测中心射线室", box="dr", staff=2,
       specs="射线机管电压：250 kV；平板探测器像素尺寸：139 μm，成像面积：356 mm×432 mm；"
       "空间分辨率：≥3.6 lp/mm；单幅成像时间：<10 s",
       functions="用于船体、管道焊缝的现场数字射线检测，替代胶片照相，实现图像即时评定和电子归档。",
       service="焊缝DR检测、现场快速成像与评定",
       note="现场检测须办理射线作业许可并设置警戒区，由持证人员操作。",
       fee="现场检测：3500元/天；实验室检测：300元/小时。", hourly="300.00",
       results="在分段制造中替代胶片射线检测，单条焊缝评定时间缩短约70%。"),
    _i("三坐标测量机", "Coordinate Measuring Machine", "030199",
       model="GLOBAL S 12.22.10", maker="海克斯康制造智能技术（青岛）有限公司", country="中国",
       value="110.00", date="2015-08-27", disc=("460", "420"), booking="staff",
       dept=2, room="精度管理室恒温间", box="cmm", staff=1,
       specs="测量范围：1200 mm×2200 mm×1000 mm；空间精度：MPEE=1.7+L/333 μm；"
       "配HP-S-X1H扫描测头；温度补偿范围：16–26 ℃",
       functions="用于船用机械零部件、阀门及工装夹具的尺寸与形位公差检测及逆向建模。",
       service="零件尺寸与形位公差检测、首件检验、逆向测绘",
       note="工件须在恒温间放置4小时以上；须提供图纸或三维模型。",
       fee="按机时计：300元/小时（含编程）。", hourly="300.00",
       results="为区内船舶配套企业提供首件检验，年检测零件3000余件。"),
    _i("全自动布洛维硬度计", "Automatic Universal Hardness Tester", "020102",
       model="DuraVision 200", maker="奥地利EMCO-TEST公司", country="奥地利", value="38.00",
       date="2020-03-30", disc=("430", "460"), room="技术中心理化楼103室", box="hardness",
       specs="试验力：3–250 kgf，可进行布氏、洛氏、维氏试验；全自动压痕测量；"
       "Z轴行程：200 mm；符合ISO 6506、ISO 6507、ISO 6508",
       functions="用于钢板、焊接接头及热处理件的布氏、洛氏、维氏硬度测定和硬度分布测试。",
       service="布氏/洛氏/维氏硬度测试、焊接接头硬度分布",
       note="试样测试面须平整光洁，厚度不小于压痕深度的10倍。",
       fee="按点计：15元/点；按机时计：80元/小时。", hourly="80.00",
       results="支撑高强钢焊接接头硬度控制工艺优化。"),
]

# 大连辽湾石化新材料有限公司研发中心 —— petrochemical analysis, polymer processing
_LWPC = [
    _i("炼厂气专用气相色谱仪", "Refinery Gas Analyzer (Gas Chromatograph)", "010501",
       model="GC7980", maker="天美仪拓实验室设备（上海）有限公司", country="中国",
       value="18.50", date="2014-05-20", disc=("530", "480", "150"), booking="staff",
       category="special", room="研发中心分析室1号间", box="rga",
       specs="多阀多柱系统，双TCD+FID检测器；12分钟内完成H₂、O₂、N₂、CO、CO₂及C1–C6烃类"
       "全分析；重复性：RSD≤1%",
       functions="用于炼厂气、液化石油气和裂解气的组成分析及热值计算。",
       service="炼厂气全组分分析、液化石油气组成分析",
       note="气体样品须使用专用采样钢瓶或气袋，并注明压力与采样点。",
       fee="按样计：150元/样；按机时计：100元/小时。", hourly="100.00",
       results="为区内燃气企业提供燃气热值比对检测。"),
    _i("全二维气相色谱-飞行时间质谱联用仪", "GC×GC Time-of-Flight Mass Spectrometer",
       "010201",
       model="Pegasus BT 4D", maker="力可公司（LECO）", country="美国", value="260.00",
       date="2021-01-26", disc=("530", "150", "480"), booking="staff", funds=_LOCAL_OWN,
       room="研发中心分析室2号间", box="gcxgc", staff=1,
       specs="四喷口热调制器；TOF采集速率：最高200谱/秒；质量范围：m/z 10–1000；"
       "单位质量分辨率；配ChromaTOF族组成分析软件",
       functions="用于石脑油、柴油、润滑油基础油等复杂石油馏分的族组成与单体烃详细分析。",
       service="柴油族组成分析、油品指纹溯源、复杂混合物定性",
       note="油品样品不少于10 mL，须注明馏程范围；含水样品须预先脱水。",
       fee="按样计：1500元/样；按机时计：600元/小时。", hourly="600.00",
       results="支撑加氢裂化尾油制备高档基础油的工艺开发。"),
    _i("熔融指数仪", "Melt Flow Indexer", "020106",
       model="CEAST MF20", maker="英斯特朗（CEAST）", country="意大利", value="16.00",
       date="2017-03-15", disc=("430", "530"), dept=1, room="聚合物加工实验室检测区",
       box="mfr", staff=2,
       specs="温度范围：室温–450 ℃，控温精度±0.2 ℃；负荷：0.325–21.6 kg；"
       "支持MFR（A法）与MVR（B法）；自动切料与清洗",
       functions="按GB/T 3682测定聚乙烯、聚丙烯等热塑性塑料的熔体质量流动速率和熔体体积流动速率。",
       service="MFR/MVR测定、批次质量对比",
       note="粒料须干燥；含填料样品须提前告知，以便选择口模。",
       fee="按样计：60元/样；按机时计：60元/小时。", hourly="60.00",
       results="为改性塑料企业提供原料入厂检测，年测试3000余样。"),
    _i("旋转流变仪", "Rotational Rheometer", "020106",
       model="MCR 302e", maker="安东帕（Anton Paar）", country="奥地利", value="75.00",
       date="2020-06-29", disc=("430", "530", "130"), dept=1, room="聚合物加工实验室检测区",
       box="rheo", staff=2,
       specs="扭矩范围：1 nN·m–230 mN·m；角速度：10⁻⁹–314 rad/s；法向力：0.005–50 N；"
       "温控：−40–400 ℃（CTD450）；配平板、锥板、同轴圆筒测量系统",
       functions="用于聚合物熔体、溶液、涂料及沥青的黏弹性、流动曲线和固化行为测定。",
       service="振荡频率扫描、稳态流动曲线、温度扫描",
       note="熔体样品须预先压片；含溶剂样品须使用溶剂阱。",
       fee="按机时计：200元/小时。", hourly="200.00",
       results="为改性沥青企业优化SBS改性配方提供流变数据。"),
    _i("差示扫描量热仪", "Differential Scanning Calorimeter", "010902",
       model="DSC 2500", maker="美国TA仪器公司", country="美国", value="58.00",
       date="2019-02-21", disc=("430", "150", "530"), room="研发中心分析室3号间",
       box="dsc", staff=1,
       specs="温度范围：−180–725 ℃；量热精度：±0.04%；基线漂移：<10 μW；"
       "配50位自动进样器与RCS90制冷附件；支持调制DSC",
       functions="测定高分子材料的玻璃化转变、熔融、结晶、固化和氧化诱导期。",
       service="熔点与结晶度测定、玻璃化转变温度、氧化诱导时间（OIT）",
       note="样品用量5–10 mg；可能分解产生腐蚀性气体的样品须事先说明。",
       fee="按样计：150元/样；按机时计：120元/小时。", hourly="120.00",
       results="支撑聚丙烯成核剂配方筛选。"),
    _i("同向双螺杆挤出造粒机组", "Co-rotating Twin-screw Extrusion and Pelletizing Line",
       "120299",
       model="STS35", maker="科倍隆（南京）机械有限公司", country="中国", value="88.00",
       date="2016-09-06", disc=("530", "430"), booking="staff", category="special",
       status="standby", dept=1, room="聚合物加工实验室中试区", box="extruder", staff=2,
       specs="螺杆直径：35.6 mm；长径比：48:1；最高转速：600 r/min；产量：10–100 kg/h；"
       "配失重式喂料、侧喂料及水下切粒系统",
       functions="用于聚烯烃改性、填充增强、共混合金及功能母粒的小批量试制与配方验证。",
       service="改性塑料配方试制、母粒小试、工艺参数优化",
       note="原料须提供MSDS，单批物料不少于20 kg；含卤阻燃剂配方须提前评估。",
       fee="按机时计：500元/小时，开机准备与清机按1小时计费。", hourly="500.00",
       results="为区内改性塑料初创企业完成首批产品试制。"),
    _i("微机控制电子万能试验机", "Computer-controlled Electronic Universal Tester", "020101",
       model="ETM104B", maker="深圳万测试验设备有限公司", country="中国", value="12.50",
       date="2018-10-23", disc=("430", "530"), dept=1, room="聚合物加工实验室检测区",
       box="utm", staff=2,
       specs="最大试验力：10 kN；力值精度：±0.5%；速度范围：0.001–1000 mm/min；"
       "配大变形引伸计及−40–150 ℃环境箱",
       functions="用于塑料、薄膜、橡胶的拉伸、弯曲、撕裂和剥离性能测试。",
       service="塑料拉伸性能、弯曲模量、薄膜撕裂强度",
       note="试样须按GB/T 1040或GB/T 9341注塑或裁切，每组不少于5件。",
       fee="按样计：50元/组；按机时计：80元/小时。", hourly="80.00",
       results="为薄膜企业完成新牌号拉伸性能验证。"),
]

# 大连星图智算科技有限公司 —— computing, software testing, electronic test
_XTZS = [
    _i("高性能计算集群", "High Performance Computing Cluster (CPU+GPU)", "130201",
       model="NF5280M7/NF5468M7集群", maker="浪潮电子信息产业股份有限公司", country="中国",
       value="1860.00", date="2023-06-30", disc=("520", "410", "150", "580"),
       status="remote", funds=_LOCAL_OWN, hours=(2860, 1320),
       room="智算中心数据机房A区", box="hpc",
       specs="32台双路CPU计算节点（共4096核）+8台GPU节点（每节点8卡，单卡显存80 GB）；"
       "双精度峰值≥1.2 PFlops；并行存储2 PB；200 Gb/s InfiniBand HDR互连；Slurm作业调度",
       functions="提供分子动力学、第一性原理计算、计算流体力学、船舶水动力数值模拟及AI模型训练等算力服务。",
       service="CPU/GPU算力租用、科学计算软件部署、并行程序调优",
       note="通过VPN远程登录使用，账号不得转借；商业软件许可由用户自行解决。",
       fee="CPU：0.05元/核·小时；GPU：6元/卡·小时；整节点按机时计：350元/小时。",
       hourly="350.00",
       results="为区内20余家企业和高校团队提供算力，累计完成作业12万余个。"),
    _i("软件性能与负载测试系统", "Software Performance and Load Testing System", "130301",
       model="LoadRunner Enterprise 2023", maker="OpenText（原Micro Focus）", country="加拿大",
       value="68.00", date="2022-12-15", disc=("520",), booking="staff",
       dept=1, room="软件测评实验室", box="perf", staff=1,
       specs="支持HTTP/HTTPS、WebSocket、gRPC、JDBC等50余种协议；并发虚拟用户许可：5000个；"
       "分布式负载发生器：8台；可实时监控服务器CPU、内存及数据库性能",
       functions="为软件企业提供Web系统、移动应用后台及工业软件的性能、负载和压力测试。",
       service="性能压测、容量评估、性能瓶颈分析报告",
       note="须提供被测系统测试环境及授权书，禁止对生产环境或第三方系统施压。",
       fee="按机时计：300元/小时（含1000并发）；更高并发另议。", hourly="300.00",
       results="协助区内政务软件开发商完成系统上线前压测，发现并解决数据库连接池瓶颈。"),
    _i("PXI模块化数据采集与测试系统", "PXI Modular Data Acquisition and Test System",
       "130401",
       model="PXIe-1085", maker="美国国家仪器（NI）", country="美国", value="85.00",
       date="2021-03-18", disc=("520", "510", "413"), dept=2, room="硬件测试实验室",
       box="pxi", staff=2,
       specs="18槽PXIe机箱，系统带宽24 GB/s；配PXIe-8881控制器、16位/2 MS/s多功能采集卡、"
       "24位动态信号采集卡及CAN/LIN总线接口；LabVIEW与TestStand开发环境",
       functions="用于嵌入式控制器、传感器及船舶电子设备的自动化测试系统搭建与多通道数据采集。",
       service="自动化测试系统开发验证、多通道数据采集、硬件在环测试",
       note="自带程序须经本室病毒查杀；外接被测设备须满足电气隔离要求。",
       fee="按机时计：150元/小时。", hourly="150.00",
       results="支撑船舶机舱监测系统企业完成控制器硬件在环测试平台搭建。"),
    _i("三维可视化图形工作站", "3D Visualization Graphics Workstation", "130101",
       model="Z8 Fury G5", maker="惠普公司", country="美国", value="16.50",
       date="2023-09-12", disc=("520", "580"), room="智算中心可视化室", box="viz",
       specs="单路56核处理器；内存：512 GB；专业图形卡2块（单卡显存48 GB）；"
       "存储：8 TB NVMe；配8K三维立体显示系统",
       functions="用于船舶三维设计、仿真结果后处理、点云与医学影像可视化及虚拟现实展示。",
       service="大规模模型后处理与渲染、三维设计评审",
       note="数据须存放于指定工作目录，使用结束后请及时拷走并清除。",
       fee="按机时计：50元/小时。", hourly="50.00",
       results="用于船舶设计软件初创企业的产品演示与客户评审。"),
    _i("网络性能测试仪", "Network Performance Tester", "040499",
       model="SPT-N4U", maker="思博伦通信（Spirent）", country="美国", value="230.00",
       date="2020-08-25", disc=("510", "520"), booking="staff",
       dept=2, room="硬件测试实验室", box="net", staff=2,
       specs="8×100GE/40GE/10GE测试端口；支持L2–L7流量仿真；RFC 2544、RFC 2889、Y.1564测试；"
       "时延测量精度：±2.5 ns；支持HTTP、DNS、SSL应用层仿真",
       functions="用于交换机、路由器、防火墙及工业网关的吞吐量、时延、丢包率和安全性能测试。",
       service="RFC 2544基准测试、防火墙性能测试、工业网关测试",
       note="须提供被测设备配置说明；光模块由本室统一提供。",
       fee="按机时计：400元/小时。", hourly="400.00",
       results="帮助工业网关企业完成产品性能对标并优化转发性能。"),
    _i("无线信道仿真仪", "Wireless Channel Emulator", "040301",
       model="PROPSIM F64", maker="是德科技", country="芬兰", value="540.00",
       date="2022-08-09", disc=("510", "580"), booking="staff", funds=_LOCAL_OWN,
       dept=2, room="硬件测试实验室屏蔽室", box="propsim", staff=2,
       specs="频率范围：350 MHz–6 GHz（可扩展至FR2）；最多16个双向RF通道；带宽：200 MHz；"
       "支持3GPP、ITU信道模型及MIMO OTA测试",
       functions="在实验室中复现真实无线传播环境，用于5G终端、车联网及海上通信设备的性能验证。",
       service="MIMO吞吐量测试、衰落信道仿真、车联网V2X验证",
       note="须提供被测设备射频接口说明，输入功率不得超过仪器限值。",
       fee="按机时计：600元/小时。", hourly="600.00",
       results="支撑海上5G专网终端在多径衰落场景下的性能验证。"),
    _i("红外热像仪", "Infrared Thermal Imaging Camera", "010906",
       model="T1020", maker="菲力尔公司（FLIR）", country="美国", value="42.00",
       date="2021-05-27", disc=("510", "470"), dept=2, room="硬件测试实验室", box="ir",
       staff=1,
       specs="红外分辨率：1024×768像素；热灵敏度：<20 mK；测温范围：−40–2000 ℃；"
       "精度：±1 ℃或读数的±1%；配28°与12°镜头",
       functions="用于电子设备、服务器机柜及电路板的温度分布测量、热设计验证与故障排查。",
       service="电路板热成像、设备热设计验证、电气故障巡检",
       note="外借须押证件并由本室人员培训；禁止对准强光源或激光。",
       fee="按机时计：80元/小时；外借：400元/天。", hourly="80.00",
       results="协助服务器机柜厂商优化风道设计，热点温度降低12 ℃。"),
]

# 大连拓晟生物医药有限公司研发中心 —— drug analysis, biologics, cell assays
_TSBIO = [
    _i("超高效液相色谱仪", "Ultra High Performance Liquid Chromatograph", "010502",
       model="Vanquish Flex", maker="赛默飞世尔科技", country="美国", value="58.00",
       date="2022-02-23", disc=("350", "150"), room="研发楼药物分析部201室", box="uhplc",
       specs="四元泵，耐压：1000 bar；流速：0.001–8 mL/min；二极管阵列检测器：190–680 nm；"
       "配电雾式检测器（CAD）；进样残留：<0.004%",
       functions="用于原料药和制剂的含量、有关物质及稳定性样品测定，适用于方法开发与转移。",
       service="有关物质分析、稳定性样品检测、方法转移",
       note="须提供方法或参考标准；使用本室色谱柱须登记柱效与进样次数。",
       fee="按样计：150元/样；按机时计：120元/小时。", hourly="120.00",
       results="支撑2个改良型新药完成稳定性研究样品检测。"),
    _i("蛋白纯化系统", "Protein Purification System", "011016",
       model="ÄKTA pure 25 M", maker="思拓凡（Cytiva）", country="瑞典", value="68.00",
       date="2020-05-12", disc=("180", "350"), dept=1, room="研发楼生物药研究部305室",
       box="akta", staff=1,
       specs="流速：0.001–25 mL/min；压力：0–20 MPa；紫外检测：190–700 nm（三波长）；"
       "在线电导与pH监测；配自动馏分收集器",
       functions="用于重组蛋白、抗体的亲和、离子交换、分子筛层析纯化及工艺开发。",
       service="抗体亲和纯化、离子交换层析、分子筛精制",
       note="层析柱及缓冲液由用户自备，缓冲液须经0.22 μm过滤；使用后须用20%乙醇保存管路。",
       fee="按机时计：100元/小时（不含层析柱）。", hourly="100.00",
       results="为初创团队完成纳米抗体小试纯化工艺开发。"),
    _i("多功能酶标仪", "Multi-mode Microplate Reader", "011005",
       model="SpectraMax i3x", maker="美谷分子仪器（Molecular Devices）", country="美国",
       value="42.00", date="2019-07-30", disc=("180", "350", "310"), dept=2,
       room="研发楼细胞生物学部402室", box="reader", staff=2,
       specs="检测模式：吸光度、荧光强度、化学发光、时间分辨荧光；波长范围：230–1000 nm；"
       "支持6–384孔板；可扩展Western Blot与细胞成像模块",
       functions="用于细胞活力、报告基因、酶动力学及高通量生物活性筛选实验。",
       service="细胞增殖与毒性检测、双荧光素酶报告基因检测",
       note="孔板及试剂由用户自备；发光检测须使用白色不透明板。",
       fee="按机时计：60元/小时。", hourly="60.00",
       results="支撑海洋多肽候选物体外活性筛选。"),
    _i("超速离心机", "Ultracentrifuge", "011023",
       model="Optima XPN-100", maker="贝克曼库尔特商贸（中国）有限公司", country="美国",
       value="150.00", date="2018-11-08", disc=("180", "310"), status="standby",
       dept=1, room="研发楼生物药研究部310室", box="ultra", staff=1,
       specs="最高转速：100000 r/min；最大离心力：802000×g；温度范围：0–40 ℃；"
       "配SW41 Ti水平转头与Type 70 Ti角转头",
       functions="用于外泌体、病毒颗粒及亚细胞组分的分离纯化和密度梯度离心。",
       service="外泌体分离、病毒浓缩、蔗糖密度梯度离心",
       note="离心管须严格配平并登记转头使用次数；超过额定转速的程序禁止运行。",
       fee="按机时计：80元/小时。", hourly="80.00",
       results="为医疗器械企业完成外泌体分离工艺验证。"),
    _i("高内涵细胞成像分析系统", "High-content Cell Imaging and Analysis System", "011021",
       model="Operetta CLS", maker="珀金埃尔默（Revvity）", country="美国", value="380.00",
       date="2023-03-21", disc=("350", "180", "310"), booking="staff", funds=_LOCAL_OWN,
       dept=2, room="研发楼细胞生物学部406室", box="hcs", staff=2,
       specs="转盘共聚焦与宽场双模式；8色LED光源；物镜：5×–63×水镜；"
       "活细胞环境控制（温度、CO₂）；Harmony图像分析软件",
       functions="用于化合物高通量细胞表型筛选、细胞毒性评价及3D类器官成像分析。",
       service="高内涵药物筛选、细胞表型分析、类器官成像",
       note="须提前沟通实验设计与分析方案；细胞板须使用光学底板。",
       fee="按机时计：400元/小时；图像分析另计。", hourly="400.00",
       results="支撑一项抗纤维化候选药物的细胞表型筛选，筛选化合物3000余个。"),
    _i("真空冷冻干燥机（中试型）", "Pilot-scale Vacuum Freeze Dryer", "011206",
       model="LYO-1.5", maker="上海东富龙科技股份有限公司", country="中国", value="220.00",
       date="2021-07-19", disc=("350", "550"), booking="staff", category="special",
       dept=3, room="制剂中试车间冻干间", box="lyo", staff=0,
       specs="板层面积：1.5 m²；冷阱温度：≤−75 ℃；板层温度：−55–70 ℃；极限真空：≤1 Pa；"
       "配在线CIP/SIP及压力升测试",
       functions="用于生物制品、注射剂及益生菌的冻干工艺开发和中试放大。",
       service="冻干曲线开发、中试批次工艺验证",
       note="须提供产品共晶点或玻璃化转变温度数据；非无菌产品须单独排期。",
       fee="按批计：3000元/批；按机时计：150元/小时。", hourly="150.00",
       results="为区内益生菌企业完成冻干保护剂配方与冻干曲线优化。"),
    _i("高通量基因测序仪", "High-throughput DNA Sequencer", "011007",
       model="DNBSEQ-G99", maker="深圳华大智造科技股份有限公司", country="中国",
       value="120.00", date="2023-10-10", disc=("180", "310", "240"), booking="staff",
       dept=1, room="研发楼生物药研究部分子实验室", box="seq", staff=0,
       specs="读长：PE150/PE300；单次运行通量：8–48 Gb；运行时间：12–37小时；"
       "Q30≥85%（PE150）",
       functions="用于微生物全基因组测序、扩增子测序、靶向测序及小型基因组组装。",
       service="细菌全基因组测序、16S扩增子测序、质粒验证测序",
       note="须提交DNA质检报告（浓度、纯度、完整性），不接收人类遗传资源样本。",
       fee="按机时计：200元/小时；按样计另议（含建库）。", hourly="200.00",
       results="为水产养殖企业完成益生菌株全基因组测序与安全性评价。"),
]

# 大连光锐激光科技有限公司研发中心 —— lasers, additive manufacturing, optical metrology
_GRJG = [
    _i("工业级飞秒激光器", "Industrial Femtosecond Laser", "140101",
       model="PHAROS PH2-20W", maker="立陶宛光转换公司（Light Conversion）", country="立陶宛",
       value="260.00", date="2021-12-14", disc=("140", "460", "430"), booking="staff",
       funds=_LOCAL_OWN, room="超快激光实验室101室", box="fs",
       specs="中心波长：1030 nm（可选515/343 nm谐波）；脉宽：<190 fs–10 ps可调；平均功率：20 W；"
       "单脉冲能量：≤2 mJ；重复频率：单脉冲–1 MHz；M²<1.2",
       functions="用于透明材料、脆性材料及柔性电路的超精细加工、微孔钻削和表面微纳结构制备。",
       service="玻璃/蓝宝石切割、微孔加工、表面功能结构制备",
       note="须提供样品材质与加工图纸；激光区域内须佩戴对应波长防护眼镜。",
       fee="按机时计：500元/小时（含加工平台）。", hourly="500.00",
       results="为区内传感器企业实现蓝宝石窗口片微孔阵列加工。"),
    _i("连续光纤激光器", "Continuous-wave Fiber Laser (6 kW)", "140101",
       model="RFL-C6000", maker="武汉锐科光纤激光技术股份有限公司", country="中国",
       value="38.00", date="2019-04-25", disc=("460", "430"), booking="staff",
       dept=1, room="增材制造实验室焊接工位", box="cw", staff=1,
       specs="输出功率：6000 W；中心波长：1080±10 nm；功率稳定性：±1.5%；"
       "光束参数积：BPP≤2.5 mm·mrad；配六轴机器人与同轴送粉熔覆头",
       functions="用于金属激光焊接、激光熔覆修复及表面淬火工艺研究。",
       service="激光焊接工艺试验、熔覆修复、表面强化",
       note="工件须清洁无油污；熔覆粉末由用户自备或另行采购。",
       fee="按机时计：400元/小时（不含粉末及气体）。", hourly="400.00",
       results="完成船用柴油机曲轴激光熔覆修复工艺试验。"),
    _i("激光选区熔化金属3D打印机", "Selective Laser Melting Metal 3D Printer", "120499",
       model="BLT-S310", maker="西安铂力特增材技术股份有限公司", country="中国",
       value="380.00", date="2022-08-03", disc=("460", "430"), booking="staff",
       category="special", funds=_LOCAL_OWN, dept=1, room="增材制造实验室打印间",
       box="am", staff=1,
       specs="成形尺寸：250 mm×250 mm×400 mm；激光器：500 W光纤激光器；层厚：20–100 μm；"
       "成形室氧含量：≤100 ppm；适用钛合金、高温合金、铝合金、不锈钢",
       functions="用于复杂结构金属零件的快速成形、随形冷却流道模具及轻量化结构制造。",
       service="金属零件增材制造、工艺参数开发、打印件后处理咨询",
       note="须提交STL模型供工艺评估；钛、铝粉末须按危险品要求管理。",
       fee="按机时计：600元/小时（不含粉末），打印前需提交模型评估。", hourly="600.00",
       results="为注塑模具企业制造随形冷却镶件，成型周期缩短25%。"),
    _i("激光光束质量分析仪", "Laser Beam Quality (M²) Analyzer", "020399",
       model="BeamSquared", maker="奥菲尔光电（Ophir）", country="以色列", value="28.00",
       date="2020-10-20", disc=("140", "510"), dept=2, room="光学检测实验室203室",
       box="beam", staff=2,
       specs="波长范围：266–1100 nm（可扩展至1.8 μm）；M²测量范围：1–50；精度：±5%；"
       "可测光束直径：0.15–6 mm；符合ISO 11146",
       functions="测量激光器输出光束的M²因子、束腰直径、发散角和光斑强度分布。",
       service="激光器M²测试、光束质量出厂检验",
       note="入射功率须经衰减至仪器限值以内；禁止直接入射高功率连续激光。",
       fee="按机时计：150元/小时。", hourly="150.00",
       results="为区内激光器整机企业提供出厂光束质量比对。"),
    _i("白光干涉三维表面轮廓仪", "White-light Interferometric 3D Optical Profiler", "030125",
       model="NewView 9000", maker="美国Zygo公司", country="美国", value="160.00",
       date="2021-06-08", disc=("460", "140", "430"), dept=2, room="光学检测实验室205室",
       box="profiler", staff=2,
       specs="垂直分辨率：0.1 nm；RMS重复性：0.01 nm；垂直扫描范围：20 mm；"
       "物镜：2.75×–100×；支持视场拼接测量",
       functions="非接触测量精密加工表面、光学元件及微结构的三维形貌、粗糙度和台阶高度。",
       service="表面粗糙度测量、微结构尺寸测量、激光加工形貌评价",
       note="样品高度不超过100 mm；透明薄膜样品须提前说明膜层结构。",
       fee="按机时计：250元/小时。", hourly="250.00",
       results="为精密轴承企业建立滚道表面粗糙度检测方法。"),
    _i("相干测风激光雷达", "Coherent Doppler Wind Lidar", "070404",
       model="WindMast WP350", maker="青岛镭测创芯科技有限公司", country="中国",
       value="120.00", date="2023-05-16", disc=("170", "480", "580"), booking="staff",
       funds=_LOCAL_OWN, dept=2, room="光学检测实验室外场平台", box="lidar", staff=0,
       specs="探测距离：40–3000 m；最小距离分辨率：15 m；风速范围：0–75 m/s，精度≤0.1 m/s；"
       "风向精度：≤3°；工作波长：1550 nm",
       functions="用于港口、海上风电场及机场的三维风场廓线探测和风切变监测。",
       service="风场廓线观测、风资源评估、港口大风预警试验",
       note="外场观测须提供安装位置及供电条件，由本公司技术人员安装调试。",
       fee="现场观测：2000元/天；实验室比测：200元/小时。", hourly="200.00",
       results="为港口岸桥作业大风预警系统提供风场观测数据。"),
    _i("飞秒瞬态吸收光谱仪", "Femtosecond Transient Absorption Spectrometer", "010406",
       model="HELIOS Fire", maker="美国Ultrafast Systems公司", country="美国",
       value="210.00", date="2024-04-11", disc=("140", "150", "430"), booking="staff",
       funds=_LOCAL_OWN, room="超快激光实验室105室", box="ta",
       specs="时间分辨率：<150 fs；延迟时间窗口：0–8 ns；探测波长：350–1600 nm；"
       "泵浦波长：240–2600 nm（配OPA）；ΔOD灵敏度：<5×10⁻⁵",
       functions="用于光催化材料、钙钛矿、量子点及有机光电材料的激发态动力学和载流子寿命研究。",
       service="飞秒瞬态吸收测试、载流子动力学分析",
       note="薄膜样品须制备在石英基底上，溶液样品须提供吸收光谱。",
       fee="按机时计：600元/小时。", hourly="600.00",
       results="支撑高校课题组完成钙钛矿太阳能电池载流子动力学研究。"),
]

# --------------------------------------------------------------------------------------
# provider units (make_uscc sequence numbers 1–16)
# --------------------------------------------------------------------------------------

PROVIDERS: list[dict] = [
    _provider(
        1, "DLSFU", "university", name="大连示范理工大学", short_name="示范理工",
        address="大连市甘井子区凌工路118号", contact_name="王老师",
        description="以材料、力学和机械学科见长的理工科大学，校级分析测试中心面向区内企业开放"
        "电子显微学、X射线衍射、热分析和力学性能测试平台。",
        depts=("材料科学与工程学院分析测试中心", "力学与工程学院材料力学实验室"),
        staff=("李工", "张老师", "刘老师"), funds=_CENTRAL, items=_DLSFU,
    ),
    _provider(
        2, "BCOU", "university", name="大连滨城海洋科技大学", short_name="滨城海大",
        address="大连市甘井子区黄浦路563号", contact_name="孙老师",
        description="以海洋科学、水产和海洋环境为特色的高校，拥有近海观测与海洋化学分析平台，"
        "可提供随船调查和海水样品检测服务。",
        depts=("海洋科学与环境学院海洋观测实验室", "海洋化学分析实验室",
               "水产与生命科学学院生态实验室"),
        staff=("周老师", "吴工", "郑老师"), funds=_CENTRAL, items=_BCOU,
    ),
    _provider(
        3, "BACI", "university", name="大连北岸化工学院", short_name="北岸化工",
        address="大连市甘井子区中华西路1907号", contact_name="陈老师",
        description="面向石油化工与精细化工行业的应用型本科院校，重点建设化工分析、"
        "催化评价和化工过程安全实验平台。",
        depts=("化学工程学院分析测试中心", "化工过程安全研究所", "催化与反应工程实验室"),
        staff=("杨老师", "黄工", "何老师"), funds=_CENTRAL_LOCAL, items=_BACI,
    ),
    _provider(
        4, "HHMU", "university", name="大连黄海医药大学", short_name="黄海医药",
        address="大连市甘井子区华北路366号", contact_name="林老师",
        description="以药学和基础医学为主的医药类高校，公共实验平台提供药物分析、"
        "细胞生物学和实验动物表型分析服务。",
        depts=("药学院药物分析中心", "基础医学院公共实验平台", "实验动物中心"),
        staff=("罗老师", "高工", "梁老师"), funds=_CENTRAL, items=_HHMU,
    ),
    _provider(
        5, "QSVC", "university", name="大连泉水轻工职业技术学院", short_name="泉水职院",
        address="大连市甘井子区泉水东路52号", contact_name="谢老师",
        description="培养食品加工与检验人才的高职院校，食品检测中心具备重金属、营养成分和"
        "添加剂检测能力，服务区内食品及水产品加工企业。",
        depts=("食品与生物工程系食品检测中心", "食品工艺实训中心"),
        staff=("韩老师", "唐工"), funds=_LOCAL, items=_QSVC,
    ),
    _provider(
        6, "LSIE", "university", name="大连凌水信息工程学院", short_name="凌水信息",
        address="大连市甘井子区凌水河路29号", contact_name="冯老师",
        description="以电子信息和计算机学科为主的本科院校，建有电子测量、电磁兼容和半导体器件"
        "表征实验室，支撑区内软件与电子企业的产品研发测试。",
        depts=("电子信息工程学院电子测量实验室", "电磁兼容实验室", "微电子学院器件表征实验室"),
        staff=("曹老师", "彭工", "曾老师"), funds=_CENTRAL_LOCAL, items=_LSIE,
    ),
    _provider(
        7, "HQSE", "university", name="大连红旗船舶与海洋工程学院", short_name="红旗船院",
        address="大连市甘井子区红旗西路1266号", contact_name="邓老师",
        description="以船舶与海洋工程、焊接技术为特色的工科院校，结构实验室和焊接实验中心"
        "长期服务大连船舶与海工装备产业链。",
        depts=("船舶与海洋工程学院结构实验室", "焊接与材料成形实验中心"),
        staff=("许工", "傅老师", "沈老师"), funds=_CENTRAL, items=_HQSE,
    ),
    _provider(
        8, "DWAM", "institute", name="大连湾区先进材料研究院", short_name="湾区材料院",
        address="大连市甘井子区新材路8号", contact_name="马工",
        description="区校共建的新型研发机构，聚焦海洋防腐涂层、先进金属和功能薄膜材料，"
        "材料表征平台对外提供微观结构与表面分析服务。",
        depts=("材料表征平台", "功能薄膜研究部", "腐蚀与防护研究部"),
        staff=("朱工", "胡工", "程老师"), funds=_LOCAL_OWN, items=_DWAM,
    ),
    _provider(
        9, "HGJC", "institute", name="大连海工装备质量检测研究所", short_name="海工检测所",
        address="大连市甘井子区港城路215号", contact_name="袁工",
        description="从事船舶与海洋工程装备材料、结构和无损检测的公益类技术机构，"
        "可开展实验室检测、现场检测和水池模型试验。",
        depts=("结构与材料检测室", "无损检测室", "水动力试验室"),
        staff=("蒋工", "蔡工", "贾工"), funds=_LOCAL_OWN, items=_HGJC,
    ),
    _provider(
        10, "FCCI", "institute", name="大连精细化工与催化研究院", short_name="精细化工院",
        address="大连市甘井子区汇贤路76号", contact_name="丁老师",
        description="面向精细化工、医药中间体和催化新材料的研究机构，分析测试部提供波谱、"
        "质谱和晶体结构等高端表征服务。",
        depts=("分析测试部", "催化与反应工程研究室", "结构化学研究室"),
        staff=("魏工", "薛老师", "叶工"), funds=_CENTRAL_LOCAL, items=_FCCI,
    ),
    _provider(
        11, "BFBT", "institute", name="大连滨海食品与生物检测研究院", short_name="滨海检测院",
        address="大连市甘井子区泉水河路188号", contact_name="阎工",
        description="专注食品安全与水产品质量检测的公益性技术机构，可提供农兽药残留、"
        "重金属、放射性和致病微生物检测。",
        depts=("食品安全检测室", "水产品质量检测室", "微生物检测室", "放射性检测室"),
        staff=("余工", "潘工", "杜工"), funds=_LOCAL, items=_BFBT,
    ),
    _provider(
        12, "HHSB", "enterprise", name="大连瀚海船舶重工有限公司技术中心",
        short_name="瀚海船舶", address="大连市甘井子区湾港路1688号", contact_name="戴工",
        description="船舶与海工装备制造企业的省级企业技术中心，理化检测和无损检测能力"
        "向区内船舶配套企业开放共享。",
        depts=("技术中心理化检测室", "无损检测中心", "精度管理室"),
        staff=("夏工", "钟工", "汪工"), funds=_OWN, items=_HHSB, asset_prefix="HH",
    ),
    _provider(
        13, "LWPC", "enterprise", name="大连辽湾石化新材料有限公司研发中心",
        short_name="辽湾石化", address="大连市甘井子区辽湾路99号", contact_name="田工",
        description="从事聚烯烃改性材料和特种油品研发生产的企业研发中心，具备油品组成分析"
        "和聚合物加工中试能力。",
        depts=("研发中心分析室", "聚合物加工实验室"),
        staff=("任工", "姜工", "范工"), funds=_OWN, items=_LWPC, asset_prefix="LW",
    ),
    _provider(
        14, "XTZS", "enterprise", name="大连星图智算科技有限公司", short_name="星图智算",
        address="大连市甘井子区数谷路12号", contact_name="方工",
        description="提供智能算力与软件测评服务的科技企业，运营面向中小企业的高性能计算集群、"
        "软件测评实验室和硬件测试实验室。",
        depts=("智算中心", "软件测评实验室", "硬件测试实验室"),
        staff=("石工", "姚工", "谭工"), funds=_OWN, items=_XTZS, asset_prefix="XT",
    ),
    _provider(
        15, "TSBIO", "enterprise", name="大连拓晟生物医药有限公司研发中心",
        short_name="拓晟生物", address="大连市甘井子区康盛路36号", contact_name="廖工",
        description="专注海洋来源生物药和改良型新药的研发型企业，研发中心对外开放药物分析、"
        "生物药纯化和细胞筛选平台。",
        depts=("药物分析部", "生物药研究部", "细胞生物学部", "制剂工艺部"),
        staff=("邹工", "熊工", "金工"), funds=_OWN, items=_TSBIO, asset_prefix="TS",
    ),
    _provider(
        16, "GRJG", "enterprise", name="大连光锐激光科技有限公司研发中心",
        short_name="光锐激光", address="大连市甘井子区营辉路258号", contact_name="陆工",
        description="从事超快激光与激光增材制造装备研发的高新技术企业，研发中心提供激光加工"
        "工艺试验和光学精密检测服务。",
        depts=("超快激光应用实验室", "激光增材制造实验室", "光学检测实验室"),
        staff=("白工", "崔工", "康工"), funds=_OWN, items=_GRJG, asset_prefix="GR",
    ),
]

# --------------------------------------------------------------------------------------
# customer organisations (make_uscc sequence numbers 101–120)
# --------------------------------------------------------------------------------------


def _customer(
    seq: int,
    name: str,
    short_name: str,
    slug: str,
    address: str,
    contact_name: str,
    description: str,
    *,
    tech: bool = False,
    high: bool = False,
    gazelle: bool = False,
    eaglet: bool = False,
) -> dict:
    return {
        "name": name,
        "short_name": short_name,
        "uscc": make_uscc(seq, "enterprise"),
        "address": address,
        "contact_name": contact_name,
        "contact_phone": _phone(),
        "contact_email": f"contact@{slug}.example.cn",
        "is_tech_sme": tech,
        "is_high_tech": high,
        "is_gazelle": gazelle,
        "is_eaglet": eaglet,
        "description": description,
    }


CUSTOMERS: list[dict] = [
    _customer(101, "大连海澜防腐新材料有限公司", "海澜新材", "hailan",
              "大连市甘井子区新材路26号", "徐经理",
              "研发生产海洋工程用重防腐涂料及石墨烯改性涂层，产品用于码头钢桩和海上风电塔筒。",
              tech=True, high=True),
    _customer(102, "大连锐航海洋装备有限公司", "锐航海装", "ruihang",
              "大连市甘井子区湾港路388号", "孙总",
              "专注作业级水下机器人和海洋观测浮标的研发制造，为海洋牧场和海上风电提供水下检测装备。",
              tech=True, high=True, gazelle=True),
    _customer(103, "大连康泽生物医药科技有限公司", "康泽生物", "kangze",
              "大连市甘井子区康盛路88号", "李博士",
              "初创生物医药团队，开展海洋来源多肽类抗肿瘤候选药物的临床前研究。",
              tech=True, eaglet=True),
    _customer(104, "大连晶禾精细化工有限公司", "晶禾化工", "jinghe",
              "大连市甘井子区汇贤路201号", "赵工",
              "生产高纯电子级湿化学品和医药中间体，具备百吨级精馏提纯能力。",
              high=True),
    _customer(105, "大连云舟软件技术有限公司", "云舟软件", "yunzhou",
              "大连市甘井子区数谷路66号", "周经理",
              "开发船舶设计与生产管理工业软件，为中小船厂提供数字化车间解决方案。",
              tech=True),
    _customer(106, "大连海味源食品有限公司", "海味源食品", "haiweiyuan",
              "大连市甘井子区泉水东路158号", "吴经理",
              "从事即食海参、调味裙带菜等海洋休闲食品的加工与销售。"),
    _customer(107, "大连蓝极新能源科技有限公司", "蓝极新能源", "lanji",
              "大连市甘井子区营辉路66号", "郑总",
              "研发全钒液流电池电解液与关键膜材料，参与多个电网侧储能示范项目。",
              tech=True, high=True, gazelle=True),
    _customer(108, "大连北辰智能检测技术有限公司", "北辰检测", "beichen",
              "大连市甘井子区红旗西路818号", "王工",
              "为装备制造企业提供超声相控阵与机器视觉在线检测系统集成服务。",
              tech=True),
    _customer(109, "大连启明芯微电子有限公司", "启明芯", "qimingxin",
              "大连市甘井子区数谷路18号", "冯博士",
              "初创芯片设计团队，开发面向物联网的低功耗MEMS传感器读出芯片。",
              tech=True, eaglet=True),
    _customer(110, "大连鑫港焊接材料有限公司", "鑫港焊材", "xingang",
              "大连市甘井子区港城路66号", "陈经理",
              "生产船用药芯焊丝和埋弧焊剂，产品通过多家船级社认证。"),
    _customer(111, "大连慧源水产科技有限公司", "慧源水产", "huiyuan",
              "大连市甘井子区黄浦路777号", "褚经理",
              "研发海参、鲍鱼等海珍品配合饲料和养殖水质调控产品。",
              tech=True),
    _customer(112, "大连泓润生物科技有限公司", "泓润生物", "hongrun",
              "大连市甘井子区康盛路120号", "卫经理",
              "利用鳕鱼皮等水产加工副产物开发胶原蛋白肽和海洋功能性食品原料。",
              tech=True),
    _customer(113, "大连澄远环保科技有限公司", "澄远环保", "chengyuan",
              "大连市甘井子区辽湾路168号", "蒋工",
              "研制VOCs催化燃烧催化剂及成套治理设备，服务石化和涂装行业。",
              high=True),
    _customer(114, "大连凌创机器人科技有限公司", "凌创机器人", "lingchuang",
              "大连市甘井子区凌工路236号", "沈总",
              "大学生创业团队，开发船舶分段焊接机器人离线编程与视觉引导系统。",
              tech=True, eaglet=True),
    _customer(115, "大连明湾船舶配套有限公司", "明湾船配", "mingwan",
              "大连市甘井子区湾港路516号", "韩经理",
              "生产船用阀门、管系附件和甲板机械零部件。"),
    _customer(116, "大连氢途能源科技有限公司", "氢途能源", "qingtu",
              "大连市甘井子区营辉路129号", "杨博士",
              "开发燃料电池金属双极板涂层与氢能安全检测装置。",
              tech=True),
    _customer(117, "大连禾润粮油食品有限公司", "禾润粮油", "herun",
              "大连市甘井子区泉水河路59号", "朱经理",
              "从事花生油、芝麻油等食用植物油的压榨精炼和小包装生产。"),
    _customer(118, "大连砚石数据科技有限公司", "砚石数据", "yanshi",
              "大连市甘井子区数谷路88号", "秦经理",
              "提供工业大数据分析和设备预测性维护软件，服务港口起重设备运维。"),
    _customer(119, "大连赛锂新材料有限公司", "赛锂新材", "saili",
              "大连市甘井子区新材路56号", "许总",
              "生产高镍三元正极材料前驱体，建有千吨级中试线。",
              high=True),
    _customer(120, "大连镁康医疗器械有限公司", "镁康医疗", "meikang",
              "大连市甘井子区康盛路59号", "何经理",
              "研发可降解镁合金骨科内固定器械和医用功能涂层。",
              tech=True),
]

# --------------------------------------------------------------------------------------
# platform operator
# --------------------------------------------------------------------------------------

OPERATOR: dict = {
    "name": "甘井子区共享设备云平台运营中心（演示）",
    "short_name": "平台运营中心",
    "uscc": make_uscc(90, "public"),
    "address": "大连市甘井子区数谷路1号科创服务中心5楼",
    "contact_name": "刘老师",
    "contact_phone": _phone(),
    "contact_email": "service@gjzshare.example.cn",
}


# --------------------------------------------------------------------------------------
# self-check: python district.py
# --------------------------------------------------------------------------------------


def _data_file(name: str):
    """Locate a reference TSV: the package copy first, then a shared data folder."""
    from pathlib import Path

    here = Path(__file__).resolve()
    candidates = [here.parents[1] / "catalog" / "data" / name]
    candidates += [parent / "shared" / "data" / name for parent in here.parents]
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(name)


def _read_tsv(name: str) -> list[dict[str, str]]:
    import csv

    with _data_file(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _self_check() -> None:
    import re
    from collections import Counter
    from datetime import date

    classes = {row["code"]: row for row in _read_tsv("instrument_classes.tsv")}
    parents = {row["parent"] for row in classes.values() if row["parent"]}
    leaves = {c for c in classes if c not in parents and not c.endswith("00")}
    disciplines = {row["code"] for row in _read_tsv("disciplines.tsv")}

    problems: list[str] = []

    def check(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    phone_re = re.compile(r"^0411-8\d{7}$")
    money_re = re.compile(r"^\d+\.\d{2}$")
    instrument_keys = {
        "code", "asset_number", "name", "name_en", "class_code", "department", "model",
        "manufacturer", "country", "original_value", "acquisition_date", "source", "category",
        "running_status", "sharing_mode", "booking_mode", "disciplines", "funding_sources",
        "specifications", "functions", "service_content", "sharing_rules", "fee_text",
        "hourly_fee", "typical_results", "room", "annual_hours", "annual_outside_hours",
        "contact_name", "contact_phone", "contact_email",
    }
    provider_keys = {
        "code", "name", "short_name", "kind", "uscc", "address", "contact_name",
        "contact_phone", "contact_email", "description", "instruments",
    }
    customer_keys = {
        "name", "short_name", "uscc", "address", "contact_name", "contact_phone",
        "contact_email", "is_tech_sme", "is_high_tech", "is_gazelle", "is_eaglet",
        "description",
    }
    operator_keys = customer_keys - {
        "is_tech_sme", "is_high_tech", "is_gazelle", "is_eaglet", "description",
    }
    limits = {
        "specifications": 500, "functions": 300, "service_content": 200,
        "sharing_rules": 500, "fee_text": 500,
    }
    funding = {"中央财政资金", "地方财政资金", "单位自有资金", "其他资金"}
    statuses = {
        "normal", "standby", "remote", "occasional_fault", "frequent_fault",
        "awaiting_repair", "awaiting_scrap",
    }

    # organisations and USCCs
    organisations = [*PROVIDERS, *CUSTOMERS, OPERATOR]
    codes = [org["uscc"] for org in organisations]
    check(len(set(codes)) == len(codes), "duplicate USCC")
    for org in organisations:
        code = org["uscc"]
        try:
            uscc.validate(code)
        except uscc.ValidationError as exc:
            problems.append(f"{org['name']}: invalid USCC {code} ({exc})")
        check(code[2:8] == _REGION, f"{code}: region is not 210211")
        check(_org_check_digit(code[8:16]) == code[16], f"{code}: organisation check digit")
        check(phone_re.match(org["contact_phone"]) is not None, f"{org['name']}: phone")
        check(org["contact_email"].endswith(".example.cn"), f"{org['name']}: e-mail domain")
    check(set(OPERATOR) == operator_keys, "OPERATOR keys")
    check(OPERATOR["uscc"][:2] == "12", "operator USCC prefix")

    # providers
    check(len(PROVIDERS) == 16, f"expected 16 providers, got {len(PROVIDERS)}")
    provider_codes = [p["code"] for p in PROVIDERS]
    check(len(set(provider_codes)) == len(provider_codes), "duplicate provider code")
    for p in PROVIDERS:
        check(set(p) == provider_keys, f"{p['code']}: provider keys")
        check(re.fullmatch(r"[A-Z]{3,8}", p["code"]) is not None, f"{p['code']}: code format")
        prefix = "91" if p["kind"] == "enterprise" else "12"
        check(p["uscc"].startswith(prefix), f"{p['code']}: USCC prefix for {p['kind']}")
        check(p["address"].startswith("大连市甘井子区"), f"{p['code']}: address")
        check(4 <= len(p["instruments"]) <= 10, f"{p['code']}: instrument count")

    # instruments
    instruments = [(p, i) for p in PROVIDERS for i in p["instruments"]]
    check(len(instruments) == 112, f"expected 112 instruments, got {len(instruments)}")
    name_models = Counter((i["name"], i["model"]) for _, i in instruments)
    check(max(name_models.values()) == 1, "duplicate name+model pair")
    for p in PROVIDERS:
        own = p["instruments"]
        check(len({i["code"] for i in own}) == len(own), f"{p['code']}: duplicate code")
        check(len({i["asset_number"] for i in own}) == len(own), f"{p['code']}: asset no.")
    for p, i in instruments:
        tag = i["code"]
        check(set(i) == instrument_keys, f"{tag}: keys")
        check(i["code"].startswith(p["code"] + "-"), f"{tag}: code prefix")
        check(i["class_code"] in leaves, f"{tag}: class {i['class_code']} is not a leaf")
        check(1 <= len(i["disciplines"]) <= 4, f"{tag}: discipline count")
        check(len(set(i["disciplines"])) == len(i["disciplines"]), f"{tag}: discipline dup")
        check(set(i["disciplines"]) <= disciplines, f"{tag}: unknown discipline")
        check(1 <= len(i["funding_sources"]) <= 2, f"{tag}: funding count")
        check(set(i["funding_sources"]) <= funding, f"{tag}: funding value")
        check(i["source"] in {"purchase", "developed", "donated", "other"}, f"{tag}: source")
        check(i["category"] in {"general", "special"}, f"{tag}: category")
        check(i["running_status"] in statuses, f"{tag}: running status")
        check(i["sharing_mode"] == "external", f"{tag}: sharing mode")
        check(i["booking_mode"] in {"self", "staff"}, f"{tag}: booking mode")
        check(money_re.match(i["original_value"]) is not None, f"{tag}: value format")
        check(5 <= float(i["original_value"]) <= 2500, f"{tag}: value range")
        acquired = date.fromisoformat(i["acquisition_date"])
        check(2008 <= acquired.year <= 2025, f"{tag}: acquisition year")
        check(money_re.match(i["hourly_fee"]) is not None, f"{tag}: hourly fee format")
        hourly = f"{float(i['hourly_fee']):g}元/小时"
        check(hourly in i["fee_text"], f"{tag}: fee text does not state {hourly}")
        for key, limit in limits.items():
            check(len(i[key]) <= limit, f"{tag}: {key} longer than {limit}")
        check(200 <= i["annual_hours"] <= 3000, f"{tag}: annual hours")
        check(0 < i["annual_outside_hours"] < i["annual_hours"], f"{tag}: outside hours")
        check(phone_re.match(i["contact_phone"]) is not None, f"{tag}: phone")
        check(i["contact_email"].endswith(".example.cn"), f"{tag}: e-mail domain")
        check("xxx" not in repr(i).lower(), f"{tag}: placeholder left")

    # customers
    check(len(CUSTOMERS) == 20, f"expected 20 customers, got {len(CUSTOMERS)}")
    check(len({c["name"] for c in CUSTOMERS}) == 20, "duplicate customer name")
    for c in CUSTOMERS:
        check(set(c) == customer_keys, f"{c['name']}: keys")
        check(c["uscc"].startswith("91"), f"{c['name']}: USCC prefix")

    # coverage required by the demo and its tests
    items = [i for _, i in instruments]
    sem = [i for i in items if "扫描电子显微镜" in i["name"]]
    tem = [i for i in items if "透射电子显微镜" in i["name"]]
    tensile = [i for i in items if "拉伸" in i["name"] or "拉伸" in i["functions"]]
    chroma = [i for i in items if "色谱" in i["name"]]
    tops = Counter(i["class_code"][:2] for i in items)
    check(len(sem) >= 2, "need at least 2 scanning electron microscopes")
    check(len(tem) >= 1, "need a transmission electron microscope")
    check(len(tensile) >= 3, "need at least 3 tensile-test instruments")
    check(len(chroma) >= 6, "need at least 6 chromatography instruments")
    check(len(tops) >= 10, "need at least 10 top-level classes")

    if problems:
        raise SystemExit("self-check FAILED:\n  " + "\n  ".join(problems))

    kinds = Counter(p["kind"] for p in PROVIDERS)
    top_names = {c[:2]: row["name"] for c, row in classes.items() if c.endswith("0000")}
    flags = {
        key: sum(c[key] for c in CUSTOMERS)
        for key in ("is_tech_sme", "is_high_tech", "is_gazelle", "is_eaglet")
    }
    print("district demo data: self-check passed")
    print(f"  providers: {len(PROVIDERS)} ({dict(kinds)})")
    print(f"  instruments: {len(items)} (all sharing_mode=external)")
    print(f"  customers: {len(CUSTOMERS)} {flags}")
    print(f"  USCCs: {len(codes)} valid and unique (operator {OPERATOR['uscc']})")
    print(f"  top classes ({len(tops)}): "
          + ", ".join(f"{k} {top_names[k]}×{v}" for k, v in sorted(tops.items())))
    print(f"  leaf class codes used: {len({i['class_code'] for i in items})}, "
          f"disciplines used: {len({d for i in items for d in i['disciplines']})}")
    print(f"  running status: {dict(Counter(i['running_status'] for i in items))}")
    print(f"  booking mode: {dict(Counter(i['booking_mode'] for i in items))}; "
          f"source: {dict(Counter(i['source'] for i in items))}; "
          f"category: {dict(Counter(i['category'] for i in items))}")
    print(f"  coverage: SEM {len(sem)}, TEM {len(tem)}, 拉伸 {len(tensile)}, 色谱 {len(chroma)}")
    total = sum(float(i["original_value"]) for i in items)
    print(f"  total original value: {total:,.2f} 万元")


if __name__ == "__main__":
    _self_check()
