from django.contrib import admin

from followups.models import Bulletin, Issue, Visit, VisitPlan, VisitTarget

for model in (VisitTarget, VisitPlan, Visit, Issue, Bulletin):
    admin.site.register(model)
