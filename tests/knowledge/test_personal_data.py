"""Tests for knowledge.personal_data: identifying details are found; ordinary questions are left alone."""

import pytest

from knowledge.personal_data import find_personal_data
from knowledge.phone_numbers import nhs_checksum_ok


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("John Smith, 15", "name_with_age", "John Smith, 15"),
    ("my pupil Ahmed who is 14 keeps talking about it", "name_with_age", "my pupil Ahmed who is 14"),
    ("Ahmed (14) said something odd", "name_with_age", "Ahmed (14)"),
    ("Jane, aged 15, has been sharing posts", "name_with_age", "Jane, aged 15"),
    ("Tom Jones 15 years old", "name_with_age", "Tom Jones 15 years old"),
    ("Liam is 16 and lives with his dad", "name_with_age", "Liam is 16"),
    ("my student mohammed, 16", "name_with_age", "my student mohammed, 16"),
    ("a 15 year old called Sam", "name_with_age", "15 year old called Sam"),
    ("a boy called Tom", "name", "boy called Tom"),
    ("call his mum on 07700 900123", "phone", "07700 900123"),
    ("his number is +44 7700 900123", "phone", "+44 7700 900123"),
    ("her landline 0121 496 0000", "phone", "0121 496 0000"),
    ("his dad works at the council, his mobile is 07700 900461", "phone", "07700 900461"),  # a person's, by a team
    ("Kacper (Year 9) keeps drawing symbols on his planner", "name", "Kacper"),  # a first name before a class
    ("can we discuss Aisha K in Y10 at panel", "name", "Aisha"),
    ("worried about Siobhán and what she's been posting", "name", "Siobhán"),  # accents as the lists spell it
    ("reception passed on his mobile, 07700 900321", "phone", "07700 900321"),  # a mobile is a person's
    ("the man rang the hub from 0161 496 0555 asking about his son", "phone", "0161 496 0555"),  # a caller's
    ("Jack (Year 11) keeps sharing Britain First videos", "name", "Jack"),  # an everyday word, capitalised, a class
    ("Rhys, Year 11, keeps drawing swastikas", "name", "Rhys"),
    ("Paweł says he wants to join them", "name", "Paweł"),  # a letter Unicode does not decompose
    ("Siobhán Nic Aodha told staff about the flag", "name", "Siobhán Nic Aodha"),  # a particle before the surname
    ("email j.smith@school.sch.uk", "email", "j.smith@school.sch.uk"),
    ("lives at SW1A 1AA", "postcode", "SW1A 1AA"),
    ("postcode b5 5lp", "postcode", "b5 5lp"),
    ("NHS number 943 476 5919", "nhs_number", "943 476 5919"),
    ("NHS 9434765919", "nhs_number", "9434765919"),
    ("NI number AB 12 34 56 C", "ni_number", "AB 12 34 56 C"),
    ("ni: ab123456c", "ni_number", "ab123456c"),
    ("dob 12/03/2009", "date_of_birth", "dob 12/03/2009"),
    ("born on 3 March 2009", "date_of_birth", "born on 3 March 2009"),
    ("date of birth: 01.02.2008", "date_of_birth", "date of birth: 01.02.2008"),
    # a common first name: with a surname, after a word for a person, or before what they said or did
    ("I'm worried about John Smith in year 9", "name", "John Smith"),
    ("im worried about john smith in year 9", "name", "john smith"),
    ("my student Aisha Begum keeps talking about syria", "name", "Aisha Begum"),
    ("Jake Thornberry keeps posting flags", "name", "Jake Thornberry"),
    ("my pupil aisha has been watching videos", "name", "aisha"),
    ("Ahmed in 9B says he will be away", "name", "Ahmed"),
    ("the prevent lead, Sarah, said it was fine", "name", "Sarah"),
    ("Aisha says she is leaving", "name", "Aisha"),
    ("I'm worried about John Smith's behaviour", "name", "John Smith's"),
    ("Mohammed's brother is in Syria", "name", "Mohammed's"),
    ("he said Mr Khan was shouting", "titled_name", "Mr Khan"),
    ("Mrs. Jones rang the school", "titled_name", "Mrs. Jones"),
])
def test_finds_personal_data(text, kind, found):
    findings = find_personal_data(text)
    assert [(f.kind, text[f.start:f.end]) for f in findings] == [(kind, found)]


