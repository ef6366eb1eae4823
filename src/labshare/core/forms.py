from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from labshare.core.errors import DomainError


class ReasonForm(forms.Form):
    """A reason the other side will read: for a retirement, a rejection, a cancellation."""

    reason = forms.CharField(label=_("Reason"), max_length=200)


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's error on the field it concerns, or on the form as a whole."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def first_error(form: forms.BaseForm) -> str:
    """The first problem of an invalid form, for pages that report through messages."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        if not label:
            return str(errors[0])
        return gettext("%(label)s: %(error)s") % {"label": label, "error": errors[0]}
    return ""


def run_action(request, action, success: str) -> bool:
    """Call a service; show its domain error, or the success message. True when it worked."""
    from django.contrib import messages

    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
        return False
    messages.success(request, success)
    return True
