"""The one place where staff scope is decided.

A staff user belongs to one organisation and sees only its region's subtree.
Regions are keyed by the 12-digit statistical code, so "in my subtree" is a
prefix match on an indexed column. Every model that the portal or the API
shows names the lookup that leads to its region code in `scope_region_lookup`;
every portal view, API view and export narrows its queryset here.
"""

from django.db import models

ALL = ""  # the prefix that matches every region

_prefix_resolver = None


def set_prefix_resolver(resolver):
    """`resolver(user) -> prefix or None` for staff; handed over by organizations at start-up (AppConfig.ready)."""
    global _prefix_resolver
    _prefix_resolver = resolver


def user_scope_prefix(user):
    """The region-code prefix a user may see: ALL, a prefix, or None (nothing)."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_scope_prefix", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        prefix = ALL
    else:
        if _prefix_resolver is None:
            raise RuntimeError("no scope prefix resolver: the organizations app hands it over in its ready()")
        prefix = _prefix_resolver(user)
    user._scope_prefix = prefix
    return prefix


def scope_queryset(queryset, user):
    """Narrow any scoped queryset to what `user` may see."""
    lookup = getattr(queryset.model, "scope_region_lookup", None)
    if lookup is None:
        raise TypeError(f"{queryset.model.__name__} declares no scope_region_lookup")
    prefix = user_scope_prefix(user)
    if prefix is None:
        return queryset.none()
    if prefix == ALL:
        return queryset
    return queryset.filter(**{f"{lookup}__startswith": prefix})


def region_in_scope(user, region_code):
    prefix = user_scope_prefix(user)
    if prefix is None or region_code is None:
        return False
    return str(region_code).startswith(prefix)


def require_in_scope(actor, region_code, field="region", message=None):
    """Services refuse a write outside the actor's area with an error on `field`; no actor (a task) passes."""
    if actor is not None and not region_in_scope(actor, region_code):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({field: message or _("Region: you can only choose a region within your own area.")})


class ScopedQuerySet(models.QuerySet):
    def within(self, user):
        return scope_queryset(self, user)


def prefix_index(field, name):
    """A btree index that serves `LIKE 'prefix%'` whatever the collation."""
    return models.Index(fields=[field], name=name, opclasses=["varchar_pattern_ops"])
