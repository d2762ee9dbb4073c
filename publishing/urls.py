"""The pages that span the apps, included by config/urls.py in the "publishing" namespace."""

from django.urls import path

from . import views

pages = [
    path("more/", views.more, name="more"),
    path("manage/history/", views.change_history, name="history"),
]
api: list = []
