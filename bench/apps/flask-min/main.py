"""Minimal Flask app: the smallest web service people containerize."""

import time

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return {"status": "ok", "app": "flask-min"}


# Load-test endpoints (bench/lib/load-test.mjs): a request that waits on I/O, one that burns CPU.
@app.get("/io")
def wait_on_io():
    time.sleep(0.05)  # a 50 ms database or API call
    return {"waited_ms": 50}


@app.get("/cpu")
def burn_cpu():
    # 10 ms of this thread's CPU time, however busy the machine is (not 10 ms of wall time).
    end = time.thread_time() + 0.01
    while time.thread_time() < end:
        pass
    return {"burned_ms": 10}


if __name__ == "__main__":
    # `python main.py` (the naive and better Dockerfiles) runs Flask's own server.
    app.run(host="0.0.0.0", port=8000)