@pytest.mark.parametrize("text", [
    "what is benchmark 5?",
    "Channel panel membership",
    "section 4.2",
    "Call the Anti-Terrorist Hotline on 0800 789 321",
    "ACT Early Support Line 0800 011 3764",
    "ring 101 or 999",
    "can a 15 year old be referred?",
    "Can I refer a boy who is 15?",
    "my pupil who is 14 keeps watching videos",
    "What did the Parsons Green letter say?",
    "Prevent duty guidance 2023",
    "Is the team open on 25/12/2026?",
    "When was the Prevent peer cohort training? 4/5 October 2016",
    "How many staff did Leicestershire train? 3,000",
    "What is CONTEST 3.0?",
    "Is Channel voluntary for 16 year olds?",
    "I have 12 pupils in my class aged 14",
    "Year 10, 15 pupils",
    "Under 18, 17",
    "What is WRAP 3?",
    "we trained 3,000 staff in 2017",
    "Tell me about CTSA 2015",
    "is it section 26?",
    "What is Project Dovetail?",
    "my NHS trust's safeguarding team",
    "what does the toolkit say about Brent and Waltham Forest?",
    "summer term training dates",
    "where do I find a car jack",
    "How does the Channel Panel work?",
    "What did the Home Office say?",
    "Mr and Mrs are titles",
    "training sessions in Jan and Feb",
    "Max and min thresholds for the benchmark",
    "Summer says the training is full",
    "we met at Victoria Station",
    "Dr Martens boots and far right symbols",
    "",
])
def test_ordinary_questions_are_not_flagged(text):
    assert find_personal_data(text) == []


def test_several_findings_in_order():
    text = "John Smith, 15, lives at B5 5LP, his mum is on 07700 900123"
    assert [f.kind for f in find_personal_data(text)] == ["name_with_age", "postcode", "phone"]


@pytest.mark.parametrize(("digits", "ok"), [("9434765919", True), ("9434765918", False), ("123", False)])
def test_nhs_checksum(digits, ok):
    assert nhs_checksum_ok(digits) is ok


def test_person_names_content_is_checked(tmp_path):
    from knowledge.person_names import NAMES_FILE, check_person_names

    assert check_person_names() == []
    broken = tmp_path / "person_names.yaml"
    broken.write_text(NAMES_FILE.read_text(encoding="utf-8").replace("aaliyah,", "Aaliyah,")
                      .replace("also_words: [", "also_words: [table, "), encoding="utf-8")
    assert [e.field for e in check_person_names(broken)] == ["first_names"]  # a list with errors is reported alone
    broken.write_text(NAMES_FILE.read_text(encoding="utf-8").replace("also_words: [", "also_words: [table, "),
                      encoding="utf-8")
    assert [e.field for e in check_person_names(broken)] == ["also_words"]  # an everyday word that is no first name


