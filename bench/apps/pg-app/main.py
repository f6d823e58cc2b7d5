"""Flask app using psycopg2 built from source (needs a compiler and libpq headers)."""

import psycopg2
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    # No database in the benchmark: importing the compiled driver is the point.
    return {"status": "ok", "app": "pg-app", "libpq": psycopg2.extensions.libpq_version()}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
