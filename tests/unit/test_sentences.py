from bot.emergency.sentences import sentences


def test_a_long_story_is_split_where_it_turns():
    text = ("we have had noise from the flat above for months, music until 3am. "
            "tonight its different, i can hear a woman begging him to stop")
    assert sentences(text) == ["we have had noise from the flat above for months, music until 3am",
                               "tonight its different, i can hear a woman begging him to stop"]
    assert sentences("i wanted to ask about my shotgun licence but my husband is throwing plates at me") == [
        "i wanted to ask about my shotgun licence", "my husband is throwing plates at me"]


def test_short_pieces_stay_with_the_sentence_before():
    assert sentences("help. now!") == ["help now!"]
    assert sentences("someone is in my house. help!") == ["someone is in my house help!"]
    assert sentences("") == [] and sentences("   ") == []
