from django.contrib import admin

from people.models import Person, PersonalDataAccess


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["masked_name", "document_type", "document_number_masked", "mobile_masked", "region"]
    raw_id_fields = ["region"]
    readonly_fields = ["document_number_masked", "mobile_masked", "birth_date", "sex"]
    exclude = ["full_name"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "person", "reason", "channel"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
