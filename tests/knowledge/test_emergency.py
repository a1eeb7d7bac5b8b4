"""Tests for knowledge.emergency: the guard fires on real, imminent danger and not on questions.

URGENT and NOT_URGENT are realistic staff messages (typos included) and must all be right, as must the
dev set's urgent and not_urgent lists (../shared/eval/dev_questions.yaml) when that folder is present.
emergency_blind.yaml holds blind lists written before the guard was reworked, in the dev set's style, and
emergency_blind_b.yaml nine more written in the twelfth and thirteenth sessions (figures in its header); they
are held to the same bar as the unseen judging set (97% each way), not to 100%, so that they stay a
measurement and never become a list of phrases to paste into the vocabulary.

Figures (urgent, not urgent), before the rework -> after:
  blind lists (147 urgent, 144 not urgent):  0.810, 0.917 -> 1.000, 1.000 (the guard was tuned against these)
  holdout lists (60, 61), unread until the end: 0.900, 0.967 -> 0.983, 1.000 at first reading (now 1.000, 1.000)
"""

import statistics
import time
from pathlib import Path

import pytest
import yaml

from knowledge.emergency import detect_emergency, prepare
from knowledge.emergency_card import emergency_wording
from knowledge.emergency_reading import RULES_FILE

DEV_SET = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev_questions.yaml"
BLIND = yaml.safe_load(Path(__file__).with_name("emergency_blind.yaml").read_text(encoding="utf-8"))
BLIND_B = yaml.safe_load(Path(__file__).with_name("emergency_blind_b.yaml").read_text(encoding="utf-8"))
BAR = 0.97
HOLDOUT_B_URGENT = 0.85
TUNED_B_URGENT = 0.9
"""emergency_blind_b.yaml's read lists, rules with the learned model (which learns from them): 1,970/2,110 (0.934) once
lists 22 and 23 were added with the `peril` words (seventeenth session; everyday messages 2,066/2,110);
1,775/1,910 (0.929) once lists 18-21 were added (sixteenth session; their everyday messages 1,875/1,910),
1,378/1,510 (0.913) once list 17 was added, 1,288/1,410 (0.913) once list 16 was (fifteenth session; the older lists
1,170/1,290 with its rules, from 1,160); 1,160/1,290 (0.899) once list 15 was added (fourteenth session; its hard
messages are most of the new misses); 1,070/1,170 (0.915) once
lists 12-14 were added (their hard messages are the misses); 872/930 (0.938) before 13 and 14. Rules alone, before
list 12: 754/810 (0.931). Lists 9 and 10 were added in the thirteenth session: list 9
66/100 when it arrived, 93/100 after a first pass, 86/100 once a review took out the pass's rules that silenced live
danger or fired on everyday messages; list 10, written after that, 75/100 when it arrived, 91/100 after a pass, 84/100
once a second review took out that pass's message-wide suppressions and loose phrases. Before list 9: 584/610
(0.957). Several of list 8's misses were left, because the rules
that caught them ("nearly ready", "locked me in", "all burn", "hit the church") fired on everyday messages."""
"""emergency_blind_b.yaml's holdout list was never read for its misses: 87/100 urgent when measured, 86/100 now (73/100
before the twelfth session's changes), a little above this floor so that a regression fails."""

CASES = yaml.safe_load(Path(__file__).with_name("emergency_cases.yaml").read_text(encoding="utf-8"))
URGENT = CASES["urgent"]
NOT_URGENT = CASES["not_urgent"]


def _dev(key: str) -> list[str]:
    if not DEV_SET.exists():
        pytest.skip("../shared/eval/dev_questions.yaml is not present")
    return yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))[key]


def test_lists_are_big_enough():
    assert len(URGENT) >= 60 and len(NOT_URGENT) >= 60
    assert len(BLIND["urgent"]) >= 100 and len(BLIND["not_urgent"]) >= 100
    assert len(BLIND["holdout_urgent"]) >= 50 and len(BLIND["holdout_not_urgent"]) >= 50


@pytest.mark.parametrize("text", URGENT)
def test_fires_on_real_danger(text):
    assert detect_emergency(text) is not None, prepare(text)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_quiet_on_questions_and_concerns(text):
    assert detect_emergency(text) is None, prepare(text)


def test_dev_set_urgent():
    missed = [q for q in _dev("urgent") if detect_emergency(q) is None]
    assert missed == []


