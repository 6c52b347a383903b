"""The classifier layer's emergency model: sentence by sentence, and the same after saving and loading."""
import numpy as np
import pytest
import skops.io as sio

from bot.embedding.minilm import shared
from bot.emergency.classifier import EmergencyModel

NOW = ["someone is breaking into my house right now", "hes got a knife and hes chasing me",
       "my neighbour is being beaten up outside as we speak", "theres a man trying my back door now",
       "my husband is hitting me please help", "a car is on fire outside and people are inside",
       "my son has taken a load of pills and wont wake up", "they are fighting in the street with bats now"]
ROUTINE = ["how do i renew my shotgun certificate", "the flat above plays loud music every night",
           "my bike was stolen last week from the station", "i want to report a pothole on the high street",
           "can i book an appointment to hand in documents", "i lost my passport on the train yesterday",
           "our car was broken into last month, nothing taken", "i got a scam call saying i owe tax"]


@pytest.fixture(scope="module")
def model():
    return EmergencyModel(shared().encode).fit(NOW + ROUTINE, [True] * len(NOW) + [False] * len(ROUTINE))


def test_a_danger_buried_at_the_end_of_a_routine_message_is_scored_on_its_own(model):
    story = ("I wanted to ask how to renew my shotgun certificate as it runs out in June and the form is confusing. "
             "Actually hang on, my husband is hitting me and hes got a knife.")
    score = model.score(story)
    assert score.sentence > 0.5 and score.sentence > score.message
    assert story[slice(*score.sentence_span)] == "Actually hang on, my husband is hitting me and hes got a knife"
    plain = model.score("how do i renew my shotgun certificate")
    assert plain.message < 0.5 and plain.sentence_span is None


def test_the_saved_model_scores_the_same(model, tmp_path):
    sio.dump(model.state(), tmp_path / "m.skops")
    state = sio.load(tmp_path / "m.skops", trusted=sio.get_untrusted_types(file=tmp_path / "m.skops"))
    restored = EmergencyModel.from_state(state, shared().encode)
    texts = ["theres someone in my garden with a crowbar", "my wallet was nicked last week"]
    assert np.allclose(restored.probabilities(texts), model.probabilities(texts))
