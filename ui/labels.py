"""Every user-visible UI string, in Chinese and English.

Labels follow the user's language: the toggle starts from the browser's
Accept-Language and then follows the language of each question asked.
"""

from __future__ import annotations

LANGS = ("zh", "en")
LANG_CHOICES = [("中文", "zh"), ("English", "en")]

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "联合国报告问答",
        "subtitle": "每个回答都标注出处段落 [¶N]；点击标注即可查看原文段落。",
        "tab_chat": "问答",
        "tab_read": "阅读报告",
        "tab_add": "添加文件",
        "chat": "对话",
        "question": "问题",
        "placeholder": "用中文或英文提问，例如：报告认为加强全球裁军方面的合作能带来什么好处？",
        "send": "提问",
        "clear": "清空对话",
        "examples": "示例问题",
        "doc_filter": "文件范围",
        "all_docs": "全部文件",
        "taken_only": "理解为询问（只检索该文件）：",
        "taken_first": "理解为询问（优先检索）：",
        "settings": "设置",
        "top_k": "检索段落数 (top-k)",
        "answerer": "回答方式",
        "extractive": "摘录原文",
        "llm": "大语言模型",
        "evidence": "证据",
        "evidence_empty": "提问后，这里会显示回答引用的段落。点击回答中的 [¶N] 即可打开对应段落。",
        "cited": "引用的段落",
        "also_retrieved": "同时检索到",
        "closest": "最接近的段落",
        "unsupported": "无支持 UNSUPPORTED",
        "unsupported_note": "{n} 处引用未能在所引段落中找到支持，请核对原文。",
        "supported": "有支持",
        "score": "检索得分",
        "support": "支持度",
        "footnotes": "脚注",
        "section": "章节",
        "page": "页",
        "claim": "回答中的说法",
        "counterpart": "{doc} 中的同一段落",
        "summary": "概要",
        "thinking": "正在检索…",
        "translating": "正在翻译…译文通过核查后即显示在此处；在此之前显示原文。",
        "original_of": "原文（{language}）",
        "facts": "原文中的数字、日期和名称",
        "error": "出错了，请稍后再试。详细信息已记入服务器日志。",
        "empty": "请输入问题。",
        "read_doc": "文件",
        "jump": "跳到段落 ¶",
        "jump_btn": "跳转",
        "filter": "筛选",
        "filter_placeholder": "输入关键词筛选段落",
        "contents": "目录",
        "showing": "显示 {shown} / {total} 个段落",
        "no_match": "没有段落包含“{q}”。",
        "no_para": "{doc} 中没有第 {n} 段。",
        "no_doc": "链接中的文件不在资料库中：{doc}",
        "no_docs": "资料库中还没有文件。",
        "upload": "上传 .txt 或 .pdf 文件",
        "upload_help": "上传联合国文件（.txt 或 .pdf，带编号段落）。添加后即可在问答中检索。"
                       "同一文件再次上传只会更新有变化的段落。",
        "ingest_btn": "添加到资料库",
        "no_files": "请先选择文件。",
        "ingest_head": "文件,段落：新增,更新,未变,删除",
        "ingest_failed": "失败",
        "ingest_done": "完成：{line}",
        "language": "语言 / Language",
        "timing": "用时 {ms:.0f} 毫秒",
        "mt_label": "机器翻译（{model}）",
        "mt_mark": "机器翻译（{model}），原文附后，亦见引文卡片",
        "mt_gist": "机器翻译，可能有误",
        "mt_withheld": "机器翻译未通过核查（{checks}），显示原文",
        "original": "原文",
        "view": "显示",
        "view_original": "原文",
        "view_translation": "译文",
        "view_both": "对照",
        "not_translated": "（尚无译文）",
        "understood_as": "理解为：",
        "understood_edit": "问题被理解为（可修改后重新提问）",
        "resend": "按此提问",
        "copy_sources": "复制（附出处）",
        "copy_markdown": "Markdown",
        "copied": "已复制",
        "download_json": "下载本次对话 (JSON)",
        "download_md": "下载本次对话 (Markdown)",
        "link": "段落链接",
        "link_title": "可分享的链接：在阅读页打开并标出此段",
    },
    "en": {
        "title": "UN report Q&A",
        "subtitle": "Every answer cites its paragraphs as [¶N]; click a marker to read the "
                    "paragraph.",
        "tab_chat": "Ask",
        "tab_read": "Read the report",
        "tab_add": "Add documents",
        "chat": "Chat",
        "question": "Question",
        "placeholder": "Ask in English or Chinese, e.g. What does the report say about easing "
                       "sanctions?",
        "send": "Ask",
        "clear": "Clear chat",
        "examples": "Example questions",
        "doc_filter": "Documents",
        "all_docs": "All documents",
        "taken_only": "Taken to mean (searched alone):",
        "taken_first": "Taken to mean (searched first):",
        "settings": "Settings",
        "top_k": "Paragraphs to retrieve (top-k)",
        "answerer": "Answerer",
        "extractive": "Extractive (quotes)",
        "llm": "LLM",
        "evidence": "Evidence",
        "evidence_empty": "The paragraphs an answer cites appear here. Click a [¶N] in an "
                          "answer to open its paragraph.",
        "cited": "Cited paragraphs",
        "also_retrieved": "Also retrieved",
        "closest": "Closest passages",
        "unsupported": "UNSUPPORTED",
        "unsupported_note": "{n} citation(s) are not supported by the paragraph cited; "
                            "check the text.",
        "supported": "supported",
        "score": "retrieval score",
        "support": "support",
        "footnotes": "Footnotes",
        "section": "Section",
        "page": "page",
        "claim": "Claim in the answer",
        "counterpart": "The same paragraph in {doc}",
        "summary": "Summary",
        "thinking": "Searching…",
        "translating": "Translating… the English text appears here once it passes its "
                       "checks; until then, the original.",
        "original_of": "Original ({language})",
        "facts": "Numbers, dates and names in the original",
        "error": "Something went wrong; please try again. The details are in the server log.",
        "empty": "Please type a question.",
        "read_doc": "Document",
        "jump": "Jump to ¶",
        "jump_btn": "Go",
        "filter": "Filter",
        "filter_placeholder": "Type a word to filter paragraphs",
        "contents": "Contents",
        "showing": "Showing {shown} of {total} paragraphs",
        "no_match": "No paragraph contains “{q}”.",
        "no_para": "{doc} has no paragraph {n}.",
        "no_doc": "The link names a document that is not in the library: {doc}",
        "no_docs": "The library holds no documents yet.",
        "upload": "Upload .txt or .pdf files",
        "upload_help": "Upload UN documents (.txt or .pdf with numbered paragraphs). Once added "
                       "they are searchable in the chat. Uploading a file again only updates "
                       "the paragraphs that changed.",
        "ingest_btn": "Add to the library",
        "no_files": "Choose a file first.",
        "ingest_head": "File,Paragraphs: added,updated,unchanged,deleted",
        "ingest_failed": "failed",
        "ingest_done": "Done: {line}",
        "language": "语言 / Language",
        "timing": "{ms:.0f} ms",
        "mt_label": "Machine translation ({model})",
        "mt_mark": "Machine translation by {model}; the original is beside it and on the card",
        "mt_gist": "Machine translation, may contain errors",
        "mt_withheld": "Machine translation withheld (failed: {checks}); the original is shown",
        "original": "Original",
        "view": "Show",
        "view_original": "Original",
        "view_translation": "Translation",
        "view_both": "Side by side",
        "not_translated": "(not translated yet)",
        "understood_as": "Understood as:",
        "understood_edit": "Your question was understood as (edit it and ask again)",
        "resend": "Ask this",
        "copy_sources": "Copy with sources",
        "copy_markdown": "Markdown",
        "copied": "Copied",
        "download_json": "Download this conversation (JSON)",
        "download_md": "Download this conversation (Markdown)",
        "link": "Link to this paragraph",
        "link_title": "A shareable link: opens the reader at this paragraph, highlighted",
    },
}

