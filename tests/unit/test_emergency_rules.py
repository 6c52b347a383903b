"""The rule layer on its own: the project's spaCy pipeline plus the assessment."""
import pytest

from bot.nlp.build_pipeline import build
from bot.nlp.emergency_patterns import doc_assessment


@pytest.fixture(scope="module")
def nlp():
    return build()


def rule_says_emergency(nlp, text):
    return doc_assessment(nlp(text)).is_emergency


CONTRAST_PAIRS = [
    ("someone is breaking into my house right now", "someone broke into my house last week while we were away"),
    ("someone is in my house", "someone was in my house yesterday while I was at work"),
    ("hes got a knife and hes outside", "my son was threatened with a knife last month"),
    ("he's hitting her", "he hit her last year and she has moved away"),
    ("the shed is on fire", "the shed was on fire last night, it's out now"),
    ("my 5 year old is missing", "my son went missing last night but he's back now"),
    ("she has taken an overdose", "i took an overdose last year, im ok now"),
    ("i cant talk he will hear me", "is there a person i can talk to"),
    ("a man is bleeding on the pavement", "i was bleeding after the fight on saturday, its healed"),
    ("two men are trying the back door as we speak", "someone tried our back door on sunday night"),
    ("he's hitting me right now", "he hits me sometimes when he's drunk, I'm safe at the moment"),
    ("my ex is outside and he's going to kill me", "I was attacked last week and I'm going to report it"),
    ("he's hitting her", "he hit her and the case is going to court"),
    ("someone is breaking into my car", "if someone is breaking into my car should I ring 999 or 101?"),
    ("a man with a crowbar is trying the door", "not an emergency and no one is in danger, I found a bag with a crowbar in it"),
    ("my sister is in danger, he has a knife", "my sister is not in danger right now but he takes her money"),
    ("my daughter is 13 and hasn't come home from school", "my daughter went missing last night but has turned up"),
    ("I'm being kept in a flat against my will", "I was kept against my will years ago and want to report it"),
    ("I'm on the edge of the car park roof and don't want to be here anymore",
     "he used to sit on the edge of the roof but he doesn't live here anymore"),
    ("two blokes tipping a van load of rubbish in the lay-by right now", "someone dumped a load of rubbish in the lay-by last week"),
    ("there's a rucksack with wires sticking out at the bus station", "the police blew up a suspicious package last month"),
    ("a car keeps slowing down next to my daughter", "a car slowed down next to my daughter last week"),
    ("my husband has just come home drunk and he's throwing plates at me", "my ex threw plates at me in april"),
    ("sum1 got shanked at the skatepark", "whats the sentence for carrying a knife"),
    ("the lad from school is outside and hes going to stab me",
     "a lad at school keeps saying hes going to stab me after the holidays, i have screenshots"),
    ("the shoplifter is in the store right now stealing again",
     "the same man stole from the store three times last week. he is not in the store at the moment"),
    ("my friend has a noose and is going to hang herself", "someone put a leaflet through our door with a drawing of a noose"),
    ("my nan has dementia, she went out this morning and hasnt come back", "my nan went missing this morning but the police found her"),
    ("lost my keys on friday. someone is letting themselves into my flat with them right now",
     "lost my keys on friday, can you tell me if theyve been handed in"),
    ("the dog has got a child on the floor and we cant get it off", "a dog bit my son in the park last month and the owner did a runner"),
    ("theres a car in front of us weaving across the lanes, the driver keeps nodding off",
     "a car was weaving across the lanes on the a1 on saturday, i have dashcam"),
    ("the bins behind the flats are on fire and its spreading to the fence", "my ex set fire to my bins in 2021 and got sent down for it"),
]


@pytest.mark.parametrize("now, over", CONTRAST_PAIRS)
def test_now_is_an_emergency_and_over_is_not(nlp, now, over):
    assert rule_says_emergency(nlp, now), now
    assert not rule_says_emergency(nlp, over), over


@pytest.mark.parametrize("text", [
    "HES GOT A KNIFE",
    "been robbed at knifepoint at the cashpoint, they ran towards the market, im ok just shaking",
    "my 15 yr old hasnt come home, phones off, she left school at 3 and its now gone midnight",
    "theres a suitcase left by the entrance at the station thats humming",
    "that customer who threw a chair at me last week is back in the shop waving a bottle at my staff",
    "the rogue trader who took my mums savings is back at her door right now asking for more money",
    "someone is cutting the lock off my bike outside the station right now",
    "some1 is in my house pls hurry",
    "Someone's been stabbed",
    "a girl was just dragged into a van",
    "theres a man on the railway line and a train is due",
    "cut too deep",
    "autistic son ran off from the shops, been gone 20 mins",
    "sorry, i spoke to an officer last year. im on the bridge now and im going to jump",
    "question about lost property from last week. also a man is following me right now",
    "the garage block on our estate is on fire, some kids lit it and legged it",
    "can i ask about a parking fine from last month? a man has been stabbed outside the shop and he is walking off",
    "we split up in the summer. tonight hes turned up at my work and hes sat right next to my car",
    "lorry has shed its load across both lanes of the a414, cars swerving all over the place",
    "my ex keeps messaging me. he has just rung to say he knows where i live and is coming to my house",
    "found some old sticks of dynamite in dads shed and theyre sweating",
])
def test_unpunctuated_shouted_and_misspelt_danger_is_caught(nlp, text):
    assert rule_says_emergency(nlp, text)


@pytest.mark.parametrize("text", [
    "my bike was stolen from the station last week",
    "found a knife in the park, where do I hand it in",
    "how do I renew my shotgun certificate",
    "what should I do if someone breaks in",
    "nobody was hurt, it was a small bump in the car park",
    "can you help me",
    "found a bag in the bushes with a hammer and a crowbar in it",
    "right now the insurance company keep chasing me for a crime number",
    "right now i just want a crime number for the burglary",
    "got punched in a chip shop queue last month. an officer took a statement, who can tell me whats happening",
    "he turned up once with a crowbar but that was ages ago",
    "messages on instagram saying they will come round with a knife. its been weeks. nobody has actually turned up",
    "is it actually a crime to go on the railway line? his mates dare each other",
    "my son said a man in the park offered him money to carry a bag. he said no and came home. hes upstairs now",
    "we got a leaflet about the flat fire on our road saying it was arson. i might have seen a car that night",
    "they were filming a crime drama in town today with a bloke waving a shotgun about",
    "a man threatened to stab me on the bus back in 2019. just seen on facebook hes out",
    "theres a rumour going round the group chat that someones got a gun",
    "saw on the local fb group someone tried to set fire to the school",
    "lost my little boy for 10 mins in town today, security found him",
    "cancel my appointment, the man who threatened me with a knife has been caught",
    "the smoke from next doors bonfire is choking",
    "got a ring alert at 2am on sunday of a man trying our back door. he legged it",
    "my daughter went missing on friday but came home saturday safe and well",
    "is it actually a crime to walk on the railway line? asking for my son",
    "a man in my shop was shouting he had a gun but it was a lighter. police came and took it off him",
    "so he pulls a knife on my brother in the car park and drives off. this was friday",
])
def test_ordinary_contacts_do_not_raise_an_emergency(nlp, text):
    assert not rule_says_emergency(nlp, text)


def test_capitalised_words_get_lower_case_lemmas(nlp):
    assert [t.lemma_ for t in nlp("KNIVES Knives knives")] == ["knife", "knife", "knife"]
