"""Figures: numbers as news text writes them (:mod:`.numbers`), units and currencies (:mod:`.units`),
quantities read off the text (:mod:`.quantities`), and the extractor (:mod:`.figures`)."""
