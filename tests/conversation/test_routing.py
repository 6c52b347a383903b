"""Where and who, through the real Rasa server and action server: the right team for the place,
asked once when the resident has not said, and a referral the team will act on."""
import re

import pytest

from bot.geo import gazetteer, teams
from bot.referrals.sql_store import SqlReferralStore, default_url

pytestmark = pytest.mark.servers
DIRECTORY = teams.load()
PLACE_IN_EACH_DISTRICT = {"broxbourne": "Hoddesdon", "dacorum": "Tring", "east_herts": "Bishops Stortford",
                          "hertsmere": "boreham wood", "north_herts": "Royston", "st_albans": "Harpenden",
                          "stevenage": "Stevenage", "three_rivers": "Croxley Green", "watford": "north watford",
                          "welwyn_hatfield": "wgc"}


def texts(replies):
    return [r.get("text") for r in replies]


def team_offer(responses, team_id, district):
    team = DIRECTORY.team(team_id)
    return responses["utter_team_owns"].format(team_name=team.name, district_name=gazetteer.load().districts[district].name)


def test_the_done_example_gets_dacorums_team_and_a_referral_reference(stack, sender, responses, mailbox):
    replies = texts(stack.say(sender, "kids dealing by the shops on the Woodhall Farm estate"))
    assert replies[-1] == team_offer(responses, "dacorum_hemel_east", "dacorum")
    assert texts(stack.say(sender, "yes please")) == [responses["utter_ask_referral_summary"]]
    assert texts(stack.say(sender, "most evenings after 6, three lads on bikes")) == [responses["utter_ask_contact_preference"]]
    replies = texts(stack.say(sender, "anonymous"))
    reference = re.search(r"HRT-\d{2}-\d{6}", replies[0]).group()
    assert replies[-1] == responses["utter_contact_footer"]
    slots = stack.slots(sender)
    assert (slots["district"], slots["team"], slots["outcome"]) == ("dacorum", "dacorum_hemel_east", "routed_to_team")
    assert slots["issue_category"] == "drugs"
    stored = SqlReferralStore(default_url(stack.var_dir)).get(reference)
    assert (stored.team, stored.place, stored.summary, stored.conversation_id) == (
        "dacorum_hemel_east", "Woodhall Farm", "most evenings after 6, three lads on bikes", sender)
    assert stored.contact_preference == "anonymous" and stored.channel == "rest"
    [mail] = [e for e in mailbox[0].envelopes if reference.encode() in e.content]
    assert mail.rcpt_tos == [DIRECTORY.team("dacorum_hemel_east").inbox]
    assert b"three lads on bikes" in mail.content and stored.notified_at is not None


@pytest.mark.parametrize("district, place", sorted(PLACE_IN_EACH_DISTRICT.items()))
def test_a_conversation_in_each_district_ends_with_its_team(stack, sender, responses, district, place):
    replies = texts(stack.say(sender, f"a group of teenagers hang round the shops in {place} every night shouting and swearing"))
    expected = DIRECTORY.team_for(district, gazetteer.load().places[_key(place)].name)
    assert replies[-1] == team_offer(responses, expected.id, district)
    assert texts(stack.say(sender, "no thanks")) == [responses["utter_referral_declined"], responses["utter_contact_footer"]]
    slots = stack.slots(sender)
    assert (slots["district"], slots["team"], slots["outcome"]) == (district, expected.id, "signposted")


def test_no_place_yet_is_asked_once_then_routed(stack, sender, responses):
    replies = texts(stack.say(sender, "people are dealing weed from a car by the shops most days"))
    assert replies == [responses["utter_drugs"], responses["utter_ask_where"]]
    replies = texts(stack.say(sender, "hitchin"))
    assert replies == [team_offer(responses, "north_herts_hitchin_urban", "north_herts")]


def test_a_place_it_cannot_find_is_not_asked_twice(stack, sender, responses):
    stack.say(sender, "people are dealing weed from a car by the shops most days")
    replies = texts(stack.say(sender, "the big estate behind the chip shop"))
    assert replies == [responses["utter_place_unknown"], responses["utter_contact_footer"]]
    assert stack.slots(sender)["district"] is None


def test_a_name_in_two_districts_gets_a_choice(stack, sender, responses):
    replies = stack.say(sender, "kids racing motorbikes round the playing field in kings langley every night")
    assert replies[-1]["text"] == responses["utter_which_district"]
    assert [b["title"] for b in replies[-1]["buttons"]] == ["Dacorum", "Three Rivers"]
    replies = texts(stack.say(sender, replies[-1]["buttons"][1]["payload"]))
    assert replies == [team_offer(responses, "three_rivers_abbots_langley_chorleywood", "three_rivers")]


def test_outside_hertfordshire_names_the_force(stack, sender, responses):
    replies = texts(stack.say(sender, "people keep dealing drugs outside my flat in harlow"))
    assert replies[-2] == responses["utter_outside_force"].format(force="Essex Police", website="https://www.essex.police.uk")
    assert replies[-1] == responses["utter_contact_footer"]
    assert stack.slots(sender)["district"] == "outside_hertfordshire"


def test_a_council_matter_names_the_districts_council(stack, sender, responses):
    replies = texts(stack.say(sender, "someone has dumped a mattress and bags of rubbish on the verge in ware"))
    assert replies[0] == responses["utter_council_owns"].format(council="East Herts Council",
                                                                website="https://www.eastherts.gov.uk")
    slots = stack.slots(sender)
    assert (slots["issue_category"], slots["district"]) == ("council_matter", "east_herts")


def test_an_emergency_during_the_referral_comes_first_then_it_goes_on(stack, sender, responses):
    stack.say(sender, "kids dealing by the shops on the Woodhall Farm estate")
    stack.say(sender, "yes")
    replies = texts(stack.say(sender, "one of them has just pulled a knife on my son outside right now"))
    assert replies[0] == responses["utter_emergency_now"]
    replies = texts(stack.say(sender, "they deal there most evenings"))
    assert replies == [responses["utter_ask_contact_preference"]]


def _key(place):
    from bot.geo.names import normalise
    return normalise(place)


def test_any_contact_records_the_district_when_the_place_settles_it(stack, sender, responses):
    replies = texts(stack.say(sender, "my bike was stolen from outside hitchin station on monday"))
    assert replies == [responses["utter_theft"], responses["utter_contact_footer"]]
    assert stack.slots(sender)["district"] == "north_herts"


def test_a_resident_can_change_their_mind_while_giving_the_details(stack, sender, responses):
    stack.say(sender, "kids dealing by the shops on the Woodhall Farm estate")
    assert texts(stack.say(sender, "yes")) == [responses["utter_ask_referral_summary"]]
    replies = texts(stack.say(sender, "no actually, forget it"))
    assert replies == [responses["utter_referral_declined"], responses["utter_contact_footer"]]
    assert stack.slots(sender)["outcome"] == "signposted"


def test_no_when_asked_how_to_be_contacted_means_anonymous_not_cancel(stack, sender, responses):
    stack.say(sender, "kids dealing by the shops on the Woodhall Farm estate")
    stack.say(sender, "yes")
    assert texts(stack.say(sender, "three lads on bikes most evenings")) == [responses["utter_ask_contact_preference"]]
    replies = texts(stack.say(sender, "no thanks"))
    assert re.search(r"HRT-\d{2}-\d{6}", replies[0])
    assert stack.slots(sender)["outcome"] == "routed_to_team"
