from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "labshare.bench"
    label = "bench"
    verbose_name = "Benchmarks"
