"""What a photo can be attached to: each dialect app registers its object types here.

``photos`` never imports a dialect app; ``groups`` and ``records`` (and ``accounts``' users and
workspaces, registered by ``photos`` itself) describe their objects with a :class:`TargetType`:
how to find one by its public ID, its public ID, which rendition set its photos get, and the
object's own permission rules ("the applied permissions to retrieve / update the target", in the
words of the generic photo API).
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
    _REGISTRY[target_type.key] = target_type
    return target_type


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
