"""domain.yml, the rules and data/triage/categories.yml must tell the same story."""
import re

import pytest
import yaml

from bot import paths
from bot.sms import shared_phone
from bot.triage import categories


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((paths.ROOT / "domain.yml").read_text())


@pytest.fixture(scope="module")
def taxonomy():
    return categories.load()


def mapped_values(domain, slot, intent):
    return [m["value"] for m in domain["slots"][slot]["mappings"]
            if m["type"] == "from_intent" and intent in ([m["intent"]] if isinstance(m["intent"], str) else m["intent"])]


def test_every_category_intent_sets_the_contract_slots(domain, taxonomy):
    for category in taxonomy.categories.values():
        for intent in category.intents:
            assert intent in domain["intents"]
            assert mapped_values(domain, "issue_category", intent) == [category.key]
            assert mapped_values(domain, "urgency", intent) == ["non_emergency"]
            assert mapped_values(domain, "outcome", intent) == [category.outcome]
            # appointments are answered by the appointment form (data/rules/appointments.yml)
            assert f"utter_{intent}" in domain["responses"] or category.key == "appointment"


def test_an_emergency_sets_urgency_and_outcome(domain):
    assert mapped_values(domain, "urgency", "report_emergency") == ["emergency"]
    assert mapped_values(domain, "outcome", "report_emergency") == ["redirected_999"]


def test_the_contract_slots_exist_with_the_contract_values(domain):
    assert domain["slots"]["issue_category"]["values"] == list(categories.CONTRACT_CATEGORIES)
    assert domain["slots"]["urgency"]["values"] == ["emergency", "non_emergency"]
    assert {"district", "team", "outcome"} <= set(domain["slots"])


def test_every_non_emergency_answer_rule_ends_with_how_to_reach_a_person():
    """...and the conversations a shared phone could give away then check whether texting is safe."""
    rules = yaml.safe_load((paths.DATA / "rules" / "categories.yml").read_text())["rules"]
    sensitive = {intent for category in shared_phone.sensitive_categories()
                 for intent in categories.load().categories[category].intents}
    assert sensitive >= {"domestic_abuse", "harassment", "safeguarding_concern", "suicidal_feelings"}
    for rule in rules:
        intent = rule["steps"][0]["intent"]
        tail = [{"action": "action_check_text_safety"}] if intent in sensitive else []
        assert rule["steps"][-1 - len(tail):] == [{"action": "utter_contact_footer"}, *tail], rule["rule"]


def test_phone_numbers_in_responses_come_from_the_reference(domain):
    reference = (paths.ROOT.parent / "shared" / "reference" / "hertfordshire.md")
    if not reference.exists():
        pytest.skip("shared/reference is not beside this checkout")
    known = re.sub(r"\s", "", reference.read_text())
    texts = " ".join(v[0]["text"] for v in domain["responses"].values())
    for number in re.findall(r"\b0\d[\d ]{6,}\d\b", texts):
        if number.replace(" ", "").startswith("07700900"):
            continue  # Ofcom's range for drama and examples: never a real line
        assert number.replace(" ", "") in known, number


def test_the_first_emergency_message_is_one_short_sentence(domain):
    text = domain["responses"]["utter_emergency_now"][0]["text"]
    assert "999" in text and len(text) <= 100 and text.count(".") <= 1


def test_every_appointment_message_the_code_can_send_is_in_the_domain(domain):
    from bot.appointments import choosing, dialogue
    sources = [paths.ROOT / "bot" / "appointments" / "dialogue.py", paths.ROOT / "actions" / "appointments.py"]
    named = {m for path in sources for m in re.findall(r'"(utter_appointment_\w+|utter_ask_appointment_\w+)"', path.read_text())}
    named |= {f"utter_appointment_{r}" for r in (dialogue.BOOKED, dialogue.MOVED, dialogue.CANCELLED, dialogue.STOPPED,
                                                 dialogue.KEPT, dialogue.GAVE_UP, dialogue.FAILED)}
    named |= {f"utter_appointment_time_{p}" for p in (choosing.PAST, choosing.TOO_SOON, choosing.TOO_FAR, choosing.CLOSED,
                                                      choosing.NOT_OPEN_THEN, choosing.TAKEN, choosing.NONE_THEN)}
    named |= {f"utter_ask_appointment_{step}" for steps in dialogue.STEPS.values() for step in steps
              if f"action_ask_appointment_{step}" not in domain["actions"]}
    assert len(named) > 30
    assert sorted(named - set(domain["responses"])) == []
