#!/usr/bin/env python3
"""Makes the roster fixtures with a real spreadsheet program, LibreOffice Calc.

Each workbook is written as a flat OpenDocument spreadsheet (.fods: plain XML,
so every cell's type and number format is chosen here, as a clerk's typing
would choose it) and converted by LibreOffice itself:

    soffice --headless --convert-to xlsx FILE.fods
    soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' FILE.fods
    soffice --headless --convert-to 'txt:Text - txt - csv (StarCalc):9,34,65535' FILE.fods

so the .xlsx, .csv and .txt files are what LibreOffice writes: its styles,
its number formats, its date system, its way of storing a long number.
The password-protected workbook needs LibreOffice's Python bridge
(apt-get install python3-uno) and is made by encrypt.py beside this file.

Run from the repository root:  python3 roster/testdata/make-fixtures.py
(LibreOffice 7.4, Debian 12: apt-get install libreoffice-calc).
"""

import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIRST_DAY = os.path.join(ROOT, "cli", "testdata", "first-day")

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(region, birth, seq, male):
    """A valid resident ID: region code, birth date, sequence, gender digit."""
    g = seq % 5 * 2 + (1 if male else 0)
    first = "%s%s%02d%d" % (region, birth, seq % 100, g)
    return first + "10X98765432"[sum(int(c) * w for c, w in zip(first, WEIGHTS)) % 11]


# A cell is (type, value, style): type "s" text, "f" float, "d" date.
def s(v, style=None):
    return ("s", v, style)


def f(v, style=None):
    return ("f", v, style)


def d(v, style="date"):
    return ("d", v, style)


STYLES = """
<office:automatic-styles>
 <number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
 <number:date-style style:name="Dymd"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <number:date-style style:name="Dym"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text></number:date-style>
 <style:style style:name="int" style:family="table-cell" style:data-style-name="N0"/>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="Dymd"/>
 <style:style style:name="month" style:family="table-cell" style:data-style-name="Dym"/>
 <style:style style:name="title" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>
</office:automatic-styles>
"""


def cell_xml(c, span=None):
    if c is None or c == "":
        return "<table:table-cell/>"
    typ, v, style = c
    attrs = ""
    if style:
        attrs += ' table:style-name="%s"' % style
    if span:
        attrs += ' table:number-columns-spanned="%d"' % span
    if typ == "s":
        return '<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (attrs, escape(v))
    if typ == "f":
        return '<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (attrs, v, v)
    return '<table:table-cell%s office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>' % (attrs, v, v)


