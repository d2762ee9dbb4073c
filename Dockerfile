FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint's libraries from Debian; WeasyPrint itself comes from PyPI with the project.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 panel && mkdir -p /data/media && chown panel /data/media
WORKDIR /app
COPY . /app
RUN pip install . \
 && SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only DEBUG=0 ALLOWED_HOSTS=build \
    STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput
USER panel
EXPOSE 8000
CMD ["gunicorn", "panel.wsgi:application", "--bind", "0.0.0.0:8000"]
