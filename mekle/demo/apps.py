from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mekle.demo"
    label = "demo"
    verbose_name = "Demo data"
