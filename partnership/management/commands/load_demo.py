"""Load the fictional borough of Harrowdale with accounts for every role."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnership.demo import demo_load
from partnership.models import Role


class Command(BaseCommand):
    help = (
        "Create or update a realistic fictional borough (Harrowdale, LA 997) with demo "
        "accounts for every role. Safe to run again. The password is DEMO_PASSWORD when set; "
        "otherwise new accounts get a generated password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even though DEBUG is off (never on a live service).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like a live service, so no demo accounts were made. "
                "Use --allow-production only on a demonstration or test install."
            )
        password = os.environ.get("DEMO_PASSWORD") or None
        result = demo_load(password=password)
        self.stdout.write(
            f"Schools: {result.schools_created} created, {result.schools_updated} updated."
        )
        register = result.register
        self.stdout.write(
            f"Register: {register['inspections_created']} inspections, "
            f"{register['risk_assessments_created']} risk assessments and "
            f"{register['visits_created']} visits created."
        )
        self.stdout.write(
            f"Support: {register['leaders']} system leaders; "
            f"{register['requests_created']} support requests created."
        )
        self.stdout.write(
            f"Peer review: {register['peer_reviews']} reviews created in two cycles. "
            f"Events: {register['events_created']} created."
        )
        self.stdout.write("Demo accounts:")
        for account, created in result.accounts:
            state = "created" if created else "updated"
            roles = ", ".join(Role(role).label for role in account.roles)
            self.stdout.write(f"  {account.email:<32} {roles:<30} ({state})")
        if password:
            self.stdout.write("Password for every demo account: the value of DEMO_PASSWORD.")
        elif result.password:
            self.stdout.write(
                self.style.WARNING(f"Password for the new demo accounts: {result.password}")
            )
        else:
            self.stdout.write("Passwords unchanged; set DEMO_PASSWORD and run again to set them.")