def test_dev_set_not_urgent_and_knowledge_questions():
    questions = _dev("not_urgent") + [item["q"] for item in _dev("kb")] + _dev("none")
    assert [q for q in questions if detect_emergency(q)] == []


@pytest.mark.parametrize(("lists", "key", "bar"), [
    ("emergency_blind", "urgent", BAR), ("emergency_blind", "holdout_urgent", BAR),
    ("emergency_blind_b", "urgent", TUNED_B_URGENT), ("emergency_blind_b", "holdout_urgent", HOLDOUT_B_URGENT),
])
def test_blind_urgent_rate(lists, key, bar):
    """emergency_blind_b holds the twelfth session's lists (see its header): the guard fired on 61 to 73% of their
    emergencies before that session's changes."""
    messages = {"emergency_blind": BLIND, "emergency_blind_b": BLIND_B}[lists][key]
    missed = [q for q in messages if detect_emergency(q) is None]
    assert 1 - len(missed) / len(messages) >= bar, missed


@pytest.mark.parametrize("lists", ["emergency_blind", "emergency_blind_b"])
@pytest.mark.parametrize("key", ["not_urgent", "holdout_not_urgent"])
def test_blind_not_urgent_rate(lists, key):
    messages = {"emergency_blind": BLIND, "emergency_blind_b": BLIND_B}[lists][key]
    fired = [q for q in messages if detect_emergency(q)]
    assert 1 - len(fired) / len(messages) >= BAR, fired


@pytest.mark.parametrize(("text", "category"), [
    ("kid said he's making a bomb", "explosives"),
    ("he's got a knife in his bag", "weapon"),
    ("someone has threatened to carry out an attack at the shopping centre today", "attack"),
    ("she's flying to syria on friday to join isis", "travel"),
    ("he says he's going to kill himself tonight", "self_harm"),
    ("my client is suicidal and has taken an overdose", "self_harm"),
    ("he wants to become a martyr and kill himself at the march", "threat_to_life"),
    ("he wants to kill himself and his mum tonight", "threat_to_life"),
    ("my pupil said he wants to kill himself and take the whole class with him", "threat_to_life"),
    ("pupil says he wants to kill himself for allah", "threat_to_life"),
    ("he is suicidal and keeps talking about the christchurch shooter", "threat_to_life"),
    ("I want to kill myself", "self_harm"),
    ("She has cut her wrists in the toilets", "self_harm"),
    ("He says he will kill himself tonight in the name of the Prophet", "threat_to_life"),
    ("He's wearing a suicide belt in the shopping centre", "threat_to_life"),  # not the own-life card
    ("she said she will take her own life and take others with her", "threat_to_life"),
    ("he said he would kill himself and everyone at the mosque", "threat_to_life"),
    ("there's a suspicious package in reception", "explosives"),
    ("service user just drank bleach in the waiting room", "self_harm"),
    ("a resident has a ligature round his neck in his room", "self_harm"),
    ("two inmates have taken a nurse hostage in the healthcare unit", "threat_to_life"),
])
def test_category(text, category):
    assert detect_emergency(text).category == category


def test_match_carries_vocabulary_not_the_message():
    match = detect_emergency("Ahmed in 9B says he will stab someone at break")
    assert match is not None
    assert all("ahmed" not in term and "9b" not in term for term in match.terms)


def test_terms_are_vocabulary_or_concept_names_even_when_a_pattern_matched():
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    vocabulary = {str(p) for phrases in data["concepts"].values() for p in phrases} | set(data["concepts"])
    for text in [*BLIND["urgent"], "he is going to run Ahmed over tomorrow", "he'll set Ahmed's car on fire"]:
        match = detect_emergency(text)
        assert match is None or set(match.terms) <= vocabulary, (text, match)


@pytest.mark.parametrize(("typed", "prepared"), [
    ("he's gonna bomb the scool tomoro", "he is going to bomb the school tomorrow"),
    ("she’ll fly to siria", "she will fly to syria"),
    ("he has explosivs and a bmb", "he has explosives and a bomb"),
    ("a terrorst group in syira", "a terrorist group in syria"),
    ("threatnin to stabb the teacher", "threatening to stab the teacher"),
    ("hes got a nife", "he has got a knife"),
    ("a rifel and a machetee", "a rifle and a machete"),
    ("he is gong to shot up the skool", "he is going to shoot up the school"),
    ("he will kell his sister", "he will kill his sister"),
])
def test_prepare_fixes_typos_of_danger_words(typed, prepared):
    assert prepare(typed) == prepared


