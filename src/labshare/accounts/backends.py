"""Sign in with the user name, the e-mail address or the mobile number.

Invited members know their e-mail before they know the user name chosen for them. Each of the
three names at most one account: user names ignore case, e-mail addresses are unique from
account creation on, mobile numbers are stored as 11 digits and unique too.
"""

import re

from django.contrib.auth.backends import ModelBackend

from labshare.accounts.models import User

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize_mobile(value: str) -> str:
    """'+86 138-0000-0000' → '13800000000'; anything else is returned stripped, unchanged."""
    digits = re.sub(r"[\s\-()（）]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if _MOBILE.match(digits) else (value or "").strip()


def is_mobile(value: str) -> bool:
    return bool(_MOBILE.match(value))


def user_for_identifier(identifier: str) -> User | None:
    """The one account a sign-in name designates, or None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        matches = User.objects.filter(email__iexact=identifier)
    elif is_mobile(normalize_mobile(identifier)):
        matches = User.objects.filter(phone=normalize_mobile(identifier))
    else:
        matches = User.objects.filter(username__iexact=identifier)
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None


def lockout_username(request, credentials: dict | None) -> str:
    """What the login throttle counts failures against: the account, however it was named."""
    typed = (credentials or {}).get("username", "")
    user = user_for_identifier(typed)
    # Axes keeps it in a 255-character column.
    return user.username if user is not None else typed.strip().lower()[:255]


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_for_identifier(username)
        if user is None:
            # Spend the same time as a wrong password, so probing reveals nothing.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
