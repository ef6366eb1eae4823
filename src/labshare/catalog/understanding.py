"""How a search query is read: its time words, its words, and what each word may also mean.

"测材料的拉伸强度和断裂伸长率" is read as the words 材料, 拉伸强度, 断裂伸长率 (测, 的 and 和
count for almost nothing), each a *concept*: the word itself, its sub-words, and, through the
thesaurus, the words and instrument classes that answer it. An instrument scores per concept
the best of these it has, so a word is never counted twice. The factors below make the word
itself count for about twice what the thesaurus adds in the same field; a class reached through
the thesaurus weighs like a class name, so it still beats the word in a minor field such as the
specifications (see ranking.py for the whole score).
"""

from dataclasses import dataclass, field

from labshare.catalog import search, thesaurus, when
from labshare.catalog.when import TimeAsk

# A query is cut to this many words: a pasted page must not become a slow query.
MAX_CONCEPTS = 12
MAX_QUERY_LENGTH = 200
# How much a match counts, by how it was reached.
EXACT = 1.0
SUB_WORD = 0.6
THESAURUS_WORD = 0.5
THESAURUS_CLASS = 0.45
# Filler counts this much of a word: 测, 分析, 样品 … never decide a result, but break ties.
FILLER_WEIGHT = 0.1
FILLER = {
    "测",
    "测定",
    "测试",
    "检测",
    "测量",
    "测一下",
    "分析",
    "化验",
    "检验",
    "试验",
    "实验",
    "表征",
    "鉴定",
    "做",
    "做个",
    "做一下",
    "看",
    "看看",
    "看一下",
    "帮",
    "帮忙",
    "想",
    "想要",
    "需要",
    "要",
    "请",
    "请问",
    "求",
    "找",
    "哪里",
    "哪儿",
    "哪家",
    "谁",
    "能",
    "能否",
    "可以",
    "可否",
    "有没有",
    "有无",
    "是否",
    "怎么",
    "如何",
    "什么",
    "一下",
    "一个",
    "个",
    "些",
    "下",
    "用",
    "用于",
    "进行",
    "对",
    "把",
    "给",
    "关于",
    "方面",
    "相关",
    "问题",
    "服务",
    "项目",
    "样品",
    "样本",
    "试样",
    "含量",
    "数据",
    "结果",
    "报告",
    "仪器",
    "设备",
    "仪器设备",
    "机器",
    "机",
    "平台",
    "实验室",
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "以及",
    "并",
    "还有",
    "跟",
    "在",
    "中",
    "里",
    "里面",
    "上",
    "是",
    "有",
    "吗",
    "呢",
    "吧",
    "啊",
    "哦",
    "等",
    "等等",
    "我",
    "我们",
    "公司",
    "一些",
    "多少",
    "几",
    "及其",
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "to",
    "test",
    "testing",
    "analysis",
    "measure",
    "measurement",
    "sample",
}


@dataclass
class Concept:
    """One word of the query and the index terms that answer it, each with its factor."""

    word: str
    terms: dict[str, float]
    weight: float = 1.0
    entry: thesaurus.Entry | None = None

    @property
    def is_filler(self) -> bool:
        return self.weight < 1.0


@dataclass
class Understanding:
    query: str
    text: str  # the query without its time words
    concepts: list[Concept] = field(default_factory=list)
    time: TimeAsk | None = None
    too_long: bool = False

    @property
    def has_words(self) -> bool:
        return bool(self.concepts)

    @property
    def meaningful(self) -> list[Concept]:
        return [c for c in self.concepts if not c.is_filler] or self.concepts

    @property
    def expansions(self) -> list[Concept]:
        return [c for c in self.concepts if c.entry is not None]


def clean_query(query: str) -> tuple[str, bool]:
    """The query as searched: without control characters, cut to MAX_QUERY_LENGTH."""
    text = "".join(" " if ord(char) < 32 or char == "\x7f" else char for char in query or "")
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def words_of(text: str) -> list[str]:
    """The query's words in order, thesaurus terms in Latin letters (gc-ms) kept whole."""
    lowered = text.lower()
    words: list[str] = []
    position = 0
    for match in thesaurus.latin_pattern().finditer(lowered):
        words.extend(search.clean(search.segmenter().cut(lowered[position : match.start()])))
        words.append(match.group(0))
        position = match.end()
    words.extend(search.clean(search.segmenter().cut(lowered[position:])))
    return list(dict.fromkeys(words))


def concept(word: str, expand: bool = True) -> Concept:
    terms = {word: EXACT}
    if len(word) >= 3 and not word.isascii():
        for part in search.clean(search.segmenter().cut_for_search(word)):
            if part != word and len(part) > 1 and part not in FILLER:
                terms.setdefault(part, SUB_WORD)
    entry = thesaurus.lookup(word) if expand and word not in FILLER else None
    # A stray single character (器, 测) says little, unless the thesaurus knows it (铅, 汞).
    is_filler = word in FILLER or (len(word) == 1 and not word.isascii() and entry is None)
    entries = [entry] if entry is not None else []
    if entry is None and expand and not is_filler and not word.isascii():
        # A word the thesaurus does not know may hold ones it does: 铁锌 → 铁, 锌.
        parts = [p for p in terms if p != word] + (list(word) if len(word) <= 3 else [])
        entries = [e for p in parts if p not in FILLER and (e := thesaurus.lookup(p))]
    for found in entries:
        for expansion in found.words:
            terms.setdefault(expansion, THESAURUS_WORD)
        for code in found.classes:
            terms.setdefault(search.class_term(code), THESAURUS_CLASS)
    return Concept(word, terms, FILLER_WEIGHT if is_filler else 1.0, entry)


def understand(query: str, literal: frozenset[str] = frozenset(), now=None) -> Understanding:
    """Read the query; words in `literal` are searched as typed, without the thesaurus."""
    cleaned, too_long = clean_query(query)
    text, time_ask = when.parse(cleaned, now)
    concepts = [concept(word, expand=word not in literal) for word in words_of(text)]
    # Meaningful words first, so the cap drops filler before anything that says what is wanted.
    concepts.sort(key=lambda c: c.is_filler)
    too_long = too_long or len(concepts) > MAX_CONCEPTS
    return Understanding(query, text, concepts[:MAX_CONCEPTS], time_ask, too_long)
