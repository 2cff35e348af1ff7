"""The Redis queue that every worker on every machine shares.

Each worker's scheduler looks once a minute for the scheduled jobs that are due and puts
them on the queue; with several workers, huey would have each of them do it, and a job due
at 08:00 would run once per worker. Here the first scheduler to claim a job's minute puts it
on the queue and the others leave it: the claim is a key in Redis, set only if absent, kept
a day. Any number of workers may therefore run their scheduler, and a machine that stops
takes no job with it.
"""

from __future__ import annotations

import datetime

from huey import RedisHuey

CLAIM_SECONDS = 24 * 60 * 60


class RedisQueue(RedisHuey):
    def read_periodic(self, timestamp: datetime.datetime | None = None) -> list:
        timestamp = timestamp or self._get_timestamp()
        minute = timestamp.strftime("%Y-%m-%dT%H:%M")
        return [
            task
            for task in super().read_periodic(timestamp)
            if self.storage.conn.set(
                f"{self.name}.scheduled.{task.name}.{minute}", "1", nx=True, ex=CLAIM_SECONDS
            )
        ]
