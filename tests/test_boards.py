"""Boards and groups: who sees which board, the action log, meetings and documents."""

import html
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnership import boards
from partnership.models import Board, BoardAction, BoardMember, Meeting, MeetingAttendance

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def board(users):
    board = Board.objects.create(name="Strategic Education Partnership Board", purpose="Steer.")
    BoardMember.objects.create(
        board=board, person=users["board_member"].person, role="chair", starts_on=date(2025, 9, 1)
    )
    return board


def test_a_board_member_sees_only_the_boards_they_sit_on(client_for, users, board):
    other = Board.objects.create(name="System Leadership Group", purpose="Lead.")
    former = Board.objects.create(name="Old board", purpose="Gone.")
    BoardMember.objects.create(
        board=former,
        person=users["board_member"].person,
        starts_on=date(2020, 9, 1),
        ends_on=date(2023, 8, 31),
    )
    client = client_for("board_member")
    page = text(client.get(reverse("boards:list")))
    assert board.name in page
    assert other.name not in page and former.name not in page
    assert client.get(reverse("boards:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("boards:detail", args=[former.pk])).status_code == 404


def test_an_action_needs_an_owner_from_the_board(client_for, users, board):
    client = client_for("officer")
    data = {"description": "Report on attendance", "due_on_0": "1", "due_on_1": "3",
            "due_on_2": "2027"}  # fmt: skip
    response = client.post(reverse("boards:action_new", args=[board.pk]), data)
    assert "every action needs an owner" in text(response)
    outsider = PersonFactory()
    response = client.post(
        reverse("boards:action_new", args=[board.pk]), {**data, "owner": outsider.pk}
    )
    assert "Select a member of the board as the owner" in text(response)
    assert not BoardAction.objects.exists()
    client.post(
        reverse("boards:action_new", args=[board.pk]),
        {**data, "owner": users["board_member"].person_id},
    )
    assert BoardAction.objects.get().owner == users["board_member"].person


def test_overdue_actions_are_listed_until_done(client_for, users, board):
    owner = users["board_member"].person
    late = BoardAction.objects.create(
        board=board, description="Late report", owner=owner, due_on=date(2026, 1, 5)
    )
    BoardAction.objects.create(
        board=board,
        description="Future report",
        owner=owner,
        due_on=timezone.localdate() + timedelta(days=30),
    )
    client = client_for("board_member")
    page = text(client.get(reverse("boards:overdue")))
    assert "Late report" in page and "Future report" not in page
    client_for("officer").post(
        reverse("boards:action", args=[board.pk, late.pk]), {"status": "done", "update": "Sent."}
    )
    late.refresh_from_db()
    assert late.status == "done" and late.closed_on == timezone.localdate()
    assert "Late report" not in text(client_for("board_member").get(reverse("boards:overdue")))


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("minutes.pdf", b"just text pretending", "does not contain what its name says"),
        ("minutes.exe", b"MZ...", "is not a file type the service keeps"),
        ("minutes.docx", b"", "is empty"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_stored(
    client_for, board, name, content, message, tmp_path
):
    response = client_for("officer").post(
        reverse("boards:document_new", args=[board.pk]),
        {"kind": "minutes", "title": "Minutes", "file": SimpleUploadedFile(name, content)},
    )
    assert message in text(response)
    assert not board.documents.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_a_large_document_is_refused(board, users):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * (boards.MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(boards.BoardRefused, match="the largest document is 10 MB"):
        boards.document_add(
            board=board, upload=upload, kind="paper", title="Big", by=users["officer"]
        )


def test_documents_are_stored_under_a_server_name_and_served_only_to_the_board(
    client_for, users, board
):
    document = boards.document_add(
        board=board,
        upload=SimpleUploadedFile("../../etc/Terms of reference.pdf", b"%PDF-1.4 terms"),
        kind="terms",
        title="Terms of reference",
        by=users["officer"],
    )
    assert "Terms" not in document.file.name and ".." not in document.file.name
    assert document.original_name == "Terms of reference.pdf"
    url = reverse("boards:document", args=[board.pk, document.pk])
    response = client_for("board_member").get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 terms"
    assert client_for("headteacher").get(url).status_code == 403
    other = Board.objects.create(name="Other", purpose="x")
    assert (
        client_for("board_member")
        .get(reverse("boards:document", args=[other.pk, document.pk]))
        .status_code
        == 404
    )


def test_meeting_attendance_and_minutes(client_for, users, board):
    meeting = Meeting.objects.create(board=board, held_at=timezone.now(), venue="Town hall")
    member = users["board_member"].person
    response = client_for("officer").post(
        reverse("boards:meeting", args=[board.pk, meeting.pk]),
        {
            "held_on_0": str(timezone.localdate().day),
            "held_on_1": str(timezone.localdate().month),
            "held_on_2": str(timezone.localdate().year),
            "starts": "16:00",
            "venue": "Town hall",
            "minutes": "1. Apologies. 2. Attendance report noted.",
            f"attendance-{member.pk}": "apologies",
        },
    )
    assert response.status_code == 302
    assert MeetingAttendance.objects.get().status == "apologies"
    page = text(
        client_for("board_member").get(reverse("boards:meeting", args=[board.pk, meeting.pk]))
    )
    assert "Attendance report noted." in page
    assert "Apologies" in page
