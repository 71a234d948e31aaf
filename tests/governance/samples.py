"""锦江 samples of the governance records, for the platform walks (scope, query counts, bad input)."""

from datetime import date, timedelta

from django.utils import timezone

from governance import services
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember


def member(personas, name="张监事"):
    return services.member_save(actor=personas["jinjiang"], organization=personas["orgs"]["jinjiang"], name=name,
                                role="member", affiliation="锦江区审计局", term_start=date(2022, 1, 1),
                                term_end=date(2026, 12, 31))


def meeting(personas, title="锦江区红十字会监事会第三次会议"):
    return services.meeting_record(actor=personas["jinjiang"], organization=personas["orgs"]["jinjiang"],
                                   held_on=date(2025, 6, 18), title=title, attendees=5,
                                   minutes="审议 2024 年度财务报告，提出整改意见两条。")


def opinion(personas, text="捐赠款物使用信息公开不及时", due_in=30):
    return services.opinion_save(actor=personas["jinjiang"], owner=personas["orgs"]["jinjiang"], meeting=None,
                                 opinion=text, due_on=timezone.localdate() + timedelta(days=due_in), status="open",
                                 rectification="")


def audit(personas, year=2024):
    return services.audit_report_save(actor=personas["jinjiang"], organization=personas["orgs"]["jinjiang"],
                                      year=year, auditor="四川天府会计师事务所", opinion="unqualified",
                                      summary="收支真实、合规。", published_on=date(year + 1, 4, 30))


def item(personas, title="完成春熙路街道红十字服务站建设", due_in=60, status="planned"):
    return services.action_item_save(actor=personas["jinjiang"], plan=3, source="plan", title=title,
                                     owner=personas["orgs"]["jinjiang"],
                                     due_on=timezone.localdate() + timedelta(days=due_in), status=status,
                                     evidence="")


def many(personas):
    for n in range(7):
        member(personas, name=f"监事{n}")
        meeting(personas, title=f"第{n}次会议")
        audit(personas, year=2015 + n)
        item(personas, title=f"清单事项{n}")
        opinion(personas, text=f"监督意见{n}")


SAMPLES = {
    SupervisoryMember: member,
    SupervisoryMeeting: meeting,
    SupervisionOpinion: opinion,
    AuditReport: audit,
    ActionItem: item,
}
