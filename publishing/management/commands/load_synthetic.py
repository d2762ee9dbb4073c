from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panel.synthetic import SYNTHETIC_PASSWORD
from publishing.synthetic import DataExists, load_synthetic


class Command(BaseCommand):
    help = (
        "Load a synthetic national data set (panels named after the police areas of England and "
        "Wales, years of business each) into an empty database, for scale tests."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--panels", type=int, default=40, help="How many panels (40).")
        parser.add_argument("--years", type=int, default=10, help="Municipal years each (10).")
        parser.add_argument("--seed", type=int, default=2014, help="The same seed, the same data.")
        parser.add_argument(
            "--end-year", type=int, default=2026, help="The years end in April of this year."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["panels"] < 1 or options["years"] < 1:
            raise CommandError("--panels and --years must be at least 1.")
        try:
            built = load_synthetic(
                panels=options["panels"],
                years=options["years"],
                seed=options["seed"],
                end_year=options["end_year"],
                progress=self.stdout.write,
            )
        except DataExists as refused:
            raise CommandError(str(refused)) from refused
        for name, seconds in built.seconds.items():
            self.stdout.write(f"  {name}: {built.counts.get(name, '')} in {seconds:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(f"{len(built.panels)} synthetic panels loaded: {built.counts}")
        )
        self.stdout.write(
            f"Logins: <panel>-clerk, <panel>-member, <panel>-opcc-officer, "
            f"<panel>-complaints-handler (password {SYNTHETIC_PASSWORD})."
        )
