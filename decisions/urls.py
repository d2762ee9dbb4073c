"""The decisions URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "decisions" namespace (pages) and "api:decisions" (API).
"""

from django.urls import path

from . import api, views

pages = [
    path("decisions/", views.register, name="decisions"),
    path("feeds/decisions/", views.DecisionFeed(), name="decision-feed"),
    path("decisions/<id:number>/", views.detail, name="decision"),
    path("decisions/<id:number>/pdf/", views.pdf, name="decision-pdf"),
    path(
        "decisions/<id:number>/files/<id:file_id>/",
        views.file_download,
        name="decision-file",
    ),
    path("manage/decisions/", views.manage_list, name="decision-manage-list"),
    path("manage/decisions/new/", views.manage_create, name="decision-create"),
    path(
        "manage/decisions/<id:decision_id>/",
        views.manage_detail,
        name="decision-manage",
    ),
    path(
        "manage/decisions/<id:decision_id>/files/<id:file_id>/",
        views.manage_file,
        name="decision-manage-file",
    ),
    path(
        "manage/decisions/<id:decision_id>/<str:action>/",
        views.manage_action,
        name="decision-action",
    ),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("decisions/", api.DecisionListApi.as_view(), name="decisions"),
    path("decisions/<id:decision_id>/", api.DecisionDetailApi.as_view(), name="decision"),
    path(
        "decisions/<id:decision_id>/attachments/",
        api.DecisionAttachmentApi.as_view(),
        name="decision-attachments",
    ),
    path(
        "decisions/<id:decision_id>/<str:action>/",
        api.DecisionActionApi.as_view(),
        name="decision-action",
    ),
]
