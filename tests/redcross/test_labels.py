"""Labels instead of codes: every portal page, walked from the URLconf with sample data, shows staff model,
field and choice labels and local times, never `app.Model`, a raw choice value or an ISO timestamp."""

import html
import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.platform.discovery import project_apps
from tests.platform.discovery import samples as discovered_samples
from tests.platform.test_scope import walk

pytestmark = pytest.mark.django_db

ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
HIDDEN = re.compile(r"<(script|style|textarea|select)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def visible_text(content: bytes) -> str:
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", content.decode())))


def raw_model_label():
    labels = [config.label for config in project_apps()]
    return re.compile(rf"\b({'|'.join(labels)})\.[A-Za-z_]+\b")


def raw_choice_values():
    """Choice values a person should never read: lower-case codes longer than three letters, and event kinds."""
    values = {"insert", "update", "delete"}
    for config in project_apps():
        for model in config.get_models():
            for field in model._meta.get_fields():
                for value, label in getattr(field, "flatchoices", None) or ():
                    if isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]{3,}", value) and str(label) != value:
                        values.add(value)
    return re.compile(rf"(?<![\w/.-])({'|'.join(sorted(values, key=len, reverse=True))})(?![\w/.-])")


def portal_urls(samples):
    urls = []
    for name, pattern in walk():
        if not name.split(":")[0] or "portal" not in reverse_prefix(name, pattern, samples):
            continue
        url = reverse_prefix(name, pattern, samples)
        if url:
            urls.append(url)
    return sorted(set(urls))


def reverse_prefix(name, pattern, samples):
    keys = list(pattern.pattern.regex.groupindex)
    if not keys:
        try:
            return reverse(name)
        except NoReverseMatch:
            return ""
    if keys != ["pk"]:
        return ""
    view = getattr(pattern.callback, "view_class", None)
    model = getattr(view, "model", None)
    if model is None or model not in samples:
        return ""
    try:
        return reverse(name, kwargs={"pk": samples[model].pk})
    except NoReverseMatch:
        return ""


def test_no_portal_page_shows_codes_instead_of_labels(personas, client):
    made = {model: make(personas) for model, make in discovered_samples().items()}
    urls = [url for url in portal_urls(made) if url.startswith("/portal/") and "logout" not in url]
    assert len(urls) > 20
    client.force_login(personas["city_admin"])
    model_label, choice_value = raw_model_label(), raw_choice_values()
    problems = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content)
        for pattern, what in ((model_label, "model label"), (choice_value, "choice value"),
                              (ISO_TIMESTAMP, "ISO timestamp")):
            found = pattern.search(text)
            if found:
                start = max(0, found.start() - 40)
                problems.append(f"{url}: {what} {found.group(0)!r} in …{text[start:found.end() + 40]!r}")
    assert not problems, "\n".join(problems)
