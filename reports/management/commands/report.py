"""`report committee|journal|school … --out FILE.pdf`: draw a report from the command line.

The same code as the worker draws the same PDF (reports/rendering.py); nothing is stored in the
service and no job is recorded.

    manage.py report committee 12 --out report.pdf [--draft] [--appendix]
    manage.py report journal 2026 autumn --out journal.pdf [--draft]
    manage.py report school 100001 --as officer@example.org --out profile.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnership.refusals import Refused
from reports.models import CommitteeReport, JournalIssue, ReportJob
from reports.rendering import render_job


class Command(BaseCommand):
    help = "Draw a committee report, a journal issue or a school profile as a PDF."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(
            dest="kind", required=True, metavar="committee|journal|school"
        )
        committee = kinds.add_parser("committee", help="A committee report, by its number.")
        committee.add_argument("report", type=int)
        committee.add_argument("--draft", action="store_true", help="With the DRAFT watermark.")
        committee.add_argument(
            "--appendix", action="store_true", help="The exempt appendix instead of the report."
        )
        journal = kinds.add_parser("journal", help="A journal issue: the year it began and term.")
        journal.add_argument("year", type=int, help="e.g. 2026 for 2026/27")
        journal.add_argument("term", choices=[t for t, _ in JournalIssue.Term.choices])
        journal.add_argument("--draft", action="store_true")
        school = kinds.add_parser("school", help="A school profile, by URN.")
        school.add_argument("urn", type=int)
        school.add_argument(
            "--as", dest="viewer", required=True, help="The email of the account to draw it for."
        )
        for sub in (committee, journal, school):
            sub.add_argument("--out", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        job = self._job(options)
        try:
            pdf = render_job(job)
        except Refused as refusal:
            raise CommandError(refusal.message) from None
        out = Path(options["out"])
        try:
            out.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror or error}") from None
        self.stdout.write(f"Wrote {out} ({len(pdf):,} bytes): {job.title}")

    def _job(self, options) -> ReportJob:
        kind = options["kind"]
        if kind == "committee":
            report = CommitteeReport.objects.filter(pk=options["report"]).first()
            if report is None:
                raise CommandError(f"There is no committee report {options['report']}.")
            draft = options["draft"]
            return ReportJob(
                kind=ReportJob.Kind.EXEMPT if options["appendix"] else ReportJob.Kind.COMMITTEE,
                title=report.subject,
                parameters={"report": report.pk, "revision": report.revision, "draft": draft},
            )
        if kind == "journal":
            issue = JournalIssue.objects.filter(
                academic_year=options["year"], term=options["term"]
            ).first()
            if issue is None:
                raise CommandError(
                    f"There is no {options['term']} {options['year']} issue of the journal."
                )
            return ReportJob(
                kind=ReportJob.Kind.JOURNAL,
                title=str(issue),
                parameters={"issue": issue.pk, "draft": options["draft"]},
            )
        from partnership.models import User

        viewer = User.objects.filter(email__iexact=options["viewer"], is_active=True).first()
        if viewer is None:
            raise CommandError(f"There is no active account {options['viewer']}.")
        if not viewer.has_perm("reports.school_profile"):
            raise CommandError(f"{options['viewer']} may not see school profiles.")
        return ReportJob(
            kind=ReportJob.Kind.SCHOOL,
            title=f"School profile {options['urn']}",
            parameters={"urn": options["urn"], "viewer": viewer.pk},
        )
