"""FastAPI service with the scientific stack: large wheels, slow installs."""

import asyncio
import time

import numpy as np
import pandas as pd
from fastapi import FastAPI

app = FastAPI()

frame = pd.DataFrame({"x": np.arange(100), "y": np.arange(100) ** 2})


@app.get("/")
def index():
    return {"status": "ok", "app": "data-api", "sum_y": int(frame["y"].sum())}


# Load-test endpoints (bench/lib/load-test.mjs): a request that waits on I/O, one that burns CPU.
@app.get("/io")
async def wait_on_io():
    await asyncio.sleep(0.05)  # a 50 ms database or API call
    return {"waited_ms": 50}


@app.get("/cpu")
def burn_cpu():
    # 10 ms of this thread's CPU time, however busy the machine is (not 10 ms of wall time).
    end = time.thread_time() + 0.01
    while time.thread_time() < end:
        pass
    return {"burned_ms": 10}


if __name__ == "__main__":
    # `python main.py` (the naive and better Dockerfiles) runs uvicorn in-process.
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8000)
