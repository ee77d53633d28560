"""What each hand rule earns on articles the models never saw: every fold of a finished
cross-validation run (bench/crossval.py, same --folds and --work) answers its test questions with
all rules on, then once with each rule switched off (rules.py), with the fold's own models. A rule
earns its place when switching it off costs more correct answers, or more exact short answers, than
noise: the paired difference over two standard errors (sqrt(questions that changed) / questions).
Every ONNX run is remembered by its inputs, so each rule switched off costs only the Python of an answer.

    python bench/crossval.py --quick && python bench/ablate.py --per-article 20
    python bench/ablate.py --rules polar_form unknown_names     # only these
    python bench/ablate.py --own     # our own sets instead, with the shipped models
    python bench/ablate.py --lead-ins --rules greeting_lead_in can_you_lead_in   # typed with lead-ins
    python bench/ablate.py --matching "^\\W*who (said|wrote)" --rules speaker_form   # rare questions

--own answers every set of our own with the shipped models: dev, bench/questions/, bench/paraphrase/ (as
asked and reworded), bench/followups/ and every set of uploads (bench/shortdocs*/, bench/markdown*/). The
sets written after the rules they test (the later upload sets, the paraphrases, the follow-ups on other
articles) are the ones that can tell a general rule from one fitted to its question: the table counts
each rule's gains and losses set by set.

Writes bench/results/ablation.md and .json. The models are not retrained without the rule: rules
that shape the ranker's features are measured as switched off at answer time.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]


def fold_bots(folds: list[list[str]], articles: dict, work: Path) -> list:
    from crossval import fold_bot, fold_index

    bots = []
    for k, names in enumerate(folds):
        models = work / f"models-fold{k}.json"
        if not models.is_file():
            raise SystemExit(f"{models} is missing: run bench/crossval.py with the same --folds and --work first")
        bots.append(fold_bot(fold_index(names, articles, work), models))
    return bots


def fold_groups(folds: list[list[str]], articles: dict, work: Path, per_article: int) -> list[tuple]:
    """(bot, its questions, its sources' text) per fold, answered with the fold's own models."""
    from crossval import _sample

    bots = fold_bots(folds, articles, work)
    tests = [[r for n in f for r in _sample(articles[n][1], per_article)] for f in folds]
    raws = [[articles[n][0].read_text(encoding="utf-8") for n in f] for f in folds]
    return list(zip(bots, tests, raws))


def matching_groups(folds: list[list[str]], articles: dict, work: Path, pattern: str) -> list[tuple]:
    """(bot, questions, sources' text) per fold: the dev25 questions (articles the shipped models
    never saw) this regular expression matches, answered with the shipped models. For rules that
    fire on questions too rare for a sample to hold ('Who said ...?')."""
    import re

    from crossval import fold_bot, fold_index

    from bot import config

    matches = re.compile(pattern, re.IGNORECASE).search
    out = []
    for names in folds:
        unseen = [n for n in names if "train10" not in articles[n][0].parts]
        rows = [r for n in unseen for r in articles[n][1] if matches(r["question"])]
        if rows:
            out.append((fold_bot(fold_index(names, articles, work), config.ranker_path()), rows,
                        [articles[n][0].read_text(encoding="utf-8") for n in names]))
    return out


UPLOAD_SETS = sorted(p.parent for p in [*HERE.glob("shortdocs*/questions.jsonl"), *HERE.glob("markdown*/questions.jsonl")])


def own_groups(eval_dir: Path) -> list[tuple]:
    """(bot, questions, sources' text) for our own sets, answered with the shipped models: the default
    article's (dev, bench/questions/, its paraphrases), the paraphrases and follow-ups on other
    articles, and every set of uploads (bench/shortdocs*/, bench/markdown*/), each document indexed alone.
    Each question carries its set's name ("set"), so a rule's flips can be told apart by set."""
    import tempfile

    from paraphrase import article_bot

    import bot
    from bot.store import build

    def rows(path: Path, name: str) -> list[dict]:
        return [{**json.loads(line), "set": name} for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    default = (bot.default_bot(), rows(eval_dir / "dev.jsonl", "dev"), [p.read_text(encoding="utf-8") for p in seeds])
    for path in sorted((HERE / "questions").glob("*.jsonl")):
        default[1].extend(rows(path, f"questions/{path.stem}"))
    groups, work = [default], Path(tempfile.mkdtemp(prefix="ablate-"))
    for kind in ("paraphrase", "followups"):
        for path in sorted((HERE / kind).glob("*.jsonl")):
            qs = rows(path, f"{kind}/{path.stem}")
            if kind == "paraphrase":  # asked as reworded and as originally worded
                qs += [{**q, "id": q["id"] + "-original", "question": q["original"]} for q in qs]
            if path.stem == seeds[0].stem:
                default[1].extend(qs)
                continue
            b, docs = article_bot(path.stem)
            groups.append((b, qs, [d.read_text(encoding="utf-8") for d in docs]))
    for docs in UPLOAD_SETS:
        short = rows(docs / "questions.jsonl", docs.name)
        for name in sorted({r["doc"] for r in short}):
            doc = docs / name
            groups.append((bot.Bot.load(build([doc], work / docs.name / name)), [r for r in short if r["doc"] == name],
                           [doc.read_text(encoding="utf-8")]))
    return groups


LEAD_INS = ("Hello, {q}", "Can you tell me {l}", "I'd like to know {l}", "Does the article say {l}", "Explain {l}", "{t}")


def lead_in_groups(eval_dir: Path) -> list[tuple]:
    """The answerable questions of own_groups on articles other than the default one (the rules were
    not written for them), each asked as users type them: after a greeting, inside 'Can you tell
    me ...', 'I'd like to know ...', 'Does the article say ...', 'Explain ...', and in Title Case."""
    out = []
    for b, rows, raws in own_groups(eval_dir)[1:]:
        plain = [r for r in rows if r.get("answer") and not r.get("history")]
        asked = [{**r, "id": f"{r['id']}-{k}", "question": form.format(q=r["question"], t=r["question"].title(),
                                                                      l=r["question"][0].lower() + r["question"][1:])}
                 for r in plain for k, form in enumerate(LEAD_INS)]
        out.append((b, asked, raws))
    return out


def answer(groups: list[tuple], kit) -> list[dict]:
    from evaluate import score_row

    return [{**score_row(row, b.answer, kit, raws), "set": row.get("set", "")} for b, rows, raws in groups for row in rows]


def memoize_models() -> None:
    """Every ONNX run (query embeddings, the verifier's pairs, the reader) remembered by its inputs:
    a rule switched off changes few of them, and the runs are 80% of an answer's time. Exact: a run
    is a pure function of its inputs; its outputs are kept read-only so that no caller can alter them."""
    from bot import embed, spans

    class Remembered:
        def __init__(self, session):
            self.session, self.seen = session, {}

        def run(self, names, feeds: dict):
            key = (names and tuple(names), *((k, v.shape, v.tobytes()) for k, v in sorted(feeds.items())))
            if key not in self.seen:
                self.seen[key] = self.session.run(names, feeds)
                for a in self.seen[key]:
                    a.flags.writeable = False
            return self.seen[key]

    onnx = embed._onnx()
    if onnx is not None:
        remembered = (Remembered(onnx[0]), onnx[1])
        embed._onnx = lambda: remembered
    reader = Remembered(spans.load_reader())
    spans.load_reader = lambda: reader


def compare(base: list[dict], off: list[dict]) -> dict:
    """The rule's effect: what switching it off changes, and the noise of that change, in correct
    answers and in exact short answers (many rules shape the short answer, not the verdict)."""
    from evaluate import summarise

    n, n_ans = len(base), sum("em" in a for a in base)
    flips = [f"{a['id']}{'-' if a['correct'] else '+'}" for a, b in zip(base, off) if a["correct"] != b["correct"]]
    em_flips = [f"{a['id']}{'-' if a['em'] > b['em'] else '+'}" for a, b in zip(base, off) if "em" in a and a["em"] != b["em"]]
    s0, s1 = summarise(base), summarise(off)
    delta = {m: None if s0[m] is None or s1[m] is None else round(s0[m] - s1[m], 4)
             for m in ("correct", "hit1", "answered_when_answerable", "refused_when_unanswerable", "em", "f1")}
    noise, em_noise = 2 * math.sqrt(len(flips)) / n if n else 0.0, 2 * math.sqrt(len(em_flips)) / n_ans if n_ans else 0.0
    said = {1 if delta["correct"] > noise else -1 if delta["correct"] < -noise else 0,
            1 if (delta["em"] or 0) > em_noise else -1 if (delta["em"] or 0) < -em_noise else 0}
    verdict = "mixed" if said >= {1, -1} else "earns" if 1 in said else "costs" if -1 in said else "noise"
    by_set: dict[str, list[int]] = {}
    for a, b in zip(base, off):  # correct answers and exact short answers the rule earns, set by set
        earned = by_set.setdefault(a["set"], [0, 0])
        earned[0] += a["correct"] - b["correct"]
        earned[1] += round(a.get("em", 0) - b.get("em", 0))
    return {"earned_correct": delta["correct"], "noise_2se": round(noise, 4), "changed": len(flips),
            "earned_em": delta["em"], "em_noise_2se": round(em_noise, 4), "em_changed": len(em_flips), **delta,
            "verdict": verdict, "by_set": {k: v for k, v in by_set.items() if any(v)},
            "flips": flips, "em_flips": em_flips}  # question ids, '-' where switching the rule off loses, '+' where it gains


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--per-article", type=int, default=20, help="test questions an article")
    ap.add_argument("--rules", nargs="*", default=[], help="only these rules (default: every one)")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "crossval")
    ap.add_argument("--own", action="store_true", help="our own sets with the shipped models, not the folds")
    ap.add_argument("--lead-ins", action="store_true", help="our questions on other articles, wrapped in lead-ins "
                    "('Can you tell me ...') and Title Case, with the shipped models")
    ap.add_argument("--matching", help="only dev25's questions this regular expression matches, shipped models")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    args = ap.parse_args()
    from crossval import deal
    from evaluate import load_kit
    from train_ranker import squad_articles

    from bot import rules

    kit = load_kit(args.eval)
    articles = squad_articles(args.eval / "squad")
    folds = deal(list(articles), args.folds)
    if args.matching:
        groups = matching_groups(folds, articles, args.work, args.matching)
        what, stem = f"dev25 matching {args.matching!r} (shipped models)", "ablation-matching"
    elif args.lead_ins:
        groups, what, stem = lead_in_groups(args.eval), "questions typed with lead-ins (shipped models)", "ablation-lead-ins"
    elif args.own:
        groups, what, stem = own_groups(args.eval), "our own sets (shipped models)", "ablation-own"
    else:
        groups, what, stem = fold_groups(folds, articles, args.work, args.per_article), "the cross-validation folds", "ablation"
    memoize_models()
    rules.switch_off([])
    base = answer(groups, kit)
    table = {}
    for name in args.rules or list(rules.RULES):
        rules.switch_off([name])
        table[name] = compare(base, answer(groups, kit))
        print(name, table[name], flush=True)
    rules.switch_off([])
    _write(table, len(base), what, args.out / stem)
    return 0


def _write(table: dict, n: int, what: str, stem: Path) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps({"questions": n, "rules": table}, indent=1), encoding="utf-8")
    lines = [f"{n} questions of {what}; 'earned' is with the rule minus without it; 2 SE is the noise of the paired "
             "difference; 'by set' counts the correct answers / exact short answers it earns (+) or costs (-) in each set.", "",
             "| rule | earned correct | 2 SE | changed | earned EM | 2 SE | changed | Δ refused | Δ answered | verdict | by set |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r} | {v['earned_correct']} | {v['noise_2se']} | {v['changed']} | {v['earned_em']} | {v['em_noise_2se']} | "
              f"{v['em_changed']} | {v['refused_when_unanswerable']} | {v['answered_when_answerable']} | {v['verdict']} | "
              f"{', '.join(f'{k} {c:+d}/{e:+d}' for k, (c, e) in sorted(v['by_set'].items()))} |" for r, v in table.items()]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
