"""Report-like text, bytes and archives, generated for the property tests (tests/test_fuzz.py).

Sentences are put together from the fragments real reports are made of (seeds, dev2 and
the wording table): a place, a stage, an indicator word, a verb, a qualifier, a number in
one of the forms the extractor reads (digits, full-width digits, Chinese numerals, masks
like xxxx and xx.xx, scales like 1.2万) and a unit, with the spaces and line breaks that
copies put between number and unit. Lines are titles, headings, list items, separators
and sentences; a document may then be made traditional (OpenCC), get pinyin debris after
its characters (學(xué)), HTML remnants or Windows line ends. Bytes are such documents
encoded as reports are (UTF-8, GB18030, Big5, UTF-16, with or without a byte-order
mark), damaged or not, and random bytes; archives hold such files under odd names.
"""

from __future__ import annotations

import io
import tarfile
import warnings
import zipfile
from dataclasses import dataclass
from functools import cache

import cn2an
import opencc
from hypothesis import strategies as st

# ---------------------------------------------------------------- fragments

PLACES = ("", "", "全区", "全县", "我市", "全镇", "全省", "娄星区", "成武县", "新华区", "XX县", "xx市", "本市")
STAGES = ("", "", "学前", "学前三年", "幼儿", "小学", "初中", "高中", "普通高中", "高中阶段", "义务教育",
          "九年义务教育", "中职", "高等教育", "适龄儿童", "初中生", "残疾儿童少年", "普惠性幼儿园")
# indicator words, each with the units it is written with
INDICATORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("巩固率", ("%",)), ("毛入学率", ("%",)), ("入学率", ("%",)), ("毛入园率", ("%",)),
    ("升学率", ("%",)), ("一本上线率", ("%",)), ("本科上线率", ("%",)), ("辍学率", ("%", "‰")),
    ("合格率", ("%",)), ("新增学位", ("个",)), ("学位", ("个",)), ("投资", ("万元", "亿元", "元")),
    ("投入资金", ("万元", "亿元", "元")), ("资助学生", ("人次", "人")), ("发放补助", ("万元", "元")),
    ("报到入学", ("人",)), ("流失", ("人",)), ("在校生", ("人", "万人")), ("新建学校", ("所",)),
    ("本科上线人数", ("人",)), ("招聘教师", ("名",)), ("提高", ("个百分点", "%")),
    ("开工建设", ("个", "所")), ("受益学生", ("万人", "人次")), ("教育经费", ("亿元", "万元")),
)
VERBS = ("", "", "为", "达到", "达", "是", "提高到", "保持在", "完成", "累计", "力争达到", "计划", "超")
PREFIX_QUALIFIERS = ("", "", "", "约", "近", "超过", "不低于", "逾", "首破", "大约", "不足")
SUFFIX_QUALIFIERS = ("", "", "", "以上", "左右", "以内", "及以上", "以下")
INNER_QUALIFIERS = ("多", "余")  # between a number and its unit: 3000多人, 300余万元
BETWEEN = ("", "", "", " ", "\n", "\u3000", " \n", "\t", "\n\n", "\r\n")  # number ... unit
JOINTS = (",", ",", "，", "、", ";", "；", ":", "：", " ", "和", "及")  # between clauses
ENDS = ("。", "。", "。", ";", "；", "！", "", ".", "…", "?")  # of a sentence
YEARS = ("2015年", "2021年", "二〇一一年", "二○一一年", "xx年", "XX年", "_年", "到2025年", "2019-2020学年",
         "今年", "去年", "十三五期间", "截至2月16日")
TITLES = ("教育局工作总结", "XX县教育局2015年工作总结", "成武县教育局二〇一一年工作计划要点",
          "教育局委员会关于2021年工作总结及来年工作思路报告", "2017年光山县高考再创辉煌",
          "娄星区教育局2015年工作总结及2016年工作计划", "关于xx年教育工作情况的汇报",
          "杭州市人民政府关于加快学前教育改革与发展的若干意见(试行)", "政府工作报告")
HEADINGS = ("一、", "二、", "十二、", "(一)", "（二）", "1.", "2、", "3、", "第三部分 ", "第一章 ", "(1)", "①")
SEPARATORS = ("| 返回目录", "篇一", "篇二:", "更多工作总结推荐", "--------", "上一篇:", "来源:孙胜利(计财股) 作者:宣教办",
              "2015年2月6日星期五", "发布时间:2021-03-05", "没有评论:", "分享到:", "[龍崗]投入4億 7校新開張新增學位超萬個")
