"""Demo data for `make run` (called by the bootstrap command): funds, donors, a few hundred gifts, spending.

Idempotent: nothing is added when the demo funds exist. Everything goes through the services, so the demo
obeys the same rules as real use (receipt numbers, balances, allocation, four eyes).
"""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from donations import services, tasks
from donations.models import Fund
from organizations.models import Organization, Region
from people.identifiers import credit_check_character

ENTERPRISES = [("四川蜀道爱心建设有限公司", "91510104"), ("成都天府餐饮集团有限公司", "91510105"),
               ("成都市慈善基金会", "53510100"), ("锦江区春熙商会", "N2510104")]
PEOPLE = ["王建华", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴军", "徐丽", "孙涛"]


def _share(text: str) -> float:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") / 2**32


@transaction.atomic
def demo_donations() -> int:
    if Fund.objects.filter(code="EM-2026-FLOOD").exists():
        return 0
    User = get_user_model()
    admin, finance = User.objects.get(username="city_admin"), User.objects.get(username="finance")
    jinjiang_staff = User.objects.get(username="jinjiang_staff")
    city = Organization.objects.get(kind="city_society", region__is_home_city=True, is_active=True)
    jinjiang = Organization.objects.get(kind="district_society", region_id="510104000000")
    qingyang = Organization.objects.get(kind="district_society", region_id="510105000000")
    today = timezone.localdate()
    funds = [
        services.fund_create(actor=admin, code="GEN-CITY", name="成都市红十字会非定向捐赠", kind="general",
                             purpose="用于人道救助、应急救援和红十字事业发展", organization=city,
                             starts_on=today - timedelta(days=365)),
        services.fund_create(actor=admin, code="EM-2026-FLOOD", name="成都汛期抢险救灾", kind="emergency",
                             purpose="汛期受灾群众紧急救助和救灾物资采购", organization=city, budget=Decimal("2000000"),
                             starts_on=today - timedelta(days=26)),
        services.fund_create(actor=admin, code="PJ-AED", name="公共场所AED配置项目", kind="project",
                             purpose="在地铁站、学校和景区配置自动体外除颤器并培训救护员", organization=city,
                             budget=Decimal("800000"), starts_on=today - timedelta(days=300),
                             ends_on=today + timedelta(days=65), management_cost_rate=Decimal("0.065")),
        services.fund_create(actor=admin, code="PJ-JJ-EDU", name="锦江区博爱助学", kind="project",
                             purpose="资助困难家庭学生", organization=jinjiang, budget=Decimal("150000"),
                             starts_on=today - timedelta(days=200), management_cost_rate=Decimal("0.05")),
    ]
    for org, prefix in ((jinjiang, "510104"), (qingyang, "510105")):
        community = Region.objects.filter(code__startswith=prefix, level="community").order_by("code").first()
        funds.append(
            services.fund_create(
                actor=admin,
                code=f"CC-{community.code}",
                kind="community_care",
                organization=org,
                community=community,
                name=community.name.replace("居民委员会", "").replace("居委会", "").removesuffix("社区")
                + "社区关爱救助专项基金",
                purpose="社区困难群众关爱救助",
                starts_on=today - timedelta(days=180),
            )
        )
    donors = []
    for name, head in ENTERPRISES:
        first17 = f"{head}MA6C{len(donors):04d}"[:17].ljust(17, "1")
        donors.append(services.donor_create(actor=admin, kind="organization", name=name,
                                            credit_code=first17 + credit_check_character(first17),
                                            is_caring_enterprise=True, publish_name=True))
    for n, name in enumerate(PEOPLE):
        donors.append(services.donor_create(actor=admin, kind="individual", name=name, publish_name=n % 3 != 0,
                                            mobile=f"1390280{n:04d}"))
    gifts = 0
    for n in range(300):
        fund = funds[n % len(funds)]
        donor = donors[n % len(donors)]
        kind = "goods" if n % 23 == 0 else "money"
        amount = Decimal(int(50 + _share(f"amount{n}") * (20000 if donor.kind == "organization" else 2000)))
        donation = services.donation_record(
            actor=admin,
            fund=fund,
            donor=None if n % 17 == 0 else donor,
            is_anonymous=n % 17 == 0,
            amount=amount,
            channel="bank_transfer" if n % 2 else "cash",
            kind=kind,
            goods_description="矿泉水和方便食品" if kind == "goods" else "",
            goods_quantity=100 if kind == "goods" else None,
            goods_unit="箱" if kind == "goods" else "",
            receipt_declined=n % 11 == 0,
        )
        if n >= 292:
            continue  # a few pledges wait for the bank statement
        received = today - timedelta(days=int((299 - n) * (min(300, (today - fund.starts_on).days) / 300)))
        services.donation_confirm(donation=donation, actor=finance, received_on=max(received, fund.starts_on),
                                  bank_reference=f"DEMO-{n:05d}")
        gifts += 1
    spending = [("EM-2026-FLOOD", "emergency", "金堂县受灾群众", "采购帐篷、棉被和饮用水", "60000"),
                ("EM-2026-FLOOD", "emergency", "成都市红十字应急救援队", "救援队装备和油料", "18000"),
                ("PJ-AED", "organization", "", "采购AED设备20台", "90000"),
                ("PJ-AED", "management_cost", "", "项目管理费", "5000"),
                ("PJ-JJ-EDU", "emergency", "锦江区困难家庭学生", "发放助学金", "20000"),
                ("GEN-CITY", "emergency", "大病患者人道救助", "人道救助金", "12000")]
    by_code = {f.code: f for f in funds}
    paid = []
    for code, kind, name, purpose, amount in spending:
        extra = {"beneficiary_organization": city} if kind == "organization" else {}
        request = services.disbursement_request(actor=admin, fund=by_code[code], beneficiary_kind=kind,
                                                beneficiary_name=name, purpose=purpose, amount=amount, **extra)
        approved = services.disbursement_approve(disbursement=request, actor=finance)
        paid.append(services.disbursement_pay(disbursement=approved, actor=finance,
                                              payment_reference=f"PAY-{request.pk:05d}"))
    services.disbursement_reverse(disbursement=paid[1], actor=finance, reason="金额录入错误，按实际发生额重新列支")
    services.disbursement_request(actor=jinjiang_staff, fund=by_code["PJ-JJ-EDU"], beneficiary_kind="emergency",
                                  beneficiary_name="锦江区困难家庭学生", purpose="第二批助学金", amount="8000")
    services.disbursement_request(actor=admin, fund=by_code["EM-2026-FLOOD"], beneficiary_kind="emergency",
                                  beneficiary_name="成都市红十字应急救援队", purpose="救援队装备和油料（更正后）",
                                  amount="16500")
    tasks.publish_due_disclosures()
    return gifts
