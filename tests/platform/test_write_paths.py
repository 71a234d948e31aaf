"""Generated write-path test: every POST, PUT, PATCH and DELETE route of the API goes through a named service.

Walked from the URLconf, so a new app's routes are covered without an edit here. A route passes when

- a viewset's create/update/destroy is declared in `write_services` (`redcross.api.viewsets.ServiceWriteMixin`)
  and the viewset does not override `perform_create`/`perform_update`/`perform_destroy`;
- an `@action` is built by `service_action(service, ...)`;
- a function view is declared with `writes_through(service)` or `posts_without_writing(reason)`;
- or the viewset is plain CRUD (`plain_crud = "reason"`): the short allow-list printed below.

Serializers only validate and shape: none of a writing viewset's serializers defines `create` or `update`.
"""

from rest_framework.views import APIView

from redcross.api.viewsets import ServiceWriteMixin
from tests.platform.test_scope import walk

WRITE_METHODS = ("post", "put", "patch", "delete")
CRUD = {"create": "create", "update": "update", "partial_update": "update", "destroy": "destroy"}
PERFORM = {"create": "perform_create", "update": "perform_update", "destroy": "perform_destroy"}
SHORT = 6  # plain CRUD stays the exception


def write_routes():
    """(route name, view class, HTTP method, action name or None) for every writing API route, once each."""
    seen = set()
    for name, pattern in walk():
        callback = pattern.callback
        cls = getattr(callback, "cls", None)
        if cls is None or not issubclass(cls, APIView):
            continue
        actions = getattr(callback, "actions", None)
        if actions is not None:
            for method, action in actions.items():
                if method in WRITE_METHODS and method in cls.http_method_names and (cls, action) not in seen:
                    seen.add((cls, action))
                    yield name, cls, method, action
        else:
            for method in WRITE_METHODS:
                if method in cls.http_method_names and hasattr(cls, method) and (cls, method) not in seen:
                    seen.add((cls, method))
                    yield name, cls, method, None


def serializer_writes(cls, action):
    view = cls()
    view.action, view.request, view.format_kwarg, view.kwargs = action, None, None, {}
    serializer = view.get_serializer_class()
    for klass in serializer.__mro__:
        if klass.__module__.startswith("rest_framework"):
            break
        for method in ("create", "update"):
            if method in vars(klass):
                yield f"{klass.__name__}.{method}"


def problems():
    found = []
    for name, cls, method, action in write_routes():
        where = f"{method.upper()} {name} ({cls.__module__}.{cls.__name__}"
        if action is None:  # a function view
            if not (getattr(cls, "write_service", None) or getattr(cls, "reads_only", None)):
                found.append(f"{where}): declare writes_through(service) or posts_without_writing(reason)")
            continue
        where += f".{action})"
        if action in CRUD:
            kind = CRUD[action]
            if not issubclass(cls, ServiceWriteMixin):
                found.append(f"{where}: the viewset does not use ServiceWriteMixin")
                continue
            if cls.plain_crud:
                continue
            if kind not in cls.write_services:
                found.append(f"{where}: no service in write_services[{kind!r}] and not plain_crud")
            if getattr(cls, PERFORM[kind]) is not getattr(ServiceWriteMixin, PERFORM[kind]):
                found.append(f"{where}: {PERFORM[kind]} is overridden; let the base call the service")
            found.extend(f"{where}: {w} writes in the serializer" for w in serializer_writes(cls, action))
        elif getattr(getattr(cls, action), "write_service", None) is None:
            found.append(f"{where}: build the @action with service_action(service, ...)")
    return found


def test_there_are_write_routes_to_check():
    routes = list(write_routes())
    apps = {cls.__module__.split(".")[0] for _name, cls, _method, _action in routes}
    assert len(routes) > 30 and {"people", "volunteers", "donations", "training", "organizations"} <= apps, routes


def test_every_api_write_goes_through_a_named_service():
    assert not problems(), "\n" + "\n".join(problems())


def test_plain_crud_is_a_short_list_with_a_reason_each():
    plain = {cls: cls.plain_crud for _name, cls, _method, action in write_routes()
             if action in CRUD and issubclass(cls, ServiceWriteMixin) and cls.plain_crud is not None}
    print("\nplain CRUD allow-list:\n" + "\n".join(f"  {cls.__module__}.{cls.__name__}: {reason}"
                                                   for cls, reason in plain.items()))
    assert all(isinstance(reason, str) and len(reason) > 20 for reason in plain.values()), plain
    assert len(plain) <= SHORT, f"plain CRUD is the exception, not the rule: {sorted(map(str, plain))}"