FILLER = ("全面落实立德树人根本任务", "控辍保学成效明显", "办人民满意的教育", "位居全市前列", "比上年提高",
          "其中", "同比增长", "无一人流失", "基本普及高中阶段教育", "较上年净增", "分别为", "均达到",
          "确保", "下半年", "由", "提高到", "比", "年提高")
HTML_DEBRIS = ("?/p>", "</p>", "<br>", "<br/>", "?/div>", "&nbsp;", "<p>")
# pinyin a machine conversion leaves after characters (学(xué)), toned and toneless
PINYIN = {"学": "xué", "生": "shēng", "位": "wèi", "数": "shù", "个": "gè", "教": "jiào", "育": "yù",
          "的": "de", "们": "men", "率": "lǜ", "入": "rù", "元": "yuán", "了": "le"}
# characters the random noise is drawn from: report Han, digits, masks, punctuation, blanks
NOISE = ("学位率元万亿个人所名次年初小高中义务教育巩固入园投资助新增流失全区县市约近余多以上左右"
         "0123456789０１２３４５６７８９一二三四五六七八九十百千〇两零xX_*n.,，、;；:：。%％‰-—~至"
         "()（）“”《》 \n\t\u3000\r")

MAX_DIGITS = 12  # see numbers_in_digits
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
MASK_FORMS = ("xxxx", "xx.xx", "xx", "x", "XX", "_", "__", "**", "***", "nn", "x.x", "xxx.xx", "Xx")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """The text in traditional characters, as a Taiwan or Hong Kong copy has it."""
    return str(_s2t().convert(text))


def with_pinyin(text: str) -> str:
    """學(xué)生(shēng): the debris of a machine conversion, after each character that has it."""
    return "".join(ch + (f"({PINYIN[ch]})" if ch in PINYIN else "") for ch in text)


# ---------------------------------------------------------------- numbers

def _chinese(value: int) -> str:
    return str(cn2an.an2cn(value, "low"))


def _decimal_text(whole: int, digits: str) -> str:
    return f"{whole}.{digits}" if digits else str(whole)


