"""The insights app's own tables: quota hours per instrument, the district's indicators, the monthly summary."""

from labshare.insights.models.exports import AssessmentExport
from labshare.insights.models.indicators import Indicator, IndicatorTarget, IndicatorValue
from labshare.insights.models.quotas import QuotaHours
from labshare.insights.models.summary import (
    CustomerMonth,
    InstrumentMonth,
    ProviderMonth,
    SummaryMonth,
)

__all__ = [
    "AssessmentExport",
    "CustomerMonth",
    "Indicator",
    "IndicatorTarget",
    "IndicatorValue",
    "InstrumentMonth",
    "ProviderMonth",
    "QuotaHours",
    "SummaryMonth",
]
