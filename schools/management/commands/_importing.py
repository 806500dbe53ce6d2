"""What import_gias and import_ofsted share: the run record, the progress bar, the exit code."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schools.imports import run_import
from schools.models import ImportRun


class ProgressBar:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.last = -1
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live or not total:
            return
        percent = min(100, int(100 * done / total))
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% of {total / 1_000_000:.1f} MB")
        if percent == 100:
            self.stream.write("\n")
        self.stream.flush()


class ImportCommand(BaseCommand):
    kind: str

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file, as downloaded")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without changing anything",
        )

    def run(self, path: str, *, dry_run: bool, la_codes: list[int] | None = None) -> None:
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"No such file: {path}")
        run = ImportRun.objects.create(
            kind=self.kind, file_name=file_path.name, la_codes=la_codes or [], source="command"
        )
        with file_path.open("rb") as handle:
            result = run_import(run, handle, dry_run=dry_run, progress=ProgressBar())
        run.refresh_from_db()
        if result is not None:
            for line in result.lines():
                self.stdout.write(line)
        if run.state == ImportRun.State.FAILED:
            if result is None:
                for problem in run.problems[:50]:
                    self.stderr.write(f"  row {problem['row']}: {problem['reason']}")
            raise CommandError(run.error)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was changed."))
        else:
            self.stdout.write(self.style.SUCCESS("Import applied."))