numbers_in_digits = st.one_of(
    st.integers(0, 100).map(str),
    st.integers(0, 10**9).map(str),
    st.builds(_decimal_text, st.integers(0, 100_000), st.text("0123456789", min_size=1, max_size=5)),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),  # 12,275
    # large, but no more than MAX_DIGITS digits while 29 significant digits (a number's and its
    # scales' together: 17 digits and 亿 亿元) crash extraction: tests/test_fuzz_found.py
    st.integers(10**9, 10**MAX_DIGITS).map(str),
    st.sampled_from(("0", "00", "0.0", "007", "1.", ".5", "3.2.1", "1,2", "12,34,5", "-5", "−3.2", "+2")),
)
numbers_in_words = st.one_of(
    st.integers(0, 10**8).map(_chinese),  # 三千, 一万二千
    st.sampled_from(("三千", "五千", "一千四百五十", "两万", "百分之九十七", "百分之3.2", "千分之五", "九成",
                     "三成多", "近万", "超万", "二〇一五", "十", "零", "数十", "上百", "几千")),
)
masks = st.one_of(st.sampled_from(MASK_FORMS),
                  st.from_regex(r"[xX*_n]{1,6}([.．][xX*_n]{1,3})?", fullmatch=True))


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A number as reports write it: digits (half or full width), words, a mask, with a scale."""
    kind = draw(st.sampled_from(("digits", "digits", "full", "words", "mask", "scaled")))
    if kind == "words":
        return draw(numbers_in_words)
    if kind == "mask":
        return draw(masks)
    number = draw(numbers_in_digits)
    if kind == "full":
        return number.translate(FULL_WIDTH)
    if kind == "scaled":
        return number + draw(st.sampled_from(("万", "亿", "千万", "百万", "十万")))
    return number


# ---------------------------------------------------------------- sentences

@st.composite
def quantities(draw: st.DrawFn, units: tuple[str, ...]) -> str:
    """Qualifier, number, inner qualifier, break and unit, suffix qualifier: 约3000多 人以上."""
    unit = draw(st.sampled_from(units))
    inner = draw(st.sampled_from(INNER_QUALIFIERS)) if draw(st.integers(0, 9)) == 0 else ""
    return (draw(st.sampled_from(PREFIX_QUALIFIERS)) + draw(numbers()) + inner
            + draw(st.sampled_from(BETWEEN)) + unit + draw(st.sampled_from(SUFFIX_QUALIFIERS)))


@st.composite
def claim_clauses(draw: st.DrawFn) -> str:
    """全县九年义务教育巩固率达到99.04%, with its place, stage, verb and year optional."""
    indicator, units = draw(st.sampled_from(INDICATORS))
    year = draw(st.sampled_from(YEARS)) + "," if draw(st.integers(0, 5)) == 0 else ""
    return (year + draw(st.sampled_from(PLACES)) + draw(st.sampled_from(STAGES)) + indicator
            + draw(st.sampled_from(VERBS)) + draw(quantities(units)))


@st.composite
def list_clauses(draw: st.DrawFn) -> str:
    """小学、初中、高中巩固率分别为100%、99.2%、97.6%: a list of stages and of quantities."""
    indicator, units = draw(st.sampled_from(INDICATORS))
    stages = draw(st.lists(st.sampled_from(STAGES[2:]), min_size=1, max_size=4))
    count = draw(st.integers(1, 4))
    values = [draw(quantities(units)) for _ in range(count)]
    joint = draw(st.sampled_from(("、", "和", ",", "、")))
    return "、".join(stages) + indicator + draw(st.sampled_from(("分别为", "分别达到", "均达到", "为", ""))) + joint.join(values)


@st.composite
def range_clauses(draw: st.DrawFn) -> str:
    """由94.5%提高到96.8%, 95%—98%之间: two quantities of one indicator."""
    indicator, units = draw(st.sampled_from(INDICATORS))
    first, second = draw(quantities(units)), draw(quantities(units))
    form = draw(st.sampled_from(("由{a}提高到{b}", "{a}—{b}", "{a}-{b}之间", "从{a}增加到{b}", "{a}至{b}",
                                 "{a}~{b}", "比上年的{a}增长{b}")))
    return indicator + form.format(a=first, b=second)


noise = st.text(st.sampled_from(NOISE), max_size=40)
clauses = st.one_of(claim_clauses(), claim_clauses(), claim_clauses(), list_clauses(), range_clauses(),
                    st.sampled_from(FILLER), noise)


@st.composite
def sentences(draw: st.DrawFn, max_clauses: int = 6) -> str:
    """Clauses joined by commas, semicolons and the like, with a sentence end (or none)."""
    parts = draw(st.lists(clauses, min_size=1, max_size=max_clauses))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(JOINTS)) + part
    return text + draw(st.sampled_from(ENDS))


@st.composite
def lines(draw: st.DrawFn) -> str:
    """One line of a report: a paragraph of sentences (mostly), a title, a heading, a list
    item, a separator or web page chrome, or nothing."""
    kind = draw(st.sampled_from(("para", "para", "para", "heading", "item", "title", "separator", "blank")))
    indent = draw(st.sampled_from(("", "", "  ", "\u3000\u3000", "\t")))
    if kind == "title":
        return indent + draw(st.sampled_from(TITLES))
    if kind == "separator":
        return draw(st.sampled_from(SEPARATORS))
    if kind == "blank":
        return draw(st.sampled_from(("", " ", "\u3000")))
    paragraph = "".join(draw(st.lists(sentences(), min_size=1, max_size=2)))
    if kind == "heading":
        return indent + draw(st.sampled_from(HEADINGS)) + draw(st.sampled_from(FILLER)) + "\n" + paragraph
    if kind == "item":
        return indent + draw(st.sampled_from(HEADINGS)) + paragraph
    return indent + paragraph


@st.composite
def documents(draw: st.DrawFn, max_lines: int = 10) -> str:
    """A report-like document: lines, then possibly made traditional, given pinyin or
    HTML debris, or Windows line ends."""
    body = draw(st.lists(lines(), min_size=1, max_size=max_lines))
    if draw(st.booleans()):
        body.insert(0, draw(st.sampled_from(TITLES)))
    text = "\n".join(body)
    if draw(st.integers(0, 3)) == 0:
        text = traditional(text)
    if draw(st.integers(0, 5)) == 0:
        text = with_pinyin(text)
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HTML_DEBRIS)) + text[at:]
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("\n", "\r\n")
    return text


# ---------------------------------------------------------------- bytes

ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le")


@dataclass(frozen=True)
class EncodedDocument:
    text: str  # what the bytes hold, as encoded (Big5: traditional, unencodable characters as ?)
    encoding: str
    data: bytes
    damage: str  # "" when the bytes are intact

    def __repr__(self) -> str:  # hypothesis shows it on failure
        return f"EncodedDocument(encoding={self.encoding!r}, damage={self.damage!r}, data={self.data!r})"


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    """`data` with one kind of damage a copy does (or none): a byte changed, lost or added,
    the end cut (a character split), a NUL, another encoding spliced in, binary tail."""
    kind = draw(st.sampled_from(("none", "none", "flip", "drop", "insert", "truncate", "nul", "splice",
                                 "binary")))
    if kind == "none" or not data:
        return data, ""
    at = draw(st.integers(0, len(data) - 1))
    byte = bytes([draw(st.integers(0, 255))])
    if kind == "flip":
        return data[:at] + byte + data[at + 1:], f"byte {at} set to {byte!r}"
    if kind == "drop":
        return data[:at] + data[at + 1:], f"byte {at} dropped"
    if kind == "insert":
        return data[:at] + byte + data[at:], f"{byte!r} inserted at {at}"
    if kind == "truncate":
        return data[:at], f"cut at {at}"
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:], f"NUL at {at}"
    if kind == "splice":
        other = draw(st.sampled_from(("gb18030", "big5", "utf-8")))
        return data[:at] + "入学率98%".encode(other, "replace") + data[at:], f"{other} spliced at {at}"
    return data + draw(st.binary(min_size=1, max_size=64)), "binary tail"


@st.composite
def encoded_documents(draw: st.DrawFn) -> EncodedDocument:
    """A generated document as a file's bytes, in one of the encodings reports come in."""
    text = draw(documents(max_lines=6))
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == "big5":  # a Big5 file holds traditional text
        text = traditional(text)
    # what the encoding lacks (simplified characters in Big5, − in GBK) becomes ?
    text = text.encode(encoding, "replace").decode(encoding)
    data = text.encode(encoding)
    data, damage = draw(damaged(data))
    return EncodedDocument(text, encoding, data, damage)


