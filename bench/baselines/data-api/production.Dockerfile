# production: the "better" file plus what security guides add: a non-root user and gunicorn
# with the uvicorn worker class (package uvicorn-worker) in exec form.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN useradd --create-home --uid 1000 appuser
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=appuser:appuser . .
USER appuser
EXPOSE 8000
CMD ["gunicorn", "-k", "uvicorn_worker.UvicornWorker", "--bind", "0.0.0.0:8000", "main:app"]
