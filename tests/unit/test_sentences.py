from bot.emergency.sentences import sentences


def texts(message):
    return [s.text for s in sentences(message)]


def test_a_long_story_is_split_where_it_turns():
    text = ("we have had noise from the flat above for months, music until 3am. "
            "tonight its different, i can hear a woman begging him to stop")
    assert texts(text) == ["we have had noise from the flat above for months, music until 3am",
                           "tonight its different, i can hear a woman begging him to stop"]
    assert texts("i wanted to ask about my shotgun licence but my husband is throwing plates at me") == [
        "i wanted to ask about my shotgun licence", "my husband is throwing plates at me"]


def test_each_part_knows_where_it_is_in_the_message():
    message = "My bike was stolen last week. Right now a man is following me!"
    for part in sentences(message):
        assert message[part.start:part.end] == part.text
    assert texts(message) == ["My bike was stolen last week", "Right now a man is following me!"]


def test_short_pieces_stay_with_the_sentence_before():
    assert texts("help. now!") == ["help. now!"]
    assert texts("someone is in my house. help!") == ["someone is in my house. help!"]
    assert sentences("") == [] and sentences("   ") == []
