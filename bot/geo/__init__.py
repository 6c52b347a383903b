"""Where and who: the Hertfordshire gazetteer, place and postcode finding, team routing."""
