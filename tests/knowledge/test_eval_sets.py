"""Measure question sets through render_answer as ../shared/eval/score.py would judge the bot.

Three sets, each tuned against only through general changes (never an item at a time):
- the shared dev set, read from the `shared/` folder beside the repository (skipped when absent);
- heldout_questions.yaml, written for this project;
- blind_questions.yaml, written from the source documents before the search engine was reworked;
- tuning_questions.yaml and tuning_questions_b.yaml, the two halves of a set written by someone who never
  saw the engine, and fresh_questions.yaml, written the same way later; all three since used to tune;
- tuning_questions_c.yaml and tuning_questions_d.yaml, written blind and held back for two sessions
  (only their totals read), then moved here when new held-back sets replaced them;
- tuning_questions_e.yaml to tuning_questions_n.yaml, and _q to _t, written blind and used at once for diagnosis;
- tuning_questions_o.yaml and tuning_questions_p.yaml, held back for one session, then moved here too;
  tuning_questions_u.yaml and tuning_questions_v.yaml (held-back sets 5 and 6) the same way, two sessions later;
- tuning_questions_y.yaml and tuning_questions_z.yaml (held-back sets 7 and 8), held back from the fourth
  session to the eleventh, then moved here; tuning_questions_bb.yaml and _cc.yaml (held-back sets 9 and 10, half
  their none items near misses), held back from the sixth session to the twelfth; tuning_questions_aa.yaml,
  written blind in the twelfth session in the dev set's style and used at once for diagnosis, as were
  tuning_questions_dd.yaml to _gg.yaml in the thirteenth; tuning_questions_hh.yaml and _ii.yaml (held-back sets 13
  and 14, written and read in the thirteenth session); tuning_questions_jj.yaml and _kk.yaml (held-back sets 15
  and 16, written in the thirteenth session and read in the fourteenth); tuning_questions_ll.yaml and _mm.yaml
  (held-back sets 11 and 12, written in the twelfth session, measured in every `make bench` until the fifteenth);
  tuning_questions_gate_review.yaml, written blind in the fifteenth session with the words of that session's new
  gate refusals, to check they refuse only what the documents do not give (its none items are all near misses);
- tuning_questions_tt.yaml to _yy.yaml (held-back sets 23 to 28), each moved here two sessions after it was written;
- tuning_questions_w.yaml and tuning_questions_x.yaml, written blind in the sixth session and used at once for
  diagnosis; half their none items are near misses (a Prevent subject with a fact the documents never give:
  "what's the pass mark for the prevent e-learning"), which the engine often answers: see their floors.
The sets under bench/heldback/ are never used here: `make bench` measures them as unseen questions.
Thresholds: at least 90% of kb items answered with a citation and an expected phrase in the first 900
characters, and at least 97% of none items (everyday and near-miss questions) without a citation; the
dev set's few none items must all pass. The blind-written sets' kb floors are lower (TUNING_KB_TARGETS),
a little under what the engine measures, so a regression fails; their none floor is the same.
"""

from pathlib import Path

import pytest

from tests.knowledge.scoring import load_set, score_kb, score_none

