"""Settings for Usme Innova, read from environment variables.

With no variables set the project runs embedded: SQLite file, in-memory channel layer,
Celery tasks run eagerly and e-mail goes to the console. See README "Configuration".
"""

import os
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy

from innova.env import database_from_env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-embedded-default-key-change-me-in-production-0123456789"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    # Usme Innova, one app per domain. Listed before Django's and allauth's apps so that our translations
    # and templates take precedence over theirs.
    "innova.core",
    "innova.accounts",
    "innova.territory",
    "innova.notifications",
    "innova.comments",
    "innova.problems",
    "innova.fronts",
    "innova.brainstorms",
    "innova.proposals",
    "innova.debates",
    "innova.difficulties",
    "innova.opinions",
    "innova.surveys",
    "innova.agenda",
    "innova.courses",
    "innova.opendata",
    "innova.intake",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "channels",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "innova.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "innova.core.middleware.ChosenLanguageMiddleware",
    # Before CSRF, which reads the body: an oversized or malformed request gets a Spanish 413 / 400 page.
    "innova.core.middleware.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "innova.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "innova.accounts.middleware.PolicyConsentMiddleware",
    "innova.accounts.middleware.StaffMfaMiddleware",
    "axes.middleware.AxesMiddleware",
    "innova.core.middleware.RateLimitMiddleware",
    # Any site may read /api/v1/ (GET only); see innova/opendata/middleware.py.
    "innova.opendata.middleware.ReadOnlyCorsMiddleware",
]

ROOT_URLCONF = "innova.urls"
WSGI_APPLICATION = "innova.wsgi.application"
ASGI_APPLICATION = "innova.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "innova" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innova.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": database_from_env(sqlite_path=BASE_DIR / "db.sqlite3")}
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery -----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # An unreachable Redis is a cache miss, never an error page (innova/core/resilience.py).
            "BACKEND": "innova.core.resilience.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "innova"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py reads with a 5 s socket timeout, the same as channels_redis's blocking pop of 5 s: an idle
            # board consumer would die with "Timeout reading". Give its connections more room, and a pool large
            # enough for a room of participants leaving at once (each group_discard takes a connection).
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": 30,
                        "max_connections": env_int("CHANNELS_REDIS_MAX_CONNECTIONS", 1000),
                    }
                ],
                "prefix": os.environ.get("CHANNELS_PREFIX", "innova"),
            },
        }
    }
    # A signed-in request reads its session from Redis, not PostgreSQL (written through to both). Only with Redis:
    # a per-process local cache would keep a session another process has ended (a log-out elsewhere).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# How long an unused public page stays kept for visitors (innova/core/pagecache.py; a change renews it at once); 0: off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
