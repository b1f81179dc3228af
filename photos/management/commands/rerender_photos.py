"""Bring photos' renditions up to date, in bulk, for operators.

Without ``--force`` only what is missing or outdated is rendered (a new spec, a changed
definition, a failed photo), so a run can be stopped and started again without redoing what is
done. ``--force`` re-renders everything rendered before the run started; the command prints
that moment, and ``--rendered-before`` resumes a forced run from it.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from accounts.models import User, Workspace
from config import queues
from photos import imaging, services, tasks
from photos.dialects.params import numeric_id
from photos.models import Photo


def parse_moment(value: str, option: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: not an ISO date or date-time: {value!r}") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Re-render photos whose renditions are missing or outdated (or all, with --force)."

    def add_arguments(self, parser):
        parser.add_argument("--spec", action="append", default=[],
                            help="only this spec (repeatable)")
        parser.add_argument("--status", action="append", default=[],
                            choices=[s.value for s in Photo.Status
                                     if s != Photo.Status.TAKEN_DOWN], help="repeatable")
        parser.add_argument("--owner", help="user name or ID")
        parser.add_argument("--workspace", help="workspace slug or ID")
        parser.add_argument("--since", help="photos created on or after (ISO date)")
        parser.add_argument("--force", action="store_true",
                            help="re-render even up-to-date renditions")
        parser.add_argument("--rendered-before",
                            help="with --force: resume, re-rendering only older renditions")
        parser.add_argument("--inline", action="store_true",
                            help="render in this process instead of queueing to the workers")
        parser.add_argument("--chunk-size", type=int, default=200)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **opts):
        for name in opts["spec"]:
            try:
                imaging.get_spec(name)
            except ValueError as exc:
                raise CommandError(f"--spec: {exc}") from None
        photos = self.select(opts)
        cutoff = None
        if opts["force"]:
            cutoff = (parse_moment(opts["rendered_before"], "--rendered-before")
                      if opts["rendered_before"] else timezone.now())
            self.stdout.write(f"Forced run; to resume it: --force --rendered-before "
                              f"{cutoff.isoformat()}")
        only = opts["spec"] or None
        counts = {"rendered": 0, "queued": 0, "up to date": 0, "failed": 0}
        total = photos.count()
        progress = tqdm(total=total, unit="photo", disable=opts["no_progress"],
                        file=self.stderr._out)
        for photo in photos.iterator(chunk_size=opts["chunk_size"]):
            if not services.stale_specs(photo, opts["force"], cutoff, only) \
                    and photo.status == Photo.Status.READY:
                counts["up to date"] += 1
            elif opts["inline"]:
                result = services.render_photo(photo.pk, force=opts["force"],
                                               rendered_before=cutoff, only=only)
                key = "failed" if result is not None and result.status == "failed" \
                    else "rendered"
                counts[key] += 1
            else:
                # the bulk queue: workers take new uploads' renders before these
                queues.send_bulk(tasks.render_photo, photo.pk, opts["force"],
                                 cutoff.isoformat() if cutoff else None, only)
                counts["queued"] += 1
            progress.update(1)
        progress.close()
        summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n or what ==
                            "up to date")
        self.stdout.write(self.style.SUCCESS(f"{total} photo(s): {summary}."))

    def select(self, opts):
        # a photo a moderator took down is rendered again only by restoring it
        photos = Photo.objects.visible().order_by("pk").prefetch_related("renditions")
        if opts["status"]:
            photos = photos.filter(status__in=opts["status"])
        if opts["owner"]:
            photos = photos.filter(owner=self.one_of(User, opts["owner"], "username",
                                                     "--owner", "user"))
        if opts["workspace"]:
            photos = photos.filter(workspace=self.one_of(Workspace, opts["workspace"], "slug",
                                                         "--workspace", "workspace"))
        if opts["since"]:
            photos = photos.filter(created_at__gte=parse_moment(opts["since"], "--since"))
        if opts["spec"]:
            sets = [name for name, members in imaging.SETS.items()
                    if any(spec in members for spec in opts["spec"])]
            photos = photos.filter(spec_set__in=sets)
        return photos

    @staticmethod
    def one_of(model, value: str, name_field: str, option: str, what: str):
        """The one row named ``value`` (by name, else by numeric ID); a value that names
        nothing is an error, never a filter that matches rows without one."""
        found = model.objects.filter(**{name_field: value}).first()
        if found is None and (pk := numeric_id(value)) is not None:
            found = model.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"{option}: no {what} named {value!r}.")
        return found
