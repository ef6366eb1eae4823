"""Every write to the instrument catalogue."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from labshare.accounts.models import Organization
from labshare.catalog.models import Discipline, Instrument, InstrumentPhoto
from labshare.catalog.photos import check_photo
from labshare.catalog.queries import invalidate_facets
from labshare.catalog.search import index_instruments
from labshare.core import clock
from labshare.core.access import ensure_can
from labshare.core.actors import Actor, require_actor
from labshare.core.audit import record, record_many
from labshare.core.errors import Conflict, DomainError, InvalidInput, InvalidState, NotAllowed
from labshare.core.validation import save_or_conflict, validate_fields

MAX_DISCIPLINES = 4
MAX_FUNDING_SOURCES = 4
# Fields a provider edits through forms and imports; the rest is set by dedicated services.
EDITABLE_FIELDS = tuple(
    field.name
    for field in Instrument._meta.concrete_fields
    if field.editable
    and field.name
    not in {"id", "organization", "is_published", "retired_at", "created_at", "updated_at"}
)


def _validate(instrument: Instrument, disciplines: list[Discipline] | None) -> None:
    _validate_shape(instrument, disciplines)
    _validate_numbers_free(instrument)


def _validate_shape(
    instrument: Instrument, disciplines: list[Discipline] | None, *, related_read: bool = False
) -> None:
    """Everything but the numbers' uniqueness. related_read: the class and parent are rows
    read from the database already (an import resolves them), so their existence needs no query."""
    exclude = ["organization", "instrument_class", "parent"] if related_read else ["organization"]
    validate_fields(instrument, exclude=exclude)
    if not instrument.instrument_class.is_leaf:
        raise InvalidInput(
            _("Choose the most detailed class (a 6-digit code not ending in 00)."),
            field="instrument_class",
        )
    if instrument.parent_id and instrument.parent.organization_id != instrument.organization_id:
        raise InvalidInput(
            _("The parent instrument must belong to the same provider."), field="parent"
        )
    if instrument.parent_id and instrument.parent_id == instrument.pk:
        raise InvalidInput(_("An instrument cannot be part of itself."), field="parent")
    if disciplines is not None and len(disciplines) > MAX_DISCIPLINES:
        raise InvalidInput(
            _("Choose at most %(count)d disciplines.") % {"count": MAX_DISCIPLINES},
            field="disciplines",
        )
    funding = instrument.funding_sources or []
    if len(funding) > MAX_FUNDING_SOURCES or not set(funding) <= set(Instrument.Funding.values):
        raise InvalidInput(
            _("Funding sources must be chosen from the list, at most %(count)d.")
            % {"count": MAX_FUNDING_SOURCES},
            field="funding_sources",
        )


def _validate_numbers_free(instrument: Instrument) -> None:
    siblings = Instrument.objects.filter(organization_id=instrument.organization_id).exclude(
        pk=instrument.pk
    )
    if siblings.filter(code=instrument.code).exists():
        raise _number_taken("code")
    if siblings.filter(asset_number=instrument.asset_number).exists():
        raise _number_taken("asset_number")


def _number_taken(field: str) -> Conflict:
    if field == "code":
        return Conflict(
            _("Another instrument of this provider has this instrument number."), field="code"
        )
    return Conflict(
        _("Another instrument of this provider has this asset number."), field="asset_number"
    )


def _save(instrument: Instrument, update_fields: list[str] | None = None) -> None:
    message = _("Another instrument of this provider has this number.")
    save_or_conflict(instrument, message, update_fields)


def ensure_provider_staff(actor: Actor, organization: Organization) -> None:
    """Those who may edit the provider's catalogue (the system too, for demo data)."""
    require_actor(actor)
    if not organization.is_provider:
        raise NotAllowed(_("Only approved providers can list instruments."))
    ensure_can(actor, "catalog.edit_instrument", organization.pk)


def _locked(actor: Actor, instrument: Instrument) -> Instrument:
    """The instrument read afresh under its row lock, once the actor may change it."""
    instrument = (
        Instrument.objects.select_for_update(of=("self",))
        .select_related("organization", "instrument_class")
        .get(pk=instrument.pk)
    )
    ensure_provider_staff(actor, instrument.organization)
    return instrument


