"""Strict reading of settings from the environment.

A value that cannot be parsed is an error at start-up, never a silent default:
`DJANGO_DEBUG=ture` stops the process instead of turning debug off.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_MISSING = object()

# Every variable the settings read, so a test can compare docker-compose.yml with them.
READ_VARIABLES = set()
REQUIRED_VARIABLES = set()


def env_str(name, default=_MISSING):
    READ_VARIABLES.add(name)
    if default is _MISSING:
        REQUIRED_VARIABLES.add(name)
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name, default=_MISSING):
    READ_VARIABLES.add(name)
    if default is _MISSING:
        REQUIRED_VARIABLES.add(name)
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true/false, 1/0, yes/no, on/off).")


def env_int(name, default=_MISSING):
    READ_VARIABLES.add(name)
    if default is _MISSING:
        REQUIRED_VARIABLES.add(name)
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def env_list(name, default=()):
    READ_VARIABLES.add(name)
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
