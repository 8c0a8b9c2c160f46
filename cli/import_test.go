package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"secondment/model"
)

// idFor makes a valid ID number.
func idFor(first17 string) string { return first17 + string(model.IDCheckChar(first17)) }

// officeSheet writes an .xlsx as an office keeps it: a sheet not named Sheet1,
// a merged title row above the header, headers in another order and in their
// variant forms, full-width digits, stray spaces and an Excel date.
func officeSheet(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "2025级研究生")
	f.SetCellValue("2025级研究生", "A1", "温州大学 2025 年研究生选派名单")
	f.MergeCell("2025级研究生", "A1", "M1")
	header := []any{"姓名", "学号", "性别", "学校", "院系", "专业", "培养层次", "学位类别", "年级", "导师", "手机号码", "电子邮箱", "身份证号码"}
	f.SetSheetRow("2025级研究生", "A2", &header)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		f.SetSheetRow("2025级研究生", cell, &r)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func studentRow(name, number, mobile string, idx int) []any {
	return []any{" " + name + " ", number, "女", "温州大学", "化学与材料工程学院", "材料科学与工程", "硕士", "学术学位", "2025级",
		"李华", mobile, number + "@stu.wzu.edu.cn", idFor("33030220030315" + "11" + string(rune('0'+2*idx%10)))} // an even 17th digit: 女
}

func TestImportOfficeWorkbook(t *testing.T) {
	c := demoTerm(t)
	before := len(c.jsonList("list", "students"))
	dir := t.TempDir()
	good := filepath.Join(dir, "名单.xlsx")
	rows := [][]any{
		studentRow("陈一", "WZU2025900001", "138 0000 0001", 1),
		studentRow("陈二", "ＷＺＵ２０２５９００００２", "+86 13800000002", 2), // full-width number
		studentRow("陈三", "WZU2025900003", "13800000003", 3),
	}
	officeSheet(t, good, rows)
	out := c.ok("import", "students", good, "--dry-run")
	if !strings.Contains(out, "将新增 3") {
		t.Fatalf("dry run: %s", out)
	}
	if n := len(c.jsonList("list", "students")); n != before {
		t.Fatalf("dry run wrote %d students", n-before)
	}
	c.ok("import", "students", good)
	got := c.jsonList("list", "students", "--q", "WZU20259000")
	if len(got) != 3 || got[1]["number"] != "WZU2025900002" || got[0]["name"] != "陈一" || got[1]["mobile"] != "13800000002" {
		t.Fatalf("imported: %v", got)
	}
	// Importing the same file again changes nothing.
	if out := c.ok("import", "students", good); !strings.Contains(out, "新增 0，更新 0，未变 3") {
		t.Errorf("second import: %s", out)
	}
	if out := c.ok("audit", "--q", "import.students"); !strings.Contains(out, "import.students") {
		t.Errorf("no audit entry for the import: %s", out)
	}
}

