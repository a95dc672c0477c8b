"""What the weekly work tells the features above it (baidays.notify listens): lower layers
learn about upper ones through registration, never by name."""

from django.dispatch import Signal

# Sent inside the review's transaction for each returned report, with `report`, `item`,
# `reason` and `reviewer`; a receiver writes what it writes in the same transaction.
report_returned = Signal()
