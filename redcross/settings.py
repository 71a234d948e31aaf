"""Settings for the Chengdu Smart Red Cross Platform.

Everything comes from the environment (see docker-compose.yml for the names);
the embedded default (`make run`, `make test`) only supplies values. Parsing
is strict: a malformed value stops the process.
"""

from pathlib import Path

import dj_database_url

from redcross.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# `make run`: a local demo with the branded error pages of production (DEBUG off) but plain HTTP on localhost.
DEMO = env_bool("DJANGO_DEMO", False)
LOCAL = DEBUG or DEMO
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
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
    "rest_framework.authtoken",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "redcross.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]

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
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "redcross",
    }
}


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
}
WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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

# --- security (production passes `manage.py check --deploy` cleanly) -----------
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

# --- personal data (PIPL) ------------------------------------------------------
# Fernet keys, comma-separated: the first encrypts, all decrypt (key rotation).
FIELD_ENCRYPTION_KEYS = [key.strip() for key in env_str("FIELD_ENCRYPTION_KEY").split(",") if key.strip()]
PERSONAL_DATA_HASH_KEY = env_str("PERSONAL_DATA_HASH_KEY")

# --- API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
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
    "DEFAULT_THROTTLE_RATES": {"public": env_str("PUBLIC_API_THROTTLE", "120/min")},
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
    },
}

# --- domain settings (DOMAIN.md: conventions are settings, not constants) -------
REDCROSS = {
    "CITY_REGION_CODE": "510100000000",
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
    "TRAINING_INSTRUCTOR_YEARLY_HOURS": {"ordinary": 24, "backbone": 48, "expert": 32},
    # Certificate holders are reminded this many days before expiry, once each.
    "TRAINING_CERTIFICATE_REMINDER_DAYS": [90, 30],
    # The cadre education programme: years and the hours each cadre should complete.
    "TRAINING_CADRE_PLAN": {"first_year": 2021, "last_year": 2023, "hours": 40},
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
