"""An information item goes live only at the end of its publication request.

The request's last step (or the urgent path, or the site's own automatic publications)
opens :func:`publication_authorised`; any other way an item could come onto the site —
copies kept live, aliases, moves of a live item, an action of the admin API, a route not
yet thought of — meets :func:`refuse_unauthorised` when the row is saved, and is refused
with a Thai message naming the rule.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

_authorised: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "prakat_item_publication_authorised", default=False
)


class PublicationNotAuthorised(PermissionDenied):
    """Refused: an item would go live, or change while live, without an approved request."""


@contextlib.contextmanager
def publication_authorised() -> Iterator[None]:
    """Within this block items may go live: the end of an approved request (or the urgent
    path with its recorded verbal approval, or a publication the site makes itself)."""
    token = _authorised.set(True)
    try:
        yield
    finally:
        _authorised.reset(token)


def refuse_unauthorised(item, update_fields: Iterable[str] | None) -> None:
    """Called as ``item`` is saved: refuse what would put it, or a change to it, on the site
    outside an approved request."""
    if item.alias_of_id is not None:
        raise PublicationNotAuthorised(
            _(
                "An information item cannot be shown in a second place (alias): every item "
                "has one category, given by its publication request."
            )
        )
    if not item.live or _authorised.get():
        return
    # Bookkeeping saves (a new draft, a lock, a workflow's state) name their fields and
    # leave what the public sees alone; a whole save of a live item publishes, copies or
    # moves it.
    if update_fields is not None and "live" not in update_fields:
        return
    raise PublicationNotAuthorised(
        _(
            "An information item goes on the website, or changes there, only when its "
            "publication request has been approved and a webmaster publishes it. Ask for it "
            "with a publication request."
        )
    )
