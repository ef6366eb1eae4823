"""Domain errors. Each carries a translated message the user can act on."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of every error a service raises for a reason the user can understand."""

    default_message = _("The action could not be completed.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message if message is not None else self.default_message
        self.field = field
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(DomainError):
    default_message = _("You are not allowed to do this.")


class InvalidState(DomainError):
    default_message = _("This action is not possible in the current state.")


class Conflict(DomainError):
    default_message = _("This conflicts with existing data.")


class InvalidInput(DomainError):
    default_message = _("The input is not valid.")
