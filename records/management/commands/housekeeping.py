"""What the periodic tasks do, once, for a deployment that runs cron rather than ``celery
beat``: re-queue photos whose render never ran or was interrupted (``photos.sweep``), re-queue
due webhook deliveries (``records.sweep_webhooks``), and delete temporary photos never attached
(``photos.cleanup_temporary``).

Here, in the records app, because it runs both apps' sweeps: apps import only the apps below
them (records -> photos), never the other way round."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from photos import housekeeping, services
from records import services as record_services


class Command(BaseCommand):
    help = ("Run the periodic housekeeping once: sweep stuck renders and due webhooks, delete "
            "temporary photos never attached.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, metavar="SECONDS",
                            help="delete temporary photos older than this "
                                 "(default: TEMPORARY_PHOTO_MAX_AGE_SECONDS)")

    def handle(self, *args, **opts):
        older_than = (timedelta(seconds=opts["older_than"])
                      if opts["older_than"] is not None else None)
        photos = services.sweep()
        report = {"renders_interrupted": photos["interrupted"],
                  "renders_queued": photos["queued"],
                  "files_deleted": photos["files_deleted"],
                  "webhooks_queued": record_services.sweep_webhooks()["queued"],
                  **housekeeping.cleanup_temporary(older_than)}
        self.stdout.write(" ".join(f"{key}={value}" for key, value in sorted(report.items())))