@pytest.mark.parametrize(("text", "kind", "found"), [
    # names the first lists missed: lower case with an unlisted surname, hyphenated, after "about", in apposition
    ("should i refer connor mcguire hes 14", "name", "connor mcguire"),
    ("Yusuf Al-Amin in Y6 told the class", "name", "Yusuf Al-Amin"),
    ("Ellie-Mae Whitfield is in a Discord server", "name", "Ellie-Mae Whitfield"),
    ("What's the best way to talk to Declan about the posts?", "name", "Declan"),
    ("Aleksander, the polish lad in 11T, says his stepdad has guns", "name", "Aleksander"),
    ("abdi lives with his aunt", "name", "abdi"),
    # addresses, vehicles, handles, initials, references, a mistyped NHS number after its label
    ("the lad at 14 Elm Road keeps hanging a flag out", "address", "14 Elm Road"),
    ("he lives with his nan at 3 linden close", "address", "3 linden close"),
    ("tenant in flat 3 Tower House has been shouting", "address", "flat 3"),
    ("Room 12 at the Ashgrove hostel - the resident", "address", "Room 12"),
    ("car reg KX19 RHN parked outside", "vehicle", "KX19 RHN"),
    ("his car has the private plate J4 YMS", "vehicle", "J4 YMS"),
    ("He posts as @jay_x99 on TikTok", "handle", "@jay_x99"),
    ("on discord he's ironcross_1488 and runs a server", "handle", "ironcross_1488"),
    ("Roblox username xXWolfOfOdinXx - he built a game", "handle", "xXWolfOfOdinXx"),
    ("JT in 9B keeps saying it", "initials", "JT"),
    ("Pupil AK, Year 7, drew it on his whiteboard", "initials", "AK"),
    ("DO'C in 12W was singing", "initials", "DO'C"),
    ("LCS case 00452871 - what did the review say", "reference", "00452871"),
    ("crime ref 13/88412/24 - police passed it on", "reference", "13/88412/24"),
    ("hospital number RX1 234567, young man on ward 4", "reference", "RX1 234567"),
    ("NHS no. 612-938-4405 for the lad we discussed", "nhs_number", "612-938-4405"),
    # names the lists lack: two or three capitalised words that can only be a name, before a class or an age
    ("Tomasz Wierzbicki in 11C has been posting flags", "name", "Tomasz Wierzbicki"),
    ("Tran Minh Quan in year 9 is being called names", "name", "Tran Minh Quan"),
    ("Ifeanyi Obiora 15 said he wants to go", "name", "Ifeanyi Obiora"),
    ("Gonçalves Ribeiro (Year 10) keeps drawing symbols", "name", "Gonçalves Ribeiro"),
    ("kwabena owusu in y10 said it was a joke", "name", "kwabena owusu"),  # two lower-case words English lacks
    ("everyone calls him Tank and he keeps sharing the videos", "nickname", "everyone calls him Tank"),
    ("the only girl in Year 10 at Brookfield who plays rugby said it", "description", "the only girl"),
    ("NI number QQ 12 34 56 C", "ni_number", "QQ 12 34 56 C"),  # letters no real one starts with, named as one
    ("ring her on 0044 7700 900123", "phone", "0044 7700 900123"),
    ("J.K. in 10HS keeps asking about it", "initials", "J.K."),
    ("A.M. in 11HS asked where to buy a crossbow", "initials", "A.M."),  # AM with dots and a class: a child
    ("his email is jsmith@council.gov.uk", "email", "jsmith@council.gov.uk"),
    ("mum's email is proudmumoftwo@ntlworld.com", "email", "proudmumoftwo@ntlworld.com"),  # words, at home
    ("out of hours contact is 0161 496 0000 (his nan's landline)", "phone", "0161 496 0000"),  # a person's line
    ("They call him Smudge and he keeps sharing it", "nickname", "They call him Smudge"),
    ("refferal for tinashe mapfumo in y10 said it", "name", "tinashe mapfumo"),  # unlisted, after a typo
    ("wrt Tinashe Mapfumo in 11C has been posting flags", "name", "Tinashe Mapfumo"),  # after a lower-case word
    ("Tinashe Mapfumo in yr seven said it", "name", "Tinashe Mapfumo"),
    ("the only children in Year 7 who declined the trip", "description", "the only children"),
])
def test_finds_more_kinds_of_identifying_detail(text, kind, found):
    findings = find_personal_data(text)
    assert [(f.kind, text[f.start:f.end]) for f in findings] == [(kind, found)]


