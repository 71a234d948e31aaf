from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions


class StaffModelPermissions(DjangoModelPermissions):
    """Model permissions from the user's role, reading included (`view_*`)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
