"""The innovation indicators' pages (public page, operator entry)."""

urlpatterns: list = []
