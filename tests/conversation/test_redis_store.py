"""REDIS_URL set: conversations, locks and the SMS channel's state live in a real redis-server and
survive a restart of Rasa."""
import pytest
import redis

from tests.conversation.servers import Stack
from tests.ports import free_port
from tests.redis_server import redis_server
from tests.twilio_client import AUTH_TOKEN, messages, post, twilio_form

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def redis_stack(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis"), free_port()) as url:
        twilio = {"TWILIO_AUTH_TOKEN": AUTH_TOKEN}
        with Stack(tmp_path_factory.mktemp("var-redis"), redis_url=url, extra_env=twilio).running() as servers:
            yield servers


def test_conversations_are_kept_in_redis_across_a_restart(redis_stack, sender, responses):
    assert redis_stack.say(sender, "our house was burgled last night")[0]["text"] == responses["utter_burglary"]
    stored = redis.Redis.from_url(redis_stack.redis_url).keys("herts*")
    assert any(sender.encode() in key for key in stored), stored
    assert not (redis_stack.var_dir / "rasa.db").exists(), "with REDIS_URL nothing goes to SQLite"

    redis_stack.stop("rasa")
    redis_stack.start("rasa")
    assert redis_stack.user_texts(sender) == ["our house was burgled last night"]
    assert redis_stack.slots(sender)["issue_category"] == "burglary"
    assert redis_stack.say(sender, "someone is breaking in right now")[0]["text"] == responses["utter_emergency_now"]


def test_sms_opt_outs_and_delivered_replies_are_kept_in_redis_across_a_restart(redis_stack):
    webhook, number = f"{redis_stack.url}/webhooks/twilio/webhook", "+447700900777"
    assert messages(post(webhook, twilio_form(number, "STOP")))
    delivered = twilio_form(number, "my bike was stolen from hitchin station")
    assert messages(post(webhook, delivered)) == []
    assert not (redis_stack.var_dir / "sms.db").exists(), "with REDIS_URL the SMS state is in Redis"
    keys = redis.Redis.from_url(redis_stack.redis_url).keys("herts:sms*")
    assert keys and not any(number.encode() in key for key in keys)

    redis_stack.stop("rasa")
    redis_stack.start("rasa")
    assert messages(post(webhook, twilio_form(number, "my car was scratched"))) == []
    assert messages(post(webhook, delivered)) == []
    assert redis_stack.user_texts(number).count("my bike was stolen from hitchin station") == 1
