"""Signing in and out, passwords and the user's own account."""

from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from ..forms import (
    EmailAuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from ..models import AccessEvent
from ..services import access_event_record
from .mixins import PermissionRequiredMixin


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("profile")
    success_message = "Your password has been changed."

    def form_valid(self, form):
        response = super().form_valid(form)
        access_event_record(kind=AccessEvent.Kind.PASSWORD_CHANGED, request=self.request)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        access_event_record(
            kind=AccessEvent.Kind.PASSWORD_RESET_REQUESTED,
            request=self.request,
            username=form.cleaned_data["email"],
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and self.request.method == "GET":
            access_event_record(
                kind=AccessEvent.Kind.PASSWORD_RESET_LINK_INVALID, request=self.request
            )
        return response


class ProfileView(PermissionRequiredMixin, TemplateView):
    """The signed-in person's own account: roles, schools and password."""

    permission_required = "partnership.view_dashboard"
    template_name = "partnership/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["schools"] = user.schools.order_by("name")
        return context
