from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions


class StaffModelPermissions(DjangoModelPermissions):
    """Model permissions from the user's role, reading included (`view_*`)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def _queryset(self, view):
        # Only the model is needed: the class's queryset names it without building the scoped one per request.
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
