"""API tokens as actors: a key presented by a script becomes a token Actor, or nothing."""

from datetime import timedelta

from django.db.models import Q

from labshare.accounts.models import ApiToken
from labshare.accounts.services import TOKEN_PREFIX, hash_token_key
from labshare.core import clock
from labshare.core.actors import Actor, token_actor


def actor_for_key(key: str, *, request_id: str = "") -> Actor | None:
    """The token actor for a valid, unexpired, unrevoked key whose user is active; else None."""
    if not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user", "organization")
        .filter(key_hash=hash_token_key(key), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    # One write a minute at most per token, however busy the script.
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - timedelta(minutes=1))
    ).update(last_used_at=now)
    return token_actor(token, request_id=request_id)
