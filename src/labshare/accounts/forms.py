from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from labshare.accounts.backends import is_mobile, normalize_mobile
from labshare.accounts.models import Membership, Organization, ProviderApplication, User
from labshare.accounts.uscc import normalize_uscc
from labshare.core.permissions import GRANTABLE, PERMISSIONS


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = Organization.PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Room for the spaces and hyphens people type inside a code; clean_uscc removes them.
        uscc = self.fields["uscc"]
        self.fields["uscc"] = forms.CharField(
            label=uscc.label,
            max_length=40,
            help_text=_("18 characters, as on the business licence, e.g. 91210211MA0XXXXXXX."),
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )
        self.fields["kind"].choices = [
            choice
            for choice in Organization.Kind.choices
            if choice[0] != Organization.Kind.GOVERNMENT
        ]

    def clean_uscc(self) -> str:
        # What people type: full-width characters, lower case, spaces and hyphens inside.
        return normalize_uscc(self.cleaned_data.get("uscc", ""))

    def validate_unique(self):
        """Uniqueness is the service's to check; it reports a clear message per field."""


class RegistrationForm(OrganizationForm):
    username = forms.CharField(
        label=_("User name"), max_length=150, validators=[User.username_validator]
    )
    full_name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("Optional; you can then log in with it too."),
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)
    apply_as_provider = forms.BooleanField(
        label=_(
            "We also want to offer instruments or testing services (needs the operator's approval)"
        ),
        required=False,
    )

    accept_terms = forms.BooleanField(
        label=_("I have read and accept the user agreement"),
        error_messages={"required": _("Please read and accept the user agreement to register.")},
    )

    ACCOUNT_FIELDS = ("username", "full_name", "email", "mobile", "password1", "password2")
    field_order = list(ACCOUNT_FIELDS)

    def account_fields(self):
        return [self[name] for name in self.ACCOUNT_FIELDS]

    def organization_fields(self):
        return [
            field
            for field in self
            if field.name not in self.ACCOUNT_FIELDS and field.name != "accept_terms"
        ]

    def clean_mobile(self) -> str:
        return clean_mobile_field(self.cleaned_data.get("mobile", ""))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            # The similarity check needs the person: a password equal to their user name,
            # e-mail, name or organisation is refused.
            user = User(
                username=data.get("username", ""),
                email=data.get("email", ""),
                full_name=data.get("full_name", ""),
                phone=data.get("mobile", ""),
            )
            user.organization_name = data.get("name", "")
            try:
                password_validation.validate_password(data["password1"], user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        org_fields = {name: data[name] for name in Organization.PROFILE_FIELDS}
        return {
            "username": data["username"],
            "password": data["password1"],
            "email": data["email"],
            "full_name": data["full_name"],
            "mobile": data["mobile"],
            **org_fields,
        }


class SwitchOrganizationForm(forms.Form):
    organization = forms.IntegerField()


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("User name"), max_length=150, validators=[User.username_validator]
    )
    full_name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    mobile = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial="member")

    def clean_mobile(self) -> str:
        return clean_mobile_field(self.cleaned_data.get("mobile", ""))


class AddExistingForm(forms.Form):
    """Both the user name and the account's e-mail must be known to add an existing account."""

    username = forms.CharField(label=_("User name of an existing account"), max_length=150)
    email = forms.EmailField(label=_("That account's e-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial="member")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class PermissionForm(forms.Form):
    permission = forms.ChoiceField(
        label=_("Extra permission"),
        choices=[(name, PERMISSIONS[name]) for name in GRANTABLE],
    )


class ProviderApplicationForm(forms.ModelForm):
    class Meta:
        model = ProviderApplication
        fields = ProviderApplication.FORM_FIELDS
        widgets = {"lab_description": forms.Textarea(attrs={"rows": 5})}


class ApproveProviderForm(forms.Form):
    code = forms.CharField(
        label=_("Provider code"),
        max_length=20,
        help_text=_(
            "3 to 8 letters A–Z that start every sample and report number of this unit, e.g. "
            "DLUT for 大连理工大学 (DLUT-260312-001). Usually the unit's English abbreviation or "
            "the first letters of its pinyin name; it cannot be changed later."
        ),
        error_messages={
            "required": _("Enter the provider code: 3 to 8 letters A–Z, e.g. DLUT."),
        },
    )


MAX_IDENTIFIER = 254  # the longest e-mail address


class LoginForm(AuthenticationForm):
    """Log in with the user name, the e-mail address or the mobile number."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name, e-mail or mobile number, or the password, is wrong. "
            "The password is case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name, e-mail or mobile number")
        self.fields["username"].widget.attrs["maxlength"] = MAX_IDENTIFIER

    def clean_username(self) -> str:
        # Django sets the field's max_length after the validators are built, so say it here.
        username = self.cleaned_data.get("username", "")
        if len(username) > MAX_IDENTIFIER:
            raise forms.ValidationError(
                _("No user name, e-mail or mobile number is that long."), code="too_long"
            )
        return username


def clean_mobile_field(value: str) -> str:
    """An optional Chinese mobile number, stored as its 11 digits."""
    if not value:
        return ""
    mobile = normalize_mobile(value)
    if not is_mobile(mobile):
        raise forms.ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 138 0000 0000."), code="mobile"
        )
    return mobile
