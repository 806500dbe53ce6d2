from schools.models import ImportRun

from ._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import schools from a GIAS establishments CSV (Windows-1252, as downloaded), "
        "creating or updating them by URN. Closed schools are kept."
    )
    kind = ImportRun.Kind.GIAS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--la",
            action="append",
            type=int,
            metavar="CODE",
            dest="la_codes",
            help="only this LA code (repeat for several); default: every LA in the file",
        )

    def handle(self, *args, **options):
        self.run(options["file"], dry_run=options["dry_run"], la_codes=options["la_codes"])
