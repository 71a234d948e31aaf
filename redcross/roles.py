"""Roles are Django groups; this table is their permissions (ARCHITECTURE.md, Roles).

`sync_roles()` makes the groups match the table; `make run` and the tests call it.
A new model's permissions are added here, in one place.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission

VIEW = "view"
# The roles whose accounts are integrations reached only with an API key (the keys of `role_permissions()` below
# are the `StaffProfile.role` values); an administrator may issue keys for them (`redcross.tokens`).
API_ONLY_ROLES = ("partner_agency",)
EDIT = ("view", "add", "change")
FULL = ("view", "add", "change", "delete")


def _perms(model_label, actions):
    app, model = model_label.split(".")
    return [f"{app}.{action}_{model}" for action in actions]


VOLUNTEER_STAFF = [
    *_perms("volunteers.volunteer", ("view", "add", "change")),
    *_perms("volunteers.team", ("view", "add", "change")),
    *_perms("volunteers.activity", ("view", "add", "change")),
    *_perms("volunteers.signup", ("view", "add", "change")),
    *_perms("volunteers.servicerecord", ("view", "add", "change")),
    *_perms("volunteers.servicecertificate", ("view", "add")),
]

DONATION_MODELS = ["donations.donor", "donations.fund", "donations.donation", "donations.disbursement",
                   "donations.aidcase", "donations.disclosure"]
# District staff record gifts and aid cases and request disbursements; finance confirms, approves and pays.
DONATION_STAFF = [
    *[p for m in DONATION_MODELS for p in _perms(m, [VIEW])],
    *_perms("donations.donor", ("add",)),
    *_perms("donations.donation", ("add",)),
    *_perms("donations.disbursement", ("add",)),
    *_perms("donations.aidcase", ("add",)),
]
DONATION_FINANCE = [
    *DONATION_STAFF,
    *_perms("donations.donor", ("change",)),
    *_perms("donations.fund", ("add", "change")),
    *_perms("donations.donation", ("change",)),
    "donations.approve_disbursement",
]

TRAINING_MODELS = ["training.trainingbase", "training.instructor", "training.trainingsession", "training.enrolment",
                   "training.certificate", "training.assessment", "training.trainingtarget"]
# Certificates are issued by the pass, never entered by hand.
TRAINING_STAFF = [
    *_perms("training.course", [VIEW]),
    *[p for m in TRAINING_MODELS if m != "training.certificate" for p in _perms(m, EDIT)],
    *_perms("training.certificate", [VIEW]),
]

SANXIAN_MODELS = ["sanxian.blooddrive", "sanxian.stemcelldonor", "sanxian.stemcellevent", "sanxian.donationpledge",
                  "sanxian.careevent", "sanxian.memorialentry", "sanxian.healthconsent"]
SANXIAN_STAFF = [p for m in SANXIAN_MODELS for p in _perms(m, EDIT)]
MEMBER_MODELS = ["members.member", "members.duespayment", "members.contribution", "members.duesrate"]
# Dues payments are posted money: recorded, never changed (a mistake is a new record).
MEMBER_STAFF = [
    *_perms("members.member", EDIT),
    *_perms("members.duespayment", ("view", "add")),
    *_perms("members.contribution", ("view", "add")),
    *_perms("members.duesrate", [VIEW]),
]
FOLLOWUP_MODELS = ["followups.visittarget", "followups.visitplan", "followups.planitem", "followups.visit",
                   "followups.issue", "followups.bulletin"]
# District staff plan, visit, follow issues and write bulletins; the city also sets the visit targets.
FOLLOWUP_STAFF = [
    *_perms("followups.visittarget", [VIEW]),
    *[p for m in FOLLOWUP_MODELS if m != "followups.visittarget" for p in _perms(m, EDIT)],
]


EMERGENCY_MODELS = ["emergency.teamstandard", "emergency.teamrequirement", "emergency.team", "emergency.teammember",
                    "emergency.equipment", "emergency.drill", "emergency.warehouse", "emergency.item",
                    "emergency.stocklot", "emergency.stockmovement", "emergency.stockminimum", "emergency.plan",
                    "emergency.alert", "emergency.alertnotice", "emergency.incident", "emergency.situationreport",
                    "emergency.deployment", "emergency.stockrequest", "emergency.mutualaid"]
# The city edits the standards, the requirement matrix and the item catalogue; the ledger is written by services.
EMERGENCY_CITY_ONLY = ["emergency.teamstandard", "emergency.teamrequirement", "emergency.item"]
EMERGENCY_STAFF = [
    *[p for m in EMERGENCY_MODELS for p in _perms(m, [VIEW])],
    *[p for m in EMERGENCY_MODELS if m not in EMERGENCY_CITY_ONLY + ["emergency.stockmovement", "emergency.alert"]
      for p in _perms(m, ("add", "change"))],
    *_perms("emergency.stockmovement", ("add",)),
]
# Partner agencies post alerts and read incidents, readiness and stock totals: nothing personal.
EMERGENCY_PARTNER = [
    *_perms("emergency.alert", ("view", "add")),
    *_perms("emergency.incident", [VIEW]),
    *_perms("emergency.situationreport", [VIEW]),
    *_perms("emergency.team", [VIEW]),
    *_perms("emergency.stocklot", [VIEW]),
]
GRASSROOTS_MODELS = ["organizations.centre", "organizations.centreinspection", "organizations.institution",
                     "organizations.aedstation", "organizations.aedinspection", "organizations.partnersite",
                     "organizations.townworkoverride"]
OUTREACH_MODELS = ["outreach.culturesquare", "outreach.story", "outreach.youthcentre", "outreach.youthactivity",
                   "outreach.campaign", "outreach.villagecompact", "outreach.carerecipient", "outreach.carerecord"]
GRASSROOTS_STAFF = [*[p for m in GRASSROOTS_MODELS for p in _perms(m, EDIT)],
                    *_perms("organizations.coveragefigure", [VIEW])]
OUTREACH_STAFF = [p for m in OUTREACH_MODELS for p in _perms(m, EDIT)]


def domain_models(config):
    """The models of one app that hold records: not history events, not automatic many-to-many tables."""
    from pghistory.models import Event

    return [model for model in config.get_models() if not issubclass(model, Event) and not model._meta.auto_created]


def audited_models():
    """Every record an auditor reads: each domain app's models (found in the registry), import jobs, plan figures."""
    base = Path(settings.BASE_DIR).resolve()
    labels = ["redcross.importjob", "plan.targetsnapshot"]
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent == base and config.label != "redcross":
            labels.extend(model._meta.label_lower for model in domain_models(config))
    return labels


