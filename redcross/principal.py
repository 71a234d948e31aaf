"""One principal per API request: the caller's permissions and scope prefix, kept between requests.

A token-authenticated API call spent three queries before reading its page: the user's own permissions and
those of the user's groups (ModelBackend), and the staff profile that fixes the scope prefix
(redcross.scoping). They change rarely (a role given, a profile moved to another organisation), so they are
kept in the default cache under the user's id and a generation that any such change bumps (signals below):
the next request of everyone reads them afresh. An API key, with its user row and principal, is kept the same way
(recall/keep, redcross.tokens): its revocation, a user deactivated and every other save of a WATCHED row bump the
generation. Redis down: nothing is kept and every request reads them, as before.

Each process also holds what it last read or kept, and takes the generation from Redis again at most once a
second (LOCAL_SECONDS): a key used again within that second costs no round trip at all. A change made in this
process forgets that copy at once; one made in another process shows here within the second. Inside a transaction
the cache is always asked (the tests run inside one).
"""

import pickle
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION = "principal:generation"
TTL = 300  # seconds: a bound on staleness should a bump ever be lost
LOCAL_SECONDS = 1.0  # how long this process trusts the generation it last read
LOCAL_ENTRIES = 10_000  # at most this many keys held in this process (then it starts again)
# This process's copy: the generation and time.monotonic() when it was read; key → (generation, time kept, pickle).
_local_generation = (None, 0.0)
_local = {}
_local_epoch = 0  # counted up by forget_all(): what another thread read from Redis before it is not trusted after
_clock = time.monotonic
# Rows whose change may change someone's permissions or scope.
WATCHED = frozenset({
    "auth.group", "auth.permission", settings.AUTH_USER_MODEL.lower(), "organizations.staffprofile",
    "organizations.organization", "organizations.region", "redcross.apitoken",
})


def _generation():
    generation = cache.get(GENERATION)
    if generation is None:  # first use, or the cache lost it: a value no older entry can carry
        cache.add(GENERATION, time.time_ns(), None)
        generation = cache.get(GENERATION) or time.time_ns()
    return generation


def attach(user):
    """Give an authenticated `user` its permissions and scope prefix from the cache, or read and keep them.

    One cache round trip (recall): the generation and the user's entry, kept under the generation it was read in.
    """
    from redcross.scoping import user_scope_prefix

    if not user.is_active:
        return user
    key = f"principal:{user.pk}"
    generation, kept = recall(key)
    if kept is not None and kept[0] == user.is_superuser:
        _superuser, user._user_perm_cache, user._group_perm_cache, user._scope_prefix = kept
        user._perm_cache = user._user_perm_cache | user._group_perm_cache
        return user
    user.get_all_permissions()  # ModelBackend fills the three caches on the user
    keep(key, (user.is_superuser, set(getattr(user, "_user_perm_cache", set())),
               set(getattr(user, "_group_perm_cache", set())), user_scope_prefix(user)), generation)
    return user


def recall(key):
    """(generation, what was kept under `key` in it) — (generation, None) when nothing current is kept there.

    For what must be read afresh after any change to the WATCHED rows: a user's principal (attach), an API key
    with its user and principal (redcross.tokens). The generation goes back to `keep`; when there was none (first
    use, or the cache lost it) it is made here, before the caller reads the rows it will keep, so that they are
    never kept under a generation bumped in between. This process's own copy answers when its generation was read
    less than LOCAL_SECONDS ago (outside a transaction).
    """
    global _local_generation
    local = _may_use_local()
    if local:
        generation, read_at = _local_generation
        now = _clock()
        held = _local.get(key)
        if generation is not None and now - read_at < LOCAL_SECONDS and held is not None \
                and held[0] == generation and now - held[1] < TTL:
            return generation, pickle.loads(held[2])
    epoch = _local_epoch
    found = cache.get_many([GENERATION, key])
    generation, kept = found.get(GENERATION), found.get(key)
    if generation is None:
        return _generation(), None
    local = local and epoch == _local_epoch  # not if this process changed a WATCHED row meanwhile
    if local:
        _local_generation = (generation, _clock())
    if not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != generation:
        return generation, None
    if local:
        _hold(key, generation, kept[1])
    return generation, kept[1]


def _may_use_local():
    from django.db import connection

    return not connection.in_atomic_block


def _hold(key, generation, value):
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[key] = (generation, _clock(), pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def keep(key, value, generation):
    """Keep `value` under `key` for the generation `recall` gave."""
    cache.set(key, (generation, value), TTL)
    if _may_use_local():
        _hold(key, generation, value)


def forget_all(**_kwargs):
    """Every kept principal is stale from now on."""
    global _local_generation, _local_epoch
    _local_epoch += 1
    _local_generation = (None, 0.0)
    _local.clear()
    try:
        cache.incr(GENERATION)
    except ValueError:  # not there (never used, or lost): a fresh generation
        cache.set(GENERATION, time.time_ns(), None)


def _forget_now_and_after_commit():
    # Now (this connection's next read sees the change), and again after the commit: another connection reading
    # between the two still saw the old rows.
    forget_all()
    transaction.on_commit(forget_all)


def _changed(sender, **kwargs):
    if sender._meta.label_lower in WATCHED:
        _forget_now_and_after_commit()


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _forget_now_and_after_commit()


def connect():
    """Called once at start-up (RedcrossConfig.ready)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    post_save.connect(_changed, dispatch_uid="principal-save")
    post_delete.connect(_changed, dispatch_uid="principal-delete")
    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"principal-{through._meta.label_lower}")
