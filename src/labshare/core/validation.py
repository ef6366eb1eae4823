"""Model validation and saving for services, turned into domain errors the user can act on."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from labshare.core.errors import Conflict, InvalidInput
from labshare.core.text import fold_single_line_fields


def validate_fields(obj: models.Model, exclude: list[str] | None = None) -> None:
    """Run the model's field validators; the first problem becomes InvalidInput on its field.

    Uniqueness and constraints are left to the service (clear messages) and the database.
    """
    fold_single_line_fields(obj)
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise InvalidInput(messages[0], field=None if field == "__all__" else field) from exc


def save_or_conflict(
    obj: models.Model, message, update_fields: list[str] | None = None, *, field=None
) -> None:
    """Save; a unique index that another request won first becomes Conflict(message)."""
    try:
        with transaction.atomic():
            obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise Conflict(message, field=field) from exc
