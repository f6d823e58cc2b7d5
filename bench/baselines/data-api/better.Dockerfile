# better: the "optimize your Dockerfile" guide. Slim base, requirements first so code changes
# reuse the install layer, no pip cache in the image. Still `python main.py` and root.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["python", "main.py"]