def fods(path, sheets, null_date=None):
    """Writes a flat ODS: sheets is a list of (name, rows); a row is a list of
    cells, or ("span", n, cell) for a title merged over n columns."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
           STYLES, "<office:body><office:spreadsheet>"]
    if null_date:
        out.append('<table:calculation-settings><table:null-date table:date-value="%s"/></table:calculation-settings>' % null_date)
    for name, rows in sheets:
        out.append('<table:table table:name="%s">' % escape(name))
        for row in rows:
            out.append("<table:table-row>")
            if isinstance(row, tuple) and row[0] == "span":
                out.append(cell_xml(row[2], span=row[1]))
            else:
                out.extend(cell_xml(c) for c in row)
            out.append("</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document>")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def convert(src, target, dest_dir, name):
    """Converts src with LibreOffice and moves the result to dest_dir/name."""
    tmp = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", tmp, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    (out,) = os.listdir(tmp)
    os.makedirs(dest_dir, exist_ok=True)
    shutil.move(os.path.join(tmp, out), os.path.join(dest_dir, name))
    shutil.rmtree(tmp)


HEADER = ["学号", "姓名", "性别", "高校", "学院", "专业", "学位层次", "学位类型", "入学年份", "校内导师", "手机", "邮箱", "身份证号"]


def student(i, year_cell, id_cell):
    no = "WZU2025%04d" % i
    return [s(no), s("学生%s" % "甲乙丙丁戊"[i % 5]), s("女" if i % 2 == 0 else "男"), s("温州大学"), s("数理学院"),
            s("应用统计"), s("硕士"), s("专业学位"), year_cell, s("李明"), s("1380000%04d" % i),
            s("%s@stu.wzu.edu.cn" % no.lower()), id_cell]


def make_roster_fixtures(work):
    # 1904 date system: the enrolment column holds real dates, and a dual
    # appointment sheet holds start and end dates.
    rows = [[s(h) for h in HEADER]]
    for i, day in enumerate(["2022-09-01", "2023-09-04", "2024-09-02"], 1):
        rows.append(student(i, d(day), s(id_number("330302", "20000315", i, i % 2 == 1))))
    appt = [[s(h) for h in ["姓名", "类型", "高校", "高校职务", "平台名称", "平台职务", "开始日期", "结束日期", "工作量占比"]],
            [s("周建华"), s("双聘"), s("温州大学"), s("教授"), s("瓯江实验室"), s("研究员"), d("2025-01-01"), d("2027-12-31"), s("30%")]]
    src = os.path.join(work, "date1904.fods")
    fods(src, [("学生", rows), ("双聘双挂", appt)], null_date="1904-01-01")
    convert(src, "xlsx", HERE, "date1904.xlsx")

    # 身份证号 typed into a Number-formatted column (LibreOffice, like Excel,
    # keeps 15 significant digits), and the same sheet saved as CSV, where
    # the lost digits show as 000. One row keeps its ID as text.
    rows = [[s(h) for h in HEADER]]
    ids = [id_number("330302", "20030315", 12, False), id_number("330381", "20011108", 23, True),
           id_number("330324", "19990701", 34, True)]
    for i, n in enumerate(ids[:2], 1):
        rows.append(student(i, s("2024级"), f(n, "int")))
    rows.append(student(3, s("2024级"), s(ids[2])))
    src = os.path.join(work, "id-number.fods")
    fods(src, [("Sheet1", rows)])
    convert(src, "xlsx", HERE, "id-number.xlsx")
    convert(src, "csv:Text - txt - csv (StarCalc):44,34,76", HERE, "id-number.csv")

    # A roster saved as "Unicode text": UTF-16 with a byte-order mark, tabs.
    rows = [[s(h) for h in HEADER]]
    for i in range(1, 4):
        rows.append(student(i, s("2024"), s(id_number("330304", "20020520", i, i % 2 == 1))))
    src = os.path.join(work, "unicode-text.fods")
    fods(src, [("Sheet1", rows)])
    convert(src, "txt:Text - txt - csv (StarCalc):9,34,65535", HERE, "unicode-text.txt")

    # The roster on the second sheet, after a sheet of notes.
    notes = [[s("填表说明")], [s("1. 学号、身份证号请设为文本格式。")], [s("2. 名单见下一工作表。")]]
    src = os.path.join(work, "second-sheet.fods")
    fods(src, [("填表说明", notes), ("2025级名单", rows)])
    convert(src, "xlsx", HERE, "second-sheet.xlsx")


# The first day: a graduate office's own roster of 30 students of 温州大学, as
# offices keep it: a merged title and a 填报单位 row above the header, 学校
# for 高校, 培养层次 for 学位层次 with the words offices use, 入学年份 as 2022年9月
# (typed as text, or a date shown as 2024年9月, or the number 2024.9), a
# landline column before the mobile one, names lined up with spaces, student
# numbers some typed as numbers, a blank line and footer rows (合计, 制表人,
# 审核人, signature and date).
SURNAMES = "陈林黄张王李吴刘周徐朱潘郑胡金叶杨谢蔡戴郭施余卢何章叶池项季"
GIVEN = ["浩", "思远", "雨萱", "子涵", "一鸣", "佳怡", "宇航", "欣然", "博文", "若曦", "泽宇", "诗琪", "俊杰", "梓萱", "嘉豪",
         "雅婷", "晨阳", "可馨", "浩然", "梦瑶", "天佑", "语桐", "明轩", "心怡", "皓轩", "静怡", "振宇", "晓彤", "家豪", "思琪"]
SCHOOLS = [("数理学院", "应用统计"), ("化学与材料工程学院", "材料与化工"), ("计算机与人工智能学院", "计算机技术"),
           ("生命与环境科学学院", "生物学"), ("机电工程学院", "机械工程"), ("商学院", "工商管理")]
LEVELS = [("硕士研究生", "专业型"), ("全日制硕士", "学术型"), ("专硕", ""), ("学硕", ""), ("硕士研究生", "专业学位"),
          ("博士研究生", "学术学位")]
REGIONS = ["330302", "330303", "330304", "330381", "330382", "330324", "330326", "330327", "330328", "330329"]


def first_day_rows():
    head = ["序号", "学号", "姓名", "性别", "学校", "学院", "专业", "培养层次", "学位类型", "入学年份", "导师", "联系电话",
            "手机号码", "电子邮箱", "身份证号"]
    rows = [("span", len(head), s("温州大学2025年研究生赴科创平台选派名单", "title")),
            [s("填报单位（盖章）：温州大学研究生院"), None, None, None, None, None, None, None, None, None, None,
             s("填报日期：2025年9月10日")],
            [s(h) for h in head]]
    for i in range(30):
        male = i % 3 != 1
        name = SURNAMES[i] + GIVEN[i]
        if i == 0:
            name = "郑 浩"  # lined up with a space, as offices do for two-character names
        elif i == 7:
            name = "欧阳\u3000欣然"  # an ideographic space
        elif len(name) == 2:
            name = name[0] + " " + name[1]
        school, major = SCHOOLS[i % len(SCHOOLS)]
        level, kind = LEVELS[i % len(LEVELS)]
        year = 2023 + i % 3 if not level.startswith("博士") else 2024
        years = [s("%d年9月" % year), d("%d-09-01" % year, "month"), f("%d.9" % year), s("%d-09" % year), s("%d/9" % year)]
        number = "%02d4511%05d" % (year % 100, 101 + i)
        number_cell = f(number) if i % 4 == 3 else s(number)  # some typed as numbers
        birth = "%d%02d%02d" % (year - 22 - i % 2, 1 + i % 12, 1 + i * 7 % 28)
        rows.append([f(i + 1), number_cell, s(name), s("男" if male else "女"), s("温州大学"), s(school), s(major),
                     s(level), s(kind) if kind else None, years[i % len(years)],
                     s("李 明" if i % 5 == 0 else "王建国"), s("0577-8668%04d" % (9000 + i)), s("1395770%04d" % (1000 + i)),
                     s("%s@stu.wzu.edu.cn" % number), s(id_number(REGIONS[i % len(REGIONS)], birth, i + 11, male))])
    rows += [[], [s("合计"), None, s("30人")],
             [s("制表人：王丽"), None, None, None, s("审核人：陈建国")],
             [s("研究生院负责人（签字）："), None, None, None, None, None, None, None, None, None, None, s("日期：2025年9月10日")]]
    return rows


def main():
    work = tempfile.mkdtemp()
    try:
        make_roster_fixtures(work)
        src = os.path.join(work, "first-day.fods")
        fods(src, [("2025级选派名单", first_day_rows())])
        convert(src, "xlsx", FIRST_DAY, "温州大学2025年研究生选派名单.xlsx")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
