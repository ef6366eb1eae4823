"""Files a worker writes for later download: written to a temporary file, then kept in the
media storage; an older file of the same kind is deleted with its row."""

import tempfile

from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """Files with no address: a view that checks who asks reads and sends them."""

    def url(self, name):
        raise ValueError("A private file has no URL; a view hands it out.")


def private_storage():
    """The storage of files handed out only by a view that checks who asks (settings.STORAGES
    "private": outside MEDIA_ROOT, which the web server serves to anybody)."""
    return storages["private"]


def move_to_private(model, field: str = "file") -> None:
    """For a migration: move the files of model.field kept in the default storage (served from
    MEDIA_ROOT) to the private storage, under the same names."""
    from django.core.files.storage import default_storage

    private = private_storage()
    for row in model.objects.exclude(**{field: ""}).iterator():
        name = getattr(row, field).name
        if default_storage.exists(name):
            if not private.exists(name):
                with default_storage.open(name, "rb") as handle:
                    private.save(name, handle)
            default_storage.delete(name)


def keep_written(field_file, name: str, write) -> None:
    """write(out) into a temporary file, then store it as field_file (the row not saved)."""
    with tempfile.TemporaryFile() as out:
        write(out)
        out.seek(0)
        field_file.save(name, File(out), save=False)


def delete_with_files(rows) -> None:
    """Delete the rows of a queryset and the files they kept."""
    for row in rows:
        if row.file:
            row.file.delete(save=False)
        row.delete()
