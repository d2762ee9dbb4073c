from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Composition across the domain apps: what one app's page or publication brings from another
    (the Commissioner's item, the work programme's appendices, search indexing on publication),
    the change history, and the demo. It imports the domain apps; only config/ imports it."""

    name = "publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from . import wiring  # the apps' models are ready only now

        wiring.connect()
