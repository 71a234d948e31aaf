#!/usr/bin/env python
import os
import sys
from pathlib import Path


def _embedded_defaults():
    """On a developer's machine, supply what `make run` generated under .data/ (never in production)."""
    data = Path(__file__).resolve().parent / ".data"
    secrets = data / "secrets.env"
    if not secrets.exists() or os.environ.get("DATABASE_URL"):
        return  # servers given explicitly: the environment is complete, or meant to fail loudly
    for line in secrets.read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key, value)
    os.environ.setdefault("DATABASE_URL", f"postgresql://postgres:@/redcross?host={data / 'pg'}")
    os.environ.setdefault("REDIS_URL", f"unix://{data / 'redis' / 'redis.sock'}?db=0")


def main():
    _embedded_defaults()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
