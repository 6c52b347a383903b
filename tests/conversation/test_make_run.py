"""`python -m bot.cli run` (what `make run` starts): answers, serves the demo page, then stops cleanly on SIGTERM."""
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from bot import paths
from tests.conversation.servers import MODEL
from tests.ports import free_port

pytestmark = pytest.mark.servers


def test_run_answers_an_emergency_and_stops_cleanly_on_sigterm(tmp_path, responses):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    rasa_port, page_port = free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTION_PORT": str(free_port()), "WEBCHAT_PORT": str(page_port),
           "HERTS_VAR_DIR": str(tmp_path), "RASA_API_TOKEN": "run-token", "PYTHONPATH": str(paths.ROOT)}
    started = time.monotonic()
    run = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=paths.ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        while not any("is ready" in line for line in lines):
            line = run.stdout.readline()
            assert line or run.poll() is None, "".join(lines[-30:])
            lines.append(line)
            assert time.monotonic() - started < 180, "not ready after 180 s"
        threading.Thread(target=run.stdout.read, daemon=True).start()  # keep the pipe from filling
        reply = requests.post(f"http://localhost:{rasa_port}/webhooks/rest/webhook",
                              json={"sender": "run-test", "message": "someone is breaking into my house right now"},
                              timeout=30).json()
        assert reply[0]["text"] == responses["utter_emergency_now"]
        assert (tmp_path / "rasa.db").exists(), "conversations are not stored under the var directory"
        page = requests.get(f"http://localhost:{page_port}/", timeout=10)
        assert page.ok and "Chat with us" in page.text
    finally:
        run.send_signal(signal.SIGTERM)
        code = run.wait(timeout=30)
    assert code == 0
    for stopped in (f"http://localhost:{rasa_port}/webhooks/rest/", f"http://localhost:{page_port}/"):
        with pytest.raises(requests.ConnectionError):
            requests.get(stopped, timeout=2)
