"""Root URL configuration. Every URL here has rows in tests/test_authorisation_matrix.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import (
    accounts,
    boards,
    dashboard,
    events,
    health,
    self_evaluation,
    sharing,
    support,
    surveys,
    users,
)

user_patterns = (
    [
        path("", users.UserListView.as_view(), name="list"),
        path("new/", users.UserFormView.as_view(), name="create"),
        path("<int:pk>/", users.UserDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", users.UserFormView.as_view(), name="edit"),
        path("<int:pk>/invite/", users.UserInviteView.as_view(), name="invite"),
        path(
            "<int:pk>/personal-data/",
            users.UserPersonalDataView.as_view(),
            name="personal_data",
        ),
    ],
    "users",
)

leader_patterns = (
    [
        path("", support.LeaderListView.as_view(), name="list"),
        path("new/", support.LeaderFormView.as_view(), name="create"),
        path("<int:pk>/", support.LeaderDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", support.LeaderFormView.as_view(), name="edit"),
        path(
            "<int:pk>/designations/new/",
            support.DesignationAddView.as_view(),
            name="designation_new",
        ),
    ],
    "leaders",
)

deployment = "deployments/<int:pk>/"
support_patterns = (
    [
        path("", support.SupportListView.as_view(), name="list"),
        path("requests/new/", support.SupportRequestCreateView.as_view(), name="request_new"),
        path("requests/<int:pk>/", support.SupportRequestDetailView.as_view(), name="request"),
        path("requests/<int:pk>/deploy/", support.DeploymentCreateView.as_view(), name="deploy"),
        path(
            "requests/<int:pk>/withdraw/",
            support.SupportRequestWithdrawView.as_view(),
            name="withdraw",
        ),
        path("deployments/", support.DeploymentListView.as_view(), name="deployments"),
        path(deployment, support.DeploymentDetailView.as_view(), name="deployment"),
        path(f"{deployment}edit/", support.DeploymentEditView.as_view(), name="deployment_edit"),
        path(f"{deployment}visits/new/", support.VisitLogView.as_view(), name="visit_log"),
        path(f"{deployment}milestones/new/", support.MilestoneView.as_view(), name="milestone_new"),
        path(
            f"{deployment}milestones/<int:milestone>/",
            support.MilestoneView.as_view(),
            name="milestone",
        ),
        path(f"{deployment}close/", support.DeploymentCloseView.as_view(), name="close"),
        path(f"{deployment}leaders/new/", support.AddLeaderView.as_view(), name="add_leader"),
        path(f"{deployment}funding/", support.AllocationView.as_view(), name="allocate"),
        path("funding/", support.FundingListView.as_view(), name="funding"),
        path("funding/new/", support.FundingCreateView.as_view(), name="funding_new"),
        path("funding/<int:pk>/", support.FundingDetailView.as_view(), name="fund"),
    ],
    "support",
)

event_patterns = (
    [
        path("", events.EventListView.as_view(), name="list"),
        path("new/", events.EventFormView.as_view(), name="create"),
        path("feed/<str:token>.ics", events.FeedView.as_view(), name="feed"),
        path("<int:pk>/", events.EventDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", events.EventFormView.as_view(), name="edit"),
        path("<int:pk>/cancel/", events.EventCancelView.as_view(), name="cancel"),
        path("<int:pk>/attendance/", events.AttendanceView.as_view(), name="attendance"),
        path("<int:pk>/event.ics", events.EventIcsView.as_view(), name="ics"),
        path(
            "<int:pk>/bookings/<int:booking>/cancel/",
            events.BookingCancelView.as_view(),
            name="booking_cancel",
        ),
    ],
    "events",
)

survey_patterns = (
    [
        path("", surveys.SurveyListView.as_view(), name="list"),
        path("new/", surveys.SurveyFormView.as_view(), name="create"),
        path("<int:pk>/", surveys.SurveyDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", surveys.SurveyFormView.as_view(), name="edit"),
        path("<int:pk>/questions/", surveys.QuestionsView.as_view(), name="questions"),
        path("<int:pk>/answer/", surveys.AnswerView.as_view(), name="answer"),
        path("<int:pk>/results/", surveys.ResultsView.as_view(), name="results"),
        path("<int:pk>/responses.csv", surveys.ExportView.as_view(), name="export"),
        path("<int:pk>/remind/", surveys.RemindView.as_view(), name="remind"),
        path("<int:pk>/themes/", surveys.ThemeAddView.as_view(), name="theme_add"),
        path("<int:pk>/themes/<int:theme>/", surveys.ThemeResponseView.as_view(), name="theme"),
        path("<int:pk>/answers/<int:answer>/tag/", surveys.TagView.as_view(), name="tag"),
        path("<int:pk>/actions/new/", surveys.ActionAddView.as_view(), name="action_new"),
        path("answer/<str:token>/", surveys.LinkAnswerView.as_view(), name="link_answer"),
    ],
    "surveys",
)

board = "<int:pk>/"
board_patterns = (
    [
        path("", boards.BoardListView.as_view(), name="list"),
        path("new/", boards.BoardFormView.as_view(), name="create"),
        path("actions/overdue/", boards.OverdueView.as_view(), name="overdue"),
        path(board, boards.BoardDetailView.as_view(), name="detail"),
        path(f"{board}edit/", boards.BoardFormView.as_view(), name="edit"),
        path(f"{board}members/new/", boards.MemberAddView.as_view(), name="member_new"),
        path(f"{board}priorities/new/", boards.PriorityAddView.as_view(), name="priority_new"),
        path(f"{board}actions/new/", boards.ActionAddView.as_view(), name="action_new"),
        path(f"{board}actions/<int:action>/", boards.ActionUpdateView.as_view(), name="action"),
        path(f"{board}documents/new/", boards.DocumentAddView.as_view(), name="document_new"),
        path(
            f"{board}documents/<int:document>/",
            boards.DocumentView.as_view(),
            name="document",
        ),
        path(f"{board}meetings/new/", boards.MeetingAddView.as_view(), name="meeting_new"),
        path(f"{board}meetings/<int:meeting>/", boards.MeetingView.as_view(), name="meeting"),
    ],
    "boards",
)

self_evaluation_patterns = (
    [
        path("", self_evaluation.VersionListView.as_view(), name="list"),
        path("<int:pk>/", self_evaluation.VersionDetailView.as_view(), name="detail"),
        path(
            "<int:pk>/criteria/<int:criterion>/",
            self_evaluation.EntryView.as_view(),
            name="entry",
        ),
        path("<int:pk>/finalise/", self_evaluation.FinaliseView.as_view(), name="finalise"),
    ],
    "self_evaluation",
)

cpd_patterns = (
    [
        path("", sharing.CpdListView.as_view(), name="list"),
        path("new/", sharing.CpdFormView.as_view(), name="create"),
        path("<int:pk>/", sharing.CpdDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", sharing.CpdFormView.as_view(), name="edit"),
        path("<int:pk>/withdraw/", sharing.CpdWithdrawView.as_view(), name="withdraw"),
    ],
    "cpd",
)
good_practice_patterns = (
    [
        path("", sharing.CaseStudyListView.as_view(), name="list"),
        path("new/", sharing.CaseStudyFormView.as_view(), name="create"),
        path("<int:pk>/", sharing.CaseStudyDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", sharing.CaseStudyFormView.as_view(), name="edit"),
        path("<int:pk>/submit/", sharing.CaseStudySubmitView.as_view(), name="submit"),
        path("<int:pk>/review/", sharing.CaseStudyReviewView.as_view(), name="review"),
    ],
    "good_practice",
)
project_patterns = (
    [
        path("", sharing.ProjectListView.as_view(), name="list"),
        path("new/", sharing.ProjectFormView.as_view(), name="create"),
        path("<int:pk>/", sharing.ProjectDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", sharing.ProjectFormView.as_view(), name="edit"),
    ],
    "projects",
)

account_patterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("profile/", accounts.ProfileView.as_view(), name="profile"),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={"hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("access-log/", dashboard.AccessLogView.as_view(), name="access_log"),
    path("users/", include(user_patterns)),
]

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("accounts/", include(account_patterns)),
    path("schools/", include("schools.urls")),
    path("leaders/", include(leader_patterns)),
    path("support/", include(support_patterns)),
    path("reviews/", include("reviews.urls")),
    path("reports/", include("reports.urls")),
    path("partnership/", dashboard.PartnershipHomeView.as_view(), name="partnership_home"),
    path("partnership/events/", include(event_patterns)),
    path("partnership/surveys/", include(survey_patterns)),
    path("partnership/boards/", include(board_patterns)),
    path("partnership/self-evaluation/", include(self_evaluation_patterns)),
    path("partnership/cpd/", include(cpd_patterns)),
    path("partnership/good-practice/", include(good_practice_patterns)),
    path("partnership/projects/", include(project_patterns)),
    path("health/", health.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "partnership.views.errors.permission_denied"
handler404 = "partnership.views.errors.page_not_found"
handler500 = "partnership.views.errors.server_error"