@pytest.mark.parametrize("text", [
    "How is the murder of Sir David Amess used in Prevent training?",  # a title: a public figure
    "Kids keep quoting Andrew Tate - when is it a Prevent concern?",  # a public figure the content lists
    "Parents complained about our St George's Day assembly",  # a saint
    "Does the safeguarding team at St Thomas' Hospital cover Prevent?",
    "Can we use Jack Petchey Foundation money for a youth project?",  # a body named after someone
    "Tell me about the history of the Roman Empire",  # a first name that is an everyday word, before a common one
    "Could a family sue the school for making a Prevent referral?",
    "Can the NSPCC helpline on 0808 800 5000 take Prevent concerns?",  # freephone: an organisation's line
    "The council switchboard number is 0113 496 0000, ask for the MASH.",  # a switchboard's number
    "Out of hours, ring the emergency duty team on 0161 496 0999.",  # a team's line
    "Matilda (Year 5) and Holes are on the reading list",  # books, not pupils
    "Elizabeth I (Year 8) project is due Friday",  # a queen: "I" is no initial
    "León and Burgos are on the Spain trip",  # an accented place
    "What did Osama bin Laden say about the West?",  # a public figure, with a particle (the session's diff review)
    "Abu Hamza al Masri clips are being shared",
    "reception’s number is 0113 496 0000",  # a curly apostrophe
    "the Home Office Prevent team on 020 7946 0123",  # a service named with a person's word
    "the Family Hub on 0161 496 0123",
    "call the duty team, they are on 0161 496 0999",
    "Should referrals go to the team mailbox prevent@council.gov.uk?",  # a team's mailbox
    "WRAP queries to WRAP@homeoffice.x.gsi.gov.uk",  # a mailbox the guidance gives
    "prevent referral numbers 2017/18",  # a span of years, not a reference
    "board minutes ref BM-2024-07",
    "PE in year 9 and the SENCO in Y7",  # acronyms beside a year group, not initials
    "a 15 year old on the main road",
    "the training is in room 4 at the civic centre",
    "is the chanel pannel the same as channel",
    "what is benchmark 3 in the toolkit about",  # a word the word lists lack, before a number
    "self assessment 1.2 - should the CTLP be tested with partners",
    "Our history scheme covers the suffragettes (Year 9)",  # an English plural the word lists lack
    "Is the DSL the only person who can make a referral?",
    "Kids keep sharing sigma memes with Patrick Bateman",  # a film character
    "Our out of hours EDT number is 0161 496 0000",  # an organisation's line
    "Training bookings go to learninganddevelopment@council.gov.uk",  # a team's mailbox, its words run together
    "The assembly starts at 9 A.M. in Y10 block",  # a time
    # review 3 of list 5's rules
    "Sadiq Khan in Year 9 citizenship is on the scheme of work",  # a public figure before a class
    "Can we take Year 8 to Alton Towers in Year 8 summer term?",  # English words: a place
    "the Milton Keynes 16 to 19 college has a Prevent lead",  # an age range, not an age
    "Is the only family hub in Bradford part of the network?",  # a service, not a person
    "our policy goes by Keeping Children Safe in Education",  # a nickname needs a person
    "Tue P.M. - Year 7 assembly on online safety",  # a timetable
    "any good pshe lessons in year 8 on extremism?",  # jargon, not a name
    "safegaurding concenrs in year 10 for the new starters",  # typos of words the bot knows, not a name
    "Extremist flags hung in Year 9 corridor",  # a name that is an everyday word, in lower case
    "nice 12 34 56 A",  # not an NI number named as one
    "kids call her Miss and she hates it",  # a title, not a nickname
    "She goes by Prevent guidance on this",
    "Is the only kid with 10k followers on TikTok a concern?",  # a platform is no place a child is found by
    "Should the only young person at Christmas get a card?",
])
def test_more_ordinary_messages_are_not_flagged(text):
    assert find_personal_data(text) == []


def _blind(key):
    import yaml

    from tests.knowledge.test_eval_sets import HERE

    items = yaml.safe_load((HERE / "personal_data_blind.yaml").read_text(encoding="utf-8"))[key]
    return [item["text"] if isinstance(item, dict) else item for item in items]


@pytest.mark.parametrize(("key", "flagged", "at_least"), [
    ("read_personal", True, 142), ("read_clean", False, 250),  # 82/150 and 234/250 when the lists arrived
    ("holdout_personal", True, 103), ("holdout_clean", False, 200),  # never read: 64/120 and 191/200 before
    ("review_personal", True, 98), ("review_clean", False, 186),  # 44/112 and 110/208 before the review's fixes

    ("holdout3_personal", True, 101), ("holdout3_clean", False, 194),  # never read: 48/120 and 179/200 at the start
    ("read4_personal", True, 107), ("read4_clean", False, 199),  # 100/120 and 194/200 when the list arrived
    ("review2_personal", True, 89), ("review2_clean", False, 72),  # 45/89 and 63/125 before the twentieth's changes
    ("read5_personal", True, 116), ("read5_clean", False, 200),  # 100/120 and 196/200 when the list arrived
    ("review3_personal", True, 38), ("review3_clean", False, 156),  # 15/110 and 58/168 before the review's fixes
    ("check3_personal", True, 35), ("check3_clean", False, 54),  # 27/40 and 31/60 before them
    ("holdout6_personal", True, 104), ("holdout6_clean", False, 194),  # never read: 99/120, 194/200 at the start
])
def test_blind_lists(key, flagged, at_least):
    messages = _blind(key)
    assert sum(bool(find_personal_data(m)) == flagged for m in messages) >= at_least


def test_no_staff_question_is_flagged():
    """The question sets hold no personal data: every kb and none question passes without a reminder (the shared
    development set too, when ../shared is beside the repository)."""
    from tests.knowledge.scoring import load_set
    from tests.knowledge.test_eval_sets import DEV_SET, SETS

    sets = (*SETS.values(), DEV_SET) if DEV_SET.exists() else tuple(SETS.values())
    questions = {item["q"] if isinstance(item, dict) else item
                 for path in sets for key in ("kb", "none")
                 for item in load_set(path).get(key, [])}
    assert len(questions) > 5000
    assert [q for q in questions if find_personal_data(q)] == []
