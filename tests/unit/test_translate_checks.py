"""Every check passes a good hand-made translation and fails a bad one."""

import numpy as np
import pytest

from rag.translate.checks import Checker
from rag.translate.facts import compare, facts
from rag.translate.terms import Terminology, normalise

TERMS = Terminology.load()
CHECKER = Checker(TERMS)


def run(zh: str, en: str) -> list[str]:
    src = normalise(zh, "zh")
    failed, _ = CHECKER.check(src, en, "zh", "en", TERMS.find(src, "zh"))
    return failed


def run_en(en: str, zh: str) -> list[str]:
    failed, _ = CHECKER.check(en, zh, "en", "zh", TERMS.find(en, "en"))
    return failed


GOOD = ("In June 2020, OHCHR and the United Nations Office on Drugs and Crime (UNODC) jointly "
        "held a webinar on human rights and monitoring.")
ZH = "2020 年 6 月，人权高专办与联合国毒品和犯罪问题办公室(UNODC)合作举办了关于人权和监测的网络研讨会。"


def test_a_good_translation_passes_everything():
    assert run(ZH, GOOD) == []


@pytest.mark.parametrize("zh,en", [
    ("2021 年 3 月，理事会首次举行会议。", "In March 2021, the Council held its first meeting."),
    ("需要将国民总收入的 0.7%用于官方发展援助。",
     "0.7 per cent of gross national income is needed for official development assistance."),
    ("要使剩余的 36 亿人接入互联网。", "The remaining 3.6 billion people must be connected."),
    ("参加人员达 1,235 名。", "There were 1,235 participants."),
    ("确定了七个具体行动领域。", "It identified seven specific areas."),
    ("第三次会议。", "The third meeting."),
    ("指标 10.3.1/16.b.1 的数据。", "Data for indicator 10.3.1/16.b.1."),
])
def test_numbers_kept_in_any_written_form(zh, en):
    assert "numbers" not in run(zh, en)


@pytest.mark.parametrize("en", [
    "In March 2020, OHCHR and UNODC held a webinar.",           # wrong year
    "In July 2020, OHCHR and UNODC held a webinar.",            # wrong month
    "In 2020, OHCHR and UNODC held a webinar.",                 # month dropped
    "On 17 June 2020, OHCHR and UNODC held a webinar.",         # day invented
    "In June 2020, OHCHR and the drugs office held a webinar.",  # acronym UNODC dropped
])
def test_numbers_fail_when_changed_dropped_or_invented(en):
    assert "numbers" in run(ZH, en)


def test_fractions_count_as_numbers():
    assert facts("不到五分之一，至少一半", "zh") == facts("less than a fifth, at least half", "en")
    assert facts("a third meeting", "en") == {"ord:3"}
    en = "Donors should direct at least half of water aid to the least developed countries."
    assert "numbers" not in run_en(en, "捐助方应将至少一半的水援助用于最不发达国家。")
    assert "numbers" in run_en(en, "捐助方应至少将水援助用于最不发达国家。")


def test_number_facts_are_language_neutral():
    assert facts("2021年3月，36亿人，0.7%", "zh") == facts(
        "March 2021, 3.6 billion people, 0.7 per cent", "en")
    missing, extra = compare(facts("250多名", "zh"), facts("25 people", "en"),
                             facts("25 people", "en", words=False))
    assert missing == ["num:250"] and extra == ["num:25"]


def test_terms_fail_when_a_known_term_is_missing():
    assert "terms" in run(ZH, GOOD.replace("OHCHR", "the Human Rights Office"))


def test_foreign_names_fail_on_an_organisation_the_source_lacks():
    zh = "人权高专办继续支持萨赫勒五国集团国家的体制框架。"
    good = "OHCHR continued to support the institutional frameworks of the G5 Sahel countries."
    assert run(zh, good) == []
    assert "foreign_names" in run(zh, good.replace("OHCHR", "The World Bank"))
    assert "foreign_names" in run(zh, good.replace("OHCHR", "The Regional Office"))
    assert "foreign_names" in run(zh, good + " The Special Rapporteur agreed.")
    assert "foreign_names" in run(zh, good.replace("countries", "countries and Mali"
                                                   ).replace("G5 Sahel", "G5 Sahel, UNICEF"))


