"""Test data built through the real services, never by writing rows directly."""

import itertools
from decimal import Decimal

from labshare.accounts import services as account_services
from labshare.accounts.models import Membership, Organization, User
from labshare.accounts.uscc import with_check_character
from labshare.catalog import services as catalog_services
from labshare.catalog.models import Discipline, Instrument, InstrumentClass
from labshare.core.actors import Actor, system_actor, user_actor

_sequence = itertools.count(1)


def act(user, organization: Organization | None = None) -> Actor:
    """The user acting through a page, for their organisation (the oldest membership, as the
    session would choose it, unless another is named)."""
    if organization is None:
        membership = Membership.objects.filter(user=user).order_by("created_at", "pk").first()
        organization = membership.organization if membership else None
    return user_actor(user, organization)


def next_uscc(kind: str = "91") -> str:
    return with_check_character(f"{kind}210211{next(_sequence):09d}")


def make_organization(name: str, **fields) -> Organization:
    fields.setdefault("uscc", next_uscc("12" if fields.get("kind") == "university" else "91"))
    return account_services.create_organization(system_actor(), name=name, **fields)


def make_user(username: str, full_name: str = "") -> User:
    return account_services.create_account(
        system_actor(),
        username=username,
        password="pass-" + username,
        email=f"{username}@example.cn",
        full_name=full_name or username,
    )


def make_member(org: Organization, username: str, role: str) -> User:
    user = make_user(username)
    account_services.add_member(system_actor(), org, user, role)
    return user


def application_details(**overrides) -> dict:
    """What a provider application asks for, filled in."""
    details = {
        "contact_name": "张联系",
        "contact_phone": "0411-84700000",
        "contact_email": "lab@example.cn",
        "lab_description": "材料分析实验室：扫描电镜、X射线衍射仪，可对外提供形貌与物相分析。",
        "accreditation": "cma",
        "accreditation_numbers": "CMA 210000000001",
    }
    details.update(overrides)
    return details


def apply_as_provider(membership: Membership):
    """The membership's administrator applies for its organisation."""
    return account_services.apply_as_provider(
        act(membership.user, membership.organization),
        membership.organization,
        **application_details(),
    )


def make_instrument(
    org: Organization, name: str = "场发射扫描电子显微镜", publish: bool = True, **fields
):
    number = next(_sequence)
    defaults = {
        "code": f"T-{number:05d}",
        "asset_number": f"A-{number:05d}",
        "name": name,
        "instrument_class": InstrumentClass.objects.get(code=fields.pop("class_code", "010801")),
        "original_value": Decimal("120.50"),
        "model": "M-100",
        "manufacturer": "示例仪器公司",
    }
    disciplines = [Discipline.objects.get(code=c) for c in fields.pop("discipline_codes", ["430"])]
    defaults.update(fields)
    instrument = catalog_services.create_instrument(
        system_actor(), org, disciplines=disciplines, **defaults
    )
    if publish:
        instrument = catalog_services.publish_instrument(system_actor(), instrument)
    return instrument


def reload(instance):
    return type(instance).objects.get(pk=instance.pk)


__all__ = [
    "Instrument",
    "act",
    "make_instrument",
    "make_member",
    "make_organization",
    "make_user",
    "next_uscc",
]
