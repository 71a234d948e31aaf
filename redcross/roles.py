"""Roles are Django groups; this table is their permissions (ARCHITECTURE.md, Roles).

`sync_roles()` makes the groups match the table; `make run` and the tests call it.
A new model's permissions are added here, in one place.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission

VIEW = "view"
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


def domain_models(config):
    """The models of one app that hold records: not history events, not automatic many-to-many tables."""
    from pghistory.models import Event

    return [model for model in config.get_models() if not issubclass(model, Event) and not model._meta.auto_created]


def audited_models():
    """Every record an auditor reads: each domain app's models (found in the registry) and import jobs."""
    base = Path(settings.BASE_DIR).resolve()
    labels = ["redcross.importjob"]
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent == base and config.label != "redcross":
            labels.extend(model._meta.label_lower for model in domain_models(config))
    return labels


def role_permissions():
    everything_view = [p for m in audited_models() for p in _perms(m, [VIEW])]
    return {
        "city_admin": [
            *_perms("organizations.region", ("view", "change")),
            *_perms("organizations.organization", FULL),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("organizations.staffprofile", FULL),
            *_perms("people.person", EDIT),
            *_perms("people.personaldataaccess", [VIEW]),
            "people.reveal_personal_data",
            "redcross.view_history",
            "redcross.manage_api_tokens",
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *DONATION_STAFF,
            *_perms("donations.fund", ("add", "change")),
            *TRAINING_STAFF,
            *_perms("training.course", ("add", "change")),
        ],
        "district_staff": [
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", EDIT),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("organizations.staffprofile", [VIEW]),
            *_perms("people.person", EDIT),
            "people.reveal_personal_data",
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *DONATION_STAFF,
            *TRAINING_STAFF,
        ],
        "organiser": [
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("people.person", EDIT),
            *_perms("redcross.importjob", [VIEW]),
            *VOLUNTEER_STAFF,
            *TRAINING_STAFF,
        ],
        "finance": [
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
            *_perms("people.person", [VIEW]),
            *DONATION_FINANCE,
        ],
        # Read-only everywhere, history included; never unmasked personal data.
        "auditor": [*everything_view, "redcross.view_history"],
        "partner_agency": [
            *_perms("organizations.region", [VIEW]),
            *_perms("organizations.organization", [VIEW]),
            *_perms("organizations.coveragesnapshot", [VIEW]),
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
