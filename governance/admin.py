from django.contrib import admin

from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember

for model in (SupervisoryMember, SupervisoryMeeting, SupervisionOpinion, AuditReport, ActionItem):
    admin.site.register(model)
