"""people.crypto: AES-256-GCM tokens that name their key, rotation, and the Fernet tokens written before."""

import base64
import secrets

import pytest
from cryptography.fernet import Fernet, InvalidToken

from people import crypto


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def keys(settings):
    first, second = new_key(), new_key()
    settings.FIELD_ENCRYPTION_KEYS = [first]
    return settings, first, second


def test_a_value_comes_back_and_is_never_stored_in_clear(keys):
    number = "51010419900307123X"
    token = crypto.encrypt(number)
    assert number not in token and "1990" not in token
    assert base64.urlsafe_b64decode(token)[:1] == crypto.GCM_VERSION
    assert crypto.decrypt(token) == number
    assert crypto.decrypt(crypto.encrypt("成都市锦江区春熙路1号")) == "成都市锦江区春熙路1号"
    assert crypto.encrypt("") == "" and crypto.decrypt("") == ""


def test_the_same_value_encrypts_differently_each_time(keys):
    """A fresh nonce per value: equal numbers cannot be matched by their tokens (the keyed hash does that)."""
    tokens = {crypto.encrypt("13812345678") for _ in range(50)}
    assert len(tokens) == 50


def test_an_altered_token_is_refused(keys):
    data = bytearray(base64.urlsafe_b64decode(crypto.encrypt("13812345678")))
    for position in (1, 6, len(data) - 20, len(data) - 1):  # key id, nonce, ciphertext, tag
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(InvalidToken):
            crypto.decrypt(base64.urlsafe_b64encode(bytes(changed)).decode())
    with pytest.raises(InvalidToken):
        crypto.decrypt("not a token")


def test_a_token_cut_short_is_refused_as_altered(keys):
    data = base64.urlsafe_b64decode(crypto.encrypt("13812345678"))
    for length in (1, 5, 9, 17, len(data) - 1):  # version, key id, part of the nonce, nonce only, no full tag
        with pytest.raises(InvalidToken):
            crypto.decrypt(base64.urlsafe_b64encode(data[:length]).decode())


def test_keys_rotate_without_downtime(keys):
    """The first key encrypts, every configured key decrypts; a key taken out no longer opens its tokens."""
    settings, first, second = keys
    old = crypto.encrypt("13812345678")
    settings.FIELD_ENCRYPTION_KEYS = [second, first]
    new = crypto.encrypt("13987654321")
    assert crypto.decrypt(old) == "13812345678" and crypto.decrypt(new) == "13987654321"
    settings.FIELD_ENCRYPTION_KEYS = [second]
    assert crypto.decrypt(new) == "13987654321"
    with pytest.raises(InvalidToken):
        crypto.decrypt(old)
    settings.FIELD_ENCRYPTION_KEYS = [first]
    with pytest.raises(InvalidToken):
        crypto.decrypt(new)


def test_fernet_tokens_written_before_still_decrypt_with_any_configured_key(keys):
    settings, first, second = keys
    stored = Fernet(first.encode()).encrypt(b"51010419900307123X").decode()
    assert crypto.decrypt(stored) == "51010419900307123X"
    settings.FIELD_ENCRYPTION_KEYS = [second, first]
    assert crypto.decrypt(stored) == "51010419900307123X"
    settings.FIELD_ENCRYPTION_KEYS = [second]
    with pytest.raises(InvalidToken):
        crypto.decrypt(stored)


def test_a_person_saved_through_the_registry_reads_back(platform_data, keys):
    from organizations.models import Region
    from people.services import person_create

    region = Region.objects.filter(code__startswith="510104", level="community").order_by("code").first()
    person = person_create(full_name="加密测试", document_type="resident_id",
                           document_number="11010519491231002X", mobile="13812345678", region=region)
    person.refresh_from_db()
    assert crypto.decrypt(person.document_number_encrypted) == "11010519491231002X"
    assert crypto.mobile_of(person) == "13812345678"
    assert person.document_number_hash == crypto.document_hash("11010519491231002X")
