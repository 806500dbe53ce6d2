"""Events and training: the calendar, booking, attendance and the iCalendar feeds."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from .. import events, permissions
from ..forms import BookingForm, EventCancelForm, EventForm
from ..models import Booking, Event, Person
from .mixins import PermissionRequiredMixin, require_permission


def _event_for(user, pk) -> Event:
    """The event, if the user may see it (404 otherwise)."""
    return get_object_or_404(permissions.scope_events(user, Event.objects.all()), pk=pk)


class EventListView(PermissionRequiredMixin, ListView):
    permission_required = "partnership.view_events"
    template_name = "partnership/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.past = self.request.GET.get("when") == "past"
        now = timezone.now()
        events_ = permissions.scope_events(self.request.user, Event.objects.all())
        self.kind = self.request.GET.get("kind", "")
        if self.kind in Event.Kind.values:
            events_ = events_.filter(kind=self.kind)
        if self.past:
            return events_.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
        return events_.filter(starts_at__gte=now).order_by("starts_at", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        page = list(context["events"])
        counts = events.booked_counts(page)
        mine = set(
            Booking.objects.filter(
                event__in=page, person_id=user.person_id, cancelled_at__isnull=True
            ).values_list("event_id", flat=True)
        )
        context["rows"] = [
            {
                "event": event,
                "booked": counts.get(event.pk, 0),
                "left": events.places_left(event, counts.get(event.pk, 0)),
                "mine": event.pk in mine,
            }
            for event in page
        ]
        context.update(
            past=self.past,
            kind=self.kind,
            kinds=Event.Kind.choices,
            feed_url=self.request.build_absolute_uri(
                reverse("events:feed", args=[events.feed_token(user)])
            ),
            reach=events.reach() if user.has_perm("partnership.manage_events") else None,
        )
        return context


class EventDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.view_events"
    template_name = "partnership/event_detail.html"

    def load_objects(self, pk):
        self.event = _event_for(self.request.user, pk)

    def people(self):
        """Whom the user may book for: themselves, and for a head the staff of their schools."""
        user = self.request.user
        if user.has_perm("partnership.manage_events"):
            return Person.objects.select_related("school").order_by("last_name", "first_name")
        condition = Q(pk=user.person_id) if user.person_id else Q(pk__in=[])
        if permissions.is_headteacher(user):
            condition |= Q(school_id__in=user.school_ids)
        return (
            Person.objects.filter(condition)
            .select_related("school")
            .order_by("last_name", "first_name")
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.event
        bookings = permissions.scope_bookings(
            user, event.bookings.select_related("person", "school")
        ).order_by("cancelled_at", "person__last_name")
        can_book = user.has_perm("partnership.book_event", event)
        context.update(
            event=event,
            bookings=bookings,
            left=events.places_left(event),
            can_book=can_book,
            can_manage=user.has_perm("partnership.manage_events"),
            form=form or (BookingForm(people=self.people()) if can_book else None),
            started=event.starts_at <= timezone.now(),
        )
        return context

    def post(self, request, pk):
        require_permission(request, "partnership.book_event", self.event)
        form = BookingForm(request.POST, people=self.people())
        if form.is_valid():
            try:
                booking = events.book(
                    event=self.event, person=form.cleaned_data["person"], by=request.user
                )
            except events.EventRefused as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, f"Place booked for {booking.person.full_name}.")
                return redirect("events:detail", pk=self.event.pk)
        return self.render_to_response(self.get_context_data(form=form))


class BookingCancelView(PermissionRequiredMixin, View):
    permission_required = "partnership.view_events"

    def post(self, request, pk, booking):
        event = _event_for(request.user, pk)
        booking = get_object_or_404(
            permissions.scope_bookings(request.user, event.bookings.select_related("event")),
            pk=booking,
        )
        try:
            events.booking_cancel(booking=booking)
        except events.EventRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Booking cancelled: the place is free for someone else.")
        return redirect("events:detail", pk=event.pk)


class EventFormView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_events"
    template_name = "partnership/event_form.html"
    form_class = EventForm

    def load_objects(self, pk=None):
        self.event = get_object_or_404(Event, pk=pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.event or Event(created_by=self.request.user)
        return kwargs

    def form_valid(self, form):
        event = form.save()
        messages.success(self.request, f"{event.title} saved.")
        return redirect("events:detail", pk=event.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context


class EventCancelView(PermissionRequiredMixin, FormView):
    permission_required = "partnership.manage_events"
    template_name = "partnership/event_cancel.html"
    form_class = EventCancelForm

    def load_objects(self, pk):
        self.event = get_object_or_404(Event, pk=pk)

    def form_valid(self, form):
        try:
            told = events.event_cancel(event=self.event, reason=form.cleaned_data["reason"])
        except events.EventRefused as error:
            messages.error(self.request, error.message)
        else:
            messages.success(
                self.request, f"{self.event.title} cancelled; {told} booked people emailed."
            )
        return redirect("events:detail", pk=self.event.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context


class AttendanceView(PermissionRequiredMixin, TemplateView):
    permission_required = "partnership.manage_events"
    template_name = "partnership/event_attendance.html"

    def load_objects(self, pk):
        self.event = get_object_or_404(Event, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["bookings"] = self.event.bookings.filter(cancelled_at__isnull=True).select_related(
            "person", "school"
        )
        return context

    def post(self, request, pk):
        ids = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        try:
            came = events.attendance_save(event=self.event, attended_ids=ids, by=request.user)
        except events.EventRefused as error:
            messages.error(request, error.message)
            return redirect("events:attendance", pk=self.event.pk)
        messages.success(request, f"Attendance saved: {came} came.")
        return redirect("events:detail", pk=self.event.pk)


def _calendar(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIcsView(PermissionRequiredMixin, View):
    """One event as an iCalendar file; an event the viewer may not see is a 404."""

    permission_required = "partnership.view_events"

    def get(self, request, pk):
        event = _event_for(request.user, pk)
        return _calendar(events.ics([event], name=event.title), f"event-{event.pk}.ics")


class FeedView(View):
    """The viewer's events as a calendar subscription. Calendar apps cannot sign in, so the
    URL carries a signed token naming the user; it shows what that user may see, no more, and
    stops working if the account is deactivated."""

    def get(self, request, token):
        user = events.feed_user(token)
        if user is None or not user.has_perm("partnership.view_events"):
            raise Http404("No such calendar.")
        content = events.ics(events.feed_events(user), name="Partnership events")
        response = _calendar(content, "partnership-events.ics")
        response["Cache-Control"] = "private, no-store"
        return response