func TestImportWithOneBadRowWritesNothing(t *testing.T) {
	c := demoTerm(t)
	before, _ := records(c.db) // signing in is recorded; nothing else may change
	dir := t.TempDir()
	var rows [][]any
	for i := 0; i < 50; i++ {
		rows = append(rows, studentRow("学生", "WZU20259100"+twoDigits(i), "139000000"+twoDigits(i), i))
	}
	bad := studentRow("错行", "WZU2025910099", "1390000009", 9) // ten-digit mobile
	bad[12] = "330302200302301234"                            // and a 30 February birth date
	rows = append(rows, bad)
	stranger := studentRow("外校", "WZU2025910098", "13900000098", 8)
	stranger[3] = "温州师范大学" // no such university in the file
	rows = append(rows, stranger)
	path := filepath.Join(dir, "有错.xlsx")
	officeSheet(t, path, rows)
	errBook := filepath.Join(dir, "问题.xlsx")
	msg := c.refused("import", "students", path, "--errors", errBook)
	lastRow := "第 53 行" // title, header, 50 good rows, then the bad one
	// Every problem at once: the cells that fail on their own and the row whose
	// university the data file does not know.
	if !strings.Contains(msg, lastRow) || !strings.Contains(msg, "手机号码") || !strings.Contains(msg, "身份证号码") ||
		!strings.Contains(msg, "第 54 行") || !strings.Contains(msg, "温州师范大学") || !strings.Contains(msg, "未导入任何记录") {
		t.Errorf("message does not name the row and columns:\n%s", msg)
	}
	after, _ := records(c.db)
	if before != after {
		t.Fatal("a refused import changed the data file")
	}
	// The error workbook holds every row at its own row number (the title row
	// kept), the reason beside the bad one, and the bad cells highlighted.
	f, err := excelize.OpenFile(errBook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	header, _ := f.GetRows(sheet)
	if len(header) != 54 || header[0][0] != "温州大学 2025 年研究生选派名单" || header[1][len(header[1])-1] != "错误说明" {
		t.Fatalf("error workbook has %d rows, header %v", len(header), header[1])
	}
	reason, _ := f.GetCellValue(sheet, "N53")
	if !strings.Contains(reason, "手机号码") || !strings.Contains(reason, "身份证号码") {
		t.Errorf("reason cell: %q", reason)
	}
	for _, cell := range []string{"K53", "M53"} {
		style, _ := f.GetCellStyle(sheet, cell)
		fill, _ := f.GetStyle(style)
		if fill == nil || len(fill.Fill.Color) == 0 || fill.Fill.Color[0] != "FECACA" {
			t.Errorf("bad cell %s is not highlighted", cell)
		}
	}
	okStyle, _ := f.GetCellStyle(sheet, "K52")
	if s, _ := f.GetStyle(okStyle); s != nil && len(s.Fill.Color) > 0 {
		t.Error("a good cell is highlighted")
	}
}

func twoDigits(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestImportUpdateChangesOnlyChangedRows(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	export := filepath.Join(dir, "导出.xlsx")
	c.ok("export", "students", export, "--q", "WZU")
	f, err := excelize.OpenFile(export)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	n := len(rows) - 1
	number, _ := f.GetCellValue(sheet, "A2")
	f.SetCellValue(sheet, "K2", "13999999999") // one student's mobile changes
	changed := filepath.Join(dir, "改.xlsx")
	f.SaveAs(changed)
	f.Close()

	msg := c.refused("import", "students", changed)
	if !strings.Contains(msg, "手机") || !strings.Contains(msg, "--update") {
		t.Errorf("changed row without --update: %s", msg)
	}
	out := c.ok("import", "students", changed, "--update")
	if !strings.Contains(out, "新增 0，更新 1，未变 "+itoa(n-1)) || !strings.Contains(c.err.String(), number) {
		t.Errorf("update summary: %s %s", out, c.err.String())
	}
	got := c.jsonList("list", "students", "--q", number)
	if got[0]["mobile"] != "13999999999" {
		t.Errorf("mobile after update: %v", got[0]["mobile"])
	}
	if out := c.ok("audit", "--q", "import.students", "--json"); !strings.Contains(out, number) {
		t.Error("the audit entry does not record what changed")
	}
}

func TestRoundTripAndEncodings(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	want := c.jsonList("list", "students")
	for _, name := range []string{"all.xlsx", "all.csv"} {
		path := filepath.Join(dir, name)
		c.ok("export", "students", path)
		if out := c.ok("import", "students", path, "--dry-run"); !strings.Contains(out, "新增 0，更新 0，未变 "+itoa(len(want))) {
			t.Errorf("%s did not import back unchanged: %s", name, out)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "all.csv"))
	if !strings.HasPrefix(string(raw), "\xef\xbb\xbf学号,") {
		t.Errorf("CSV does not start with a BOM and the headers: %q", raw[:20])
	}
	// The same roster as GBK and as UTF-8 without BOM imports into a fresh file.
	for _, enc := range []string{"gbk", "utf8"} {
		fresh := newTerm(t)
		fresh.ok("init", "--admin", "admin")
		fresh.env["SECONDMENT_USER"] = "admin"
		fresh.ok("demo", "--students", "10")
		body := string(raw[3:])
		if enc == "gbk" {
			body, _ = simplifiedchinese.GBK.NewEncoder().String(body)
		}
		path := filepath.Join(dir, "roster-"+enc+".csv")
		os.WriteFile(path, []byte(body), 0o644)
		// The fresh file's own 10 students differ from these; add them with --update.
		if code := fresh.run("import", "students", path, "--update"); code != 0 {
			t.Fatalf("%s: exit %d %s", enc, code, fresh.err.String())
		}
		got := fresh.jsonList("list", "students", "--q", want[7]["number"].(string))
		if len(got) != 1 || got[0]["name"] != want[7]["name"] || got[0]["id_number"] != want[7]["id_number"] {
			t.Errorf("%s: %v; want %v", enc, got, want[7])
		}
	}
}

func TestExportMasksAndNeutralizes(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	c.env["SECONDMENT_USER"] = "hr1"
	c.env["SECONDMENT_PASSWORD"] = "demo1234"
	path := filepath.Join(dir, "hr.csv")
	c.ok("export", "students", path)
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		t.Fatal("HR exported no students")
	}
	for _, l := range lines[1:] {
		cells := strings.Split(l, ",")
		// No office login in this process: the data key is locked, mobiles masked.
		if m := cells[10]; m != "" && !strings.Contains(m, "****") {
			t.Errorf("HR export shows mobile %s without the data key", m)
		}
		if id := strings.TrimSpace(cells[12]); id != "" && !strings.Contains(id, "********") {
			t.Errorf("HR export shows ID number %s", id)
		}
	}
	c.refused("import", "students", path)
	c.env["SECONDMENT_USER"] = "admin"
	c.env["SECONDMENT_PASSWORD"] = "admin-密码"
	// A task that a spreadsheet would run as a formula is written as text;
	// a negative number stays a number.
	busy := map[string]bool{}
	for _, p := range c.jsonList("list", "placements") {
		busy[p["student_number"].(string)] = true
	}
	var free string
	for _, s := range c.jsonList("list", "students", "--year", "2025") {
		if !busy[s["number"].(string)] {
			free = s["number"].(string)
			break
		}
	}
	c.ok("placement", "new", "--student", free, "--platform", "瓯江实验室", "--start", "2027-01-04", "--end", "2027-03-31",
		"--task", `=HYPERLINK("http://example.invalid","点此")`)
	p := filepath.Join(dir, "p.csv")
	c.ok("export", "placements", p, "--q", free)
	data, _ = os.ReadFile(p)
	if !strings.Contains(string(data), `"'=HYPERLINK(""http://example.invalid"",""点此"")"`) {
		t.Errorf("formula not neutralised:\n%s", data)
	}
}

func TestTemplate(t *testing.T) {
	c := newTerm(t)
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	c.ok("template", "students", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[1] != "填写说明" {
		t.Fatalf("sheets: %v", sheets)
	}
	head, _ := f.GetRows(sheets[0])
	if strings.Join(head[0], ",") != "学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱,身份证号" {
		t.Errorf("header: %v", head[0])
	}
	dvs, _ := f.GetDataValidations(sheets[0])
	var lists []string
	for _, dv := range dvs {
		lists = append(lists, dv.Formula1)
	}
	joined := strings.Join(lists, "|")
	for _, want := range []string{"硕士", "博士", "学术学位", "男"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no drop-down with %s: %v", want, lists)
		}
	}
	panes, _ := f.GetPanes(sheets[0])
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v", panes)
	}
	// A template filled in imports.
	f.SetSheetRow(sheets[0], "A2", &[]any{"WZU2025800001", "周一", "男", "温州大学", "商学院", "工商管理", "硕士", "专业学位",
		2025, "王老师", "13700000001", "zhou@stu.wzu.edu.cn", ""})
	filled := filepath.Join(t.TempDir(), "填好.xlsx")
	f.SaveAs(filled)
	d := demoTerm(t)
	if out := d.ok("import", "students", filled); !strings.Contains(out, "新增 1") {
		t.Errorf("filled template: %s", out)
	}
}

