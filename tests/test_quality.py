"""Quality flags: language, injected spam, spun text (on our own clean articles and their spins)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.options import Options
from communique.quality import SpinModel, assess, find_spam, spin_evidence, spin_probability
from communique.records import CleanDocument, RawDocument
from communique.spin import load_thesaurus, spin

CORPUS = Path(__file__).parent / "spin_corpus"


@pytest.fixture(scope="module")
def model() -> SpinModel:
    return SpinModel.load()


def _doc(doc_id: str, text: str) -> CleanDocument:
    return CleanDocument(RawDocument(doc_id, doc_id, text), text, tuple(range(len(text) + 1)))


def _clean_set() -> list[tuple[str, str]]:
    """Whole articles plus every paragraph of 25 words or more as a document of its own."""
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out.append((f.name, text))
        out += [(f"{f.name}#{i}", p) for i, p in enumerate(text.split("\n\n")) if len(p.split()) >= 25]
    return out


def _spun_set() -> list[tuple[str, str]]:
    """Each article spun six times, at rates from 0.20 to 0.50, with different seeds."""
    thes = load_thesaurus()
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for seed in range(6):
            rate = 0.2 + 0.06 * seed
            out.append((f"{f.name}@{rate:.2f}", spin(text, rate, seed, thes)))
    return out


def test_corpus_is_large_and_varied() -> None:
    assert len(list(CORPUS.glob("*.txt"))) >= 15
    assert len(_clean_set()) >= 80
    assert len(_spun_set()) >= 90


def test_spin_recall_and_false_positive_rate(model: SpinModel) -> None:
    opts = Options()
    clean = _clean_set()
    spun = _spun_set()
    flagged_clean = [n for n, t in clean if spin_probability(spin_evidence(t, model.artefacts)) >= opts.spun_threshold]
    found_spun = [n for n, t in spun if spin_probability(spin_evidence(t, model.artefacts)) >= opts.spun_threshold]
    assert len(found_spun) / len(spun) >= 0.95
    assert len(flagged_clean) / len(clean) <= 0.02


def test_spinner_is_deterministic_and_keeps_names() -> None:
    text = "Kenyan President William Ruto said that the talks and the agreements were important."
    a = spin(text, 1.0, 7)
    assert a == spin(text, 1.0, 7)
    assert a != text
    assert "William Ruto" in a
    assert spin(text, 0.0, 7) == text
    with pytest.raises(ValueError, match="rate must be within 0..1"):
        spin(text, 1.5, 1)


def test_state_media_style_is_not_spun(model: SpinModel) -> None:
    for f in sorted(CORPUS.glob("*state_media*.txt")):
        q = assess(_doc(f.stem, f.read_text(encoding="utf-8")), Options(), model=model)
        assert (f.stem, q.spun, q.spam_phrases, q.language) == (f.stem, False, (), "en")
        assert q.score > 0.95


def test_one_odd_phrase_is_not_enough(model: SpinModel) -> None:
    text = "The minister said the latest figures showed growth, and you may expect more, he added. " * 2
    assert spin_probability(spin_evidence(text, model.artefacts)) < 0.5


def test_spam_urls_domains_and_lexicon(model: SpinModel) -> None:
    text = (
        "The talks ended on Monday. Visit https://cheap-pills.example.net/offer for more. "
        "Officials met in Rome and luckybrides.com tilbud discussed trade. Buy Viagra now. "
        "Contact press@ministry.gov.uk for accreditation."
    )
    assert find_spam(text, model) == ["https://cheap-pills.example.net/offer", "luckybrides.com tilbud", "Buy Viagra"]
    assert find_spam("The Leader met the President in Tehran on Saturday.", model) == []


def test_language_of_other_text(model: SpinModel) -> None:
    text = "Le président de la République a reçu jeudi le Premier ministre italien à l'Élysée pour un entretien."
    q = assess(_doc("fr", text), Options(), model=model)
    assert q.language == "fr"
    assert q.spun is False


MIXED = ("The foreign ministers of Austria and Slovenia met in Vienna on Monday to talk about energy.\n\n"
         "Wir hatten heute einen sehr guten und interessanten Austausch über die geopolitischen Veränderungen, die "
         "Herausforderungen der Energieversorgung und die Zusammenarbeit im Multilateralismus. Herzlichen Dank! "
         "pic.twitter.com/abc — Minister (@minister) 8. September 2022\n\n"
         "They discussed energy, the war in Ukraine and the sanctions against Russia, the ministry said.\n\n"
         "Gutes Gespräch mit meiner Amtskollegin zu aktuellen Herausforderungen wie dem russischen Angriffskrieg auf "
         "die Ukraine, der Energiekrise und der Zusammenarbeit in Europa. Vielen Dank für den Besuch in Wien!\n\n"
         "The two ministers agreed to meet again in Ljubljana in the spring, the ministry said in a statement after "
         "the talks, which lasted two hours.\n\n"
         "Austria and Slovenia are close partners in the European Union and share a long border in the Alps, where "
         "trade and tourism have grown over the past decade.\n\n"
         "The Slovenian minister also met the speaker of the Austrian parliament and business leaders before flying "
         "home in the evening.\n")


def test_an_english_report_quoting_posts_in_another_language_is_english(model: SpinModel) -> None:
    """Read as one block the sample is called German; most of its paragraphs, by length, are English."""
    assert assess(_doc("mixed", MIXED), Options(), model=model).language == "en"
    german = "\n\n".join(p for p in MIXED.split("\n\n") if "Wir" in p or "Gutes" in p) * 2
    assert assess(_doc("de", german), Options(), model=model).language == "de"


def test_seeds(model: SpinModel, seeds_dir: Path, gold_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        q = assess(_doc(path.stem, path.read_text(encoding="utf-8")), Options(), model=model)
        assert (path.stem, q.spun, list(q.spam_phrases), q.language) == (
            path.stem, gold["spun"], gold["spam_phrases"], gold["language"],
        )
        assert (q.score < 0.5) == gold["spun"]


def test_missing_space_after_a_full_stop_is_not_a_domain(model: SpinModel) -> None:
    assert find_spam("The talks ended in Iraq.In Baghdad the Reuters.com team said Mr.No comment.", model) == []


def test_a_short_english_text_full_of_foreign_names_is_english() -> None:
    from communique.quality import SpinModel, detect_language
    text = ("According to local outlets, the Faroese prime minister Bárður á Steig Nielsen and his Danish counterpart "
            "Mette Frederiksen met in Copenhagen on Tuesday.")
    assert detect_language(text, SpinModel.load()) == "en"
    assert detect_language("Statsministeren mødtes med sin færøske kollega i København i går.", SpinModel.load()) == "da"
