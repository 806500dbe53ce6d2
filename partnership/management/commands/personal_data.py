"""`personal_data EMAIL --out FILE.json`: everything held about one person (subject access)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnership.models import User
from partnership.personal_data import subject_access_json


class Command(BaseCommand):
    help = "Export everything the service holds about the person with this account, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--out", required=True, help="The JSON file to write.")

    def handle(self, *args, email, out, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no account {email}.")
        Path(out).write_text(subject_access_json(user), encoding="utf-8")
        self.stdout.write(f"Wrote everything held about {user.full_name} to {out}")
