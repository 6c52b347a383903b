"""The bot's replies as text for SMS: plain characters, segment counts, and split into the messages one reply sends."""
import html
import re
from typing import List

# 3GPP TS 23.038 (GSM 03.38) section 6.2.1: the default alphabet, 0x00-0x7F in code order; 0x1B is the escape to
# the extension table, not a character of its own, so it is left out.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ"
    "ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# 3GPP TS 23.038 section 6.2.1.1: the default extension table; each is sent as escape + character, two septets.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153  # septets in a lone message / in each part of a concatenated one
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 code units, likewise

_CHARACTERS = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    **dict.fromkeys("\u2022\u00b7", "-"),
    **dict.fromkeys("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2028\u2029", "\n"),
    # Zero-width joiner and non-joiner stay: they build emoji sequences and shape some scripts.
    **dict.fromkeys("\u200b\u2060\ufeff\u00ad", None),
})

_HTML_LINK = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HTML_LINE_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|ul|ol|h[1-6]|tr|table|blockquote)(?:\s[^<>]*)?>",
                              re.IGNORECASE)
_HTML_LIST_ITEM = re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_CODE_FENCE = re.compile(r"^[ \t]*```[^\n]*$", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_LIST_MARKER = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
# A web address ends before the punctuation (or closing emphasis) that follows it at the end of a word.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"]+?(?=[.,;:!?)\]*_'\"]*(?:\s|$))|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?![\s_])(.+?)(?<![\s_])_(?![\w_])"),
)

# Not a sentence end even before a capital ("Mr. Jones"); only costs a split point when one really ends a sentence.
_ABBREVIATIONS = frozenset("mr mrs ms mx dr st prof rev sgt insp supt cllr rd ave approx dept tel vs".split())


