"""Online payment providers: WeChat Pay (API v3, native QR) and Alipay (trade precreate QR).

Each provider is an adapter with two jobs: ask the provider for a QR code that
pays one pledge (its reference code is the order number), and read the
provider's payment notification after checking its signature (RSA with SHA-256,
as both providers sign). Both are off unless configured by environment
variables (`settings.PAYMENTS`); the HTTP call goes through `transport`, which
tests replace.
"""

import base64
import json
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils import timezone

WECHAT_MAX_AGE = 300  # seconds a notification's timestamp may be away from now


class NotificationRejected(Exception):
    """The notification is not genuine or not readable: answered with an error, changes nothing."""


class PaymentUnavailable(Exception):
    """The provider could not create an order (network, configuration, refused)."""


@dataclass(frozen=True)
class PaidNotice:
    provider: str
    out_trade_no: str
    transaction_id: str
    amount: Decimal
    paid: bool


def transport(url: str, body: bytes, headers: dict) -> bytes:
    """POST to the provider; replaced in tests."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - fixed https provider URL
            return response.read()
    except OSError as exc:
        raise PaymentUnavailable(str(exc)) from exc


def _read_key(value: str):
    """A PEM key given as a file path (the usual way) or as the PEM text itself."""
    if not value:
        raise PaymentUnavailable("key not configured")
    text = value if value.lstrip().startswith("-----BEGIN") else Path(value).read_text()
    data = text.encode()
    if "PRIVATE KEY" in text:
        return serialization.load_pem_private_key(data, password=None)
    if "CERTIFICATE" in text:
        from cryptography import x509

        return x509.load_pem_x509_certificate(data).public_key()
    return serialization.load_pem_public_key(data)


def rsa_sign(private_key, message: bytes) -> str:
    return base64.b64encode(private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(public_key, message: bytes, signature: str) -> bool:
    try:
        public_key.verify(base64.b64decode(signature), message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _yuan(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise NotificationRejected("amount") from None
    if not amount.is_finite():
        raise NotificationRejected("amount")
    return amount.quantize(Decimal("0.01"))


class Provider:
    name = ""

    def __init__(self, config: dict):
        self.config = config

    @property
    def enabled(self) -> bool:
        return bool(self.config.get("enabled"))

    def create_qr(self, *, out_trade_no: str, amount: Decimal, description: str) -> str:
        raise NotImplementedError

    def parse_notification(self, headers, body: bytes) -> PaidNotice:
        raise NotImplementedError

    def answer(self, ok: bool):
        """(status, content type, body) the provider expects in reply."""
        raise NotImplementedError


class WeChatPay(Provider):
    """WeChat Pay API v3: requests signed with the merchant key, notifications signed by the platform key."""

    name = "wechat"

    def authorization(self, method: str, path: str, body: str, *, timestamp=None, nonce=None) -> str:
        timestamp = str(timestamp or int(time.time()))
        nonce = nonce or secrets.token_hex(16)
        message = f"{method}\n{path}\n{timestamp}\n{nonce}\n{body}\n".encode()
        signature = rsa_sign(_read_key(self.config["private_key_file"]), message)
        return (f'WECHATPAY2-SHA256-RSA2048 mchid="{self.config["mchid"]}",nonce_str="{nonce}",'
                f'signature="{signature}",timestamp="{timestamp}",serial_no="{self.config["serial_no"]}"')

    def create_qr(self, *, out_trade_no, amount, description):
        path = "/v3/pay/transactions/native"
        body = json.dumps({
            "appid": self.config["appid"], "mchid": self.config["mchid"], "description": description[:127],
            "out_trade_no": out_trade_no, "notify_url": self.config["notify_url"],
            "amount": {"total": int(amount * 100), "currency": "CNY"},
        }, ensure_ascii=False)
        reply = transport(self.config["api_base"].rstrip("/") + path, body.encode(), {
            "Authorization": self.authorization("POST", path, body), "Content-Type": "application/json",
            "Accept": "application/json"})
        try:
            return json.loads(reply)["code_url"]
        except (ValueError, KeyError, TypeError):
            raise PaymentUnavailable("no code_url in the reply") from None

    def parse_notification(self, headers, body):
        timestamp = headers.get("Wechatpay-Timestamp", "")
        nonce = headers.get("Wechatpay-Nonce", "")
        signature = headers.get("Wechatpay-Signature", "")
        if not (timestamp.isdigit() and nonce and signature):
            raise NotificationRejected("signature headers missing")
        if abs(time.time() - int(timestamp)) > WECHAT_MAX_AGE:
            raise NotificationRejected("timestamp too old")
        try:
            text = body.decode()
        except UnicodeDecodeError:
            raise NotificationRejected("body is not UTF-8") from None
        message = f"{timestamp}\n{nonce}\n{text}\n".encode()
        if not rsa_verify(_read_key(self.config["platform_public_key_file"]), message, signature):
            raise NotificationRejected("bad signature")
        try:
            resource = json.loads(text)["resource"]
            plain = AESGCM(self.config["api_v3_key"].encode()).decrypt(
                resource["nonce"].encode(), base64.b64decode(resource["ciphertext"]),
                (resource.get("associated_data") or "").encode())
            data = json.loads(plain)
            return PaidNotice(provider=self.name, out_trade_no=str(data["out_trade_no"]),
                              transaction_id=str(data["transaction_id"]),
                              amount=_yuan(Decimal(int(data["amount"]["total"])) / 100),
                              paid=data.get("trade_state") == "SUCCESS")
        except NotificationRejected:
            raise
        except Exception:  # noqa: BLE001 - any malformed resource is a rejected notification
            raise NotificationRejected("unreadable resource") from None

    def answer(self, ok):
        if ok:
            return 200, "application/json", json.dumps({"code": "SUCCESS", "message": "OK"})
        return 400, "application/json", json.dumps({"code": "FAIL", "message": "rejected"})


def alipay_sign_content(params: dict) -> str:
    return "&".join(f"{key}={params[key]}" for key in sorted(params)
                    if key not in ("sign", "sign_type") and params[key] not in ("", None))


class Alipay(Provider):
    """Alipay open platform: RSA2 signatures over the sorted parameters, both ways."""

    name = "alipay"

    def signed_params(self, method: str, biz: dict) -> dict:
        params = {
            "app_id": self.config["app_id"], "method": method, "format": "JSON", "charset": "utf-8",
            "sign_type": "RSA2", "version": "1.0", "notify_url": self.config["notify_url"],
            "timestamp": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
            "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
        }
        params["sign"] = rsa_sign(_read_key(self.config["private_key_file"]), alipay_sign_content(params).encode())
        return params

    def create_qr(self, *, out_trade_no, amount, description):
        params = self.signed_params("alipay.trade.precreate", {
            "out_trade_no": out_trade_no, "total_amount": f"{amount:.2f}", "subject": description[:128]})
        reply = transport(self.config["gateway"], urllib.parse.urlencode(params).encode(),
                          {"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"})
        try:
            answer = json.loads(reply)["alipay_trade_precreate_response"]
            if answer.get("code") != "10000":
                raise PaymentUnavailable(answer.get("sub_msg") or answer.get("msg") or "refused")
            return answer["qr_code"]
        except (ValueError, KeyError, TypeError):
            raise PaymentUnavailable("no qr_code in the reply") from None

    def parse_notification(self, headers, body):
        try:
            params = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError):
            raise NotificationRejected("unreadable body") from None
        signature = params.get("sign", "")
        if params.get("sign_type", "RSA2") != "RSA2" or not signature:
            raise NotificationRejected("unsigned")
        if not rsa_verify(_read_key(self.config["alipay_public_key_file"]), alipay_sign_content(params).encode(),
                          signature):
            raise NotificationRejected("bad signature")
        if params.get("app_id") != self.config["app_id"]:
            raise NotificationRejected("another application")
        if not params.get("out_trade_no") or not params.get("trade_no"):
            raise NotificationRejected("order fields missing")
        return PaidNotice(provider=self.name, out_trade_no=params["out_trade_no"], transaction_id=params["trade_no"],
                          amount=_yuan(params.get("total_amount")),
                          paid=params.get("trade_status") in ("TRADE_SUCCESS", "TRADE_FINISHED"))

    def answer(self, ok):
        return (200 if ok else 400), "text/plain", "success" if ok else "failure"


PROVIDERS = {"wechat": WeChatPay, "alipay": Alipay}


def get_provider(name: str) -> Provider | None:
    """The configured provider of that name, or None when unknown or disabled."""
    cls = PROVIDERS.get(name)
    if cls is None:
        return None
    provider = cls(settings.PAYMENTS.get(name, {}))
    return provider if provider.enabled else None


def enabled_providers() -> list[str]:
    return [name for name in PROVIDERS if get_provider(name) is not None]
