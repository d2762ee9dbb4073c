from django.apps import AppConfig


class WorkprogrammeConfig(AppConfig):
    name = "workprogramme"
