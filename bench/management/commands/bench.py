"""`manage.py bench`: measure every page on the demo, seed national volume on top, measure again,
print one table and write it as JSON; exit 1 if a page breaks a budget. `make bench` runs it on
a throwaway PostgreSQL (bench/run.sh) after migrate, load_structure and load_demo."""

from __future__ import annotations

import os
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import measure
from bench.budget import EXPORT, Budgets
from bench.pages import demo_pages, national_only_pages
from bench.seed import seed


class Command(BaseCommand):
    help = "Mäter alla sidor på demodata och på nationell volym (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "1.0")))
        parser.add_argument("--repeat", type=int, default=int(os.environ.get("REPEAT", "30")))
        parser.add_argument(
            "--json", default=os.environ.get("BENCH_JSON", "bench-results.json"), dest="json_path"
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="Mät bara sidor vars namn eller adress innehåller texten (kan upprepas).",
        )
        parser.add_argument(
            "--no-exports",
            action="store_true",
            help="Mät inte nedladdningarna (de tar minuter var i nationell volym).",
        )
        parser.add_argument("--seed-only", action="store_true", help="Bara seeda, mät inget.")
        parser.add_argument(
            "--no-seed",
            action="store_true",
            help="Mät bara den data som finns (en volym), utan att seeda.",
        )
        parser.add_argument(
            "--page-seconds",
            type=float,
            default=float(os.environ.get("BENCH_PAGE_SECONDS", "30")),
            help="Ungefärlig tid per sida och volym; långsammare sidor får färre upprepningar.",
        )

    def log(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError(
                "Kör bänken med DEBUG avstängt (DJANGO_SETTINGS_MODULE=bench.settings)."
            )
        scale, repeat = options["scale"], options["repeat"]
        if options["seed_only"]:
            self._seed(scale)
            return
        pages, notes = demo_pages()
        if options["only"]:
            pages = [p for p in pages if any(o in p.name or o in p.path for o in options["only"])]
        if options["no_exports"]:
            pages = [p for p in pages if p.kind != EXPORT]
        budgets = Budgets.from_env()
        self.log(f"== Demo ({connection.vendor}, {len(pages)} sidor, {repeat} anrop per sida)")
        demo = measure.measure_all(
            pages, repeat=repeat, page_seconds=options["page_seconds"], log=self.log
        )
        national: dict = {}
        references: dict = {}
        report = None
        if not options["no_seed"]:
            report = self._seed(scale)
            extra = [] if options["only"] else national_only_pages()
            self.log(f"== Nationell volym × {scale:g}")
            clients = measure.Clients()
            national = measure.measure_all(
                pages + extra,
                repeat=repeat,
                page_seconds=options["page_seconds"],
                log=self.log,
                clients=clients,
            )
            pages = pages + extra
            for page in pages:
                if page.kind == EXPORT and page.reference and page.name in national:
                    peak, source, size = measure.reference_memory(
                        page, clients, national[page.name].size
                    )
                    references[page.name] = (peak, source)
                    if peak is None:
                        notes.append(
                            f"{page.name}: filtret {page.reference} gav inte en mindre export "
                            f"({size} byte); minnet jämförs med demokörningen."
                        )
        else:
            national, demo = demo, {}
        bare, results = measure.evaluate(pages, demo, national, references, budgets)
        self.log("")
        self.log(measure.table(bare, results))
        for note in notes:
            self.log(f"Not: {note}")
        if report:
            self.log(
                f"Seedning: {report.total_rows:,} rader på {report.seconds:.1f} s "
                f"(skala {scale:g})".replace(",", " ")
            )
        data = measure.report(
            bare=bare,
            results=results,
            budgets=budgets,
            meta={
                "database": connection.vendor,
                "scale": scale,
                "repeat": repeat,
                "export_repeat": measure.EXPORT_REPEAT,
                "seed_seconds": report.seconds if report else None,
                "seed_rows": report.rows if report else {},
                "notes": notes,
                "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        )
        measure.write_json(data, options["json_path"])
        self.log(f"JSON: {options['json_path']}")
        if data["breaches"]:
            self.log(f"{data['breaches']} sidor bryter budgeten.")
            sys.exit(1)
        self.log("Alla sidor håller budgeten.")

    def _seed(self, scale: float):
        self.log(f"== Seedar nationell volym × {scale:g}")
        report = seed(scale, log=self.log)
        self.log(f"  {report.total_rows:,} rader på {report.seconds:.1f} s".replace(",", " "))
        for name, rows in report.rows.items():
            self.log(f"    {name:<18} {rows:>10,}".replace(",", " "))
        return report
