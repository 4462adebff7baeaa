#!/bin/sh
# Container entrypoint for the Burgerkracht portal (Dockerfile ENTRYPOINT, CMD ["web"]).
#   web        apply migrations, then serve with gunicorn on 0.0.0.0:8000
#   worker     Celery worker for both queues, "celery" (mail, reminders) and "documents"
#   documents  Celery worker for the "documents" queue only: the PDFs a person is waiting for
#              never wait behind reminder mail (settings.DOCUMENT_TASKS)
#   beat       Celery beat (schedule file in /tmp: the image's var/ is not a volume)
#   *          run the given command as is, e.g. `python manage.py createsuperuser`
# Extra arguments after web/worker/documents/beat are passed on to gunicorn/celery; gunicorn also
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
        exec celery -A burgerkracht worker --loglevel INFO -Q celery,documents -n default@%h "$@"
        ;;
    documents)
        shift
        exec celery -A burgerkracht worker --loglevel INFO -Q documents -n documents@%h "$@"
        ;;
    beat)
        shift
        exec celery -A burgerkracht beat --loglevel INFO --schedule /tmp/celerybeat-schedule "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
