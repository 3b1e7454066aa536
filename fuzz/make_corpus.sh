#!/usr/bin/env bash
# Writes small synthetic starting inputs for the fuzz targets into fuzz/corpus/<target>/.
# Phaen's own samples only: no seed plan text is ever copied here. The parts of a Word or
# Excel sample are separated by the bytes FF FE (see fuzz/src/lib.rs).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/text corpus/docx corpus/xlsx
sep=$'\xff\xfe'
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# Text exports: headings, tab-separated rows, HTML fragments, damaged Thai.
printf '# แผนกลยุทธ์\nส่วนที่ 1\tบทนำ\t1\n\n## การเงิน\nยุทธศาสตร์ที่ 1 พัฒนา\n' >corpus/text/plan.txt
printf 'ตัวชี้วัด\tเป้าหมาย\t2568\t2569\nร้อยละ\t≥ 80\t85\t90\n<p>S1 ข้อ</p> <ul><li>- ก</li></ul>\tรอยละ 5\n' >corpus/text/table.txt
printf 'วิสัยทัศน์\nเป็นสหกรณ์ชั้นนำ\nพันธกิจ\n1. ส ารอง\n2. **บริการ**\n' >corpus/text/vision.txt
printf '\xef\xbb\xbf{"format":"phaen-plan/1"}' >corpus/text/json.txt
printf '\xbc\xd2\xb9\xa1\xc5\xc2\xd8\xb7\xb8\xec\n\xc3\xe9\xca\xc2\xc5\xd0\t85\n' >corpus/text/tis620.txt

# Word: document, then styles, then numbering.
cat >corpus/docx/paragraphs <<XML
<w:document $W><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>แผนกลยุทธ์</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">วิสัยทัศน์ </w:t><w:tab/><w:t>ก&amp;ข</w:t><w:br/><w:t>&#3585;</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>ข้อ</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Sub"/></w:pPr><w:del><w:r><w:delText>ลบ</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r></w:p>
</w:body></w:document>${sep}<w:styles $W><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>${sep}<w:numbering $W><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="%1.%2"/><w:lvlRestart w:val="0"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>
XML
cat >corpus/docx/tables <<XML
<w:document $W><w:body><w:tbl>
<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>หัว</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc><w:tc><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ใน</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>85</w:t></w:r></w:p></w:tc><w:tc/></w:tr>
</w:tbl><w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>กล่อง</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p></w:body></w:document>
XML

# Excel: worksheet, then shared strings.
cat >corpus/xlsx/sheet <<XML
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2"><v>0.30000000000000004</v></c><c r="B2" t="inlineStr"><is><t>007</t></is></c><c r="C2" t="b"><v>1</v></c></row>
<row r="3"><c r="C3" t="e"><v>#DIV/0!</v></c><c r="B3" t="str"><v>ก
ข</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>${sep}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>ตัวชี้วัด</t></si><si><r><t>เป้า</t></r><r><t>หมาย</t></r></si></sst>
XML

# Real packages, to fuzz the zip guard too, where Python is at hand.
if command -v python3 >/dev/null 2>&1; then
    python3 - <<'PY'
import zipfile, io
def pack(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)
doc = open("corpus/docx/paragraphs", "rb").read().split(b"\xff\xfe")
pack("corpus/docx/package.docx", [("word/document.xml", doc[0]), ("word/styles.xml", doc[1]), ("word/numbering.xml", doc[2])])
sheet, strings = open("corpus/xlsx/sheet", "rb").read().split(b"\xff\xfe")
rels = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
book = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>'
root = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
pack("corpus/xlsx/package.xlsx", [("_rels/.rels", root), ("xl/workbook.xml", book), ("xl/_rels/workbook.xml.rels", rels), ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings)])
PY
fi
