"""The audit log of staff actions and the computer-traffic log (ข้อมูลจราจรทางคอมพิวเตอร์).

Nothing else in Prakat imports this app: it listens through its middleware and signal
receivers. Other apps record an export by writing Wagtail's log entry with the registered
action ``prakat.export`` (``wagtail.log_actions.log(instance=…, action="prakat.export",
data={"what": …})``).
"""
