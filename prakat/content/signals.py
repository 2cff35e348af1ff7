"""Signals other apps listen to; content sends them and knows nothing of the listeners."""

from django.dispatch import Signal

# Sent when build_site has made (or found) an agency's site; kwargs: result (BuildResult).
site_built = Signal()

# Sent when a public page is given from the page cache instead of being built; kwargs:
# page_id (the page shown), request. Counting views listens.
cached_page_served = Signal()
