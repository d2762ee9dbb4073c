"""The alerts URLs: signing up on a panel's pages (/<panel>/alerts/, the "alerts" namespace),
and an address's own pages outside any panel (/alerts/…, the "subscriptions" namespace)."""

from django.urls import URLPattern, path

from . import views

pages = [
    path("alerts/", views.subscribe, name="subscribe"),
    path("alerts/check-your-email/", views.check_email, name="check-email"),
]

api: list[URLPattern] = []

site = [
    path("", views.account, name="account"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:key>/", views.manage, name="manage"),
]
