from bot.emergency.assess import Part, Span, assess, assess_parts


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


def test_a_part_that_says_now_counts_when_another_part_is_over():
    spans = [Span("over", 1, 3, "last week"), Span("danger.followed.unless_over", 6, 8, "following me"),
             Span("now", 8, 10, "right now")]
    assert not assess(spans[:2]).is_emergency
    assert assess_parts(spans, [Part(0, 4), Part(4, 10)]).is_emergency


def test_a_part_with_no_time_of_its_own_does_not_count():
    """"so he pulls a knife on my brother. this was friday": the story, then when it was."""
    spans = [Span("danger.weapon.unless_over", 3, 5, "a knife"), Span("over", 9, 11, "was friday")]
    assert not assess_parts(spans, [Part(0, 8), Part(8, 11)]).is_emergency


def test_someone_missing_since_this_morning_is_still_missing():
    missing = Span("danger.missing.unless_over", 5, 8, "hasnt come back")
    assert assess([missing, Span("recent", 2, 4, "this morning")]).is_emergency
    assert not assess([missing, Span("over", 2, 4, "last year")]).is_emergency
    assert not assess([Span("danger.fire.unless_over", 0, 2, "set fire"), Span("recent", 2, 4, "this morning")]).is_emergency


def test_a_danger_told_last_in_the_present_counts_after_an_ordinary_opening():
    """"got a parking fine last month, who do i appeal to? a lady has been stabbed and he is walking off"."""
    opening = [Span("over", 3, 5, "last month")]
    danger = [Span("present", 10, 11, "has"), Span("danger.violence.unless_over", 10, 13, "has been stabbed")]
    assert assess_parts(opening + danger, [Part(0, 9, question=True), Part(9, 16)]).is_emergency
    assert not assess_parts(opening + danger, [Part(0, 9, question=True), Part(9, 16, question=True)]).is_emergency
    told_in_past = [Span("past", 10, 11, "was"), Span("danger.violence.unless_over", 10, 13, "was stabbed")]
    assert not assess_parts(opening + told_in_past, [Part(0, 9), Part(9, 16)]).is_emergency
    then_when = danger + [Span("over", 16, 18, "on friday")]
    assert not assess_parts(opening + then_when, [Part(0, 9), Part(9, 16), Part(16, 18)]).is_emergency