# Embedded default: no broker, tasks run in-process when called.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not bool(REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# With the broker down, publishing gives up fast (core.resilience.task_enqueue then runs the task in-process).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "America/Bogota"
# Periodic work (Celery beat, Bogotá time).
CELERY_BEAT_SCHEDULE = {
    # agenda: reminders the day before an event.
    "agenda-reminders": {"task": "innova.agenda.tasks.agenda_reminders_send", "schedule": crontab(hour=9, minute=0)},
    # notifications: e-mail digests.
    "notifications-daily-digest": {
        "task": "innova.notifications.tasks.notification_digest_send",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "notifications-weekly-digest": {
        "task": "innova.notifications.tasks.notification_digest_send",
        "schedule": crontab(hour=7, minute=30, day_of_week="monday"),
        "args": ("weekly",),
    },
    # difficulties: owners hear of overdue reviews every morning.
    "difficulties-reviews-due": {
        "task": "innova.difficulties.tasks.difficulty_reviews_due",
        "schedule": crontab(hour=7, minute=15),
    },
    # opendata: the open-data files every night, the public report on the first of the month.
    "opendata-export-nightly": {
        "task": "innova.opendata.tasks.opendata_export_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
    "opendata-monthly-report": {
        "task": "innova.opendata.tasks.opendata_monthly_report",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
}

# --- Auth and accounts ----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Administrators use the Django admin without being superusers (docs/SECURITY.md).
    "innova.accounts.backends.AdminSiteBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
SITE_ID = 1
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_FORMS = {"signup": "innova.accounts.forms.SignupForm"}
ACCOUNT_LOGOUT_ON_GET = False
# A refused log-in or sign-up never writes the password back into the page.
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Usme Innova] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG and SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    # Per account, a ceiling across every address (distributed guessing); the lockout that stops one guesser is
    # django-axes's, per (account, address) pair, below, so the owner still gets in from elsewhere.
    "login_failed": "10/m/ip,30/h/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",  # a rate, not a password  # nosec B105
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Usme Innova"
# Staff (facilitators, administrators) must set up TOTP before using the site.
INNOVA_STAFF_MFA_REQUIRED = env_bool("INNOVA_STAFF_MFA_REQUIRED", True)

# Five wrong passwords for one account from one address lock that pair for 15 minutes; the same account from
# another address, and another account from the same address (a shared computer), are not affected.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "innova.accounts.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_USERNAME_FORM_FIELD = "login"
AXES_VERBOSE = env_bool("AXES_VERBOSE", False)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 587
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _mail.scheme == "smtps"
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Usme Innova <innova@usme.gov.co>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "es-co"
# Each language is named in itself, so a person can find theirs whatever the page shows.
LANGUAGES = [("es-co", "Español (Colombia)"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "innova" / "locale"]
# Dates written one way, as in Colombia ("12 de diciembre de 2026", "12 dic. 2026"): innova/formats/es.
FORMAT_MODULE_PATH = ["innova.formats"]
# The language switch remembers a choice for a year (Django's default cookie ends with the browser session).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads that must leave the web with what they belong to (a hidden problem's photos, an unpublished course's
# materials): outside MEDIA_ROOT, served only by views that check visibility (innova.core.files).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Set behind nginx (e.g. "/private-media/", an `internal` location aliasing PRIVATE_MEDIA_ROOT): the view checks,
# the proxy sends the file. Empty: Django streams the file itself.
MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("MEDIA_ACCEL_REDIRECT_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "innova.core.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG and bool(os.environ.get("SECRET_KEY")))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers probe over plain HTTP inside the network: a 301 would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A failed CSRF check (an expired form) is explained in Spanish, also under DEBUG.
CSRF_FAILURE_VIEW = "innova.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Public API rate limits: anonymous clients per IP, known users (session or key) per account.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("INNOVA_API_RATE_ANON", "120/min"),
        "user": os.environ.get("INNOVA_API_RATE_USER", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    # Lazy: the schema is written in the language of each request (Spanish unless ?lang=en or the switch says so).
    "TITLE": gettext_lazy("Usme Innova API"),
    "DESCRIPTION": gettext_lazy("Public API of the Usme – Innova Public Innovation Lab."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several domains have a "status" with their own choices: name each set after its domain.
    "ENUM_NAME_OVERRIDES": {
        "ProblemStatusEnum": "innova.problems.models.Status",
        "ProposalStatusEnum": "innova.proposals.api.PUBLIC_STATUSES",
        "ProposalStepStatusEnum": "innova.proposals.models.Status",
        "DebateStatusEnum": "innova.debates.models.DebateStatus",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}

# --- Domain settings ------------------------------------------------------------------------
# Problems and proposals with this many supports must get an official answer within the deadline.
INNOVA_PROBLEM_SUPPORT_THRESHOLD = env_int("INNOVA_PROBLEM_SUPPORT_THRESHOLD", 50)
INNOVA_ANSWER_DEADLINE_WORKING_DAYS = env_int("INNOVA_ANSWER_DEADLINE_WORKING_DAYS", 15)
# Supports a published proposal needs before the Mayor's Office must answer it (viable / not viable).
INNOVA_PROPOSAL_SUPPORT_THRESHOLD = env_int("INNOVA_PROPOSAL_SUPPORT_THRESHOLD", 100)

# Streets under the UPZ polygons (territory/maptiles.py): empty = polygons only, no third-party request; or an XYZ
# raster template such as https://tiles.example.org/{z}/{x}/{y}.png (its origin joins the CSP img-src).
MAP_TILES = os.environ.get("MAP_TILES", "").strip()
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")

# Channels beyond the web (SMS, WhatsApp): see docs/CHANNELS.md. The embedded default logs outbound messages.
INNOVA_SMS_BACKEND = os.environ.get("INNOVA_SMS_BACKEND", "innova.intake.providers.ConsoleBackend")
INNOVA_SMS_ACCOUNT_SID = os.environ.get("INNOVA_SMS_ACCOUNT_SID", "")
INNOVA_SMS_AUTH_TOKEN = os.environ.get("INNOVA_SMS_AUTH_TOKEN", "")
INNOVA_SMS_FROM = os.environ.get("INNOVA_SMS_FROM", "")
INNOVA_SMS_API_BASE = os.environ.get("INNOVA_SMS_API_BASE", "https://api.twilio.com")
INNOVA_WHATSAPP_BACKEND = os.environ.get("INNOVA_WHATSAPP_BACKEND", "innova.intake.providers.ConsoleBackend")
INNOVA_WHATSAPP_VERIFY_TOKEN = os.environ.get("INNOVA_WHATSAPP_VERIFY_TOKEN", "")
INNOVA_WHATSAPP_APP_SECRET = os.environ.get("INNOVA_WHATSAPP_APP_SECRET", "")
INNOVA_WHATSAPP_TOKEN = os.environ.get("INNOVA_WHATSAPP_TOKEN", "")
INNOVA_WHATSAPP_PHONE_NUMBER_ID = os.environ.get("INNOVA_WHATSAPP_PHONE_NUMBER_ID", "")
INNOVA_WHATSAPP_API_BASE = os.environ.get("INNOVA_WHATSAPP_API_BASE", "https://graph.facebook.com/v21.0")

# Routes only the benchmarks use (bench/ceiling.py: `/bench/hello`, a trivial view behind the whole middleware
# stack, the ceiling every page is measured against). Off everywhere else.
INNOVA_BENCH_ROUTES = env_bool("INNOVA_BENCH_ROUTES", False)
