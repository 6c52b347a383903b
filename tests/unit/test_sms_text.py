"""Replies made fit for a phone: plain GSM-7 text, segment counts, and split into the messages one reply sends."""
import random

import pytest

from bot.sms.text import is_gsm7, pack_messages, sms_segments, split_text, to_sms_text

NOTE = "Reply MORE for the rest."
SENTENCES = [
    "Thank you for telling us about this.",
    "You can report it online at https://www.police.uk/pu/contact-us/ at any time.",
    "Keep any messages or letters, as they may help an officer later.",
    "If the person comes back, or you feel unsafe, call 999 straight away!",
    "Is anyone in danger right now?",
    "Mr. Jones at Baker St. station can give you a crime reference, e.g. for your insurer.",
    "Most reports are answered within 0.5 to 2 working days.",
]


def words(texts):
    return " ".join(texts).split()


def ordinary_answer(length: int) -> str:
    text, i = "", 0
    while len(text) < length:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text.strip()


# to_sms_text

def test_smart_punctuation_becomes_plain_gsm_characters():
    text = to_sms_text("It\u2019s \u201cfree\u201d \u2014 call 101\u2026 \u2022 any\u00a0time\u200b \u2018today\u2019 \u2013 ok")

    assert text == "It's \"free\" - call 101... - any time 'today' - ok"
    assert is_gsm7(text)


def test_markdown_link_becomes_a_plain_address_a_phone_can_open():
    text = to_sms_text("Report it [on our website](https://www.police.uk/pu/contact-us/?a=1&b=2).")

    assert text == "Report it on our website: https://www.police.uk/pu/contact-us/?a=1&b=2."
    assert "https://www.police.uk/pu/contact-us/?a=1&b=2" in text.split()[-1]
    assert to_sms_text("[https://www.police.uk](https://www.police.uk)") == "https://www.police.uk"


def test_emphasis_markers_go_but_addresses_and_snake_case_stay_whole():
    text = to_sms_text("**Important:** read __this__, *then* _that_ `now`. "
                       "See https://example.com/my_page_/_x_?q=*a* or write to jo_bloggs_@example.org about case_ref_1.")

    assert text == ("Important: read this, then that now. "
                    "See https://example.com/my_page_/_x_?q=*a* or write to jo_bloggs_@example.org about case_ref_1.")


def test_bold_around_an_address_goes_and_the_address_stays():
    assert to_sms_text("**Go to https://x.example/a_b_c now**") == "Go to https://x.example/a_b_c now"


def test_html_is_stripped_to_plain_lines():
    text = to_sms_text('<p>Hello&nbsp;there &amp; welcome</p><p>Visit <a href="https://a.example/c?x=1&amp;y=2">the '
                       '<b>page</b></a><br/>or call <i>101</i>.</p>')

    assert text == "Hello there & welcome\n\nVisit the page: https://a.example/c?x=1&y=2\nor call 101."
    assert "<" not in text and "&amp;" not in text


def test_blank_lines_and_spaces_are_tidied():
    assert to_sms_text("  # Advice\n\n\n\n* one   thing\n\n\n\t two  ") == "Advice\n\n- one thing\n\ntwo"


def test_emoji_and_welsh_letters_are_kept_and_then_the_text_is_not_gsm7():
    text = to_sms_text("Diolch yn fawr \u0175 \U0001F46E\u200d\u2640\ufe0f")

    assert text == "Diolch yn fawr \u0175 \U0001F46E\u200d\u2640\ufe0f"
    assert not is_gsm7(text)
    assert not is_gsm7("Thanks \U0001F44D")
    assert is_gsm7("Caf\u00e9 \u00a35, {ref} [1] \u20ac2 ~ | ^ \\")


# sms_segments

@pytest.mark.parametrize("text, segments", [
    ("", 0),
    ("a" * 160, 1),
    ("a" * 161, 2),
    ("a" * 306, 2),
    ("a" * 307, 3),
    ("\u20ac" * 80, 1),  # 160 septets
    ("\u20ac" * 81, 2),  # 162 septets
    ("a" * 159 + "\u20ac", 2),  # 161 septets
    ("\u0175" * 70, 1),
    ("\u0175" * 71, 2),
    ("\u0175" * 134, 2),
    ("\u0175" * 135, 3),
    ("\U0001F46E" * 35, 1),  # 70 UTF-16 code units
    ("\U0001F46E" * 36, 2),
    ("a" * 159 + "\U0001F46E", 3),  # one emoji makes the whole text UCS-2: 161 code units
])
def test_segment_counts_at_the_boundaries(text, segments):
    assert sms_segments(text) == segments


def test_an_extension_character_is_never_split_between_segments():
    # 306 septets, but the euro's two septets cannot straddle the first two parts of 153.
    assert sms_segments("a" * 152 + "\u20ac" + "a" * 152) == 3


# split_text

def test_a_long_answer_splits_at_sentence_ends_with_no_words_lost():
    answer = ordinary_answer(3000)

    parts = split_text(answer, 1600)

    assert len(parts) == 2
    assert all(len(part) <= 1600 for part in parts)
    assert all(part.endswith((".", "!", "?")) and not part.endswith(("Mr.", "St.", "e.g.")) for part in parts)
    assert words(parts) == answer.split()
    first_of_next = next(sentence for sentence in SENTENCES if parts[1].startswith(sentence))
    assert len(parts[0]) + 1 + len(first_of_next) > 1600  # the first part holds as much as fits


