"""What a question asks for, and what a sentence offers for it. jieba and the country
list only; no models."""

from __future__ import annotations

import pytest

from rag.understand.slots import Slot, fillers, new_fillers, question_slot
from rag.understand.slots.fillers import cn_to_int


@pytest.mark.parametrize("question, lang, kind, unit, grain", [
    ("人道主义基金发放了多少笔赠款？", "zh", "number", "笔", ""),
    ("有多少名专家参加？", "zh", "number", "people", ""),
    ("多少学生参加了课程？", "zh", "number", "people", ""),
    ("人权高专办的预算是多少美元？", "zh", "money", "", ""),
    ("高级专员是谁？", "zh", "person", "", ""),
    ("会议是哪一年举行的？", "zh", "date", "", "year"),
    ("报告确切是在哪一天提交的？", "zh", "date", "", "day"),
    ("区域办事处设在哪个城市？", "zh", "city", "", ""),
    ("这个机制归政府哪个部管？", "zh", "ministry", "", ""),
    ("另外两个成员国是哪两个？", "zh", "countries", "named", ""),
    ("举行的是第几次年度审查？", "zh", "ordinal", "", ""),
    ("How many grants were given?", "en", "number", "", ""),
    ("How many people took part?", "en", "number", "people", ""),
    ("How much money did the fund receive?", "en", "money", "", ""),
    ("How many billion dollars were pledged?", "en", "money", "", ""),
    ("Who is the High Commissioner?", "en", "person", "", ""),
    ("Who paid for the project?", "en", "funder", "", ""),
    ("When was the resolution adopted?", "en", "date", "", ""),
    ("On what exact day was it presented?", "en", "date", "", "day"),
    ("In which month were they appointed?", "en", "date", "", "month"),
    ("In which city is the office based?", "en", "city", "", ""),
    ("Which governments proposed the waiver?", "en", "countries", "", ""),
    ("What did the assessments find in Senegal?", "en", "finding", "", ""),
    ("What incident set off the protests?", "en", "cause", "", ""),
    ("How long did the course last?", "en", "duration", "", ""),
    ("What was the gender split among the trainees?", "en", "percent", "", ""),
])
def test_question_slots(question, lang, kind, unit, grain):
    slot = question_slot(question, lang)
    assert slot is not None and (slot.kind, slot.unit, slot.grain) == (kind, unit, grain)


def test_open_questions_have_no_slot():
    assert question_slot("报告对疫苗民族主义有什么看法？", "zh") is None
    assert question_slot("What does the report say about vaccine nationalism?", "en") is None
    assert question_slot("On which two occasions did he call for it?", "en") is None


def test_what_a_count_counts():
    assert question_slot("How many case studies does it offer?", "en").noun == "case studies"
    assert question_slot("覆盖多少个国家？", "zh") == Slot("number", unit="个", noun="国家")


def kinds(slot: Slot, sentence: str) -> list[str]:
    return [f.text for f in fillers(slot, sentence)]


def test_numbers_by_unit_and_not_dates_ordinals_or_names():
    s = "截至 2020 年 12 月，基金在 28 个国家发放了 31 笔赠款，COVID-19 期间举行了第十次审查。"
    assert kinds(Slot("number", unit="笔"), s) == ["31"]
    assert kinds(Slot("number", unit="个", noun="国家"), s) == ["28"]
    assert "19" not in kinds(Slot("number"), s)  # COVID-19 counts nothing
    assert kinds(Slot("ordinal"), s) == ["第十"]
    assert kinds(Slot("number"), "人权高专办组织了一次研讨会。") == []  # 一次: "a", not a count
    assert kinds(Slot("number", unit="people"), "有来自 55 个国家的 150 名学生参加。") == ["150"]


def test_dates_at_their_grain():
    s = "2021 年 3 月，理事会首次举行会议。"
    assert kinds(Slot("date", grain="day"), s) == []
    assert kinds(Slot("date", grain="month"), s) == ["2021 年 3 月"]
    assert kinds(Slot("date", grain="day"), "会议于 2020 年 7 月 17 日通过决议。")
    assert kinds(Slot("date", grain="day"), "It was adopted on 17 July 2020.")


def test_money_percent_duration():
    assert kinds(Slot("money"), "基金收到 500 万美元捐款。") == ["500万美元"]
    assert kinds(Slot("money"), "基金收到 500 笔捐款。") == []
    assert kinds(Slot("percent"), "请求增加了 100%。") == ["100"]
    assert kinds(Slot("duration"), "完成了一个为期四年的项目。")


