"""Settings for the 百日行动 portal; everything that differs between machines comes from the
environment (see README, "配置")."""

import datetime
import os
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()


def _read(name, cast, default):
    """Read one variable; a malformed value stops start-up with one line naming it."""
    try:
        return cast(name, default=default)
    except (ValueError, ImproperlyConfigured, KeyError) as exc:
        sys.exit(f"配置错误：环境变量 {name} 的值无效（{exc}）")


def _strict_bool(name, default):
    raw = env.str(name, default="")
    if raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    sys.exit(f"配置错误：环境变量 {name} 应为 true 或 false，实际为 {raw!r}")


DEBUG = _strict_bool("DEBUG", False)
# Without SECRET_KEY, management commands and tests run with a development key; serving with
# DEBUG off refuses it (baidays/wsgi.py) and `check --deploy` reports it.
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-only-for-debug-and-tests"
# read as written: django-environ would treat a key starting with "$" as a reference to another
# variable, and random keys do start with "$" now and then
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = _read("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, [])

INSTALLED_APPS = [
    "core.apps.PortalAdminConfig",  # django.contrib.admin with the portal's admin rules
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    # layers, bottom up (the import-linter contract in pyproject.toml keeps them so)
    "audit",
    "core",
    "enterprises",
    "projects",
    "topics",
    "plans",
    "supervision",
    "supervision.schedules",
    "baidays.setup",
    "baidays.weekly",
    "baidays.excel",
    "baidays.dashboards",
    "baidays.demo",
    "baidays.notify",
    "baidays.jobs",
    "baidays.closing",
    "baidays.documents",
    # before baidays.security: its post_migrate gives their permissions to the admin groups
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "baidays.security",
    "django_celery_beat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "baidays.security.middleware.SecurityGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.PortalResponseMiddleware",
    "core.middleware.ReadOnceMiddleware",
]

ROOT_URLCONF = "baidays.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "baidays.wsgi.application"

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
                "core.context_processors.portal",
                "baidays.notify.context_processors.inbox",
            ],
        },
    },
]
# Django's widget templates, with the <input> family and <textarea> drawn without the template
# engine (core/form_renderer.py): the weekly batch form draws 400 of them a page
FORM_RENDERER = "core.form_renderer.PortalFormRenderer"

# --- Database -------------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
_default_db_url = f"sqlite:///{BASE_DIR / 'var' / 'baidays.sqlite3'}"
try:
    _db = env.db_url("DATABASE_URL", default=_default_db_url)
except (ImproperlyConfigured, ValueError, KeyError) as exc:
    sys.exit(f"配置错误：环境变量 DATABASE_URL 无法解析（{exc}）")
if _db.get("ENGINE") not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    sys.exit(
        "配置错误：环境变量 DATABASE_URL 的数据库类型不受支持（应为 sqlite:/// 或 postgres://）"
    )
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    _db["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    _db.setdefault("CONN_MAX_AGE", _read("CONN_MAX_AGE", env.int, 60))
    _db["CONN_HEALTH_CHECKS"] = True
    # The lag rule's reads are long expressions of correlated subqueries whose estimated cost
    # passes PostgreSQL's JIT thresholds at province size: JIT then spends seconds compiling a
    # query that runs in half a second (docs/benchmarks.md). Off for the portal's sessions.
    # PostgreSQL's default random_page_cost (4) prices an index probe for a spinning disk; on
    # the solid-state disks servers have now, it made the planner count a week's reports by
    # reading every campaign's reports (60 ms at province size) instead of probing each item's
    # reports through their index (10 ms). 1.1 is the figure PostgreSQL's documentation gives
    # for such disks; PG_RANDOM_PAGE_COST=4 restores the default on a spinning disk.
    _page_cost = _read("PG_RANDOM_PAGE_COST", env.float, 1.1)
    _options = _db.setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        filter(None, [_options.get("options"), "-c jit=off", f"-c random_page_cost={_page_cost}"])
    )
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "core.passwords.ChineseMinimumLengthValidator",
        "OPTIONS": {"min_length": _read("PASSWORD_MIN_LENGTH", env.int, 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "baidays.security.validators.PasswordHistoryValidator"},
    {"NAME": "baidays.security.validators.NotDemoPasswordValidator"},
]
# 国密: passwords hashed with PBKDF2-HMAC-SM3 (baidays/security/hashers.py); existing hashes are
# replaced at each account's next login. Off: Django's PBKDF2-HMAC-SHA256.
SM3_PASSWORDS = _strict_bool("SM3_PASSWORDS", False)
if SM3_PASSWORDS:
    import hashlib

    if "sm3" not in hashlib.algorithms_available:
        sys.exit("配置错误：SM3_PASSWORDS=true，但本机 Python 的 OpenSSL 不提供 SM3")
    PASSWORD_HASHERS = [
        "baidays.security.hashers.PBKDF2SM3PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = _read("SESSION_COOKIE_AGE", env.int, 2 * 60 * 60)
# idle expiry: the clock restarts on a request, at most once a minute (core.middleware)
SESSION_REFRESH_SECONDS = _read("SESSION_REFRESH_SECONDS", env.int, 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = _read("AXES_FAILURE_LIMIT", env.int, 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- Account lifecycle and second factor (baidays/security, README "等保") -------------------
# A password older than this many days must be changed at the next page (0: never expires).
PASSWORD_EXPIRY_DAYS = _read("PASSWORD_EXPIRY_DAYS", env.int, 90)
# The last this many passwords of an account cannot be chosen again.
PASSWORD_HISTORY_COUNT = _read("PASSWORD_HISTORY_COUNT", env.int, 5)
# Accounts not used for this many days are disabled by the daily job (0: never).
ACCOUNT_INACTIVE_DAYS = _read("ACCOUNT_INACTIVE_DAYS", env.int, 90)
# A login ends the account's other sessions (one place at a time).
LOGIN_ENDS_OTHER_SESSIONS = _strict_bool("LOGIN_ENDS_OTHER_SESSIONS", not DEBUG)
# Roles that must log in with a second factor (TOTP): by default the three administrators and
# the leaders in production, nobody under DEBUG (the demo; README says how to enrol there).
OTP_REQUIRED_ROLES = _read(
    "OTP_REQUIRED_ROLES", env.list, [] if DEBUG else ["admin", "secadmin", "auditor", "leader"]
)
OTP_TOTP_ISSUER = "百日行动管理平台"

# --- Locale ---------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# the portal's Chinese for admin strings Django's and django-axes's catalogues leave in English
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "core.storage.RandomFolderStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The lag thresholds are each campaign's rules (core.campaign_settings.CampaignRules, set in
# the admin), not settings.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="baidays-demo")
# How long an app server keeps a computed summary in its own memory (0: never). Correctness does
# not depend on it: the cache key carries the data generation that database triggers raise on
# every write (core/generation.py). Off in baidays.test_settings.
SUMMARY_CACHE_SECONDS = _read("SUMMARY_CACHE_SECONDS", env.int, 600)
# Where it is kept: each process's own memory (the default), or a Redis every app-server worker
# shares (CACHE_URL=redis://127.0.0.1:6379/1, docs/deploy), so that after a write one worker's
# computation serves the others instead of each worker computing the page again. A network
# call with its deadlines: 1 s to connect, 1 s per reply; a Redis that does not answer only
# means the page is computed (core.selectors.cached_by_generation).
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Security audit log (audit/) ------------------------------------------------------------
# Records older than this many days are deleted only by `purge_audit_log`, which records
# itself; never fewer than 180 (网络安全法 第二十一条).
AUDIT_RETENTION_DAYS = _read("AUDIT_RETENTION_DAYS", env.int, 180)
if AUDIT_RETENTION_DAYS < 180:
    sys.exit("配置错误：AUDIT_RETENTION_DAYS 至少为 180（网络安全法要求网络日志留存不少于六个月）")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Deployment -----------------------------------------------------------------------------
if not DEBUG:
    SESSION_COOKIE_SECURE = _strict_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_HTTPS_PROXY = _strict_bool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
if BEHIND_HTTPS_PROXY:
    # Behind nginx REMOTE_ADDR is the proxy for every client, so the failed-login lock
    # (username + address) would let anyone lock anyone out. nginx overwrites X-Real-IP with
    # the address that connected to it (docs/deploy/nginx.conf), so a client cannot forge it;
    # axes reads it through django-ipware. X-Forwarded-For is not used: its left part is
    # whatever the client sent. Several proxies in a row: the outermost sets X-Real-IP and the
    # inner ones pass it on (`proxy_set_header X-Real-IP $http_x_real_ip`).
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")

# Production defaults pass `check --deploy --fail-level WARNING`. A plain-HTTP intranet install
# sets SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false and HSTS_SECONDS=0 knowingly (README).
SECURE_SSL_REDIRECT = _strict_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = _read("HSTS_SECONDS", env.int, 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _strict_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _strict_bool("HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): scripts only from our own static files. Templates put
# no inline <script>; data for charts goes in {{ value|json_script:"id" }} (type
# application/json, not executed) and is read by a static .js file. A page that truly needs an
# inline script gives it nonce="{{ request.csp_nonce }}". Inline style="" attributes (progress
# bar widths) are allowed; <style> elements are not.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploaded files are served by core.media (login and the owner's department required), never
# by the web server directly; uploads larger than this are refused with a message.
UPLOAD_MAX_BYTES = _read("UPLOAD_MAX_BYTES", env.int, 10 * 1024 * 1024)
# core.media.send_upload hands checked files to the web server: behind nginx
# SENDFILE_BACKEND=django_sendfile.backends.nginx (X-Accel-Redirect to the `internal` location
# SENDFILE_URL of docs/deploy/nginx.conf); by default Django streams them itself.
SENDFILE_BACKEND = env.str("SENDFILE_BACKEND", default="django_sendfile.backends.simple")
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = "/protected-media"

# Password-reset mail. Default: written to the log (console) until the office gives a mailbox,
# e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.gov.cn:587
try:
    globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
except (ImproperlyConfigured, ValueError, KeyError) as exc:
    sys.exit(f"配置错误：环境变量 EMAIL_URL 无法解析（{exc}）")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="百日行动管理平台 <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
# Every mail and robot delivery ends within NOTIFY_DEADLINE_SECONDS in all (connecting, sending,
# waiting for the answer); EMAIL_TIMEOUT bounds each SMTP socket operation.
EMAIL_TIMEOUT = _read("EMAIL_TIMEOUT", env.int, 10)
NOTIFY_DEADLINE_SECONDS = _read("NOTIFY_DEADLINE_SECONDS", env.int, 30)
if EMAIL_TIMEOUT < 1 or NOTIFY_DEADLINE_SECONDS < 1:
    sys.exit("配置错误：EMAIL_TIMEOUT 和 NOTIFY_DEADLINE_SECONDS 应为正整数（秒）")
# Robot webhooks may not point at loopback, link-local, private or reserved addresses, except at
# the hosts listed here (an intranet robot gateway), e.g. NOTIFY_ALLOWED_HOSTS=robot.gov.local
NOTIFY_ALLOWED_HOSTS = _read("NOTIFY_ALLOWED_HOSTS", env.list, [])
# Password-reset mails (sent through the outbox): at most this many requests an hour per
# address and per client address.
PASSWORD_RESET_PER_HOUR = _read("PASSWORD_RESET_PER_HOUR", env.int, 5)
# Reminders: outside channels (email, robots) stay silent from 22:00 to 07:00 and deliver then;
# the in-app inbox takes messages at any hour. NOTIFY_QUIET_HOURS=22:00-07:00 (empty: none).
_quiet = env.str("NOTIFY_QUIET_HOURS", default="22:00-07:00")
try:
    NOTIFY_QUIET_HOURS = tuple(
        datetime.time.fromisoformat(part) for part in (_quiet or "00:00-00:00").split("-")
    )
except ValueError:
    sys.exit(f"配置错误：NOTIFY_QUIET_HOURS 应形如 22:00-07:00，现为“{_quiet}”")

# The address of the portal that links in reminders start with (mail and robots are read
# outside it), e.g. PORTAL_URL=https://baidays.example.gov.cn; empty: the path alone.
PORTAL_URL = env.str("PORTAL_URL", default="").rstrip("/")
if PORTAL_URL and not PORTAL_URL.startswith(("https://", "http://")):
    sys.exit(f"配置错误：PORTAL_URL 应以 https:// 或 http:// 开头，现为“{PORTAL_URL}”")

# The daily backup, run by the periodic jobs (embedded worker or Celery beat): from BACKUP_HOUR
# (local time) once a day into BACKUP_DIR (unset: no backup job), keeping the newest BACKUP_KEEP.
BACKUP_DIR = env.str("BACKUP_DIR", default="")
BACKUP_HOUR = _read("BACKUP_HOUR", env.int, 2)
BACKUP_KEEP = _read("BACKUP_KEEP", env.int, 30)
# `restore` refuses an archive whose members would take more than this (bytes, and never more
# than the free disk space) or that has more members, before it writes anything.
RESTORE_MAX_BYTES = _read("RESTORE_MAX_BYTES", env.int, 20 * 1024**3)
RESTORE_MAX_MEMBERS = _read("RESTORE_MAX_MEMBERS", env.int, 500_000)
if not 0 <= BACKUP_HOUR <= 23 or BACKUP_KEEP < 1:
    sys.exit("配置错误：BACKUP_HOUR 应为 0–23，BACKUP_KEEP 至少为 1")

# The daily 督办 run (`supervise` for every campaign in progress), by the periodic jobs from
# SUPERVISE_HOUR (local time), before the 8:30 reminders name the day's 督办单.
SUPERVISE_HOUR = _read("SUPERVISE_HOUR", env.int, 6)
if not 0 <= SUPERVISE_HOUR <= 23:
    sys.exit("配置错误：SUPERVISE_HOUR 应为 0–23")

# Celery (several app servers; one server needs only `make run`'s embedded worker)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "periodic-jobs": {"task": "baidays.jobs.tasks.periodic_jobs", "schedule": 60.0},
}
