package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
)

// detail is a pane of label: value lines, replaced when another row is picked.
type detail struct {
	box *fyne.Container
}

func newDetail(u *UI) *detail {
	return &detail{box: container.NewVBox(widget.NewLabel(u.t("ui.pick_a_row")))}
}

func (d *detail) set(objs ...fyne.CanvasObject) {
	d.box.Objects = objs
	d.box.Refresh()
}

// field is one "label: value" line of a detail pane.
func field(label, value string) fyne.CanvasObject {
	v := widget.NewLabel(value)
	v.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to break at
	return container.NewBorder(nil, nil, widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, v)
}

func (u *UI) split(list, side fyne.CanvasObject) fyne.CanvasObject {
	s := container.NewHSplit(list, container.NewVScroll(side))
	s.Offset = 0.68
	return s
}

func (u *UI) studentsView() (fyne.CanvasObject, *entry) {
	var uniSel, degSel *widget.Select
	var yearSel *widget.Select
	l := newListing(u, "ui.search_students", []column[model.Student]{
		{title: "col.number", code: "number", width: 150, text: func(s model.Student) string { return s.Number }},
		{title: "col.name", code: "name", width: 90, text: func(s model.Student) string { return s.Name }},
		{title: "col.gender", code: "gender", width: 50, text: func(s model.Student) string { return u.term(model.Genders, s.Gender) }},
		{title: "col.university", code: "university", width: 130, text: func(s model.Student) string { return s.University }},
		{title: "col.school", code: "school", width: 170, text: func(s model.Student) string { return s.School }},
		{title: "col.degree", code: "degree", width: 80, text: func(s model.Student) string { return u.term(model.Degrees, s.Degree) }},
		{title: "field:enrolment_year", code: "enrolment_year", width: 80, text: func(s model.Student) string { return strconv.Itoa(s.EnrolmentYear) }},
		{title: "col.mobile", code: "mobile", width: 130, text: func(s model.Student) string { return s.Mobile }},
	}, nil)
	// 100,000 students: the service filters and sorts, the table reads only
	// the rows it draws.
	l.lazy = func(q, by string, desc bool) (rows[model.Student], error) {
		f := dispatch.StudentFilter{Q: q, University: chosen(uniSel), Degree: chosen(degSel)}
		if y := chosen(yearSel); y != "" {
			f.EnrolmentYear, _ = strconv.Atoi(y)
		}
		return u.svc.StudentView(u.sess, f, by, desc)
	}
	unis := u.universityNames()
	if u.sess.User().University == "" && u.sess.User().Role == model.Office {
		uniSel = l.selectFilter(u.t("ui.all_universities"), unis)
	}
	degSel = l.selectFilter(u.t("ui.all_degrees"), model.Degrees.Names(string(u.lang)))
	var years []string
	for y := u.now().Year(); y >= u.now().Year()-6; y-- {
		years = append(years, strconv.Itoa(y))
	}
	yearSel = l.selectFilter(u.t("ui.all_years"), years)
	l.key = model.Student.Key
	d := newDetail(u)
	l.onPick = func(s model.Student) {
		d.set(
			widget.NewLabelWithStyle(s.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.number"), s.Number),
			field(u.t("col.gender"), u.term(model.Genders, s.Gender)),
			field(u.t("col.university"), s.University),
			field(u.t("col.school"), s.School),
			field(u.t("field:major"), s.Major),
			field(u.t("col.degree"), u.term(model.Degrees, s.Degree)+" · "+u.term(model.DegreeTypes, s.DegreeType)),
			field(u.t("field:enrolment_year"), strconv.Itoa(s.EnrolmentYear)),
			field(u.t("field:supervisor"), s.Supervisor),
			field(u.t("col.mobile"), s.Mobile),
			field(u.t("field:email"), s.Email),
			field(u.t("col.id_number"), s.IDNumber),
		)
		if u.sess.User().IsOffice() {
			d.box.Add(container.NewHBox(
				widget.NewButton(u.t("ui.edit"), func() {
					full, err := u.svc.Student(u.sess, s.University, s.Number)
					if err != nil {
						u.showError(err)
						return
					}
					u.studentFormFor(&full, l.refresh)
				}),
				widget.NewButton(u.t("ui.new_placement"), func() {
					st := s
					u.placementFormFor(&st, func() { l.onPick(st) })
				})))
		}
		u.studentPlacements(d, s)
	}
	l.refreshInBackground()
	u.students = l
	var actions []fyne.CanvasObject
	if u.sess.User().IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.add_student"), func() { u.studentForm(l.refresh) }))
		if u.sess.User().University == "" {
			actions = append(actions, widget.NewButton(u.t("ui.add_university"), func() {
				u.universityForm(func() {
					if uniSel != nil {
						uniSel.Options = u.universityNames()
					}
				})
			}))
		}
	}
	actions = append(actions, exportShown(u, l, "students"))
	return u.split(l.view(actions...), d.box), l.search
}

