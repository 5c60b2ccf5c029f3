from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "mekle.lib"
    label = "lib"
