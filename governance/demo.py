"""Demo governance records: the city society's supervisory board, a meeting, opinions, audits, the checklist.

Idempotent: records are found by their title or year and never overwritten.
"""

from datetime import date, timedelta

from django.utils import timezone

from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from organizations.models import Organization

CHECKLIST = [
    # (plan, source, title, district code or None for the city, days from today, done)
    (1, "reform", "修订市红十字会章程并报市政府备案", None, -200, True),
    (1, "reform", "建立理事会、执委会、监事会议事规则", None, -120, True),
    (1, "plan", "完成 2024 年度独立审计并向社会公开", None, -30, True),
    (2, "plan", "建成市级应急救护培训示范基地", None, 90, False),
    (2, "plan", "组建水上救生应急救援队", "510104", -15, False),
    (3, "plan", "春熙路街道红十字服务站挂牌", "510104", 45, False),
    (3, "plan", "草市街街道“三有”达标", "510105", -40, False),
    (4, "plan", "建成 3 个红十字文化广场", None, 180, False),
    (5, "plan", "编发回访工作信息专报（季度）", None, 20, False),
]


def load_demo() -> str:
    city = Organization.objects.filter(kind="city_society", is_active=True).first()
    if city is None:
        return "governance: no city society"
    today = timezone.localdate()
    for name, role, unit in (("陈志明", "chair", "成都市审计局"), ("刘芳", "vice_chair", "四川大学"),
                             ("王建国", "member", "成都市民政局"), ("赵丽", "member", "市红十字会会员代表")):
        SupervisoryMember.objects.get_or_create(organization=city, name=name, defaults={
            "role": role, "affiliation": unit, "term_start": date(2021, 6, 1), "term_end": date(2026, 5, 31)})
    minutes = "审议 2024 年度财务收支和捐赠款物使用情况，听取审计报告，提出监督意见两条。"
    meeting, _ = SupervisoryMeeting.objects.get_or_create(
        organization=city, title="市红十字会第一届监事会第五次会议",
        defaults={"held_on": today - timedelta(days=60), "attendees": 4, "minutes": minutes})
    for text, days, rectified in (("定向捐赠项目执行进度公开不及时，应按季度公开", -20, False),
                                  ("应急物资仓库盘点制度需完善", -45, True)):
        SupervisionOpinion.objects.get_or_create(meeting=meeting, opinion=text, defaults={
            "owner": city, "due_on": today + timedelta(days=days),
            "status": "rectified" if rectified else "in_progress",
            "rectification": "已建立季度盘点制度，盘点记录存档" if rectified else "",
            "rectified_on": today + timedelta(days=days - 5) if rectified else None})
    for year in (2022, 2023, 2024):
        AuditReport.objects.get_or_create(organization=city, year=year, defaults={
            "auditor": "四川天府会计师事务所（特殊普通合伙）", "opinion": "unqualified",
            "summary": f"{year} 年度收支真实、合规，捐赠款物按捐赠人意愿使用，管理费用未超过规定比例。",
            "published_on": date(year + 1, 4, 28)})
    added = 0
    for plan, source, title, district, days, done in CHECKLIST:
        owner = city if district is None else Organization.objects.filter(
            kind="district_society", region_id=f"{district}000000", is_active=True).first()
        if owner is None:
            continue
        _item, created = ActionItem.objects.get_or_create(title=title, defaults={
            "plan": plan, "source": source, "owner": owner, "due_on": today + timedelta(days=days),
            "status": "done" if done else ("in_progress" if days > 0 else "planned"),
            "evidence": "会议纪要、文件及照片存档于办公室" if done else "",
            "done_on": today + timedelta(days=days - 3) if done else None})
        added += created
    return f"governance: {added} checklist items added"
