import pytest
import yaml

from bot import paths
from bot.triage.categories import TaxonomyError, load


def test_the_shipped_taxonomy_has_the_contract_categories():
    taxonomy = load()
    assert len(taxonomy.categories) == 20
    assert taxonomy.category_of("suicidal_feelings").key == "safeguarding_concern"
    assert taxonomy.category_of("greet") is None


def test_a_category_missing_from_the_contract_is_refused(tmp_path):
    data = yaml.safe_load(paths.CATEGORIES.read_text())
    del data["categories"]["drugs"]
    path = tmp_path / "categories.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(TaxonomyError):
        load.__wrapped__(path)