@pytest.mark.parametrize("text", [
    "he is a skilled player", "please attach the form", "schooling and laughter", "the police patrol",
    "the attackers were named", "pupils and teachers", "shooting hoops", "i will shout at him",
    "i want to kiss her", "she has a bob", "the password for the portal", "a relative in the hostel",
])
def test_prepare_leaves_ordinary_words_alone(text):
    assert prepare(text) == text


def test_fast_enough_to_run_on_every_message():
    messages = BLIND["urgent"] + BLIND["not_urgent"]
    detect_emergency(messages[0])
    timings = []
    for text in messages:
        started = time.perf_counter()
        detect_emergency(text)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.002


def test_wording_takes_numbers_from_national_contacts():
    wording = emergency_wording()
    assert wording.first_line.startswith("Call 999 now")
    assert "0800 789 321" in wording.lines[0]
    assert "https://www.gov.uk/ACT" in wording.lines[0]


@pytest.mark.parametrize("text", [
    "he got out of prison last year and he is now stabbing people in the street",
    "he was excluded last year and just now he pulled a knife on a teacher",
    "someone has been stabbed outside the school and he is in agony",
])
def test_an_earlier_event_does_not_hide_what_is_happening_now(text):
    """"Now" in a message about the past is often narrative ("he's in prison now"), but "is now stabbing" and "just
    now" are not; and "agony" is not "ago"."""
    assert detect_emergency(text) is not None


def test_a_year_to_come_is_not_the_past():
    from datetime import date

    assert detect_emergency(f"my brother has a flight booked to turkey to join isis, he leaves in "
                            f"{date.today().year + 1}") is not None
    assert detect_emergency("a man poured petrol over the floor of the housing office in 2015, is that in our risk "
                            "file?") is None


@pytest.mark.parametrize("text", [
    "how do we search a pupil who has a knife in school",
    "how should reception respond when a visitor has a weapon",
    "what is the guidance when a young person has a knife at home",
])
def test_holding_a_weapon_in_a_clause_about_who_or_when_is_a_question(text):
    assert detect_emergency(text) is None


@pytest.mark.parametrize("text", [
    "hes choking",  # short: the model is rarely sure of few words (review 32)
    "tenant unresponsive on the kitchen floor",
    "lad passed out in the street lips are blue",
    "someone punching a pupil on the floor by the gates",  # happening now without "is" (review 32)
    "toddler has gone floppy and won't wake up",
    "kid being pulled under by the current at the lido",
    "The child that was choking is ok now but her little brother has swallowed a button battery and has gone floppy",
    "resident bleeding heavily in the day room",  # list h31 and review 35
    "pupil keeps passing out in the canteen",
    "caretaker fell off the ladder and keeps passing out, we need an ambulance",
    "client up on the multi storey with one leg over the railing",
    "bus driver slumped at the wheel and the bus is still moving",
    "he's lost a lot of blood, we need an ambulance",
    "my client has the rope tied and says today's the day",
    "someone's barricaded the hall doors and is shouting that nobody gets out alive",
    "a man on the ward is holding a scalpel to the nurse's throat",
    "she's been talking about wanting to die for weeks and now she's up on the school roof",
])
def test_a_life_in_danger_in_everyday_words_fires(text):
    assert detect_emergency(text) is not None


@pytest.mark.parametrize("text", [
    "teams is not responding again",  # a device (review 33)
    "the parent is not responding to any of my emails",
    "he was going blue in the face arguing with the ref",  # figures of speech
    "i feel like im being pulled under by my caseload",
    "the deadline has got me by the throat this week",
    "a year 7 choked on a sweet at lunch, the teacher got it out and he's ok",  # told as over after the peril
    "lad went limp in the heat on sports day, sat in the shade and he's alright now",
    "my partner battering him at fifa again",  # a game, the telly
    "a man punching a man in the boxing on tv",
])
def test_everyday_uses_of_the_peril_words_do_not_fire(text):
    assert detect_emergency(text) is None


