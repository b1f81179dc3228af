# One image for every Photodesk process; the command chooses which (scripts/web, scripts/worker,
# scripts/beat, scripts/release). Topology documentation (see compose.yaml); CI runs the same
# scripts on the machine itself.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHON=python3 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/var/lib/photodesk \
    STATIC_ROOT=/app/static

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# the static files are part of the image: every web container serves the same hashed names
RUN SECRET_KEY=collectstatic-only DATA_DIR=/tmp/build python3 manage.py collectstatic --noinput \
    && rm -rf /tmp/build \
    && useradd --system --home-dir /var/lib/photodesk --create-home photodesk
USER photodesk
EXPOSE 8000
CMD ["scripts/web"]
