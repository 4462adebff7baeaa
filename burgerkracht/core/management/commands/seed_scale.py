import random

from django.core.management.base import BaseCommand, CommandError

from burgerkracht.seeding.scale import core as scale


class Command(BaseCommand):
    help = (
        "Load a large data set on top of seed_demo for benchmarks (additive: every run adds "
        "the counts again). Creates no known passwords, so it does not need DEBUG."
    )

    def add_arguments(self, parser):
        for name, default in (
            ("initiatives", 1000), ("applications", 500), ("advices", 100), ("evaluations", 1000),
        ):  # fmt: skip
            parser.add_argument(f"--{name}", type=int, default=default, metavar="N",
                                help=f"How many {name} to add (default {default}).")  # fmt: skip
        parser.add_argument("--seed", type=int, default=1, help="The random seed (default 1).")

    def handle(self, *args, **options):
        counts = {k: options[k] for k in ("initiatives", "applications", "advices", "evaluations")}
        if any(n < 0 for n in counts.values()):
            raise CommandError("Counts cannot be negative.")
        self.stdout.write("Adding " + ", ".join(f"{n:,} {k}" for k, n in counts.items()) + ":")
        run = scale.Scale(
            **counts,
            rng=random.Random(options["seed"]),  # noqa: S311 (test data, not secrets)
            write=self.stdout.write,
        )
        try:
            scale.run(run)
        except scale.ScaleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Scale data ready."))
