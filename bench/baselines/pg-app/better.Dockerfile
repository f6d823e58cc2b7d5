# better: the "optimize your Dockerfile" guide. Slim base, so psycopg2's build needs what its
# install docs list (a compiler, Python and libpq headers) from apt, left in the image as
# single-stage files do; requirements first, no pip cache. Still `python main.py` and root.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc python3-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["python", "main.py"]
