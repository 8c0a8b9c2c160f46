package evaluation

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"secondment/dispatch"
	"secondment/model"
)

func TestSchemesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schemes.xlsx")
	want := dispatch.DefaultSchemes(2026)
	if err := WriteSchemes(path, want); err != nil {
		t.Fatal(err)
	}
	set, err := ReadSchemes(path, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Schemes) != len(want) {
		t.Fatalf("%d schemes read; want %d", len(set.Schemes), len(want))
	}
	for i := range set.Schemes {
		got := set.Schemes[i]
		if err := got.Normalize(); err != nil {
			t.Fatalf("scheme %d: %v", i, err)
		}
		// Bands come back rounded to two decimals of a percent.
		for j := range got.Indicators {
			for k := range got.Indicators[j].Rule.Bands {
				b := &got.Indicators[j].Rule.Bands[k]
				wb := want[i].Indicators[j].Rule.Bands[k]
				if d := b.Share - wb.Share; d > 1e-4 || d < -1e-4 {
					t.Fatalf("%s band %d: %v; want %v", got.Indicators[j].Code, k, b.Share, wb.Share)
				}
				*b = wb
			}
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("scheme %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
}

func TestSchemeSheetFaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.csv")
	os.WriteFile(path, []byte("年度,类别,指标代码,指标名称,权重,计分方式,分档,满分值,越低越好\n"+
		"2026,重点实验室,tech_service_income,四技服务收入,60,线性,,300,\n"+
		"2025,重点实验室,students_hosted,联合培养研究生,40,分档,3:100 2:67,,\n"+
		"2026,农场,x,某指标,10,线性,,5,\n"+
		"2026,重点实验室,terminations,提前终止人数,5,阶梯,,,是\n"+
		"2026,重点实验室,y,某指标,五,线性,,5,\n"), 0o644)
	_, err := ReadSchemes(path, 2026)
	var ie *model.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("%v", err)
	}
	got := map[int]string{}
	for _, r := range ie.Rows {
		got[r.Row] = r.Column
	}
	want := map[int]string{3: colYear, 4: colKind, 5: colRule, 6: colWeight}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("faults %v; want %v", got, want)
	}
}

func TestReadFigures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.csv")
	os.WriteFile(path, []byte("2026 年度科创平台评价数据表\n"+
		"平台,指标名称,填报值,佐证材料\n"+
		"瓯江实验室,四技服务收入,\"1,250.5\",年报第 3 页\n"+
		"瓯江实验室,科研投入（研发经费）（万元）,８００,审计报告\n"+
		"瓯江实验室,不存在的指标,3,x\n"+
		"瓯江实验室,发明专利授权,很多,x\n"), 0o644)
	_, err := ReadFigures(path, 2026)
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Rows) != 2 || ie.Rows[0].Row != 5 || ie.Rows[1].Column != colValue {
		t.Fatalf("faults: %v", err)
	}
	os.WriteFile(path, []byte("平台,指标名称,填报值,佐证材料\n"+
		"瓯江实验室,四技服务收入,\"1,250.5\",年报第 3 页\n"+
		"瓯江实验室,科研投入（研发经费）（万元）,８００,审计报告\n"), 0o644)
	rows, err := ReadFigures(path, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Figure.Code != "tech_service_income" || rows[0].Figure.Value != 1250.5 ||
		rows[1].Figure.Code != "rd_spend" || rows[1].Figure.Value != 800 || rows[1].Row != 3 || rows[0].Figure.Year != 2026 {
		t.Fatalf("rows %+v", rows)
	}
}
