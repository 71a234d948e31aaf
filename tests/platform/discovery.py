"""What the platform-wide walks know of the apps: found through the app registry, never listed by hand.

Each project app may have `tests/<app label>/samples.py` exporting

- `SAMPLES`: `{Model: make(personas) -> one 锦江区 instance}` for every model its API or portal shows;
- `many(personas)`: optional, enough rows for more than a page of five of every list it owns.

Adding an app adds its samples module; nothing under tests/platform/ changes.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == base]


def samples_modules():
    modules = []
    for config in project_apps():
        try:
            modules.append(importlib.import_module(f"tests.{config.label}.samples"))
        except ModuleNotFoundError as error:
            if error.name not in (f"tests.{config.label}", f"tests.{config.label}.samples"):
                raise
    return modules


def samples():
    found = {}
    for module in samples_modules():
        found.update(getattr(module, "SAMPLES", {}))
    return found


def many_rows(personas):
    for module in samples_modules():
        many = getattr(module, "many", None)
        if many is not None:
            many(personas)
