from django.apps import AppConfig
from django.urls import register_converter

from .converters import IdConverter


class PanelConfig(AppConfig):
    name = "panel"
    verbose_name = "Panels and people"

    def ready(self) -> None:
        register_converter(IdConverter, "id")  # before any URLconf is read
