"""Rasa component: the classifier layer's sentence-by-sentence emergency probability.

Trained with the NLU data (report_emergency against the rest, see bot/emergency/classifier.py)
and placed after the SentenceEmbedder, whose whole-message vector it reuses. The TriageGate
reads the score this component leaves on the message.
"""
from typing import Any, Dict, List, Optional

import numpy as np
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.embedding.minilm import for_training, shared
from bot.emergency.classifier import EmergencyModel
from bot.emergency.sentences import sentences
from bot.triage.gate import EMERGENCY_INTENT

EMERGENCY_SCORE = "emergency_score"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class EmergencyScorer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"embedding_alias": "minilm", "scale": 5.0, "regularisation": 4.0}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[EmergencyModel] = None) -> None:
        self.config, self.storage, self.resource = config, model_storage, resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EmergencyScorer":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        texts = [m.get(TEXT) for m in examples]
        labels = [m.get(INTENT) == EMERGENCY_INTENT for m in examples]
        embeddings = np.vstack([self._embedding(m) for m in examples])
        # The model also scores single sentences ("he's not here now"): every sentence of a message
        # that is not an emergency is not one either, so those sentences are negatives too.
        parts = [p.text for text, label in zip(texts, labels) if not label for p in sentences(text) if p.text != text]
        parts = list(dict.fromkeys(parts))
        model = EmergencyModel(shared().encode, self.config["scale"], self.config["regularisation"])
        self.model = model.fit(texts + parts, labels + [False] * len(parts),
                               np.vstack([embeddings, for_training().encode(parts)]))
        with self.storage.write_to(self.resource) as directory:
            sio.dump(self.model.state(), directory / "emergency_model.skops")
        return self.resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EmergencyScorer":
        with model_storage.read_from(resource) as directory:
            path = directory / "emergency_model.skops"
            state = sio.load(path, trusted=sio.get_untrusted_types(file=path))
        return cls(config, model_storage, resource, EmergencyModel.from_state(state, shared().encode))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get(TEXT) and self.model is not None:
                score = self.model.score(message.get(TEXT), self._embedding(message))
                message.set(EMERGENCY_SCORE, {"message": round(score.message, 4), "sentence": round(score.sentence, 4),
                                              "sentence_span": score.sentence_span}, add_to_output=True)
        return messages

    def _embedding(self, message: Message) -> Optional[np.ndarray]:
        _, sentence = message.get_dense_features(TEXT, [self.config["embedding_alias"]])
        if sentence is None:
            return None
        vector = sentence.features.reshape(-1)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)
