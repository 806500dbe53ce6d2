"""Every URL × every role × GET and POST, walked from the URL configuration.

A URL that is added without rows here fails `test_every_url_has_rows`, so no page can be
published without a decision about who may use it (DESIGN.md §4).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = [
    None,  # anonymous
    "officer",
    "headteacher",
    "other_headteacher",
    "system_leader",  # the leader on the deployment and on the review team
    "other_system_leader",  # a system leader on neither
    "board_member",
    "admin",
    "no_role",
]
SIGNED_IN = [role for role in ROLES if role is not None]
ANY_ROLE = [role for role in SIGNED_IN if role != "no_role"]

LOGIN = "login"  # a redirect to the sign-in page
REDIRECT = "redirect"  # a redirect elsewhere


def rows(allowed, ok=200, denied=403, anonymous=LOGIN, post=405, post_denied=None):
    """Expected GET and POST outcome per role: `allowed` get `ok`, other signed-in get `denied`."""
    post_denied = post_denied if post_denied is not None else denied
    expected = {}
    for role in ROLES:
        if role is None:
            expected[role] = {"GET": anonymous, "POST": anonymous}
        elif role in allowed:
            expected[role] = {"GET": ok, "POST": post}
        else:
            expected[role] = {"GET": denied, "POST": post_denied}
    return expected


def per_role(**outcomes):
    """Expected (GET, POST) per signed-in role; anonymous users go to the sign-in page.

    Another system leader (on neither the deployment nor the review) is expected to fare as
    the system leader on them unless the row says otherwise."""
    outcomes.setdefault("other_system_leader", outcomes.get("system_leader"))
    expected = {None: {"GET": LOGIN, "POST": LOGIN}}
    for role, (get, post) in outcomes.items():
        expected[role] = {"GET": get, "POST": post}
    return expected


def public(get=200, post=405):
    return {role: {"GET": get, "POST": post} for role in ROLES}


OFFICERS = ["officer", "admin"]
REQUESTERS = ["officer", "admin", "headteacher", "other_headteacher"]
SUPPORT = [*REQUESTERS, "system_leader", "other_system_leader"]

# url name -> (kwargs builder, expectations). Kwargs builders take the fixtures dict.
MATRIX = {
    "dashboard": (None, rows(SIGNED_IN)),
    "login": (
        None,
        {
            role: {"GET": 200, "POST": 200} if role is None else {"GET": REDIRECT, "POST": REDIRECT}
            for role in ROLES
        },
    ),
    "logout": (None, {role: {"GET": 405, "POST": LOGIN} for role in ROLES}),
    "profile": (None, rows(SIGNED_IN)),
    "password_change": (None, rows(SIGNED_IN, post=200)),
    "password_reset": (None, public(post=200)),
    "password_reset_done": (None, public()),
    "password_reset_confirm": (
        lambda f: {"uidb64": "MQ", "token": "expired-token"},
        public(post=200),
    ),
    "password_reset_complete": (None, public()),
    "access_log": (None, rows(["admin"])),
    "users:list": (None, rows(OFFICERS)),
    "users:create": (None, rows(OFFICERS, post=200)),
    "users:detail": (lambda f: {"pk": f["users"]["headteacher"].pk}, rows(OFFICERS)),
    "users:personal_data": (lambda f: {"pk": f["users"]["headteacher"].pk}, rows(["admin"])),
    "users:edit": (lambda f: {"pk": f["users"]["headteacher"].pk}, rows(OFFICERS, post=200)),
    "users:invite": (
        lambda f: {"pk": f["users"]["headteacher"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "schools:list": (None, rows(ANY_ROLE)),
    "schools:detail": (lambda f: {"urn": f["school"].urn}, rows(ANY_ROLE)),
    "health": (None, public()),
    "schools:export": (lambda f: {"fmt": "csv"}, rows(ANY_ROLE)),
    "schools:risk_reviews": (None, rows(OFFICERS)),
    "schools:risk_assess": (lambda f: {"urn": f["school"].urn}, rows(OFFICERS, post=200)),
    "schools:imports": (None, rows(OFFICERS)),
    "schools:import_new": (None, rows(OFFICERS, post=200)),
    "schools:import": (lambda f: {"pk": f["import_run"].pk}, rows(OFFICERS)),
    "schools:import_apply": (
        lambda f: {"pk": f["import_run"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    # A shared record of a visit to the headteacher's school: LA officers and that head see it;
    # anyone else with a role is told it does not exist.
    "schools:visit": (
        lambda f: {"pk": f["shared_visit"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            other_headteacher=(404, 405),
            system_leader=(404, 405),
            board_member=(404, 405),
            no_role=(403, 403),
        ),
    ),
    "schools:visit_respond": (
        lambda f: {"pk": f["shared_visit"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),  # administrators may do everything (DESIGN.md §4)
            headteacher=(200, 200),
            other_headteacher=(404, 404),
            system_leader=(404, 404),
            board_member=(404, 404),
            no_role=(403, 403),
        ),
    ),
    "schools:visit_new": (lambda f: {"urn": f["school"].urn}, rows(OFFICERS, post=200)),
    "schools:visit_edit": (lambda f: {"pk": f["draft_visit"].pk}, rows(OFFICERS, post=200)),
    "schools:visit_share": (
        lambda f: {"pk": f["draft_visit"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    # System leaders and brokerage.
    "leaders:list": (None, rows(OFFICERS)),
    "leaders:create": (None, rows(OFFICERS, post=200)),
    "leaders:detail": (
        lambda f: {"pk": f["leader"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            system_leader=(200, 405),  # their own record
            headteacher=(404, 405),
            other_headteacher=(404, 405),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "leaders:edit": (lambda f: {"pk": f["leader"].pk}, rows(OFFICERS, post=200)),
    "leaders:designation_new": (lambda f: {"pk": f["leader"].pk}, rows(OFFICERS, post=200)),
    "support:list": (None, rows(SUPPORT)),
    "support:request_new": (None, rows(REQUESTERS, post=200)),
    "support:request": (
        lambda f: {"pk": f["support_request"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            other_headteacher=(404, 405),
            system_leader=(404, 405),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "support:deploy": (lambda f: {"pk": f["support_request"].pk}, rows(OFFICERS, post=200)),
    "support:withdraw": (
        lambda f: {"pk": f["support_request"].pk},
        per_role(
            officer=(405, REDIRECT),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),  # the request is for their school
            other_headteacher=(405, 404),
            system_leader=(405, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "support:deployments": (None, rows(SUPPORT)),
    "support:deployment": (
        lambda f: {"pk": f["deployment"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            system_leader=(200, 405),
            other_headteacher=(404, 405),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "support:deployment_edit": (
        lambda f: {"pk": f["deployment"].pk},
        rows(OFFICERS, post=200),
    ),
    "support:visit_log": (
        lambda f: {"pk": f["deployment"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            system_leader=(200, 200),  # a leader on the deployment
            headteacher=(403, 403),  # sees the support, does not log it
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "support:milestone_new": (lambda f: {"pk": f["deployment"].pk}, rows(OFFICERS, post=200)),
    "support:milestone": (
        lambda f: {"pk": f["deployment"].pk, "milestone": f["milestone"].pk},
        rows(OFFICERS, post=200),
    ),
    "support:close": (lambda f: {"pk": f["deployment"].pk}, rows(OFFICERS, post=200)),
    "support:add_leader": (lambda f: {"pk": f["deployment"].pk}, rows(OFFICERS, post=200)),
    "support:allocate": (lambda f: {"pk": f["deployment"].pk}, rows(OFFICERS, post=200)),
    "support:funding": (None, rows(OFFICERS)),
    "support:funding_new": (None, rows(OFFICERS, post=200)),
    "support:fund": (lambda f: {"pk": f["fund"].pk}, rows(OFFICERS)),
    # Peer review (DESIGN.md §4, third row). The review is hosted by the headteacher's school,
    # led by the system leader, in progress, contributing to anonymised themes (so not shared
    # with the LA): officers see its schedule but not its findings.
    "reviews:home": (None, rows(SUPPORT)),
    "reviews:review": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            system_leader=(200, 405),
            other_headteacher=(404, 405),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:self_evaluation": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, REDIRECT),
            headteacher=(200, REDIRECT),  # an empty form is a saved draft
            system_leader=(403, 403),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:findings": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, REDIRECT),
            headteacher=(403, 403),  # the host writes its self-evaluation, not the findings
            system_leader=(200, REDIRECT),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:priorities": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),
            headteacher=(403, 403),
            system_leader=(200, 200),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:priority_support": (
        lambda f: {"pk": f["agreed_review"].pk, "priority": f["priority"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),
            headteacher=(200, 200),
            system_leader=(403, 403),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:team": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            headteacher=(200, 200),
            system_leader=(403, 403),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:team_remove": (
        lambda f: {"pk": f["review"].pk, "member": f["team_member"].pk},
        per_role(
            officer=(405, REDIRECT),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),
            system_leader=(405, 403),
            other_headteacher=(405, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:schedule": (
        lambda f: {"pk": f["planned_review"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            headteacher=(403, 403),
            system_leader=(404, 404),  # not on this review's team
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:move": (
        lambda f: {"pk": f["review"].pk, "action": "submit"},
        per_role(
            officer=(405, 403),
            admin=(405, REDIRECT),
            headteacher=(405, 403),
            system_leader=(405, REDIRECT),  # the lead reviewer sends the draft report
            other_headteacher=(405, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:sharing": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),
            headteacher=(200, 200),
            system_leader=(403, 403),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:workshop": (
        lambda f: {"pk": f["agreed_review"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),
            headteacher=(200, 200),
            system_leader=(403, 403),
            other_headteacher=(404, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:pdf": (
        lambda f: {"pk": f["review"].pk},
        per_role(
            officer=(403, 405),  # not shared with the LA
            admin=(200, 405),
            headteacher=(200, 405),
            system_leader=(200, 405),
            other_headteacher=(404, 405),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "reviews:themes": (None, rows([*OFFICERS, "board_member"])),
    "reviews:cycles": (None, rows(OFFICERS)),
    "reviews:cycle_new": (None, rows(OFFICERS, post=200)),
    "reviews:cycle": (lambda f: {"pk": f["cycle"].pk}, rows(OFFICERS)),
    "reviews:cycle_edit": (lambda f: {"pk": f["cycle"].pk}, rows(OFFICERS, post=200)),
    "reviews:cluster_new": (lambda f: {"pk": f["cycle"].pk}, rows(OFFICERS, post=200)),
    "reviews:cluster_edit": (
        lambda f: {"pk": f["cycle"].pk, "cluster": f["cluster"].pk},
        rows(OFFICERS, post=200),
    ),
    "reviews:clusters_copy": (
        lambda f: {"pk": f["cycle"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reviews:conflict_new": (lambda f: {"pk": f["cycle"].pk}, rows(OFFICERS, post=200)),
    "reviews:generate": (lambda f: {"pk": f["cycle"].pk}, rows(OFFICERS, post=REDIRECT)),
    "reviews:frameworks": (None, rows(OFFICERS)),
    "reviews:framework": (lambda f: {"pk": f["framework"].pk}, rows(OFFICERS)),
    "reviews:framework_version": (
        lambda f: {"pk": f["framework"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reviews:area_new": (lambda f: {"pk": f["draft_framework"].pk}, rows(OFFICERS, post=200)),
    "reviews:area_edit": (
        lambda f: {"pk": f["draft_framework"].pk, "area": f["draft_area"].pk},
        rows(OFFICERS, post=200),
    ),
    "reviews:scale_new": (None, rows(OFFICERS, post=200)),
    "reviews:training": (None, rows(OFFICERS)),
    "reviews:training_new": (None, rows(OFFICERS, post=200)),
    "reviews:training_session": (lambda f: {"pk": f["training"].pk}, rows(OFFICERS, post=200)),
    # Events and training: for headteachers and system leaders (by audience) and officers.
    "events:list": (None, rows(SUPPORT)),
    "events:create": (None, rows(OFFICERS, post=200)),
    "events:feed": (lambda f: {"token": f["feed_token"]}, public()),  # the token signs in
    "events:detail": (lambda f: {"pk": f["event"].pk}, rows(SUPPORT, post=200)),
    "events:edit": (lambda f: {"pk": f["event"].pk}, rows(OFFICERS, post=200)),
    "events:cancel": (lambda f: {"pk": f["event"].pk}, rows(OFFICERS, post=200)),
    "events:attendance": (lambda f: {"pk": f["event"].pk}, rows(OFFICERS, post=REDIRECT)),
    "events:ics": (lambda f: {"pk": f["event"].pk}, rows(SUPPORT)),
    "partnership_home": (None, rows(ANY_ROLE)),
    # CPD offers: every role reads; officers and heads post; the poster or an officer changes.
    "cpd:list": (None, rows(ANY_ROLE)),
    "cpd:create": (None, rows(REQUESTERS, post=200)),
    "cpd:detail": (lambda f: {"pk": f["cpd"].pk}, rows(ANY_ROLE)),
    "cpd:edit": (
        lambda f: {"pk": f["cpd"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            headteacher=(200, 200),  # posted it
            other_headteacher=(403, 403),
            system_leader=(403, 403),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "cpd:withdraw": (
        lambda f: {"pk": f["cpd"].pk},
        per_role(
            officer=(405, REDIRECT),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),
            other_headteacher=(405, 403),
            system_leader=(403, 403),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    # Good practice: the head's school's draft; published ones for all.
    "good_practice:list": (None, rows(ANY_ROLE)),
    "good_practice:create": (
        None,
        rows([*OFFICERS[1:], "headteacher", "other_headteacher"], post=200),
    ),
    "good_practice:detail": (
        lambda f: {"pk": f["case_study"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            other_headteacher=(404, 405),  # not published yet
            system_leader=(404, 405),
            board_member=(404, 405),
            no_role=(403, 403),
        ),
    ),
    "good_practice:edit": (
        lambda f: {"pk": f["case_study"].pk},
        per_role(
            officer=(403, 403),
            admin=(200, 200),
            headteacher=(200, 200),
            other_headteacher=(404, 404),
            system_leader=(403, 403),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "good_practice:submit": (
        lambda f: {"pk": f["case_study"].pk},
        per_role(
            officer=(403, 403),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),
            other_headteacher=(405, 404),
            system_leader=(403, 403),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "good_practice:review": (
        lambda f: {"pk": f["submitted_study"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            headteacher=(403, 403),
            other_headteacher=(404, 404),
            system_leader=(404, 404),
            board_member=(404, 404),
            no_role=(403, 403),
        ),
    ),
    "projects:list": (None, rows(OFFICERS)),
    "projects:create": (None, rows(OFFICERS, post=200)),
    "projects:detail": (lambda f: {"pk": f["project"].pk}, rows(OFFICERS, post=200)),
    "projects:edit": (lambda f: {"pk": f["project"].pk}, rows(OFFICERS, post=200)),
    "self_evaluation:list": (None, rows(OFFICERS, post=200)),
    "self_evaluation:detail": (lambda f: {"pk": f["self_evaluation"].pk}, rows(OFFICERS)),
    "self_evaluation:entry": (
        lambda f: {"pk": f["self_evaluation"].pk, "criterion": 1},
        rows(OFFICERS, post=REDIRECT),  # every answer is optional: an empty form saves
    ),
    "self_evaluation:finalise": (
        lambda f: {"pk": f["self_evaluation"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    # Boards and groups: officers run them; the board member sits on this board.
    "boards:list": (None, rows([*OFFICERS, "board_member"])),
    "boards:create": (None, rows(OFFICERS, post=200)),
    "boards:overdue": (None, rows([*OFFICERS, "board_member"])),
    "boards:detail": (lambda f: {"pk": f["board"].pk}, rows([*OFFICERS, "board_member"])),
    "boards:edit": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:member_new": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:priority_new": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:action_new": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:action": (
        lambda f: {"pk": f["board"].pk, "action": f["board_action"].pk},
        rows(OFFICERS, post=200),
    ),
    "boards:document_new": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:document": (
        lambda f: {"pk": f["board"].pk, "document": f["board_document"].pk},
        rows([*OFFICERS, "board_member"]),
    ),
    "boards:meeting_new": (lambda f: {"pk": f["board"].pk}, rows(OFFICERS, post=200)),
    "boards:meeting": (
        lambda f: {"pk": f["board"].pk, "meeting": f["meeting"].pk},
        per_role(
            officer=(200, 200),
            admin=(200, 200),
            board_member=(200, 403),  # reads the minutes; does not write them
            headteacher=(403, 403),
            other_headteacher=(403, 403),
            system_leader=(403, 403),
            no_role=(403, 403),
        ),
    ),
    # Surveys: officers run them; headteachers answer for their school.
    "surveys:list": (None, rows(REQUESTERS)),
    "surveys:create": (None, rows(OFFICERS, post=200)),
    "surveys:detail": (lambda f: {"pk": f["survey"].pk}, rows(REQUESTERS)),
    "surveys:edit": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS, post=200)),
    # A school has answered, so the questions no longer change (POST goes back to the survey).
    "surveys:questions": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS, post=REDIRECT)),
    "surveys:answer": (
        lambda f: {"pk": f["survey"].pk},
        # The other head's school has answered already: told so on the survey's page.
        per_role(
            headteacher=(200, 200),
            other_headteacher=(REDIRECT, REDIRECT),
            admin=(REDIRECT, REDIRECT),  # answers only as a headteacher
            officer=(403, 403),
            system_leader=(403, 403),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    "surveys:results": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS)),
    "surveys:export": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS)),
    "surveys:remind": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS, ok=405, post=REDIRECT)),
    "surveys:theme_add": (
        lambda f: {"pk": f["survey"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "surveys:theme": (
        lambda f: {"pk": f["survey"].pk, "theme": f["survey_theme"].pk},
        rows(OFFICERS, post=200),
    ),
    "surveys:tag": (
        lambda f: {"pk": f["survey"].pk, "answer": f["survey_answer"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "surveys:action_new": (lambda f: {"pk": f["survey"].pk}, rows(OFFICERS, post=200)),
    # A governor's personal link: the signed token decides, whoever (if anyone) is signed in.
    "surveys:link_answer": (lambda f: {"token": f["governor_token"]}, public(post=200)),
    "events:booking_cancel": (
        lambda f: {"pk": f["event"].pk, "booking": f["booking"].pk},
        per_role(
            officer=(405, REDIRECT),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),  # their own booking
            other_headteacher=(405, 404),
            system_leader=(405, 404),
            board_member=(403, 403),
            no_role=(403, 403),
        ),
    ),
    # Reports: officers write and publish; board members read what is published to them;
    # every role reads the published journal; a job's page is for whoever asked (and officers).
    "reports:home": (None, rows(ANY_ROLE)),
    "reports:committee_new": (None, rows(OFFICERS, post=200)),
    "reports:committee": (
        lambda f: {"pk": f["committee_report"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            board_member=(200, 405),
            headteacher=(404, 405),
            other_headteacher=(404, 405),
            system_leader=(404, 405),
            no_role=(403, 403),
        ),
    ),
    "reports:committee_edit": (
        lambda f: {"pk": f["draft_committee_report"].pk},
        rows(OFFICERS, post=200),
    ),
    "reports:committee_draft": (
        lambda f: {"pk": f["draft_committee_report"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reports:committee_publish": (
        lambda f: {"pk": f["committee_report"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reports:journal": (None, rows(ANY_ROLE)),
    "reports:journal_new": (None, rows(OFFICERS, ok=405, post=REDIRECT)),
    "reports:journal_issue": (lambda f: {"pk": f["published_issue"].pk}, rows(ANY_ROLE)),
    "reports:journal_edit": (
        lambda f: {"pk": f["draft_issue"].pk},
        rows(OFFICERS, post=REDIRECT),
    ),
    "reports:journal_draft": (
        lambda f: {"pk": f["draft_issue"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reports:journal_publish": (
        lambda f: {"pk": f["draft_issue"].pk},
        rows(OFFICERS, ok=405, post=REDIRECT),
    ),
    "reports:job": (
        lambda f: {"pk": f["profile_job"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            headteacher=(200, 405),
            other_headteacher=(404, 405),
            system_leader=(404, 405),
            board_member=(404, 405),
            no_role=(403, 403),
        ),
    ),
    "reports:job_again": (
        lambda f: {"pk": f["failed_job"].pk},
        per_role(
            officer=(405, REDIRECT),
            admin=(405, REDIRECT),
            headteacher=(405, REDIRECT),
            other_headteacher=(405, 404),
            system_leader=(405, 404),
            board_member=(405, 404),
            no_role=(403, 403),
        ),
    ),
    "reports:download": (
        lambda f: {"pk": f["published_job"].pk},
        per_role(
            officer=(200, 405),
            admin=(200, 405),
            board_member=(200, 405),
            headteacher=(404, 405),
            other_headteacher=(404, 405),
            system_leader=(404, 405),
            no_role=(403, 403),
        ),
    ),
    "reports:school_profile": (
        lambda f: {"urn": f["school"].urn},
        rows(ANY_ROLE, ok=405, post=REDIRECT),
    ),
}

# Another system leader asking for the deployment, review or leader record of someone else:
# 404, exactly as the head of another school is (an object they may not see does not exist).
for _name in [
    "leaders:detail",
    "support:deployment",
    "support:visit_log",
    "reviews:review",
    "reviews:findings",
    "reviews:pdf",
    "reviews:move",
    "reviews:priorities",
    "reviews:priority_support",
    "reviews:self_evaluation",
    "reviews:sharing",
    "reviews:team",
    "reviews:team_remove",
    "reviews:workshop",
]:
    MATRIX[_name][1]["other_system_leader"] = dict(MATRIX[_name][1]["other_headteacher"])

# Objects that do not exist, or that the viewer may not see, are 404 for those allowed the page.
NOT_FOUND = [
    ("schools:detail", {"urn": 999999}, ANY_ROLE),
    ("users:detail", {"pk": 999999}, OFFICERS),
    ("users:edit", {"pk": 999999}, OFFICERS),
    ("schools:risk_assess", {"urn": 999999}, OFFICERS),
    ("schools:visit_new", {"urn": 999999}, OFFICERS),
    ("schools:visit", {"pk": 999999}, ANY_ROLE),
    ("schools:visit_edit", {"pk": 999999}, OFFICERS),
    ("schools:import", {"pk": 999999}, OFFICERS),
    ("leaders:detail", {"pk": 999999}, OFFICERS),
    ("leaders:edit", {"pk": 999999}, OFFICERS),
    ("support:request", {"pk": 999999}, SUPPORT),
    ("support:deploy", {"pk": 999999}, OFFICERS),
    ("support:deployment", {"pk": 999999}, SUPPORT),
    ("support:visit_log", {"pk": 999999}, SUPPORT),
    ("support:fund", {"pk": 999999}, OFFICERS),
    ("reviews:review", {"pk": 999999}, SUPPORT),
    ("reviews:pdf", {"pk": 999999}, SUPPORT),
    ("reviews:self_evaluation", {"pk": 999999}, SUPPORT),
    ("reviews:cycle", {"pk": 999999}, OFFICERS),
    ("reviews:framework", {"pk": 999999}, OFFICERS),
    ("reviews:training_session", {"pk": 999999}, OFFICERS),
    ("events:detail", {"pk": 999999}, SUPPORT),
    ("events:ics", {"pk": 999999}, SUPPORT),
    ("events:edit", {"pk": 999999}, OFFICERS),
    ("events:feed", {"token": "not-a-token"}, ANY_ROLE),
    ("surveys:detail", {"pk": 999999}, REQUESTERS),
    ("surveys:answer", {"pk": 999999}, ["headteacher"]),
    ("surveys:results", {"pk": 999999}, OFFICERS),
    ("surveys:link_answer", {"token": "forged"}, ANY_ROLE),
    ("boards:detail", {"pk": 999999}, [*OFFICERS, "board_member"]),
    ("boards:meeting", {"pk": 999999, "meeting": 1}, [*OFFICERS, "board_member"]),
    ("reports:committee", {"pk": 999999}, [*OFFICERS, "board_member"]),
    ("reports:journal_issue", {"pk": 999999}, ANY_ROLE),
    ("reports:job", {"pk": 999999}, ANY_ROLE),
    ("reports:download", {"pk": 999999}, ANY_ROLE),
]


@pytest.fixture
def matrix_objects(users, school, other_school, settings, tmp_path):
    from django.utils import timezone

    from partnership.models import Deployment, DeploymentLeader
    from schools.models import ImportRun, Visit

    officer = users["officer"]
    shared = Visit.objects.create(
        school=school,
        visited_on="2026-10-01",
        focus="Reading",
        notes="Phonics seen in Year 1.",
        officer=officer,
        shared_at=timezone.now(),
    )
    draft = Visit.objects.create(
        school=school, visited_on="2026-10-02", focus="Maths", notes="Draft.", officer=officer
    )
    run = ImportRun.objects.create(
        kind="gias", file_name="edubasealldata.csv", state=ImportRun.State.PREVIEW
    )
    from datetime import date

    from partnership.models import FundingStream, Milestone, SupportRequest

    from .factories import system_leader

    leader = system_leader(specialisms=["english"], ends_on=None)
    leader.person = users["system_leader"].person
    leader.person_id = users["system_leader"].person_id
    leader.save()
    # Another system leader, with a leader record of their own, on none of these objects.
    other_leader = system_leader(specialisms=["maths"], ends_on=None)
    other_leader.person_id = users["other_system_leader"].person_id
    other_leader.save()
    support_request = SupportRequest.objects.create(
        school=school,
        phase="primary",
        source="risk",
        description="Reading.",
        needed_from=date(2026, 9, 7),
        needed_to=date(2026, 12, 18),
        raised_by=officer,
    )
    deployment = Deployment.objects.create(
        request=support_request,
        school=school,
        starts_on=date(2026, 9, 7),
        ends_on=date(2026, 12, 18),
        objectives="Reading.",
        created_by=officer,
    )
    DeploymentLeader.objects.create(deployment=deployment, leader=leader, days_agreed=5)
    milestone = Milestone.objects.create(
        deployment=deployment, description="Phonics audit", due_on=date(2026, 10, 1)
    )
    fund = FundingStream.objects.create(
        name="Grant", amount=1000, starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)
    )
    from reviews.models import ReviewCluster, TeamMember, TrainingSession
    from reviews.services import framework_new_version

    from .factories import PersonFactory, peer_review, review_cycle, review_framework

    lead = users["system_leader"].person
    cycle = review_cycle()
    review = peer_review(school, cycle=cycle, lead=lead)
    reviewer = TeamMember.objects.create(review=review, person=PersonFactory(), role="reviewer")
    planned = peer_review(
        school,
        cycle=review_cycle("2027/28", "2027-09-01", "2028-07-21"),
        status="planned",
        starts_on="2027-10-04",
        ends_on="2027-10-04",
    )
    agreed = peer_review(
        school,
        cycle=review_cycle("2025/26", "2025-09-01", "2026-07-22"),
        status="agreed",
        lead=lead,
        starts_on="2025-11-10",
        ends_on="2025-11-11",
    )
    priority = agreed.priorities.create(description="Raise attendance.")
    draft_framework = framework_new_version(framework=review_framework())
    from datetime import timedelta

    from django.utils import timezone as tz

    from partnership import events
    from partnership.models import Booking, Event

    soon = tz.now() + timedelta(days=30)
    event = Event.objects.create(
        title="Spring briefing",
        kind="briefing",
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
        venue="Town hall",
        places=20,
        created_by=officer,
    )
    booking = Booking.objects.create(
        event=event,
        person=users["headteacher"].person,
        school=school,
        booked_by=users["headteacher"],
    )
    from partnership.models import Question, Survey, SurveyAnswer, SurveyResponse, SurveyTheme

    today = tz.localdate()
    survey = Survey.objects.create(
        title="Autumn survey",
        audience="schools",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
        created_by=officer,
    )
    question = Question.objects.create(survey=survey, order=1, text="What helps?", kind="text")
    answered = SurveyResponse.objects.create(
        survey=survey, school=other_school, submitted_by=users["other_headteacher"]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnership import boards
    from partnership import surveys as survey_rules
    from partnership.models import Board, BoardAction, BoardMember, Meeting

    settings.MEDIA_ROOT = tmp_path
    board = Board.objects.create(name="Strategic Education Partnership Board", purpose="Steer.")
    BoardMember.objects.create(
        board=board, person=users["board_member"].person, role="chair", starts_on="2025-09-01"
    )
    meeting = Meeting.objects.create(board=board, held_at=tz.now(), venue="Town hall")
    from partnership import self_evaluation
    from partnership.models import CaseStudy, CpdOffer, Project

    from .test_reports import committee_report, finished_job

    published_report = committee_report(officer, board=board)
    published_job = finished_job("committee", officer, report=published_report.pk)
    published_report.versions.create(
        number=1, revision=published_report.revision, job=published_job, published_by=officer
    )
    from reports.models import JournalIssue

    published_issue = JournalIssue.objects.create(
        academic_year=2026,
        term="autumn",
        starts_on="2026-09-01",
        ends_on="2026-12-31",
        editorial="Welcome.",
        status="published",
        job=finished_job("journal", officer),
    )
    return {
        "committee_report": published_report,
        "published_job": published_job,
        "draft_committee_report": committee_report(officer, subject="Draft report"),
        "published_issue": published_issue,
        "draft_issue": JournalIssue.objects.create(
            academic_year=2026, term="spring", starts_on="2027-01-01", ends_on="2027-03-28"
        ),
        "profile_job": finished_job("school", users["headteacher"], urn=school.urn),
        "failed_job": finished_job("school", users["headteacher"], status="failed", urn=1),
        "cpd": CpdOffer.objects.create(
            title="Phonics for Year 1",
            provider_kind="hub",
            provider_name="Riverside hub",
            description="Two twilights.",
            audience="Year 1 teachers",
            starts_on=today,
            posted_by=users["headteacher"],
        ),
        "case_study": CaseStudy.objects.create(
            school=school,
            title="Reading",
            theme="Reading",
            summary="S",
            body="B",
            author=users["headteacher"],
        ),
        "submitted_study": CaseStudy.objects.create(
            school=school,
            title="Attendance",
            theme="Attendance",
            summary="S",
            body="B",
            author=users["headteacher"],
            status="submitted",
        ),
        "project": Project.objects.create(
            title="EEF trial",
            kind="research",
            description="D",
            starts_on=today,
            lead=users["officer"].person,
        ),
        "self_evaluation": self_evaluation.version_create(by=officer, title="Autumn 2026"),
        "board": board,
        "meeting": meeting,
        "board_action": BoardAction.objects.create(
            board=board,
            description="Report on attendance",
            owner=users["board_member"].person,
            due_on=today,
        ),
        "board_document": boards.document_add(
            board=board,
            upload=SimpleUploadedFile("terms.pdf", b"%PDF-1.4 terms"),
            kind="terms",
            title="Terms of reference",
            by=officer,
        ),
        "survey": survey,
        "governor_token": survey_rules.invitation_token(
            Survey.objects.create(
                title="Governance survey",
                audience="governors",
                opens_on=today - timedelta(days=3),
                closes_on=today + timedelta(days=10),
                created_by=officer,
            ),
            PersonFactory(school=school, job_title="Chair of governors"),
        ),
        "survey_theme": SurveyTheme.objects.create(survey=survey, name="Workload"),
        "survey_answer": SurveyAnswer.objects.create(
            response=answered, question=question, text="Briefings."
        ),
        "event": event,
        "booking": booking,
        "feed_token": events.feed_token(users["officer"]),
        "review": review,
        "team_member": reviewer,
        "planned_review": planned,
        "agreed_review": agreed,
        "priority": priority,
        "cycle": cycle,
        "cluster": ReviewCluster.objects.create(cycle=cycle, name="North A"),
        "framework": review_framework(),
        "draft_framework": draft_framework,
        "draft_area": draft_framework.areas.first(),
        "training": TrainingSession.objects.create(title="Training", held_on="2026-06-01"),
        "shared_visit": shared,
        "draft_visit": draft,
        "import_run": run,
        "leader": leader,
        "support_request": support_request,
        "deployment": deployment,
        "milestone": milestone,
        "fund": fund,
    }


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def all_urls():
    return dict(walk(get_resolver().url_patterns))


def test_every_url_has_rows():
    missing = sorted(
        name for name in all_urls() if name not in MATRIX and not name.startswith("admin:")
    )
    assert not missing, f"URLs with no rows in the authorisation matrix: {missing}"
    stale = sorted(name for name in MATRIX if name not in all_urls())
    assert not stale, f"Rows for URLs that no longer exist: {stale}"
    for name, (_kwargs, expected) in MATRIX.items():
        assert set(expected) == set(ROLES), f"{name} lacks a role"
        for role, methods in expected.items():
            assert set(methods) == {"GET", "POST"}, f"{name} / {role} lacks a method"


def check(response, expected, name, role, method):
    where = f"{method} {name} as {role or 'anonymous'}"
    # Every answer, whatever it is, carries the security headers; a signed-in person's is
    # never stored by the browser or a proxy.
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"], where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    if role is not None and response.status_code != 405:
        assert "no-store" in response.get("Cache-Control", ""), where
    if expected == LOGIN:
        assert response.status_code == 302, f"{where}: {response.status_code}"
        assert response["Location"].startswith(reverse("login")), f"{where}: {response['Location']}"
    elif expected == REDIRECT:
        assert response.status_code == 302, f"{where}: {response.status_code}"
        assert not response["Location"].startswith(reverse("login")), where
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, client_for, users, school, matrix_objects):
    """Every role in turn, each from the same starting data: what one role's POST changes is
    rolled back (a savepoint) before the next role asks."""
    from django.db import transaction

    kwargs_for, expected = MATRIX[name]
    kwargs = kwargs_for({"users": users, "school": school, **matrix_objects}) if kwargs_for else {}
    url = reverse(name, kwargs=kwargs)
    for role in ROLES:
        with transaction.atomic():
            for method in ("GET", "POST"):
                client = client_for(role)
                response = client.get(url) if method == "GET" else client.post(url, {})
                check(response, expected[role][method], name, role, method)
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("name,kwargs,allowed", NOT_FOUND)
def test_missing_objects_are_not_found(name, kwargs, allowed, client_for):
    for role in allowed:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404, f"{name} as {role}"


def admin_urls():
    """Every admin URL with sample arguments taken from its pattern."""
    samples = {"app_label": "partnership", "object_id": "1", "content_type_id": "1", "id": "1"}
    for name, pattern in all_urls().items():
        if not name.startswith("admin:"):
            continue
        regex = pattern.pattern.regex
        if regex.groupindex:
            yield name, {"kwargs": {param: samples[param] for param in regex.groupindex}}
        else:
            yield name, {"args": ["1"] * regex.groups}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_admin_site_is_for_administrators_only(role, client_for):
    """Anonymous: the service's sign-in page. Other roles: 403. Administrators: no error."""
    for name, arguments in admin_urls():
        url = reverse(name, **arguments)
        for method in ("GET", "POST"):
            client = client_for(role)
            call = client.get if method == "GET" else client.post
            response = call(url, follow=True)
            where = f"{method} {url} as {role or 'anonymous'}"
            if role is None:
                assert response.resolver_match.url_name == "login", where
            elif role == "admin":
                assert response.status_code < 500, where
            elif name == "admin:logout" and method == "POST":
                # Signing out is allowed to anyone signed in; it ends at the sign-in page.
                assert response.resolver_match.url_name == "login", where
            else:
                assert response.status_code == 403, f"{where}: {response.status_code}"
