"""Who acts: every service takes an Actor first.

- a **user** working for an organisation (the web session; `organization` is the active one),
- an API **token**, which belongs to one user and one organisation and holds a set of scopes
  (permissions); it can do no more in that organisation than its user can, and nothing elsewhere,
- a **visitor** (not logged in), who can only register,
- the **system**: commands and tasks, explicitly; it passes every permission check.

The actor also says how it came in (the channel) and, for web requests, the request id, so that the
audit log can tell a page from an import, a token or a nightly command. `None` is never an actor.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PAGE = "page", _("web page")
    API = "api", _("API")
    COMMAND = "command", _("command")
    TASK = "task", _("background task")
    IMPORT = "import", _("import")


class Kind(models.TextChoices):
    USER = "user", _("user")
    TOKEN = "token", _("API token")
    VISITOR = "visitor", _("visitor")
    SYSTEM = "system", _("system")


@dataclass(frozen=True, eq=False)
class Actor:
    kind: str
    channel: str
    user: Any = None  # the acting person (users and tokens), else None
    organization: Any = None  # the organisation worked for: the active one, the token's
    token: Any = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    request_id: str = ""

    @property
    def is_system(self) -> bool:
        return self.kind == Kind.SYSTEM

    @property
    def organization_id(self) -> int | None:
        return self.organization.pk if self.organization is not None else None

    def via(self, channel: str) -> "Actor":
        """The same actor coming in through another channel (a page that starts an import)."""
        return replace(self, channel=channel)

    def __str__(self) -> str:
        if self.user is not None:
            return str(self.user)
        return str(Kind(self.kind).label)


def user_actor(
    user, organization=None, *, channel: str = Channel.PAGE, request_id: str = ""
) -> Actor:
    if not getattr(user, "is_authenticated", False):
        raise TypeError("A user actor needs a logged-in user.")
    return Actor(Kind.USER, channel, user=user, organization=organization, request_id=request_id)


def token_actor(token, *, request_id: str = "") -> Actor:
    return Actor(
        Kind.TOKEN,
        Channel.API,
        user=token.user,
        organization=token.organization,
        token=token,
        scopes=frozenset(token.scopes),
        request_id=request_id,
    )


def visitor_actor(*, request_id: str = "") -> Actor:
    return Actor(Kind.VISITOR, Channel.PAGE, request_id=request_id)


def system_actor(channel: str = Channel.COMMAND) -> Actor:
    if channel not in (Channel.COMMAND, Channel.TASK):
        raise ValueError("The system acts only in commands and tasks.")
    return Actor(Kind.SYSTEM, channel)


def require_actor(actor) -> Actor:
    """Services call this (through core.access) first: no write without a real actor."""
    if not isinstance(actor, Actor):
        raise TypeError(f"A service needs an Actor, not {type(actor).__name__}.")
    return actor


def command_actor(user, organization=None) -> Actor:
    """A person acting through a command: the demo replaying history, a benchmark's clients."""
    return user_actor(user, organization, channel=Channel.COMMAND)
