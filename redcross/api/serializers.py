import copy

from django.utils import translation
from rest_framework import serializers

from redcross.scoping import scope_queryset

# (serializer class, language) → the fields DRF's ModelSerializer builds for it, never handed out themselves.
_BUILT: dict = {}


def model_fields(serializer):
    """A fresh copy of the fields `ModelSerializer.get_fields` gives `serializer`, built once per class and language.

    DRF builds them from the model on every instantiation (0.4–0.7 ms for a person or a gift: the model's metadata,
    every column's keyword arguments). What it builds depends only on the class, its Meta and the active language
    (a column's label is passed only when its verbose name, translated, differs from the one made of its name),
    never on the instance or the context; a copy (Field.__deepcopy__ makes each field again from its arguments)
    gives the same fields for about a third of that. A class building its fields otherwise overrides `get_fields`.
    """
    key = (type(serializer), translation.get_language())
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = serializers.ModelSerializer.get_fields(serializer)
    return copy.deepcopy(built)


# A ModelSerializer whose fields are built from the model once per class (model_fields): every model serializer of
# the API is one (tests/platform/test_api_serializers.py). No docstring: drf-spectacular would describe every
# serializer without its own with it.
class ModelFieldsOnceSerializer(serializers.ModelSerializer):
    def get_fields(self):
        return model_fields(self)


class ScopedModelSerializer(ModelFieldsOnceSerializer):
    """Related choices offered to a writer are narrowed to the writer's scope."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None:
            return fields
        for field in fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "scope_region_lookup"):
                field.queryset = scope_queryset(queryset, request.user)
        return fields
