from bot.emergency.assess import Span, assess


def test_a_danger_that_needs_now_fires_only_with_a_now_marker():
    danger = Span("danger.intruder.if_now", 0, 2, "broke in")
    assert not assess([danger]).is_emergency
    assert assess([danger, Span("now", 3, 5, "still here")]).is_emergency


def test_an_explicit_over_suppresses_unless_over_dangers():
    danger = Span("danger.weapon.unless_over", 0, 3, "with a knife")
    assert assess([danger]).is_emergency
    result = assess([danger, Span("over", 4, 6, "last month")])
    assert not result.is_emergency and result.time_sense == "over"


def test_now_beats_over_and_over_beats_a_bare_now():
    danger = Span("danger.violence.if_now", 0, 1, "hit")
    assert assess([danger, Span("over", 1, 3, "last year"), Span("now", 5, 6, "outside now")]).is_emergency
    assert not assess([danger, Span("over", 1, 3, "last year"), Span("weak_now", 5, 6, "now")]).is_emergency


def test_a_now_inside_an_over_phrase_does_not_count():
    result = assess([Span("danger.fire.if_now", 0, 1, "fire"), Span("over", 2, 4, "out now"), Span("now", 3, 4, "now")])
    assert not result.is_emergency


def test_negated_danger_does_not_count():
    result = assess([Span("danger.injury.unless_over", 2, 3, "hurt"), Span("negation", 0, 3, "nobody was hurt")])
    assert not result.is_emergency


def test_always_dangers_fire_even_when_something_is_over():
    result = assess([Span("danger.cant_talk.always", 0, 3, "he'll hear me"), Span("over", 4, 6, "last week")])
    assert result.is_emergency and result.kinds == ("cant_talk",)


def test_a_bare_now_is_only_likely_now():
    """"im 25 now and doing well": a weak now never counts as saying a sentence is happening now."""
    assert assess([Span("weak_now", 2, 3, "now")]).time_sense == "likely_now"
    assert assess([Span("weak_now", 2, 3, "now"), Span("now", 5, 7, "right now")]).time_sense == "now"
