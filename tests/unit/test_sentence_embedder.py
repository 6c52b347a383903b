"""The MiniLM sentence features: meaning-aware, attached where the classifier reads them, and verified."""
import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.embedding import minilm
from bot.nlu.sentence_embedder import SentenceEmbedder


@pytest.fixture(scope="module")
def model():
    return minilm.MiniLM()


def test_messages_that_mean_the_same_are_closer_than_ones_that_share_words(model):
    stolen, bicycle, bike_shop = model.encode(["someone nicked my bike from the station",
                                              "my bicycle was stolen",
                                              "where can I buy a bike near the station"])
    assert float(stolen @ bicycle) > float(stolen @ bike_shop) + 0.1
    assert np.allclose(np.linalg.norm(model.encode(["hello", "a much longer message " * 300]), axis=1), 1, atol=1e-4)


def test_the_classifier_gets_one_scaled_sentence_vector_per_message(model):
    embedder = SentenceEmbedder({**SentenceEmbedder.get_default_config(), "scale": 5.0}, "embedder", model)
    messages = [Message({TEXT: "my car was broken into"}), Message({TEXT: ""})]
    embedder.process(messages)
    sequence, sentence = messages[0].get_dense_features(TEXT)
    assert sequence is None and sentence.features.shape == (1, minilm.DIMENSIONS)
    assert np.linalg.norm(sentence.features) == pytest.approx(5.0, rel=1e-3)
    assert messages[1].get_dense_features(TEXT) == (None, None)


def test_a_changed_model_file_is_refused(tmp_path, monkeypatch):
    tampered = tmp_path / "tokenizer.json"
    tampered.write_bytes(minilm.TOKENIZER.read_bytes().replace(b"[UNK]", b"[UNX]", 1))
    monkeypatch.setattr(minilm, "TOKENIZER", tampered)
    with pytest.raises(minilm.ModelFileError):
        minilm.MiniLM()
