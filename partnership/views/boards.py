"""Boards and groups: members and terms, meetings and minutes, the action log, priorities and
documents. Officers run them; board members read the boards they sit on."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from .. import boards, permissions
from ..forms import (
    BoardActionForm,
    BoardActionUpdateForm,
    BoardDocumentForm,
    BoardForm,
    BoardMemberForm,
    BoardPriorityForm,
    MeetingForm,
)
from ..models import Board, BoardAction, MeetingAttendance
from .mixins import PermissionRequiredMixin, require_permission


def _board_for(user, pk) -> Board:
    return get_object_or_404(permissions.scope_boards(user, Board.objects.all()), pk=pk)


class BoardListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_boards"
    template_name = "partnership/board_list.html"
    context_object_name = "boards"

    def get_queryset(self):
        return permissions.scope_boards(self.request.user, Board.objects.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = BoardAction.objects.filter(board__in=context["boards"])
        context["overdue"] = (
            boards.overdue(actions).select_related("board", "owner").order_by("due_on")[:100]
        )
        context["today"] = timezone.localdate()
        context["can_manage"] = self.request.user.has_perm("partnership.manage_boards")
        return context


class BoardDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.view_boards"
    template_name = "partnership/board_detail.html"

    def load_objects(self, pk):
        self.board = _board_for(self.request.user, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board, today = self.board, timezone.localdate()
        members = board.members.select_related("person__school")
        context.update(
            board=board,
            today=today,
            now=timezone.now(),
            current=members.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
            former=members.filter(ends_on__lt=today),
            priorities=board.priorities.all(),
            meetings=board.meetings.all()[:20],
            actions=board.actions.select_related("owner").order_by("status", "due_on"),
            documents=board.documents.filter(meeting__isnull=True),
            can_manage=self.request.user.has_perm("partnership.manage_boards"),
        )
        return context


class BoardFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_boards"
    template_name = "partnership/board_form.html"
    form_class = BoardForm

    def load_objects(self, pk=None):
        self.board = get_object_or_404(Board, pk=pk) if pk else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.board}

    def form_valid(self, form):
        board = form.save()
        messages.success(self.request, f"{board.name} saved.")
        return redirect("boards:detail", pk=board.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "board": self.board}


class _BoardChildForm(PermissionRequiredMixin, FormView):
    """A form that adds something to a board, for officers."""

    permission_required = "partnership.manage_boards"
    template_name = "partnership/board_child_form.html"
    heading = ""

    def load_objects(self, pk, **kwargs):
        self.board = get_object_or_404(Board, pk=pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "board": self.board, "heading": self.heading}

    def done(self, message):
        messages.success(self.request, message)
        return redirect("boards:detail", pk=self.board.pk)


class MemberAddView(_BoardChildForm):
    form_class = BoardMemberForm
    heading = "Add a member"

    def form_valid(self, form):
        member = form.save(commit=False)
        member.board = self.board
        member.save()
        return self.done(f"{member.person.full_name} added as {member.get_role_display()}.")


class PriorityAddView(_BoardChildForm):
    form_class = BoardPriorityForm
    heading = "Add a priority"

    def form_valid(self, form):
        priority = form.save(commit=False)
        priority.board, priority.order = self.board, self.board.priorities.count()
        priority.save()
        return self.done("Priority added.")


class ActionAddView(_BoardChildForm):
    form_class = BoardActionForm
    heading = "Add an action"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def form_valid(self, form):
        action = form.save(commit=False)
        action.board = self.board
        action.save()
        return self.done("Action added to the log.")


class ActionUpdateView(_BoardChildForm):
    form_class = BoardActionUpdateForm
    heading = "Update an action"

    def load_objects(self, pk, action):
        super().load_objects(pk)
        self.action = get_object_or_404(self.board.actions.select_related("owner"), pk=action)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.action}

    def form_valid(self, form):
        boards.action_update(
            action=self.action,
            status=form.cleaned_data["status"],
            update=form.cleaned_data["update"],
        )
        return self.done("Action updated.")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}


class DocumentAddView(_BoardChildForm):
    form_class = BoardDocumentForm
    heading = "Upload a document"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            boards.document_add(
                board=self.board,
                upload=data["file"],
                kind=data["kind"],
                title=data["title"],
                meeting=data["meeting"],
                by=self.request.user,
            )
        except boards.BoardRefused as error:
            form.add_error(error.field, error.message)
            return self.form_invalid(form)
        return self.done(f"{data['title']} uploaded.")


class DocumentView(PermissionRequiredMixin, View):
    """A board document, for those who may see the board; private, never cached."""

    permission_required = "partnership.view_boards"

    def get(self, request, pk, document):
        board = _board_for(request.user, pk)
        document = get_object_or_404(board.documents, pk=document)
        try:
            handle = document.file.open("rb")
        except OSError:
            raise Http404("The file is missing.") from None
        extension = "." + document.file.name.rsplit(".", 1)[-1].lower()
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.original_name,
            content_type=boards.CONTENT_TYPES.get(extension, "application/octet-stream"),
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class MeetingAddView(_BoardChildForm):
    form_class = MeetingForm
    heading = "Add a meeting"

    def form_valid(self, form):
        meeting = form.save(commit=False)
        meeting.board = self.board
        meeting.save()
        messages.success(self.request, "Meeting added.")
        return redirect("boards:meeting", pk=self.board.pk, meeting=meeting.pk)


class MeetingView(PermissionRequiredMixin, TemplateView):
    """A meeting: agenda, papers, minutes and who came; officers change it here."""

    permission_required = "partnership.view_boards"
    template_name = "partnership/meeting_detail.html"

    def load_objects(self, pk, meeting):
        self.board = _board_for(self.request.user, pk)
        self.meeting = get_object_or_404(self.board.meetings, pk=meeting)
        self.can_manage = self.request.user.has_perm("partnership.manage_boards")

    def members(self):
        held = timezone.localtime(self.meeting.held_at).date()
        return self.board.members.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=held), starts_on__lte=held
        ).select_related("person")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        recorded = {a.person_id: a.status for a in self.meeting.attendance.all()}
        context.update(
            board=self.board,
            meeting=self.meeting,
            can_manage=self.can_manage,
            form=form or (MeetingForm(instance=self.meeting) if self.can_manage else None),
            attendance=[
                {"member": member, "status": recorded.get(member.person_id, "")}
                for member in self.members()
            ],
            statuses=MeetingAttendance.Status.choices,
            documents=self.meeting.documents.all(),
            actions=self.meeting.actions.select_related("owner"),
        )
        return context

    def post(self, request, pk, meeting):
        require_permission(request, "partnership.manage_boards")
        form = MeetingForm(request.POST, instance=self.meeting)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            form.save()
            for member in self.members():
                status = request.POST.get(f"attendance-{member.person_id}", "")
                if status in MeetingAttendance.Status.values:
                    MeetingAttendance.objects.update_or_create(
                        meeting=self.meeting, person=member.person, defaults={"status": status}
                    )
        messages.success(request, "Meeting saved.")
        return redirect("boards:meeting", pk=self.board.pk, meeting=self.meeting.pk)


class OverdueView(PermissionRequiredMixin, ListView):
    """Every overdue action across the boards the viewer may see."""

    permission_required = "partnership.view_boards"
    template_name = "partnership/board_overdue.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        visible = permissions.scope_boards(self.request.user, Board.objects.all())
        return (
            boards.overdue(BoardAction.objects.filter(board__in=visible))
            .select_related("board", "owner")
            .order_by("due_on", "pk")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}
