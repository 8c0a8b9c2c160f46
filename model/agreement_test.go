package model

import "testing"

// TestCodeIsTheSameOnMaskedAndFullCopies: an agreement printed with the ID
// number masked (by platform HR, without the data key) carries the office's code.
func TestCodeIsTheSameOnMaskedAndFullCopies(t *testing.T) {
	a := Agreement{
		Placement: Placement{No: "XP2026-00001", Platform: "瓯江实验室", Task: "攻关", Start: MustDate("2026-09-01"), End: MustDate("2027-06-30")},
		Student:   Student{University: "温州大学", Number: "WZU1", Name: "林晓", IDNumber: "330302200001011234"},
	}
	masked := a
	masked.Student.IDNumber = MaskIDNumber(a.Student.IDNumber)
	if a.Code() != masked.Code() {
		t.Fatalf("full %s, masked %s", a.Code(), masked.Code())
	}
	changed := a
	changed.Student.IDNumber = "330302200001015678"
	if changed.Code() == a.Code() {
		t.Fatal("a changed ID number (its last digits) keeps the code")
	}
	if a.LegacyCode() == a.Code() {
		t.Fatal("the legacy code is the new one")
	}
}
