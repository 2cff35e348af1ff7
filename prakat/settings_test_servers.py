"""The settings of the servers the tests start and drive as people would (the browser tests',
the seed agencies' walks): the site's own, with passwords hashed fast.

The real hasher costs a third of a second of CPU on purpose, for every demo account loaded and
every sign-in; the walks load and sign in dozens, on the two cores the whole suite shares. The
tests' own process hashes fast for the same reason (prakat/conftest.py); what the browser tests
prove is the sign-in's screens and two-step codes, which are the site's own here. Everything
that serves the public or a real install reads ``prakat.settings`` itself.
"""

from prakat.settings import *  # noqa: F403  (the site's settings, one changed below)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