// addUniversity adds a university to the term's data file through the
// service, as the office's first step on a new file.
func addUniversity(t *testing.T, c *term, name string) {
	t.Helper()
	c.ok("university", "add", name)
}

// TestFirstDay starts from an empty data file and does a graduate office's
// first day on the command line: the office's university, its own roster as
// saved by LibreOffice (title rows, 学校, 2022年9月, landline and mobile
// columns, footer rows), a platform and its quota, a placement drafted,
// approved and dispatched, and its agreement printed.
func TestFirstDay(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin")
	c.env["SECONDMENT_USER"] = "admin"
	roster := filepath.Join("testdata", "first-day", "温州大学2025年研究生选派名单.xlsx")

	// Before the university exists the refusal says how to add it, once for
	// the 30 rows that name it.
	msg := c.refused("import", "students", roster)
	if !strings.Contains(msg, "第 4、5、6 等 30 行 学校“温州大学”：找不到高校“温州大学”：请先在“科创平台/高校”中添加，或运行 secondment university add 温州大学\n有 30 处问题") {
		t.Errorf("unknown university:\n%s", msg)
	}
	addUniversity(t, c, "温州大学")

	out := c.ok("import", "students", roster, "--dry-run")
	if !strings.Contains(out, "将新增 30，更新 0，未变 0（共 30 行") {
		t.Fatalf("dry run: %s\n%s", out, c.err.String())
	}
	c.ok("import", "students", roster)
	if !strings.Contains(c.err.String(), "已略过 3 行") {
		t.Errorf("footer rows not reported as skipped: %s", c.err.String())
	}
	students := c.jsonList("list", "students")
	if len(students) != 30 {
		t.Fatalf("%d students imported", len(students))
	}
	if got := c.jsonList("list", "students", "--q", "郑浩"); len(got) != 1 || got[0]["mobile"] != "13957701000" {
		t.Errorf("郑 浩 as 郑浩 with the mobile, not the landline: %v", got)
	}
	var number string
	for _, s := range students {
		if s["enrolment_year"] == float64(2025) && s["degree"] == "master" {
			number = s["number"].(string)
			break
		}
	}
	if number == "" {
		t.Fatal("no 2025 master's student in the roster")
	}

	platforms := filepath.Join(t.TempDir(), "平台.csv")
	os.WriteFile(platforms, []byte("平台名称,类别,级别,依托单位,法人类型,产业链,认定状态\n"+
		"瓯江实验室,重点实验室,省级,温州市人民政府,事业单位,生命健康,认定有效\n"), 0o644)
	c.ok("import", "platforms", platforms)
	c.ok("quota", "set", "--platform", "瓯江实验室", "--year", "2027", "--category", "graduate", "--total", "5", "--reason", "首批员额")
	no := strings.TrimSpace(c.ok("placement", "new", "--student", number, "--platform", "瓯江实验室",
		"--start", "2027-01-04", "--end", "2027-06-30", "--task", "海洋生物活性物质筛选"))
	c.ok("placement", "approve", no)
	c.ok("placement", "insurance", no, "--insurer", "中国人寿", "--policy", "PA2027-1", "--from", "2027-01-04", "--to", "2027-06-30")
	c.ok("placement", "pledge", no, "--date", "2026-12-20")
	c.ok("placement", "acceptance", no, "--date", "2026-12-15")
	c.ok("placement", "dispatch", no)
	pdf := filepath.Join(t.TempDir(), "协议.pdf")
	c.ok("agreement", no, "-o", pdf)
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("agreement: %v", err)
	}
	if got := c.jsonList("list", "placements"); len(got) != 1 || got[0]["status"] != "dispatched" || got[0]["student_number"] != number {
		t.Errorf("placement: %v", got)
	}
}

