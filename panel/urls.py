from django.contrib.auth import views as auth_views
from django.urls import include, path

from complaints import api as complaint_api
from complaints import views as complaint_views
from decisions import api as decision_api
from decisions import views as decision_views
from meetings import api as meeting_api
from meetings import feeds as meeting_feeds
from meetings import manage_views as meeting_manage
from meetings import views as meeting_views
from search import views as search_views
from workprogramme import api as wp_api
from workprogramme import views as wp_views

from . import api, views
from .admin import admin_site
from .api_schema import SchemaApi
from .forms import PasswordResetForm

panel_patterns = [
    path("", views.panel_home, name="home"),
    path("membership/", views.membership, name="membership"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:body_slug>/", views.body_detail, name="body"),
    path("people/<slug:person_slug>/", views.person_detail, name="person"),
    path("search/", search_views.search, name="search"),
    path("manage/", views.manage_home, name="manage"),
    path("manage/access/", views.manage_access, name="manage-access"),
    path("manage/history/", views.change_history, name="history"),
    path("manage/bodies/new/", views.body_create, name="body-create"),
    path("manage/bodies/<slug:body_slug>/edit/", views.body_edit, name="body-edit"),
    path(
        "manage/bodies/<slug:body_slug>/members/new/",
        views.membership_create,
        name="membership-create",
    ),
    path(
        "manage/memberships/<int:membership_id>/edit/",
        views.membership_edit,
        name="membership-edit",
    ),
    path("manage/people/new/", views.person_create, name="person-create"),
    path("manage/people/<slug:person_slug>/edit/", views.person_edit, name="person-edit"),
    # Meetings: the public record.
    path("meetings/", meeting_views.meeting_list, name="meetings"),
    path("meetings.ics", meeting_feeds.icalendar_feed, name="meetings-ics"),
    path("bodies/<slug:body_slug>/meetings.ics", meeting_feeds.icalendar_feed, name="body-ics"),
    path("feeds/agendas/", meeting_feeds.AgendaFeed(), name="agenda-feed"),
    path("feeds/minutes/", meeting_feeds.MinutesFeed(), name="minutes-feed"),
    path("meetings/<slug:meeting_slug>/", meeting_views.meeting_detail, name="meeting"),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/",
        meeting_views.item_detail,
        name="item",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/pdf/",
        meeting_views.item_pdf,
        name="item-pdf",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/restricted/",
        meeting_views.restricted,
        name="item-restricted",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/appendix-<str:letter>/restricted/",
        meeting_views.restricted,
        name="appendix-restricted",
    ),
    path(
        "meetings/<slug:meeting_slug>/pack/<str:audience>.pdf",
        meeting_views.pack_download,
        name="pack",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/pack/",
        meeting_manage.pack_generate,
        name="pack-generate",
    ),
    path(
        "meetings/<slug:meeting_slug>/files/<int:file_id>/",
        meeting_views.file_download,
        name="file",
    ),
    # Decisions of the Commissioner.
    path("decisions/", decision_views.register, name="decisions"),
    path("feeds/decisions/", decision_views.DecisionFeed(), name="decision-feed"),
    path("decisions/<int:number>/", decision_views.detail, name="decision"),
    path("decisions/<int:number>/pdf/", decision_views.pdf, name="decision-pdf"),
    path(
        "decisions/<int:number>/files/<int:file_id>/",
        decision_views.file_download,
        name="decision-file",
    ),
    path("manage/decisions/", decision_views.manage_list, name="decision-manage-list"),
    path("manage/decisions/new/", decision_views.manage_create, name="decision-create"),
    path(
        "manage/decisions/<int:decision_id>/",
        decision_views.manage_detail,
        name="decision-manage",
    ),
    path(
        "manage/decisions/<int:decision_id>/files/<int:file_id>/",
        decision_views.manage_file,
        name="decision-manage-file",
    ),
    path(
        "manage/decisions/<int:decision_id>/<str:action>/",
        decision_views.manage_action,
        name="decision-action",
    ),
    # The work programme and the recommendations and actions tracker.
    path("work-programme/", wp_views.work_programme, name="work-programme"),
    path("actions/", wp_views.tracker, name="actions"),
    path("actions.csv", wp_views.tracker_csv, name="actions-csv"),
    path("actions/<int:action_id>/", wp_views.action_detail, name="action"),
    path("manage/actions/new/", wp_views.action_create, name="action-create"),
    path(
        "manage/resolutions/<int:resolution_id>/action/",
        wp_views.action_from_resolution,
        name="action-from-resolution",
    ),
    path("manage/work-programme/new/", wp_views.work_item_create, name="work-item-create"),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<int:item_id>/group-minutes/",
        wp_views.attach_group_minutes,
        name="attach-group-minutes",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<int:item_id>/actions/",
        wp_views.actions_from_item,
        name="actions-from-item",
    ),
    path(
        "manage/work-programme/<int:item_id>/<str:action>/",
        wp_views.work_item_action,
        name="work-item-action",
    ),
    # Complaints about the Commissioner: confidential.
    path("complaints/", complaint_views.complaint_list, name="complaints"),
    path("complaints/new/", complaint_views.complaint_create, name="complaint-create"),
    path("complaints/<int:complaint_id>/", complaint_views.complaint_detail, name="complaint"),
    path("complaints/<int:complaint_id>/log/", complaint_views.complaint_log, name="complaint-log"),
    path(
        "complaints/<int:complaint_id>/letters/<str:kind>/<str:to>/",
        complaint_views.complaint_letter,
        name="complaint-letter",
    ),
    path(
        "complaints/<int:complaint_id>/files/<int:file_id>/",
        complaint_views.complaint_file,
        name="complaint-file",
    ),
    path(
        "complaints/<int:complaint_id>/<str:action>/",
        complaint_views.complaint_action,
        name="complaint-action",
    ),
    # Meetings: the clerk's screens.
    path("manage/meetings/new/", meeting_manage.meeting_create, name="meeting-create"),
    path("manage/standing-items/", meeting_manage.standing_items, name="standing-items"),
    path(
        "manage/standing-items/<int:standing_id>/",
        meeting_manage.standing_item,
        name="standing-item",
    ),
    path("manage/meetings/<slug:meeting_slug>/", meeting_manage.meeting_edit, name="meeting-edit"),
    path(
        "manage/meetings/<slug:meeting_slug>/items/new/",
        meeting_manage.item_add,
        name="item-add",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<int:item_id>/",
        meeting_manage.item_edit,
        name="item-edit",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/items/<int:item_id>/action/",
        meeting_manage.item_action,
        name="item-action",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/publish/",
        meeting_manage.agenda_publish,
        name="agenda-publish",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/",
        meeting_manage.minutes_edit,
        name="minutes-edit",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/urgent/",
        meeting_manage.minutes_urgent,
        name="minutes-urgent",
    ),
    path(
        "manage/meetings/<slug:meeting_slug>/minutes/<str:action>/",
        meeting_manage.minutes_action,
        name="minutes-action",
    ),
]

