# Production image: the same code runs as web (gunicorn), worker and beat.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . \
 && DJANGO_SECRET_KEY=build-only-secret-key-not-used-at-run-time-0123456789abcdef \
    FIELD_ENCRYPTION_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= PERSONAL_DATA_HASH_KEY=build \
    DATABASE_URL=postgres://build/build REDIS_URL=redis://build:6379/0 \
    python manage.py collectstatic --no-input
USER nobody
EXPOSE 8000
CMD ["gunicorn", "redcross.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
