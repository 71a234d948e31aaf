"""Every domain model keeps its history (django-pghistory triggers), or says why not with `history_exempt`.

Walks every model of every project app but the plumbing (`redcross`), found through the app registry: a new
app's models are covered without an edit here.
"""

from django.apps import apps
from pghistory.models import Event

from redcross.roles import domain_models
from tests.platform.discovery import project_apps


def tracked_models():
    return {model._meta.get_field("pgh_obj").related_model for model in apps.get_models()
            if issubclass(model, Event) and any(f.name == "pgh_obj" for f in model._meta.fields)}


def test_every_domain_model_is_history_tracked_or_exempted_with_a_reason():
    tracked = tracked_models()
    checked, missing = [], []
    for config in project_apps():
        if config.label == "redcross":
            continue
        for model in domain_models(config):
            checked.append(model)
            reason = getattr(model, "history_exempt", None)
            if model in tracked:
                assert not reason, f"{model._meta.label} is tracked and exempt; drop history_exempt"
            elif not (isinstance(reason, str) and len(reason) > 20):
                missing.append(model._meta.label)
    assert not missing, ("no history: decorate with @tracked() (redcross.history) or set history_exempt = "
                         f"'<why>': {missing}")
    assert len(checked) > 30


def test_the_auditor_reads_every_domain_model():
    from redcross.roles import role_permissions

    auditor = set(role_permissions()["auditor"])
    for config in project_apps():
        if config.label == "redcross":
            continue
        for model in domain_models(config):
            assert f"{model._meta.app_label}.view_{model._meta.model_name}" in auditor, model._meta.label
