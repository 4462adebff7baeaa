#!/bin/sh
# Container entrypoint for the Burgerkracht portal (Dockerfile ENTRYPOINT, CMD ["web"]).
#   web     apply migrations, then serve with gunicorn on 0.0.0.0:8000
#   worker  Celery worker
#   beat    Celery beat (schedule file in /tmp: the image's var/ is not a volume)
#   *       run the given command as is, e.g. `python manage.py createsuperuser`
# Extra arguments after web/worker/beat are passed on to gunicorn/celery; gunicorn also
# reads GUNICORN_CMD_ARGS, e.g. GUNICORN_CMD_ARGS="--workers 5".
set -eu

case "${1:-web}" in
    web)
        [ "$#" -gt 0 ] && shift
        python manage.py migrate --noinput
        exec gunicorn burgerkracht.wsgi:application \
            --bind 0.0.0.0:8000 \
            --workers 3 \
            --access-logfile - \
            "$@"
        ;;
    worker)
        shift
        exec celery -A burgerkracht worker --loglevel INFO "$@"
        ;;
    beat)
        shift
        exec celery -A burgerkracht beat --loglevel INFO --schedule /tmp/celerybeat-schedule "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