HERE = Path(__file__).resolve().parent
DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "dev_questions.yaml"
SETS = {"heldout": HERE / "heldout_questions.yaml", "blind": HERE / "blind_questions.yaml",
        "tuning": HERE / "tuning_questions.yaml", "tuning-b": HERE / "tuning_questions_b.yaml",
        "fresh": HERE / "fresh_questions.yaml", "tuning-c": HERE / "tuning_questions_c.yaml",
        "tuning-d": HERE / "tuning_questions_d.yaml", "tuning-e": HERE / "tuning_questions_e.yaml",
        "tuning-f": HERE / "tuning_questions_f.yaml", "tuning-g": HERE / "tuning_questions_g.yaml",
        "tuning-h": HERE / "tuning_questions_h.yaml", "tuning-i": HERE / "tuning_questions_i.yaml",
        "tuning-j": HERE / "tuning_questions_j.yaml", "tuning-k": HERE / "tuning_questions_k.yaml",
        "tuning-l": HERE / "tuning_questions_l.yaml", "tuning-m": HERE / "tuning_questions_m.yaml",
        "tuning-n": HERE / "tuning_questions_n.yaml", "tuning-o": HERE / "tuning_questions_o.yaml",
        "tuning-p": HERE / "tuning_questions_p.yaml", "tuning-q": HERE / "tuning_questions_q.yaml",
        "tuning-r": HERE / "tuning_questions_r.yaml", "tuning-s": HERE / "tuning_questions_s.yaml",
        "tuning-t": HERE / "tuning_questions_t.yaml", "tuning-u": HERE / "tuning_questions_u.yaml",
        "tuning-v": HERE / "tuning_questions_v.yaml", "tuning-w": HERE / "tuning_questions_w.yaml",
        "tuning-x": HERE / "tuning_questions_x.yaml", "tuning-y": HERE / "tuning_questions_y.yaml",
        "tuning-z": HERE / "tuning_questions_z.yaml", "tuning-aa": HERE / "tuning_questions_aa.yaml",
        "tuning-bb": HERE / "tuning_questions_bb.yaml", "tuning-cc": HERE / "tuning_questions_cc.yaml",
        "tuning-dd": HERE / "tuning_questions_dd.yaml", "tuning-ee": HERE / "tuning_questions_ee.yaml",
        "tuning-ff": HERE / "tuning_questions_ff.yaml", "tuning-gg": HERE / "tuning_questions_gg.yaml",
        "tuning-hh": HERE / "tuning_questions_hh.yaml", "tuning-ii": HERE / "tuning_questions_ii.yaml",
        "tuning-jj": HERE / "tuning_questions_jj.yaml", "tuning-kk": HERE / "tuning_questions_kk.yaml",
        "tuning-ll": HERE / "tuning_questions_ll.yaml", "tuning-mm": HERE / "tuning_questions_mm.yaml",
        "tuning-nn": HERE / "tuning_questions_nn.yaml", "tuning-oo": HERE / "tuning_questions_oo.yaml",
        "tuning-pp": HERE / "tuning_questions_pp.yaml", "tuning-qq": HERE / "tuning_questions_qq.yaml",
        "tuning-rr": HERE / "tuning_questions_rr.yaml", "tuning-ss": HERE / "tuning_questions_ss.yaml",
        "tuning-tt": HERE / "tuning_questions_tt.yaml", "tuning-uu": HERE / "tuning_questions_uu.yaml",
        "tuning-vv": HERE / "tuning_questions_vv.yaml", "tuning-ww": HERE / "tuning_questions_ww.yaml",
        "tuning-xx": HERE / "tuning_questions_xx.yaml", "tuning-yy": HERE / "tuning_questions_yy.yaml",
        "gate-review": HERE / "tuning_questions_gate_review.yaml"}
KB_TARGET = 0.90
TUNING_KB_TARGETS = {"tuning": 0.86, "tuning-b": 0.86, "fresh": 0.79, "tuning-c": 0.82, "tuning-d": 0.80,
                     "tuning-e": 0.77, "tuning-f": 0.84, "tuning-g": 0.86, "tuning-h": 0.80, "tuning-i": 0.80,
                     "tuning-j": 0.79, "tuning-k": 0.74, "tuning-l": 0.85, "tuning-m": 0.82, "tuning-n": 0.83,
                     "tuning-o": 0.85, "tuning-p": 0.79, "tuning-q": 0.79, "tuning-r": 0.83,
                     "tuning-s": 0.88, "tuning-t": 0.88, "tuning-u": 0.88, "tuning-v": 0.90, "tuning-w": 0.73,
                     "tuning-x": 0.78, "tuning-y": 0.90, "tuning-z": 0.89,
                     "tuning-aa": 0.93, "tuning-bb": 0.84, "tuning-cc": 0.88,
                     "tuning-dd": 0.81, "tuning-ee": 0.85, "tuning-ff": 0.83, "tuning-gg": 0.8,
                     "tuning-hh": 0.9, "tuning-ii": 0.75, "tuning-jj": 0.89, "tuning-kk": 0.8,
                     "tuning-ll": 0.92, "tuning-mm": 0.91, "tuning-nn": 0.89, "tuning-oo": 0.87,
                     "tuning-pp": 0.9, "tuning-qq": 0.89, "tuning-rr": 0.84, "tuning-ss": 0.78,
                     "tuning-tt": 0.85, "tuning-uu": 0.86, "tuning-vv": 0.86, "tuning-ww": 0.86,
                     "tuning-xx": 0.82, "tuning-yy": 0.79, "gate-review": 0.8}
