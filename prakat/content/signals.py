"""Signals other apps listen to; content sends them and knows nothing of the listeners."""

from django.dispatch import Signal

# Sent when build_site has made (or found) an agency's site; kwargs: result (BuildResult).
site_built = Signal()

# Sent when a public page is given from the page cache instead of being built; kwargs:
# page_id (the page shown), request. Counting views listens.
cached_page_served = Signal()

# Sent by the page-copies job with the views nginx gave from copies of pages without asking
# the app (content/page_copies.py); kwargs: views, a list of (page_id or None, entry), each
# entry as the traffic log writes a request. The traffic log and visitor counting listen.
page_copies_viewed = Signal()
