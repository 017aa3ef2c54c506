"""Who acts on whom, on both sides: the two role errors audits A1 and A2 found (each
judged factual), their faithful translations, and what the check leaves alone."""

from __future__ import annotations

import pytest

from rag.translate.checks import Checker
from rag.translate.roles import en_role, roles_ok, zh_role
from rag.translate.terms import Terminology, normalise

TERMS = Terminology.load()
SUPPORT = ("“增援倡议”团队与人权高专办所有外地机构进行了接触，通过为驻地协调员和国家工作队组织一次"
           "讲习班，为发展协调办公室提供实质性支持。")
JOINT = "2020年4月，人权高专办协调编写了一份与联合国国家工作队联合提交的关于 COVID-19 对人权影响的材料。"


def ok(source: str, output: str) -> bool:
    source = normalise(source, "zh")
    return roles_ok(source, output, TERMS.find(source, "zh"))


@pytest.mark.parametrize(("source", "wrong", "right"), [
    (SUPPORT,  # A2: the support is given TO the Office, not BY it
     "The Surge Initiative team engaged with all OHCHR field presences, organizing a workshop "
     "for resident coordinators and country teams, with substantive support provided by the "
     "Development Coordination Office.",
     "The Surge Initiative team engaged with all OHCHR field presences and provided "
     "substantive support to the Development Coordination Office by organizing a workshop "
     "for resident coordinators and country teams."),
    (JOINT,  # A1: a submission made jointly WITH the country team, not one sent TO it
     "In April 2020, OHCHR coordinated the preparation of a joint submission to United "
     "Nations country teams on the impact of COVID-19 on human rights.",
     "In April 2020, OHCHR coordinated a submission made jointly with the United Nations "
     "country team on the impact of COVID-19 on human rights."),
])
def test_a_name_in_a_role_the_chinese_does_not_give_it_fails(source, wrong, right):
    assert not ok(source, wrong)
    assert ok(source, right)


def test_roles_read_on_each_side():
    source = normalise("该方案由人权高专办管理，并向联合国人权事务高级专员提交报告。", "zh")
    found = {m.term.en: zh_role(source, m) for m in TERMS.find(source, "zh")}
    assert found["OHCHR"] == "agent"
    assert en_role("The programme is managed by OHCHR.", "OHCHR") == "agent"
    assert en_role("OHCHR was supported by donors.", "OHCHR") == "recipient"
    assert en_role("In April 2020, OHCHR supported 28 States.", "OHCHR") == "agent"
    assert en_role("It reported to OHCHR.", "OHCHR") == "recipient"
    assert en_role("Guidance was issued, including OHCHR's.", "OHCHR") is None


def test_a_name_whose_role_is_unclear_is_not_judged():
    source = "人权高专办支持了 28 个国家。"
    assert ok(source, "Twenty-eight countries received support; OHCHR supported them.")
    assert ok(source, "With OHCHR's support, 28 countries were helped.")  # a partner: no conflict


def test_the_checker_names_the_roles_check():
    source = normalise(JOINT, "zh")
    failed, _ = Checker(TERMS).check(
        source, "In April 2020, OHCHR coordinated the preparation of a joint submission to "
        "United Nations country teams on the impact of COVID-19 on human rights.",
        "zh", "en", TERMS.find(source, "zh"), similarity=False)
    assert failed == ["roles"]
