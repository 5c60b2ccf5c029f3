"""WSGI entry point (granian --interface wsgi mekle.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

from mekle.lib.collector import tune_for_serving
from mekle.lib.keys import refuse_to_serve_without_keys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
refuse_to_serve_without_keys()
application = get_wsgi_application()
tune_for_serving()
