"""Give webhook deliveries that failed (their attempts ran out, or the receiver was refused)
a new round of attempts, once the receiver is fixed: the admin's "Retry" action, for scripts."""

from django.core.management.base import BaseCommand, CommandError

from photos.management.commands.rerender_photos import parse_moment
from records import services
from records.models import WebhookDelivery


class Command(BaseCommand):
    help = "Queue failed webhook deliveries again, with a fresh set of attempts."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="delivery IDs")
        parser.add_argument("--all", action="store_true", help="every failed delivery")
        parser.add_argument("--rule", type=int, help="only this workflow rule's (its ID)")
        parser.add_argument("--since", help="only deliveries created on or after (ISO date)")

    def handle(self, *args, **opts):
        if not opts["ids"] and not opts["all"]:
            raise CommandError("name delivery IDs, or --all for every failed delivery")
        deliveries = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.FAILED)
        if opts["ids"]:
            deliveries = deliveries.filter(pk__in=opts["ids"])
        if opts["rule"] is not None:
            deliveries = deliveries.filter(rule_id=opts["rule"])
        if opts["since"]:
            deliveries = deliveries.filter(created_at__gte=parse_moment(opts["since"],
                                                                        "--since"))
        queued = services.retry_failed_deliveries(deliveries)
        self.stdout.write(f"queued {len(queued)} failed delivery(ies) again"
                          + (f": {', '.join(map(str, queued))}" if queued else ""))
