"""Base viewsets: every API view gets scope, N+1 prevention and history context here."""

import hashlib
import json
from functools import cache

import pghistory
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from redcross.api.errors import error_response
from redcross.api.rows import columns_of, fill_many, render_rows, row_plan
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
        rows = queryset.prefetch_related(None).values(*columns)  # many relations: fill_many, for the page
        page = fill_many(plan, queryset.model, self.paginate_queryset(rows))
        return self.get_paginated_response(render_rows(plan, page, self.get_serializer))

    def _list_instances(self, queryset):
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(queryset, many=True).data)


class RowRetrieveMixin(mixins.RetrieveModelMixin):
    """The detail read, as value rows like RowListMixin's list."""

    read_rows = True  # tests turn it off (on RowListMixin, first in every viewset's order) to compare both paths

    def retrieve(self, request, *args, **kwargs):
        # One value row, as `list` reads its page (same serializer fields, same JSON). No docstring: the API's
        # description of each detail read is its viewset's (drf-spectacular reads the method's first).
        plan = row_plan(self, self.get_queryset().model) if self.read_rows and self._row_retrievable() else None
        if plan is None:
            return super().retrieve(request, *args, **kwargs)
        lookup = self.lookup_url_kwarg or self.lookup_field
        rows = self.filter_queryset(self.get_queryset()).prefetch_related(None).values(*columns_of(plan))
        row = get_object_or_404(rows, **{self.lookup_field: self.kwargs[lookup]})
        return Response(render_rows(plan, fill_many(plan, rows.model, [row]), self.get_serializer)[0])

    def _row_retrievable(self):
        """Whether no permission looks at the object itself (those need the instance)."""
        return all(
            type(permission).has_object_permission is BasePermission.has_object_permission
            for permission in self.get_permissions())


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


class ServiceWriteMixin:
    """One door per write: create, update and delete call the app's named service with `actor=request.user`.

    A viewset declares `write_services = {"create": services.x_create, "update": services.x_update,
    "destroy": services.x_delete}` for the writes it allows; update and destroy pass the object under
    `service_object_name` (the model name unless set). Serializers only validate and shape. A plain record
    with no rule may instead set `plain_crud = "reason"`: the short allow-list that
    `tests/platform/test_write_paths.py` prints and checks, with every other write route.
    """

    write_services: dict = {}
    service_object_name: str | None = None
    plain_crud: str | None = None

    def write_service(self, name):
        service = self.write_services.get(name)
        if service is None and not self.plain_crud:
            raise ImproperlyConfigured(f"{type(self).__name__} writes ({name}) without a service")
        return service

    def _object_kwargs(self, instance):
        return {self.service_object_name or instance._meta.model_name: instance}

    def perform_create(self, serializer):
        service = self.write_service("create")
        if service is None:
            return super().perform_create(serializer)
        serializer.instance = service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        service = self.write_service("update")
        if service is None:
            return super().perform_update(serializer)
        serializer.instance = service(**self._object_kwargs(serializer.instance), actor=self.request.user,
                                      **serializer.validated_data)

    def perform_destroy(self, instance):
        service = self.write_service("destroy")
        if service is None:
            return super().perform_destroy(instance)
        service(**self._object_kwargs(instance), actor=self.request.user)


def service_action(service, *, body=None, answer=None, permission=None, arguments=None, status_code=200,
                   detail=True, methods=("post",), url_path=None):
    """An API action that calls one service: the one shape of every `@action` that writes.

    Decorates a stub whose name and docstring name the action. The object (`get_object()`, scoped: 404 outside)
    goes to the service under its model name, or as `arguments(obj, request)` returns; the validated `body` serializer's
    fields follow, then `actor=request.user`. The answer is the service's result (or the object when the
    service returns something else) through `answer`, the viewset's serializer by default.
    """

    def decorate(stub):
        def view(self, request, pk=None):
            if permission and not request.user.has_perm(permission):
                raise PermissionDenied(_("Your role does not allow this."))
            data = {}
            if body is not None:
                checked = body(data=request.data, context=self.get_serializer_context())
                checked.is_valid(raise_exception=True)
                data = dict(checked.validated_data)
            obj = self.get_object()
            kwargs = arguments(obj, request) if arguments else {obj._meta.model_name: obj}
            result = service(**kwargs, **data, actor=request.user)
            answer_class = answer or self.serializer_class
            model = getattr(getattr(answer_class, "Meta", None), "model", None)
            shown = result if model is None or isinstance(result, model) else obj
            return Response(answer_class(shown, context=self.get_serializer_context()).data, status=status_code)

        view.__name__, view.__qualname__, view.__doc__ = stub.__name__, stub.__qualname__, stub.__doc__
        view.__module__ = stub.__module__
        view.write_service = service
        view = action(detail=detail, methods=list(methods), url_path=url_path)(view)
        schema = {"request": body}
        if answer is not None:
            schema["responses"] = answer if status_code == 200 else {status_code: answer}
        return extend_schema(**schema)(view)

    return decorate


class ScopedReadOnlyViewSet(ScopedViewSetMixin, RowListMixin, RowRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedViewSetMixin, ServiceWriteMixin, RowListMixin, RowRetrieveMixin, viewsets.ModelViewSet):
    """Writes go through the app's services named in `write_services`."""


class ScopedCreateListRetrieveUpdateViewSet(
    ScopedViewSetMixin,
    ServiceWriteMixin,
    mixins.CreateModelMixin,
    RowListMixin,
    RowRetrieveMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    pass


def writes_through(service):
    """Declares the service a function-based API view (`@api_view`) writes through; put it above `@api_view`."""

    def declare(view):
        view.cls.write_service = service
        return view

    return declare


def posts_without_writing(reason):
    """Declares that a function-based POST view only reads (a lookup whose query is too private for a URL)."""

    def declare(view):
        view.cls.reads_only = reason
        return view

    return declare
