"""A tiny shop used to demonstrate pyship: `pyship build examples/flask-shop`."""
import os

from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask(__name__)
    products = [
        {"id": 1, "name": "teapot", "price": 18.5},
        {"id": 2, "name": "mug", "price": 6.0},
    ]

    @app.get("/")
    def index():
        return f"hello from flask-shop (pid {os.getpid()})\n"

    @app.get("/products")
    def list_products():
        return jsonify(products)

    return app
