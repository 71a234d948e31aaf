"""Excel/CSV imports of the culture registers: squares, campaigns, village compacts and youth education centres."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.importers import RegisterImporter
from organizations.models import Organization
from outreach.choices import CampaignKind, PlaceKind
from outreach.models import Campaign, CultureSquare, VillageCompact, YouthCentre
from redcross.imports import Column, register
from redcross.scoping import scope_queryset


def _not_future(data, field, label):
    if data.get(field) and data[field] > timezone.localdate():
        raise ValidationError({field: [_("%(field)s: not in the future.") % {"field": label}]})


@register
class CultureSquareImporter(RegisterImporter):
    key = "outreach.square"
    label = gettext_lazy("Culture squares")
    permission = "outreach.add_culturesquare"
    model = CultureSquare
    columns = [
        Column("name", gettext_lazy("Square name"), required=True, example="锦江绿道红十字文化广场"),
        Column("place_kind", gettext_lazy("Place kind"), required=True, example="绿道"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022000"),
        Column("host", gettext_lazy("Host"), required=True, example="春熙路街道办事处"),
        Column("address", gettext_lazy("Address"), example=""),
        Column("opened_on", gettext_lazy("Opened on"), required=True, example="2024-05-08"),
        Column("themes", gettext_lazy("Themes"), required=True, example="应急救护、无偿献血"),
    ]
    choice_columns = {"place_kind": PlaceKind.choices}
    date_columns = ("opened_on",)
    unique_together = ("region", "name")

    def validate_row(self, values):
        data = self.convert(values)
        _not_future(data, "opened_on", gettext_lazy("Opened on"))
        square = CultureSquare(**data)
        square.full_clean()
        return square


@register
class CampaignImporter(RegisterImporter):
    key = "outreach.campaign"
    label = gettext_lazy("Campaigns and events")
    permission = "outreach.add_campaign"
    model = Campaign
    columns = [
        Column("title", gettext_lazy("Title"), required=True, example="5·8世界红十字日主题宣传"),
        Column("kind", gettext_lazy("Kind"), required=True, example="5·8 世界红十字日"),
        Column("held_on", gettext_lazy("Held on"), required=True, example="2025-05-08"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104000000"),
        Column("place", gettext_lazy("Place"), required=True, example="春熙路步行街"),
        Column("organiser", gettext_lazy("Organiser"), required=True, example="锦江区红十字会"),
        Column("participants", gettext_lazy("Participants"), example="1200"),
        Column("online_reach", gettext_lazy("Online reach"), example="56000"),
    ]
    choice_columns = {"kind": CampaignKind.choices}
    date_columns = ("held_on",)
    int_columns = ("participants", "online_reach")

    def prepare(self):
        super().prepare()
        self.organisers = {}
        for pk, name in scope_queryset(Organization.objects.filter(is_active=True), self.user).values_list("id",
                                                                                                           "name"):
            self.organisers.setdefault(name, pk)

    def validate_row(self, values):
        data = self.convert(values)
        organiser = self.organisers.get(data.pop("organiser"))
        if organiser is None:
            raise ValidationError({"organiser": [_("Organiser: no active organisation of that name in your area.")]})
        _not_future(data, "held_on", gettext_lazy("Held on"))
        campaign = Campaign(organiser_id=organiser, **data)
        campaign.full_clean(exclude=["organiser"])
        return campaign


@register
class VillageCompactImporter(RegisterImporter):
    key = "outreach.compact"
    label = gettext_lazy("Village compacts")
    permission = "outreach.add_villagecompact"
    model = VillageCompact
    region_column = "community"
    columns = [
        Column("community", gettext_lazy("Community code"), required=True, example="510104022006"),
        Column("title", gettext_lazy("Title"), required=True, example="总府路社区居民公约"),
        Column("adopted_on", gettext_lazy("Adopted on"), required=True, example="2024-03-01"),
        Column("document_url", gettext_lazy("Document (link)"), example=""),
        Column("red_cross_clauses", gettext_lazy("Red Cross clauses"), required=True,
               example="第八条 邻里守望，学习应急救护，踊跃无偿献血。"),
    ]
    date_columns = ("adopted_on",)
    unique_together = ("community",)

    def validate_row(self, values):
        data = self.convert(values)
        if data["community"].level != "community":
            raise ValidationError({"community": [_("Community or village: a compact belongs to one community or "
                                                   "village.")]})
        _not_future(data, "adopted_on", gettext_lazy("Adopted on"))
        compact = VillageCompact(**data)
        compact.full_clean()
        return compact


@register
class YouthCentreImporter(RegisterImporter):
    """Youth education centre pilots, each hosted by a school or university already on the institutions register."""

    key = "outreach.youthcentre"
    label = gettext_lazy("Youth education centres")
    permission = "outreach.add_youthcentre"
    model = YouthCentre
    columns = [
        Column("name", gettext_lazy("Centre name"), required=True, example="盐道街中学青少年红十字教育活动中心"),
        Column("school", gettext_lazy("Host school"), required=True, example="成都市盐道街中学"),
        Column("region", gettext_lazy("Region code"), required=True, example="510104022000"),
        Column("opened_on", gettext_lazy("Opened on"), required=True, example="2024-09-01"),
        Column("pilot_batch", gettext_lazy("Pilot batch"), example="1"),
        Column("contact_person", gettext_lazy("Contact person"), example=""),
    ]
    date_columns = ("opened_on",)
    int_columns = ("pilot_batch",)
    unique_together = ("region", "name")

    def prepare(self):
        from organizations.selectors import schools_on_register

        super().prepare()
        self.schools = schools_on_register(user=self.user)

    def validate_row(self, values):
        data = self.convert(values)
        school = self.schools.get((data["region"].code, data.pop("school")))
        if school is None:
            raise ValidationError({"school": [_("Host school: choose a school or university from the institutions "
                                                "register.")]})
        _not_future(data, "opened_on", gettext_lazy("Opened on"))
        data["pilot_batch"] = data["pilot_batch"] or 1
        centre = YouthCentre(school_id=school, **data)
        centre.full_clean(exclude=["school", "region"])
        return centre