// TestSecondSheetOption: the command line says which sheet it read, and
// --sheet picks one.
func TestSecondSheetOption(t *testing.T) {
	c := demoTerm(t)
	path := filepath.Join("..", "roster", "testdata", "second-sheet.xlsx")
	c.ok("import", "students", path, "--dry-run")
	if !strings.Contains(c.err.String(), "读取了工作表“2025级名单”（文件中还有：填表说明") {
		t.Errorf("sheet not named: %s", c.err.String())
	}
	msg := c.refused("import", "students", path, "--sheet", "填表说明")
	if !strings.Contains(msg, "在工作表“填表说明”中找不到表头") {
		t.Errorf("--sheet 填表说明: %s", msg)
	}
	c.ok("import", "students", path, "--sheet", "2025级名单", "--dry-run")
}

// TestCSVRoundTripUndoesNeutralising: text that a CSV export protects with a
// leading apostrophe imports back as it was stored (issue 13, item 6).
func TestCSVRoundTripUndoesNeutralising(t *testing.T) {
	c := demoTerm(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱\n"+
		"WZU2026990001,公式甲,女,温州大学,=商学院,+创新管理,硕士,专业学位,2026,-王老师,13700000001,a@stu.wzu.edu.cn\n"), 0o644)
	c.ok("import", "students", in)
	out := filepath.Join(dir, "out.csv")
	c.ok("export", "students", out, "--q", "WZU2026990001")
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "'=商学院,'+创新管理") {
		t.Fatalf("export not neutralised: %s", data)
	}
	if got := c.ok("import", "students", out, "--dry-run"); !strings.Contains(got, "新增 0，更新 0，未变 1") {
		t.Errorf("round trip: %s %s", got, c.err.String())
	}
	st := c.jsonList("list", "students", "--q", "WZU2026990001")[0]
	if st["school"] != "=商学院" {
		t.Errorf("school stored as %q", st["school"])
	}
}