def test_places_people_and_bodies():
    assert kinds(Slot("country"), "人权高专办在乍得开展工作。") == ["乍得"]
    assert kinds(Slot("country"), "发展中国家受到冲击。") == []  # not 中国
    assert kinds(Slot("countries"), "最不发达国家需要特别关注。")[0].endswith("发达国家")
    assert kinds(Slot("countries", unit="named"), "最不发达国家需要特别关注。") == []
    assert kinds(Slot("city"), "人权高专办在乍得开展工作。") == []  # a country is no city
    assert "副高级专员" in kinds(Slot("person"), "联合国人权事务副高级专员参加了对话。")
    assert "纳尔逊·曼德拉" in kinds(Slot("person"), "秘书长在纳尔逊·曼德拉日发表演讲。")
    assert kinds(Slot("ministry"), "与卡塔尔外交部合作举办培训。") == ["卡塔尔外交部"]


def test_what_the_question_states_is_no_answer():
    s = "特别程序发出了 228 份信函，其中 133 份为联合信函。"
    slot = Slot("number", unit="份")
    assert [f.text for f in new_fillers(slot, s, "228份信函中有多少份寄给了政府？")] == ["133"]
    assert new_fillers(slot, "特别程序发出了 228 份信函。", "228份信函中有多少份寄给了政府？") == []
    assert new_fillers(Slot("country"), "人权高专办在乍得开展工作。", "Chad", ["乍得"]) == []


def test_findings_causes_and_funders_need_their_words():
    assert new_fillers(Slot("finding"), "评估显示贫困率上升。", "评估发现了什么？")
    assert not new_fillers(Slot("finding"), "在多个国家启动了快速评估。", "评估发现了什么？")
    assert not new_fillers(Slot("funder"), "人权高专办与开发署合作实施项目。", "Who paid?")


def test_chinese_numerals():
    assert (cn_to_int("二十八"), cn_to_int("两千"), cn_to_int("一百零五"), cn_to_int("三万")) == \
        (28, 2000, 105, 30_000)


@pytest.mark.parametrize("question, lang, kind", [
    ("2020年3月，委员会通过了哪项一般性意见？", "zh", "一般性意见"),
    ("董事会欢迎大会通过了哪一项决议？", "zh", "决议"),
    ("报告提到了哪部公约？", "zh", "公约"),
    ("Which general comment did CESCR adopt in March 2020?", "en", "一般性意见"),
    ("Under which Human Rights Council resolution was the meeting organized?", "en", "决议"),
    ("What declaration did the General Assembly adopt?", "en", "宣言"),
    ("Which conventions has Fiji ratified?", "en", "公约"),
])
def test_which_document_of_a_kind(question, lang, kind):
    assert question_slot(question, lang) == Slot("document", noun=kind)


def test_a_document_named_as_the_subject_asks_for_none():
    assert question_slot("What does resolution 44/18 request?", "en") is None
    assert question_slot("What did the resolution say about debt?", "en") is None
    assert question_slot("决议对债务说了什么？", "zh") is None


def test_documents_by_number_or_title_and_of_the_kind_asked():
    general_comment, resolution = Slot("document", noun="一般性意见"), Slot("document", noun="决议")
    s = "2020 年 3 月，委员会通过了第 25 号一般性意见(2020 年)，根据第 44/18 号决议。"
    assert kinds(general_comment, s) == ["第 25 号一般性意见"]
    assert kinds(resolution, s) == ["第 44/18 号决议"]
    assert kinds(resolution, "安全理事会第 1325(2000)号决议。") == ["第 1325(2000)号决议"]
    assert kinds(resolution, "2020 年 3 月，委员会通过了结论性意见。") == []  # names none
    declaration, convention = Slot("document", noun="宣言"), Slot("document", noun="公约")
    assert kinds(declaration, "将《联合国宪章》和《世界人权宣言》的承诺") == ["《世界人权宣言》"]
    assert kinds(declaration, "大会通过了纪念联合国成立 75 周年宣言，") == ["纪念联合国成立 75 周年宣言"]
    assert kinds(declaration, "the Universal Declaration of Human Rights and the Covenant") == [
        "Universal Declaration of Human Rights"]
    assert kinds(declaration, "The Declaration was adopted.") == []  # "the Declaration": which?
    assert kinds(convention, "the Convention on the Rights of Persons with Disabilities") == [
        "Convention on the Rights of Persons with Disabilities"]
    assert kinds(resolution, "In resolution 75/1, it adopted a declaration.") == ["resolution 75/1"]
    assert kinds(general_comment, "In its general comment No. 25 (2020)") == [
        "general comment No. 25"]
    # a document the question names is no answer to it
    assert new_fillers(resolution, s, "第 44/18 号决议通过于哪项决议之后？") == []
