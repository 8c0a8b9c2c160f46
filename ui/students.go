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

// split puts a list beside its detail pane.
func split(list, side fyne.CanvasObject) fyne.CanvasObject {
	s := container.NewHSplit(list, container.NewVScroll(side))
	s.Offset = 0.68
	return s
}

// studentsScreen is the 学生 tab: the students the user may see, searched by
// the service, a picked one's record and placements, and the office's forms.
type studentsScreen struct {
	u          *UI
	placements *placementsScreen
	list       *listing[model.Student]
}

// build makes the tab's content and its search box.
func (s *studentsScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
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
	l.onPick = func(st model.Student) {
		d.set(
			widget.NewLabelWithStyle(st.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			field(u.t("col.number"), st.Number),
			field(u.t("col.gender"), u.term(model.Genders, st.Gender)),
			field(u.t("col.university"), st.University),
			field(u.t("col.school"), st.School),
			field(u.t("field:major"), st.Major),
			field(u.t("col.degree"), u.term(model.Degrees, st.Degree)+" · "+u.term(model.DegreeTypes, st.DegreeType)),
			field(u.t("field:enrolment_year"), strconv.Itoa(st.EnrolmentYear)),
			field(u.t("field:supervisor"), st.Supervisor),
			field(u.t("col.mobile"), st.Mobile),
			field(u.t("field:email"), st.Email),
			field(u.t("col.id_number"), st.IDNumber),
		)
		if u.sess.User().IsOffice() {
			d.box.Add(container.NewHBox(
				widget.NewButton(u.t("ui.edit"), func() {
					full, err := u.svc.Student(u.sess, st.University, st.Number)
					if err != nil {
						u.showError(err)
						return
					}
					s.studentFormFor(&full, l.refresh)
				}),
				widget.NewButton(u.t("ui.new_placement"), func() {
					st := st
					s.placements.placementFormFor(&st, func() { l.onPick(st) })
				})))
		}
		s.studentPlacements(d, st)
	}
	l.refreshInBackground()
	s.list = l
	var actions []fyne.CanvasObject
	if u.sess.User().IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.add_student"), func() { s.studentForm(l.refresh) }))
		if u.sess.User().University == "" {
			actions = append(actions, widget.NewButton(u.t("ui.add_university"), func() {
				s.universityForm(func() {
					if uniSel != nil {
						uniSel.Options = u.universityNames()
					}
				})
			}))
		}
	}
	actions = append(actions, exportShown(u, l, "students"))
	return split(l.view(actions...), d.box), l.search
}

// studentForm adds a student, with each field's problem shown under it.
func (s *studentsScreen) studentForm(done func()) { s.studentFormFor(nil, done) }

// studentFormFor adds a student, or edits one (its university and number fixed).
func (s *studentsScreen) studentFormFor(cur *model.Student, done func()) {
	u := s.u
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
func (s *studentsScreen) studentPlacements(d *detail, st model.Student) {
	u := s.u
	ps, err := u.svc.Placements(u.sess, dispatch.PlacementFilter{Q: st.Number})
	if err != nil {
		return
	}
	d.box.Add(widget.NewLabelWithStyle(u.t("ui.student_placements"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	n := 0
	for _, p := range ps {
		if p.StudentKey() != st.Key() {
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

// universityForm adds a university (the graduate office's own, or a partner's
// whose students are placed too).
func (s *studentsScreen) universityForm(done func()) {
	u := s.u
	f := u.newForm()
	name := f.text("name", "col.university")
	f.open(u.t("ui.add_university"), func() error {
		x, err := u.svc.AddUniversity(u.sess, name.Text)
		f.success = u.t("ui.university_added", x.Name)
		return err
	}, done)
}