// TestProblemWorkbookNeverOverwritesTheRoster: --errors naming the roster
// itself is refused and the roster stays; a .csv problem file is refused with
// the reason.
func TestProblemWorkbookNeverOverwritesTheRoster(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin", "--university", "温州大学")
	c.env["SECONDMENT_USER"] = "admin"
	roster := filepath.Join(t.TempDir(), "名单.csv")
	body := "学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱\n" +
		"WZU1,林晓,女,温州大学,商学院,工商管理,硕士,专业学位,2025,王老师,1370000,a@b.cn\n"
	os.WriteFile(roster, []byte(body), 0o644)
	xlsx := filepath.Join(t.TempDir(), "名单.xlsx")
	c.ok("export", "students", xlsx)
	if msg := c.refused("import", "students", xlsx, "--errors", xlsx); !strings.Contains(msg, "名单本身") {
		t.Fatalf("--errors onto the roster: %s", msg)
	}
	if code := c.run("import", "students", roster, "--errors", roster+".csv"); code != 2 || !strings.Contains(c.err.String(), ".xlsx") {
		t.Fatalf("--errors x.csv: exit %d, %s", code, c.err.String())
	}
	if b, _ := os.ReadFile(roster); string(b) != body {
		t.Fatal("the roster was changed")
	}
}

// TestOneIDNumberTwiceInAFile names the earlier row, not a student on file.
func TestOneIDNumberTwiceInAFile(t *testing.T) {
	c := newTerm(t)
	c.ok("init", "--admin", "admin", "--university", "温州大学")
	c.env["SECONDMENT_USER"] = "admin"
	f := filepath.Join(t.TempDir(), "名单.csv")
	os.WriteFile(f, []byte("学号,姓名,性别,高校,学院,专业,学位层次,学位类型,入学年份,校内导师,手机,邮箱,身份证号\n"+
		"WZU1,林晓,女,温州大学,商学院,工商管理,硕士,专业学位,2025,王老师,13700000001,a@b.cn,330302200001011222\n"+
		"WZU2,郑敏,女,温州大学,商学院,工商管理,硕士,专业学位,2025,王老师,13700000002,c@b.cn,330302200001011222\n"), 0o644)
	msg := c.refused("import", "students", f, "--dry-run")
	if !strings.Contains(msg, "第 3 行") || !strings.Contains(msg, "与第 2 行重复") || strings.Contains(msg, "330302200001011222") {
		t.Fatalf("one ID number twice: %s", msg)
	}
}
