"""The API's model serializers build their fields from the model once per class (redcross/api/serializers.py)."""

import pytest
from django.utils import translation
from rest_framework import serializers
from rest_framework.request import Request

from redcross.api.serializers import ModelFieldsOnceSerializer, model_fields
from tests.platform.test_scope import api_endpoints

pytestmark = pytest.mark.django_db


def _subclasses(base):
    found, pending = set(), [base]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_api_model_serializer_builds_once_and_gets_what_drf_would_build_in_its_own_copy():
    api_endpoints()  # every app's API loaded, so every serializer class is defined
    plain = [cls for cls in _subclasses(serializers.ModelSerializer)
             if not issubclass(cls, ModelFieldsOnceSerializer) and ".api" in cls.__module__]
    assert not plain, f"model serializers building their fields on every instantiation: {plain}"
    classes = [cls for cls in _subclasses(ModelFieldsOnceSerializer) if hasattr(cls, "Meta")]
    assert len(classes) > 80
    # DRF passes a column's label only when its translated verbose name differs from the one its name makes: what
    # it builds depends on the language, so each language gets its own (Chinese first, then English, then again).
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            for serializer_class in classes:
                built = serializers.ModelSerializer.get_fields(serializer_class())  # DRF's own, from the model
                first, second = model_fields(serializer_class()), model_fields(serializer_class())
                assert list(first) == list(built), serializer_class
                assert {name: _described(field) for name, field in first.items()} == \
                    {name: _described(field) for name, field in built.items()}, (language, serializer_class)
                for name, field in first.items():
                    assert field is not second[name], (serializer_class, name)


def _described(field):
    """A field's class, arguments (labels as the active language renders them) and, for a list of related ids,
    its item's."""
    child = getattr(field, "child_relation", None)
    return repr(field), (None if field.label is None else str(field.label)), field.read_only, field.required, \
        field.source, None if child is None else (None if child.label is None else str(child.label))


def test_a_writers_narrowed_choices_never_reach_the_next_writer(personas, rf):
    """The district staffer's serializer offers only the funds of their district; the city administrator's next one
    offers every fund (the copy narrowed for the first is not the one kept)."""
    from donations.api.serializers import DonationSerializer
    from tests.donations.samples import fund

    own, other = fund(personas), fund(personas, org="qingyang")

    def offered(persona):
        request = Request(rf.get("/api/v1/donations/donations/"))
        request.user = personas[persona]
        field = DonationSerializer(context={"request": request}).fields["fund"]
        return set(field.get_queryset().values_list("pk", flat=True))

    assert own.pk in offered("jinjiang") and other.pk not in offered("jinjiang")
    assert {own.pk, other.pk} <= offered("city_admin")
    assert other.pk not in offered("jinjiang")
