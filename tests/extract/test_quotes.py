"""Quotations and speakers: one row per pattern, through the real pipeline (issue 3).

Every example sentence here is made up for the test; none comes from the evaluation corpus.
A row names the words that must come out (a fragment of ``text``), the canonical speaker, the
kind and, where the pattern is about it, the cue, the speaker's role or the words naming them.
"""

from __future__ import annotations

import pytest

from generator.extract.quotes.marks import find_quoted

ANY = object()


def _find(sheet, fragment: str, kind: str | None = None):
    hits = [q for q in sheet.quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no quote with {fragment!r} in {[(q.kind, q.text) for q in sheet.quotes]}"
    return hits[0]


# (pattern, article text, words in the quote, speaker, kind, extra checks)
ROWS = [
    ("straight double marks",
     'Anna Berg, the mayor of Dover, spoke on Monday. "We will rebuild the bridge," Ms Berg said.',
     "We will rebuild the bridge", "Anna Berg", "direct", {}),
    ("curly double marks",
     "\u201cWe will rebuild the bridge,\u201d said Anna Berg, the mayor of Dover.",
     "We will rebuild the bridge", "Anna Berg", "direct", {"cue": "said"}),
    ("single marks in a headline",
     "'Bridge will reopen by May' says mayor\n\nThe mayor of Dover, Anna Berg, spoke on Monday.",
     "Bridge will reopen by May", ANY, "direct", {}),
    ("apostrophe inside a quotation is not a mark",
     "\u201cThe farmers\u2019 union doesn\u2019t agree with the ’90s rules,\u201d said Tom Hale.",
     "The farmers\u2019 union doesn\u2019t agree with the \u201990s rules", "Tom Hale", "direct", {}),
    ("unbalanced mark costs one quotation only",
     'A leaflet said "the bridge is closed for good.\n\n\u201cWe will rebuild it,\u201d said Anna Berg.',
     "We will rebuild it", "Anna Berg", "direct", {}),
    ("split quotation",
     "\u201cWe will rebuild,\u201d Anna Berg said, \u201cand we will do it before the winter.\u201d",
     "and we will do it before the winter", "Anna Berg", "direct", {"also": "We will rebuild"}),
    ("quotation over several paragraphs",
     "Tom Hale, the chief engineer, read a statement.\n\n\u201cThe cables are sound and were tested twice."
     "\n\n\u201cThe bridge will carry traffic again by May,\u201d he said.",
     "The cables are sound", "Tom Hale", "direct", {"also": "carry traffic again by May"}),
    ("continuation paragraph carries the speaker",
     "\u201cWe will rebuild the bridge,\u201d Anna Berg said on Monday.\n\n"
     "\u201cIt is the heart of this town and it always has been.\u201d",
     "It is the heart of this town", "Anna Berg", "direct", {}),
    ("partial quotation inside reported speech",
     "Anna Berg on Tuesday dismissed the report as a \u201ccheap political stunt\u201d and left the hall.",
     "cheap political stunt", "Anna Berg", "partial", {"cue": "dismissed"}),
    ("mixed quotation at the end of a that-clause",
     "Tom Hale assured the council that the funding for the bridge is \u201csecure.\u201d",
     "secure", "Tom Hale", "partial", {"cue": "assured"}),
    ("reported speech with that",
     "Anna Berg said that the bridge would reopen in May.",
     "the bridge would reopen in May", "Anna Berg", "reported", {"cue": "said"}),
    ("reported speech without that",
     "Anna Berg said the bridge would reopen in May.",
     "the bridge would reopen in May", "Anna Berg", "reported", {}),
    ("according to X",
     "According to the Port Authority, the bridge will reopen in the spring.",
     "the bridge will reopen in the spring", "Port Authority", "reported", {"cue": "according to"}),
    ("complained last week that (an organisation)",
     "The Transport Ministry complained last week that contractors had missed three deadlines.",
     "contractors had missed three deadlines", "Transport Ministry", "reported", {"cue": "complained"}),
    ("It said: an organisation by pronoun",
     "The Transport Ministry published its review on Monday.\n\nIt said the old bridge had been unsafe for years.",
     "the old bridge had been unsafe for years", "Transport Ministry", "reported", {"mention": "It"}),
    ("elliptical and that",
     "Anna Berg rejected the claims as baseless and that the city would sue the contractor.",
     "the city would sue the contractor", "Anna Berg", "reported", {}),
    ("cue verb outside the lexicon",
     "Anna Berg fired back that the council had ignored every warning.",
     "the council had ignored every warning", "Anna Berg", "reported", {}),
    ("speaker in apposition before the cue",
     "The city's chief engineer, Tom Hale, replied that the cables were sound.",
     "the cables were sound", "Tom Hale", "reported", {"cue": "replied"}),
    ("speaker after the quotation",
     "\u201cThe cables are sound,\u201d said Tom Hale.",
     "The cables are sound", "Tom Hale", "direct", {}),
    ("speaker before the quotation with a colon",
     "Tom Hale told the council: \u201cThe cables are sound.\u201d",
     "The cables are sound", "Tom Hale", "direct", {}),
    ("title and surname resolve to the full name",
     "Tom Hale, the city's chief engineer, inspected the cables.\n\n\u201cThey are sound,\u201d Mr Hale said.",
     "They are sound", "Tom Hale", "direct", {"mention": "Mr Hale"}),
    ("pronoun resolves to the right person",
     "Anna Berg met Tom Hale at the bridge on Monday.\n\n\u201cThe cables worry me,\u201d she said.",
     "The cables worry me", "Anna Berg", "direct", {"mention": "she"}),
    ("role description resolved to a name given later",
     "The city's chief engineer said the cables were sound.\n\nThe mayor disagreed.\n\n"
     "Later the city's chief engineer, Tom Hale, visited the site.",
     "the cables were sound", "Tom Hale", "reported", {}),
    ("organisation as speaker",
     "\u201cThe bridge is unsafe,\u201d the Transport Ministry said in a statement.",
     "The bridge is unsafe", "Transport Ministry", "direct", {}),
    ("role attached to the speaker",
     "Transport Ministry spokesman Tom Hale said the cables were sound.",
     "the cables were sound", "Tom Hale", "reported", {"role": "Transport Ministry spokesman"}),
    ("name after a dash signs the quotation",
     "Readers wrote in after the vote.\n\n"
     "\u201cThe new bridge changed my commute for the better.\u201d \u2015 Maria Lopez",
     "The new bridge changed my commute", "Maria Lopez", "direct", {}),
    # issue 13: attribution that generalizes (continuations, documents, names with something before them, roles)
    ("continuation right after X said.",
     "\u201cWe will rebuild,\u201d Anna Berg said on Monday. \u201cThe bridge is the heart of this town and "
     "it always has been.\u201d",
     "The bridge is the heart of this town", "Anna Berg", "direct", {}),
    ("quoted sentence right after reported speech",
     "Tom Hale said the cables would be replaced in March. \u201cWe have the money and we have the crews.\u201d",
     "We have the money and we have the crews", "Tom Hale", "direct", {}),
    ("quotation-only paragraph after one naming the speaker in reported speech",
     "Anna Berg, the mayor of Dover, told the council the repairs would start soon.\n\n"
     "\u201cWe have the money and we have the engineers ready to begin.\u201d",
     "We have the money and we have the engineers", "Anna Berg", "direct", {}),
    ("her statement said: the document speaks for its author",
     "Anna Berg did not attend the hearing. \u201cThe bridge will reopen by May,\u201d her statement said.",
     "The bridge will reopen by May", "Anna Berg", "direct", {"mention": "her statement"}),
    ("a statement e-mailed by X said",
     "\u201cThe bridge will reopen by May,\u201d a statement e-mailed by Anna Berg said.",
     "The bridge will reopen by May", "Anna Berg", "direct", {}),
    ("a statement from X said: the author after the document",
     "\u201cThe bridge will reopen by May,\u201d a statement from the Harlow Park Residents' Group said.",
     "The bridge will reopen by May", "Harlow Park Residents' Group", "direct",
     {"mention": "a statement from the Harlow Park Residents' Group"}),
    ("the statement said: the author of the statement named before",
     "The mayor, Anna Berg, issued a statement on Friday. \u201cThe bridge will reopen by May,\u201d the "
     "statement said.",
     "The bridge will reopen by May", "Anna Berg", "direct", {"mention": "the statement"}),
    ("the statement said after X said in a statement",
     "Anna Berg said in a statement that the bridge was safe. \u201cWe have checked every cable,\u201d the "
     "statement added.",
     "We have checked every cable", "Anna Berg", "direct", {"mention": "the statement"}),
    ("the report said far after the report by X was named: a report is discussed at length",
     "A report produced by Tidewell Consulting found that ports were at risk. Officials disputed it. "
     "\u201cOur walls are new,\u201d the mayor, Anna Berg, said. The council met on Monday. Berg spoke first. "
     "Tom Hale spoke next. The vote was close. Late trains cost commuters an hour a week, the report said.",
     "Late trains cost commuters an hour a week", "Tidewell Consulting", "reported", {"mention": "the report"}),
    ("the report said far after X read a report: who read it far back is not its author",
     "The lawyer Tom Hale read the report to the court. The judge listened. The jury took notes. The room was "
     "quiet. The hearing ran late. Reporters waited outside. The report said the driver was tired.",
     "the driver was tired", None, "reported", {"mention": "The report"}),
    ("the poll said after X leads in the polls: polls are other papers",
     "Anna Berg, who leads in the polls, spoke in Leeds. Most voters want change, the latest poll said.",
     "Most voters want change", None, "reported", {"mention": "the latest poll"}),
    ("a poll of N people conducted by X found: the parse hangs the verb on the people",
     "A poll of 2,000 commuters conducted by Railwatch found that most trains ran late.",
     "most trains ran late", "Railwatch", "reported", {}),
    ("X said in a statement: the statement is the medium, not the source",
     "Tom Hale left the council in May. \u201cThe bridge was never safe,\u201d Hale said in a statement.",
     "The bridge was never safe", "Tom Hale", "direct", {"mention": "Hale"}),
    ("the statement said with no author named before: the document is the source",
     "The bridge closed in May. \u201cRepairs will take a year,\u201d the statement said.",
     "Repairs will take a year", None, "direct", {"mention": "the statement"}),
    ("a document of a campaign named after a person speaks for the campaign, not the person",
     "Anna Berg's campaign sent a memo on Friday. The Berg campaign memo was short. \u201cWe will win the "
     "city,\u201d the memo said.",
     "We will win the city", "Berg campaign", "direct", {"mention": "the memo"}),
    ("the ministry statement: the ministry the article named",
     "The Interior Ministry arrested two men in Leeds. Police searched their homes, the ministry statement said.",
     "Police searched their homes", "Interior Ministry", "reported", {}),
    ("a letter obtained by X: who obtained it did not write it",
     "\u201cThe bridge must close,\u201d a letter obtained by the Harlow Gazette said.",
     "The bridge must close", None, "direct", {}),
    ("two authors of one statement: no single speaker",
     "Anna Berg and Tom Hale issued a statement on Friday. \u201cWe will work together,\u201d the statement "
     "said.",
     "We will work together", None, "direct", {"mention": "the statement"}),
    ("a newspaper called the Post is no document",
     "Tom Hale spoke to the Harlow Post on Friday. \u201cThe bridge was never safe,\u201d the Post reported.",
     "The bridge was never safe", "Harlow Post", "direct", {"mention": "Post"}),
    ("the company said: the one organisation named just before",
     "Orbis Technologies told the Harlow Gazette it would cut jobs. \u201cWe regret the delay,\u201d the company "
     "said.",
     "We regret the delay", "Orbis Technologies", "direct", {"mention": "the company"}),
    ("an organisation by the short form of its name: the full name",
     "The Harbour Street Journal reported the sale on Monday. \u201cThe buyer was a bank,\u201d the Journal said.",
     "The buyer was a bank", "Harbour Street Journal", "direct", {"mention": "Journal"}),
    ("the rights group said: a description of the organisation named before",
     "Amnesty International sent a team to the border. \u201cThe camps are full,\u201d the rights group said.",
     "The camps are full", "Amnesty International", "direct", {}),
    ("the publisher said: the organisation the article called its publisher, named last",
     "Ada Berg died on Sunday at 94, her publisher, Orbis Books, said.\n\nShe wrote nine novels. Ada Berg "
     "moved to Leeds in 1950 and lived there for sixty years.\n\n\u201cShe is survived by her son,\u201d the "
     "publisher said.",
     "She is survived by her son,", "Orbis Books", "direct", {"mention": "the publisher"}),
    ("the company said: not the one described so before when another was named since",
     "Orbis Technologies, the company that built the bridge, went bankrupt in May.\n\nThe bridge closed in June. "
     "Ferries ran all summer.\n\nTom Hale worked at Harlow Logistics Inc. in Leeds. The company said he was on "
     "the ferry.",
     "he was on the ferry", None, "reported", {"mention": "The company"}),
    ("her publisher, X, said: an organisation in apposition to the word for one",
     "Ada Berg died on Sunday at 94, her publisher, Orbis Books, said.",
     "Ada Berg died on Sunday at 94", "Orbis Books", "reported", {"mention": "her publisher"}),
    ("the company said with another kind of body in reach: no organisation picked",
     "The State Department wrote to the mayor. \u201cWe regret the delay,\u201d the company said.",
     "We regret the delay", None, "direct", {"mention": "the company"}),
    ("possessive place before the name",
     "\u201cWe were lucky today,\u201d Boston's Tom Hale said after the game.",
     "We were lucky today", "Tom Hale", "direct", {}),
    ("role in apposition after the name",
     "\u201cThe river will crest on Friday,\u201d said Tom Hale, a hydrologist at Northfield University.",
     "The river will crest on Friday", "Tom Hale", "direct", {"role": "hydrologist at Northfield University"}),
    ("reported speech ending with the attribution, no that",
     "The bank has agreed to lend $1.1 billion to the city, a spokeswoman for the bank said on Wednesday.",
     "The bank has agreed to lend $1.1 billion to the city", None, "reported",
     {"mention": "a spokeswoman for the bank"}),
    ("partial quotation keeps its reported clause",
     "Tom Hale assured the council that the funding for the bridge is \u201csecure.\u201d",
     "secure", "Tom Hale", "partial", {"clause": "the funding for the bridge is \u201csecure.\u201d"}),
    ("partial quotation opening its reported clause",
     "Anna Berg said \u201cbudget cuts\u201d and new fees would pay for the bridge.",
     "budget cuts", "Anna Berg", "partial",
     {"clause": "\u201cbudget cuts\u201d and new fees would pay for the bridge"}),
    ("partial quotation in a complement on the other side of the cue",
     "While she acknowledged money was a major reason she felt tired, Anna Berg also noted several "
     "\u201chidden costs\u201d left her further worried.",
     "hidden costs", "Anna Berg", "partial", {"clause": "several \u201chidden costs\u201d left her further worried"}),
    ("partial quotation in a second clause the parse hung on the cue",
     "Anna Berg said that the repairs were too slow, and there was \u201cno excuse\u201d for the delay.",
     "no excuse", "Anna Berg", "partial", {"clause": "there was \u201cno excuse\u201d for the delay"}),
    ("narration after the clause: a second speech verb of the speaker",
     "Tom Hale said the cables were \u201cperfectly sound\u201d and urged the council to reopen the bridge.",
     "perfectly sound", "Tom Hale", "partial", {"clause": "the cables were \u201cperfectly sound\u201d"}),
    ("narration after the clause: a participle after a comma",
     "Anna Berg said the vote would be \u201cfair\u201d to everyone, lowering expectations before the meeting.",
     "fair", "Anna Berg", "partial", {"clause": "the vote would be \u201cfair\u201d to everyone"}),
    ("narration after the clause: a participle with an adverb in front",
     "Anna Berg said the vote would be \u201cfair\u201d to everyone, plainly lowering expectations.",
     "fair", "Anna Berg", "partial", {"clause": "the vote would be \u201cfair\u201d to everyone"}),
    ("the time of the telling is not part of the clause",
     "Tom Hale told reporters this weekend he would consider it a \u201cpersonal insult\u201d if the council did "
     "not vote.", "personal insult", "Tom Hale", "partial",
     {"cue": "told", "clause": "he would consider it a \u201cpersonal insult\u201d if the council did not vote"}),
    ("quoted words that are the subject of a manner verb are not uttered by it",
     "Anna Berg said at the depot that \u201ca fire\u201d had gone off in the yard.", "a fire", "Anna Berg", "partial",
     {"cue": "said", "clause": "\u201ca fire\u201d had gone off in the yard"}),
    ("reported speech stops before the narration (the offer was fair and urged ...)",
     "Tom Hale said the offer was fair and urged the union to accept it.",
     "the offer was fair", "Tom Hale", "reported", {"text": "the offer was fair"}),
    # organisations and bodies are identified speakers: the entity when the article names it, else their words
    ("police said: an organisation is an identified speaker",
     "\u201cThe driver was not hurt,\u201d police said.", "The driver was not hurt", "police", "direct",
     {"type": "ORG", "mention": "police"}),
    ("the county council said",
     "\u201cThe road will stay closed until Friday,\u201d the county council said.",
     "The road will stay closed until Friday", "county council", "direct", {"type": "ORG"}),
    ("the transport department said (reported)",
     "The transport department said the road would reopen on Friday.",
     "the road would reopen on Friday", "transport department", "reported", {"type": "ORG"}),
    ("a named organisation keeps its canonical name",
     "\u201cThe bridge is unsafe,\u201d the Transport Ministry said on Monday.",
     "The bridge is unsafe", "Transport Ministry", "direct", {"type": "ORG"}),
    ("capitalised role word before the name",
     "\u201cWe expect ten thousand visitors,\u201d Organizer Tom Hale said.", "We expect ten thousand visitors",
     "Tom Hale", "direct", {"role": "Organizer", "type": None}),
    ("role: who leads the Y",
     "\u201cWe were never consulted,\u201d said Anna Berg, who leads the Harlow Park Residents\u2019 Group.",
     "We were never consulted", "Anna Berg", "direct", {"role": "leads the Harlow Park Residents\u2019 Group"}),
    ("role: X runs a bakery",
     "Tom Hale runs a bakery on Mill Lane. \u201cBread prices will rise again,\u201d he said.",
     "Bread prices will rise again", "Tom Hale", "direct", {"role": "runs a bakery on Mill Lane"}),
    ("relative role: the company's chief executive (the organisation resolved)",
     "Northfield Bakeries Ltd reported a loss on Monday. \u201cWe will close two shops,\u201d the company\u2019s "
     "chief executive said.",
     "We will close two shops", None, "direct",
     {"role": "company\u2019s chief executive", "org": "Northfield Bakeries Ltd"}),
    ("relative role of a named person",
     "Northfield Bakeries Ltd reported a loss. Anna Berg, the company\u2019s chief executive, said two shops "
     "would close.",
     "two shops would close", "Anna Berg", "reported",
     {"role": "company\u2019s chief executive", "org": "Northfield Bakeries Ltd"}),
    # a body or a group named after a person is not that person (issue 13: a quote given to the wrong person)
    ("a campaign named after its candidate is not the candidate",
     "Donald Trump spoke in Ohio on Monday. The Trump campaign said the rally would go ahead in May.",
     "the rally would go ahead", "Trump campaign", "reported", {"mention": "The Trump campaign"}),
    ("an administration named after a president is not the president",
     "Barack Obama flew to Berlin. The Obama administration said the talks had failed.",
     "the talks had failed", "Obama administration", "reported", {}),
    ("supporters of a person are not that person",
     "Bernie Sanders lost in Ohio. Sanders supporters said the primary had been unfair to them.",
     "the primary had been unfair", None, "reported", {"mention": "Sanders supporters"}),
    ("a plural role noun is not the one person given that role",
     "David Albright, a nuclear expert, spoke on Monday. Nuclear experts said the deal would not hold.",
     "the deal would not hold", None, "reported", {}),
    ("some of a group: no antecedent",
     "Anna Berg, the mayor, opened the bridge. Some said the new bridge was far too narrow for buses.",
     "the new bridge was far too narrow", None, "reported", {"mention": "Some"}),
    ("those who: no antecedent",
     "Anna Berg opened the bridge on Monday. Those who live nearby say the traffic has doubled since then.",
     "the traffic has doubled", None, "reported", {}),
    ("who: the noun the relative clause is about, not the nearest person",
     "Tom Hale met Sarah Mills, now the council leader, who in 2010 said the bridge was a waste of money.",
     "the bridge was a waste of money", "Sarah Mills", "reported", {"mention": "who"}),
    # a lone surname: the bearer named just before it, else the one the article introduced first
    ("a lone surname: the bearer introduced first, not the relative named later in full",
     "Ted Cruz spoke in Houston on Monday. His wife, Heidi Cruz, was in Dallas, where Heidi Cruz met voters.\n\n"
     "Students cheered in the hall and the band played for an hour before the speeches ended. The crowd had "
     "queued since dawn in the rain outside the gates of the old exhibition centre by the river. Volunteers "
     "handed out coffee, flags and umbrellas, and a choir from a local school sang three songs. Police closed "
     "two streets near the centre, and buses ran every ten minutes from the station until late at night.\n\n"
     "“I am not in the habit of supporting people who attack my family,” Cruz said.",
     "I am not in the habit", "Ted Cruz", "direct", {}),
    ("a lone surname right after a full name is that person",
     "Gary Johnson spoke first. Jeh Johnson, the secretary, spoke next. Johnson said the systems were safe.",
     "the systems were safe", "Jeh Johnson", "reported", {}),
    ("a surname the tagger calls a common noun, tagged a person",
     "Donald Trump spoke in Iowa on Friday. \"The attacks prove once again that we need to get tough,\" Trump says "
     "in the spot titled \"Danger,\" warning against the plan.",
     "The attacks prove once again", "Donald Trump", "direct", {"mention": "Trump"}),
    ("a surname the tagger calls a common noun and does not tag",
     "The aid team met Hazel Rapsing, 25, a mother of two. \"I was scared because the typhoon was getting really "
     "strong,\" Rapsing said.",
     "I was scared", "Hazel Rapsing", "direct", {"mention": "Rapsing"}),
    ("a long subject between the quotation and its verb of saying",
     "The bombs went off near the market.\n\n\"Where are the police?\" a man at one of the bomb sites asked "
     "angrily.",
     "Where are the police?", None, "direct", {"mention": "a man at one of the bomb sites", "cue": "asked"}),
    ("a definite description stands for the one person just named",
     "Anna Berg toured the flooded streets on Monday. The mayor said the barrier would be finished by May.",
     "the barrier would be finished", "Anna Berg", "reported", {"mention": "The mayor"}),
    ("a description by an office is not a person the article gave another office",
     "Anna Berg, the Dover party's nominee, toured the flooded streets on Monday. The senator said the barrier "
     "would be finished by May.",
     "the barrier would be finished", None, "reported", {}),
    ("two people with the role the description names: nobody",
     "Sen. Anna Berg and Sen. Tom Hale toured the flooded streets. The senator said the barrier would be "
     "finished by May.",
     "the barrier would be finished", None, "reported", {}),
    ("'the company' with no company named in reach is nobody's name, not the word 'company'",
     "The rate cut surprised traders on Monday. \u201cWe had no choice,\u201d the company said.",
     "We had no choice", None, "direct", {"mention": "the company"}),
    ("a body with words of its own is named by them",
     "The bridge closed on Monday. \u201cThe cables are unsafe,\u201d the county council said.",
     "The cables are unsafe", "county council", "direct", {"type": "ORG"}),
    ("a name the recogniser missed is the speaker as the article writes it",
     "\u201cThe ruling is a setback for free speech,\u201d Human Rights Watch said in Geneva.",
     "The ruling is a setback", "Human Rights Watch", "direct", {"mention": "Human Rights Watch"}),
    ("a name of several words stays a name though the article writes one of them in lower case",
     "The jobless rate fell to zero in one county. \u201cThe numbers do not add up,\u201d Zero Hedge said on "
     "Monday.", "The numbers do not add up", "Zero Hedge", "direct", {"mention": "Zero Hedge"}),
    ("a common noun capitalised as a sentence's first word is no name",
     "The ruling came late on Friday. Aides said the senator would appeal the ruling.",
     "the senator would appeal", None, "reported", {"mention": "Aides"}),
    # stop 22: from the misses on annotated cnn-train articles (quality/labels/cnn_quotes.jsonl)
    ("a surname written with an apostrophe is the one named in full before",
     "Mayor Martin O'Malley opened the pier on Monday.\n\n\u201cIt is a great day for the town,\u201d O'Malley said.",
     "It is a great day", "Martin O'Malley", "direct", {"mention": "O'Malley"}),
    ("a given name that looks like a role word stays in the name",
     "U.S. Attorney Carmen M. Ortiz spoke to reporters.\n\n\u201cThere was no deal,\u201d Ortiz said.",
     "There was no deal", "Carmen M. Ortiz", "direct", {}),
    ("a surname with its particle is the one named in full",
     "Osama bin Laden wrote to his followers.\n\n\u201cMove only when the clouds are heavy,\u201d bin Laden wrote.",
     "Move only when the clouds are heavy", "Osama bin Laden", "direct", {}),
    ("the paper that quotes someone is not the speaker",
     "Anna Berg spoke at the harbour. The Harlow Post quoted her as saying that \u201cthe pier is finished.\u201d",
     "the pier is finished", "Anna Berg", "partial", {"mention": "her"}),
    ("a poll with its pollster's name is the pollster's",
     "Voters are tired of the works. \u201cMost want the pier closed,\u201d a Harlow Research poll found.",
     "Most want the pier closed", "Harlow Research", "direct", {}),
    ("an organisation's name in front of a statement, tagged as an adjective",
     "The Vatican Tribunal met on Monday. \u201cThe case is closed,\u201d the Vatican statement said.",
     "The case is closed", "Vatican", "direct", {"mention": "the Vatican statement"}),
    ("an acronym of a name's first words is that name",
     "The Centers for Disease Control and Prevention issued advice.\n\n\u201cWash your hands often,\u201d the "
     "CDC said.", "Wash your hands often", "Centers for Disease Control and Prevention", "direct", {}),
    ("'the ministry' is the one named Ministry of ...",
     "The Ministry of Fisheries closed the harbour, and the Harlow Trawlers Association protested.\n\n"
     "\u201cThe stocks are too low,\u201d the ministry said.",
     "The stocks are too low", "Ministry of Fisheries", "direct", {}),
    ("'the attorney' is the person the article called its attorney, not the district attorney",
     "District Attorney John Peck argued against bail. \u201cHe is a danger,\u201d Peck said. His attorney, "
     "Patrick Thomassey, disagreed.\n\nThe judge set a date. The court rose.\n\n\u201cHe is a good kid,\u201d "
     "the attorney said.", "He is a good kid", "Patrick Thomassey", "direct", {}),
    ("a full stop where the frame wanted a comma: a bare name and verb of saying after it",
     "Staci Appel is running for Congress.\n\n\u201cWe are trying to change the place.\u201d Appel told reporters.",
     "We are trying to change the place.", "Staci Appel", "direct", {"mention": "Appel"}),
    ("the analyst named, not the network in front of the name",
     "The pick surprised many. Network analyst Dave Gerg says the pick is \u201ca chance to go on the offense.\u201d",
     "a chance to go on the offense", "Dave Gerg", "partial", {}),
    ("a person described by age alone is the one person in reach",
     "Club president Tom Hale spoke in Dover on Tuesday. \u201cMy work is not finished,\u201d the 78-year-old said.",
     "My work is not finished", "Tom Hale", "direct", {"mention": "the 78-year-old"}),
    ("a newspaper named in front of the word newspaper is that paper",
     "The bid was attacked by Britain's Sunday Times newspaper, which claimed the rules had been broken.",
     "the rules had been broken", "Sunday Times", "reported", {}),
    ("an academy is a body that speaks",
     "The prize went to a poet from Dover.\n\n\u201cHer verse is fearless,\u201d the Swedish academy said.",
     "Her verse is fearless", "Swedish academy", "direct", {"type": "ORG"}),
    # once the linker's fixes; the rules' own since stop 22: "show" with the words as its object shows them
    ("partial quotation in a that-clause: the clause's subject is talked about, not the speaker",
     "Anna Berg spoke at the town hall on Monday. Berg also said that Tom Hale shows \u201cgreat courage\u201d in "
     "the job.", "great courage", "Anna Berg", "partial", {"mention": "Berg"}),
    ("partial quotation in a that-clause, a second pair of names",
     "Maria Lopez visited the plant on Friday. Lopez also said that Peter Grant showed \u201creal leadership\u201d "
     "during the strike.", "real leadership", "Maria Lopez", "partial", {"mention": "Lopez"}),
    ("a quotation of many sentences does not put the speaker named before it out of a pronoun's reach",
     "Anna Berg spoke at the dock on Monday about the storm.\n\n\u201cThe ferry was late. The crew was tired. The "
     "sea was rough. The pier was flooded. The boats were damaged. We had no power for a week,\u201d she said.",
     "The ferry was late.", "Anna Berg", "direct", {"mention": "she"}),
    ("a cue-less quotation after a sentence about a named person: that person's words",
     "Anna Berg has run the ferry company for a decade.\n\nBerg has firm plans for the fleet. \u201cMy plan is to "
     "buy two new boats and hire local crews for them.\u201d",
     "My plan is to buy two new boats", "Anna Berg", "direct", {"mention": "Berg"}),
    ("a fragment in quotation marks after a sentence about a person is no quotation of hers",
     "Anna Berg ran for mayor of Dover last year.\n\n\u201cA change candidate.\u201d That was her slogan.",
     None, None, None, {"absent": "A change candidate."}),
    ("'the company': the one organisation the sentence before made its subject, not one named in passing",
     "Northfield Energy Corp. commented on its sale to Dover Marine Inc., but acknowledged it had no say in the "
     "price.\n\n\u201cWe wish the new owners well and hope the crews keep their jobs,\u201d the company said.",
     "We wish the new owners well", "Northfield Energy Corp.", "direct", {"mention": "the company"}),
    ("'the agency' is never the outlet that reported on it",
     "The Harlow Courier has reported that staff at the Dover Water Agency were told to keep quiet.\n\n"
     "\u201cNo one on our staff was ever silenced or threatened,\u201d the agency said.",
     "No one on our staff", None, "direct", {"mention": "the agency"}),
    ("a cue-less quotation after a sentence about a thing: nobody",
     "The council met on Monday.\n\nThe ferry company has a new owner. That did not please the union.\n\n"
     "\u201cThe workers deserve to be heard before anything is signed.\u201d",
     "The workers deserve to be heard", None, "direct", {}),
    # stop 25
    ("a body named before the article names it: the one organisation of that kind with those words",
     "The pier will stay shut until May, the fisheries ministry said on Monday.\n\nTom Hale, an adviser at the "
     "Dover Ministry of Fisheries, said the repairs would start soon.",
     "The pier will stay shut until May", "Dover Ministry of Fisheries", "reported",
     {"mention": "the fisheries ministry"}),
    ("a body named by the person it belongs to carries that person's full name",
     "Mayor Anna Berg opened the works on Monday.\n\nThe pier will reopen in May, Berg's office said.",
     "The pier will reopen in May", "Anna Berg's office", "reported", {"mention": "Berg's office"}),
    ("an owner named with a title stays as the article writes it",
     "Tom Hale spoke in Dover.\n\nThe plan for the pier is sound, Mrs. Hale's campaign said on Monday.",
     "The plan for the pier is sound", "Mrs. Hale's campaign", "reported", {}),
    ("a pronoun after a role subject is the person given that role",
     "\u201cHe is a good kid,\u201d said his attorney, Patrick Hale.\n\nTom Brix, who was arraigned as an adult, "
     "faces four counts of assault.\n\nHis attorney said he would file a motion to move the case. He also said "
     "it would be important to find out \u201cwhere he is mentally.\u201d",
     "where he is mentally.", "Patrick Hale", "partial", {"mention": "He"}),
    ("a spokesman for someone is not that someone",
     "Bernie Sanders spoke in Ohio on Monday.\n\nThe race is close, a spokesman for Bernie Sanders said.",
     "The race is close", None, "reported", {"mention": "a spokesman for Bernie Sanders"}),
    ("the name after the one spoken for is the speaker",
     "Tom Brix worked for the harbour board.\n\nHis client will testify, an attorney for Brix, Mark Hale, said "
     "on Monday.", "His client will testify", "Mark Hale", "reported", {}),
    ("'the agency' for a body whose name calls it a service",
     "Border troops left their base on Monday, the Dover Border Guard Service said on its website. Separatists "
     "then moved in, the agency said.", "Separatists then moved in", "Dover Border Guard Service", "reported",
     {"mention": "the agency"}),
    ("'the company' for a group",
     "Harlow Group built the tower in 15 days. The construction technique is simple, the company said.",
     "The construction technique is simple", "Harlow Group", "reported", {"mention": "the company"}),
    ("'the constructor' for the company in reach",
     "Marlow Motors renewed the driver's contract on Tuesday. The constructor said it hoped the decision would "
     "end the talk.", "it hoped the decision would end the talk", "Marlow Motors", "reported", {}),
    ("the speaker's phrase the parse took for a clause before the cue",
     "Tom Brix, a Marlow, Del., rabbi helping to organize the boycott, said he and other rabbis were alarmed about "
     "the council's plans.", "he and other rabbis were alarmed about the council's plans", "Tom Brix", "reported",
     {"mention": "Tom Brix"}),
    ("a statement whose subject is a whether-clause",
     "Whether the rail plan or the harbour plan is cheaper will be part of the review, said Anna Berg.",
     "Whether the rail plan or the harbour plan is cheaper will be part of the review", "Anna Berg", "reported", {}),
    ("a role, then the holder's name in apposition",
     "The self-declared mayor of Eastport, Tom Brix, said rebels had taken two bases near the river.",
     "rebels had taken two bases near the river", "Tom Brix", "reported",
     {"mention": "The self-declared mayor of Eastport", "role": "self-declared mayor of Eastport"}),
    ("a relation's name after the one related to",
     "The wife of Tom Brix, Anna Brix, said the family would appeal the ruling.",
     "the family would appeal the ruling", "Anna Brix", "reported", {"role": "wife of Tom Brix"}),
    ("a relation of someone is not that someone",
     "Tom Brix was jailed in May. The wife of Tom Brix said the family would appeal the ruling.",
     "the family would appeal the ruling", None, "reported", {}),
    ("an agent's name after the one spoken for, the role without it",
     "An attorney for Tom Brix, Mark Hale, said his client would testify on Monday.",
     "his client would testify on Monday", "Mark Hale", "reported", {"role": "attorney for Tom Brix"}),
    ("an age description with a clause set off by commas",
     "Tom Brix spoke to the board on Monday. The 78-year-old, who has led the board since 1998, said his work "
     "\u201cis not finished.\u201d", "is not finished.", "Tom Brix", "partial", {}),
    ("a name ending in 's is no possessive",
     "Customers will pay more for delivery, Papa Gino's said on Monday.",
     "Customers will pay more for delivery", "Papa Gino's", "reported", {}),
    ("'he' for a man whose given name is a woman's in another language",
     "Andrea Bellini, the managing director of Marlow Brakes, said the market is weak. \u201cTo have stable growth, "
     "you need to create jobs,\u201d he said.", "To have stable growth", "Andrea Bellini", "direct", {}),
    ("a 'that' taken for a pronoun before the clause's subject",
     "Anna Garcia told the board that she had known of the payments.", "she had known of the payments",
     "Anna Garcia", "reported", {"text": "she had known of the payments"}),
    ("a 'that' taken for a pronoun before a partial quotation's clause",
     "Anna Garcia told the board that she had known of the \"secret payments.\"", "secret payments.", "Anna Garcia",
     "partial", {"clause": "she had known of the \"secret payments.\""}),
    ("the writer's 'it is important to note' attributes nothing",
     "It is important to note that the council rejected the harbour plan on Tuesday.", None, None, "reported",
     {"absent": "the council rejected the harbour plan"}),
    ("the writer's 'it is worth noting' attributes nothing",
     "It is worth noting that most of the costs were left out of the budget.", None, None, "reported",
     {"absent": "most of the costs were left out"}),
    ("a subject that is quick to say something says it",
     "Tom Brix was quick to say that the council had made a terrible mistake.",
     "the council had made a terrible mistake", "Tom Brix", "reported", {}),
    ("'as X puts it' attributes the words after it",
     "As the Herald's Ruth Hale puts it, the mayor is trying to make the council \u201can offer they can't "
     "refuse.\u201d", "an offer they can't refuse.", "Ruth Hale", "partial", {}),
    ("a verb of manner utters the words right after it",
     "Tom Brix shouted: \u201cStop the vote!\u201d", "Stop the vote!", "Tom Brix", "direct", {}),
    ("a description with an owner that names nobody",
     "Tom Brix opened the bakery in 1998. \u201cWe bake every night,\u201d the bakery's founder said.",
     "We bake every night", "Tom Brix", "direct", {"mention": "the bakery's founder"}),
    ("a description with a complement that names nobody",
     "Ruth Hale spoke at the harbour on Friday. The founder of the rowing club said the boats would stay in the "
     "water.", "the boats would stay in the water", "Ruth Hale", "reported", {}),
    ("a relation described by whom it is related to is nobody named",
     "Tom Brix spoke on Friday. \u201cHe was kind,\u201d the father of the baker said.",
     "He was kind", None, "direct", {"mention": "the father of the baker"}),
    ("a dotted nationality in a description",
     "U.S. President Ann Lee met Prime Minister Tom Brix of Marlow. The U.S. leader vowed to help the farmers.",
     "to help the farmers", "Ann Lee", "reported", {}),
    ("'the company' for the one organisation named in passing before",
     "Workers gathered outside the offices of Acme Corp on Monday. The company said the plant would close in May.",
     "the plant would close in May", "Acme Corp", "reported", {"mention": "The company"}),
    ("the speaker after a trailing cue, named after 'one of'",
     "The families filed their claims with the harbour office in Dover, said one of their lawyers, Ruth Hale.",
     "The families filed their claims with the harbour office in Dover", "Ruth Hale", "reported",
     {"text": "The families filed their claims with the harbour office in Dover"}),
    ("'one of' a group, named, before a quotation",
     "\u201cThe claims are strong,\u201d said one of their lawyers, Ruth Hale.", "The claims are strong",
     "Ruth Hale", "direct", {}),
    ("'so far' opens a statement",
     "So far, all the cases have been traced to two farms near the coast, Ruth Hale said.",
     "So far, all the cases have been traced to two farms near the coast", "Ruth Hale", "reported", {}),
    ("a clause does not end inside a hyphenated word",
     "The harbour board said on Sunday it has been re-examining data that could move the search area south.",
     "it has been re-examining data that could move the search area south", "harbour board", "reported",
     {"text": "it has been re-examining data that could move the search area south"}),
    ("a list after a comma is no appended comment",
     "Tom Brix said he and Anna Berg differ on Norway, the Swedish fishing deal and the possibility of a new harbour.",
     "he and Anna Berg differ on Norway, the Swedish fishing deal and the possibility of a new harbour", "Tom Brix",
     "reported", {"text": "he and Anna Berg differ on Norway, the Swedish fishing deal and the possibility of a new "
                          "harbour"}),
    ("a description with 'and' after a comma is still an appended comment",
     "Tom Brix said that he would have to consider Don Berg, a former mayor and ambassador to Norway.",
     "he would have to consider Don Berg", "Tom Brix", "reported", {"text": "he would have to consider Don Berg"}),
    ("a participle conjoined in the clause is not the speaker's narration",
     "Tom Brix says the council is acting unlawfully and showing contempt for the voters.",
     "the council is acting unlawfully and showing contempt for the voters", "Tom Brix", "reported",
     {"text": "the council is acting unlawfully and showing contempt for the voters"}),
    ("a bare verb conjoined in the clause is not the speaker's narration",
     "Two witnesses testified that Tom Brix tends to arm himself and go towards danger.",
     "Tom Brix tends to arm himself and go towards danger", ANY, "reported",
     {"text": "Tom Brix tends to arm himself and go towards danger"}),
    ("a second verb of saying with its own auxiliary is the speaker's narration",
     "Tom Brix said that he would back the harbour plan but did not say when the vote would be held.",
     "he would back the harbour plan", "Tom Brix", "reported", {"text": "he would back the harbour plan"}),
    ("'found it hard' is no report",
     "Most newcomers to the town find it hard to adapt to the long winters.", None, None, "reported",
     {"absent": "hard to adapt"}),
    ("'found X doing' is what was found",
     "The Herald's poll found Anna Berg leading Tom Brix by seven points.",
     "Anna Berg leading Tom Brix by seven points", ANY, "reported", {}),
    ("'what X said was' reports the complement",
     "The baker died in hospital after what police said was an unprovoked attack.", "an unprovoked attack",
     ANY, "reported", {"text": "an unprovoked attack", "mention": "police"}),
    ("'what X call' reports the complement",
     "The council has been criticised for what residents call a timid response to the floods.",
     "a timid response to the floods", ANY, "reported",
     {"text": "a timid response to the floods", "mention": "residents"}),
    ("a document that says something, issued by a named body",
     "The Marlow Harbour Board issued a statement saying the pier would reopen in May.", "the pier would reopen in May",
     "Marlow Harbour Board", "reported", {"mention": "a statement", "text": "the pier would reopen in May"}),
    ("a document that says something, obtained by the paper, is not the paper's",
     "The Herald obtained a letter saying the pier would reopen in May.", None, None, "reported",
     {"absent": "the pier would reopen in May"}),
    ("unresolved speaker kept with no name",
     "\u201cThe bridge is unsafe and everybody knows it,\u201d he said.",
     "The bridge is unsafe", None, "direct", {"mention": "he"}),
    ("'quotes X as saying' on the verb 'quotes': X speaks, not the paper",
     "Dr. Paul Ngata, an official at the health ministry, spoke on Monday. \u201cWe have seen more cases this "
     "winter,\u201d the state news agency quotes him as saying.",
     "We have seen more cases this winter", "Paul Ngata", "direct", {"mention": "him"}),
    ("'according to X' names the speaker, not the sentence's subject",
     "The novelist died on Sunday. Mara Quill \u201cpassed away peacefully\u201d at her home, according to "
     "Harbor Books spokeswoman Susan Frey.",
     "passed away peacefully", "Susan Frey", "partial", {"cue": "according to"}),
    ("the one spoken to is not the speaker",
     "\u201cWe were wrong to wait so long,\u201d Lopez, 58, told AFP in an interview in Lima on Monday.",
     "We were wrong to wait so long", ANY, "direct", {"mention": "Lopez"}),
    ("the one a naming verb names is not the speaker",
     "That prompted Senator Ann Holt to make a joke about yoga and call Mayor Tom Reyes \u201cvery flexible,\u201d "
     "a nod to his changes of position.",
     "very flexible", None, "partial", {}),
    ("a phrasal cue whose particle the parse took for an adverb",
     "After the mayor criticized the plan during a debate, Ann Holt shot back, \u201cI suppose I could have "
     "stayed home.\u201d",
     "I suppose I could have stayed home", "Ann Holt", None, {"cue": "shot"}),
    ("a quotation ending its sentence is not attributed by the next sentence's 'fired back'",
     "Early in his campaign, Tom Reyes attacked Ann Holt, calling her, among other things, \u201ca failed "
     "candidate.\u201d Holt fired back in March, attacking Reyes on trade.",
     "a failed candidate", "Tom Reyes", "partial", {}),
    ("an inverted attribution's verb the recogniser ran into the name",
     "Omar Haddad runs the depot. Stated Haddad: \u201cEvery bridge in this county has run late.\u201d",
     "Every bridge in this county has run late", "Omar Haddad", "direct", {"mention": "Haddad"}),
    ("the name before a description set off before the cue",
     "Mayor Tom Reyes praised the reporter Dan Pike on Monday. \u201cVery good reporter, very good reporter "
     "this guy,\u201d Reyes, the front-runner in the county and current councillor, said.",
     "Very good reporter", "Tom Reyes", "direct", {"mention": "Reyes"}),
    ("'she' after a spokeswoman whose given name shows no gender, a man named before her",
     "The report named the pilot, Tom Reyes, as the main suspect. Police spokeswoman Kestrel Vane told reporters "
     "the inquiry was open. \u201cWe did not name a suspect,\u201d she said.",
     "We did not name a suspect", "Kestrel Vane", "direct", {"mention": "she"}),
    ("an inverted frame whose speaker the parse made the cue's object",
     "\u201cIs the bridge safe?\u201d asked the mayor.", "Is the bridge safe?", None, "direct",
     {"mention": "the mayor"}),
    ("an inverted frame's role noun resolved to the one named before",
     "Senator Ann Bell toured the site on Monday. \u201cIs the bridge safe?\u201d asked the senator.",
     "Is the bridge safe?", "Ann Bell", "direct", {"mention": "the senator"}),
    ("the object a naming verb names is not the speaker, when the parse took the subject for an adverb",
     "Tom Early chairs the county party. Informed of the district\u2019s lean, Early described it as "
     "\u201cnews to me.\u201d", "news to me", "Tom Early", "partial", {"mention": "Early"}),
    ("a dateline the parse made the subject, the name an apposition of it",
     "CLEVELAND, July 19 (UPI) \u2014 Former Attorney General Tom Hale told delegates at the convention that the "
     "plan should be dropped.", "the plan should be dropped", "Tom Hale", "reported",
     {"mention": "Former Attorney General Tom Hale"}),
    ("a dateline the parse took for the first of two subjects",
     "Bell pledges to work with the mayor\n\nEASTPORT (AP) \u2014 House Speaker Ann Bell pledged to work with the "
     "mayor despite their differences after a meeting Thursday aimed at unifying the party.",
     "to work with the mayor despite their differences", "Ann Bell", "reported",
     {"mention": "House Speaker Ann Bell"}),
    ("a dateline is never the words naming the speaker",
     "Bell praises the mayor\n\nEASTPORT \u2014 Democratic Rep. Ann Bell on Friday called the mayor "
     "\u201ca work horse, not a show horse.\u201d", "a work horse, not a show horse.", "Ann Bell", "partial",
     {"mention": "Democratic Rep. Ann Bell"}),
    ("a name with its title the parse cut into two subjects: the person speaks, not the outlet",
     'Voters waited for the pick. CNN senior political analyst Simon Whitcombe says the pick is, "an opportunity to '
     'go on the offense."', "an opportunity to go on the offense.", "Simon Whitcombe", "partial",
     {"role": "CNN senior political analyst"}),
    ("a bare body after the article placed one by its country: that body",
     "A Ukrainian government spokesman claimed that 300 militants had been killed. In Luhansk, the government said "
     "fighters had taken over two bases.", "fighters had taken over two bases", "Ukrainian government", "reported",
     {"mention": "the government", "type": "ORG"}),
    ("a bare body after one placed only in passing, as an owner: no choice made",
     "The rifle is similar to the Ruritanian army's standard weapon. The army said the soldier had fled with it.",
     "the soldier had fled with it", "army", "reported", {}),
    ("a bare body after bodies of two countries: no choice made",
     "The Russian government denied it. The Ukrainian government disagreed. The government said fighters had taken "
     "over two bases.", "fighters had taken over two bases", "government", "reported", {}),
    ("a role the parse ended with a place's apposition: the name set off after it speaks",
     'Talks stalled in March. The top U.S. envoy for North Korea, Glyn Davies, had warned Pyongyang that a test '
     'would be "a serious mistake."', "a serious mistake.", "Glyn Davies", "partial", {}),
    ("a description by another word for the office: the prosecutor is the district attorney",
     "Eastport County District Attorney Ann Brixley, who is prosecuting the case, told reporters the ruling was "
     "wrong. The hearing lasted three days. Judge Tom Hale set the next date. \u201cIt is a very bad day in "
     "Eastport,\u201d said the county's elected prosecutor.", "It is a very bad day in Eastport,", "Ann Brixley",
     "direct", {"mention": "the county's elected prosecutor"}),
    ("an organisation's name the recogniser missed where the article repeats it",
     "Yin Lu, an architect from Baojia Group, expressed concerns to Xinhua about subsidence when the building gets "
     "higher. Broad Group emphasized that relevant authorities have approved the building as safe.",
     "relevant authorities have approved the building as safe", "Broad Group", "reported", {}),
    ("a role with its complement set off before the name: that role's description speaks for the person",
     "On the separatist side, the self-declared mayor of Eastport, Vyacheslav Ponomarev, said fighters had shot "
     "down two jets. Officials disputed the figures. The self-declared separatist mayor of Eastport said only ten "
     "fighters had died.", "only ten fighters had died", "Vyacheslav Ponomarev", "reported",
     {"role": "self-declared separatist mayor of Eastport"}),
    ("a spokesman introduced before the article names him, with the role it gives him then",
     "A spokesman for the Ruritanian defense ministry said the north could test a bomb at any time. \u201cWe are "
     "assuming they have put devices inside the shaft,\u201d Kim Min-seok, spokesman for the Ruritanian "
     "defense ministry, said on Thursday.", "the north could test a bomb at any time", "Kim Min-seok", "reported",
     {"mention": "A spokesman for the Ruritanian defense ministry"}),
    ("a spokeswoman never named: nobody",
     "Kim Min-seok, spokesperson for the Ruritanian defense ministry, spoke on Monday. The talks ended. A "
     "spokeswoman said the talks would go on.", "the talks would go on", None, "reported", {}),
    ("a spokeswoman for someone else than the spokesman named next: nobody",
     "A spokeswoman for Ann Lee said the tour was over. \u201cWe are not done,\u201d said Tom Hale, a spokesman "
     "for the Eastport mayor.", "the tour was over", None, "reported", {}),
    ("the agency an organisation is described as, not the organisation in front of the description",
     "About 3,700 children have lost a parent, according to U.N. child agency, UNICEF. \u201cOrphans are usually "
     "taken in by family,\u201d said Ann Lee, UNICEF's regional director. \u201cWe are looking at new ways to "
     "help,\u201d the agency said in a statement.", "We are looking at new ways to help,", "UNICEF", "direct",
     {"mention": "the agency"}),
    ("a verb of narrating beside the quotation", "\u201cHe adored the city,\u201d Anna Berg narrates.",
     "He adored the city,", "Anna Berg", "direct", {"cue": "narrates"}),
    ("a senator of one party is not the senator of the other named next",
     "A Democratic senator said the vote was delayed. Republican Sen. Tom Hale said the vote would be held on "
     "Monday.", "the vote was delayed", None, "reported", {}),
    ("a spokesman is not the next person to speak, named with no role",
     "A spokesman for the transport ministry said on Monday that the line would reopen by May.\n\n\u201cWe "
     "expect trains to run again soon,\u201d said Tom Hale.", "the line would reopen by May", None, "reported",
     {"mention": "A spokesman for the transport ministry"}),
    ("a word for a person or a firm standing for the firm the text leaves",
     "Harlow Construction Ltd had been expected to finish the depot by March. The contractor said on Friday that "
     "the work would take another year.", "the work would take another year", "Harlow Construction Ltd",
     "reported", {"mention": "The contractor"}),
    ("the organisation an attribution named just before, as the one a description stands for",
     "The depot will close in May, according to Harlow Rail Services. The operator said on Friday that staff "
     "would move to Dover.", "staff would move to Dover", "Harlow Rail Services", "reported",
     {"mention": "The operator"}),
    ("an agency a lede describes and the next sentence names as a speaker",
     "The search will move south, according to the agency overseeing the effort. The Harlow Transport Safety "
     "Bureau said on Sunday that it had new data.", "The search will move south",
     "Harlow Transport Safety Bureau", "reported", {"mention": "the agency"}),
    ("an agency a lede describes is not the one named later that does not speak",
     "The search will move south, according to the agency overseeing the effort. Data from the Harlow Transport "
     "Safety Bureau shows a new arc.", "The search will move south", None, "reported", {"mention": "the agency"}),
    ("a firm named right after its description",
     "The depot will hold 40 trains, according to the developer Northfield Rail Holdings Ltd. Work starts in May.",
     "The depot will hold 40 trains", "Northfield Rail Holdings Ltd.", "reported", {"mention": "the developer"}),
]


@pytest.mark.parametrize(("pattern", "text", "words", "speaker", "kind", "checks"), ROWS,
                         ids=[r[0] for r in ROWS])
def test_quote_pattern(sheet_of, pattern, text, words, speaker, kind, checks):
    sheet = sheet_of(text)
    if "absent" in checks:  # words in marks that must not come out as anyone's quotation
        assert not [q.text for q in sheet.quotes if checks["absent"] in q.text], pattern
        return
    q = _find(sheet, words, kind)
    if speaker is not ANY:
        assert q.speaker == speaker, f"{pattern}: speaker {q.speaker!r}"
    assert q.span is not None and text[q.span[0]:q.span[1]] == q.text
    if "cue" in checks:
        assert q.cue == checks["cue"]
    if "mention" in checks:
        assert q.speaker_mention == checks["mention"]
    if "role" in checks:
        assert q.speaker_role == checks["role"]
    if "type" in checks:
        assert q.speaker_type == checks["type"]
    if "org" in checks:
        assert q.speaker_org == checks["org"]
    if "text" in checks:
        assert q.text == checks["text"]
    if "clause" in checks:
        assert q.clause == checks["clause"] and text[q.clause_span[0]:q.clause_span[1]] == q.clause
    if "also" in checks:  # another piece of the same utterance: a separate item, linked, never glued
        (other,) = [o for o in sheet.quotes if checks["also"] in o.text]
        assert other is not q and checks["also"] not in q.text
        assert other.utterance is not None and other.utterance == q.utterance, "the pieces are one utterance"
        assert other.speaker == q.speaker


def test_unresolved_speaker_is_a_warning(sheet_of):
    sheet = sheet_of("\u201cThe bridge is unsafe and everybody knows it,\u201d he said.")
    assert [q.speaker for q in sheet.quotes] == [None]
    assert len(sheet.warnings) == 1 and "no speaker" in sheet.warnings[0]


def test_identical_quotations_once_with_the_fuller_attribution(sheet_of):
    text = ("'The bridge is unsafe' says ministry\n\n"
            "\u201cThe bridge is unsafe,\u201d Transport Ministry spokesman Tom Hale said on Monday.")
    quotes = [q for q in sheet_of(text).quotes if "bridge is unsafe" in q.text]
    assert len(quotes) == 1
    assert quotes[0].speaker == "Tom Hale"
    assert quotes[0].speaker_role == "Transport Ministry spokesman"


def test_a_long_title_with_a_subtitle_quotes_nobody(sheet_of):
    text = ("Anna Berg wrote the book \u201cScrew the Tide: A Modern Sailor's Guide to the Harbour and Its "
            "Moods,\u201d which came out in May. \u201cNow, it's Dover, Calais and Harlow,\u201d she said.")
    assert [q.text for q in sheet_of(text).quotes if q.kind != "reported"] == ["Now, it's Dover, Calais and Harlow,"]


def test_scare_quotes_and_titles_quote_nobody(sheet_of):
    text = ("The town watched \u201cThe Last Bridge\u201d on Friday, a film about its so-called "
            "\u201cmiracle\u201d repair.")
    assert [q.text for q in sheet_of(text).quotes if q.kind != "reported"] == []


# quoted words that are nobody's words: (pattern, article text, the quoted words)
NOT_QUOTES = [
    ("a label on a noun before the cue", "After the \u201cgreen\u201d bus tour, Anna Berg said fares would fall.",
     "green"),
    ("a label in a relative clause about the speaker",
     "Anna Berg, who drives a \u201cgreen\u201d car, said fares would fall.", "green"),
    ("a label in the scene of the attribution",
     "At the \u201cgreen\u201d depot, Anna Berg told reporters that fares would fall.", "green"),
    ("a headline quoting part of what the body quotes in full",
     "Berg says bridge \u2018will reopen by May\u2019\n\n"
     "\u201cThe bridge will reopen by May and the ferry will stop,\u201d Anna Berg said.",
     "will reopen by May"),
]


@pytest.mark.parametrize(("pattern", "text", "words"), NOT_QUOTES, ids=[r[0] for r in NOT_QUOTES])
def test_quoted_words_that_quote_nobody(sheet_of, pattern, text, words):
    assert [q.text for q in sheet_of(text).quotes if q.kind != "reported" and q.text.rstrip(",.") == words] == [], \
        pattern


def test_label_inside_reported_speech_stays_a_quote(sheet_of):
    """The same kind of quoted word inside what someone said is theirs: it keeps its clause."""
    q = _find(sheet_of("Anna Berg said fares would fall on the \u201cgreen\u201d line."), "green", "partial")
    assert q.clause == "fares would fall on the \u201cgreen\u201d line"


def test_quote_text_is_the_words_inside_the_marks(sheet_of):
    text = "\u201cWe will rebuild the bridge,\u201d said Anna Berg."
    (q,) = [q for q in sheet_of(text).quotes if q.kind == "direct"]
    assert q.text == "We will rebuild the bridge,"
    assert text[q.span[0]:q.span[1]] == q.text


# the mark scanner alone: (pattern, text, quotations found)
MARKS = [
    ("curly pair", "He said \u201cyes\u201d today.", ["yes"]),
    ("straight pair", 'He said "yes" today.', ["yes"]),
    ("single pair", "'Yes we can' he said.", ["Yes we can"]),
    ("apostrophes are not marks", "The countries\u2019 borders in the \u201990s don\u2019t move.", []),
    ("doubled single marks as a double mark", "He said ''we will win'' and left.", ["we will win"]),
    ("nested single quotation stays inside", "\u201cHe told me \u2018no\u2019 twice,\u201d she said.",
     ["He told me \u2018no\u2019 twice,"]),
    ("wrong-way closing mark", "It was rated \u201cMostly False.\u201c Then more.", ["Mostly False."]),
    ("unclosed mark runs to the end of its paragraph only", "\u201cOpen ended\n\nThen \u201cclosed\u201d here.",
     ["Open ended", "closed"]),
    ("multi-paragraph quotation", "\u201cOne.\n\n\u201cTwo,\u201d he said.", ["One. Two,"]),
    ("markup attribute values are not quotations",
     '<tweet author="AnnaBerg" id="12">The bridge is open.</tweet> She said "yes" twice.', ["yes"]),
]


@pytest.mark.parametrize(("pattern", "text", "expected"), MARKS, ids=[m[0] for m in MARKS])
def test_quotation_marks(pattern, text, expected):
    assert [q.text(text) for q in find_quoted(text)] == expected, pattern


@pytest.mark.parametrize(("text", "subject"), [
    ("Ann Hale made a remark that described the plan as a betrayal.", None),  # a thing that "described"
    ("Ann Hale quoted a report that described the plan as a betrayal.", "report"),  # a document speaks
    ("She met a man who described the plan as a betrayal.", "who"),  # a person, through "who"
    ("They lost in a federal court, which described the plan as a betrayal.", "court"),  # a body, any article
])
def test_a_thing_a_relative_clause_is_about_is_no_speaker(nlp, text, subject):
    from generator.extract.doc import DocTable
    from generator.extract.entities.entities import extract_entities
    from generator.extract.quotes.speakers import Speakers

    doc = nlp(text)
    speakers = Speakers(doc, extract_entities(doc), [-1] * len(doc), DocTable(doc))
    found = speakers.subject_token(next(t for t in doc if t.text == "described"))
    assert (found.text if found is not None else None) == subject
