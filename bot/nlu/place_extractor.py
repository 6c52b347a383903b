"""Rasa component: places and postcodes from the Hertfordshire gazetteer, as entities.

`place` entities carry the gazetteer's own name ("hemel" -> "Hemel Hempstead"), `postcode`
entities the normalised code ("hp27le" -> "HP2 7LE"). A place the resident lives in, rather than
where it happened ("i live in luton but..."), has the role `home`. When the message settles the
district, a `district` entity carries it (a contract slug), so the `district` slot is set on any
turn without a call to the action server.
"""
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_ROLE, ENTITY_ATTRIBUTE_START,
                                       ENTITY_ATTRIBUTE_TYPE, ENTITY_ATTRIBUTE_VALUE, EXTRACTOR, TEXT)
from rasa.shared.nlu.training_data.message import Message

from bot.geo import gazetteer
from bot.geo.matching import Mention, PlaceFinder, finder
from bot.geo.resolve import resolve

PLACE = "place"
POSTCODE = "postcode"
DISTRICT = "district"
HOME_ROLE = "home"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceExtractor(GraphComponent):
    def __init__(self, places: PlaceFinder):
        self.places = places
        self.gazetteer = gazetteer.load()

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PlaceExtractor":
        return cls(finder())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            mentions = self.places.find(message.get(TEXT) or "")
            found = [self._entity(m) for m in mentions]
            district = resolve(mentions, self.gazetteer).district if mentions else None
            if district:
                found.append({ENTITY_ATTRIBUTE_TYPE: DISTRICT, ENTITY_ATTRIBUTE_VALUE: district,
                              ENTITY_ATTRIBUTE_START: mentions[0].start, ENTITY_ATTRIBUTE_END: mentions[-1].end,
                              EXTRACTOR: self.__class__.__name__})
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def _entity(self, mention: Mention) -> Dict[str, Any]:
        entity = {
            ENTITY_ATTRIBUTE_TYPE: PLACE if mention.place else POSTCODE,
            ENTITY_ATTRIBUTE_VALUE: mention.place.name if mention.place else str(mention.postcode),
            ENTITY_ATTRIBUTE_START: mention.start,
            ENTITY_ATTRIBUTE_END: mention.end,
            EXTRACTOR: self.__class__.__name__,
        }
        if mention.home:
            entity[ENTITY_ATTRIBUTE_ROLE] = HOME_ROLE
        return entity
