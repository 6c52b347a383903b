"""Where the project's files live, resolved from the repository root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EMERGENCY_PATTERNS = DATA / "emergency" / "patterns.yml"
CATEGORIES = DATA / "triage" / "categories.yml"
SPACY_PIPELINE = ROOT / "models" / "spacy" / "herts_en"
GEOGRAPHY = DATA / "geography"
