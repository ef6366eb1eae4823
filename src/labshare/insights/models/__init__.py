"""The insights app's own tables: quota hours per instrument, the district's indicators."""

from labshare.insights.models.exports import AssessmentExport
from labshare.insights.models.indicators import Indicator, IndicatorTarget, IndicatorValue
from labshare.insights.models.quotas import QuotaHours

__all__ = ["AssessmentExport", "Indicator", "IndicatorTarget", "IndicatorValue", "QuotaHours"]