"""Measured on 2026-11-26 after the curated phrasings for every passage: tuning 102/115 (0.887, from 0.817),
tuning-b 102/114 (0.895, from 0.816), fresh 106/130 (0.815, from 0.738); tuning-c 102/120 and tuning-d
100/120 when they joined (0.808 each while held back); tuning-e 78/100 and tuning-f 84/100 when written,
80 and 86 after the changes they and the next two prompted; tuning-g 86/100 and tuning-h 82/100 when
written, 89 and 83 after; tuning-i 79/100 and tuning-j 78/100 when written, 83 and 82 after; tuning-k
76/100 and tuning-l 87/100 when written; tuning-m 85/100 and tuning-n 86/100 when written; tuning-o
104/120 and tuning-p 98/120 when they joined (fourth session; 105 and 98 after); tuning-q 81/100 and
tuning-r 85/100 when written, 82 and 86 after; tuning-s 90/100 and tuning-t 91/100 when written, 92 and 91
after; tuning-u 108/120 and tuning-v 111/120 when they joined (sixth session), tuning-w 75/100 and
tuning-x 80/100 when written; tuning-y 111/120 and tuning-z 110/120 when they joined (twelfth session;
held-back sets 7 and 8 until then); tuning-aa 105/110 when written (twelfth session, in the dev set's
short, direct style); tuning-bb 102/120 and tuning-cc 107/120 when they joined (thirteenth session; held-back
sets 9 and 10 until then); tuning-dd 99/120 and tuning-ee 103/120 when written (thirteenth session, dd in staff
style with scene-setting, ee short and search-box style with synonyms the documents never use); tuning-ff 101/120
and tuning-gg 98/120 when written (thirteenth session: ff from named roles, gg indirect); tuning-hh 107/120 and
tuning-ii 91/120 when written as held-back sets 13 and 14 in the same session (ii short and terse); tuning-jj 109/120
and tuning-kk 99/120 when they joined (fourteenth session; held-back sets 15 and 16 until then); tuning-ll 114/120
and tuning-mm 113/120 when they joined (fifteenth session; held-back sets 11 and 12 until then); tuning-nn 107/120
and tuning-oo 106/120 when they joined (sixteenth session; held-back sets 17 and 18 until then); tuning-pp 110/120
and tuning-qq 109/120 when they joined (seventeenth session; held-back sets 19 and 20 until then); tuning-rr 102/120
and tuning-ss 95/120 when they joined (eighteenth session; held-back sets 21 and 22 until then); tuning-tt 104/120
and tuning-uu 105/120 when they joined (nineteenth session; held-back sets 23 and 24 until then); tuning-vv 106/120
and tuning-ww 106/120 when they joined (twentieth session; held-back sets 25 and 26 until then); tuning-xx 101/120
and tuning-yy 98/120 when they joined (twenty-first session; held-back sets 27 and 28 until then); the aim is 0.90."""
NONE_TARGET = 0.97
TUNING_NONE_TARGETS = {"tuning-c": 0.95, "tuning-e": 0.96, "tuning-g": 0.96, "tuning-h": 0.93, "tuning-i": 0.96,
                       "tuning-m": 0.96, "tuning-n": 0.96, "tuning-o": 0.95, "tuning-p": 0.95, "tuning-v": 0.95,
                       "tuning-w": 0.62, "tuning-x": 0.57, "tuning-aa": 0.93, "tuning-bb": 0.85,
                       "tuning-cc": 0.9, "tuning-dd": 0.9, "tuning-ee": 0.75,
                       "tuning-ff": 0.92, "tuning-gg": 0.87, "tuning-hh": 0.85, "tuning-ii": 0.77,
                       "tuning-jj": 0.8, "tuning-kk": 0.8, "tuning-ll": 0.82, "tuning-mm": 0.85,
                       "tuning-nn": 0.9, "tuning-oo": 0.85, "tuning-pp": 0.85, "tuning-qq": 0.8,
                       "tuning-rr": 0.85, "tuning-ss": 0.9, "tuning-tt": 0.72, "tuning-uu": 0.87,
                       "tuning-vv": 0.92, "tuning-ww": 0.85, "tuning-xx": 0.92, "tuning-yy": 0.87,
                       "gate-review": 0.8}
"""tuning-c's two near-misses still answered (38/40): a fire risk assessment of an office, and unitary versus
county councils (the guidance does discuss risk assessment and two-tier areas); tuning-e's and tuning-h's
TV channel in a meeting room, tuning-g's and tuning-i's new channel in Microsoft Teams, tuning-h's manual
handling e-learning, tuning-m's backups "safeguarding" data, tuning-n's staff newsletter deadline; tuning-o's
risk assessment for working at height and menopause peer support group, tuning-p's manual handling refresher
and cyber security e-learning; tuning-v's manual handling refresher dates and personal development review
template. tuning-w and tuning-x lose many of their near misses (21/40 and 20/40 when written; 26 and 24 once
a figure the passage never mentions stopped an answer): a question naming a Prevent subject is answered when
a passage covers that subject, even if the fact asked for (a pass mark, a fine, a budget) is nowhere in it."""


