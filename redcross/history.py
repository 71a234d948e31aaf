"""History of domain records, kept by database triggers (django-pghistory).

Triggers catch bulk updates and raw SQL too. Every domain model is decorated
with `tracked()`; auditors read the events in the portal.
"""

import pghistory


def tracked(**kwargs):
    # Fresh tracker instances per model: pghistory binds them to the model.
    # Statement-level triggers read the changed rows from transition tables:
    # one trigger call per statement, so a 100,000-row import stays fast.
    kwargs.setdefault("level", pghistory.Statement)
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        **kwargs,
    )


def events_for(obj):
    """Every recorded change of one object, newest first, with who and where."""
    from pghistory.models import Events

    return Events.objects.tracks(obj).order_by("-pgh_created_at")


def _field_label(model, name):
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    try:
        field = model._meta.get_field(name[:-3] if name.endswith("_id") else name)
    except FieldDoesNotExist:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return name.replace("_", " "), None
    return capfirst(str(getattr(field, "verbose_name", name))), field


def _value_text(field, value):
    """A recorded value as staff read it: choice labels, local times, yes/no, linked records by their label."""
    from datetime import datetime

    from django.utils import timezone
    from django.utils.translation import gettext as _

    if value in (None, ""):
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


REVEAL_PERMISSION = "people.reveal_personal_data"


def _masker(model, user):
    """{field: mask(value, row)} for a reader who may not see personal data in clear; {} for one who may.

    A model lists its personal fields as `history_masks` (people.Person: name and birth date; donations.Donor: a
    person's name): the events keep the clear values, and a reader without the reveal permission sees them
    masked exactly as on the record's own page (issue 10: a masked ID number plus a clear birth date rebuild it).
    """
    if model is None or (user is not None and user.has_perm(REVEAL_PERMISSION)):
        return {}
    return getattr(model, "history_masks", {})


def describe_events(events, *, user=None):
    """History rows with labels instead of codes: model and field names, choice labels, local time, names, links.

    A constant number of queries: the users and the records of one page are read in one query per model.
    Personal fields are masked for a `user` without the reveal permission (and when no user is given).
    """
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from django.utils.translation import gettext as _

    event_labels = {"insert": _("Created"), "update": _("Changed"), "delete": _("Deleted")}
    events = list(events)
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")}
    users = {u.pk: (u.get_full_name() or u.get_username())
             for u in get_user_model().objects.filter(pk__in=user_ids)} if user_ids else {}
    wanted: dict = {}
    for e in events:
        if e.pgh_obj_model and e.pgh_obj_id is not None:
            wanted.setdefault(e.pgh_obj_model, set()).add(e.pgh_obj_id)
    objects = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found = model._default_manager.in_bulk([int(i) if str(i).isdigit() else i for i in ids])
        objects.update({(label, str(pk)): obj for pk, obj in found.items()})
    rows = []
    for e in events:
        try:
            model = apps.get_model(e.pgh_obj_model) if e.pgh_obj_model else None
        except LookupError:
            model = None
        obj = objects.get((e.pgh_obj_model, str(e.pgh_obj_id)))
        kind = e.pgh_label.split(".")[-1] if e.pgh_label else ""
        changes = []
        masks = _masker(model, user)
        row = e.pgh_data or {}
        for name, pair in (e.pgh_diff or {}).items():
            if name in ("pgh_id", "pgh_created_at") or name.endswith(("_encrypted", "_hash")):
                continue
            label, field = _field_label(model, name) if model else (name, None)
            before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            if name in masks:
                before, after = (None if v in (None, "") else masks[name](v, row) for v in (before, after))
            changes.append({"field": label, "before": _value_text(field, before), "after": _value_text(field, after)})
        ctx = e.pgh_context or {}
        url = ""
        if obj is not None and hasattr(obj, "get_absolute_url"):
            try:
                url = obj.get_absolute_url()
            except Exception:  # noqa: BLE001 - a record without a page of its own
                url = ""
        rows.append({
            "when": timezone.localtime(e.pgh_created_at),
            "who": users.get(ctx.get("user"), _("System")),
            "model": str(model._meta.verbose_name) if model else e.pgh_obj_model,
            "record": str(obj) if obj is not None else _("#%(id)s (deleted)") % {"id": e.pgh_obj_id},
            "url": url,
            "event": event_labels.get(kind, kind),
            "changes": changes,
        })
    return rows


def history_models():
    """(label, verbose name) of every tracked model, for the history page's filter."""
    from django.apps import apps
    from django.utils.text import capfirst
    from pghistory.models import Events  # noqa: F401 - the tracked models are registered by now

    found = []
    for model in apps.get_models():
        tracked_model = getattr(model, "pgh_tracked_model", None)
        if tracked_model is not None:
            found.append((tracked_model._meta.label, capfirst(str(tracked_model._meta.verbose_name))))
    return sorted(set(found), key=lambda item: item[1])
