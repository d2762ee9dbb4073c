"""The search URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py into the "panel" and "api" namespaces.
"""

from django.urls import path

from . import views

pages = [
    path("search/", views.search, name="search"),
]

api = []
