"""Settings for the Chengdu Smart Red Cross Platform.

Everything comes from the environment (see docker-compose.yml for the names);
the embedded default (`make run`, `make test`) only supplies values. Parsing
is strict: a malformed value stops the process.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import pghistory
from celery.schedules import crontab
from csp.constants import NONCE

from redcross.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# `make run`: a local demo with the branded error pages of production (DEBUG off) but plain HTTP on localhost.
DEMO = env_bool("DJANGO_DEMO", False)
LOCAL = DEBUG or DEMO
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    # Django's own deploy check asks for this much; a short key signs sessions and receipts weakly.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters with at least 5 different ones.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if LOCAL else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "redcross",
    "organizations",
    "people",
    "volunteers",
    "donations",
    "training",
    "sanxian",
    "members",
    "followups",
    "redcross.plan",
    "governance",
    "emergency",
    "outreach",
]

MIDDLEWARE = [
    # First: forwarded headers count only from TRUSTED_PROXIES (rate limits, lockouts and HTTPS detection).
    "redcross.security.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "redcross.security.NulByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "redcross.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "redcross.middleware.HistoryMiddleware",  # pghistory's, skipping POSTs that only read
    # A lookup past its limit inside a page (redcross.ratelimits.LookupLimited) answers the 429 page.
    "redcross.ratelimits.LookupLimitMiddleware",
    # Last (django-axes): answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# History tables (pghistory): a copied foreign key is a plain column, not indexed. Nothing reads the history by a
# copied key (it is read by pgh_obj, an object's own events, and pgh_context, a request's), and every write of a
# tracked row paid one index entry per key: a volunteer's event row held six indexes and a person's five, each now
# three. pgh_obj and pgh_context are named below because they would take the foreign-key default otherwise.
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(db_index=True)
PGHISTORY_CONTEXT_FIELD = pghistory.ContextForeignKey(db_index=True)

ROOT_URLCONF = "redcross.urls"
WSGI_APPLICATION = "redcross.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "redcross.portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Redis down: reads miss and writes are dropped (redcross/cache.py); rate limits count in memory meanwhile.
_REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
CACHES = {
    "default": {
        "BACKEND": "redcross.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "redcross",
        "OPTIONS": _REDIS_OPTIONS,
    },
    "ratelimit": {
        "BACKEND": "redcross.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "redcross-rl",
        "OPTIONS": {**_REDIS_OPTIONS, "fallback": "memory"},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"


def _celery_url(url):
    # kombu spells a Unix-socket Redis "redis+socket://"; redis-py spells it "unix://".
    if url.startswith("unix://"):
        return "redis+socket://" + url[len("unix://"):]
    return url


CELERY_BROKER_URL = _celery_url(REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# An unacknowledged task (its worker died) is delivered again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    # Sweep for such tasks this often (one cheap Redis range query each time).
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "redcross.tasks.heartbeat", "schedule": 15.0},
    # Running figures (fund balances, the ledger by month, volunteers' hours, coverage) against a recomputation.
    "totals-check-nightly": {"task": "redcross.tasks.totals_check", "schedule": crontab(hour=2, minute=30)},
    "coverage-recompute": {
        "task": "organizations.tasks.coverage_recompute",
        "schedule": 600.0,
    },
    # Reminders are sent once each (redcross.notifications): running them hourly only catches up sooner.
    "volunteer-activity-tomorrow": {"task": "volunteers.tasks.remind_activity_tomorrow", "schedule": 3600.0},
    "volunteer-insurance-expiring": {"task": "volunteers.tasks.remind_insurance_expiring", "schedule": 3600.0},
    "volunteer-inactive": {"task": "volunteers.tasks.remind_inactive", "schedule": 6 * 3600.0},
    "volunteer-registration-due": {"task": "volunteers.tasks.offer_registration", "schedule": 6 * 3600.0},
    # Disclosures are published once per period (a unique key): running hourly only catches up sooner.
    "donation-disclosures": {"task": "donations.tasks.publish_due_disclosures", "schedule": 3600.0},
    "training-certificates-expiring": {"task": "training.tasks.remind_certificates_expiring", "schedule": 6 * 3600.0},
    "training-targets-recompute": {"task": "training.tasks.targets_recompute", "schedule": 3600.0},
    # Reminders go once each and a lapsed member stays lapsed: running it often only catches up sooner.
    "members-dues-check": {"task": "members.tasks.dues_check", "schedule": 6 * 3600.0},
    # Follow-up visits: each task is idempotent (plans fill once, escalation once per issue, reminders once a
    # week per visitor, one monthly draft per society), so running them more often only catches up sooner.
    "followups-plans-generate": {"task": "followups.tasks.plans_generate", "schedule": 24 * 3600.0,
                                 "kwargs": {"period": "quarter"}},
    "followups-reminders": {"task": "followups.tasks.reminders_send", "schedule": 6 * 3600.0},
    "followups-escalate": {"task": "followups.tasks.issues_escalate", "schedule": 3600.0},
    "followups-bulletin-drafts": {"task": "followups.tasks.bulletins_draft", "schedule": 24 * 3600.0},
    "followups-rates-recompute": {"task": "followups.tasks.rates_recompute", "schedule": 6 * 3600.0},
    # The plan board: today's figures every hour (replaced), yesterday's closed just after midnight (written once).
    "plan-snapshots": {"task": "plan.tasks.snapshots_take", "schedule": crontab(minute=20)},
    "plan-snapshots-close": {"task": "plan.tasks.snapshots_close_yesterday", "schedule": crontab(hour=0, minute=5)},
    # Queued notifications go out through their channels; each run claims rows no other worker holds.
    "notifications-deliver": {"task": "redcross.tasks.notifications_deliver", "schedule": 60.0},
    # Uploads waiting for an "import the good rows" decision past IMPORT_DECISION_HOURS are deleted.
    "imports-expire": {"task": "redcross.tasks.imports_expire", "schedule": 3600.0},
    "digests-daily": {"task": "redcross.tasks.digests_send", "schedule": crontab(hour=7, minute=30),
                      "kwargs": {"frequency": "daily"}},
    "digests-weekly": {"task": "redcross.tasks.digests_send", "schedule": crontab(hour=7, minute=45, day_of_week=1),
                       "kwargs": {"frequency": "weekly"}},
    # Readiness is recomputed when its inputs change; nightly catches certificates and insurance passing their date.
    "emergency-readiness-nightly": {"task": "emergency.tasks.readiness_recompute", "schedule": 24 * 3600.0},
    "emergency-stock-reminders": {"task": "emergency.tasks.stock_reminders", "schedule": 6 * 3600.0},
    # Institutions by type, centres by zone, squares, compacts; and the centres' and AEDs' certificate counts.
    "coverage-figures-recompute": {"task": "organizations.tasks.coverage_figures_recompute", "schedule": 3600.0},
    "grassroots-inspections-due": {"task": "organizations.tasks.remind_inspections_due", "schedule": 6 * 3600.0},
}
# Delivery of the outbox (redcross.delivery). E-mail goes through Django's mail backend and is off
# unless enabled; SMS goes through the adapter SMS_BACKEND names (empty: off, rows stay in the outbox).
NOTIFY_EMAIL_ENABLED = env_bool("NOTIFY_EMAIL_ENABLED", False)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@redcross.chengdu.example")
DELIVERY_MAIL_DOMAIN = env_str("DELIVERY_MAIL_DOMAIN", "redcross.chengdu.example")
SMS_BACKEND = env_str("SMS_BACKEND", "")  # e.g. redcross.delivery.HttpSmsGateway
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_SENDER = env_str("SMS_SENDER", "成都红十字")
DELIVERY_CLAIM_TIMEOUT = env_int("DELIVERY_CLAIM_TIMEOUT", 300)
DELIVERY_MAX_ATTEMPTS = env_int("DELIVERY_MAX_ATTEMPTS", 6)
DELIVERY_RETRY_BASE_SECONDS = env_int("DELIVERY_RETRY_BASE_SECONDS", 60)

WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes: per-user and per-address lockout of failed logins, recorded in PostgreSQL.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "redcross.security.client_ip"
AXES_VERBOSE = True
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = LOCAL
# Source maps are fetched only by a developer's browser tools: served as they are, not compressed again by each
# collectstatic (they are most of the API documentation bundles' 28 MB; compressing them was half of the 35 s
# every `make test` and deploy spent in collectstatic).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf", "flv", "woff", "woff2",
    "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg", "webm", "wmv", "map",
)

# --- security (production passes `manage.py check --deploy` cleanly) -----------
# Forwarded headers (X-Forwarded-For/-Proto) are believed only from these addresses or networks: the reverse
# proxy of docker-compose.yml. From anyone else redcross.security.TrustedProxyMiddleware drops them.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", [])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not LOCAL)
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if LOCAL else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL
SECURE_HSTS_PRELOAD = not LOCAL
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 8 * 3600
SILENCED_SYSTEM_CHECKS = []

# Content-Security-Policy (django-csp): scripts only from here or with the page's nonce; styles from here (the
# bars' widths are style attributes, hence 'unsafe-inline' for styles only); nothing framed, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- personal data (PIPL) ------------------------------------------------------
# 32-byte URL-safe base64 keys (Fernet's format), comma-separated: the first encrypts, all decrypt (rotation).
FIELD_ENCRYPTION_KEYS = [key.strip() for key in env_str("FIELD_ENCRYPTION_KEY").split(",") if key.strip()]
PERSONAL_DATA_HASH_KEY = env_str("PERSONAL_DATA_HASH_KEY")

# --- API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "redcross.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["redcross.api.permissions.StaffModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "redcross.api.filtering.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "redcross.api.pagination.StandardCursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "redcross.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"public": env_str("PUBLIC_API_THROTTLE", "120/min"),
                               "lookup": env_str("LOOKUP_API_THROTTLE", "10/min")},
    # REMOTE_ADDR is the client (TrustedProxyMiddleware): never read X-Forwarded-For again here.
    "NUM_PROXIES": 0,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chengdu Smart Red Cross Platform API",
    "DESCRIPTION": "成都智慧红十字会平台 REST API for district branch systems and partner agencies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "ENUM_NAME_OVERRIDES": {
        "SkillEnum": "volunteers.choices.Skill",
        **{f"{name}Enum": f"donations.choices.{name}" for name in (
            "DonorKind", "FundKind", "FundStatus", "DonationKind", "DonationStatus", "DisbursementStatus",
            "DisclosureKind")},
        "InstructorTierEnum": "training.choices.InstructorTier",
        "VolunteerTierEnum": "volunteers.choices.Tier",
        "DonationChannelEnum": "donations.choices.Channel",
        "EnrolmentChannelEnum": "training.choices.EnrolmentChannel",
        "PledgeKindEnum": "sanxian.choices.PledgeKind",
        "CareKindEnum": "sanxian.choices.CareKind",
        "StemCellEventKindEnum": "sanxian.choices.StemCellEventKind",
        "ContributionKindEnum": "members.choices.ContributionKind",
        "MemberKindEnum": "members.choices.MemberKind",
        "IssueCategoryEnum": "followups.choices.IssueCategory",
        "CategoryEnum": "donations.choices.AidCategory",
        **{f"{name}Enum": f"emergency.choices.{name}" for name in (
            "TeamLevel", "ResponseLevel", "IncidentStatus", "DeploymentStatus", "StockRequestStatus", "AidStatus")},
        **{f"{name}Enum": f"organizations.choices.{name}" for name in (
            "CentreHostKind", "CentreStatus", "InstitutionKind", "PartnerSiteKind", "AedStatus")},
        **{f"{name}Enum": f"outreach.choices.{name}" for name in (
            "PlaceKind", "StoryKind", "StoryStatus", "ConsentGiver", "CampaignKind", "CareCategory", "CareKind")},
    },
}

# API tokens (django-rest-knox, our model with name, expiry, last use, revocation: redcross.tokens).
KNOX_TOKEN_MODEL = "redcross.ApiToken"
# knox's own migrations would create its unused default table (their early steps predate the swappable model).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"TOKEN_TTL": timedelta(days=90), "AUTH_HEADER_PREFIX": "Token"}
API_TOKEN_MAX_DAYS = 365

# Public lookups and verifications: attempts per address (django-ratelimit, redcross/ratelimits.py).
PUBLIC_LOOKUP_RATE = env_str("PUBLIC_LOOKUP_RATE", "10/m")
# Staff's exact search of the registry by ID number or mobile (API, portal, exports): per user, every rate holds.
IDENTIFIER_SEARCH_RATES = tuple(env_str("IDENTIFIER_SEARCH_RATES", "20/m,300/h").split(","))

# Imports: at most this many rows, and an .xlsx that unpacks to at most this much (zip bombs are refused).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_MB", 300) * 1024 * 1024
# A file with bad rows waits this long for "import the good rows" or "cancel"; then it is deleted (beat, hourly).
IMPORT_DECISION_HOURS = env_int("IMPORT_DECISION_HOURS", 24)

# --- domain settings (DOMAIN.md: conventions are settings, not constants) -------
REDCROSS = {
    "CITY_REGION_CODE": "510100000000",
    # The plan board takes today's snapshot after these tasks succeed on a worker (task names: no app import).
    # Kinds of message (prefixes) a person may opt out of; everything else is essential.
    "NON_ESSENTIAL_NOTIFICATIONS": ("volunteer.inactive", "volunteer.star_reached", "training.feedback_invite",
                                    "digest."),
    "NOTIFICATION_SUBJECT": "成都市红十字会",
    "PLAN_SNAPSHOT_AFTER": ("organizations.tasks.coverage_recompute", "training.tasks.targets_recompute"),
    # Star levels by cumulative confirmed hours (DOMAIN.md: conv, configurable).
    "VOLUNTEER_STAR_HOURS": [100, 300, 600, 1000, 1500],
    # A signed-up volunteer with this many confirmed hours in the last 365 days
    # may become a registered Red Cross volunteer.
    "VOLUNTEER_REGISTRATION_HOURS": 20,
    # "Active": at least this many hours a month on average over the window,
    # not counting the most recent months (late entries). IFRC anchor.
    "VOLUNTEER_ACTIVE_MONTHLY_HOURS": 8,
    "VOLUNTEER_ACTIVE_WINDOW_MONTHS": 12,
    "VOLUNTEER_ACTIVE_LAG_MONTHS": 3,
    "VOLUNTEER_ADULT_AGE": 18,
    # Red Cross project support cost: at most this share of a project's income (DOMAIN.md: conv).
    "MANAGEMENT_COST_CAP": "0.065",
    # Charity Law Art 72/79: emergencies every 5 days, long projects every 3 months, closing within 3 months.
    "DISCLOSURE_EMERGENCY_DAYS": 5,
    "DISCLOSURE_LONG_PROJECT_MONTHS": 6,
    # Which course kinds each instructor tier may teach (DOMAIN.md: a setting).
    "TRAINING_TIER_COURSES": {
        "ordinary": ["awareness", "first_aider", "aed"],
        "backbone": ["awareness", "first_aider", "aed", "psychological", "water_safety"],
        "expert": ["awareness", "first_aider", "aed", "psychological", "water_safety", "instructor"],
    },
    # Teaching hours an instructor of each tier is expected to give in a year.
    # Plan board target lines: active instructors of each tier the city should have by the plan's end.
    "TRAINING_INSTRUCTOR_TARGETS": {"ordinary": 1000, "backbone": 200, "expert": 40},
    "TRAINING_INSTRUCTOR_YEARLY_HOURS": {"ordinary": 24, "backbone": 48, "expert": 32},
    # Certificate holders are reminded this many days before expiry, once each.
    "TRAINING_CERTIFICATE_REMINDER_DAYS": [90, 30],
    # Relief-stock lots are reminded this many days before expiry, once each.
    "EMERGENCY_LOT_REMINDER_DAYS": [90, 30],
    # The cadre education programme: years and the hours each cadre should complete.
    "TRAINING_CADRE_PLAN": {"first_year": 2021, "last_year": 2023, "hours": 40},
    # Members: unpaid dues lapse this many days after they fall due (1 January, or the day of joining);
    # reminders go this many days before the grace period ends, once each (DOMAIN.md: check, local rules).
    "MEMBER_DUES_GRACE_DAYS": 90,
    "MEMBER_DUES_REMINDER_DAYS": [30, 7],
    # Ranking member units' contributions: each volunteer or trainee counts as this many yuan.
    "MEMBER_CONTRIBUTION_PERSON_VALUE": 200,
    # A disaster-prevention centre is accepted with at least this many staff holding a valid first-aid certificate.
    "CENTRE_MIN_TRAINED_STAFF": 2,
    # Centres and AEDs are inspected this often (days); reminders go out 14 days before.
    "GRASSROOTS_INSPECTION_DAYS": 90,
    # Plan board line for communities with a village compact (乡规民约): the plan sets no figure (DOMAIN.md), so a
    # local setting, not the plan's number.
    "CULTURE_COMPACT_TARGET_PERCENT": 50,
}

# Where donors transfer money (对公转账): shown on the thanks page and the pledge lookup.
DONATION_BANK_ACCOUNT = {
    "holder": env_str("DONATION_BANK_HOLDER", "成都市红十字会"),
    "bank": env_str("DONATION_BANK_NAME", "中国工商银行成都春熙支行"),
    "number": env_str("DONATION_BANK_ACCOUNT", "4402 2300 0910 0088 888"),
}

# Online payment (WeChat Pay native QR, Alipay precreate QR): off unless the keys are configured.
PAYMENTS = {
    "wechat": {
        "enabled": env_bool("WECHATPAY_ENABLED", False),
        "api_base": env_str("WECHATPAY_API_BASE", "https://api.mch.weixin.qq.com"),
        "mchid": env_str("WECHATPAY_MCHID", ""),
        "appid": env_str("WECHATPAY_APPID", ""),
        "serial_no": env_str("WECHATPAY_SERIAL_NO", ""),
        "private_key_file": env_str("WECHATPAY_PRIVATE_KEY_FILE", ""),
        "platform_public_key_file": env_str("WECHATPAY_PLATFORM_PUBLIC_KEY_FILE", ""),
        "api_v3_key": env_str("WECHATPAY_API_V3_KEY", ""),
        "notify_url": env_str("WECHATPAY_NOTIFY_URL", ""),
    },
    "alipay": {
        "enabled": env_bool("ALIPAY_ENABLED", False),
        "gateway": env_str("ALIPAY_GATEWAY", "https://openapi.alipay.com/gateway.do"),
        "app_id": env_str("ALIPAY_APP_ID", ""),
        "private_key_file": env_str("ALIPAY_PRIVATE_KEY_FILE", ""),
        "alipay_public_key_file": env_str("ALIPAY_PUBLIC_KEY_FILE", ""),
        "notify_url": env_str("ALIPAY_NOTIFY_URL", ""),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
