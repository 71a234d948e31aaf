"""API tokens for systems: issued, authenticated and revoked here (django-rest-knox's hashed keys).

Rules (issue 10): a key is shown once and stored as a digest; it is named and expires; nobody obtains a key that
acts as another person; nobody issues a key carrying permissions they lack. A staffer issues keys for their own
account; an administrator with `redcross.manage_api_tokens` also issues keys for partner-agency accounts (API-only
integration accounts) within their scope whose permissions they hold themselves.
"""

import binascii
import logging
from datetime import timedelta
from hmac import compare_digest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions

from redcross import principal
from redcross.models import ApiToken
from redcross.roles import API_ONLY_ROLES
from redcross.scoping import user_scope_prefix

logger = logging.getLogger("redcross.security")

LAST_USED_PRECISION = timedelta(minutes=1)


def max_days() -> int:
    return getattr(settings, "API_TOKEN_MAX_DAYS", 365)


def is_integration_account(user) -> bool:
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.role in API_ONLY_ROLES and not user.is_superuser


def may_issue_for(actor, holder) -> bool:
    """Whether `actor` may issue a key acting as `holder` (see the module docstring)."""
    if not actor.is_active or not holder.is_active or getattr(holder, "staff_profile", None) is None:
        return False
    if holder.pk == actor.pk:
        return True
    if not actor.has_perm("redcross.manage_api_tokens") or not is_integration_account(holder):
        return False
    actor_prefix = user_scope_prefix(actor)
    holder_prefix = user_scope_prefix(holder)
    if actor_prefix is None or holder_prefix is None or not holder_prefix.startswith(actor_prefix):
        return False
    return holder.get_all_permissions() <= actor.get_all_permissions()


def holders_for(actor):
    """The accounts `actor` may issue keys for: themselves, and the integration accounts they fully cover."""
    User = get_user_model()
    candidates = [actor]
    if actor.has_perm("redcross.manage_api_tokens"):
        others = (User.objects.filter(is_active=True, is_superuser=False, staff_profile__role__in=API_ONLY_ROLES)
                  .exclude(pk=actor.pk).select_related("staff_profile__organization").order_by("username"))
        candidates += [user for user in others if may_issue_for(actor, user)]
    return candidates


def tokens_visible_to(actor):
    """The user's own keys, and for administrators the keys of the accounts they may issue for."""
    holders = [user.pk for user in holders_for(actor)]
    return (ApiToken.objects.filter(user_id__in=holders)
            .select_related("user", "user__staff_profile__organization", "issued_by", "revoked_by"))


@transaction.atomic
def token_issue(*, actor, holder, name: str, days: int) -> tuple[ApiToken, str]:
    """A new key for `holder`; returns the row and the key in clear, which is never stored nor shown again."""
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Name: say what the token is for.")]
    elif len(name) > 100:
        errors["name"] = [_("Name: at most 100 characters.")]
    if not isinstance(days, int) or not 1 <= days <= max_days():
        errors["days"] = [_("Valid for: between 1 and %(max)d days.") % {"max": max_days()}]
    if not may_issue_for(actor, holder):
        logger.warning("token refused: %s asked for a key of %s", actor.get_username(), holder.get_username())
        raise PermissionDenied(_("You may issue tokens only for yourself, or for a partner-agency account whose "
                                 "permissions you hold."))
    if errors:
        raise ValidationError(errors)
    token, key = ApiToken.objects.create(user=holder, expiry=timedelta(days=days), name=name, issued_by=actor)
    logger.info("token issued: %s for %s (%s…)", actor.get_username(), holder.get_username(), token.token_key)
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.user_id != actor.pk and not may_issue_for(actor, token.user) and not actor.is_superuser:
        raise PermissionDenied(_("You may revoke only your own tokens or those you may issue."))
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        logger.info("token revoked: %s revoked %s…", actor.get_username(), token.token_key)
    return token


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`: knox's digest check, skipping revoked and expired keys, recording last use."""

    def authenticate_credentials(self, token):
        msg = _("Invalid token.")
        try:
            token = token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(msg) from None
        if not token or len(token) > 200:
            raise exceptions.AuthenticationFailed(msg)
        try:
            digest = hash_token(token)
        except (TypeError, ValueError, binascii.Error):
            raise exceptions.AuthenticationFailed(msg) from None
        now = timezone.now()
        key = token[:CONSTANTS.TOKEN_KEY_LENGTH]
        generation, kept = principal.recall(f"token:{key}")
        if kept is not None and compare_digest(digest, kept.digest) and kept.expiry > now \
                and kept.revoked_at is None and kept.user.is_active:
            self._note_use(kept, now, generation)
            return kept.user, kept
        candidates = ApiToken.objects.filter(token_key=key, revoked_at__isnull=True,
                                             expiry__gt=now).select_related("user")
        for auth_token in candidates:
            if compare_digest(digest, auth_token.digest):
                user, auth = self.validate_user(auth_token)
                auth_token.user = principal.attach(user)
                self._note_use(auth_token, now, generation)
                return auth_token.user, auth_token
        raise exceptions.AuthenticationFailed(msg)

    @staticmethod
    def _note_use(auth_token, now, generation):
        """Record the key's last use (to the minute), and keep the key with its user and principal for the next
        request: one cache round trip instead of a query (redcross.principal.recall)."""
        if auth_token.last_used_at is None or now - auth_token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=auth_token.pk).update(last_used_at=now)
            auth_token.last_used_at = now
        elif getattr(auth_token, "_kept", False):
            return  # kept already, and nothing changed
        principal.keep(f"token:{auth_token.token_key}", _keepable(auth_token), generation)


KEPT_TOKEN_FIELDS = ("digest", "token_key", "expiry", "revoked_at", "last_used_at", "user_id")


def _keepable(auth_token):
    """The key's row and its user as the cache keeps them: the columns authentication reads and the principal
    (permissions and scope prefix); the rest of each row is deferred (read on access), the user's password hash
    included, so that it never sits in Redis."""
    user = auth_token.user
    names = [field.attname for field in user._meta.concrete_fields if field.attname != "password"]
    kept_user = type(user).from_db(user._state.db, names, [getattr(user, name) for name in names])
    for name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_scope_prefix"):
        if name in user.__dict__:
            kept_user.__dict__[name] = user.__dict__[name]
    names = [field.attname for field in ApiToken._meta.concrete_fields if field.attname in KEPT_TOKEN_FIELDS]
    kept = ApiToken.from_db(auth_token._state.db, names, [getattr(auth_token, name) for name in names])
    kept.user = kept_user
    kept._kept = True
    return kept


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI description of the key: the same `tokenAuth` header scheme as before."""

    target_class = "redcross.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": 'Token-based authentication with required prefix "Token"'}
