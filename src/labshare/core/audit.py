"""The audit log: every service records what it changed."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

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


def record(actor, verb: str, target: models.Model, **data: Any) -> AuditEvent:
    """Write one audit event; call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        data=_jsonable(data),
    )
