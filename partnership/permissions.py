"""The authorisation module: every rule of DESIGN.md §4 lives here and nowhere else.

Views name a permission (`PermissionRequiredMixin.permission_required`) and take their rows from
a selector that scopes the queryset to the viewer (`scope_*` below), so someone else's object
is simply not found (404). Templates ask `perms` for what to show; they never filter rows.
"""

import rules
from django.db.models import Q, QuerySet

from reviews.models import TeamMember

from .models import Role


def _role_predicate(role: str, name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def has_role(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.has_role(role))

    return has_role


is_officer = _role_predicate(Role.OFFICER, "is_officer")
is_headteacher = _role_predicate(Role.HEADTEACHER, "is_headteacher")
is_system_leader = _role_predicate(Role.SYSTEM_LEADER, "is_system_leader")
is_board_member = _role_predicate(Role.BOARD_MEMBER, "is_board_member")
is_admin = _role_predicate(Role.ADMIN, "is_admin")


@rules.predicate
def has_any_role(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role_codes)


@rules.predicate
def is_head_of_school(user, school) -> bool:
    return school is not None and is_headteacher(user) and school.pk in user.school_ids


is_officer_or_admin = is_officer | is_admin


@rules.predicate
def heads_the_school(user, school) -> bool:
    """Head of this school (for a risk or school object) or of the visit's school."""
    if school is None:
        return False
    school_id = getattr(school, "school_id", None) or getattr(school, "pk", None)
    return is_headteacher(user) and school_id in user.school_ids


@rules.predicate
def is_the_leader(user, leader) -> bool:
    """The system leader record is this user's own."""
    return leader is not None and user.person_id is not None and leader.person_id == user.person_id


@rules.predicate
def leads_the_deployment(user, deployment) -> bool:
    if deployment is None or user.person_id is None:
        return False
    return any(a.leader.person_id == user.person_id for a in deployment.assignments.all())


@rules.predicate
def heads_the_deployment_school(user, deployment) -> bool:
    return (
        deployment is not None and is_headteacher(user) and deployment.school_id in user.school_ids
    )


@rules.predicate
def deployment_is_active(user, deployment) -> bool:
    return deployment is not None and deployment.status == "active"


@rules.predicate
def visit_is_shared(user, visit) -> bool:
    return visit is not None and visit.shared_at is not None


@rules.predicate
def visit_is_draft(user, visit) -> bool:
    return visit is not None and visit.shared_at is None


def _review_team(review) -> dict[int, str]:
    """person id -> team role, read once per review object."""
    cached = getattr(review, "_team_roles", None)
    if cached is None:
        cached = {member.person_id: member.role for member in review.team.all()}
        review._team_roles = cached
    return cached


@rules.predicate
def hosts_the_review(user, review) -> bool:
    return review is not None and is_headteacher(user) and review.host_school_id in user.school_ids


@rules.predicate
def on_the_review_team(user, review) -> bool:
    return (
        review is not None and user.person_id is not None and user.person_id in _review_team(review)
    )


@rules.predicate
def leads_the_review(user, review) -> bool:
    return (
        review is not None
        and user.person_id is not None
        and _review_team(review).get(user.person_id) == "lead"
    )


@rules.predicate
def review_shared_with_la(user, review) -> bool:
    return review is not None and review.sharing == "la"


def _review_in(*statuses):
    @rules.predicate(name=f"review_in_{'_or_'.join(statuses)}")
    def in_status(user, review) -> bool:
        return review is not None and review.status in statuses

    return in_status


review_planned = _review_in("planned")
review_in_progress = _review_in("in_progress")
review_draft = _review_in("draft_report")
review_agreed = _review_in("agreed")
review_not_closed = _review_in("planned", "in_progress", "draft_report", "agreed")
review_finished = _review_in("agreed", "closed")


@rules.predicate
def event_is_for_the_user(user, event) -> bool:
    """The event's audience includes one of the user's roles."""
    if event is None:
        return False
    audiences = {"everyone"}
    if is_headteacher(user):
        audiences.add("headteachers")
    if is_system_leader(user):
        audiences.add("system_leaders")
    return (is_headteacher(user) or is_system_leader(user)) and event.audience in audiences


@rules.predicate
def event_is_open_for_booking(user, event) -> bool:
    from django.utils import timezone

    return event is not None and event.cancelled_at is None and event.starts_at > timezone.now()


@rules.predicate
def sits_on_board(user, board) -> bool:
    from django.utils import timezone

    if board is None or user.person_id is None:
        return False
    today = timezone.localdate()
    return board.members.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), person_id=user.person_id
    ).exists()


