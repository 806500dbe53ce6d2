"""Boards and groups: the action log, overdue actions and board documents.

Uploads are checked here: an allowed type whose content matches its extension, within the
size limit; the stored name is chosen by the server, never taken from the upload.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import BoardAction, BoardDocument
from .refusals import Refused

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Extension -> the bytes such a file starts with (Office and OpenDocument files are zips).
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".txt": (b"",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain; charset=utf-8",
}


class BoardRefused(Refused):
    """A request the rules refuse; the message says why, for the user."""


def check_document(upload) -> tuple[str, bytes]:
    """(extension, content) of an acceptable upload, or BoardRefused naming the problem."""
    name = Path(upload.name or "").name
    extension = Path(name).suffix.lower()
    if extension not in SIGNATURES:
        allowed = ", ".join(sorted(ext.lstrip(".").upper() for ext in SIGNATURES))
        raise BoardRefused(f"{name} is not a file type the service keeps ({allowed}).", "file")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise BoardRefused(
            f"{name} is {upload.size / 1024 / 1024:.1f} MB: the largest document is "
            f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB.",
            "file",
        )
    content = upload.read()
    if not content:
        raise BoardRefused(f"{name} is empty.", "file")
    if not content.startswith(SIGNATURES[extension]):
        raise BoardRefused(
            f"{name} does not contain what its name says ({extension}): save it again as a "
            f"real {extension.lstrip('.').upper()} file.",
            "file",
        )
    if extension == ".txt":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise BoardRefused(f"{name} is not UTF-8 text.", "file") from None
    return extension, content


@transaction.atomic
def document_add(*, board, upload, kind: str, title: str, by, meeting=None) -> BoardDocument:
    extension, content = check_document(upload)
    document = BoardDocument(
        board=board,
        meeting=meeting,
        kind=kind,
        title=title,
        original_name=Path(upload.name).name[:255],
        uploaded_by=by,
    )
    # The server chooses the stored name.
    document.file.save(f"{uuid.uuid4().hex}{extension}", ContentFile(content), save=False)
    document.save()
    return document


def overdue(actions: QuerySet[BoardAction], today=None) -> QuerySet[BoardAction]:
    today = today or timezone.localdate()
    return actions.filter(status=BoardAction.Status.OPEN, due_on__lt=today)


@transaction.atomic
def action_update(*, action: BoardAction, status: str, update: str) -> BoardAction:
    if status not in BoardAction.Status.values:
        raise BoardRefused("Select the action's status", "status")
    action.status, action.update = status, update
    action.closed_on = timezone.localdate() if status != BoardAction.Status.OPEN else None
    action.save(update_fields=["status", "update", "closed_on"])
    return action