def _check_editable(fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")


def _file_name(path: str) -> str:
    """What the national template's picture column holds: the file's own name."""
    return path.rsplit("/", 1)[-1][:100]


@transaction.atomic
def create_instrument(
    actor: Actor, organization: Organization, *, disciplines: list[Discipline] = (), **fields
) -> Instrument:
    """Create an unpublished instrument."""
    ensure_provider_staff(actor, organization)
    _check_editable(fields)
    instrument = Instrument(organization=organization, **fields)
    disciplines = list(disciplines)
    _validate(instrument, disciplines)
    _save(instrument)
    instrument.disciplines.set(disciplines)
    index_instruments([instrument])
    record(actor, "instrument.created", instrument, code=instrument.code)
    transaction.on_commit(invalidate_facets, robust=True)
    return instrument


class DraftsRefused(InvalidInput):
    """Some drafts of create_instruments were refused: `refusals` pairs each one's index with why."""

    def __init__(self, refusals: list[tuple[int, DomainError]]):
        self.refusals = refusals
        super().__init__(refusals[0][1].message, field=refusals[0][1].field)


def check_new_instruments(
    organization: Organization, drafts: list[tuple[dict, list[Discipline]]]
) -> tuple[list[Instrument], list[tuple[int, DomainError]]]:
    """The drafts as unsaved instruments, and the refusal of each bad one (index, error): the
    checks of create_instrument, in memory, against the numbers already taken (one query)."""
    taken = taken_numbers(organization)
    instruments, refusals = [], []
    for index, (fields, disciplines) in enumerate(drafts):
        try:
            instruments.append(check_new_instrument(organization, fields, disciplines, taken))
        except DomainError as error:
            refusals.append((index, error))
    return instruments, refusals


@transaction.atomic
def create_instruments(
    actor: Actor, organization: Organization, drafts: list[tuple[dict, list[Discipline]]]
) -> list[Instrument]:
    """Create many unpublished instruments at once (an import): the same checks as
    create_instrument, a few statements in all instead of a dozen per instrument.

    Every bad draft is reported at once (DraftsRefused); nothing is written then. The unique
    indexes back the numbers' check against a racing write.
    """
    ensure_provider_staff(actor, organization)
    instruments, refusals = check_new_instruments(organization, drafts)
    if refusals:
        raise DraftsRefused(refusals)
    try:
        with transaction.atomic():
            Instrument.objects.bulk_create(instruments, batch_size=500)
    except IntegrityError as exc:
        raise Conflict(_("Another instrument of this provider has this number.")) from exc
    through = Instrument.disciplines.through
    through.objects.bulk_create(
        [
            through(instrument_id=instrument.pk, discipline_id=discipline.pk)
            for instrument, (_fields, disciplines) in zip(instruments, drafts, strict=True)
            for discipline in disciplines
        ],
        batch_size=2000,
    )
    index_instruments(instruments)
    record_many(actor, "instrument.created", instruments, lambda i: {"code": i.code})
    transaction.on_commit(invalidate_facets, robust=True)
    return instruments


def taken_numbers(organization: Organization) -> dict[str, set[str]]:
    rows = Instrument.objects.filter(organization=organization).values_list("code", "asset_number")
    return {"code": {code for code, _a in rows}, "asset_number": {a for _c, a in rows}}


def check_new_instrument(
    organization: Organization,
    fields: dict,
    disciplines: list[Discipline],
    taken: dict[str, set[str]],
) -> Instrument:
    """One draft of create_instruments, checked in memory against the numbers already taken
    (those of the provider and of the drafts before it), which it then takes."""
    _check_editable(fields)
    instrument = Instrument(organization=organization, **fields)
    _validate_shape(instrument, list(disciplines), related_read=True)
    for field in ("code", "asset_number"):
        if getattr(instrument, field) in taken[field]:
            raise _number_taken(field)
    for field in ("code", "asset_number"):
        taken[field].add(getattr(instrument, field))
    return instrument


@transaction.atomic
def update_instrument(
    actor: Actor,
    instrument: Instrument,
    *,
    disciplines: list[Discipline] | None = None,
    **fields,
) -> Instrument:
    instrument = _locked(actor, instrument)
    _check_editable(fields)
    if instrument.retired_at:
        raise InvalidState(_("A retired instrument cannot be changed."))
    disciplines = list(disciplines) if disciplines is not None else None
    changes = changed_fields(instrument, fields, disciplines)
    if not changes:
        return instrument
    disciplines_changed = "disciplines" in changes
    changed = [name for name in changes if name != "disciplines"]
    for name in changed:
        setattr(instrument, name, fields[name])
    _validate(instrument, disciplines)
    withdrawn = instrument.is_published and instrument.sharing_mode == Instrument.SharingMode.NONE
    if withdrawn:
        # "Not shared" and "in the catalogue" contradict each other: the edit withdraws it.
        instrument.is_published = False
        changed.append("is_published")
    if changed:
        _save(instrument, update_fields=[*changed, "updated_at"])
    if disciplines_changed:
        instrument.disciplines.set(disciplines)
    index_instruments([instrument])
    transaction.on_commit(invalidate_facets, robust=True)
    record(
        actor,
        "instrument.updated",
        instrument,
        fields=changed + (["disciplines"] if disciplines_changed else []),
    )
    if withdrawn:
        record(actor, "instrument.unpublished", instrument, reason="not shared")
    return instrument


def changed_fields(instrument: Instrument, fields: dict, disciplines: list | None) -> list[str]:
    """The fields an update would change, "disciplines" last when they differ."""
    changed = [name for name, value in fields.items() if getattr(instrument, name) != value]
    if disciplines is not None and {d.code for d in disciplines} != {
        d.code for d in instrument.disciplines.all()
    }:
        changed.append("disciplines")
    return changed


@transaction.atomic
def publish_instrument(actor: Actor, instrument: Instrument) -> Instrument:
    instrument = _locked(actor, instrument)
    if instrument.retired_at:
        raise InvalidState(_("A retired instrument cannot be published."))
    if instrument.sharing_mode == Instrument.SharingMode.NONE:
        raise InvalidState(_("Set a sharing mode other than “not shared” before publishing."))
    if instrument.is_published:
        return instrument
    instrument.is_published = True
    instrument.save(update_fields=["is_published", "updated_at"])
    index_instruments([instrument])
    record(actor, "instrument.published", instrument)
    transaction.on_commit(invalidate_facets, robust=True)
    return instrument


@transaction.atomic
def unpublish_instrument(actor: Actor, instrument: Instrument) -> Instrument:
    instrument = _locked(actor, instrument)
    if not instrument.is_published:
        return instrument
    instrument.is_published = False
    instrument.save(update_fields=["is_published", "updated_at"])
    index_instruments([instrument])
    record(actor, "instrument.unpublished", instrument)
    transaction.on_commit(invalidate_facets, robust=True)
    return instrument


@transaction.atomic
def retire_instrument(actor: Actor, instrument: Instrument, reason: str) -> Instrument:
    """Take an instrument out of service for good; it leaves the catalogue but keeps its history."""
    instrument = _locked(actor, instrument)
    if instrument.retired_at:
        raise InvalidState(_("This instrument is already retired."))
    if not reason.strip():
        raise InvalidInput(_("Please give a reason for retiring the instrument."), field="reason")
    instrument.retired_at = clock.now()
    instrument.is_published = False
    instrument.save(update_fields=["retired_at", "is_published", "updated_at"])
    index_instruments([instrument])
    record(actor, "instrument.retired", instrument, reason=reason.strip())
    transaction.on_commit(invalidate_facets, robust=True)
    return instrument


MAX_PHOTOS = 8


@transaction.atomic
def add_photo(actor: Actor, instrument: Instrument, upload, caption: str = "") -> InstrumentPhoto:
    instrument = _locked(actor, instrument)
    if instrument.photos.count() >= MAX_PHOTOS:
        raise InvalidState(
            _("An instrument can have at most %(count)d photos.") % {"count": MAX_PHOTOS}
        )
    check_photo(upload)
    photo = InstrumentPhoto(instrument=instrument, caption=caption.strip()[:100])
    photo.image.save(upload.name, upload, save=False)
    photo.save()
    if not instrument.photo_name:
        instrument.photo_name = _file_name(photo.image.name)
        instrument.save(update_fields=["photo_name", "updated_at"])
    record(actor, "instrument.photo_added", instrument, photo=photo.pk)
    return photo


@transaction.atomic
def remove_photo(actor: Actor, photo: InstrumentPhoto) -> None:
    ensure_provider_staff(actor, photo.instrument.organization)
    record(actor, "instrument.photo_removed", photo.instrument, photo=photo.pk)
    storage, name = photo.image.storage, photo.image.name
    instrument = photo.instrument
    photo.delete()
    if instrument.photo_name == _file_name(name):
        # The template's picture column must not name a file that is gone.
        remaining = instrument.photos.order_by("id").first()
        instrument.photo_name = _file_name(remaining.image.name) if remaining else ""
        instrument.save(update_fields=["photo_name", "updated_at"])
    transaction.on_commit(lambda: storage.delete(name), robust=True)
