"""Country and region names in Chinese and English, for "which country" and "which city"."""

from __future__ import annotations

from functools import lru_cache

from rag.config import PACKAGE_DATA

DATA = PACKAGE_DATA / "countries.tsv"
# regions and groupings: places, but neither countries nor cities
REGIONS_ZH = set(
    "非洲 亚洲 欧洲 美洲 大洋洲 拉丁美洲 拉美 加勒比 中东 北非 西非 东非 南部非洲 "
    "中非 中美洲 南美洲 北美洲 东南亚 南亚 中亚 西亚 东亚 太平洋 大西洋 地中海 "
    "萨赫勒 巴尔干 高加索 阿拉伯 "
    "全球 世界 各国 各地 国内 国际 区域 地区 本国 该国".split()
)
REGIONS_EN = {
    "africa", "asia", "europe", "americas", "latin america", "caribbean", "middle east",
    "north africa", "west africa", "east africa", "central america", "south america",
    "pacific", "sahel", "balkans", "oceania", "arab region", "central asia", "south-east asia",
}


@lru_cache(maxsize=1)
def country_table() -> list[tuple[list[str], list[str]]]:
    """(Chinese names, English names) of each country."""
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names_zh, _, names_en = line.partition("\t")
            rows.append(([n for n in names_zh.split("|") if n],
                         [n for n in names_en.split("|") if n]))
    return rows


@lru_cache(maxsize=1)
def countries() -> tuple[frozenset[str], frozenset[str]]:
    """(Chinese names, lower-cased English names)."""
    return (frozenset(n for zh, _ in country_table() for n in zh),
            frozenset(n.lower() for _, en in country_table() for n in en))


def chinese_names(name: str) -> list[str]:
    """Every Chinese name of the country ``name`` (in either language) goes by."""
    low = name.lower()
    for zh, en in country_table():
        if name in zh or low in (e.lower() for e in en):
            return zh
    return []


def is_country(name: str) -> bool:
    zh, en = countries()
    return name in zh or name.lower() in en


def is_region(name: str) -> bool:
    return name in REGIONS_ZH or name.lower() in REGIONS_EN


def countries_in(text: str) -> list[str]:
    """Country names in ``text``, longest match first, without overlaps."""
    zh, en = countries()
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for name in sorted(zh | en, key=len, reverse=True):
        hay = text if name in zh else low
        start = hay.find(name)
        while start >= 0:
            end = start + len(name)
            ascii_ok = not name.isascii() or _word_bounded(low, start, end)
            if ascii_ok and not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append(text[start:end])
            start = hay.find(name, end)
    return found


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()
