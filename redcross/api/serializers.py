from rest_framework import serializers

from redcross.scoping import scope_queryset


class ScopedModelSerializer(serializers.ModelSerializer):
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
