package pdf

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"secondment/model"
)

// column of a table: heading, width in mm, alignment (L, C, R).
type column struct {
	head  string
	width float64
	align string
}

// cell is one table cell; fill highlights it (a full quota).
type cell struct {
	text string
	fill bool
}

// table draws rows under a header that repeats at the top of every page; rows
// never split across pages.
func (d *doc) table(cols []column, rows [][]cell) {
	for _, c := range cols {
		d.note(c.head)
	}
	for _, r := range rows {
		for _, c := range r {
			d.note(c.text)
		}
	}
	if d.pdf == nil {
		return
	}
	p := d.pdf
	pt := sizeSmall + 1
	lh := lineHeight(pt) * 0.9
	pad := 1.2
	header := func() {
		d.size(pt)
		d.bold(true)
		p.SetFillColor(226, 232, 240)
		x, y := d.m.left, p.GetY()
		h := d.rowHeight(cols, headCells(cols), pt, lh, pad)
		for _, c := range cols {
			p.Rect(x, y, c.width, h, "FD")
			d.cellText(c.head, x, y, c.width, h, pt, lh, pad, "C")
			x += c.width
		}
		p.SetXY(d.m.left, y+h)
		d.bold(false)
	}
	header()
	_, ph := p.GetPageSize()
	for _, r := range rows {
		h := d.rowHeight(cols, r, pt, lh, pad)
		if p.GetY()+h > ph-d.m.bottom {
			p.AddPage()
			header()
		}
		x, y := d.m.left, p.GetY()
		for i, c := range cols {
			style := "D"
			if r[i].fill {
				p.SetFillColor(254, 202, 202)
				style = "FD"
			}
			p.Rect(x, y, c.width, h, style)
			d.cellText(r[i].text, x, y, c.width, h, pt, lh, pad, c.align)
			x += c.width
		}
		p.SetXY(d.m.left, y+h)
	}
}

func headCells(cols []column) []cell {
	out := make([]cell, len(cols))
	for i, c := range cols {
		out[i] = cell{text: c.head}
	}
	return out
}

func (d *doc) rowHeight(cols []column, r []cell, pt, lh, pad float64) float64 {
	n := 1
	for i, c := range cols {
		n = max(n, d.lines(r[i].text, pt, c.width-2*pad, 0))
	}
	return float64(n)*lh + 2*pad
}

// cellText prints wrapped text inside a cell, vertically centred.
func (d *doc) cellText(text string, x, y, w, h, pt, lh, pad float64, align string) {
	p := d.pdf
	d.size(pt)
	lines := d.wrap(text, w-2*pad, 0)
	top := y + (h-float64(len(lines))*lh)/2
	for i, line := range lines {
		p.SetXY(x+pad, top+float64(i)*lh)
		d.cell(w-2*pad, lh, line, 0, align)
	}
}

// Roster writes a placement roster (选派花名册) for a platform or a university:
// one row per placement, the header repeated on each page, totals at the end. It
// prints no ID numbers or mobiles.
func (m *Maker) Roster(w io.Writer, scope string, rows []model.Agreement) error {
	title := scope + " 研究生选派花名册"
	return m.font.render(w, title, true, m.Now(), func(d *doc) error {
		d.tableHead(title, model.DateOf(m.Now()))
		defer d.endSection()
		cols := []column{
			{"序号", 9, "C"}, {"协议编号", 24, "C"}, {"学号", 29, "C"}, {"姓名", 20, "C"}, {"性别", 9, "C"},
			{"高校", 26, "L"}, {"学院 / 专业", 42, "L"}, {"科创平台", 36, "L"}, {"平台导师", 16, "C"},
			{"选派期间", 24, "C"}, {"状态", 18, "C"},
		}
		scale(cols, d.width)
		table := make([][]cell, len(rows))
		count := map[string]int{}
		for i, a := range rows {
			p, s := a.Placement, a.Student
			count[p.Status]++
			table[i] = []cell{{text: fmt.Sprint(i + 1)}, {text: p.No}, {text: s.Number}, {text: s.Name},
				{text: model.Genders.Name(s.Gender, "zh")}, {text: s.University}, {text: s.School + " / " + s.Major},
				{text: p.Platform}, {text: p.Supervisor}, {text: p.Start.String() + " 至 " + p.End.String()},
				{text: model.PlacementStatuses.Name(p.Status, "zh")}}
		}
		d.table(cols, table)
		var parts []string
		for _, st := range model.PlacementStatuses {
			if n := count[st.Code]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d 人", st.Zh, n))
			}
		}
		total := fmt.Sprintf("合计：%d 人", len(rows))
		if len(parts) > 0 {
			total += "（其中" + strings.Join(parts, "，") + "）"
		}
		if d.pdf != nil {
			d.pdf.Ln(3)
		}
		d.para(total, sizeBody, 0, 0)
		return nil
	})
}

