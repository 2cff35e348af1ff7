"""Settings of the vanilla Wagtail site, written as ``settings/local.py`` (which the project's
production settings read last): a key, the loopback host names, and the same database engine
as the Prakat install it is compared with."""

import os

import dj_database_url

SECRET_KEY = os.environ["BENCH_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
