"""Each category's happy path: the right answer, how to reach a person, and the contract slots."""
import pytest

pytestmark = pytest.mark.servers

# An appointment starts the booking conversation instead: tests/conversation/test_appointments.py.
HAPPY_PATHS = [
    ("antisocial_behaviour", "antisocial_behaviour", "a gang of teenagers hang round the flats every evening shouting and swearing at people"),
    ("drugs", "drugs", "people are dealing weed from a car by the shops most days"),
    ("road_safety", "road_safety", "cars race up and down our road every night way over the speed limit"),
    ("road_collision", "road_collision", "someone reversed into my parked car in the tesco car park yesterday and drove off"),
    ("theft", "theft", "my bike was stolen from outside the library on monday"),
    ("burglary", "burglary", "we got home from holiday and found the house had been burgled"),
    ("criminal_damage", "criminal_damage", "someone keyed my car overnight and slashed two tyres"),
    ("assault", "assault", "i was punched by a stranger outside a pub on saturday night"),
    ("fraud", "fraud", "i got a text pretending to be my bank and i gave them my card details"),
    ("domestic_abuse", "domestic_abuse", "my partner controls all my money and checks my phone, i'm scared of him"),
    ("hate_crime", "hate_crime", "my neighbour keeps shouting racist abuse at my family"),
    ("harassment", "harassment", "my ex keeps messaging me hundreds of times a day even though i blocked him"),
    ("suspicious_activity", "suspicious_activity", "there was a strange van driving slowly up and down our street yesterday taking photos of houses"),
    ("safeguarding_concern", "safeguarding_concern", "i'm worried the children next door are being neglected, they're always hungry and dirty"),
    ("lost_or_found_property", "lost_property", "i lost my wallet on the train"),
    ("council_matter", "council_county_matter", "there's a huge pothole on our road"),
    ("crime_report_update", "crime_report_update", "can i get an update on my crime reference 41/12345/24"),
    ("local_team", "local_team", "how do i contact my local neighbourhood policing team"),
    ("general_enquiry", "enquiry_dbs", "how do i get a dbs check"),
]


ASKED_WHERE = {"antisocial_behaviour", "drugs", "road_safety", "local_team"}   # see test_routing.py


@pytest.mark.parametrize("category, intent, text", HAPPY_PATHS, ids=[c for c, _, _ in HAPPY_PATHS])
def test_each_category_is_answered_and_recorded(stack, sender, responses, category, intent, text):
    replies = [r["text"] for r in stack.say(sender, text)]
    if intent in ASKED_WHERE:
        assert replies == [responses[f"utter_{intent}"], responses["utter_ask_where"]]
        replies = [r["text"] for r in stack.say(sender, "not sure")]
        assert replies == [responses["utter_place_unknown"], responses["utter_contact_footer"]]
    else:
        assert replies == [responses[f"utter_{intent}"], responses["utter_contact_footer"]]
    assert "101" in replies[-1] and "999" in replies[-1]
    slots = stack.slots(sender)
    assert (slots["issue_category"], slots["urgency"], slots["outcome"]) == (category, "non_emergency", "signposted")


def test_a_resident_who_wants_a_person_is_told_how(stack, sender, responses):
    replies = stack.say(sender, "can I talk to a real person please")
    assert replies[0]["text"] == responses["utter_talk_to_human"]


def test_out_of_scope_gets_a_polite_answer(stack, sender, responses):
    replies = stack.say(sender, "what's the weather going to be like tomorrow")
    assert replies[0]["text"] == responses["utter_out_of_scope"]


def test_a_clarifying_question_offers_buttons_from_the_action_server(stack, sender, responses):
    replies = stack.say(sender, "/nlu_fallback")
    assert replies and replies[0]["text"] in (responses["utter_clarify_category"], responses["utter_ask_rephrase"])
