from django.contrib import admin

from outreach.models import Campaign, CareRecipient, CultureSquare, Story, VillageCompact, YouthCentre


@admin.register(CultureSquare)
class CultureSquareAdmin(admin.ModelAdmin):
    list_display = ["name", "place_kind", "region", "opened_on", "is_active"]
    list_filter = ["place_kind"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "region", "status", "published_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["person"]


@admin.register(YouthCentre)
class YouthCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "region", "opened_on"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "held_on", "region", "participants", "online_reach"]


@admin.register(VillageCompact)
class VillageCompactAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "adopted_on"]


@admin.register(CareRecipient)
class CareRecipientAdmin(admin.ModelAdmin):
    list_display = ["person", "category", "region", "is_active"]
    raw_id_fields = ["person"]
