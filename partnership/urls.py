"""Root URL configuration. Every URL here has rows in tests/test_authorisation_matrix.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import accounts, dashboard, health, users

user_patterns = (
    [
        path("", users.UserListView.as_view(), name="list"),
        path("new/", users.UserFormView.as_view(), name="create"),
        path("<int:pk>/", users.UserDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", users.UserFormView.as_view(), name="edit"),
        path("<int:pk>/invite/", users.UserInviteView.as_view(), name="invite"),
    ],
    "users",
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
    path("health/", health.health, name="health"),
    path("admin/", admin.site.urls),
]

handler403 = "partnership.views.errors.permission_denied"
handler404 = "partnership.views.errors.page_not_found"
handler500 = "partnership.views.errors.server_error"
