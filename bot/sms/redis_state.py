"""SMS state in Redis, shared by every Rasa process: keys with TTLs, SET NX for claims.

Keys (`key` is number_key(number), never the number):
  {prefix}:optout:{key}        opted-out-at, no TTL
  {prefix}:options:{key}       JSON {"payloads", "expires_at"}, TTL options_ttl
  {prefix}:flags:{key}         hash name -> set-at, no TTL (kept until cleared or forgotten)
  {prefix}:delivery:{sid}      JSON {"number_key", "expires_at", "reply"}, TTL reply_ttl
  {prefix}:deliveries:{key}    set of the number's sids, so `forget` can find them; TTL reply_ttl
Redis expires keys by its own clock; reads also compare "expires_at" with the `now` passed in.
"""
import json
from datetime import datetime, timedelta
from typing import List, Optional

import redis

from bot.sms.state import OPTIONS_TTL, REPLY_TTL, SmsState, as_utc, number_key

# Taking over a claim whose "expires_at" has passed (by the caller's clock) though Redis still holds the key.
CLAIM_EXPIRED = """
local current = redis.call('GET', KEYS[1])
if current then
  local ok, stored = pcall(cjson.decode, current)
  if not ok or type(stored) ~= 'table' or tonumber(stored['expires_at']) == nil
     or tonumber(stored['expires_at']) > tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
"""


class RedisSmsState(SmsState):
    def __init__(self, client: redis.Redis, prefix: str = "herts:sms", options_ttl: timedelta = OPTIONS_TTL,
                 reply_ttl: timedelta = REPLY_TTL):
        self._client = client
        self._prefix = prefix
        self._options_ttl = options_ttl
        self._reply_ttl = reply_ttl
        self._claim_expired = client.register_script(CLAIM_EXPIRED)  # loaded on first use, not here

    def opt_out(self, number: str, now: datetime) -> bool:
        return bool(self._client.set(self._key("optout", number_key(number)), as_utc(now).isoformat(), nx=True))

    def opt_in(self, number: str) -> bool:
        return self._client.delete(self._key("optout", number_key(number))) > 0

    def is_opted_out(self, number: str) -> bool:
        return self._client.exists(self._key("optout", number_key(number))) > 0

    def remember_options(self, number: str, payloads: List[str], now: datetime) -> None:
        key = self._key("options", number_key(number))
        now = as_utc(now)
        if not payloads:
            self._client.delete(key)
            return
        stored = {"payloads": [str(payload) for payload in payloads], "expires_at": _ms(now + self._options_ttl)}
        self._client.set(key, json.dumps(stored), px=_ms_ttl(self._options_ttl))

    def options(self, number: str, now: datetime) -> List[str]:
        stored = _load(self._client.get(self._key("options", number_key(number))), as_utc(now))
        return list(stored["payloads"]) if stored else []

    def claim(self, message_sid: str, number: str, now: datetime) -> bool:
        key, now = number_key(number), as_utc(now)
        delivery = json.dumps({"number_key": key, "expires_at": _ms(now + self._reply_ttl), "reply": None})
        ttl = _ms_ttl(self._reply_ttl)
        with self._client.pipeline(transaction=True) as pipe:
            pipe.set(self._key("delivery", message_sid), delivery, nx=True, px=ttl)
            self._index(pipe, key, message_sid)
            claimed = pipe.execute()[0]
        if claimed:
            return True
        return bool(self._claim_expired(keys=[self._key("delivery", message_sid)], args=[delivery, _ms(now), ttl]))

    def save_reply(self, message_sid: str, number: str, reply: str, now: datetime) -> None:
        key, now = number_key(number), as_utc(now)
        delivery = json.dumps({"number_key": key, "expires_at": _ms(now + self._reply_ttl), "reply": reply})
        with self._client.pipeline(transaction=True) as pipe:
            pipe.set(self._key("delivery", message_sid), delivery, px=_ms_ttl(self._reply_ttl))
            self._index(pipe, key, message_sid)
            pipe.execute()

    def reply(self, message_sid: str, now: datetime) -> Optional[str]:
        stored = _load(self._client.get(self._key("delivery", message_sid)), as_utc(now))
        return stored.get("reply") if stored else None

    def set_flag(self, number: str, name: str, value: bool, now: datetime) -> None:
        key = self._key("flags", number_key(number))
        if value:
            self._client.hset(key, name, as_utc(now).isoformat())
        else:
            self._client.hdel(key, name)

    def flag(self, number: str, name: str) -> bool:
        return bool(self._client.hexists(self._key("flags", number_key(number)), name))

    def forget(self, number: str) -> None:
        key = number_key(number)
        index = self._key("deliveries", key)
        sids = [_text(sid) for sid in self._client.smembers(index)]
        with self._client.pipeline(transaction=True) as pipe:
            pipe.delete(self._key("options", key), self._key("flags", key))
            if sids:
                # SREM what was read rather than DEL the set: a claim racing with forget stays findable.
                pipe.delete(*[self._key("delivery", sid) for sid in sids])
                pipe.srem(index, *sids)
            pipe.execute()

    def close(self) -> None:
        self._client.close()

    def _index(self, pipe, key: str, message_sid: str) -> None:
        index = self._key("deliveries", key)
        pipe.sadd(index, message_sid)
        pipe.pexpire(index, _ms_ttl(self._reply_ttl))

    def _key(self, kind: str, name: str) -> str:
        return f"{self._prefix}:{kind}:{name}"


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _ms_ttl(ttl: timedelta) -> int:
    return max(1, int(ttl.total_seconds() * 1000))


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _load(raw, now: datetime) -> Optional[dict]:
    """The stored JSON object, or None if absent or expired by the caller's clock."""
    if raw is None:
        return None
    stored = json.loads(raw)
    return stored if stored.get("expires_at", 0) > _ms(now) else None
