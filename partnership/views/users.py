"""Officers manage accounts and roles in the app."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from .. import selectors, services
from ..filters import UserFilter
from ..forms import UserForm
from .mixins import PermissionRequiredMixin


class UserListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.manage_users"
    template_name = "partnership/user_list.html"
    context_object_name = "users"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = UserFilter(
            self.request.GET, queryset=selectors.user_list(viewer=self.request.user)
        )
        return self.filterset.qs.distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class UserDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "partnership.manage_users"
    template_name = "partnership/user_detail.html"
    context_object_name = "account"

    def get_queryset(self):
        return selectors.user_list(viewer=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["changes"] = self.object.history.select_related("history_user").order_by(
            "-history_date"
        )[:20]
        return context


class UserFormView(PermissionRequiredMixin, FormView):
    """Create an account (no pk) or edit one (pk)."""

    permission_required = "partnership.manage_users"
    template_name = "partnership/user_form.html"
    form_class = UserForm

    def dispatch(self, request, *args, **kwargs):
        self.account = None
        return super().dispatch(request, *args, **kwargs)

    def get_account(self):
        if "pk" in self.kwargs and self.account is None:
            self.account = get_object_or_404(
                selectors.user_list(viewer=self.request.user), pk=self.kwargs["pk"]
            )
        return self.account

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        kwargs["instance"] = self.get_account()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = self.get_account()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.get_account() is None:
                account = services.user_create(
                    actor=self.request.user,
                    email=data["email"],
                    full_name=data["full_name"],
                    roles=data["roles"],
                    schools=data["schools"],
                    request=self.request,
                )
                messages.success(
                    self.request,
                    f"Account created. {account.email} has been sent a link to set a password.",
                )
            else:
                account = services.user_update(
                    actor=self.request.user,
                    user=self.get_account(),
                    email=data["email"],
                    full_name=data["full_name"],
                    roles=data["roles"],
                    schools=data["schools"],
                    is_active=data["is_active"],
                )
                messages.success(self.request, "Account saved.")
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        return redirect(reverse("users:detail", kwargs={"pk": account.pk}))


class UserInviteView(PermissionRequiredMixin, DetailView):
    """Send the set-a-password link again (POST only)."""

    permission_required = "partnership.manage_users"
    http_method_names = ["post"]

    def get_queryset(self):
        return selectors.user_list(viewer=self.request.user)

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        if not account.is_active:
            messages.error(request, "This account is deactivated: reactivate it first.")
        else:
            services.user_send_invitation(user=account, request=request)
            messages.success(request, f"A link to set a password has been sent to {account.email}.")
        return redirect(reverse("users:detail", kwargs={"pk": account.pk}))


class UserPersonalDataView(PermissionRequiredMixin, View):
    """Subject access: everything held about the person with this account, as a JSON file."""

    permission_required = "partnership.export_personal_data"

    def get(self, request, pk):
        from django.http import HttpResponse

        from ..personal_data import subject_access_json
        from ..services import access_event_record

        account = get_object_or_404(selectors.user_list(viewer=request.user), pk=pk)
        access_event_record(
            request=request,
            kind="viewed_confidential",
            detail=f"Exported everything held about {account.full_name} (subject access)",
            obj=account,
        )
        response = HttpResponse(
            subject_access_json(account), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="personal-data-{account.pk}-{timezone.localdate()}.json"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
