from bot.cli import server_commands
from bot.settings import load


def test_defaults_are_safe_for_a_local_run(tmp_path):
    settings = load(environ={}, root=tmp_path)
    assert (settings.rasa_port, settings.action_port, settings.redis_url) == (5005, 5055, None)
    assert settings.cors_origins == ("http://localhost:8080",)
    assert len(settings.api_token) >= 24
    assert load(environ={}, root=tmp_path).api_token == settings.api_token, "the local token must be kept"


def test_the_environment_and_a_dotenv_file_override_defaults(tmp_path):
    (tmp_path / ".env").write_text("RASA_PORT=6000\nRASA_API_TOKEN=from-file\n")
    settings = load(environ={"RASA_API_TOKEN": "from-env", "CORS_ORIGINS": "https://a.example https://b.example"},
                    root=tmp_path)
    assert (settings.rasa_port, settings.api_token) == (6000, "from-env")
    rasa = server_commands(settings, tmp_path / "endpoints.yml")[1]
    assert rasa[rasa.index("--cors") + 1:rasa.index("--cors") + 3] == ["https://a.example", "https://b.example"]
    assert rasa[rasa.index("--auth-token") + 1] == "from-env"
