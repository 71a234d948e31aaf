from django.contrib import admin

from members.models import Contribution, DuesPayment, DuesRate, Member


@admin.register(DuesRate)
class DuesRateAdmin(admin.ModelAdmin):
    list_display = ("year", "kind", "amount")
    list_filter = ("kind",)


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "society", "joined_on", "status")
    list_filter = ("kind", "status")
    search_fields = ("number",)
    raw_id_fields = ("person", "contact_person", "unit", "organization", "society")


admin.site.register(DuesPayment)
admin.site.register(Contribution)
