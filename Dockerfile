FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media
# WeasyPrint's libraries and the fonts the packs are set in (DejaVu; Punjabi and Chinese for the
# "other languages" notices panels print), from Debian; WeasyPrint itself comes from PyPI.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core fonts-lohit-guru fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 panel && mkdir -p /data/media && chown panel /data/media
WORKDIR /app
# The project installs its dependencies only (`py-modules = []`); the code runs from /app. So the
# dependencies are a layer of their own, rebuilt only when pyproject.toml changes.
COPY pyproject.toml /app/
RUN pip install . && rm -rf /app/build /app/*.egg-info
COPY . /app
# Static files are collected into the image (WhiteNoise serves them); the key is a throwaway.
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only DEBUG=0 ALLOWED_HOSTS=x \
    VAR_DIR=/tmp/build-var python manage.py collectstatic --noinput \
 && rm -rf /tmp/build-var
# No HEALTHCHECK here: worker and beat run this image too and serve no HTTP. The web service's
# check is in docker-compose.yml.
USER panel
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