api_panel_patterns = [
    path("", api.PanelDetailApi.as_view(), name="panel"),
    path("bodies/", api.BodyListApi.as_view(), name="bodies"),
    path("bodies/<slug:body_slug>/", api.BodyDetailApi.as_view(), name="body"),
    path("people/", api.PersonListApi.as_view(), name="people"),
    path("people/<slug:person_slug>/", api.PersonDetailApi.as_view(), name="person"),
    path("memberships/", api.MembershipListApi.as_view(), name="memberships"),
    path("work-programme/", wp_api.WorkItemListApi.as_view(), name="work-programme"),
    path("actions/", wp_api.ActionListApi.as_view(), name="actions"),
    path("actions/<int:action_id>/", wp_api.ActionDetailApi.as_view(), name="action"),
    path("actions/<int:action_id>/notes/", wp_api.ActionNoteApi.as_view(), name="action-notes"),
    path("complaints/", complaint_api.ComplaintListApi.as_view(), name="complaints"),
    path(
        "complaints/<int:complaint_id>/",
        complaint_api.ComplaintDetailApi.as_view(),
        name="complaint",
    ),
    path(
        "complaints/<int:complaint_id>/<str:action>/",
        complaint_api.ComplaintActionApi.as_view(),
        name="complaint-action",
    ),
    path("decisions/", decision_api.DecisionListApi.as_view(), name="decisions"),
    path("decisions/<int:decision_id>/", decision_api.DecisionDetailApi.as_view(), name="decision"),
    path(
        "decisions/<int:decision_id>/attachments/",
        decision_api.DecisionAttachmentApi.as_view(),
        name="decision-attachments",
    ),
    path(
        "decisions/<int:decision_id>/<str:action>/",
        decision_api.DecisionActionApi.as_view(),
        name="decision-action",
    ),
    path("meetings/", meeting_api.MeetingListApi.as_view(), name="meetings"),
    path("meetings/<slug:meeting_slug>/", meeting_api.MeetingDetailApi.as_view(), name="meeting"),
    path(
        "meetings/<slug:meeting_slug>/items/",
        meeting_api.ItemCreateApi.as_view(),
        name="item-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/publish/",
        meeting_api.AgendaPublishApi.as_view(),
        name="agenda-publish",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/report/",
        meeting_api.ReportUpdateApi.as_view(),
        name="report",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/appendices/",
        meeting_api.AppendixCreateApi.as_view(),
        name="appendix-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/items/<int:item_id>/minute/",
        meeting_api.MinuteUpdateApi.as_view(),
        name="minute",
    ),
    path(
        "meetings/<slug:meeting_slug>/attendance/",
        meeting_api.AttendanceCreateApi.as_view(),
        name="attendance-create",
    ),
    path(
        "meetings/<slug:meeting_slug>/declarations/",
        meeting_api.DeclarationCreateApi.as_view(),
        name="declaration-create",
    ),
]

api_patterns = [
    path("schema/", SchemaApi.as_view(), name="schema"),
    path("panels/", api.PanelListApi.as_view(), name="panels"),
    path("panels/<slug:panel_slug>/", include(api_panel_patterns)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
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
    path("<slug:panel_slug>/", include((panel_patterns, "panel"))),
]

handler400 = "panel.middleware.bad_request"
handler404 = "panel.middleware.not_found"
