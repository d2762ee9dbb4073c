"""The project's URLs: each app owns its pages and its API (`<app>/urls.py`), included here in
the app's own namespace: its pages under /<panel>/ ("meetings:meeting"), its API under
/api/panels/<panel>/ ("api:meetings:meeting")."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from alerts import urls as alerts_urls
from complaints import urls as complaints_urls
from decisions import urls as decisions_urls
from meetings import urls as meetings_urls
from oparl import urls as oparl_urls
from panel import api, views
from panel import urls as panel_urls
from panel.admin import admin_site
from panel.api_schema import SchemaApi
from panel.forms import PasswordResetForm
from performance import urls as performance_urls
from publishing import urls as publishing_urls
from search import urls as search_urls
from statutory import urls as statutory_urls
from workprogramme import urls as workprogramme_urls

APPS = {
    "panel": panel_urls,
    "publishing": publishing_urls,
    "search": search_urls,
    "meetings": meetings_urls,
    "decisions": decisions_urls,
    "workprogramme": workprogramme_urls,
    "complaints": complaints_urls,
    "statutory": statutory_urls,
    "performance": performance_urls,
    "alerts": alerts_urls,
}
panel_patterns = [include((urls.pages, name)) for name, urls in APPS.items() if urls.pages]
api_panel_patterns = [include((urls.api, name)) for name, urls in APPS.items() if urls.api]

api_patterns: list[URLPattern | URLResolver] = [
    path("schema/", SchemaApi.as_view(), name="schema"),
    path("panels/", api.PanelListApi.as_view(), name="panels"),
    *(path("panels/<slug:panel_slug>/", patterns) for patterns in api_panel_patterns),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/session", views.healthz_session, name="healthz-session"),
    path("admin/", admin_site.urls),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password-change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("api/", include((api_patterns, "api"))),
    path("oparl/v1/", include((oparl_urls.urlpatterns, "oparl"))),
    path("alerts/", include((alerts_urls.site, "subscriptions"))),
    *(path("<slug:panel_slug>/", patterns) for patterns in panel_patterns),
]

handler400 = "panel.middleware.bad_request"
handler404 = "panel.middleware.not_found"
