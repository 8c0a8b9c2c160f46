// Package evaluation reads and writes the spreadsheets of the annual evaluation
// of platforms: the scheme template (one row per indicator of each scheme), the
// indicator sheet platforms fill in (one row per figure) and the year's results
// table. It maps Chinese column headers to model records through package sheet;
// the rules stay in package dispatch.
package evaluation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"secondment/dispatch"
	"secondment/model"
	"secondment/sheet"
)

// Scheme sheet columns.
const (
	colYear      = "年度"
	colKind      = "平台类别"
	colLegal     = "法人类型"
	colCode      = "指标代码"
	colName      = "指标名称"
	colUnit      = "单位"
	colSource    = "数据来源"
	colWeight    = "权重"
	colRule      = "计分方式"
	colBands     = "分档（数值:得分%）"
	colCap       = "满分值"
	colLower     = "越低越好"
	colExample   = "示例方案"
	colPlatform  = "平台名称"
	colValue     = "数值"
	colEvidence  = "佐证说明"
	sourceZhComp = "系统计算"
	sourceZhEnt  = "平台填报"
)

// aliases are other headers clerks write for a column.
var aliases = map[string][]string{
	colKind:     {"类别", "平台类型"},
	colLegal:    {"法人性质"},
	colCode:     {"代码", "指标编码"},
	colName:     {"指标", "评价指标"},
	colSource:   {"来源"},
	colRule:     {"计分规则", "评分方式"},
	colBands:    {"分档", "分档标准"},
	colCap:      {"封顶值", "满分值（线性）"},
	colExample:  {"示例"},
	colPlatform: {"平台", "科创平台"},
	colValue:    {"填报值", "指标值", "值"},
	colEvidence: {"佐证", "佐证材料", "证明材料", "佐证说明（材料名称、页码）"},
}

// header finds the header row (the first with all of need) and maps each
// known column to its index.
func header(t *sheet.Table, need []string, optional []string) (int, map[string]int, error) {
	for i, r := range t.Rows {
		idx := map[string]int{}
		for c := range r.Cells {
			h := norm(r.Cell(c))
			for _, name := range append(need, optional...) {
				if h == norm(name) || contains(aliases[name], h) {
					if _, dup := idx[name]; !dup {
						idx[name] = c
					}
				}
			}
		}
		ok := true
		for _, n := range need {
			_, has := idx[n]
			ok = ok && has
		}
		if ok {
			return i, idx, nil
		}
		if i > 20 {
			break
		}
	}
	return 0, nil, model.Errorf(model.EInvalid, "import.missing_columns", need, 1)
}

// norm is a header as compared: cleaned (full-width forms folded), without spaces.
func norm(h string) string { return strings.ReplaceAll(model.Clean(h), " ", "") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if norm(x) == s {
			return true
		}
	}
	return false
}

