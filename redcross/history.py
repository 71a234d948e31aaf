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
