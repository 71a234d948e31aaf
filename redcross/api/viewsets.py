"""Base viewsets: every API view gets scope, N+1 prevention and history context here."""

import hashlib
import json
from functools import cache

import pghistory
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from redcross.api.errors import error_response
from redcross.api.rows import columns_of, render_rows, row_plan
from redcross.models import IdempotencyRecord
from redcross.scoping import scope_queryset


@cache
def related_paths(serializer_class, model):
    """The relations a serializer reads through, to fetch them in the same query."""
    paths = set()
    serializer = serializer_class()
    for field in serializer.fields.values():
        if field.write_only or field.source == "*":
            continue
        parts = field.source.split(".")
        needs_object = isinstance(
            field, (serializers.BaseSerializer, serializers.SlugRelatedField, serializers.StringRelatedField)
        )
        current, path = model, []
        for index, part in enumerate(parts):
            try:
                model_field = current._meta.get_field(part)
            except Exception:
                break
            is_last = index == len(parts) - 1
            if not (model_field.many_to_one or model_field.one_to_one) or (is_last and not needs_object):
                break
            path.append(part)
            current = model_field.related_model
        if path:
            paths.add("__".join(path))
    return tuple(sorted(paths))


class ScopedViewSetMixin:
    """Narrows every queryset to the caller's region subtree (404 outside it)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        paths = related_paths(self.get_serializer_class(), queryset.model)
        if paths:
            queryset = queryset.select_related(*paths)
        return scope_queryset(queryset, self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.is_authenticated:
            # Token-authenticated calls are known only now, after the middleware.
            pghistory.context(user=request.user.pk, url=request.path)


class RowListMixin(mixins.ListModelMixin):
    """The list action, read as value rows when the serializer allows it (redcross/api/rows.py)."""

    read_rows = True  # tests turn it off to compare both paths

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        plan = row_plan(self, queryset.model) if self.read_rows and hasattr(self.paginator, "get_ordering") else None
        if plan is None:
            return self._list_instances(queryset)
        ordering = self.paginator.get_ordering(request, queryset, self)
        columns = columns_of(plan) | {field.lstrip("-") for field in ordering}
        page = self.paginate_queryset(queryset.values(*columns))
        return self.get_paginated_response(render_rows(plan, page, self.get_serializer))

    def _list_instances(self, queryset):
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(queryset, many=True).data)


class IdempotentCreateMixin:
    """Honours `Idempotency-Key` on create: a retry or a concurrent duplicate gets the first answer.

    The record is inserted in the same transaction as the work; a concurrent
    request with the same key blocks on the unique index until the first
    commits, then replays its answer. A failed create leaves no record, so the
    client may retry with the same key.
    """

    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return super().create(request, *args, **kwargs)
        if len(key) > 255:
            return error_response("invalid", _("Idempotency-Key: at most 255 characters."),
                                  {"Idempotency-Key": [_("At most 255 characters.")]})
        digest = hashlib.sha256(json.dumps(request.data, sort_keys=True, default=str).encode()).hexdigest()
        user = request.user if request.user.is_authenticated else None
        lookup = {"user": user, "scope": request.path, "key": key}
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(request_hash=digest, **lookup)
            except IntegrityError:
                record = IdempotencyRecord.objects.get(**lookup)
                if record.request_hash != digest:
                    return error_response(
                        "idempotency_key_reused",
                        _("This Idempotency-Key was already used with a different request."),
                        status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
                    )
                return Response(record.response_body, status=record.status_code,
                                headers={"Idempotent-Replayed": "true"})
            response = super().create(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                record.status_code = response.status_code
                record.response_body = json.loads(json.dumps(response.data, default=str))
                record.save(update_fields=["status_code", "response_body"])
            else:
                transaction.set_rollback(True)
            return response


class ScopedReadOnlyViewSet(ScopedViewSetMixin, RowListMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedViewSetMixin, RowListMixin, viewsets.ModelViewSet):
    """Writes go through the app's services, called from perform_create/perform_update."""


class ScopedCreateListRetrieveUpdateViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    RowListMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    pass
