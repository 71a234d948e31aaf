from decimal import Decimal

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid training")

    def ready(self):
        from organizations import hooks
        from training import importers  # noqa: F401 - registers the group enrolment import
        from training.selectors import (
            activity_region_codes,
            certificate_holders_by_region,
            certificate_numbers_valid,
        )

        hooks.register_certificate_source(valid_numbers=certificate_numbers_valid,
                                          holders_by_region=certificate_holders_by_region)
        hooks.register_activity_source("training.sessions", activity_region_codes)

        import re

        from redcross import verification
        from training.selectors import certificate_verified

        verification.register(verification.Verifier(
            "first-aid-certificate", _("First-aid certificate"), matches=re.compile(r"5\d{5}20\d{8}").fullmatch,
            find=certificate_verified))
        self.register_targets()

    def register_targets(self):
        from redcross.targets import PLAN_END, ActionPlan, Target, Unit, register
        from training import selectors

        register(Target(
            code="training.residents_trained", plan=ActionPlan.GRASSROOTS, app_label=self.label,
            title=_("Community residents trained in first aid"), unit=Unit.PERCENT, target=Decimal("100"),
            deadline=PLAN_END, level="district", compute=selectors.residents_trained_figures,
            description=_("Residents trained (attended or passed) against the residents' training targets."),
        ))
        register(Target(
            code="training.scenic_staff_trained", plan=ActionPlan.GRASSROOTS, app_label=self.label,
            title=_("Staff of 4A+ scenic areas trained in first aid"), unit=Unit.PERCENT, target=Decimal("100"),
            deadline=PLAN_END, level="district", compute=selectors.scenic_staff_trained_figures,
            description=_("Staff trained against the real staff headcount of each 4A+ scenic area on the "
                          "institutions register."),
        ))
        lines = settings.REDCROSS["TRAINING_INSTRUCTOR_TARGETS"]
        titles = {"ordinary": _("Ordinary instructors"), "backbone": _("Backbone instructors"),
                  "expert": _("Expert instructors")}
        for tier, title in titles.items():
            register(Target(
                code=f"training.instructors_{tier}", plan=ActionPlan.CAPACITY, app_label=self.label,
                title=title, unit=Unit.COUNT, target=Decimal(lines[tier]), level="district",
                compute=selectors.instructors_figures(tier),
                description=_("Active instructors with a valid qualification, where their organisation is."),
            ))
        register(Target(
            code="training.assessed_yearly", plan=ActionPlan.CAPACITY, app_label=self.label,
            title=_("Districts whose training a third-party expert team assessed in the past year"),
            unit=Unit.PERCENT, target=Decimal("100"), level="district", compute=selectors.assessment_figures,
            description=_("Method, approach and quality assessed yearly by an independent expert team."),
        ))
