from django.apps import AppConfig
from django.urls import register_converter


class PanelConfig(AppConfig):
    name = "panel"
    verbose_name = "Panels and people"

    def ready(self) -> None:
        from .converters import IdConverter  # once the app registry is ready

        register_converter(IdConverter, "id")  # before any URLconf is read
