# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""TK-6: the keywords of a request title, for duplicate screening.

Trigram similarity works poorly on Chinese (two-character words, no spaces): two titles about
the same broken lift share few trigrams, while two titles that only share a place name look
alike. Titles are therefore segmented into words with jieba; words of one character, function
words and words every request uses (投诉, 反映, 问题…) are dropped.
"""
import logging
import re

try:
    import jieba
except ImportError:  # pragma: no cover - declared in external_dependencies
    jieba = None
else:
    jieba.setLogLevel(logging.WARNING)

STOPWORDS = frozenset("""
    的 了 在 是 和 与 及 或 又 也 都 还 被 把 有 无 不 没 没有 就 而 并 等 及其 以及 对于 关于 由于
    请 请求 要求 反映 反应 问题 投诉 咨询 举报 建议 求助 表扬 申诉 留言 情况 相关 一直 多次 再次 已经
    希望 能否 能不能 如何 怎么 怎么办 什么 哪里 为什么 是否 市民 来电 来电人 我 我们 你 您 他 她 它
    这 那 这个 那个 这里 那里 个 上 下 中 里 后 前 时 时候 进行 存在 导致 出现 造成 目前 现在 今天
    一个 一些 没人 无人 处理 解决 尽快 帮助 帮忙 给予 严重 非常 很 太 特别
""".split())
WORD = re.compile(r'^[\w]+$', re.UNICODE)


def title_keywords(text):
    """The distinct keywords of ``text``, sorted, as one space-separated string."""
    if not text or jieba is None:
        return False
    words = set()
    for word in jieba.cut(text.strip().lower()):
        word = word.strip()
        if len(word) < 2 or word in STOPWORDS or not WORD.match(word):
            continue
        words.add(word)
    return ' '.join(sorted(words)) or False
