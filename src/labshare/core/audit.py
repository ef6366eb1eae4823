"""The audit log: every service records what it changed."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from labshare.core.access import organizations_of
from labshare.core.actors import Actor, require_actor
from labshare.core.models import AuditEvent


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    encoder = DjangoJSONEncoder()
    result = {}
    for key, value in data.items():
        if isinstance(value, str | int | float | bool | type(None) | list | dict):
            result[key] = value
        else:
            result[key] = (
                encoder.default(value) if not isinstance(value, models.Model) else value.pk
            )
    return result


def owner_id(target: models.Model) -> int | None:
    """The organisation an object belongs to: its own id for an organisation, else the model's
    `audit_organization_id` when it names one (a usage record belongs to the instrument's
    provider), else its `organization_id`."""
    if target._meta.label_lower == "accounts.organization":
        return target.pk
    owner = getattr(target, "audit_organization_id", None)
    return owner if owner is not None else getattr(target, "organization_id", None)


def _acting_organization_id(actor: Actor, owner: int | None) -> int | None:
    """The organisation the actor acted for: the object's own when they belong to it."""
    return owner if owner in organizations_of(actor) else actor.organization_id


def record(actor: Actor, verb: str, target: models.Model, **data: Any) -> AuditEvent:
    """Write one audit event; call it inside the service's transaction."""
    event = _event(actor, verb, target, data)
    event.save()
    return event


def record_many(actor: Actor, verb: str, targets, data_of) -> None:
    """One event per target in one statement (a batch service); data_of(target) → its data."""
    AuditEvent.objects.bulk_create(
        [_event(actor, verb, target, data_of(target)) for target in targets], batch_size=1000
    )


def _event(actor: Actor, verb: str, target: models.Model, data: dict[str, Any]) -> AuditEvent:
    require_actor(actor)
    owner = owner_id(target)
    return AuditEvent(
        actor=actor.user,
        actor_kind=actor.kind,
        channel=actor.channel,
        token_id=actor.token.pk if actor.token is not None else None,
        request_id=actor.request_id[:64],
        organization_id=owner,
        actor_organization_id=_acting_organization_id(actor, owner),
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        data=_jsonable(data),
    )
