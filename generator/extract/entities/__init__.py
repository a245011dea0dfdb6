"""People, organisations and places: the extractor (:mod:`.entities`), roles and titles
(:mod:`.roles`), and given names with a grammatical gender (:mod:`.names`)."""
