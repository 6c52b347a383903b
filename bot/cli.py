"""The project's command line.

    python -m bot.cli run      start the action server and the Rasa server; Ctrl-C stops both
"""
import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List

from bot import paths, runtime_endpoints, settings as settings_module

BIN = Path(sys.executable).parent
READY_TIMEOUT_SECONDS = 180


def server_commands(settings: settings_module.Settings, endpoints: Path) -> List[List[str]]:
    actions = [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(settings.action_port)]
    rasa = [str(BIN / "rasa"), "run", "--enable-api", "--auth-token", settings.api_token,
            "--port", str(settings.rasa_port), "--credentials", "credentials.yml",
            "--endpoints", str(endpoints), "--model", "models", "--cors", *settings.cors_origins]
    webchat = [str(BIN / "python"), "-m", "bot.webchat.server"]
    return [actions, rasa, webchat]


def server_environment(settings: settings_module.Settings) -> Dict[str, str]:
    # Rasa's telemetry would send crash reports (and with them parts of conversations) to its vendor.
    # The action server keeps its stores (referrals) in the same var directory as the conversations;
    # the SMS channel keeps its own state in Redis when conversations are there.
    return {**os.environ, "PYTHONPATH": str(paths.ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "RASA_TELEMETRY_ENABLED": "false", "HERTS_VAR_DIR": str(settings.var_dir),
            "RASA_PORT": str(settings.rasa_port), "WEBCHAT_PORT": str(settings.webchat_port),
            "CORS_ORIGINS": " ".join(settings.cors_origins),
            **({"REDIS_URL": settings.redis_url} if settings.redis_url else {})}


def run() -> int:
    settings = settings_module.load()
    problem = runtime_endpoints.unreachable_store(settings)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    endpoints = runtime_endpoints.write(settings)
    children = [subprocess.Popen(cmd, cwd=paths.ROOT, env=server_environment(settings), start_new_session=True)
                for cmd in server_commands(settings, endpoints)]
    stopping = []

    def stop(*_):
        stopping.append(True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    if _wait_until_ready(settings.rasa_port, children, stopping):
        _print_where_to_talk(settings)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    return _stop_all(children)


def _wait_until_ready(port: int, children, stopping) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline and not stopping and all(c.poll() is None for c in children):
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/webhooks/rest/", timeout=1):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def _print_where_to_talk(settings: settings_module.Settings) -> None:
    print(f"""
Herts non-emergency assistant is ready.
  Web page:    http://localhost:{settings.webchat_port}/  (the demo force page with the chat)
  Talk to it:  curl -s localhost:{settings.rasa_port}/webhooks/rest/webhook -d '{{"sender": "me", "message": "hello"}}'
  Socket.io:   http://localhost:{settings.rasa_port}/socket.io/
  HTTP API:    http://localhost:{settings.rasa_port}/conversations/<sender>/tracker?token=$RASA_API_TOKEN
               (no RASA_API_TOKEN set: the local token is in {settings.var_dir / 'api_token'})
  Stored in:   {"Redis at " + runtime_endpoints.redacted(settings.redis_url) if settings.redis_url
                 else settings.var_dir / "rasa.db"}
  Stop:        Ctrl-C
""", flush=True)


def _stop_all(children) -> int:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    codes = [child.returncode for child in children]
    return 0 if all(code in (0, -signal.SIGTERM) for code in codes) else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bot.cli", description=__doc__)
    parser.add_argument("command", choices=["run"])
    parser.parse_args(argv)
    return run()


if __name__ == "__main__":
    sys.exit(main())