// studentForm adds a student, with each field's problem shown under it.
func (u *UI) studentForm(done func()) { u.studentFormFor(nil, done) }

// studentFormFor adds a student, or edits one (its university and number fixed).
func (u *UI) studentFormFor(cur *model.Student, done func()) {
	f := u.newForm()
	number := f.text("number", "col.number")
	name := f.text("name", "col.name")
	gender := f.choice("gender", "col.gender", model.Genders.Names(string(u.lang)))
	unis := u.universityNames()
	uni := f.choice("university", "col.university", unis)
	school := f.text("school", "col.school")
	major := f.text("major", "field:major")
	degree := f.choice("degree", "col.degree", model.Degrees.Names(string(u.lang)))
	dtype := f.choice("degree_type", "field:degree_type", model.DegreeTypes.Names(string(u.lang)))
	year := f.text("enrolment_year", "field:enrolment_year")
	sup := f.text("supervisor", "field:supervisor")
	mobile := f.text("mobile", "col.mobile")
	email := f.text("email", "field:email")
	id := f.text("id_number", "col.id_number")
	title := u.t("ui.add_student")
	if cur != nil {
		title = u.t("ui.edit") + " " + cur.Name
		number.SetText(cur.Number)
		number.Disable()
		uni.SetSelected(cur.University)
		uni.Disable()
		name.SetText(cur.Name)
		gender.SetSelected(u.term(model.Genders, cur.Gender))
		school.SetText(cur.School)
		major.SetText(cur.Major)
		degree.SetSelected(u.term(model.Degrees, cur.Degree))
		dtype.SetSelected(u.term(model.DegreeTypes, cur.DegreeType))
		year.SetText(strconv.Itoa(cur.EnrolmentYear))
		sup.SetText(cur.Supervisor)
		mobile.SetText(cur.Mobile)
		email.SetText(cur.Email)
		id.SetText(cur.IDNumber)
	}
	f.open(title, func() error {
		y, _ := strconv.Atoi(model.CleanCode(year.Text))
		st := model.Student{Number: number.Text, Name: name.Text, Gender: gender.Selected,
			University: uni.Selected, School: school.Text, Major: major.Text, Degree: degree.Selected, DegreeType: dtype.Selected,
			EnrolmentYear: y, Supervisor: sup.Text, Mobile: mobile.Text, Email: email.Text, IDNumber: id.Text}
		var err error
		if cur != nil {
			_, err = u.svc.UpdateStudent(u.sess, st)
		} else {
			_, err = u.svc.AddStudent(u.sess, st)
		}
		return err
	}, done)
}

// studentPlacements adds a student's placements, newest first, to the detail.
func (u *UI) studentPlacements(d *detail, s model.Student) {
	ps, err := u.svc.Placements(u.sess, dispatch.PlacementFilter{Q: s.Number})
	if err != nil {
		return
	}
	d.box.Add(widget.NewLabelWithStyle(u.t("ui.student_placements"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	n := 0
	for _, p := range ps {
		if p.StudentKey() != s.Key() {
			continue
		}
		n++
		l := widget.NewLabel(p.No + "　" + p.Platform + "　" + u.term(model.PlacementStatuses, p.Status) + "　" +
			p.Start.String() + " ～ " + p.End.String())
		l.Wrapping = fyne.TextWrapBreak
		d.box.Add(l)
	}
	if n == 0 {
		d.box.Add(widget.NewLabel(u.t("ui.no_placements")))
	}
}