@rules.predicate
def posted_the_offer(user, offer) -> bool:
    return offer is not None and offer.posted_by_id == user.pk


@rules.predicate
def writes_for_the_school(user, study) -> bool:
    """Head of the case study's school."""
    return study is not None and is_headteacher(user) and study.school_id in user.school_ids


@rules.predicate
def study_is_editable(user, study) -> bool:
    return study is not None and study.status in ("draft", "returned")


@rules.predicate
def study_is_submitted(user, study) -> bool:
    return study is not None and study.status == "submitted"


@rules.predicate
def requested_the_job(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


def _board_member_may_read(user, report) -> bool:
    """A published report is for the members of the board it goes to (all boards' members when
    it names none)."""
    return report.board_id is None or sits_on_board(user, report.board)


@rules.predicate
def may_read_report_file(user, job) -> bool:
    """A finished report file: officers and administrators read any; board members a published
    committee report (and its exempt appendix, or an exempt report, only where the officer
    allowed the board's members); every role a published journal issue; a school profile is
    for whoever asked for it."""
    from reports.models import CommitteeReportVersion, JournalIssue

    if job is None or job.status != "done" or not job.file:
        return False
    if is_officer_or_admin(user):
        return True
    if job.kind == "school":
        return job.requested_by_id == user.pk
    if job.kind == "journal":
        return (
            has_any_role(user) and JournalIssue.objects.filter(job=job, status="published").exists()
        )
    if job.kind in ("committee", "exempt") and is_board_member(user):
        version = (
            CommitteeReportVersion.objects.select_related("report__board")
            .filter(Q(job=job) | Q(exempt_job=job))
            .first()
        )
        if version is None or not _board_member_may_read(user, version.report):
            return False
        restricted = job.kind == "exempt" or version.exempt
        return not restricted or (
            version.appendix_readers == "board" and version.report.board_id is not None
        )
    return False


@rules.predicate
def may_read_committee_report(user, report) -> bool:
    return (
        report is not None
        and scope_committee_reports(user, type(report).objects.filter(pk=report.pk)).exists()
    )


@rules.predicate
def journal_is_published(user, issue) -> bool:
    return issue is not None and issue.status == "published"


# Permissions, by app. The names follow Django's "app.action_thing".
PERMISSIONS = {
    # Everyone signed in sees a dashboard (one with no roles yet sees how to get them).
    "partnership.view_dashboard": rules.is_authenticated & rules.is_active,
    "partnership.manage_users": is_officer_or_admin,
    "partnership.grant_admin_role": is_admin,
    "partnership.view_access_log": is_admin,
    # Subject access requests: the administrator (the council's data protection lead's role).
    "partnership.export_personal_data": is_admin,
    "partnership.use_admin_site": is_admin,
    # The register and Ofsted history are read by every role (DESIGN.md §4, first row).
    "schools.view_school": has_any_role,
    "schools.change_school": is_officer_or_admin,
    "schools.export_schools": has_any_role,
    # Risk categories: officers read and write; a headteacher reads their own school's; board
    # members see only counts; system leaders see nothing (DESIGN.md §4, second row).
    "schools.view_risk": is_officer_or_admin,
    "schools.view_school_risk": is_officer_or_admin | heads_the_school,
    "schools.view_risk_summary": is_officer_or_admin | is_board_member,
    "schools.assess_risk": is_officer_or_admin,
    # Imports of GIAS and Ofsted files.
    "schools.import_data": is_officer_or_admin,
    # Records of visits: officers write; the school's head sees them once shared and responds.
    "schools.record_visit": is_officer_or_admin,
    "schools.view_visit": is_officer_or_admin | (heads_the_school & visit_is_shared),
    "schools.change_visit": is_officer_or_admin & visit_is_draft,
    "schools.share_visit": is_officer_or_admin & visit_is_draft,
    "schools.respond_to_visit": heads_the_school & visit_is_shared,
    # System leaders and brokerage (DESIGN.md §4, fourth row).
    "partnership.view_leaders": is_officer_or_admin,
    "partnership.manage_leaders": is_officer_or_admin,
    "partnership.view_leader": is_officer_or_admin | is_the_leader,
    "partnership.view_support": is_officer_or_admin | is_headteacher | is_system_leader,
    "partnership.request_support": is_officer_or_admin | is_headteacher,
    "partnership.request_support_for": is_officer_or_admin | heads_the_school,
    "partnership.broker_support": is_officer_or_admin,
    "partnership.withdraw_request": is_officer_or_admin | heads_the_school,
    "partnership.view_deployment": is_officer_or_admin
    | leads_the_deployment
    | heads_the_deployment_school,
    "partnership.log_deployment_visit": (is_officer_or_admin | leads_the_deployment)
    & deployment_is_active,
    "partnership.manage_funding": is_officer_or_admin,
    "partnership.view_support_summary": is_officer_or_admin | is_board_member,
    # Events and training (DESIGN.md §4, fifth row): officers run them; headteachers and
    # system leaders see and book those meant for them; board members see boards only.
    "partnership.view_events": is_officer_or_admin | is_headteacher | is_system_leader,
    "partnership.view_event": is_officer_or_admin | event_is_for_the_user,
    "partnership.book_event": (is_officer_or_admin | event_is_for_the_user)
    & event_is_open_for_booking,
    "partnership.manage_events": is_officer_or_admin,
    # Boards and groups: officers run them; board members see the boards they sit on.
    "partnership.view_boards": is_officer_or_admin | is_board_member,
    "partnership.view_board": is_officer_or_admin | (is_board_member & sits_on_board),
    "partnership.manage_boards": is_officer_or_admin,
    # The partnership's pages (boards, events, surveys, self-evaluation): whoever may use one.
    "partnership.view_partnership": has_any_role,
    # CPD offers: every role reads them; officers and headteachers (for their school or hub)
    # post them; whoever posted one, or an officer, changes it.
    "partnership.view_cpd": has_any_role,
    "partnership.post_cpd": is_officer_or_admin | is_headteacher,
    "partnership.change_cpd": is_officer_or_admin | posted_the_offer,
    # Good practice: a school's head writes and submits; officers review and publish;
    # published case studies are for every role.
    "partnership.view_good_practice": has_any_role,
    "partnership.write_case_study": is_headteacher,
    "partnership.change_case_study": writes_for_the_school & study_is_editable,
    "partnership.review_case_study": is_officer_or_admin & study_is_submitted,
    # Projects are the LA's to run and report.
    "partnership.manage_projects": is_officer_or_admin,
    # The LA's self-evaluation is the officers' own working document.
    "partnership.manage_self_evaluation": is_officer_or_admin,
    # Surveys: officers run them and read the results; headteachers answer (their own
    # answers only); board members and system leaders are not surveyed here.
    "partnership.view_surveys": is_officer_or_admin | is_headteacher,
    "partnership.manage_surveys": is_officer_or_admin,
    "partnership.answer_surveys": is_headteacher,
    # Peer review (DESIGN.md §4, third row). Findings belong to the host school: its head and
    # the review team see them; LA officers only when the host shares them with the LA; board
    # members only anonymised themes. Administrators see everything.
    "reviews.view_programme": is_officer_or_admin | is_headteacher | is_system_leader,
    "reviews.view_review": is_officer_or_admin | hosts_the_review | on_the_review_team,
    "reviews.view_findings": is_admin
    | hosts_the_review
    | on_the_review_team
    | (is_officer & review_shared_with_la),
    "reviews.edit_self_evaluation": hosts_the_review & _review_in("planned", "in_progress"),
    "reviews.edit_findings": on_the_review_team & review_in_progress,
    "reviews.manage_team": (is_officer_or_admin | hosts_the_review)
    & _review_in("planned", "in_progress"),
    "reviews.edit_schedule": is_officer_or_admin & review_planned,
    "reviews.start_review": (is_officer_or_admin | hosts_the_review | leads_the_review)
    & review_planned,
    "reviews.submit_draft": leads_the_review & review_in_progress,
    "reviews.agree_report": hosts_the_review & review_draft,
    "reviews.return_draft": hosts_the_review & review_draft,
    "reviews.edit_workshop": hosts_the_review & review_agreed,
    "reviews.close_review": (is_officer_or_admin | hosts_the_review) & review_agreed,
    "reviews.set_sharing": hosts_the_review,
    "reviews.raise_support": hosts_the_review & review_finished,
    "reviews.manage_programme": is_officer_or_admin,
    "reviews.view_themes": is_officer_or_admin | is_board_member,
    # Reports (DESIGN.md §4, last rows): officers write and publish committee reports and the
    # journal; board members read published committee reports; every role the published
    # journal; anyone who may see a school can have its profile drawn for them.
    "reports.view_reports": has_any_role,
    "reports.manage_committee_reports": is_officer_or_admin,
    "reports.view_committee_report": is_officer_or_admin | may_read_committee_report,
    "reports.manage_journal": is_officer_or_admin,
    "reports.view_journal_issue": is_officer_or_admin | (has_any_role & journal_is_published),
    "reports.school_profile": has_any_role,
    "reports.view_job": is_officer_or_admin | requested_the_job | may_read_report_file,
    "reports.run_job_again": is_officer_or_admin | requested_the_job,
    "reports.download": may_read_report_file,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)


def scope_schools(user, queryset: QuerySet) -> QuerySet:
    """The schools a user may see: the whole register for any role, nothing without one."""
    if has_any_role(user):
        return queryset
    return queryset.none()


def scope_risk_assessments(user, queryset: QuerySet) -> QuerySet:
    """Risk history: all for officers and administrators, their own school for a head."""
    if is_officer_or_admin(user):
        return queryset
    if is_headteacher(user):
        return queryset.filter(school_id__in=user.school_ids)
    return queryset.none()


def scope_visits(user, queryset: QuerySet) -> QuerySet:
    """Records of visits: all for officers; a head sees their school's once shared."""
    if is_officer_or_admin(user):
        return queryset
    if is_headteacher(user):
        return queryset.filter(school_id__in=user.school_ids, shared_at__isnull=False)
    return queryset.none()


def scope_import_runs(user, queryset: QuerySet) -> QuerySet:
    if is_officer_or_admin(user):
        return queryset
    return queryset.none()


def scope_leaders(user, queryset: QuerySet) -> QuerySet:
    """The directory for officers; a system leader sees their own record."""
    if is_officer_or_admin(user):
        return queryset
    if user.is_authenticated and user.person_id is not None:
        return queryset.filter(person_id=user.person_id)
    return queryset.none()


def scope_support_requests(user, queryset: QuerySet) -> QuerySet:
    """All for officers; a headteacher their own school's."""
    if is_officer_or_admin(user):
        return queryset
    if is_headteacher(user):
        return queryset.filter(school_id__in=user.school_ids)
    return queryset.none()


def scope_deployments(user, queryset: QuerySet) -> QuerySet:
    """All for officers; a leader the deployments they are on; a head their school's."""
    if is_officer_or_admin(user):
        return queryset
    condition = Q(pk__in=[])
    if is_system_leader(user) and user.person_id is not None:
        condition |= Q(assignments__leader__person_id=user.person_id)
    if is_headteacher(user):
        condition |= Q(school_id__in=user.school_ids)
    return queryset.filter(condition).distinct()


def scope_reviews(user, queryset: QuerySet) -> QuerySet:
    """Every review (its schedule, not its findings) for officers; otherwise the reviews of
    the head's own school and those the user is on the team of. Nobody else's exist."""
    if is_officer_or_admin(user):
        return queryset
    condition = Q(pk__in=[])
    if is_headteacher(user):
        condition |= Q(host_school_id__in=user.school_ids)
    if user.is_authenticated and user.person_id is not None:
        condition |= Q(
            pk__in=TeamMember.objects.filter(person_id=user.person_id).values("review_id")
        )
    return queryset.filter(condition)


def scope_reviews_with_findings(user, queryset: QuerySet) -> QuerySet:
    """The reviews whose findings the user may read: the rule of `reviews.view_findings`."""
    if is_admin(user):
        return queryset
    condition = Q(pk__in=[])
    if is_officer(user):
        condition |= Q(sharing="la")
    if is_headteacher(user):
        condition |= Q(host_school_id__in=user.school_ids)
    if user.is_authenticated and user.person_id is not None:
        condition |= Q(
            pk__in=TeamMember.objects.filter(person_id=user.person_id).values("review_id")
        )
    return queryset.filter(condition)


def scope_events(user, queryset: QuerySet) -> QuerySet:
    """All events for officers; otherwise those whose audience includes the user's roles."""
    if is_officer_or_admin(user):
        return queryset
    audiences = []
    if is_headteacher(user):
        audiences.append("headteachers")
    if is_system_leader(user):
        audiences.append("system_leaders")
    if not audiences:
        return queryset.none()
    return queryset.filter(audience__in=["everyone", *audiences])


def scope_bookings(user, queryset: QuerySet) -> QuerySet:
    """All bookings for officers; otherwise the user's own and those for their schools."""
    if is_officer_or_admin(user):
        return queryset
    condition = Q(pk__in=[])
    if user.is_authenticated and user.person_id is not None:
        condition |= Q(person_id=user.person_id)
    if is_headteacher(user):
        condition |= Q(school_id__in=user.school_ids)
    return queryset.filter(condition)


def scope_boards(user, queryset: QuerySet) -> QuerySet:
    """All boards for officers; a board member the boards they sit on now."""
    from django.utils import timezone

    if is_officer_or_admin(user):
        return queryset
    if not is_board_member(user) or user.person_id is None:
        return queryset.none()
    today = timezone.localdate()
    return queryset.filter(
        Q(members__ends_on__isnull=True) | Q(members__ends_on__gte=today),
        members__person_id=user.person_id,
    ).distinct()


def scope_case_studies(user, queryset: QuerySet) -> QuerySet:
    """Published ones for every role; officers all; a head also their own schools' drafts."""
    if is_officer_or_admin(user):
        return queryset
    if not has_any_role(user):
        return queryset.none()
    condition = Q(status="published")
    if is_headteacher(user):
        condition |= Q(school_id__in=user.school_ids)
    return queryset.filter(condition)


def scope_committee_reports(user, queryset: QuerySet) -> QuerySet:
    """All for officers; a board member those with a finished published version for a board
    they sit on (or for no particular board)."""
    from django.utils import timezone

    if is_officer_or_admin(user):
        return queryset
    if not is_board_member(user):
        return queryset.none()
    today = timezone.localdate()
    sits = Q(board__isnull=True)
    if user.person_id is not None:
        sits |= Q(
            Q(board__members__ends_on__isnull=True) | Q(board__members__ends_on__gte=today),
            board__members__person_id=user.person_id,
        )
    return queryset.filter(sits, versions__job__status="done").distinct()


def scope_journal_issues(user, queryset: QuerySet) -> QuerySet:
    """All for officers; published issues for every other role."""
    if is_officer_or_admin(user):
        return queryset
    if not has_any_role(user):
        return queryset.none()
    return queryset.filter(status="published")


def scope_users(user, queryset: QuerySet) -> QuerySet:
    """The accounts a user may manage: all for officers and administrators."""
    if is_officer_or_admin(user):
        return queryset
    return queryset.none()


def scope_access_events(user, queryset: QuerySet) -> QuerySet:
    """The access log is for administrators (information governance) only."""
    if is_admin(user):
        return queryset
    return queryset.none()


def assignable_roles(user) -> list[tuple[str, str]]:
    """Roles the user may grant: officers may grant any role but administrator."""
    if is_admin(user):
        return list(Role.choices)
    if is_officer(user):
        return [(code, label) for code, label in Role.choices if code != Role.ADMIN]
    return []
