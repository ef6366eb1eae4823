"""The district's industry fields (3+3+X) a need is filed under, and who follows which.

The fields are reference data shipped in cooperation/data/industry_fields.tsv (each row names
its source): the three sectors and the focus areas under them. They are rows, not choices in
code, because the district revises its focus areas between plans: a revision is a data
migration that adds rows and retires old ones (is_active), so needs filed under them keep it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndustryField(models.Model):
    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("sector"),
    )
    name = models.CharField(_("industry field"), max_length=40)
    source = models.CharField(_("source"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("industry field")
        verbose_name_plural = _("industry fields")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def sector_code(self) -> str:
        return self.parent_id or self.code


class FieldFollow(models.Model):
    """A provider follows a field: it is told of every new need filed under it (or under a
    focus area of a followed sector)."""

    provider = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="followed_fields"
    )
    field = models.ForeignKey(IndustryField, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("followed field")
        verbose_name_plural = _("followed fields")
        constraints = [
            models.UniqueConstraint(fields=["provider", "field"], name="field_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} → {self.field_id}"