random_bytes = st.one_of(st.binary(max_size=2000),
                         st.lists(st.sampled_from((b"\xe5\xad\xa6", b"\xd1\xa7", b"\xbe\xc7", b"98%", b"\n",
                                                   b"\xff", b"\x00", b"\r", b" ", b"\xef\xbb\xbf")),
                                  max_size=300).map(b"".join))


# ---------------------------------------------------------------- archives

# member names as an archive's bytes: ordinary, Chinese in UTF-8 or GBK, bytes that are
# neither, what a terminal acts on, names that climb out, very long ones
NAME_STEMS = ("report", "2015/工作总结", "娄星区/教育局 2015年", "a b/c", "工作总结", "报告 (1)", "x" * 200,
              "深/层/的/目/录/总结", ".hidden", "-rf", "名字\x1b[2J", "evil\u202etxt.exe", "tab\tname",
              "new\nline", "../escape", "../../etc/passwd", "/absolute", "C:/windows", "\\\\server\\share",
              "dir/../x", "…", "bell\x07")
NAME_SUFFIXES = (".txt", ".txt", ".TXT", ".html", ".htm", ".md", ".doc", ".pdf", ".docx", "", ".txt.bak", ".zip")


# a Chinese file name: report words, folders and a suffix (小学/2015年工作总结.txt)
chinese_names = st.builds(
    lambda words, suffix: "/".join(words) + suffix,
    st.lists(st.sampled_from([*STAGES[2:], *(word for word, _ in INDICATORS), *TITLES, *FILLER, *YEARS]),
             min_size=1, max_size=3),
    st.sampled_from(NAME_SUFFIXES))


@st.composite
def member_names(draw: st.DrawFn) -> bytes:
    """A member name's bytes."""
    stem = draw(st.one_of(st.sampled_from(NAME_STEMS), st.text(min_size=1, max_size=20)))
    suffix = draw(st.sampled_from(NAME_SUFFIXES))
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "gbk", "big5", "bytes")))
    name = stem + suffix
    if encoding == "bytes":
        raw = name.encode("utf-8", "replace") + draw(st.binary(min_size=1, max_size=4))
    else:
        raw = name.encode(encoding, "replace")
    return raw.replace(b"\x00", b"_") or b"_"  # a name ends at a NUL in both formats


