"""The URLconf walked: every named route with its namespaced name (the API's front door lists from it)."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_routes(patterns=None, namespace=""):
    """(namespaced name, pattern) for every named route, as `reverse()` takes the name."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from named_routes(entry.url_patterns,
                                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry
