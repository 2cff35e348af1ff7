"""Settings for Prakat.

Every value comes from an environment variable with an embedded default that needs no
configuration at all: SQLite in WAL mode, media on local disk, an in-process cache, Thai,
Asia/Bangkok. ``DATABASE_URL=postgres://…`` switches to PostgreSQL with no code change.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
import fontpkg_sarabun

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything an install writes (database, media, generated files) lives under one folder.
VAR_DIR = Path(os.environ.get("PRAKAT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, or one generated once per install and kept in var/."""
    if key := os.environ.get("PRAKAT_SECRET_KEY"):
        return key
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Several processes start at once on a new install (the web workers, the job worker,
        # the test jobs): the key is written whole under another name and linked into place,
        # so nobody reads a half-written (empty) key, and the first link wins.
        fd, written = tempfile.mkstemp(dir=VAR_DIR, prefix=".secret_key.")  # mode 0600
        with os.fdopen(fd, "w") as file:
            file.write(get_random_secret_key())
        try:
            os.link(written, key_file)
        except FileExistsError:
            pass  # another process made it first: its key is the install's
        finally:
            os.unlink(written)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Seals backup archives; unset: made once into var/backup_key by the first backup.
BACKUP_KEY = os.environ.get("PRAKAT_BACKUP_KEY") or None
DEBUG = env_bool("PRAKAT_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("PRAKAT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "prakat.thai",
    "prakat.agency",
    "prakat.content",
    "prakat.compliance",
    "prakat.schedule",
    "prakat.statistics",
    "prakat.survey",
    "prakat.eservices",
    "prakat.site_import",
    "prakat.backup",
    "prakat.demo",
    "huey.contrib.djhuey",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Even Django's development server leaves static files to WhiteNoise and the middleware.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # After Wagtail's admin: it replaces Wagtail's workflow e-mails (see its AppConfig).
    "prakat.publishing",
    # Listens to everything (signals, middleware); nothing imports it.
    "prakat.audit",
    # Staff sign-in: two-step sign-in (django-otp), lock-out after wrong passwords (axes).
    "prakat.security",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # Outermost, so every request is in the traffic log, also those answered by another
    # middleware.
    "prakat.audit.middleware.AuditMiddleware",
    # Next, so a page given from the public page cache skips all that follows and is still
    # in the traffic log; what it keeps carries the headers the middleware below add.
    "prakat.content.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The site's headers go on every response, static files included, so these come before
    # WhiteNoise, which answers for static files itself and skips what follows it.
    "prakat.security.headers.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: both leave a message for the sign-in page.
    "prakat.security.idle.IdleSignOutMiddleware",
    "prakat.security.two_factor.TwoFactorMiddleware",
    # One Thai refusal, naming the right a screen needs (prakat.agency.refusal).
    "prakat.agency.refusal.RefusalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# The computer-traffic log (prakat.audit).
TRAFFIC_LOG_DIR = Path(os.environ.get("PRAKAT_TRAFFIC_LOG_DIR", VAR_DIR / "traffic"))
# Behind a reverse proxy, the header it puts the client's address in (e.g. X-Forwarded-For),
# and optionally the client's port (e.g. X-Real-Port). Empty: the connection's own address.
# Every reader of the client's address honours it, through prakat.client.
TRAFFIC_LOG_PROXY_HEADER = os.environ.get("PRAKAT_TRAFFIC_PROXY_HEADER", "")
TRAFFIC_LOG_PROXY_PORT_HEADER = os.environ.get("PRAKAT_TRAFFIC_PROXY_PORT_HEADER", "")

ROOT_URLCONF = "prakat.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "prakat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "prakat.wsgi.application"

# Database: SQLite in WAL mode by default, anything dj-database-url understands otherwise.
SQLITE_PATH = VAR_DIR / "prakat.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        # Each web worker keeps its connection: opening one (and setting SQLite's journal
        # mode) costs more than the query a cached page needs.
        conn_max_age=int(os.environ.get("PRAKAT_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while a writer commits; IMMEDIATE takes the write lock at
        # the start of a transaction so two writers queue instead of failing half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a database file, not shared memory, so concurrent connections lock as in use.
    # One file per test process, so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "PRAKAT_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("PRAKAT_CACHE_LOCATION", "prakat"),
    }
}
# A cache every process shares (Redis) also keeps the sessions, read from there, written
# through to the database so a restarted or full cache signs nobody out. A cache of each
# process's own must not: a sign-out in one process would stay unseen by the others.
if not CACHES["default"]["BACKEND"].endswith((".LocMemCache", ".DummyCache")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# How long the public page cache keeps a page at most (seconds; 0 turns it off). Any change
# to the site makes kept pages old at once; this bounds only the visitor counter's age.
PAGE_CACHE_SECONDS = int(os.environ.get("PRAKAT_PAGE_CACHE_SECONDS", "300"))

# Kept pages also written as files for nginx to give without the app (content/page_copies.py;
# the deployment guide turns it on). Empty: off, as `make run` serves without nginx.
PAGE_COPIES_DIR = os.environ.get("PRAKAT_PAGE_COPIES_DIR", "")

# Scheduled jobs (take-down, reminders, monthly reports). Embedded: a SQLite queue file that
# `make run` serves with its worker; at scale, Redis named by PRAKAT_REDIS_URL and any number
# of `manage.py run_huey` workers. Tests run jobs in the calling process (immediate).
REDIS_URL = os.environ.get("PRAKAT_REDIS_URL", "")
HUEY = {
    "name": "prakat",
    "immediate": env_bool("PRAKAT_JOBS_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread", "periodic": True},
}
if REDIS_URL:
    # Every worker's scheduler may run: each job's due minute is claimed once (its module).
    HUEY.update({"huey_class": "prakat.schedule.queue.RedisQueue", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "jobs.sqlite3")})

# Files no URL leads to (complaint attachments, archived monthly reports); default: private/
# beside the media folder.
PRAKAT_PRIVATE_ROOT = os.environ.get("PRAKAT_PRIVATE_ROOT") or None

# Page views are kept in memory and written at most this often (seconds), after a response.
VIEWS_FLUSH_SECONDS = int(os.environ.get("PRAKAT_VIEWS_FLUSH_SECONDS", "30"))

# Wagtail's own background work (reference index, search index, file clean-up) goes through
# Django's task interface; here it joins the scheduled jobs' queue and worker.
TASKS = {"default": {"BACKEND": "prakat.schedule.backend.QueueBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "prakat.security.passwords.CharacterKindsValidator"},
    {"NAME": "prakat.security.passwords.PersonalNameValidator"},
]

# Thai first: every screen in Thai, every time in Asia/Bangkok (stored in UTC).
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Pages are Thai; a small English version (prakat.content.english) is served under /en/.
WAGTAIL_CONTENT_LANGUAGES = [("th", "ไทย"), ("en", "ภาษาอังกฤษ")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [
    BASE_DIR / "prakat" / "locale",  # the project's own messages (makemessages writes here)
    BASE_DIR / "prakat" / "thai" / "translations",  # Thai for what Wagtail's catalogue lacks
]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Static files are served by the app (WhiteNoise) through the whole middleware stack: the
# traffic log and the security headers cover them too. Collected into STATIC_ROOT by `make
# run`; found in the apps' folders when they have not been collected (tests).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "prakat" / "static",
    # The Sarabun web font (OFL) comes from its pinned package, not from a copy in the tree.
    ("fonts/sarabun", Path(fontpkg_sarabun.__file__).parent / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PRAKAT_MEDIA_ROOT", VAR_DIR / "media"))

# Where files are kept: the media and private folders on this machine by default; when
# several machines share one site, an S3-compatible bucket (prakat.content.bucket), which
# stays private: every file still comes from the site's views, after their checks.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "prakat.content.storage.PrivateStorage"},
    "renditions": {"BACKEND": "prakat.content.storage.RenditionStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
S3_BUCKET = os.environ.get("PRAKAT_S3_BUCKET", "")
if S3_BUCKET:
    _bucket = {
        "bucket_name": S3_BUCKET,
        # Empty: the bucket is on Amazon S3, and boto3 finds its address and credentials.
        "endpoint_url": os.environ.get("PRAKAT_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("PRAKAT_S3_REGION") or None,
        "access_key": os.environ.get("PRAKAT_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("PRAKAT_S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("PRAKAT_S3_ADDRESSING_STYLE") or None,
    }
    for _alias, _class in (
        ("default", "MediaBucketStorage"),
        ("private", "PrivateBucketStorage"),
        ("renditions", "RenditionBucketStorage"),
    ):
        STORAGES[_alias] = {"BACKEND": f"prakat.content.bucket.{_class}", "OPTIONS": _bucket}
# The media folder holds original images and staff avatars; only the avatars have a URL.
SERVE_MEDIA = env_bool("PRAKAT_SERVE_MEDIA", True)

# Uploads above this stay on disk in a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Every upload streams through this handler: beyond the agency's limit nothing is kept.
FILE_UPLOAD_HANDLERS = ["prakat.content.upload_limit.BoundedUploadHandler"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# A form posted without this site's token gets the public site's Thai page, not Django's.
CSRF_FAILURE_VIEW = "prakat.errors.csrf_failure"

EMAIL_BACKEND = os.environ.get(
    "PRAKAT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("PRAKAT_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "ประกาศ"
# No calls to the outside world from the admin; upgrades come with Prakat's own releases.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("PRAKAT_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "content.AgencyDocument"
# Documents and image renditions are private files, handed out only by views that check the
# item holding them is on the site (or that the person may see it): never straight from
# storage, whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "prakat.content.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "prakat.content.forms.ImageForm"
# The upload policy (prakat.content.upload_policy) is the rule; these give Wagtail's own
# widgets and client-side checks the same defaults.
WAGTAILDOCS_EXTENSIONS = ["pdf", "xls", "xlsx", "doc", "docx", "jpg", "jpeg", "png", "zip", "rar"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 4 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 4 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Embedded videos, pages and maps are recognised by their addresses, never fetched from the
# provider (prakat.content.embeds): the server asks no one else anything when a page is saved.
WAGTAILEMBEDS_FINDERS = [{"class": "prakat.content.embeds.AgencyEmbedFinder"}]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The public and admin page search (prakat.content.search) stop a query after this many
# seconds and say so in Thai, so no query holds a web worker longer.
SEARCH_TIME_LIMIT = float(os.environ.get("PRAKAT_SEARCH_TIME_LIMIT", "1"))
WAGTAIL_I18N_ENABLED = True
# Hosts of the agency's own network an old website may be fetched from when it is brought in
# (prakat.site_import); any other must be on the internet.
OLD_SITE_PRIVATE_HOSTS = [
    host.strip()
    for host in os.environ.get("PRAKAT_OLD_SITE_PRIVATE_HOSTS", "").split(",")
    if host.strip()
]
WAGTAIL_FINISH_WORKFLOW_ACTION = "prakat.publishing.finish.publish_approved_request"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

LOGIN_URL = "wagtailadmin_login"

# --- Staff sign-in and security (prakat.security) ----------------------------------------
# Two-step sign-in, sign-in throttling, idle sign-out, security headers, the production switch.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Two-step sign-in is required of webmasters, administrators and auditors (and superusers);
# the test suite turns it off except where it tests it, as it does not sign in by form.
SECURITY_REQUIRE_TWO_FACTOR = env_bool("PRAKAT_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = os.environ.get("PRAKAT_OTP_ISSUER", "Prakat")
# Phones keep network time; learning a drift from one code would shift the window for the next.
OTP_TOTP_SYNC = False

# Failed sign-ins are counted per account and, separately, per address; either reaching the
# limit locks it for the cool-off time. Reset by an administrator or by a successful sign-in.
AXES_FAILURE_LIMIT = int(os.environ.get("PRAKAT_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("PRAKAT_SIGNIN_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "prakat.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "prakat.client.client_address"
AXES_VERBOSE = False

# ONE switch for production: HTTPS only, secure cookies, HSTS. Behind a reverse proxy that
# ends TLS, the proxy must set X-Forwarded-Proto (and strip it from clients).
PRODUCTION = env_bool("PRAKAT_PRODUCTION")
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole domain to HTTPS in browsers for months; an agency opts in.
    SECURE_HSTS_PRELOAD = env_bool("PRAKAT_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
