"""With `--semantic off`, a version in another language than the comparison's is shown and
segmented, never mis-aligned: kept out of the statements, with a warning and a mark in every
view (with meaning as evidence it is aligned: tests/test_meaning.py)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SEEDS

from variance.cli import main
from variance.load import load_paths
from variance.model import Options, Semantic
from variance.pipeline import compare, compare_documents

ZH = "房内一名两岁儿童仅受轻伤，被平安救出。目前，飞机失事原因尚不明确。\n蓝黑军团18次获得联赛冠军，并且从未降级。\n"
SPANISH = ("¿Qué dijo el ministro? Dijo que la cooperación debe ser bilateral y que EE. UU. "
           "debe respetar los intereses de China.\nLa reunión duró cinco horas en Pekín.\n")
SPANISH_2 = ("El ministro dijo que la cooperación debe ser bilateral y que EE. UU. debe respetar "
             "los intereses de China.\n¿Cuánto duró la reunión? Cinco horas, en Pekín.\n")
ONE, TWO = (str(SEEDS / "001_fd0f5f049c184f2c.txt"), str(SEEDS / "002_5a4b68be5e1a8af6.txt"))


def test_a_chinese_version_beside_english_ones_is_segmented_and_not_aligned(tmp_path):
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    comparison = compare([ONE, TWO, str(tmp_path / "zh.txt")], Options(artefacts=False, semantic=Semantic.OFF))
    assert [d.id for d in comparison.documents] == ["001_fd0f5f049c184f2c", "002_5a4b68be5e1a8af6"]
    [zh] = comparison.unaligned
    assert zh.language == "zh"
    assert [zh.sentence_text(s.index) for s in zh.sentences] == [
        "房内一名两岁儿童仅受轻伤，被平安救出。", "目前，飞机失事原因尚不明确。", "蓝黑军团18次获得联赛冠军，并且从未降级。"]
    assert not any(m.document == "zh" for st in comparison.statements for m in st.members)
    assert ("zh: in zh, the comparison in en: shown and segmented, not aligned (--semantic off: "
            "words of two languages are no evidence)") in comparison.warnings


def test_every_view_marks_the_version_not_aligned(tmp_path):
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    paths = ["--semantic", "off", ONE, TWO, str(tmp_path / "zh.txt")]
    text = CliRunner().invoke(main, ["align", "-q", *paths])
    assert text.exit_code == 0
    assert "  zh  zh, 3 sentences, not aligned: another language" in text.stdout
    assert "zh  not aligned (zh): its sentences\n    房内一名两岁儿童仅受轻伤，被平安救出。" in text.stdout
    assert "  001_fd0f5f049c184f2c  en, " in text.stdout
    data = json.loads(CliRunner().invoke(main, ["align", "--json", "-q", *paths]).stdout)
    assert [d["id"] for d in data["unaligned"]] == ["zh"]
    assert data["unaligned"][0]["sentences"][1]["text"] == "目前，飞机失事原因尚不明确。"
    page = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["report", "-q", *paths, "-o", str(page)]).exit_code == 0
    html = page.read_text()
    assert '<b>zh</b> <span class="role">not aligned</span>' in html
    assert "<li>目前，飞机失事原因尚不明确。</li>" in html


def test_a_corpus_all_in_spanish_is_compared_in_spanish(tmp_path):
    (tmp_path / "a.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SPANISH_2, encoding="utf-8")
    comparison = compare_documents(load_paths([str(tmp_path)]), Options(artefacts=False))
    assert comparison.unaligned == ()
    assert any(len(st.members) == 2 for st in comparison.statements)
    a = comparison.document("a")
    assert a.sentence_text(1).startswith("Dijo que la cooperación debe ser bilateral y que EE. UU.")


def test_a_document_of_unknown_language_is_aligned(tmp_path):
    (tmp_path / "short.txt").write_text("OK.\n")
    comparison = compare([ONE, str(tmp_path / "short.txt")], Options(artefacts=False))
    assert comparison.unaligned == () and comparison.document("short").language is None


def test_commands_without_a_header_warn_on_stderr_and_saving_keeps_the_version(tmp_path):
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    result = CliRunner().invoke(main, ["quote", "--semantic", "off", "China is willing to cooperate",
                                       ONE, str(tmp_path / "zh.txt")])
    assert result.exit_code == 0
    assert ("variance: warning: zh: in zh, the comparison in en: shown and segmented, not "
            "aligned") in result.stderr
    saved = tmp_path / "saved"
    first = CliRunner().invoke(main, ["align", "--semantic", "off", "--json", "-q", "--save-inputs",
                                      str(saved), ONE, TWO, str(tmp_path / "zh.txt")])
    again = CliRunner().invoke(main, ["align", "--semantic", "off", "--json", "-q", str(saved)])
    before, after = json.loads(first.stdout), json.loads(again.stdout)
    assert [d["id"] for d in after["unaligned"]] == ["zh"]
    assert after["statements"] == before["statements"]


def test_the_language_model_read_ahead_gives_the_same_languages_and_leaves_no_thread_running(tmp_path):
    # a command reads fastText's model on a thread while it imports the pipeline; the pipeline
    # waits for it after loading, so a fork (the report's artefacts, beside alignment) is allowed
    import threading

    from variance.load import language

    (tmp_path / "es.txt").write_text(SPANISH, encoding="utf-8")
    language._model.cache_clear()
    language._AHEAD.clear()
    language.load_model_ahead()
    comparison = compare([ONE, str(tmp_path / "es.txt")], Options(artefacts=False, quotes=False))
    assert [d.language for d in comparison.documents] == ["en", "es"]
    assert not any(t.name == "variance-language-model" for t in threading.enumerate())
    language.load_model_ahead()          # read already: nothing started
    assert len(language._AHEAD) == 1 and not language._AHEAD[0].is_alive()
