"""Domain errors. Each carries a translated message the user can act on."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of every error a service raises for a reason the user can understand."""

    default_message = _("The action could not be completed.")
    default_code = "invalid"

    def __init__(self, message=None, *, field: str | None = None, code: str | None = None):
        self.message = message if message is not None else self.default_message
        self.field = field
        # A stable machine-readable reason (e.g. "overlap", "lead_time") for APIs and tests.
        self.code = code or self.default_code
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(DomainError):
    default_message = _("You are not allowed to do this.")
    default_code = "not_allowed"


class InvalidState(DomainError):
    default_message = _("This action is not possible in the current state.")
    default_code = "invalid_state"


class Conflict(DomainError):
    default_message = _("This conflicts with existing data.")
    default_code = "conflict"


class InvalidInput(DomainError):
    default_message = _("The input is not valid.")
