"""Compile the readable phrase syntax of data/emergency/patterns.yml into spaCy token patterns.

The syntax is documented at the top of that file. A spaCy token pattern cannot say "this
lemma OR that word", so a slot mixing lemmas and words becomes several alternatives, and a
phrase becomes one pattern per combination of its slots' alternatives. Words are split with the
pipeline's own tokenizer, so "can't" in a phrase matches "can't" in a message.
"""
import itertools
from typing import Callable, Dict, List, Sequence

TokenPattern = Dict[str, object]
Alternative = List[TokenPattern]
Tokenize = Callable[[str], Sequence[str]]


class PhraseError(ValueError):
    """A phrase that cannot be compiled (unknown word list, empty phrase...)."""


def compile_phrase(phrase: str, words: Dict[str, List[str]], tokenize: Tokenize) -> List[List[TokenPattern]]:
    """All token patterns that together match the phrase."""
    slots = str(phrase).split()
    if not slots:
        raise PhraseError("empty phrase")
    per_slot = [_compile_slot(slot, words, tokenize, phrase) for slot in slots]
    return [[token for alternative in combo for token in alternative] for combo in itertools.product(*per_slot)]


def _compile_slot(slot: str, words: Dict[str, List[str]], tokenize: Tokenize, phrase: str) -> List[Alternative]:
    optional = slot.endswith("?") and len(slot) > 1
    body = slot[:-1] if optional else slot
    alternatives = [[{}]] if body == "_" else _alternatives(body, words, tokenize, phrase)
    if optional:
        alternatives = [[{**token, "OP": "?"} for token in alternative] for alternative in alternatives]
    return alternatives


def _alternatives(body: str, words: Dict[str, List[str]], tokenize: Tokenize, phrase: str) -> List[Alternative]:
    lemmas, single_words, sequences = set(), set(), []
    for option in body.split("|"):
        if option.startswith("@"):
            listed = _word_list(option[1:], words, phrase)
            lemmas.update(listed)
            single_words.update(word.lower() for word in listed)
        elif option.startswith("~"):
            lemmas.add(option[1:])
        else:
            tokens = [token.lower() for token in tokenize(option)]
            if len(tokens) == 1:
                single_words.add(tokens[0])
            elif tokens:
                sequences.append([{"LOWER": token} for token in tokens])
    alternatives: List[Alternative] = []
    if lemmas:
        alternatives.append([{"LEMMA": {"IN": _lemma_variants(lemmas)}}])
    if len(single_words) == 1:
        alternatives.append([{"LOWER": single_words.pop()}])
    elif single_words:
        alternatives.append([{"LOWER": {"IN": sorted(single_words)}}])
    return alternatives + sequences


def _word_list(name: str, words: Dict[str, List[str]], phrase: str) -> List[str]:
    if name not in words:
        raise PhraseError(f"unknown word list @{name} in {phrase!r}")
    return [str(word) for word in words[name]]


def _lemma_variants(lemmas) -> List[str]:
    """The lookup lemmatizer keeps the case of words it does not know."""
    return sorted({form for lemma in lemmas for form in (lemma, lemma.lower(), lemma.capitalize(), lemma.upper())})
