"""Who said what: quotation marks (:mod:`.marks`), attribution cues (:mod:`.cues`), speakers
(:mod:`.speakers`) and the extractor that puts them together (:mod:`.quotes`)."""
