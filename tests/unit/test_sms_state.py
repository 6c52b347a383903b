"""The SMS channel's state per number: the same contract from memory, SQLite and a real redis-server."""
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import redis

from bot.sms.redis_state import RedisSmsState
from bot.sms.sql_state import SqlSmsState
from bot.sms.state import OPTIONS_TTL, REPLY_TTL, MemorySmsState, number_key, sms_state_from_settings

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
NUMBER = "+447700900123"
OTHER = "+447700900456"
WHATSAPP = "whatsapp:+447700900123"
SECOND = timedelta(seconds=1)




@pytest.fixture(params=["memory", "sqlite", "redis"])
def open_state(request, tmp_path):
    """Opens the state; opening it again is a restart, or another process (for the fake, the same object)."""
    if request.param == "memory":
        fake = MemorySmsState()
        yield lambda: fake
        return
    if request.param == "sqlite":
        def opener():
            return SqlSmsState(f"sqlite:///{tmp_path / 'sms.db'}")
    else:
        url = request.getfixturevalue("redis_url")
        redis.Redis.from_url(url).flushdb()

        def opener():
            return RedisSmsState(redis.Redis.from_url(url))
    opened = []
    yield lambda: opened.append(opener()) or opened[-1]
    for state in opened:
        state.close()


@pytest.fixture
def state(open_state):
    return open_state()


def test_a_number_is_kept_as_the_sha256_of_the_string_as_received():
    assert number_key(NUMBER) == hashlib.sha256(NUMBER.encode()).hexdigest()
    assert number_key(WHATSAPP) != number_key(NUMBER)


# Opt-outs

def test_opting_out_is_confirmed_once_and_opting_in_undoes_it(state):
    assert state.is_opted_out(NUMBER) is False
    assert state.opt_out(NUMBER, NOW) is True
    assert state.opt_out(NUMBER, NOW + SECOND) is False
    assert state.is_opted_out(NUMBER) is True
    assert state.is_opted_out(OTHER) is False and state.is_opted_out(WHATSAPP) is False
    assert state.opt_in(NUMBER) is True
    assert state.opt_in(NUMBER) is False
    assert state.is_opted_out(NUMBER) is False
    assert state.opt_out(NUMBER, NOW + 2 * SECOND) is True


def test_an_opt_out_survives_a_restart_and_never_expires(open_state):
    open_state().opt_out(NUMBER, NOW)
    reopened = open_state()
    assert reopened.is_opted_out(NUMBER) is True
    assert reopened.opt_out(NUMBER, NOW + timedelta(days=400)) is False


def test_times_must_be_timezone_aware(state):
    with pytest.raises(ValueError):
        state.opt_out(NUMBER, datetime(2026, 3, 1, 10, 0))
    with pytest.raises(ValueError):
        state.claim("SM1", NUMBER, datetime(2026, 3, 1, 10, 0))


# Options offered in the last reply

def test_options_are_replaced_and_cleared(state):
    assert state.options(NUMBER, NOW) == []
    state.remember_options(NUMBER, ["/report_burglary", "/report_asb"], NOW)
    assert state.options(NUMBER, NOW) == ["/report_burglary", "/report_asb"]
    state.remember_options(NUMBER, ['/inform{"category": "fraud"}'], NOW)
    assert state.options(NUMBER, NOW) == ['/inform{"category": "fraud"}']
    assert state.options(OTHER, NOW) == []
    state.remember_options(NUMBER, [], NOW)
    assert state.options(NUMBER, NOW) == []


def test_options_expire_after_their_ttl(open_state):
    state = open_state()
    state.remember_options(NUMBER, ["/affirm", "/deny"], NOW)
    assert open_state().options(NUMBER, NOW + OPTIONS_TTL - SECOND) == ["/affirm", "/deny"]
    assert state.options(NUMBER, NOW + OPTIONS_TTL) == []


# Exactly once per MessageSid

def test_a_message_is_claimed_once(open_state):
    state = open_state()
    assert state.claim("SM1", NUMBER, NOW) is True
    assert state.claim("SM1", NUMBER, NOW + SECOND) is False
    assert open_state().claim("SM1", NUMBER, NOW + SECOND) is False
    assert state.claim("SM2", NUMBER, NOW) is True


def test_a_claim_expires_after_the_reply_ttl(state):
    assert state.claim("SM1", NUMBER, NOW) is True
    assert state.claim("SM1", NUMBER, NOW + REPLY_TTL - SECOND) is False
    assert state.claim("SM1", NUMBER, NOW + REPLY_TTL) is True
    assert state.claim("SM1", NUMBER, NOW + REPLY_TTL + SECOND) is False


def test_the_reply_is_none_until_saved_then_kept_for_the_ttl(open_state):
    state = open_state()
    assert state.reply("SM1", NOW) is None
    state.claim("SM1", NUMBER, NOW)
    assert state.reply("SM1", NOW) is None
    state.save_reply("SM1", NUMBER, '["Thanks, we have your report."]', NOW + SECOND)
    assert open_state().reply("SM1", NOW + 2 * SECOND) == '["Thanks, we have your report."]'
    assert state.claim("SM1", NUMBER, NOW + 2 * SECOND) is False
    assert state.reply("SM1", NOW + SECOND + REPLY_TTL) is None


