"""Start and stop the real Rasa server and action server for tests, on free ports."""
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import requests

from bot import paths, runtime_endpoints
from bot.cli import server_commands, server_environment
from bot.settings import DEMO_PAGE_ORIGIN, Settings
from tests.ports import free_port

MODEL = paths.ROOT / "models" / "triage.tar.gz"
TOKEN = "test-token"



def wait_for(url: str, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.3)
    raise TimeoutError(url)


@dataclass
class Stack:
    var_dir: Path
    redis_url: Optional[str] = None
    extra_env: Dict[str, str] = field(default_factory=dict)
    settings: Settings = None
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: Dict[str, Path] = field(default_factory=dict)

    def __post_init__(self):
        page_port = free_port()
        origins = (DEMO_PAGE_ORIGIN, f"http://localhost:{page_port}", f"http://127.0.0.1:{page_port}")
        self.settings = Settings(free_port(), free_port(), TOKEN, self.redis_url, self.var_dir, origins, page_port)
        self.endpoints = runtime_endpoints.write(self.settings)
        actions, rasa, webchat = server_commands(self.settings, self.endpoints)
        self.commands = {"actions": actions, "rasa": [str(MODEL) if arg == "models" else arg for arg in rasa],
                         "webchat": webchat}

    @property
    def page_url(self) -> str:
        return f"http://localhost:{self.settings.webchat_port}/"

    @property
    def url(self) -> str:
        return f"http://localhost:{self.settings.rasa_port}"

    def start(self, name: str) -> None:
        log = self.var_dir / f"{name}.log"
        env = {**server_environment(self.settings), "TF_CPP_MIN_LOG_LEVEL": "2", **self.extra_env}
        self.processes[name] = subprocess.Popen(self.commands[name], cwd=paths.ROOT, env=env,
                                                stdout=log.open("ab"), stderr=subprocess.STDOUT)
        self.logs[name] = log
        health = {"actions": f"http://localhost:{self.settings.action_port}/health",
                  "webchat": f"{self.page_url}health"}.get(name, f"{self.url}/webhooks/rest/")
        wait_for(health, 180, self.processes[name])

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    @contextmanager
    def running(self) -> Iterator["Stack"]:
        try:
            self.start("actions")
            self.start("rasa")
            self.start("webchat")
            yield self
        finally:
            self.stop_all()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def say(self, sender: str, text, timeout: float = 30) -> List[dict]:
        reply = requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                              timeout=timeout)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def tracker(self, sender: str, token: Optional[str] = TOKEN) -> requests.Response:
        params = {"token": token} if token else {}
        return requests.get(f"{self.url}/conversations/{sender}/tracker", params=params, timeout=10)

    def slots(self, sender: str) -> dict:
        return self.tracker(sender).json()["slots"]

    def user_texts(self, sender: str) -> List[str]:
        return [e.get("text") for e in self.tracker(sender).json()["events"] if e["event"] == "user"]
