"""The complaints URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "complaints" namespace (pages) and "api:complaints" (API).
"""

from django.urls import path

from . import api, views

pages = [
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/", views.complaint_create, name="complaint-create"),
    path(
        "complaints/conduct-matters/new/",
        views.conduct_matter_create,
        name="conduct-matter-create",
    ),
    path("complaints/<id:complaint_id>/", views.complaint_detail, name="complaint"),
    path("complaints/<id:complaint_id>/log/", views.complaint_log, name="complaint-log"),
    path(
        "complaints/<id:complaint_id>/letters/<str:kind>/<str:to>/",
        views.complaint_letter,
        name="complaint-letter",
    ),
    path(
        "complaints/<id:complaint_id>/files/<id:file_id>/",
        views.complaint_file,
        name="complaint-file",
    ),
    path(
        "complaints/<id:complaint_id>/<str:action>/",
        views.complaint_action,
        name="complaint-action",
    ),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("complaints/", api.ComplaintListApi.as_view(), name="complaints"),
    path(
        "complaints/conduct-matters/",
        api.ConductMatterCreateApi.as_view(),
        name="conduct-matters",
    ),
    path(
        "complaints/<id:complaint_id>/",
        api.ComplaintDetailApi.as_view(),
        name="complaint",
    ),
    path(
        "complaints/<id:complaint_id>/<str:action>/",
        api.ComplaintActionApi.as_view(),
        name="complaint-action",
    ),
]
