# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Text helpers of the knowledge base: attachment text extraction (KB-6), Chinese word
segmentation for the PostgreSQL index and the query syntax (KB-7), snippets and pinyin (KB-8)."""
import html
import io
import logging
import re

_logger = logging.getLogger(__name__)

try:
    import jieba
    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover
    jieba = None
try:
    from pypinyin import Style, lazy_pinyin
except ImportError:  # pragma: no cover
    lazy_pinyin = None

WORD_RE = re.compile(r'\w', re.UNICODE)
# KB-7: ``OR``, ``-``, ``——`` and `` 或 `` separate alternatives; a space separates terms that
# must all match.
OR_RE = re.compile(r'\s+OR\s+|——|\s*-\s*|\s+或\s+')


def html_to_text(value):
    """Plain text of an HTML fragment (content of an item, an uploaded .html file)."""
    if not value:
        return ''
    from lxml import html as lxml_html
    try:
        doc = lxml_html.fromstring(value)
    except Exception:  # not HTML at all (empty document, plain text)
        return value
    for bad in doc.xpath('//script|//style'):
        bad.drop_tree()
    text = doc.text_content()
    return re.sub(r'[ \t\r\f\v]+', ' ', text).strip()


def _decode(data):
    for encoding in ('utf-8-sig', 'gb18030'):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode('utf-8', 'ignore')


def extract_text(data, filename='', mimetype=''):
    """KB-6: the text of an uploaded file (Word .docx, Excel .xlsx/.xls, .txt, PDF, HTML);
    '' for other types or unreadable files (a broken upload must not block saving)."""
    if not data:
        return ''
    name = (filename or '').lower()
    ext = name.rsplit('.', 1)[-1] if '.' in name else ''
    try:
        if ext == 'docx' or 'wordprocessingml' in (mimetype or ''):
            import docx
            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.extend(cell.text for cell in row.cells)
            return '\n'.join(p for p in parts if p)
        if ext in ('xlsx', 'xls') or 'spreadsheet' in (mimetype or ''):
            import xlrd
            book = xlrd.open_workbook(file_contents=data)
            parts = []
            for sheet in book.sheets():
                for row in range(sheet.nrows):
                    parts.append(' '.join(str(v) for v in sheet.row_values(row) if v != ''))
            return '\n'.join(p for p in parts if p)
        if ext == 'pdf' or mimetype == 'application/pdf':
            from pdfminer.high_level import extract_text as pdf_text
            return pdf_text(io.BytesIO(data)) or ''
        if ext in ('html', 'htm') or mimetype == 'text/html':
            return html_to_text(_decode(data))
        if ext in ('txt', 'csv', 'md') or (mimetype or '').startswith('text/'):
            return _decode(data)
    except Exception as exc:  # corrupt file: index what we can, log the rest
        _logger.warning('knowledge base: cannot read the text of %s: %s', filename, exc)
    return ''


def segment(text):
    """Space-separated jieba tokens of ``text`` (search mode: long words and their parts),
    lower-cased, punctuation dropped: the text PostgreSQL indexes with the 'simple' config."""
    if not text:
        return ''
    text = text.lower()
    if jieba is None:  # pragma: no cover
        return text
    return ' '.join(t for t in jieba.cut_for_search(text) if WORD_RE.search(t))


def query_tokens(term):
    """The index tokens one query term must all match."""
    term = term.lower()
    if jieba is None:  # pragma: no cover
        return term.split()
    tokens = [t for t in jieba.cut(term) if WORD_RE.search(t)]
    # single characters inside a longer term are mostly particles (了, 的, 吗): a citizen's
    # "社保卡丢了" must find 社保卡 items; a one-character term (税) is kept as it is
    words = [t for t in tokens if len(t) > 1]
    return words or tokens


def parse_query(query):
    """KB-7: parse a query into alternatives, each a list of terms that must all match.

    ``社保 转移`` → [['社保', '转移']] (AND); ``社保 OR 医保``, ``社保-医保``, ``社保——医保``,
    ``社保 或 医保`` → [['社保'], ['医保']] (OR)."""
    query = (query or '').strip()
    if not query:
        return []
    alternatives = []
    for part in OR_RE.split(' %s ' % query):
        terms = [t for t in part.split() if WORD_RE.search(t)]
        if terms:
            alternatives.append(terms)
    return alternatives


def highlight(text, terms, width=120):
    """KB-6: an HTML-escaped snippet of ``text`` around the first matched term, every term
    wrapped in <mark>."""
    text = re.sub(r'\s+', ' ', text or '').strip()
    words = sorted({w for w in terms if w}, key=len, reverse=True)
    if not words:
        return html.escape(text[:width])
    pattern = re.compile('|'.join(re.escape(w) for w in words), re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - width // 3) if match else 0
    snippet = text[start:start + width]
    prefix = '…' if start > 0 else ''
    suffix = '…' if start + width < len(text) else ''
    out, last = [], 0
    for m in pattern.finditer(snippet):
        out.append(html.escape(snippet[last:m.start()]))
        out.append('<mark>%s</mark>' % html.escape(m.group(0)))
        last = m.end()
    out.append(html.escape(snippet[last:]))
    return prefix + ''.join(out) + suffix


PINYIN_KEY_RE = re.compile(r'^[a-z]{2,}$')
# KB-11: words of almost every request that say nothing of its subject: a knowledge item that
# shares only such words with a request is noise, not a suggestion.
GENERIC_WORDS = frozenset("""
    咨询 投诉 反映 举报 求助 建议 查询 办理 如何 怎么 怎样 怎么办 什么 为什么 问题 情况 市民 群众
    来电 电话 热线 要求 希望 请求 请 相关 可以 能否 是否 需要 进行 处理 解决 已经 现在 目前 一直
    没有 我们 他们 自己 表示 影响 附近 每天 很大 非常 严重 多次 一个 这个 那个 时候 有关 部门
""".split())


def suggestion_words(text):
    """KB-11: the distinct words of a request that can tie it to a knowledge item: two or
    more characters, not a number, not a word every request has (GENERIC_WORDS)."""
    words = []
    for token in query_tokens(text or ''):
        if len(token) > 1 and not token.isdigit() and token not in GENERIC_WORDS \
                and token not in words:
            words.append(token)
    return words


def pinyin_key(query):
    """KB-8: the query as a pinyin key (``shebao``, ``sbk``: letters only, two or more), or
    '' when it is not one."""
    key = re.sub(r'\s+', '', (query or '').lower())
    return key if PINYIN_KEY_RE.match(key) else ''


def pinyin_of_phrases(*phrases):
    """KB-8: (full pinyin, initials) of each phrase, space-separated: the title and every
    keyword, so that ``sbk`` finds 社保卡 and ``shebao`` finds 社保卡丢失如何补办."""
    fulls, initials = [], []
    for phrase in phrases:
        for part in (phrase or '').split():
            full, initial = pinyin(part)
            if full:
                fulls.append(full)
                initials.append(initial)
    return ' '.join(fulls), ' '.join(initials)


def pinyin(text):
    """KB-8: (full pinyin, initials) of ``text`` in lower case without spaces."""
    if not text or lazy_pinyin is None:
        return '', ''
    full = lazy_pinyin(text, errors='default')
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors='default')
    return ''.join(full).lower(), ''.join(initials).lower()
