"""The referral model's rules, and the same store behaviour from the in-memory fake and from SQLite."""
import multiprocessing
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.referrals.model import SUMMARY_LIMIT, ReferralDraft, reference_for
from bot.referrals.sql_store import SqlReferralStore, referral_store_from_url
from bot.referrals.store import InMemoryReferralStore

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
REFERENCE = re.compile(r"^HRT-\d{2}-\d{6}$")


def draft(**changes) -> ReferralDraft:
    fields = dict(category="antisocial_behaviour", place="Cheshunt", district="broxbourne",
                  team="cheshunt_east", summary="Motorbikes on the field every night.",
                  contact_preference="email", contact_detail="resident@example.test", channel="web",
                  conversation_id="conversation-1")
    return ReferralDraft(**{**fields, **changes})


@pytest.fixture(params=["in_memory", "sqlite"])
def open_store(request, tmp_path):
    """Opens the store; opening it again is a restart (for the fake, the same object)."""
    if request.param == "in_memory":
        fake = InMemoryReferralStore()
        yield lambda: fake
        return
    opened = []
    yield lambda: opened.append(SqlReferralStore(f"sqlite:///{tmp_path / 'referrals.db'}")) or opened[-1]
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store):
    return open_store()


# The model

def test_a_draft_trims_what_it_is_given():
    made = draft(summary="  noisy  ", place=" Cheshunt ", contact_detail=" resident@example.test ")
    assert (made.summary, made.place, made.contact_detail) == ("noisy", "Cheshunt", "resident@example.test")


@pytest.mark.parametrize("preference, detail", [("anonymous", "07700900123"), ("phone", None), ("text", "  "),
                                                ("email", None), ("pigeon", "loft 3")])
def test_contact_preference_and_detail_must_agree(preference, detail):
    with pytest.raises(ValueError):
        draft(contact_preference=preference, contact_detail=detail)


def test_an_anonymous_referral_has_no_detail():
    assert draft(contact_preference="anonymous", contact_detail="").contact_detail is None


@pytest.mark.parametrize("field", ["category", "team", "summary", "channel", "conversation_id"])
def test_a_draft_needs_its_essentials(field):
    with pytest.raises(ValueError, match=field):
        draft(**{field: "  "})


def test_an_over_long_summary_is_cut_visibly_never_silently():
    said = "x" * 600 + "y" * 900
    summary = draft(summary=said).summary
    note = re.search(r" \[\.\.\. (\d+) more characters not kept\]$", summary)
    assert note and len(summary) <= SUMMARY_LIMIT
    assert summary[:note.start()] == said[:note.start()] and note.start() + int(note.group(1)) == len(said)


def test_the_reference_year_is_the_uk_year_of_creation():
    new_year_in_auckland = datetime(2027, 1, 1, 0, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert reference_for(123, new_year_in_auckland) == "HRT-26-000123"
    assert reference_for(1_234_567, NOW) == "HRT-26-1234567"


# Both stores

def test_a_new_referral_gets_a_readable_reference_and_can_be_read_back(store):
    referral = store.add(draft(), NOW)
    assert referral.reference == "HRT-26-000001" and REFERENCE.match(referral.reference)
    assert (referral.created_at, referral.summary, referral.notified_at) == (NOW, draft().summary, None)
    assert referral.created_at.tzinfo is not None
    assert store.get(referral.reference) == referral
    assert store.get("HRT-26-999999") is None


def test_times_must_be_timezone_aware(store):
    with pytest.raises(ValueError):
        store.add(draft(), datetime(2026, 3, 1, 10, 0))


def test_referrals_survive_a_restart_and_numbering_carries_on(open_store):
    first = open_store().add(draft(), NOW)
    reopened = open_store()
    assert reopened.get(first.reference) == first
    assert reopened.add(draft(), NOW).reference == "HRT-26-000002"


def test_a_reference_is_never_given_twice_even_after_the_newest_is_erased(store):
    store.add(draft(), NOW)
    erased = store.add(draft(conversation_id="conversation-2"), NOW)
    store.delete_for_conversation("conversation-2")
    assert store.add(draft(), NOW).reference not in (erased.reference, "HRT-26-000001")


def test_marking_notified_is_kept(store):
    referral = store.add(draft(), NOW)
    assert store.mark_notified(referral.reference, NOW + timedelta(seconds=5)) is True
    assert store.get(referral.reference).notified_at == NOW + timedelta(seconds=5)
    assert store.mark_notified("HRT-26-999999", NOW) is False


def test_erasure_deletes_exactly_one_conversations_referrals(store):
    mine = [store.add(draft(conversation_id="mine"), NOW) for _ in range(2)]
    theirs = store.add(draft(conversation_id="theirs"), NOW)
    assert store.delete_for_conversation("mine") == 2
    assert [store.get(r.reference) for r in mine] == [None, None]
    assert store.get(theirs.reference) == theirs
    assert store.delete_for_conversation("mine") == 0


def test_retention_deletes_only_referrals_older_than_the_cutoff(store):
    old = store.add(draft(), NOW - timedelta(days=400))
    at_cutoff = store.add(draft(), NOW - timedelta(days=365))
    assert store.delete_older_than(NOW - timedelta(days=365)) == 1
    assert store.get(old.reference) is None and store.get(at_cutoff.reference) == at_cutoff


def test_a_team_lists_its_own_referrals_oldest_first(store):
    later = store.add(draft(), NOW + timedelta(hours=1))
    earlier = store.add(draft(), NOW)
    store.add(draft(team="hoddesdon"), NOW)
    assert store.list_for_team("cheshunt_east") == [earlier, later]
    assert store.list_for_team("cheshunt_east", since=NOW + timedelta(hours=1)) == [later]
    assert store.list_for_team("nobody") == []


def test_concurrent_threads_get_different_references(store):
    with ThreadPoolExecutor(max_workers=10) as pool:
        made = list(pool.map(lambda n: store.add(draft(summary=f"report {n}"), NOW), range(50)))
    assert len({r.reference for r in made}) == 50
    assert all(store.get(r.reference) == r for r in made)


# SQLite only

def _add_from_another_process(url, count, start, results):
    store = SqlReferralStore(url)
    start.wait(timeout=60)
    results.put([store.add(draft(summary=f"report {n}"), NOW).reference for n in range(count)])
    store.close()


def test_separate_processes_writing_one_sqlite_file_get_different_references(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_add_from_another_process, args=(url, 25, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    references = [ref for _ in workers for ref in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=30)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(set(references)) == 50
    store = SqlReferralStore(url)
    assert len(store.list_for_team("cheshunt_east")) == 50
    store.close()


def test_the_factory_makes_the_folder_and_refuses_an_in_memory_database(tmp_path):
    store = referral_store_from_url(f"sqlite:///{tmp_path / 'var' / 'referrals.db'}")
    assert store.add(draft(), NOW).reference == "HRT-26-000001"
    store.close()
    with pytest.raises(ValueError):
        referral_store_from_url("sqlite://")


def test_a_referral_without_a_place_is_kept(store):
    from bot.referrals.model import ReferralDraft
    from datetime import datetime, timezone
    draft = ReferralDraft(category="drugs", place=None, district=None, team="watford_north", summary="dealing",
                          contact_preference="anonymous", contact_detail=None, channel="rest", conversation_id="c1")
    referral = store.add(draft, datetime(2026, 11, 24, 12, tzinfo=timezone.utc))
    assert store.get(referral.reference).place is None
