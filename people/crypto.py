"""Encryption and keyed hashing of personal data (PIPL Art 51).

Values are encrypted with AES-256-GCM (cryptography's `AESGCM`): a random 96-bit nonce per value, and the
token names its key, so decrypting never tries keys in turn. The configured keys are 32 random bytes each,
URL-safe base64 (the Fernet key format the platform has always generated); the AES key is derived from each
with HKDF-SHA256, so one setting keeps serving both kinds of token. Several keys may be configured,
comma-separated: the first encrypts, every key decrypts, so a key can be rotated without downtime.

Tokens written before this format (Fernet: AES-128-CBC + HMAC-SHA256) still decrypt with the same keys.
Fernet costs about 11 µs a value in Python objects around its two primitives; `AESGCM.encrypt` is one call
of about 1.5 µs, which is what an import of 100,000 people (two values a row) spends instead of two seconds.

A token is URL-safe base64 of: version byte 0x91 | key id (4 bytes) | nonce (12) | ciphertext and GCM tag;
the version byte and key id are authenticated as associated data. Look-ups and de-duplication go through an
HMAC-SHA256 with a separate key, so the database never holds a plain number.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

GCM_VERSION = b"\x91"
FERNET_VERSION = 0x80
KEY_ID_BYTES = 4
NONCE_BYTES = 12


class _Keys:
    """The configured keys, derived once: the one that encrypts, each key by its id, and the Fernet fallback."""

    def __init__(self, keys: tuple):
        self.by_id = {}
        for key in keys:
            raw = base64.urlsafe_b64decode(key.encode())
            aes_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                           info=b"redcross personal data AES-256-GCM").derive(raw)
            key_id = hashlib.sha256(b"redcross key id:" + aes_key).digest()[:KEY_ID_BYTES]
            self.by_id.setdefault(key_id, AESGCM(aes_key))  # a later key never replaces an earlier one's id
        first_id = next(iter(self.by_id))
        self.header = GCM_VERSION + first_id
        self.encrypting = self.by_id[first_id]
        self.fernet = MultiFernet([Fernet(key.encode()) for key in keys])


@lru_cache(maxsize=4)
def _keys(keys: tuple) -> _Keys:
    return _Keys(keys)


def encrypt(value: str) -> str:
    if not value:
        return ""
    keys = _keys(tuple(settings.FIELD_ENCRYPTION_KEYS))
    nonce = os.urandom(NONCE_BYTES)
    sealed = keys.encrypting.encrypt(nonce, value.encode(), keys.header)
    return base64.urlsafe_b64encode(keys.header + nonce + sealed).decode()


def decrypt(token: str) -> str:
    """The clear value of a token from `encrypt` (or a Fernet token of an earlier version); InvalidToken if no
    configured key opens it or it was altered."""
    if not token:
        return ""
    keys = _keys(tuple(settings.FIELD_ENCRYPTION_KEYS))
    try:
        data = base64.urlsafe_b64decode(token.encode())
    except ValueError:
        raise InvalidToken from None
    if data[:1] == GCM_VERSION:
        header, nonce = data[:1 + KEY_ID_BYTES], data[1 + KEY_ID_BYTES:1 + KEY_ID_BYTES + NONCE_BYTES]
        cipher = keys.by_id.get(header[1:])
        if cipher is None:
            raise InvalidToken
        try:
            return cipher.decrypt(nonce, data[len(header) + NONCE_BYTES:], header).decode()
        except (InvalidTag, ValueError):  # altered, or cut short (a nonce of the wrong length)
            raise InvalidToken from None
    if data[:1] == bytes([FERNET_VERSION]):
        return keys.fernet.decrypt(token.encode()).decode()
    raise InvalidToken


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
