"""Build the project's own spaCy pipeline from its data (no downloaded model).

    python -m bot.nlp.build_pipeline [OUTPUT_DIR]

The pipeline is a blank English tokenizer, a lookup lemmatizer (tables from
spacy-lookups-data, saved into the pipeline) and a span_ruler holding the emergency phrases.
Rasa's SpacyNLP loads it by path.
"""
import sys
from pathlib import Path

import spacy
import spacy_lookups_data
import srsly
from spacy.language import Language

from bot import paths
from bot.nlp.emergency_patterns import SPANS_KEY, load_pattern_file, span_ruler_patterns

PIPELINE_NAME = "herts_en"


def build(patterns_path: Path = paths.EMERGENCY_PATTERNS) -> Language:
    nlp = spacy.blank("en")
    nlp.meta.update({"name": PIPELINE_NAME, "version": "1.0.0",
                     "description": "Hertfordshire triage: tokens, lemmas, emergency phrases"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    _make_lemmas_case_insensitive(nlp)
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True})
    tokenize = lambda text: [token.text for token in nlp.tokenizer(text)]  # noqa: E731
    ruler.add_patterns(span_ruler_patterns(load_pattern_file(patterns_path), tokenize))
    return nlp


def _make_lemmas_case_insensitive(nlp: Language) -> None:
    """The lookup table is keyed by exact text, but residents write KNIFE and Knives too.

    spaCy's Table keeps only hashes of its keys, so the table is rebuilt from the source data.
    """
    source = srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz")
    table = {}
    for word, lemma in source.items():
        for variant in (word, word.lower(), word.capitalize(), word.upper()):
            table.setdefault(variant, lemma.lower())
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.lookups.remove_table("lemma_lookup")
    lemmatizer.lookups.add_table("lemma_lookup", table)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else paths.SPACY_PIPELINE
    out.parent.mkdir(parents=True, exist_ok=True)
    build().to_disk(out)
    print(f"spaCy pipeline written to {out}")


if __name__ == "__main__":
    main()
