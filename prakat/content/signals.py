"""Signals other apps listen to; content sends them and knows nothing of the listeners."""

from django.dispatch import Signal

# Sent when build_site has made (or found) an agency's site; kwargs: result (BuildResult).
site_built = Signal()
