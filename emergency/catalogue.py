"""Starting standards per team type and the relief-item catalogue (DOMAIN.md: per-type standards vary by
province, so they are data the city edits; these rows are only created when missing)."""

from emergency.choices import TeamType

# team type, minimum members, required certificate kinds (training.CourseKind), kit, drill interval (days)
STANDARD_TEAMS = [
    (TeamType.RELIEF, 10, ["first_aider"], ["帐篷", "发电机", "对讲机"], 180),
    (TeamType.MEDICAL, 8, ["first_aider", "aed"], ["急救箱", "AED", "担架"], 180),
    (TeamType.PSYCHOLOGICAL, 6, ["psychological"], ["心理援助包"], 180),
    (TeamType.SEARCH_RESCUE, 12, ["first_aider"], ["生命探测仪", "破拆工具", "担架"], 90),
    (TeamType.WATER_RESCUE, 8, ["first_aider", "water_safety"], ["救生艇", "救生衣", "抛投器"], 90),
    (TeamType.WATER_SUPPLY, 6, ["first_aider"], ["净水设备", "储水囊"], 180),
]

# code, name, unit, category
STANDARD_ITEMS = [
    ("tent", "救灾帐篷", "顶", "住所"),
    ("quilt", "棉被", "床", "住所"),
    ("padded-coat", "棉衣", "件", "住所"),
    ("family-kit", "家庭箱", "箱", "生活"),
    ("hygiene-kit", "卫生包", "个", "生活"),
    ("water-unit", "净水设备", "套", "供水"),
    ("bottled-water", "瓶装水", "箱", "供水"),
    ("first-aid-kit", "急救包", "个", "医疗"),
    ("instant-noodles", "方便食品", "箱", "食品"),
]


def standards_load() -> int:
    """Create the standards that are missing; never overwrites what the city changed. Idempotent."""
    from emergency.models import TeamStandard

    have = set(TeamStandard.objects.values_list("team_type", flat=True))
    new = [TeamStandard(team_type=t, min_members=n, required_course_kinds=kinds, kit=kit, drill_interval_days=days)
           for t, n, kinds, kit, days in STANDARD_TEAMS if t not in have]
    TeamStandard.objects.bulk_create(new)
    return len(new)


def items_load() -> int:
    from emergency.models import Item

    have = set(Item.objects.values_list("code", flat=True))
    new = [Item(code=c, name=n, unit=u, category=k) for c, n, u, k in STANDARD_ITEMS if c not in have]
    Item.objects.bulk_create(new)
    return len(new)
