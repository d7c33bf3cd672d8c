"""What catalog tells the apps built on it, without importing them."""

from django.dispatch import Signal

# Sent when a run of the pipeline (a fetch, an import, an enrichment) has ended; a receiver
# answers with a one-line summary of what it did, which the command prints. The radar app
# collects and delivers notifications here, so a command that returns has told everyone.
pipeline_ran = Signal()
