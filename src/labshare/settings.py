"""Django settings. Everything that differs between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from labshare.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("LABSHARE_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY, else the key in LABSHARE_VAR_DIR/secret_key: the demo writes one there on
    its first run, so `labshare tick` and other commands beside it share it."""
    key = env_str("SECRET_KEY")
    key_file = VAR_DIR / "secret_key"
    if key:
        return key
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    if DEBUG:
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.touch(mode=0o600)
        key_file.write_text(key, encoding="utf-8")
        return key
    if env_bool("LABSHARE_INSECURE_DEV_KEY", False):
        return "insecure-development-key-do-not-use-in-production"
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (or run `labshare demo` once here, which "
        f"writes {key_file})."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PLATFORM_NAME = env_str("PLATFORM_NAME", "甘井子区共享设备云平台")
# Where the platform is reached, for links in e-mails sent outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

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
    "django_htmx",
    "axes",
    "csp",
    "labshare.core",
    "labshare.accounts",
    "labshare.catalog",
    "labshare.booking",
    "labshare.orders",
    "labshare.billing",
    "labshare.cooperation",
    "labshare.insights",
    "django_tasks",
    "django_tasks_db",
]
# The demo district and the benchmarks write synthetic data: a production site does not install
# them unless asked (`labshare demo` and `labshare bench` ask; so do DEBUG and the tests).
if env_bool("LABSHARE_TOOLS", DEBUG):
    INSTALLED_APPS += ["labshare.demo", "labshare.bench"]

# Background work (imports, mail, later PDFs and statements) runs as tasks. The database
# backend needs nothing more on one machine; `labshare worker` runs them. A larger deployment
# names another backend (RQ on Redis, Celery) here without touching the task code.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "labshare.accounts.middleware.ActiveOrganizationMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "labshare.urls"
WSGI_APPLICATION = "labshare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "labshare.core.context_processors.platform",
            ],
        },
    },
]


SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so check-then-insert cannot interleave.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


POSTGRES_OPTIONS = {
    # No JIT: the dashboards' grouped queries are estimated dear enough to be compiled, which
    # costs more (about 0.2 s each at national scale) than running them (`labshare bench insights`).
    "options": "-c jit=off",
}


def _database_config() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        elif config["ENGINE"] == "django.db.backends.postgresql":
            config["OPTIONS"] = {**POSTGRES_OPTIONS, **config.get("OPTIONS", {})}
        else:
            raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite.")
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "labshare.sqlite3",
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any log-in while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "labshare.accounts.backends.IdentifierBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; successful log-ins need no second log
AXES_USERNAME_CALLABLE = "labshare.accounts.backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "labshare.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "labshare.accounts.throttle.client_ip"
AXES_VERBOSE = False
# How many reverse proxies (nginx …) stand in front; their X-Forwarded-For names the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # organization_name is set on the unsaved user by the registration form.
        "OPTIONS": {
            "user_attributes": ("username", "full_name", "email", "phone", "organization_name")
        },
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]


def _language_code() -> str:
    """LABSHARE_LANGUAGE, else LANGUAGE when it names one of ours.

    LANGUAGE is also GNU gettext's variable (often "en_US:en"), so other values of it are ignored.
    """
    codes = [code for code, _name in LANGUAGES]
    chosen = env_str("LABSHARE_LANGUAGE")
    if chosen:
        if chosen not in codes:
            raise ImproperlyConfigured(f"LABSHARE_LANGUAGE must be one of {codes}, got {chosen!r}.")
        return chosen
    fallback = env_str("LANGUAGE")
    return fallback if fallback in codes else "zh-hans"


LANGUAGE_CODE = _language_code()
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files only a view that checks who asks may hand out (a confidential need's attachments): kept
# outside MEDIA_ROOT, which the web server serves to anybody, and never given a URL.
PRIVATE_ROOT = Path(env_str("PRIVATE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "labshare.core.files.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: a photo or a spreadsheet never needs more than this.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# How long after a charge its customer may dispute it (days).
BILLING_DISPUTE_DAYS = env_int("BILLING_DISPUTE_DAYS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# The largest form is a test order's results grid: 200 samples × 10 items × 4 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@labshare.localhost")

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    # On by default so that `check --deploy` is clean; a deployment sharing its parent domain
    # with plain-HTTP sites turns them off (they bind every subdomain).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403) is an answer, not a fault: one line, no traceback.
    "filters": {
        "refusals_without_traceback": {"()": "labshare.core.logs.RefusalsWithoutTraceback"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["refusals_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Only our own origin runs scripts: no inline script, no eval, nothing from elsewhere. Inline
# style attributes stay allowed (the calendars place their blocks with them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}


def _cache_config() -> dict:
    """CACHE_URL: locmem:// (default, one process), file:///path, or redis://host:port/db.

    With several web processes use a shared cache (file or redis), or cached catalogue facets
    stay stale in the other processes for up to ten minutes.
    """
    url = env_str("CACHE_URL", "locmem://")
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url[7:],
        }
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, file:// or redis://, got {url!r}."
    )


CACHES = {"default": _cache_config()}

PAGE_SIZE = 20
# The public-list index carries extra columns on PostgreSQL; SQLite builds it without them, on purpose.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