@dataclass(frozen=True)
class Archive:
    suffix: str  # .zip, .tar, .tar.gz, .tgz
    data: bytes
    members: tuple[tuple[bytes, bytes], ...]  # (name bytes, content) as written
    damage: str
    inner: Archive | None = None  # the archive among the members, if any

    @property
    def intact(self) -> bool:
        """Neither it nor the archive inside is damaged (a damaged gzip stream gives out
        garbled members before its checksum fails at the end)."""
        return not self.damage and (self.inner is None or self.inner.intact)

    def contents(self) -> list[bytes]:
        """The bytes of every member, and of the members of the archive inside."""
        inside = self.inner.contents() if self.inner else []
        return [data for _, data in self.members] + inside

    def __repr__(self) -> str:
        return (f"Archive(suffix={self.suffix!r}, damage={self.damage!r}, members={self.members!r}, "
                f"data={self.data!r})")


class RawNameInfo(zipfile.ZipInfo):
    """A zip entry written under the exact name bytes given, UTF-8 flag set or not (zipfile
    itself writes only ASCII or UTF-8 names, and flags the latter)."""

    def __init__(self, raw: bytes, utf8_flag: bool) -> None:
        super().__init__(raw.decode("cp437"), date_time=(2015, 12, 31, 0, 0, 0))
        self.raw = raw
        self.utf8_flag = utf8_flag

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        flags = self.flag_bits | 0x800 if self.utf8_flag else self.flag_bits & ~0x800
        return self.raw, flags


def zip_bytes(members: list[tuple[bytes, bytes]], compression: int, utf8_flag: bool) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression) as archive:
        warnings.simplefilter("ignore", UserWarning)  # a name twice: archives do have that
        for raw, data in members:
            archive.writestr(RawNameInfo(raw, utf8_flag), data, compression)
    return buffer.getvalue()


def tar_bytes(members: list[tuple[bytes, bytes]], mode: str, form: int) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=form, encoding="utf-8",
                      errors="surrogateescape") as archive:
        for raw, data in members:
            info = tarfile.TarInfo(raw.decode("utf-8", "surrogateescape"))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@st.composite
def member_contents(draw: st.DrawFn) -> bytes:
    return draw(st.one_of(encoded_documents().map(lambda d: d.data), random_bytes))


@st.composite
def archives(draw: st.DrawFn, nested: bool = True) -> Archive:
    """A zip or tar (plain or gzipped) of generated files under odd names, possibly with
    an archive inside, damaged or not."""
    members = draw(st.lists(st.tuples(member_names(), member_contents()), min_size=1, max_size=5))
    inner = None
    if nested and draw(st.integers(0, 4)) == 0:
        inner = draw(archives(nested=False))
        members.append((("inner" + inner.suffix).encode(), inner.data))
    suffix = draw(st.sampled_from((".zip", ".zip", ".tar", ".tar.gz", ".tgz")))
    if suffix == ".zip":
        compression = draw(st.sampled_from((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)))
        data = zip_bytes(members, compression, utf8_flag=draw(st.booleans()))
    else:
        mode = "w" if suffix == ".tar" else "w:gz"
        data = tar_bytes(members, mode, draw(st.sampled_from((tarfile.GNU_FORMAT, tarfile.PAX_FORMAT))))
    data, damage = draw(damaged(data))
    return Archive(suffix, data, tuple(members), damage, inner)


# ---------------------------------------------------------------- .docx

@dataclass(frozen=True)
class WordFile:
    lines: tuple[str, ...]  # paragraphs, then the rows of a table (cells joined by tabs)
    data: bytes
    damage: str

    def __repr__(self) -> str:
        return f"WordFile(lines={self.lines!r}, damage={self.damage!r}, data=<{len(self.data)} bytes>)"


def docx_bytes(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for cells, row in zip(table.rows, rows, strict=True):
            for cell, value in zip(cells.cells, row, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# what a paragraph of a Word file may hold (XML 1.0 allows no other control characters)
WORD_SAFE = str.maketrans({code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]})


@st.composite
def word_files(draw: st.DrawFn) -> WordFile:
    """A .docx of generated paragraphs and possibly a table of figures, damaged or not."""
    paragraphs = [line.translate(WORD_SAFE) for line in draw(documents(max_lines=6)).split("\n")]
    columns = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(st.one_of(st.sampled_from(STAGES), quantities(("%", "人", "万元"))),
                                  min_size=columns, max_size=columns), max_size=3))
    rows = [[cell.translate(WORD_SAFE) for cell in row] for row in rows]
    data, damage = draw(damaged(docx_bytes(paragraphs, rows)))
    return WordFile(tuple(paragraphs), data, damage)
