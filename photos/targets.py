"""What a photo can be attached to: each dialect app registers its object types here.

``photos`` never imports a dialect app; ``groups`` and ``records`` (and ``accounts``' users and
workspaces, registered by ``photos`` itself) describe their objects with a :class:`TargetType`:
how to find one by its public ID, its public ID, which rendition set its photos get, and the
object's own permission rules ("the applied permissions to retrieve / update the target", in the
words of the generic photo API).

An object's photos go when the object goes: registering a type is all it takes (see
:func:`_photos_go_with`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.db import models


@dataclass(frozen=True)
class TargetType:
    key: str                                   # the object's name in URLs: "group", "record"...
    model: str                                 # "app_label.ModelName"
    spec_set: str                              # the rendition set its photos get
    resolve: Callable[[str], models.Model | None]   # public ID -> object or None
    public_id: Callable[[models.Model], str]
    can_read: Callable[[object, models.Model], bool]     # (principal, obj)
    can_update: Callable[[object, models.Model], bool]   # (principal, obj)
    workspace_of: Callable[[models.Model], object | None] = lambda obj: None
    # What the object's app does when one of its photos finishes rendering, whichever API
    # attached it, inside the transaction that records the outcome (target and photo locked):
    # ``photo_ready(photo, obj)`` once it is ready, ``photo_failed(photo, obj)`` once it failed.
    photo_ready: Callable[[object, models.Model], None] | None = None
    photo_failed: Callable[[object, models.Model], None] | None = None

    def model_class(self):
        return django_apps.get_model(self.model)


_REGISTRY: dict[str, TargetType] = {}


def register(target_type: TargetType) -> TargetType:
    """Make ``target_type`` known; call it from an ``AppConfig.ready()`` (models loaded)."""
    _REGISTRY[target_type.key] = target_type
    _photos_go_with(target_type.model_class())
    return target_type


ATTACHED_PHOTOS = "attached_photos"  # the reverse accessor every target model gets


def _photos_go_with(model) -> None:
    """Deleting an object of ``model`` deletes the photos attached to it, however it is deleted:
    ``obj.delete()``, ``QuerySet.delete()`` (the admin's bulk action) or a cascade (a workspace
    takes its groups and records, a user their albums).

    A ``GenericRelation`` on the target model makes Django's deletion collector gather those
    photos into the same deletion as the object: one transaction, their renditions and album
    places with them, their files doomed by ``photos.services``' post_delete receivers (gone
    from storage after commit), and the admin's delete confirmation lists them. It selects by
    content type and ID through the base manager, so a photo of any status goes, taken down
    included. Being a private field it adds no column and no migration."""
    from django.contrib.contenttypes.fields import GenericRelation

    from photos.models import Photo

    if any(field.name == ATTACHED_PHOTOS for field in model._meta.private_fields):
        return  # registered again (a reloaded app): one relation is enough
    GenericRelation(Photo, content_type_field="target_type",
                    object_id_field="target_id").contribute_to_class(model, ATTACHED_PHOTOS)


def by_key(key: str) -> TargetType | None:
    return _REGISTRY.get(key)


def for_object(obj) -> TargetType | None:
    label = obj._meta.label
    for target_type in _REGISTRY.values():
        if target_type.model == label:
            return target_type
    return None


def all_types() -> list[TargetType]:
    return list(_REGISTRY.values())


def find(public_id: str):
    """The object with this public ID among every registered type (first match), or None."""
    for target_type in _REGISTRY.values():
        obj = target_type.resolve(public_id)
        if obj is not None:
            return obj
    return None
