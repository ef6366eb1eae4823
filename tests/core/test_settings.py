"""Production settings pass Django's deployment checks; bad environment values are refused."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from labshare.core.env import env_bool, env_int


def run_check(**env) -> subprocess.CompletedProcess:
    # Nothing of the test session's environment may leak in (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly warns about).
    inherited = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    environment = {k: v for k, v in os.environ.items() if k in inherited}
    environment.update(env, DJANGO_SETTINGS_MODULE="labshare.settings")
    return subprocess.run(
        [sys.executable, "-m", "labshare.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_check(
        DEBUG="0",
        SECRET_KEY="k" * 20 + "-production-secret-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="labshare.example.cn",
        LABSHARE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_refused_in_production(tmp_path):
    result = run_check(DEBUG="0", SECRET_KEY="", LABSHARE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_env_helpers_refuse_bad_values(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_NUMBER", "10")
    assert env_int("SOME_NUMBER", 1) == 10


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "PYTHONPATH"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="labshare.settings", DEBUG="1")
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PRINT_LANGUAGE = "from django.conf import settings; print(settings.LANGUAGE_CODE)"


def test_gettexts_language_variable_does_not_break_the_settings(tmp_path):
    result = run_python(PRINT_LANGUAGE, LANGUAGE="en_US:en", LABSHARE_VAR_DIR=str(tmp_path))
    assert result.stdout.strip() == "zh-hans", result.stderr
    assert (
        run_python(PRINT_LANGUAGE, LANGUAGE="en", LABSHARE_VAR_DIR=str(tmp_path)).stdout.strip()
        == "en"
    )
    bad = run_python(PRINT_LANGUAGE, LABSHARE_LANGUAGE="fr", LABSHARE_VAR_DIR=str(tmp_path))
    assert bad.returncode != 0 and "LABSHARE_LANGUAGE" in bad.stderr


def test_sqlite_database_url_keeps_immediate_transactions(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['transaction_mode'])"
    result = run_python(code, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3")
    assert result.stdout.strip() == "IMMEDIATE", result.stderr


def installed_apps(**env) -> list[str]:
    inherited = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    environment = {k: v for k, v in os.environ.items() if k in inherited}
    environment.update(env, DJANGO_SETTINGS_MODULE="labshare.settings")
    code = "from django.conf import settings; print(','.join(settings.INSTALLED_APPS))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().split(",")


def test_production_installs_neither_the_demo_nor_the_benchmarks(tmp_path):
    production = installed_apps(DEBUG="0", SECRET_KEY="k" * 60, LABSHARE_VAR_DIR=str(tmp_path))
    assert "labshare.demo" not in production and "labshare.bench" not in production
    assert "django_tasks_db" in production
    asked = installed_apps(
        DEBUG="0", SECRET_KEY="k" * 60, LABSHARE_VAR_DIR=str(tmp_path), LABSHARE_TOOLS="1"
    )
    assert {"labshare.demo", "labshare.bench"} <= set(asked)


def test_commands_beside_the_demo_share_the_key_it_wrote(tmp_path):
    # A first run with DEBUG (as `labshare demo` sets) writes the key file …
    run_check(DEBUG="1", SECRET_KEY="", LABSHARE_VAR_DIR=str(tmp_path))  # warns of DEBUG
    key_file = tmp_path / "secret_key"
    assert len(key_file.read_text()) >= 50 and (key_file.stat().st_mode & 0o777) == 0o600
    # … which a command without DEBUG (labshare tick, labshare check) then reads.
    result = run_check(DEBUG="0", SECRET_KEY="", LABSHARE_VAR_DIR=str(tmp_path))
    assert "SECRET_KEY must be set" not in result.stderr
