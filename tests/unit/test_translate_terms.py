"""Terminology: loading, longest-first matching, rules, injection and restoration."""

from rag.translate.doc_terms import document_terms
from rag.translate.terms import Term, Terminology, inject, normalise, restore

TERMS = Terminology.load()


def _inject(zh: str) -> str:
    text = normalise(zh, "zh")
    return inject(text, TERMS.find(text, "zh"), "en")


def test_data_file_has_a_version_and_the_issue_terms():
    assert TERMS.version.startswith("un-terms-")
    by_zh = {t.zh: t.en for t in TERMS.terms}
    assert by_zh["人权高专办"] == "OHCHR"
    assert by_zh["联合国人权事务高级专员"] == "United Nations High Commissioner for Human Rights"
    assert by_zh["普遍定期审议"] == "universal periodic review"
    assert by_zh["萨赫勒五国集团"] == "G5 Sahel"
    assert by_zh["美洲开发银行"] == "Inter-American Development Bank"
    assert by_zh["特别程序"] == "special procedures"
    assert by_zh["条约机构"] == "treaty bodies"
    assert by_zh["可持续发展目标"] == "Sustainable Development Goals"


def test_longest_match_wins_and_spaces_are_normalised():
    text = normalise("说明联合国人权事务高级专员办事处(人权高专办)在 2020 年", "zh")
    found = [m.term.en for m in TERMS.find(text, "zh")]
    assert found == ["Office of the United Nations High Commissioner for Human Rights", "OHCHR"]
    assert "2020年" in text


def test_session_resolution_and_general_comment_rules():
    out = _inject("大会第七十五届会议通过了第 75/1 号决议和安全理事会第 1325(2000)号决议以及第 25 号一般性意见")
    assert "General Assembly seventy-fifth session" in out
    assert "resolution 75/1" in out
    assert "Security Council resolution 1325 (2000)" in out
    assert "general comment No. 25" in out
    assert "第三十六届" not in _inject("工作组第三十六届和第三十七届会议")


def test_injection_drops_title_brackets_and_spaces_latin_neighbours():
    assert _inject("执行《巴黎协定》") == "执行Paris Agreement"
    assert _inject("人权高专办西非区域办事处") == "OHCHR Regional Office for West Africa"


def test_restore_fixes_case_and_spacing_of_an_injected_form():
    text = normalise("人权高专办与萨赫勒五国集团合作", "zh")
    matches = TERMS.find(text, "zh")
    assert restore("ohchr worked with the G5sahel.", matches, "en") == (
        "OHCHR worked with the G5 Sahel.")


def test_english_side_matching_for_en_to_zh():
    text = ("The Office of the United Nations High Commissioner for Human Rights (OHCHR) "
            "reported to the seventy-fifth session under resolution 90/3.")
    out = inject(text, TERMS.find(text, "en"), "zh")
    assert "联合国人权事务高级专员办事处 (人权高专办)" in out
    assert "第七十五届会议" in out and "第 90/3 号决议" in out


def test_with_extra_terms_override_and_version():
    extra = TERMS.with_extra([Term("人权高专办", "the Office", "org")])
    assert extra.version.endswith("+doc")
    assert extra.find("人权高专办", "zh")[0].term.en == "the Office"


def test_document_terms_from_aliases_and_latin_brackets():
    base = Terminology([Term("世界卫生组织", "World Health Organization", "org", ("WHO",))])
    found = {t.zh: t for t in document_terms(
        ["她支持世界卫生组织(世卫组织)的呼吁。", "与甲乙丙基金会(ABCF)合作。"], base)}
    assert found["世卫组织"].en == "WHO"
    assert found["甲乙丙基金会"].en == "ABCF"


def test_dates_and_large_numbers_are_injected_in_the_target_form():
    assert _inject("2021 年 9 月提交") == "September 2021提交"
    assert _inject("2020 年 7 月 17 日第 44/18 号决议") == "17 July 2020 resolution 44/18"
    assert _inject("2020 年 2 月和 3 月") == "February and March 2020"
    assert _inject("36 亿人和 30 万人") == "3.6 billion人和300,000人"
    en = "on 17 July 2020, in November 2028, 2.2 billion and 300,000 people, 45 per cent"
    assert inject(en, TERMS.find(en, "en"), "zh") == (
        "on 2020 年 7 月 17 日, in 2028 年 11 月, 22 亿 and 30 万 people, 45%")


def test_number_rules_can_be_switched_off():
    plain = Terminology(TERMS.terms, TERMS.version, number_rules=False)
    text = normalise("2021 年 9 月大会", "zh")
    assert [m.term.en for m in plain.find(text, "zh")] == ["General Assembly"]


def test_placeholder_injection_and_restoration():
    text = normalise("2020 年 6 月，人权高专办与萨赫勒五国集团合作。", "zh")
    matches = TERMS.find(text, "zh")
    assert inject(text, matches, "en", placeholders=True) == "June 2020，[2]与[3]合作。"
    assert restore("In June 2020, [2] worked with the 【3】.", matches, "en", placeholders=True) == (
        "In June 2020, OHCHR worked with the G5 Sahel.")


def test_a_documents_terminology_is_made_once_and_kept_bounded(monkeypatch):
    """Every cached translation is checked again on lookup with the document's terms: a
    fresh terminology each time rebuilt its patterns (24 ms a lookup)."""
    import rag.translate.terms as terms_module

    base = Terminology([Term("人权理事会", "Human Rights Council", "body")], "v1")
    one, two = [Term("世卫组织", "WHO", "org")], [Term("开发署", "UNDP", "org")]
    first = base.with_extra(one)
    assert base.with_extra(list(one)) is first and first.version == "v1+doc"
    assert base.with_extra([]) is base
    monkeypatch.setattr(terms_module, "WITH_EXTRA_KEPT", 1)
    other = base.with_extra(two)  # the oldest goes to keep one
    assert base.with_extra(two) is other and base.with_extra(one) is not first
