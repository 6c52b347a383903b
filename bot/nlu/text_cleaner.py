"""Rasa component, first in the pipeline: gives NLU a clean copy of the text.

The resident's original words stay in the transcript (Rasa stores the message text, not the
cleaned copy); the kind of input (words, no words, another script) is kept for the gate.
"""
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.triage.input_text import NO_TEXT, clean, kind_of

INPUT_KIND = "input_kind"
# Rasa's LogisticRegressionClassifier fails on a message with no tokens; the gate replaces
# whatever the classifier makes of this word with the no_text intent.
NO_TEXT_PLACEHOLDER = "nothing"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class TextCleaner(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TextCleaner":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._clean(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            if example.get(TEXT) is not None:
                self._clean(example)
        return training_data

    @staticmethod
    def _clean(message: Message) -> None:
        text = clean(message.get(TEXT) or "")
        kind = kind_of(text)
        message.set(TEXT, NO_TEXT_PLACEHOLDER if kind == NO_TEXT else text)
        message.set(INPUT_KIND, kind, add_to_output=True)