def test_a_reply_is_kept_even_if_the_claim_has_gone(state):
    state.save_reply("SM9", NUMBER, "late", NOW)
    assert state.reply("SM9", NOW) == "late"
    assert state.claim("SM9", NUMBER, NOW) is False


def test_twenty_threads_claiming_one_message_give_exactly_one_winner(open_state):
    # Two instances on one database (two engines, two Redis clients) stand for two Rasa processes.
    states = [open_state(), open_state()]
    start = threading.Barrier(20)

    def claim(n):
        start.wait()
        return states[n % 2].claim("SMrace", NUMBER, NOW)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(claim, range(20)))
    assert results.count(True) == 1


# Flags

def test_flags_default_to_false_and_are_per_number_and_name(open_state):
    state = open_state()
    assert state.flag(NUMBER, "unsafe_to_text") is False
    state.set_flag(NUMBER, "unsafe_to_text", True, NOW)
    state.set_flag(NUMBER, "unsafe_to_text", True, NOW)
    assert open_state().flag(NUMBER, "unsafe_to_text") is True
    assert state.flag(NUMBER, "sensitive") is False and state.flag(OTHER, "unsafe_to_text") is False
    state.set_flag(NUMBER, "unsafe_to_text", False, NOW)
    state.set_flag(NUMBER, "sensitive", False, NOW)
    assert state.flag(NUMBER, "unsafe_to_text") is False


# Forgetting

def fill(state, number: str, sid: str) -> None:
    state.opt_out(number, NOW)
    state.remember_options(number, ["/affirm", "/deny"], NOW)
    state.set_flag(number, "unsafe_to_text", True, NOW)
    state.set_flag(number, "sensitive", True, NOW)
    state.claim(sid, number, NOW)
    state.save_reply(sid, number, f"reply to {sid}", NOW)
    state.claim(sid + "-pending", number, NOW)


def test_forget_erases_everything_for_the_number_but_its_opt_out(open_state):
    state = open_state()
    fill(state, NUMBER, "SMmine")
    fill(state, OTHER, "SMtheirs")
    open_state().forget(NUMBER)

    assert state.options(NUMBER, NOW) == []
    assert state.flag(NUMBER, "unsafe_to_text") is False and state.flag(NUMBER, "sensitive") is False
    assert state.reply("SMmine", NOW) is None
    assert state.claim("SMmine-pending", NUMBER, NOW) is True, "the pending claim was erased too"
    assert state.is_opted_out(NUMBER) is True

    assert state.options(OTHER, NOW) == ["/affirm", "/deny"]
    assert state.flag(OTHER, "unsafe_to_text") is True
    assert state.reply("SMtheirs", NOW) == "reply to SMtheirs"
    assert state.claim("SMtheirs-pending", OTHER, NOW) is False
    state.forget(NUMBER)  # forgetting twice is harmless


# Numbers never in clear

CLEAR_FORMS = [NUMBER, "447700900123", "7700900123", OTHER, "7700900456"]


def test_the_sqlite_files_never_hold_a_number_in_clear(tmp_path):
    state = SqlSmsState(f"sqlite:///{tmp_path / 'sms.db'}")
    fill(state, NUMBER, "SMmine")
    fill(state, WHATSAPP, "SMwhatsapp")
    fill(state, OTHER, "SMtheirs")
    state.forget(OTHER)
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("sms.db*"))
    state.close()
    assert number_key(NUMBER).encode() in stored
    assert not [form for form in CLEAR_FORMS if form.encode() in stored]


def test_redis_never_holds_a_number_in_clear(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    state = RedisSmsState(client)
    fill(state, NUMBER, "SMmine")
    fill(state, WHATSAPP, "SMwhatsapp")
    state.set_flag(OTHER, "sensitive", True, NOW)
    stored = []
    for key in client.scan_iter("*"):
        kind = client.type(key)
        value = {b"string": lambda: client.get(key), b"hash": lambda: client.hgetall(key),
                 b"set": lambda: client.smembers(key)}[kind]()
        stored.append(repr((key, value)))
    state.close()
    everything = "\n".join(stored)
    assert all(key.startswith("(b'herts:sms:") for key in stored)
    assert number_key(NUMBER) in everything and number_key(WHATSAPP) in everything
    assert not [form for form in CLEAR_FORMS if form in everything]


# Choosing the implementation

def test_without_redis_the_state_is_sqlite_in_the_var_dir(tmp_path):
    state = sms_state_from_settings(None, tmp_path / "var")
    try:
        assert isinstance(state, SqlSmsState)
        state.opt_out(NUMBER, NOW)
        assert (tmp_path / "var" / "sms.db").exists()
    finally:
        state.close()


def test_with_redis_the_state_is_in_redis(redis_url):
    state = sms_state_from_settings(redis_url, "/nonexistent")
    try:
        assert isinstance(state, RedisSmsState)
        redis.Redis.from_url(redis_url).flushdb()
        state.opt_out(NUMBER, NOW)
        assert redis.Redis.from_url(redis_url).exists(f"herts:sms:optout:{number_key(NUMBER)}")
    finally:
        state.close()