def role_permissions():
    everything_view = [p for m in audited_models() for p in _perms(m, [VIEW])]
    governance_models = [model._meta.label_lower for model in domain_models(apps.get_app_config("governance"))]
    return {
        "city_admin": [
            "plan.view_targetsnapshot",
            *_perms("organizations.region", ("view", "change")),
            *_perms("organizations.organization", FULL),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("organizations.staffprofile", FULL),
            *_perms("people.person", EDIT),
            *_perms("people.personaldataaccess", [VIEW]),
            *_perms("people.personaldatarequest", EDIT),
            "people.reveal_personal_data",
            "redcross.view_history",
            "redcross.manage_api_tokens",
            # The city records warnings it receives too, and issues the partner agencies' keys, which post them.
            *_perms("emergency.alert", ("add",)),
            *_perms("redcross.notification", ("view", "change")),
            *[p for m in governance_models for p in _perms(m, EDIT)],
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *DONATION_STAFF,
            *_perms("donations.fund", ("add", "change")),
            *TRAINING_STAFF,
            *_perms("training.course", ("add", "change")),
            *SANXIAN_STAFF,
            *MEMBER_STAFF,
            *_perms("members.duesrate", ("add", "change")),
            *FOLLOWUP_STAFF,
            *_perms("followups.visittarget", ("add", "change")),
            *EMERGENCY_STAFF,
            *[p for m in EMERGENCY_CITY_ONLY for p in _perms(m, ("add", "change"))],
            *GRASSROOTS_STAFF,
            *OUTREACH_STAFF,
        ],
        "district_staff": [
            "plan.view_targetsnapshot",
            *[p for m in governance_models for p in _perms(m, [VIEW])],
            *_perms("governance.actionitem", ("add", "change")),
            *_perms("governance.supervisionopinion", ("change",)),
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", EDIT),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("organizations.staffprofile", [VIEW]),
            *_perms("people.person", EDIT),
            *_perms("people.personaldatarequest", EDIT),
            "people.reveal_personal_data",
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *DONATION_STAFF,
            *TRAINING_STAFF,
            *SANXIAN_STAFF,
            *MEMBER_STAFF,
            *FOLLOWUP_STAFF,
            *EMERGENCY_STAFF,
            *GRASSROOTS_STAFF,
            *OUTREACH_STAFF,
        ],
        "organiser": [
            "plan.view_targetsnapshot",
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("people.person", EDIT),
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *TRAINING_STAFF,
            *_perms("followups.visit", EDIT),
            *_perms("followups.planitem", [VIEW]),
            *_perms("followups.issue", [VIEW]),
            *GRASSROOTS_STAFF,
            *OUTREACH_STAFF,
        ],
        "finance": [
            "plan.view_targetsnapshot",
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("people.person", [VIEW]),
            *DONATION_FINANCE,
            *_perms("members.member", [VIEW]),
            *_perms("members.duespayment", ("view", "add")),
            *_perms("members.duesrate", [VIEW]),
        ],
        # Read-only everywhere, history included; never unmasked personal data.
        "auditor": [*everything_view, "redcross.view_history", "redcross.view_notification",
                    # the supervisory board's own records are the auditors' to keep
                    *[p for m in governance_models for p in _perms(m, ("add", "change"))]],
        "partner_agency": [
            "plan.view_targetsnapshot",
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *EMERGENCY_PARTNER,
            *_perms("organizations.centre", [VIEW]),
            *_perms("organizations.aedstation", [VIEW]),
        ],
    }


def sync_roles():
    wanted = role_permissions()
    all_codes = {code for codes in wanted.values() for code in codes}
    perms = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    missing = all_codes - set(perms)
    if missing:
        raise LookupError(f"permissions not found (run migrate): {sorted(missing)}")
    for name, codes in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([perms[c] for c in codes])
