"""What the currency checks find, announced for whoever tells people about it.

Compliance finds items coming down and items due for renewal; the people to tell and the way
to tell them (the admin's notification list, e-mail) belong to publishing, which listens.
"""

from django.dispatch import Signal

# page: the InformationItemPage; days_left: whole days until its publication end.
item_expiring = Signal()
# page: the InformationItemPage just unpublished and archived.
item_taken_down = Signal()
# agency, entry (ChecklistEntry), status (a currency status), units (the responsible Units),
# url (the admin address where the item is managed).
renewal_due = Signal()
