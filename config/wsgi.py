import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, their URL patterns and templates) lives as long as the
# worker: moved out of the collector's reach, so that the collections each request's garbage
# sets off do not walk it again and again (bench/member_pages.py: about a tenth of a page).
gc.freeze()
