import json

import pytest

from channels.rest import MAX_MESSAGE_CHARS, BadRequest, parse_request


def body(payload):
    return json.dumps(payload).encode()


def test_a_normal_request():
    assert parse_request(body({"sender": "abc", "message": "hello"})) == ("abc", "hello", None)


def test_a_missing_or_null_message_is_an_empty_message_not_an_error():
    assert parse_request(body({"sender": "abc"}))[1] == ""
    assert parse_request(body({"sender": "abc", "message": None}))[1] == ""


def test_a_huge_message_is_kept_up_to_the_limit():
    assert len(parse_request(body({"sender": "a", "message": "x" * (MAX_MESSAGE_CHARS + 10)}))[1]) == MAX_MESSAGE_CHARS


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00garbage", b"not json", b"[1, 2]", body({"message": "hi"}),
                                 body({"sender": "a", "message": {"x": 1}}), b""])
def test_unreadable_requests_are_refused(raw):
    with pytest.raises(BadRequest):
        parse_request(raw)
