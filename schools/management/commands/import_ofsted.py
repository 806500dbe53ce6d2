from schools.models import ImportRun

from ._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import Ofsted inspections from a management information CSV: the 2019-framework "
        "layout (latest, previous and ungraded inspections) or the report-card layout."
    )
    kind = ImportRun.Kind.OFSTED

    def handle(self, *args, **options):
        self.run(options["file"], dry_run=options["dry_run"])
