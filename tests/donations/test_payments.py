"""Donors can pay: the account and a short code after the pledge, a bank statement matched by code and amount,
the donor's lookup by code and mobile, and WeChat Pay / Alipay notifications verified and handled once."""

import base64
import json
import threading
import time
import urllib.parse
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import connection

from donations import payments, services
from donations.choices import FundKind
from donations.models import Donation, PaymentNotification, StatementLine
from donations.statements import CODE_ALPHABET
from redcross.testing import xlsx_upload
from tests.donations import samples

pytestmark = pytest.mark.django_db


def _pledge(personas, amount="200.00", mobile="13812345678", name="王小明", fund=None):
    fund = fund or samples.fund(personas, kind=FundKind.GENERAL)
    return services.donation_pledge(key=samples.pledge_key(), fund=fund, amount=amount, name=name, mobile=mobile)


def _statement(*lines):
    """A statement as ICBC's online banking exports it: title lines, then the header, debits beside credits."""
    rows = ["账号：4402230009100088888,户名：成都市红十字会,,,,,,",
            "起止日期：2026-11-01 至 2026-11-30,,,,,,,",
            "交易日期,交易流水号,摘要,对方户名,对方账号,借方发生额(支取),贷方发生额(收入),余额"]
    for n, (day, payer, memo, amount) in enumerate(lines, start=1):
        rows.append(f"{day},SN2026{n:06d},{memo},{payer},6222020200112233{n:03d},,{amount},100000.00")
    rows.append("2026-11-20,SN2026999999,手续费,,,12.00,,99988.00")
    return "\n".join(rows).encode("gb18030")


def test_a_pledge_gets_a_short_code_without_look_alikes(personas):
    codes = {_pledge(personas, mobile=f"1381234{n:04d}").reference_code for n in range(20)}
    assert len(codes) == 20
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set("".join(codes))


def test_the_thanks_page_shows_the_bank_account_amount_and_code(personas, client, settings):
    pledge = _pledge(personas, amount="1234")
    page = client.get(f"/donate/thanks/{pledge.pledge_key}/").content.decode()
    assert pledge.reference_code in page
    assert settings.DONATION_BANK_ACCOUNT["number"] in page and settings.DONATION_BANK_ACCOUNT["bank"] in page
    assert "¥1,234.00" in page
    assert 'id="pay-wechat"' not in page and 'id="pay-alipay"' not in page  # off unless configured


def test_the_donate_form_shows_every_error_on_the_first_submit(personas, client):
    samples.fund(personas, kind=FundKind.GENERAL)
    response = client.post("/donate/", {"key": "k-errors", "amount": "abc", "name": "<script>", "mobile": "123",
                                        "donor_kind": "individual", "publish_name": "on", "is_anonymous": ""})
    errors = response.context["form"].errors
    assert {"amount", "name", "mobile", "fund"} - {"fund"} <= set(errors)
    assert not Donation.objects.exists()


def test_anonymous_and_publish_my_name_exclude_each_other(personas, client):
    general = samples.fund(personas, kind=FundKind.GENERAL)
    response = client.post("/donate/", {"key": "k-both", "fund": general.pk, "amount": "50", "name": "王小明",
                                        "mobile": "13812345678", "donor_kind": "individual", "publish_name": "on",
                                        "is_anonymous": "on"})
    assert "publish_name" in response.context["form"].errors
    assert not Donation.objects.exists()


def test_the_donate_form_defaults_to_the_undesignated_fund(personas, client):
    samples.fund(personas)
    general = samples.fund(personas, kind=FundKind.GENERAL)
    assert client.get("/donate/").context["form"].initial["fund"] == general.pk


def test_the_pledge_lookup_needs_the_code_and_the_mobile(personas, client):
    pledge = _pledge(personas)
    wrong = client.post("/donate/pledge/", {"reference_code": pledge.reference_code, "mobile": "13800000000"})
    assert "pledge-result" not in wrong.content.decode()
    right = client.post("/donate/pledge/", {"reference_code": pledge.reference_code.lower(), "mobile": "13812345678"})
    page = right.content.decode()
    assert "pledge-result" in page and 'id="bank-account"' in page


