"""Names that cannot collide: every API route is in its app's `<app>-api` namespace, every public page in
`<app>-public`. Walked from the URLconf, so a new app is checked without an edit here."""

from django.urls import URLPattern, URLResolver, get_resolver


def routes(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def view_module(pattern):
    callback = pattern.callback
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    return (cls or callback).__module__


def test_api_routes_and_public_pages_are_namespaced_by_app():
    wrong = []
    for namespace, pattern in routes():
        module = view_module(pattern)
        app, _dot, rest = module.partition(".")
        if rest.startswith("api."):
            expected = f"{app}-api"
        elif rest == "public":
            expected = f"{app}-public"
        else:
            continue
        if namespace != expected:
            wrong.append(f"{pattern.pattern} ({module}): namespace {namespace!r}, expected {expected!r}")
    assert not wrong, "\n".join(wrong)
