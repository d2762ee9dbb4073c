from django.apps import AppConfig


class OparlConfig(AppConfig):
    """The public record of every panel as OParl 1.1 (https://oparl.org): read-only, built from
    the domain apps' access rules as the public reads them."""

    name = "oparl"
    verbose_name = "Open data (OParl 1.1)"
