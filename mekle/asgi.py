"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from mekle.lib.collector import tune_for_serving
from mekle.lib.keys import refuse_to_serve_without_keys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
refuse_to_serve_without_keys()
application = get_asgi_application()
tune_for_serving()
