from rest_framework.pagination import CursorPagination


class StandardCursorPagination(CursorPagination):
    """Cursor pagination: constant time at any depth of a million-row list."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"
