import pytest
from django_otp.oath import totp


@pytest.fixture
def two_step_on(settings):
    settings.SECURITY_REQUIRE_TWO_FACTOR = True


def current_code(device) -> str:
    """What the person's authenticator app shows now."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def next_code(device) -> str:
    """The code of the coming 30 seconds, which the device also accepts (clock tolerance)."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1)
    return f"{code:0{device.digits}d}"