def test_short_text_is_one_part_and_empty_text_none():
    assert split_text("  Call 101.  ", 160) == ["Call 101."]
    assert split_text(" \n ", 160) == []


def test_a_sentence_longer_than_the_limit_splits_between_words():
    sentence = " ".join(["burglary"] * 40) + "."

    parts = split_text(sentence, 50)

    assert all(len(part) <= 50 for part in parts)
    assert all(set(part.split()) <= {"burglary", "burglary."} for part in parts)
    assert words(parts) == sentence.split()


def test_a_single_huge_word_is_hard_cut():
    word = "x" * 2000

    parts = split_text(word, 1600)

    assert [len(part) for part in parts] == [1600, 400]
    assert "".join(parts) == word


def test_addresses_decimals_and_abbreviations_are_never_split():
    text = ("Mr. Smith said the dose was 0.5 mg. See https://www.police.uk/pu/contact-us/report.html for more. "
            "Ask Dr. Patel, e.g. at St. Mary's. Then call 101.")

    for limit in range(50, 120):  # the address alone is 47 characters
        parts = split_text(text, limit)
        assert all(len(part) <= limit for part in parts)
        assert words(parts) == text.split()
        assert any("https://www.police.uk/pu/contact-us/report.html" in part for part in parts)
        assert not any(part.endswith(("Mr.", "Dr.", "St.", "e.g.", "0.")) for part in parts)
        assert not any(part.startswith(("5 ", "g. ")) for part in parts)


def test_lines_are_kept_and_are_places_to_split():
    text = "What to do:\n- lock the door\n- call 101\n- keep the receipt"

    assert split_text(text, 200) == [text]
    assert split_text(text, 30) == ["What to do:\n- lock the door", "- call 101\n- keep the receipt"]


def test_random_texts_split_within_the_limit_without_losing_a_word():
    vocabulary = ["the", "police", "report", "0.5", "e.g.", "Mr.", "St.", "https://www.police.uk/a_b?c=1.",
                  "crime.", "help!", "why?", "\n", "\n\n", "999", "\u0175", "\U0001F46E", "reference-number"]
    rng = random.Random(20260301)
    for _ in range(300):
        tokens = [rng.choice(vocabulary) for _ in range(rng.randint(0, 120))]
        if rng.random() < 0.2:
            tokens.append("y" * rng.randint(1, 90))
        text = rng.choice([" ", "  "]).join(tokens)
        limit = rng.randint(1, 200)

        parts = split_text(text, limit)

        assert all(0 < len(part) <= limit and part == part.strip() for part in parts)
        assert "".join("".join(parts).split()) == "".join(text.split())
        if all(len(word) <= limit for word in text.split()):
            assert words(parts) == text.split()


# pack_messages

def test_the_first_text_stays_first_and_alone_and_the_rest_are_packed():
    messages = pack_messages(["If you are in danger now, call **999**.", "<p>Thanks.</p>", "  ", "How can we help?",
                              "Reply HELP for options."])

    assert messages == ["If you are in danger now, call 999.",
                        "Thanks.\n\nHow can we help?\n\nReply HELP for options."]


def test_a_long_first_text_is_split_and_nothing_joins_it():
    first = ordinary_answer(2500)

    messages = pack_messages([first, "Anything else?"], max_chars=1600)

    assert len(messages) == 3
    assert words(messages[:2]) == first.split()
    assert messages[2] == "Anything else?"


def test_a_following_text_too_long_to_fit_is_split():
    messages = pack_messages(["Call 999 if in danger.", "Short one.", ordinary_answer(3000)], max_chars=1600)

    assert messages[0] == "Call 999 if in danger."
    assert all(len(message) <= 1600 for message in messages)
    assert words(messages) == words(["Call 999 if in danger.", "Short one.", ordinary_answer(3000)])


def test_too_many_messages_end_with_the_overflow_note():
    texts = ["Call 999 if anyone is in danger."] + [ordinary_answer(1000) for _ in range(8)]

    messages = pack_messages(texts, max_chars=1600, max_messages=5, overflow_note=NOTE)

    assert len(messages) == 5
    assert messages[0] == "Call 999 if anyone is in danger."
    assert all(len(message) <= 1600 for message in messages)
    assert messages[-1].endswith("\n\n" + NOTE)
    kept = messages[-1][:-len(NOTE)].strip()
    assert kept.endswith((".", "!", "?")) and len(kept) > 1000  # as much of the rest as fits, in whole sentences


def test_packing_random_replies_never_exceeds_the_limits():
    rng = random.Random(7)
    for _ in range(100):
        texts = [ordinary_answer(rng.randint(1, 900)) for _ in range(rng.randint(1, 12))]
        max_chars, max_messages = rng.randint(80, 700), rng.randint(1, 5)

        messages = pack_messages(texts, max_chars=max_chars, max_messages=max_messages, overflow_note=NOTE)

        assert 0 < len(messages) <= max_messages
        assert all(0 < len(message) <= max_chars for message in messages)
        assert messages[0].startswith(texts[0][:20])
        if messages[-1].endswith("\n\n" + NOTE):
            messages[-1] = messages[-1][:-len(NOTE)]
        assert words(messages) == words(texts)[:len(words(messages))]  # what is sent is the start, in order


def test_no_texts_no_messages():
    assert pack_messages([]) == []
    assert pack_messages(["", "<br>", "   "]) == []
