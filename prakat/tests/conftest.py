# The publishing tests' people and request fixtures, for the exports that read requests.
from prakat.publishing.tests.conftest import news, people  # noqa: F401