def to_sms_text(text: str) -> str:
    """The text as a phone shows it: no markdown or HTML, GSM-7 look-alikes for typographic characters, tidy spaces."""
    text = _without_html(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _without_markdown(text)
    text = text.translate(_CHARACTERS)
    lines = (re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def is_gsm7(text: str) -> bool:
    """True when the text can go in the GSM 7-bit alphabet (default table plus extension table)."""
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def sms_segments(text: str) -> int:
    """How many SMS segments the text is billed and sent as (0 for an empty text).

    A character is never split between two segments (an extension character's escape pair, a UTF-16 surrogate pair),
    as Twilio's segment calculator does too, so a long text can need one more than ceil(size / part size).
    """
    if not text:
        return 0
    if is_gsm7(text):
        sizes = [2 if c in GSM7_EXTENSION else 1 for c in text]
        single, part = GSM7_SINGLE, GSM7_PART
    else:
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
        single, part = UCS2_SINGLE, UCS2_PART
    if sum(sizes) <= single:
        return 1
    segments, used = 1, 0
    for size in sizes:
        if used + size > part:
            segments, used = segments + 1, 0
        used += size
    return segments


def split_text(text: str, limit: int) -> List[str]:
    """The text in parts of at most `limit` characters: whole sentences where they fit, else whole words.

    Only a single word longer than `limit` is cut inside. Parts are stripped and never empty; nothing is dropped.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: List[str] = []
    current = ""
    for sentence in _sentences(text):
        if len((current + sentence).strip()) <= limit:
            current += sentence
            continue
        _flush(current, parts)
        current = ""
        if len(sentence.strip()) <= limit:
            current = sentence
            continue
        for word in re.findall(r"\S+\s*", sentence):
            for piece in _cut(word, limit):
                if len((current + piece).strip()) > limit:
                    _flush(current, parts)
                    current = ""
                current += piece
    _flush(current, parts)
    return parts


def pack_messages(texts: List[str], max_chars: int = 1600, max_messages: int = 5, overflow_note: str = "") -> List[str]:
    """The SMS messages one reply sends, in order, each at most `max_chars` long.

    The first text is a message of its own (it may be the 999 advice), split only when too long. The rest are joined
    into as few messages as they fit; a text is split only when it is too long for a message of its own. Past
    `max_messages`, the last message holds what fits of the rest, whole sentences first, then `overflow_note`.
    """
    if max_chars < 1 or max_messages < 1:
        raise ValueError("max_chars and max_messages must be at least 1")
    cleaned = [t for t in (to_sms_text(text) for text in texts) if t]
    if not cleaned:
        return []
    messages = split_text(cleaned[0], max_chars)
    current = ""
    for text in cleaned[1:]:
        joined = f"{current}\n\n{text}" if current else text
        if len(joined) <= max_chars:
            current = joined
            continue
        _flush(current, messages)
        *whole, current = split_text(text, max_chars)
        messages.extend(whole)
    _flush(current, messages)
    if len(messages) <= max_messages:
        return messages
    return messages[:max_messages - 1] + [_last_message(messages[max_messages - 1:], max_chars, overflow_note)]


def _without_html(text: str) -> str:
    text = _HTML_LINK.sub(lambda m: _link(_HTML_TAG.sub("", m.group(2)), m.group(1)), text)
    text = _HTML_LIST_ITEM.sub("\n- ", text)
    text = _HTML_LINE_BREAK.sub("\n", text)
    text = _AUTOLINK.sub(r"\1", text)
    return html.unescape(_HTML_TAG.sub("", text))


def _without_markdown(text: str) -> str:
    text = _MARKDOWN_LINK.sub(lambda m: _link(m.group(1), m.group(2)), text)
    text = _CODE_FENCE.sub("", text)
    text = _HEADING.sub("", text)
    text = _LIST_MARKER.sub(r"\1- ", text)
    # Addresses stand aside as runs of NUL while emphasis is taken out, so their _ and * are kept.
    addresses: List[str] = []
    text = _ADDRESS.sub(lambda m: addresses.append(m.group()) or "\0" * len(addresses), text.replace("\0", ""))
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    text = re.sub("\0+", lambda m: addresses[len(m.group()) - 1], text)
    return text.replace("`", "")


def _link(title: str, url: str) -> str:
    url = html.unescape(url).strip()
    shown = re.sub(r"^(?:mailto|tel):", "", url)
    title = " ".join(html.unescape(title).split())
    if not title or title in (url, shown) or not shown:
        return shown or title
    return f"{title}: {shown}"


def _sentences(text: str) -> List[str]:
    """The text in sentences, each with the whitespace after it, so that joining them gives the text back."""
    sentences: List[str] = []
    start = word_start = 0
    at_line_start = True
    for gap in re.finditer(r"\s+", text):
        word = text[word_start:gap.start()]
        if "\n" in gap.group() or _ends_sentence(word, at_line_start, text[gap.end():gap.end() + 1]):
            sentences.append(text[start:gap.end()])
            start = gap.end()
        word_start, at_line_start = gap.end(), "\n" in gap.group()
    sentences.append(text[start:])
    return [s for s in sentences if s]


def _ends_sentence(word: str, at_line_start: bool, next_char: str) -> bool:
    word = word.rstrip("\"')]")
    if not word.endswith((".", "!", "?")) or next_char.islower():  # "approx. five", "etc. and" go on
        return False
    if word.endswith("."):
        bare = word.rstrip(".").lstrip("\"'([").lower()
        if bare in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):  # Mr. St. e.g. i.e. a.m.
            return False
        if at_line_start and bare.isdigit():  # "1. " numbering a list item
            return False
    return True


def _cut(word: str, limit: int) -> List[str]:
    """A word (with the whitespace after it) in pieces of at most `limit` characters."""
    bare = word.rstrip()
    if len(bare) <= limit:
        return [word]
    pieces = [bare[i:i + limit] for i in range(0, len(bare), limit)]
    pieces[-1] += word[len(bare):]
    return pieces


def _flush(text: str, out: List[str]) -> None:
    if text.strip():
        out.append(text.strip())


def _last_message(rest: List[str], max_chars: int, overflow_note: str) -> str:
    text = "\n\n".join(rest)
    whole = split_text(text, max_chars)
    if len(whole) == 1:
        return whole[0]
    note = to_sms_text(overflow_note)
    if not note:
        return whole[0]
    room = max_chars - len(note) - 2
    if room < 1:
        return split_text(note, max_chars)[0]
    return f"{split_text(text, room)[0]}\n\n{note}"
