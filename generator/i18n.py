"""Interface wording in both languages (content wording lives in content/)."""

from __future__ import annotations

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}

LABELS: dict[str, dict[str, str]] = {
    "home": {"zh": "首页", "en": "Home"},
    "pillars": {"zh": "五个方面", "en": "The five pillars"},
    "targets": {"zh": "2025年目标", "en": "2025 targets"},
    "sources": {"zh": "来源", "en": "Sources"},
    "source_texts": {"zh": "来源文件", "en": "Source documents"},
    "data": {"zh": "数据下载", "en": "Data"},
    "method": {"zh": "方法", "en": "Method"},
    "goals": {"zh": "规划目标", "en": "Goals of the plan"},
    "headline": {"zh": "国际影响力", "en": "International influence"},
    "key_figures": {"zh": "关键数据", "en": "Key figures"},
    "charts": {"zh": "图表", "en": "Charts"},
    "definition": {"zh": "定义", "en": "Definition"},
    "measures": {"zh": "主要举措", "en": "Key measures"},
    "next_steps": {"zh": "下一步（面向新征程）", "en": "Next steps"},
    "task": {"zh": "工作方案任务", "en": "Work plan task"},
    "target_status": {"zh": "目标状态", "en": "Target status"},
    "data_table": {"zh": "数据表", "en": "Data table"},
    "download": {"zh": "下载", "en": "Download"},
    "source": {"zh": "来源", "en": "Source"},
    "quote": {"zh": "原文", "en": "Original text"},
    "document": {"zh": "文件", "en": "Document"},
    "title": {"zh": "标题", "en": "Title"},
    "author": {"zh": "作者或发布机构", "en": "Author or issuing body"},
    "year": {"zh": "年份", "en": "Year"},
    "type": {"zh": "类型", "en": "Type"},
    "date_basis": {"zh": "日期依据", "en": "How the date is known"},
    "full_text": {"zh": "全文（标黄处为本站引用的句子）", "en": "Full text (highlighted: sentences this site quotes)"},
    "target": {"zh": "目标", "en": "Target"},
    "baseline": {"zh": "基线", "en": "Baseline"},
    "latest": {"zh": "最新观测值", "en": "Latest observation"},
    "status": {"zh": "状态", "en": "Status"},
    "rule": {"zh": "判断依据", "en": "How the status was computed"},
    "none": {"zh": "无", "en": "none"},
    "read_more": {"zh": "查看详情", "en": "Read more"},
    "all_targets": {"zh": "查看全部目标", "en": "See all targets"},
    "estimated": {"zh": "预计", "en": "estimated"},
    "other_page": {"zh": "English version of this page", "en": "本页中文版"},
    "data_as_of": {"zh": "数据截至", "en": "Data as of"},
    "content_version": {"zh": "内容版本", "en": "Content version"},
    "report_pdf": {"zh": "下载完整报告（PDF）", "en": "Download the full report (PDF)"},
    "period": {"zh": "时期", "en": "Period"},
    "no_data_note": {"zh": "说明", "en": "Note"},
}

SOURCE_TYPES = {
    "commentary": {"zh": "评论文章", "en": "Commentary"},
    "interpretation": {"zh": "规划解读", "en": "Plan interpretation"},
    "article": {"zh": "署名文章", "en": "Signed article"},
    "policy": {"zh": "政策文件", "en": "Policy document"},
    "news": {"zh": "新闻报道", "en": "News report"},
}
