"""Minimal Flask app: the smallest web service people containerize."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return {"status": "ok", "app": "flask-min"}


if __name__ == "__main__":
    # `python main.py` (the naive and better Dockerfiles) runs Flask's own server.
    app.run(host="0.0.0.0", port=8000)