# Spread over the report: the summary, ¶13, ¶57, ¶64, ¶79, ¶86.
EXAMPLES: dict[str, list[str]] = {
    "zh": [
        "报告概要怎样描述当前世界所处的局势？",
        "为应对COVID-19，人权高专办如何将发展权纳入主流？",
        "人道主义基金向多少个国家的酷刑受害者发放了赠款？",
        "经济、社会及文化权利委员会建议比利时做什么？",
        "报告对COVID-19疫苗和疫苗民族主义有什么看法？",
        "报告认为加强全球裁军方面的合作能带来什么好处？",
    ],
    "en": [
        "What did the General Assembly ask the Secretary-General to report on in resolution 75/1?",
        "How did OHCHR mainstream the right to development in response to COVID-19?",
        "How many grants did the humanitarian fund give to victims of torture?",
        "What did the Committee on Economic, Social and Cultural Rights recommend to Belgium?",
        "What does the report say about vaccine nationalism?",
        "What does the report say about easing sanctions?",
    ],
}


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def t(lang: str | None, key: str, **fmt: object) -> str:
    """The label ``key`` in ``lang``; English when the language is unknown."""
    text = _LABELS[norm_lang(lang)][key]
    return text.format(**fmt) if fmt else text


def lang_from_header(accept_language: str | None) -> str:
    """Chinese when the browser prefers it, else English."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "zh" if first.startswith("zh") else "en"
