from django.contrib import admin

from training.models import Assessment, Certificate, Course, Instructor, TrainingBase, TrainingSession, TrainingTarget


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "hours", "passing_score", "validity_years", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(TrainingBase)
class TrainingBaseAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "level", "capacity", "manikins", "aeds"]
    list_select_related = ["region"]
    raw_id_fields = ["organization", "region"]


@admin.register(Instructor, TrainingSession, Certificate, Assessment, TrainingTarget)
class ReadMostlyAdmin(admin.ModelAdmin):
    def get_raw_id_fields(self, request):
        return [f.name for f in self.model._meta.fields if f.is_relation]