// number reads a cell as a number: full-width digits, thousands separators,
// a trailing % or unit are fine.
func number(s string) (float64, bool) {
	s = strings.ReplaceAll(model.CleanCode(s), ",", "")
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimRight(s, "万元项件家人")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func yes(s string) bool {
	switch strings.ToLower(model.Clean(s)) {
	case "是", "y", "yes", "true", "1", "√", "✓":
		return true
	}
	return false
}

// SchemeSet is a set of schemes read from a sheet, with the row each began on.
type SchemeSet struct {
	Schemes []model.EvalScheme
	Rows    []int
}

// ReadSchemes reads a scheme sheet: one row per indicator; consecutive rows
// with the same kind and legal type make one scheme. year, if not 0, is the
// year of every scheme (a 年度 column, if any, must agree). A bad cell is a
// *model.ImportError listing every fault by row and column title.
func ReadSchemes(path string, year int) (SchemeSet, error) {
	var set SchemeSet
	t, err := sheet.Read(path, sheet.DefaultLimits)
	if err != nil {
		return set, err
	}
	h, col, err := header(t, []string{colKind, colCode, colName, colWeight, colRule},
		[]string{colYear, colLegal, colUnit, colSource, colBands, colCap, colLower, colExample})
	if err != nil {
		return set, err
	}
	var bad []model.RowError
	fault := func(row int, column, value, key string, args ...any) {
		bad = append(bad, model.RowError{Row: row, Column: column, Value: value, Err: model.Invalid(column, key, args...)})
	}
	cell := func(r sheet.Row, name string) string {
		if i, ok := col[name]; ok {
			return model.Clean(r.Cell(i))
		}
		return ""
	}
	index := map[string]int{}
	for _, r := range t.Rows[h+1:] {
		if cell(r, colCode) == "" && cell(r, colName) == "" {
			continue
		}
		y := year
		if s := cell(r, colYear); s != "" {
			v, err := strconv.Atoi(model.CleanCode(strings.TrimSuffix(s, "年")))
			switch {
			case err != nil:
				fault(r.Num, colYear, s, "import.year", s)
				continue
			case year != 0 && v != year:
				fault(r.Num, colYear, s, "evaluation.other_year", v, year)
				continue
			}
			y = v
		}
		if y == 0 {
			fault(r.Num, colYear, "", "field.required")
			continue
		}
		kind, ok := model.PlatformKinds.Parse(cell(r, colKind))
		if !ok {
			fault(r.Num, colKind, cell(r, colKind), "field.choice", cell(r, colKind), model.PlatformKinds)
			continue
		}
		legal := ""
		if s := cell(r, colLegal); s != "" && s != "全部" && s != "不限" {
			if legal, ok = model.LegalTypes.Parse(s); !ok {
				fault(r.Num, colLegal, s, "field.choice", s, model.LegalTypes)
				continue
			}
		}
		in := model.SchemeIndicator{Code: cell(r, colCode), Name: cell(r, colName), Unit: cell(r, colUnit)}
		if in.Code == "" {
			in.Code = dispatch.IndicatorCode(in.Name)
		}
		if in.Name == "" {
			in.Name = dispatch.DefaultIndicatorName(in.Code)
		}
		switch cell(r, colSource) {
		case sourceZhComp, model.SourceComputed:
			in.Source = model.SourceComputed
		case "", sourceZhEnt, model.SourceEntered:
			in.Source = model.SourceEntered
		default:
			fault(r.Num, colSource, cell(r, colSource), "field.choice", cell(r, colSource), []string{sourceZhComp, sourceZhEnt})
			continue
		}
		w, ok := number(cell(r, colWeight))
		if !ok {
			fault(r.Num, colWeight, cell(r, colWeight), "evaluation.weight", cell(r, colWeight))
			continue
		}
		in.Weight = w
		rule, ok := model.RuleKinds.Parse(cell(r, colRule))
		if !ok {
			fault(r.Num, colRule, cell(r, colRule), "field.choice", cell(r, colRule), model.RuleKinds)
			continue
		}
		in.Rule = model.Rule{Kind: rule, Lower: yes(cell(r, colLower))}
		if rule == model.RuleBands {
			if in.Rule.Bands, err = model.ParseBands(cell(r, colBands)); err != nil {
				var e *model.Error
				errors.As(err, &e)
				bad = append(bad, model.RowError{Row: r.Num, Column: colBands, Value: cell(r, colBands), Err: e})
				continue
			}
		} else if in.Rule.Cap, ok = number(cell(r, colCap)); !ok {
			fault(r.Num, colCap, cell(r, colCap), "evaluation.rule_cap", cell(r, colCap))
			continue
		}
		key := model.SchemeKey(y, kind, legal)
		i, seen := index[key]
		if !seen {
			i = len(set.Schemes)
			index[key] = i
			set.Schemes = append(set.Schemes, model.EvalScheme{Year: y, Kind: kind, LegalType: legal, Example: yes(cell(r, colExample))})
			set.Rows = append(set.Rows, r.Num)
		}
		set.Schemes[i].Indicators = append(set.Schemes[i].Indicators, in)
	}
	if len(bad) > 0 {
		return set, &model.ImportError{Rows: bad}
	}
	if len(set.Schemes) == 0 {
		return set, model.Errorf(model.EInvalid, "evaluation.no_schemes")
	}
	return set, nil
}

// SchemeRowError turns a refusal of one scheme of a set into a row error at the
// row the scheme began on, so the command line and the window show it like
// any fault of the sheet.
func (set SchemeSet) SchemeRowError(err error) error {
	var se *dispatch.SchemeError
	if !errors.As(err, &se) || se.Index >= len(set.Rows) {
		return err
	}
	return &model.ImportError{Rows: []model.RowError{{Row: set.Rows[se.Index], Column: columnOf(se.Err.Field), Err: se.Err}}}
}

// columnOf is the column title of a field code.
func columnOf(field string) string {
	switch field {
	case "kind":
		return colKind
	case "legal_type":
		return colLegal
	case "code":
		return colCode
	case "name":
		return colName
	case "weight":
		return colWeight
	case "rule", "bands":
		return colRule
	case "platform":
		return colPlatform
	case "value":
		return colValue
	case "evidence":
		return colEvidence
	case "year":
		return colYear
	}
	return field
}

// WriteSchemes writes schemes to an .xlsx (or .csv) scheme sheet, with a sheet
// of instructions, so a bureau can fill it in and import it back.
func WriteSchemes(path string, schemes []model.EvalScheme) error {
	cols := []sheet.Column{{Title: colYear}, {Title: colKind, Width: 16, Choices: model.PlatformKinds.Names("zh")},
		{Title: colLegal, Width: 12, Choices: append([]string{"全部"}, model.LegalTypes.Names("zh")...)},
		{Title: colCode, Width: 22}, {Title: colName, Width: 30}, {Title: colUnit, Width: 8},
		{Title: colSource, Width: 10, Choices: []string{sourceZhComp, sourceZhEnt}}, {Title: colWeight, Width: 8},
		{Title: colRule, Width: 10, Choices: model.RuleKinds.Names("zh")}, {Title: colBands, Width: 22}, {Title: colCap, Width: 10},
		{Title: colLower, Width: 10, Choices: []string{"是", "否"}}, {Title: colExample, Width: 10, Choices: []string{"是", "否"}}}
	var rows [][]any
	for _, sc := range schemes {
		legal := "全部"
		if sc.LegalType != "" {
			legal = model.LegalTypes.Name(sc.LegalType, "zh")
		}
		for _, in := range sc.Indicators {
			source := sourceZhEnt
			if in.Source == model.SourceComputed {
				source = sourceZhComp
			}
			capText := ""
			if in.Rule.Kind == model.RuleLinear {
				capText = model.Num(in.Rule.Cap)
			}
			rows = append(rows, []any{sc.Year, model.PlatformKinds.Name(sc.Kind, "zh"), legal, in.Code, in.Name, in.Unit, source,
				model.Num(in.Weight), model.RuleKinds.Name(in.Rule.Kind, "zh"), in.Rule.BandsText(), capText, yesNo(in.Rule.Lower),
				yesNo(sc.Example)})
		}
	}
	help := sheet.Sheet{Name: "填写说明", Columns: []sheet.Column{{Title: "说明", Width: 100}}, Rows: [][]any{
		{"每行一个指标；平台类别（及法人类型）相同的相邻各行组成一个评价方案，每个方案的权重合计须为 100。"},
		{"法人类型填“全部”表示适用于该类别的所有平台；另设某一法人类型的方案时，该类平台按其专门方案评价。"},
		{"数据来源：“系统计算”的指标由工作台根据选派记录计算，指标代码须为 " + strings.Join(model.ComputedIndicators, "、") + " 之一；“平台填报”的指标由平台填报、市科技局审核。"},
		{"计分方式：“分档”按所达最高一档计分，分档写成 数值:得分%，如 3:100 2:67 1:33（≥3 得满分，≥2 得 67%，≥1 得 33%）；“线性”按 数值÷满分值 计分，封顶为满分。"},
		{"越低越好填“是”时（如提前终止人数），分档按“不超过该数值”计，线性为 0 得满分、达到满分值得 0 分。"},
		{"“示例方案”为系统附带的参考方案，请按本年度评价办法修改后导入。"},
	}}
	return sheet.Write(path, sheet.Sheet{Name: "评价方案", Columns: cols, Rows: rows}, help)
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// ReadFigures reads an indicator sheet: one row per figure, with the platform,
// the indicator (code or name), the value and a note of its evidence; year, if
// not 0, is the year of every row (a 年度 column must then agree).
func ReadFigures(path string, year int) ([]dispatch.FigureRow, error) {
	t, err := sheet.Read(path, sheet.DefaultLimits)
	if err != nil {
		return nil, err
	}
	h, col, err := header(t, []string{colPlatform, colValue}, []string{colYear, colCode, colName, colUnit, colEvidence})
	if err != nil {
		return nil, err
	}
	var out []dispatch.FigureRow
	var bad []model.RowError
	fault := func(row int, column, value, key string, args ...any) {
		bad = append(bad, model.RowError{Row: row, Column: column, Value: value, Err: model.Invalid(column, key, args...)})
	}
	cell := func(r sheet.Row, name string) string {
		if i, ok := col[name]; ok {
			return model.Clean(r.Cell(i))
		}
		return ""
	}
	for _, r := range t.Rows[h+1:] {
		if cell(r, colPlatform) == "" && cell(r, colValue) == "" {
			continue
		}
		f := model.EvalFigure{Year: year, Platform: cell(r, colPlatform), Code: cell(r, colCode), Evidence: cell(r, colEvidence)}
		if s := cell(r, colYear); s != "" {
			v, err := strconv.Atoi(model.CleanCode(strings.TrimSuffix(s, "年")))
			if err != nil || (year != 0 && v != year) {
				fault(r.Num, colYear, s, "evaluation.other_year", s, year)
				continue
			}
			f.Year = v
		}
		if f.Year == 0 {
			fault(r.Num, colYear, "", "field.required")
			continue
		}
		if f.Code == "" {
			if f.Code = dispatch.IndicatorCode(cell(r, colName)); f.Code == "" {
				fault(r.Num, colName, cell(r, colName), "evaluation.unknown_name", cell(r, colName))
				continue
			}
		}
		v, ok := number(cell(r, colValue))
		if !ok {
			fault(r.Num, colValue, cell(r, colValue), "evaluation.value", cell(r, colValue))
			continue
		}
		f.Value = v
		out = append(out, dispatch.FigureRow{Row: r.Num, Figure: f})
	}
	if len(bad) > 0 {
		return nil, &model.ImportError{Rows: bad}
	}
	return out, nil
}

// FigureRowError names the columns of a refused import of figures: the service
// reports each row's field code, the sheet shows its title.
func FigureRowError(err error) error {
	var ie *model.ImportError
	if errors.As(err, &ie) {
		for i := range ie.Rows {
			ie.Rows[i].Column = columnOf(ie.Rows[i].Column)
		}
	}
	return err
}

// WriteFigureTemplate writes an empty indicator sheet for a year: one row per
// platform and entered indicator of its scheme, to be filled in.
func WriteFigureTemplate(path string, year int, platforms []model.Platform, schemes []model.EvalScheme) error {
	cols := []sheet.Column{{Title: colYear}, {Title: colPlatform, Width: 30}, {Title: colCode, Width: 22},
		{Title: colName, Width: 30}, {Title: colUnit, Width: 8}, {Title: colValue, Width: 10}, {Title: colEvidence, Width: 40}}
	var rows [][]any
	for _, pl := range platforms {
		sc := dispatch.SchemeFor(schemes, pl)
		if sc == nil {
			continue
		}
		for _, in := range sc.Indicators {
			if in.Source == model.SourceEntered {
				rows = append(rows, []any{year, pl.Name, in.Code, in.Name, in.Unit, "", ""})
			}
		}
	}
	return sheet.Write(path, sheet.Sheet{Name: "评价数据", Columns: cols, Rows: rows})
}

// WriteResults writes the year's results table to .xlsx (or .csv), ranked
// within each kind.
func WriteResults(path string, y model.EvalYear, rs []model.EvalResult) error {
	cols := []sheet.Column{{Title: "年度"}, {Title: "平台类别", Width: 16}, {Title: "类别内排名", Width: 10}, {Title: "同类平台数", Width: 10},
		{Title: "科创平台", Width: 34}, {Title: "级别"}, {Title: "法人类型", Width: 12}, {Title: "得分"}, {Title: "等次"},
		{Title: "超出优秀比例", Width: 12}, {Title: "整改期限", Width: 12, Date: true}, {Title: "复查结果", Width: 10}, {Title: "结果状态", Width: 10}}
	state := "待确定"
	if y.State == model.EvalFinalized {
		state = "已确定"
	}
	var rows [][]any
	for _, r := range rs {
		var deadline any = ""
		if !r.Deadline.IsZero() {
			deadline = r.Deadline.Time()
		}
		recheck := map[string]string{model.RecheckPassed: "合格", model.RecheckFailed: "不合格"}[r.Recheck]
		capped := ""
		if r.Capped {
			capped = "是"
		}
		rows = append(rows, []any{r.Year, model.PlatformKinds.Name(r.Kind, "zh"), r.Rank, r.Of, r.Platform,
			model.PlatformLevels.Name(r.Level, "zh"), model.LegalTypes.Name(r.LegalType, "zh"), model.Num(r.Score),
			model.Grades.Name(r.Grade, "zh"), capped, deadline, recheck, state})
	}
	return sheet.Write(path, sheet.Sheet{Name: fmt.Sprintf("%d年度评价结果", y.Year), Columns: cols, Rows: rows})
}
