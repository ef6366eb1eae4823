from django import forms

from labshare.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's error on the field it concerns, or on the form as a whole."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
