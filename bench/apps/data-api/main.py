"""FastAPI service with the scientific stack: large wheels, slow installs."""

import numpy as np
import pandas as pd
from fastapi import FastAPI

app = FastAPI()

frame = pd.DataFrame({"x": np.arange(100), "y": np.arange(100) ** 2})


@app.get("/")
def index():
    return {"status": "ok", "app": "data-api", "sum_y": int(frame["y"].sum())}


if __name__ == "__main__":
    # `python main.py` (the naive and better Dockerfiles) runs uvicorn in-process.
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8000)
