# One image for the web, worker and beat services of docker-compose.yml.
# Stage 1 compiles the front end (GOV.UK Frontend from npm, with sass).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend ./frontend
RUN npm run --silent build

# Stage 2: the Python application, with the libraries WeasyPrint needs to draw PDFs.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 partnership
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY partnership ./partnership
COPY schools ./schools
COPY reviews ./reviews
COPY reports ./reports
COPY templates ./templates
COPY static ./static
COPY manage.py ./
# Editable, so templates and static files are used where they are, beside the code.
RUN pip install -c constraints.txt -e .
COPY --from=frontend /app/static/build ./static/build
# collectstatic needs settings but no secrets or database.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown partnership:partnership /app/media
USER partnership
EXPOSE 8000
CMD ["gunicorn", "partnership.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
