package dispatch

import (
	"strings"
	"testing"

	"secondment/model"
)

// The import rules speak model rows and field codes: a refusal names the
// field ("university", "mobile"), never a column title, and the sheet layer
// (package files) puts the clerk's own header back.
func TestImportRefusalsCarryFieldCodes(t *testing.T) {
	f := newFixture(t)
	stored, err := f.s.Students(f.admin, StudentFilter{Q: "WZU2025001"})
	if err != nil || len(stored) != 1 {
		t.Fatal(err, stored)
	}
	changed := stored[0]
	changed.Mobile = "13800000009"
	changed.Email = "new@stu.example.edu.cn"
	fresh := stored[0]
	fresh.Number, fresh.IDNumber, fresh.Mobile = "WZU2025901", "", "13800000901"
	stranger := fresh
	stranger.Number, stranger.University = "WZU2025902", "温州师范大学"
	rows := []model.StudentRow{{Row: 3, Student: changed}, {Row: 4, Student: fresh}, {Row: 5, Student: stranger}, {Row: 6, Student: fresh}}
	_, err = f.s.ImportStudents(f.admin, rows, ImportOptions{Source: "t.xlsx"})
	ie, ok := err.(*model.ImportError)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	type want struct {
		row        int
		field, key string
		value      string
	}
	wants := []want{{3, "mobile", "import.changed", "13800000009"}, {3, "email", "import.changed", "new@stu.example.edu.cn"},
		{5, "university", "import.university_unknown", "温州师范大学"}, {6, "number", "import.duplicate", "WZU2025901"}}
	if len(ie.Rows) != len(wants) {
		t.Fatalf("row errors %+v", ie.Rows)
	}
	for i, w := range wants {
		e := ie.Rows[i]
		if e.Row != w.row || e.Field != w.field || e.Err.Key != w.key || e.Value != w.value || e.Column != "" {
			t.Errorf("error %d = %+v; want %+v", i, e, w)
		}
	}
	if got, _ := f.s.Students(f.admin, StudentFilter{Q: "WZU2025901"}); len(got) != 0 {
		t.Fatal("a refused import wrote a student")
	}
	// With Update and the bad rows gone, the changed record is replaced and
	// the change is named by its field codes.
	sum, err := f.s.ImportStudents(f.admin, rows[:2], ImportOptions{Update: true, Source: "t.xlsx"})
	if err != nil || sum.New != 1 || sum.Updated != 1 || len(sum.Changes) != 1 || !strings.Contains(sum.Changes[0], "mobile email") {
		t.Fatalf("update: %+v %v", sum, err)
	}
}
