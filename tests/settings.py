"""Test settings: SQLite in a temporary file, or PostgreSQL when LABSHARE_TEST_DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("LABSHARE_TOOLS", "1")  # the tests cover the demo and the benchmarks too
# Each pytest-xdist worker gets its own directory (media, exports, the SQLite file): the workers
# inherit the environment of the process that started them, so a shared one would be inherited.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker or "LABSHARE_VAR_DIR" not in os.environ:
    os.environ["LABSHARE_VAR_DIR"] = tempfile.mkdtemp(prefix=f"labshare-test-{_worker or 'main'}-")
if os.environ.get("LABSHARE_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["LABSHARE_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)

from labshare.settings import *  # noqa: E402, F403
from labshare.settings import VAR_DIR  # noqa: E402

# Threads of the live server and of the race tests must not keep connections open past a test.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
else:
    # A test database is thrown away: its commits need not wait for the disk.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "zh-hans"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Tasks run at once inside the test unless a test runs the real worker (tests/core/test_worker.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