REVIEW_34 = yaml.safe_load(Path(__file__).with_name("emergency_review34.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "fires", "at_least"), [("urgent", True, 123), ("not_urgent", False, 247)])
def test_review_34_probes_the_model_never_learned(key, fires, at_least):
    """Review 34's probes (kept out of the training data): 111/129 and 231/254 before its fixes."""
    messages = REVIEW_34[key]
    assert sum((detect_emergency(m) is not None) == fires for m in messages) >= at_least


BLIND_31 = yaml.safe_load(Path(__file__).with_name("emergency_blind31.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "fires", "at_least"), [("urgent", True, 118), ("not_urgent", False, 181)])
def test_blind_list_31_the_model_never_learned(key, fires, at_least):
    """Blind list h31 (kept out of the training data): 109/120 and 181/200 as it arrived."""
    messages = BLIND_31[key]
    assert sum((detect_emergency(m) is not None) == fires for m in messages) >= at_least


REVIEW_35 = yaml.safe_load(Path(__file__).with_name("emergency_review35.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "fires", "at_least"), [("urgent", True, 135), ("not_urgent", False, 185)])
def test_review_35_probes_the_model_never_learned(key, fires, at_least):
    """Review 35's probes of list h31's fixes (kept out of the training data): 113/147 and 185/201 before them."""
    messages = REVIEW_35[key]
    assert sum((detect_emergency(m) is not None) == fires for m in messages) >= at_least


@pytest.mark.parametrize("text", [
    "Nobody leaves alive from that finance meeting at 2pm, bring snacks.",
    "she is passing out on Friday from Hendon, so proud",
    "Mum finally got hold of a syringe for the baby's Calpol",
    "ligature risk audit on the ward, today is the day the inspectors come",
    "we don't need an ambulance, he was bleeding heavily but it's stopped now",  # the reviewer of the session's diff
    "First aid refresher today: if someone is bleeding heavily, call an ambulance",
    "Her nose is bleeding a lot, do we need an ambulance?",
    "bought a new skipping rope for the kids, today is the day they try it",
    "Year 7 rope climbing in PE, today is the day",
    "the cake is to die for",
    "if someone is bleeding heavily do I need to call an ambulance?",
])
def test_everyday_uses_of_review_35s_words_do_not_fire(text):
    assert detect_emergency(text) is None


@pytest.mark.parametrize(("text", "fires"), [
    ("he's in the back of his mum's car outside school and won't get out, she's talking to him", False),
    ("she's in the toilets and won't come out, her friend is with her", False),
    ("you won't walk out of this building alive", True),
    ("he told her she won't make it out of here", True),
    ("we won't make it out of the meeting before 5", False),
])
def test_a_threat_not_to_get_out_says_alive_or_here(text, fires):
    """Review 36: "won't get out" and "won't come out" alone are a child sulking in a car or a toilet; the threat says
    "alive" ("won't walk out of here alive") or "won't walk / make it out of here" (the session's diff review: not
    "won't make it out of the meeting before 5")."""
    assert (detect_emergency(text) is not None) is fires


@pytest.mark.parametrize("text", [
    "stabbing at the front desk", "gunshots outside", "knife. reception. now", "active shooter", "shots fired",
    "explosion in the canteen", "gun in class 4", "knifeman outside the library",
    "please there is a stabbing at the front gate", "omg gunshots outside", "explosion outside not just fireworks",
])
def test_an_alarm_typed_in_a_few_words_fires(text):
    """A weapon, a shooting, a stabbing or an explosion and where or that it is now, in six words or fewer and with
    nobody named: the learned model scored these 0.2-0.6 (too few words to be sure of)."""
    assert detect_emergency(text) is not None


@pytest.mark.parametrize("text", [
    "knife crime workshop in the hall", "nerf gun war in the hall", "explosion in popularity",
    "shooting a video in the hall", "bomb scare last week", "what if there's a stabbing in reception?",
    "stabbing pain in my side", "knife and fork in the canteen",
    "acid reflux now", "knife in the drawer here", "quick knife question", "stabbing in my chest",
    "shooting at the goal", "sorry, I won't make it out to your school this week",
])
def test_a_few_words_on_a_topic_a_game_or_the_past_do_not_fire(text):
    assert detect_emergency(text) is None


REVIEW_37 = yaml.safe_load(Path(__file__).with_name("emergency_review37.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "fires", "at_least"), [("urgent", True, 137), ("not_urgent", False, 256)])
def test_review_37_probes_of_short_alarms(key, fires, at_least):
    """Review 37's short messages (kept out of the training data): before the short-alarm rule 82/164 live fired and
    258/301 everyday were quiet; its first version 125/164 and 197/301."""
    messages = REVIEW_37[key]
    assert sum((detect_emergency(m) is not None) == fires for m in messages) >= at_least
