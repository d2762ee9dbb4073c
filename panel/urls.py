"""The panel URLs: its pages under /<panel>/ and its API under /api/panels/<panel>/.

Included by config/urls.py in the "panel" namespace (pages) and "api:panel" (API).
"""

from django.urls import path

from . import api, views

pages = [
    path("", views.panel_home, name="home"),
    path("membership/", views.membership, name="membership"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:body_slug>/", views.body_detail, name="body"),
    path("people/<slug:person_slug>/", views.person_detail, name="person"),
    path("manage/", views.manage_home, name="manage"),
    path("manage/access/", views.manage_access, name="manage-access"),
    path("manage/bodies/new/", views.body_create, name="body-create"),
    path("manage/bodies/<slug:body_slug>/edit/", views.body_edit, name="body-edit"),
    path(
        "manage/bodies/<slug:body_slug>/members/new/",
        views.membership_create,
        name="membership-create",
    ),
    path(
        "manage/memberships/<id:membership_id>/edit/",
        views.membership_edit,
        name="membership-edit",
    ),
    path("manage/people/new/", views.person_create, name="person-create"),
    path("manage/people/<slug:person_slug>/edit/", views.person_edit, name="person-edit"),
    path("manage/api-tokens/", views.api_tokens, name="api-tokens"),
    path(
        "manage/api-tokens/<id:token_id>/revoke/",
        views.api_token_revoke,
        name="api-token-revoke",
    ),
]

api = [  # type: ignore[assignment]  # the API's routes, named after the module they list
    path("", api.PanelDetailApi.as_view(), name="panel"),
    path("bodies/", api.BodyListApi.as_view(), name="bodies"),
    path("bodies/<slug:body_slug>/", api.BodyDetailApi.as_view(), name="body"),
    path("people/", api.PersonListApi.as_view(), name="people"),
    path("people/<slug:person_slug>/", api.PersonDetailApi.as_view(), name="person"),
    path("memberships/", api.MembershipListApi.as_view(), name="memberships"),
]
