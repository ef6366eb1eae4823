"""The insights pages: dashboards, the assessment export, the innovation indicators."""
