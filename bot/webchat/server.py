"""The demo force page with the webchat widget, at http://localhost:8080/ (the contract).

Serves only files of the project (webchat/ and the socket.io client from webchat/node_modules): the
page works offline. Strict headers: a Content-Security-Policy that allows scripts from this site and
a connection to Rasa only, no referrer, and no caching of the page (so Back after a quick exit does
not show a stored copy).

    python -m bot.webchat.server     (make run starts it)
"""
import json
import os
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import paths
from bot.settings import merged_environment

WEBCHAT = paths.ROOT / "webchat"
SOCKET_IO_CLIENT = WEBCHAT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@dataclass(frozen=True)
class WebchatConfig:
    port: int = 8080
    host: str = "0.0.0.0"
    rasa_url: str = "http://localhost:5005"
    exit_url: str = NEUTRAL_SITE
    max_length: int = 1000


def load(environ: Mapping[str, str] = os.environ) -> WebchatConfig:
    env = merged_environment(environ)
    rasa_port = int(env.get("RASA_PORT") or 5005)
    return WebchatConfig(port=int(env.get("WEBCHAT_PORT") or 8080), host=env.get("WEBCHAT_HOST") or "0.0.0.0",
                         rasa_url=(env.get("WEBCHAT_RASA_URL") or f"http://localhost:{rasa_port}").rstrip("/"),
                         exit_url=env.get("WEBCHAT_EXIT_URL") or NEUTRAL_SITE)


def create_app(config: WebchatConfig, name: str = "herts_webchat") -> Sanic:
    app = Sanic(name)
    app.config.update({"ACCESS_LOG": False})  # the page's URLs carry nothing worth logging
    app.static("/static", str(WEBCHAT / "static"))
    headers = security_headers(config)
    settings_js = "window.HERTS_CHAT = " + json.dumps({
        "socketUrl": config.rasa_url, "socketPath": "/socket.io/", "exitUrl": config.exit_url,
        "maxLength": config.max_length}) + ";\n"

    @app.get("/")
    async def page(_: Request) -> HTTPResponse:
        return await response.file(str(WEBCHAT / "index.html"), mime_type="text/html; charset=utf-8")

    @app.get("/config.js")
    async def chat_settings(_: Request) -> HTTPResponse:
        return response.text(settings_js, content_type="text/javascript; charset=utf-8")

    @app.get("/vendor/socket.io.min.js")
    async def socket_io_client(_: Request) -> HTTPResponse:
        if not SOCKET_IO_CLIENT.exists():
            return response.text("socket.io client missing: run `make install`", status=503)
        return await response.file(str(SOCKET_IO_CLIENT), mime_type="text/javascript; charset=utf-8")

    @app.get("/health")
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.on_response
    async def add_headers(_: Request, reply: HTTPResponse) -> None:
        reply.headers.update(headers)

    return app


def security_headers(config: WebchatConfig) -> dict:
    rasa = urlsplit(config.rasa_url)
    socket = f"{'wss' if rasa.scheme == 'https' else 'ws'}://{rasa.netloc}"
    return {
        "Content-Security-Policy": (f"default-src 'self'; connect-src 'self' {config.rasa_url} {socket}; "
                                    "img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def main() -> None:
    config = load()
    create_app(config).run(host=config.host, port=config.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
