"""Keep personal data out of logs: conversation ids and numbers are logged as short hashes."""
import hashlib


def redact_id(sender_id: object) -> str:
    digest = hashlib.sha256(str(sender_id).encode("utf-8", "replace")).hexdigest()
    return f"id:{digest[:10]}"
