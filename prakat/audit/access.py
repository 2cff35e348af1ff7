"""The rights that open the audit log and the traffic log (``agency.rights``)."""

from __future__ import annotations

from prakat.agency.rights import right

AUDIT_LOG = right("view_audit_log")
# Traffic data is handed over on an authority's request, and that request goes through the
# auditor: being a superuser is not enough; a superuser who must answer such a request is
# given the auditor's role, which the audit log records.
TRAFFIC_LOG = right("export_traffic_log")
