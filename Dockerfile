# Burgerkracht portal: one image for web (gunicorn), worker and beat (Celery).
# Production settings are burgerkracht.settings.base plus the environment (.env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=burgerkracht.settings.base

# WeasyPrint's system libraries (Pango, HarfBuzz subsetting, a default font), cairo for
# CairoSVG (the logo) and gettext.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        libcairo2 \
        fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .

# Static files are baked into the image (WhiteNoise serves them). The secret key exists only
# for this command, as does a DATABASE_URL it never connects to; the real ones come from the
# environment at run time. The .mo files are
# committed, so no compilemessages. var/ holds media (a volume in docker-compose.yml) and must
# be writable by the app user.
RUN DJANGO_SECRET_KEY=build-only FIELD_ENCRYPTION_KEYS=YnVpbGQtb25seS1ub3QtYS1yZWFsLWtleS0wMTIzNDU= \
    DATABASE_URL=postgres://build-only@localhost/none python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown app:app /app/var /app/var/media \
    && chmod 0755 /app/burgerkracht/bin/entrypoint.sh

USER app

EXPOSE 8000

# Health checking lives in docker-compose.yml (GET /gezondheid/).
ENTRYPOINT ["/app/burgerkracht/bin/entrypoint.sh"]
# web: migrate, then gunicorn burgerkracht.wsgi:application on 0.0.0.0:8000, 3 workers,
# access log to stdout. Other commands: worker, documents, beat, or any command (entrypoint.sh).
CMD ["web"]
