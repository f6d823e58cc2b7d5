# naive: what the first tutorial result teaches. Full image, whole project copied before the
# install (any code change re-installs every dependency), Python's dev server as PID 1, root.
FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
EXPOSE 8000
CMD ["python", "main.py"]
