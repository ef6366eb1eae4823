"""Insights: what the platform's records say, for the operator, the providers and the public.

Read-only over the other apps (it writes only its own tables: quota hours, the district's
indicators and targets); nothing imports it.
"""
