"""WSGI entry point (granian --interface wsgi mekle.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
application = get_wsgi_application()