def _report(results) -> str:
    return "\n".join(f"MISS [{r.kind}] {r.question} -> {r.text[:120]}" for r in results if not r.ok)


def _rate(results) -> float:
    return sum(r.ok for r in results) / len(results)


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared is not beside the repository")
def test_dev_set_kb_rate(kb):
    results = score_kb(kb, load_set(DEV_SET)["kb"])
    assert _rate(results) >= KB_TARGET, f"{_rate(results):.3f}\n{_report(results)}"


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared is not beside the repository")
def test_dev_set_none_items_are_never_cited(kb):
    results = score_none(kb, load_set(DEV_SET)["none"])
    assert all(r.ok for r in results), _report(results)


@pytest.mark.parametrize(("name", "kb_items", "none_items"),
                         [("heldout", 60, 40), ("blind", 120, 80), ("tuning", 110, 30), ("tuning-b", 110, 30),
                          ("fresh", 120, 40), ("tuning-c", 120, 40), ("tuning-d", 120, 40), ("tuning-e", 100, 30),
                          ("tuning-f", 100, 30), ("tuning-g", 100, 30), ("tuning-h", 100, 30), ("tuning-i", 100, 30),
                          ("tuning-j", 100, 30), ("tuning-k", 100, 30), ("tuning-l", 100, 30), ("tuning-m", 100, 30),
                          ("tuning-n", 100, 30), ("tuning-o", 120, 40), ("tuning-p", 120, 40),
                          ("tuning-q", 100, 30), ("tuning-r", 100, 30), ("tuning-s", 100, 30),
                          ("tuning-t", 100, 30), ("tuning-u", 120, 40), ("tuning-v", 120, 40),
                          ("tuning-w", 100, 40), ("tuning-x", 100, 40), ("tuning-y", 120, 40),
                          ("tuning-z", 120, 40), ("tuning-aa", 110, 30),
                          ("tuning-ll", 120, 40), ("tuning-mm", 120, 40)])
def test_set_sizes(name, kb_items, none_items):
    data = load_set(SETS[name])
    assert len(data["kb"]) >= kb_items and len(data["none"]) >= none_items


@pytest.mark.parametrize("name", sorted(SETS))
def test_kb_rate(kb, name):
    results = score_kb(kb, load_set(SETS[name])["kb"])
    target = TUNING_KB_TARGETS.get(name, KB_TARGET)
    assert _rate(results) >= target, f"{_rate(results):.3f}\n{_report(results)}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_none_rate(kb, name):
    results = score_none(kb, load_set(SETS[name])["none"])
    assert _rate(results) >= TUNING_NONE_TARGETS.get(name, NONE_TARGET), f"{_rate(results):.3f}\n{_report(results)}"


def test_expected_phrases_are_in_the_content():
    """Every blind kb item can be answered: one of its phrases is in a source or the glossary."""
    from knowledge import CONTENT_DIR
    from tests.knowledge.scoring import norm

    text = " ".join(p.read_text(encoding="utf-8") for p in (CONTENT_DIR / "sources").glob("*.md"))
    text = norm(text + (CONTENT_DIR / "glossary.yaml").read_text(encoding="utf-8"))
    missing = [item["q"] for item in load_set(SETS["blind"])["kb"]
               if not any(norm(e) in text for e in item["expect"])]
    assert not missing, missing


STRESS_NONE_TARGET = 0.9
"""Measured 0.838 (134/160) when the list was written, 0.925 (148/160) after the gate's rules for general
safeguarding terms, everyday senses, years and unheard names."""


OFF_TOPIC_BLIND_TARGET = 0.96
"""none_blind.yaml: 117/120 (0.975) in process after the fixes it prompted."""


def test_off_topic_blind_list(kb):
    results = score_none(kb, load_set(HERE / "none_blind.yaml")["none"])
    assert len(results) >= 120 and _rate(results) >= OFF_TOPIC_BLIND_TARGET, f"{_rate(results):.3f}\n{_report(results)}"


def test_out_of_scope_stress_list(kb):
    results = score_none(kb, load_set(HERE / "none_stress.yaml")["none"])
    assert len(results) >= 150 and _rate(results) >= STRESS_NONE_TARGET, f"{_rate(results):.3f}\n{_report(results)}"
