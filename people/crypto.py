"""Encryption and keyed hashing of personal data (PIPL Art 51).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256). Several keys may
be configured, comma-separated: the first encrypts, every key decrypts, so a
key can be rotated without downtime. Look-ups and de-duplication go through an
HMAC-SHA256 with a separate key, so the database never holds a plain number.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


@lru_cache(maxsize=4)
def _hmac(key: str):
    """The keyed HMAC state before any message: each digest continues a copy of it (an import hashes 200,000)."""
    return hmac.new(key.encode(), digestmod=hashlib.sha256)


def keyed_hash(kind: str, value: str) -> str:
    """A stable, keyed digest for finding a value without storing it in clear."""
    if not value:
        return ""
    digest = _hmac(settings.PERSONAL_DATA_HASH_KEY).copy()
    digest.update(f"{kind}:{value}".encode())
    return digest.hexdigest()


DOCUMENT_HASH_KIND = "document"
MOBILE_HASH_KIND = "mobile"  # one digest per number across the platform: donors, persons and pledges alike


def document_hash(number: str) -> str:
    """The look-up digest of a cleaned document number (people registry)."""
    return keyed_hash(DOCUMENT_HASH_KIND, number)


def mobile_hash(mobile: str) -> str:
    """The look-up digest of a cleaned mobile number, the same in every app."""
    return keyed_hash(MOBILE_HASH_KIND, mobile)


def mobile_of(person) -> str:
    """The person's own mobile in clear, to send them a message (redcross.delivery's SMS channel); '' if none."""
    return decrypt(person.mobile_encrypted)
