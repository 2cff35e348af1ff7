"""The clock parser, fed what timedatectl and chronyc really print."""

import pytest

from prakat.security.clock import (
    parse_chronyc_tracking,
    parse_duration,
    parse_timedatectl,
    read_clock,
)

TIMEDATECTL_SHOW_SYNCED = """\
Timezone=Asia/Bangkok
LocalRTC=no
CanNTP=yes
NTP=yes
NTPSynchronized=yes
TimeUSec=Mon 2025-01-13 10:15:32 +07
RTCTimeUSec=Mon 2025-01-13 10:15:32 +07
"""

TIMEDATECTL_SHOW_NOT_SYNCED = TIMEDATECTL_SHOW_SYNCED.replace(
    "NTPSynchronized=yes", "NTPSynchronized=no"
).replace("NTP=yes", "NTP=no")

TIMESYNC_STATUS = """\
       Server: 203.158.118.2 (time1.nimt.or.th)
Poll interval: 34min 8s (min: 32s; max 34min 8s)
         Leap: normal
      Version: 4
      Stratum: 1
    Reference: PPS
    Precision: 1us (-20)
Root distance: 45us (max: 5s)
       Offset: -1.133ms
        Delay: 19.104ms
       Jitter: 1.070ms
 Packet count: 25
    Frequency: +12.553ppm
"""

CHRONY_SYNCED = """\
Reference ID    : CB9E7602 (time1.nimt.or.th)
Stratum         : 2
Ref time (UTC)  : Mon Jan 13 03:15:20 2025
System time     : 0.000023411 seconds slow of NTP time
Last offset     : -0.000012345 seconds
RMS offset      : 0.000034567 seconds
Frequency       : 12.345 ppm fast
Residual freq   : -0.001 ppm
Skew            : 0.023 ppm
Root delay      : 0.012345678 seconds
Root dispersion : 0.000567890 seconds
Update interval : 1025.9 seconds
Leap status     : Normal
"""

CHRONY_NOT_SYNCED = """\
Reference ID    : 00000000 ()
Stratum         : 0
Ref time (UTC)  : Thu Jan 01 00:00:00 1970
System time     : 0.000000000 seconds fast of NTP time
Last offset     : +0.000000000 seconds
RMS offset      : 0.000000000 seconds
Frequency       : 0.000 ppm slow
Residual freq   : +0.000 ppm
Skew            : 0.000 ppm
Root delay      : 1.000000000 seconds
Root dispersion : 1.000000000 seconds
Update interval : 0.0 seconds
Leap status     : Not synchronised
"""


def test_timedatectl_synchronised_with_its_offset_and_server():
    status = parse_timedatectl(TIMEDATECTL_SHOW_SYNCED, TIMESYNC_STATUS)
    assert status.synchronised is True
    assert status.offset_seconds == pytest.approx(-0.001133)
    assert status.source == "203.158.118.2 (time1.nimt.or.th)"


def test_timedatectl_not_synchronised():
    status = parse_timedatectl(TIMEDATECTL_SHOW_NOT_SYNCED)
    assert status.synchronised is False
    assert status.offset_seconds is None


def test_timedatectl_without_timesyncd_details():
    status = parse_timedatectl(TIMEDATECTL_SHOW_SYNCED, "")
    assert status.synchronised is True and status.offset_seconds is None


def test_timedatectl_answer_without_a_sync_state_cannot_be_judged():
    status = parse_timedatectl("Timezone=Asia/Bangkok\n")
    assert status.synchronised is None and status.reason


def test_chrony_synchronised_slow_is_a_negative_offset():
    status = parse_chronyc_tracking(CHRONY_SYNCED)
    assert status.synchronised is True
    assert status.offset_seconds == pytest.approx(-0.000023411)
    assert status.source == "time1.nimt.or.th"


def test_chrony_not_synchronised():
    status = parse_chronyc_tracking(CHRONY_NOT_SYNCED)
    assert status.synchronised is False


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("-1.133ms", -0.001133), ("+850us", 0.00085), ("2.5s", 2.5), ("1min 2.5s", 62.5)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


def test_on_a_machine_without_a_time_daemon_it_says_why():
    status = read_clock()
    if status.synchronised is None:
        assert status.reason  # e.g. timedatectl's own complaint: no systemd here
    else:
        assert status.tool in {"timedatectl", "chronyc"}