def test_a_bank_statement_matches_pledges_by_code_and_amount(personas, client):
    first = _pledge(personas, amount="200.00")
    second = _pledge(personas, amount="88.50", mobile="13812340000")
    third = _pledge(personas, amount="300.00", mobile="13812340001")
    content = _statement(("2026-11-03", "王小明", f"捐款 {first.reference_code}", "200.00"),
                         ("2026-11-04", "李四", f"{second.reference_code.lower()}", "88.50"),
                         ("2026-11-05", "张三", f"红会捐款{third.reference_code}", "30.00"),  # wrong amount
                         ("2026-11-06", "某公司", "捐赠", "1,000.00"))
    statement = services.bank_statement_import(actor=personas["finance"], file_name="icbc.csv", content=content)
    lines = {line.payer_name: line for line in statement.lines.all()}
    assert len(lines) == 4  # the debit (fee) is not a credit
    assert lines["王小明"].status == "matched" and lines["王小明"].donation == first
    assert lines["李四"].status == "matched" and lines["李四"].donation == second
    assert lines["张三"].status == "unmatched" and lines["某公司"].status == "unmatched"
    assert lines["王小明"].payer_account.startswith("****")

    assert services.statement_confirm_matched(statement=statement, actor=personas["finance"]) == 2
    first.refresh_from_db()
    assert first.status == "confirmed" and first.receipt_number and str(first.received_on) == "2026-11-03"

    # The same file again adds nothing.
    again = services.bank_statement_import(actor=personas["finance"], file_name="icbc.csv", content=content)
    assert again.line_count == 0 and again.skipped_count == 4
    # By hand: the donor tells finance the code; a wrong amount is refused.
    with pytest.raises(Exception, match="¥300.00"):
        services.statement_line_match(line=lines["张三"], actor=personas["finance"],
                                      reference_code=third.reference_code)
    services.statement_line_ignore(line=lines["某公司"], actor=personas["finance"])
    assert StatementLine.objects.get(pk=lines["某公司"].pk).status == "ignored"


def test_finance_imports_an_excel_statement_in_the_portal(personas, client):
    import io

    pledge = _pledge(personas, amount="66.00")
    buffer = io.BytesIO(xlsx_upload(["中国建设银行 账户明细"], [
        ["记账日期", "交易金额", "收入金额", "对方户名", "附言", "交易流水号"],
        ["2026-11-08", "", 66, "王小明", f"{pledge.reference_code}", "CCB001"],
    ]))
    buffer.name = "ccb.xlsx"
    client.force_login(personas["finance"])
    response = client.post("/portal/donations/reconciliation/", {"file": buffer}, follow=True)
    page = response.content.decode()
    assert pledge.reference_code in page and "¥66.00" in page
    line = StatementLine.objects.get()
    client.post(f"/portal/donations/reconciliation/lines/{line.pk}/confirm/")
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and pledge.bank_reference == "CCB001"


def test_finance_matches_sets_aside_and_confirms_statement_lines_in_the_portal(personas, client):
    """The statement page's buttons: match by hand (a wrong code named), set aside, confirm every matched line."""
    known = _pledge(personas, amount="200.00")
    by_hand = _pledge(personas, amount="50.00", mobile="13812340002")
    content = _statement(("2026-11-03", "王小明", f"捐款 {known.reference_code}", "200.00"),
                         ("2026-11-04", "李四", "捐款", "50.00"),
                         ("2026-11-05", "银行", "利息", "3.20"))
    statement = services.bank_statement_import(actor=personas["finance"], file_name="icbc.csv", content=content)
    lines = {line.payer_name: line for line in statement.lines.all()}
    client.force_login(personas["finance"])
    base = "/portal/donations/reconciliation"

    page = client.post(f"{base}/lines/{lines['李四'].pk}/match/", {"reference_code": "ZZZZZZZZ"},
                       follow=True).content.decode()
    assert "没有使用该编码的认捐" in page
    client.post(f"{base}/lines/{lines['李四'].pk}/match/", {"reference_code": by_hand.reference_code})
    client.post(f"{base}/lines/{lines['银行'].pk}/ignore/")
    response = client.post(f"{base}/statements/{statement.pk}/confirm/", follow=True)
    assert response.redirect_chain[-1][0] == statement.get_absolute_url()
    assert "已确认 2 笔捐赠" in response.content.decode()
    statuses = dict(StatementLine.objects.filter(statement=statement).values_list("payer_name", "status"))
    assert statuses == {"王小明": "confirmed", "李四": "confirmed", "银行": "ignored"}
    assert client.post(f"{base}/lines/{lines['银行'].pk}/nonsense/").status_code == 404