// tableHead starts a table document: one section whose footer names the table
// and the day it was made, and the title centred above the table.
func (d *doc) tableHead(title string, made model.Date) {
	d.section(fmt.Sprintf("%s　制表日期 %s", title, dateCN(made)), 0)
	d.bold(true)
	d.centered(title, sizeHeading+2)
	d.bold(false)
	d.gap()
}

// scale stretches column widths to fill width.
func scale(cols []column, width float64) {
	sum := 0.0
	for _, c := range cols {
		sum += c.width
	}
	for i := range cols {
		cols[i].width *= width / sum
	}
}

// QuotaReport writes the quota use table (员额使用情况表) for a year: one row per
// platform, used / total for each category, full quotas highlighted.
func (m *Maker) QuotaReport(w io.Writer, year int, platforms []model.Platform, quotas []model.QuotaUse) error {
	title := fmt.Sprintf("%d 年度科创平台员额使用情况表", year)
	byPlatform := map[string]map[string]model.QuotaUse{}
	for _, q := range quotas {
		if q.Year != year {
			continue
		}
		if byPlatform[q.Platform] == nil {
			byPlatform[q.Platform] = map[string]model.QuotaUse{}
		}
		byPlatform[q.Platform][q.Category] = q
	}
	sort.Slice(platforms, func(i, j int) bool { return platforms[i].Name < platforms[j].Name })
	return m.font.render(w, title, true, m.Now(), func(d *doc) error {
		d.tableHead(title, model.DateOf(m.Now()))
		defer d.endSection()
		cols := []column{{"序号", 9, "C"}, {"科创平台", 54, "L"}, {"类别", 27, "C"}, {"级别", 12, "C"}, {"认定状态", 17, "C"}}
		for _, c := range model.QuotaCategories {
			cols = append(cols, column{c.Zh + "（已用/总数）", 40, "C"})
		}
		scale(cols, d.width)
		var rows [][]cell
		used, total := map[string]int{}, map[string]int{}
		full := 0
		for _, pl := range platforms {
			qs := byPlatform[pl.Name]
			if qs == nil {
				continue
			}
			row := []cell{{text: fmt.Sprint(len(rows) + 1)}, {text: pl.Name}, {text: model.PlatformKinds.Name(pl.Kind, "zh")},
				{text: model.PlatformLevels.Name(pl.Level, "zh")}, {text: model.PlatformStatuses.Name(pl.Status, "zh")}}
			for _, c := range model.QuotaCategories {
				q, ok := qs[c.Code]
				if !ok {
					row = append(row, cell{text: "—"})
					continue
				}
				used[c.Code] += q.Used
				total[c.Code] += q.Total
				text := fmt.Sprintf("%d / %d", q.Used, q.Total)
				if q.Full() {
					text += "（已满）"
					full++
				}
				row = append(row, cell{text: text, fill: q.Full()})
			}
			rows = append(rows, row)
		}
		sum := []cell{{text: ""}, {text: "合计"}, {}, {}, {}}
		for _, c := range model.QuotaCategories {
			sum = append(sum, cell{text: fmt.Sprintf("%d / %d", used[c.Code], total[c.Code])})
		}
		d.table(cols, append(rows, sum))
		if d.pdf != nil {
			d.pdf.Ln(3)
		}
		d.para(fmt.Sprintf("共 %d 个平台，%d 项员额已满（红色标出）。研究生选派员额按已审批、已派出、已到岗、已结束的选派计算；"+
			"双聘双挂员额按在任和已期满的聘任计算；报备员额按平台报备人数计算。", len(rows), full), sizeSmall+1, 0, 0)
		return nil
	})
}