def test_similarity_uses_the_embedding_and_threshold():
    vecs = {"源": np.array([1.0, 0.0]), "good": np.array([0.9, 0.1]), "bad": np.array([0.0, 1.0])}
    checker = Checker(TERMS, embed=lambda xs: np.stack([vecs[x] for x in xs]),
                      similarity_threshold=0.8)
    ok, sim = checker.check("源", "good", "zh", "en", [])
    assert "similarity" not in ok and sim > 0.9
    bad, sim = checker.check("源", "bad", "zh", "en", [])
    assert "similarity" in bad and sim < 0.1


def test_repetition():
    looped = "OHCHR held a webinar on human rights, " * 4
    assert "repetition" in run(ZH, GOOD + " " + looped)
    assert "repetition" not in run(ZH, GOOD)


def test_length():
    assert "length" in run(ZH, "OHCHR, UNODC, June 2020.")
    assert "length" in run(ZH, GOOD + " It was a very long and detailed webinar indeed." * 8)


def test_echo_of_prompt_or_source():
    assert "echo" in run(ZH, "Here is the translation: " + GOOD)
    assert "echo" in run(ZH, GOOD + " <|im_end|>")
    assert "echo" not in run(ZH, GOOD)
    assert "echo" in run(ZH, GOOD + " [¶24]")
    assert "echo" in run(ZH, GOOD.replace("webinar", "webinar [8]"))


def test_untranslated_chinese_left_in_english():
    assert "untranslated" in run(ZH, GOOD.replace("monitoring", "监测"))


def test_untranslated_english_left_in_chinese():
    en = "Women led 45 per cent of them."
    assert "untranslated" not in run_en(en, "其中 45%由妇女领导。")
    assert "untranslated" in run_en(en, "其中 45%由women领导。")


def test_empty_output():
    assert run(ZH, "  ") == ["empty"]


def test_en_to_zh_numbers_terms_and_foreign_names():
    en = "In 2028, OHCHR supported water utilities in 14 countries, including Chad."
    good = "2028 年，人权高专办支持了 14 个国家的供水公用事业，包括乍得。"
    assert run_en(en, good) == []
    assert "numbers" in run_en(en, good.replace("14", "41"))
    assert "terms" in run_en(en, good.replace("乍得", "苏丹"))
    assert "foreign_names" in run_en(en, good.replace("乍得", "乍得和世界卫生组织"))


def test_chinese_spacing_does_not_matter_for_terms():
    en = "The Human Rights Council, in its resolution 90/3, requested the Special Rapporteur to report."
    assert run_en(en, "人权理事会在第90/3号决议中请特别报告员提出报告。") == []
    assert "terms" in run_en(en, "人权理事会在决议中请特别报告员提出报告。")


# -- what a translation says: who speaks, what is negated (rag/translate/meaning.py) --
def test_a_first_person_the_source_lacks_is_withheld():
    from rag.translate.meaning import voice_ok

    assert not voice_ok("建议贝宁审查给予投资者的特许权；",
                        "We suggest Benin review the concessions granted to investors.")
    assert not voice_ok("需要作出新的承诺。", "We need to make new commitments.")
    assert voice_ok("我们呼吁各国加强合作。", "We call on States to strengthen cooperation.")
    assert voice_ok("建议贝宁审查特许权。", "It recommends that Benin review the concessions.")


def test_an_absence_or_a_lost_negation_is_withheld():
    from rag.translate.meaning import polarity_ok

    assert not polarity_ok("包括在获得疫苗方面。", "including in the absence of vaccines.")
    assert not polarity_ok("该国尚未批准公约。", "The country has ratified the Convention.")
    assert polarity_ok("实现不让任何人掉队的承诺。", "the commitment to leave no one behind.")
    assert polarity_ok("缺乏资金。", "There is a lack of funding.")
    assert polarity_ok("包括在获得疫苗方面。", "including in access to vaccines.")


def test_the_checker_reports_them_by_name():
    checker = Checker(Terminology.load())
    failed, _ = checker.check("建议贝宁审查给予投资者的特许权；",
                              "We suggest Benin review the concessions granted to investors.",
                              "zh", "en", [])
    assert "voice" in failed