def test_a_district_staffer_cannot_import_statements(personas, client):
    client.force_login(personas["jinjiang"])
    assert client.post("/portal/donations/reconciliation/", {}).status_code == 403


# --- online payment ------------------------------------------------------------------------------------------

def _pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _pem_public(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.fixture
def keys():
    return {name: rsa.generate_private_key(public_exponent=65537, key_size=2048)
            for name in ("merchant", "wechat_platform", "alipay")}


API_V3_KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def wechat(settings, keys):
    settings.PAYMENTS = {**settings.PAYMENTS, "wechat": {
        "enabled": True, "api_base": "https://api.mch.weixin.qq.com", "mchid": "1900000001", "appid": "wx123",
        "serial_no": "SERIAL1", "private_key_file": _pem_private(keys["merchant"]),
        "platform_public_key_file": _pem_public(keys["wechat_platform"]), "api_v3_key": API_V3_KEY,
        "notify_url": "https://example.org/donate/notify/wechat/"}}
    return keys["wechat_platform"]


@pytest.fixture
def alipay(settings, keys):
    settings.PAYMENTS = {**settings.PAYMENTS, "alipay": {
        "enabled": True, "gateway": "https://openapi.alipay.com/gateway.do", "app_id": "2021000000000001",
        "private_key_file": _pem_private(keys["merchant"]), "alipay_public_key_file": _pem_public(keys["alipay"]),
        "notify_url": "https://example.org/donate/notify/alipay/"}}
    return keys["alipay"]


def wechat_notification(platform_key, pledge, transaction_id="4200001234", total=None, timestamp=None):
    resource = json.dumps({"out_trade_no": pledge.reference_code, "transaction_id": transaction_id,
                           "trade_state": "SUCCESS", "amount": {"total": total or int(pledge.amount * 100)}})
    nonce = "abcdefghijkl"
    ciphertext = AESGCM(API_V3_KEY.encode()).encrypt(nonce.encode(), resource.encode(), b"transaction")
    body = json.dumps({"id": "EV-1", "event_type": "TRANSACTION.SUCCESS", "resource_type": "encrypt-resource",
                       "resource": {"algorithm": "AEAD_AES_256_GCM", "nonce": nonce, "associated_data": "transaction",
                                    "ciphertext": base64.b64encode(ciphertext).decode()}})
    timestamp = str(timestamp or int(time.time()))
    signature = payments.rsa_sign(platform_key, f"{timestamp}\n{nonce}-h\n{body}\n".encode())
    headers = {"HTTP_WECHATPAY_TIMESTAMP": timestamp, "HTTP_WECHATPAY_NONCE": f"{nonce}-h",
               "HTTP_WECHATPAY_SIGNATURE": signature, "HTTP_WECHATPAY_SERIAL": "PLATFORM1"}
    return body, headers


def test_a_wechat_notification_delivered_three_times_confirms_once(personas, client, wechat):
    pledge = _pledge(personas, amount="100.00")
    body, headers = wechat_notification(wechat, pledge)
    answers = [client.post("/donate/notify/wechat/", body, content_type="application/json", **headers)
               for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert json.loads(answers[0].content)["code"] == "SUCCESS"
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and pledge.confirmed_via == "gateway" and pledge.receipt_number
    assert Donation.objects.filter(status="confirmed").count() == 1
    record = PaymentNotification.objects.get()
    assert record.deliveries == 3 and record.outcome == "confirmed"
    assert pledge.fund.__class__.objects.get(pk=pledge.fund_id).received == Decimal("100.00")


def test_a_forged_or_stale_wechat_notification_changes_nothing(personas, client, wechat, keys):
    pledge = _pledge(personas)
    body, headers = wechat_notification(keys["merchant"], pledge)  # signed with the wrong key
    assert client.post("/donate/notify/wechat/", body, content_type="application/json", **headers).status_code == 400
    body, headers = wechat_notification(wechat, pledge, timestamp=int(time.time()) - 3600)
    assert client.post("/donate/notify/wechat/", body, content_type="application/json", **headers).status_code == 400
    body, headers = wechat_notification(wechat, pledge)
    tampered = body.replace('"EV-1"', '"EV-2"')
    assert client.post("/donate/notify/wechat/", tampered, content_type="application/json",
                       **headers).status_code == 400
    pledge.refresh_from_db()
    assert pledge.status == "pledged" and not PaymentNotification.objects.exists()


def test_a_wechat_notification_with_another_amount_does_not_confirm(personas, client, wechat):
    pledge = _pledge(personas, amount="100.00")
    body, headers = wechat_notification(wechat, pledge, total=1)
    assert client.post("/donate/notify/wechat/", body, content_type="application/json", **headers).status_code == 200
    pledge.refresh_from_db()
    assert pledge.status == "pledged"
    assert PaymentNotification.objects.get().outcome == "amount differs"


def test_the_wechat_qr_is_requested_with_a_signed_order(personas, client, wechat, keys, monkeypatch):
    pledge = _pledge(personas, amount="50.00")
    sent = {}

    def fake_transport(url, body, headers):
        sent.update(url=url, body=json.loads(body), headers=headers)
        return json.dumps({"code_url": "weixin://wxpay/bizpayurl?pr=abc"}).encode()

    monkeypatch.setattr(payments, "transport", fake_transport)
    page = client.get(f"/donate/thanks/{pledge.pledge_key}/").content.decode()
    assert 'id="pay-wechat"' in page
    response = client.get(f"/donate/pay/{pledge.pledge_key}/wechat/")
    assert response.status_code == 200 and "<svg" in response.content.decode()
    assert sent["body"]["out_trade_no"] == pledge.reference_code and sent["body"]["amount"]["total"] == 5000
    auth = sent["headers"]["Authorization"]
    fields = {key: value.strip('"') for key, value in
              (part.split("=", 1) for part in auth.split(" ", 1)[1].split(","))}
    body = json.dumps(sent["body"], ensure_ascii=False)
    message = f"POST\n/v3/pay/transactions/native\n{fields['timestamp']}\n{fields['nonce_str']}\n{body}\n"
    assert payments.rsa_verify(keys["merchant"].public_key(), message.encode(), fields["signature"])


def alipay_notification(alipay_key, pledge, trade_no="2026113022001", status="TRADE_SUCCESS"):
    params = {"app_id": "2021000000000001", "out_trade_no": pledge.reference_code, "trade_no": trade_no,
              "trade_status": status, "total_amount": f"{pledge.amount:.2f}", "notify_id": "n1",
              "notify_time": "2026-11-30 10:00:00", "charset": "utf-8", "version": "1.0", "sign_type": "RSA2"}
    params["sign"] = payments.rsa_sign(alipay_key, payments.alipay_sign_content(params).encode())
    return urllib.parse.urlencode(params)


def test_an_alipay_notification_is_verified_and_confirms_once(personas, client, alipay):
    pledge = _pledge(personas, amount="20.00")
    body = alipay_notification(alipay, pledge)
    for _ in range(3):
        response = client.post("/donate/notify/alipay/", body, content_type="application/x-www-form-urlencoded")
        assert response.content == b"success"
    pledge.refresh_from_db()
    assert pledge.status == "confirmed" and PaymentNotification.objects.get().deliveries == 3
    forged = body.replace("TRADE_SUCCESS", "TRADE_FINISHED")
    assert client.post("/donate/notify/alipay/", forged,
                       content_type="application/x-www-form-urlencoded").content == b"failure"


def test_payment_doors_are_closed_when_not_configured(personas, client):
    pledge = _pledge(personas)
    assert client.post("/donate/notify/wechat/", "{}", content_type="application/json").status_code == 404
    assert client.get(f"/donate/pay/{pledge.pledge_key}/alipay/").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_notification_confirm_once(personas, wechat):
    pledge = _pledge(personas, amount="100.00")
    body, headers = wechat_notification(wechat, pledge)
    plain = {"Wechatpay-Timestamp": headers["HTTP_WECHATPAY_TIMESTAMP"],
             "Wechatpay-Nonce": headers["HTTP_WECHATPAY_NONCE"],
             "Wechatpay-Signature": headers["HTTP_WECHATPAY_SIGNATURE"]}
    barrier = threading.Barrier(5)
    errors = []

    def deliver():
        try:
            barrier.wait()
            services.payment_notification_receive(provider_name="wechat", headers=plain, body=body.encode())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Donation.objects.filter(status="confirmed").count() == 1
    assert PaymentNotification.objects.get().deliveries == 5
