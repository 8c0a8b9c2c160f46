package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"secondment/dispatch"
	"secondment/model"
	"secondment/pdf"
)

// statusCode maps a status filter's shown name back to its code.
func (s *placementsScreen) statusCode(name string) string {
	u := s.u
	for _, t := range model.PlacementStatuses {
		if u.term(model.PlacementStatuses, t.Code) == name {
			return t.Code
		}
	}
	return ""
}

// placementList is the placements tab: its listing is kept so the home screen's
// to-dos can open it filtered.
type placementList struct {
	*listing[model.Placement]
	status *widget.Select
}

// placementsScreen is the 选派 tab: the placements the user may see, a picked
// one's detail with the steps the user may take, and the placement forms
// other screens open too (a student's record, the home screen's first day).
type placementsScreen struct {
	u *UI
	// list is the tab's list once built: the home screen's to-dos open it
	// filtered.
	list *placementList
}

// build makes the tab's content and its search box.
func (s *placementsScreen) build() (fyne.CanvasObject, *entry) {
	u := s.u
	pl := &placementList{}
	var platSel, uniSel, yearSel *widget.Select
	l := newListing(u, "ui.search_placements", []column[model.Placement]{
		{title: "col.agreement_no", width: 120, text: func(p model.Placement) string { return p.No }},
		{title: "col.number", width: 140, text: func(p model.Placement) string { return p.StudentNumber }},
		{title: "col.name", width: 80, text: func(p model.Placement) string { return p.StudentName }},
		{title: "col.university", width: 120, text: func(p model.Placement) string { return p.StudentUniversity }},
		{title: "col.platform", width: 190, text: func(p model.Placement) string { return p.Platform }},
		{title: "col.status", width: 96, text: func(p model.Placement) string { return u.term(model.PlacementStatuses, p.Status) }},
		{title: "col.start", width: 100, text: func(p model.Placement) string { return p.Start.String() }},
		{title: "col.end", width: 100, text: func(p model.Placement) string { return p.End.String() }},
	}, func(q string) ([]model.Placement, error) {
		f := dispatch.PlacementFilter{Q: q, Status: s.statusCode(chosen(pl.status)), Platform: chosen(platSel), University: chosen(uniSel)}
		if y := chosen(yearSel); y != "" {
			f.Year, _ = strconv.Atoi(y)
		}
		return u.svc.Placements(u.sess, f)
	})
	pl.listing = l
	l.key = func(p model.Placement) string { return p.No }
	pl.status = l.selectFilter(u.t("ui.all_statuses"), model.PlacementStatuses.Names(string(u.lang)))
	user := u.sess.User()
	if user.Role == model.Office {
		platSel = l.selectFilter(u.t("ui.all_platforms"), u.platformNames())
		if user.University == "" {
			unis := u.universityNames()
			uniSel = l.selectFilter(u.t("ui.all_universities"), unis)
		}
	}
	var years []string
	for y := u.now().Year() + 1; y >= u.now().Year()-3; y-- {
		years = append(years, strconv.Itoa(y))
	}
	yearSel = l.selectFilter(u.t("ui.all_years"), years)
	d := newDetail(u)
	l.onPick = func(p model.Placement) { s.placementDetail(d, p, l.refresh) }
	l.refresh()
	s.list = pl
	var actions []fyne.CanvasObject
	if user.IsOffice() {
		actions = append(actions, widget.NewButton(u.t("ui.new_placement"), func() { s.placementForm(l.refresh) }))
	}
	actions = append(actions, exportShown(u, l, "placements"))
	return split(l.view(actions...), d.box), l.search
}

// placementDetail shows a placement, its history, and a button for each step
// the user may take next: the service decides; the buttons only offer what it
// would allow.
func (s *placementsScreen) placementDetail(d *detail, p model.Placement, refresh func()) {
	u := s.u
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(p.No+"  "+u.term(model.PlacementStatuses, p.Status), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		field(u.t("col.name"), p.StudentName+"（"+p.StudentNumber+"）"),
		field(u.t("col.university"), p.StudentUniversity),
		field(u.t("col.platform"), p.Platform),
		field(u.t("field:task"), p.Task),
		field(u.t("ui.period"), p.Start.String()+" – "+p.End.String()),
		field(u.t("ui.uni_supervisor"), p.UniSupervisor),
		field(u.t("ui.platform_supervisor"), p.Supervisor),
		field(u.t("field:allowance"), fmt.Sprintf("%d", p.Allowance)),
	}
	if !p.ArrivedOn.IsZero() {
		objs = append(objs, field(u.t("ui.arrived_on"), p.ArrivedOn.String()))
	}
	if p.Reason != "" {
		objs = append(objs, field(u.t("field:reason"), p.Reason))
	}
	if p.Assessment != "" {
		objs = append(objs, field(u.t("field:assessment"), u.term(model.Assessments, p.Assessment)))
	}
	objs = append(objs, s.departureBox(p, refresh)...)
	var buttons []fyne.CanvasObject
	user := u.sess.User()
	for _, to := range model.NextStates(p.Status) {
		if !user.MayStep(to) {
			continue
		}
		// A draft that will not go ahead is withdrawn (作废); the window does
		// not offer "terminated early" for one that never began, though the
		// service (and scripts) still accept it.
		if p.Status == model.Draft && to == model.Terminated {
			continue
		}
		to := to
		b := widget.NewButton(u.t("ui.step_"+to), func() { s.stepDialog(p, to, refresh) })
		if to != model.Terminated && to != model.Withdrawn {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.DangerImportance
		}
		buttons = append(buttons, b)
	}
	if p.Status == model.Draft && user.IsOffice() {
		buttons = append(buttons, widget.NewButton(u.t("ui.edit_draft"), func() { s.draftForm(p, refresh) }))
	}
	if model.IsOpen(p.Status) && (user.Role == model.Office || user.Role == model.PlatformHR) {
		buttons = append(buttons, widget.NewButton(u.t("ui.set_supervisor"), func() { s.supervisorDialog(p, refresh) }))
	}
	buttons = append(buttons, widget.NewButton(u.t("ui.print_agreement"), func() { s.printAgreement(p.No) }))
	if p.Status != model.Withdrawn {
		buttons = append(buttons, widget.NewButton(u.t("ui.print_pledge"), func() { s.printPledge(p.No) }))
	}
	if !p.ArrivedOn.IsZero() {
		buttons = append(buttons, widget.NewButton(u.t("ui.print_arrival"), func() { s.printArrival(p.No) }))
	}
	objs = append(objs, container.NewGridWrap(fyne.NewSize(150, 36), buttons...))
	objs = append(objs, s.onsiteBox(p, refresh)...)
	objs = append(objs, widget.NewLabelWithStyle(u.t("ui.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, s := range p.History {
		line := s.At.Local().Format("2006-01-02 15:04") + "  " + s.By + "  "
		if s.From != "" {
			line += u.term(model.PlacementStatuses, s.From) + " → "
		}
		line += u.term(model.PlacementStatuses, s.To)
		if s.Note != "" {
			line += "（" + s.Note + "）"
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapBreak
		objs = append(objs, l)
	}
	d.set(objs...)
}

// stepDialog asks what a step needs (a date; a reason to terminate; an
// assessment on completion) and takes it.
func (s *placementsScreen) stepDialog(p model.Placement, to string, refresh func()) {
	u := s.u
	f := u.newForm()
	var date, reason *entry
	var assess *widget.Select
	if to == model.Arrived || to == model.Completed || to == model.Terminated {
		date = f.text("date", "field:date")
		date.SetText(u.now().Format("2006-01-02"))
	}
	if to == model.Terminated || to == model.Withdrawn {
		reason = f.text("reason", "field:reason")
	}
	if to == model.Completed {
		assess = f.choice("assessment", "field:assessment", model.Assessments.Names(string(u.lang)))
	}
	var note *entry
	if to != model.Terminated && to != model.Withdrawn {
		note = f.text("note", "ui.step_note")
	}
	f.open(u.t("ui.step_"+to)+" "+p.No, func() error {
		in := model.StepInput{}
		if date != nil && date.Text != "" {
			d, err := model.ParseDate(date.Text)
			if err != nil {
				return withField(err, "date")
			}
			in.Date = d
		}
		if reason != nil {
			in.Reason = reason.Text
		}
		if assess != nil {
			in.Assessment = assess.Selected
		}
		if note != nil {
			in.Note = note.Text
		}
		var warns []model.Warning
		var err error
		if to == model.Withdrawn {
			_, err = u.svc.Withdraw(u.sess, p.No, in.Reason)
		} else {
			_, warns, err = u.svc.Step(u.sess, p.No, to, in)
		}
		if err == nil {
			u.warn(warns)
			f.success = u.t("ui.step_done", p.No, strings.TrimSuffix(u.t("ui.step_"+to), "…"))
		}
		return err
	}, refresh)
}

func withField(err error, field string) error {
	if e, ok := err.(*model.Error); ok {
		e.Field = field
	}
	return err
}

func (s *placementsScreen) supervisorDialog(p model.Placement, refresh func()) {
	u := s.u
	f := u.newForm()
	name := f.text("supervisor", "ui.platform_supervisor")
	name.SetText(p.Supervisor)
	f.open(u.t("ui.set_supervisor"), func() error {
		_, warns, err := u.svc.SetSupervisor(u.sess, p.No, name.Text)
		if err == nil {
			u.warn(warns)
		}
		return err
	}, refresh)
}

// placementForm drafts a placement. The student is found by number or name
// as it is typed; several matches are offered to choose from. for, if set, is
// the student already chosen (the student's detail starts the form).
func (s *placementsScreen) placementForm(done func()) { s.placementFormFor(nil, done) }

func (s *placementsScreen) placementFormFor(for_ *model.Student, done func()) {
	u := s.u
	f := u.newForm()
	var chosenSt *model.Student
	// Under the student field: the student found (green), or a list to choose
	// from when several match; the error line stays for refusals.
	hint := canvas.NewText("", theme.Color(theme.ColorNameSuccess))
	hint.TextSize = theme.TextSize() - 1
	matches := widget.NewSelect(nil, nil)
	matches.PlaceHolder = u.t("ui.choose_student")
	matches.Hide()
	hint.Hide()
	who := f.text("number", "ui.student_number_or_name", matches, hint)
	f.hint = hint
	var found []model.Student
	pick := func(st *model.Student) {
		chosenSt = st
		hint.Text = ""
		hint.Hide()
		if st != nil {
			hint.Text = "→ " + st.Name + "（" + st.Number + "，" + st.University + "，" + st.School + "）"
			hint.Show()
		}
		hint.Refresh()
	}
	matches.OnChanged = func(v string) {
		i := matches.SelectedIndex()
		if i >= 0 && i < len(found) {
			pick(&found[i])
			f.clear("number")
		}
	}
	who.OnChanged = func(q string) {
		pick(nil)
		found = s.findStudents(q)
		switch len(found) {
		case 0:
			matches.Hide()
		case 1:
			matches.Hide()
			pick(&found[0])
		default:
			opts := make([]string, len(found))
			for i, st := range found {
				opts[i] = st.Name + "　" + st.Number + "　" + st.University
			}
			matches.Options = opts
			matches.ClearSelected()
			matches.Show()
		}
	}
	terms := s.termFields(f)
	if for_ != nil {
		who.SetText(for_.Number)
		st := *for_
		found = []model.Student{st}
		pick(&st)
	}
	f.open(u.t("ui.new_placement"), func() error {
		// What the form itself can tell is said for every field at once; the
		// service's rules come after.
		var ps problems
		switch {
		case chosenSt == nil && model.Clean(who.Text) == "":
			ps.add(model.Invalid("number", "field.required"))
		case chosenSt == nil:
			ps.add(model.Invalid("number", "ui.student_not_chosen", who.Text))
		}
		d := terms.read(u, &ps)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		d.StudentNumber, d.University = chosenSt.Number, chosenSt.University
		p, warns, err := u.svc.NewPlacement(u.sess, d)
		if err == nil {
			u.warn(warns)
			f.success = u.t("ui.placement_created", p.No)
		}
		return err
	}, done)
}

// problems gathers a form's own findings (fields left empty, unreadable
// dates), so all of them show at once.
type problems model.Problems

func (ps *problems) add(err error) {
	if e, ok := err.(*model.Error); ok {
		*ps = append(*ps, e)
	}
}

// draftForm edits a draft: platform, period, task, supervisor and allowance,
// checked as a new placement is. The student and the number stay.
func (s *placementsScreen) draftForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	f.add("number", "col.name", widget.NewLabel(p.StudentName+"（"+p.StudentNumber+"，"+p.StudentUniversity+"）"))
	terms := s.termFields(f)
	terms.fill(p)
	f.open(u.t("ui.edit_draft")+" "+p.No, func() error {
		var ps problems
		d := terms.read(u, &ps)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		d.StudentNumber, d.University = p.StudentNumber, p.StudentUniversity
		_, warns, err := u.svc.UpdateDraft(u.sess, p.No, d)
		if err == nil {
			u.warn(warns)
			f.success = u.t("ui.draft_saved", p.No)
		}
		return err
	}, done)
}

// termFields are a placement's terms in a form — platform (never a revoked
// one), period, task, supervisor, allowance — shared by the new-placement and
// the draft forms.
type termFields struct {
	plat                             *widget.Select
	start, end, task, sup, allowance *entry
}

func (s *placementsScreen) termFields(f *form) termFields {
	u := s.u
	return termFields{
		plat:      f.choice("platform", "col.platform", u.platformNamesWhere(func(p model.Platform) bool { return p.Status != model.Revoked })),
		start:     u.dateField(f, "start", "field:start"),
		end:       u.dateField(f, "end", "field:end"),
		task:      f.text("task", "field:task"),
		sup:       f.text("supervisor", "ui.platform_supervisor"),
		allowance: f.text("allowance", "field:allowance"),
	}
}

// fill shows a placement's terms.
func (t termFields) fill(p model.Placement) {
	t.plat.SetSelected(p.Platform)
	t.start.SetText(p.Start.String())
	t.end.SetText(p.End.String())
	t.task.SetText(p.Task)
	t.sup.SetText(p.Supervisor)
	t.allowance.SetText(strconv.Itoa(p.Allowance))
}

// read is the draft the fields hold; what the form itself can tell is wrong
// (an empty or unreadable field) goes to ps, every field at once.
func (t termFields) read(u *UI, ps *problems) dispatch.PlacementDraft {
	if t.plat.Selected == "" {
		ps.add(model.Invalid("platform", "field.required"))
	}
	d := dispatch.PlacementDraft{Platform: t.plat.Selected, Task: t.task.Text, Supervisor: t.sup.Text}
	var err error
	d.Start, err = u.date(t.start, "start")
	ps.add(err)
	d.End, err = u.date(t.end, "end")
	ps.add(err)
	if model.Clean(t.task.Text) == "" {
		ps.add(model.Invalid("task", "field.required"))
	}
	if t.allowance.Text != "" {
		if d.Allowance, err = strconv.Atoi(model.CleanCode(t.allowance.Text)); err != nil {
			ps.add(model.Invalid("allowance", "placement.allowance", t.allowance.Text))
		}
	}
	return d
}

// findStudents is the students whose number or name matches q: an exact
// number alone when there is one, else up to 20.
func (s *placementsScreen) findStudents(q string) []model.Student {
	u := s.u
	q = model.Clean(q)
	if len([]rune(q)) < 2 {
		return nil
	}
	ss, _ := u.svc.Students(u.sess, dispatch.StudentFilter{Q: q, Limit: 20})
	var exact []model.Student
	for _, st := range ss {
		if st.Number == model.CleanCode(q) || st.Name == q {
			exact = append(exact, st)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return ss
}

// printAgreement saves a placement's agreement where the user chooses and
// opens it.
func (s *placementsScreen) printAgreement(no string) {
	u := s.u
	a, err := u.svc.PrintAgreement(u.sess, no)
	if err != nil {
		u.showError(err)
		return
	}
	u.document(no+".pdf", func(m *pdf.Maker, w io.Writer) error { return m.Agreement(w, a) })
}

func (s *placementsScreen) printArrival(no string) {
	s.placementDoc(no, dispatch.DocArrival, "-到岗确认函.pdf", (*pdf.Maker).ArrivalLetter)
}

// departureBox shows what the student needs before leaving — insurance over
// the period, the safety pledge, the acceptance letter — and, while the
// placement is not yet dispatched, the forms each party may fill in (the
// service says who may: a refused form says why).
func (s *placementsScreen) departureBox(p model.Placement, refresh func()) []fyne.CanvasObject {
	u := s.u
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(u.t("ui.departure"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	if p.Insurance != nil {
		i := p.Insurance
		objs = append(objs, field(u.t("ui.insurance"), u.t("ui.insurance_line", i.Insurer, i.Policy, i.From, i.To)))
	}
	if !p.PledgeOn.IsZero() {
		objs = append(objs, field(u.t("ui.pledge_on"), p.PledgeOn.String()))
	}
	if !p.AcceptedOn.IsZero() {
		objs = append(objs, field(u.t("ui.accepted_on"), p.AcceptedOn.String()))
	}
	missing := p.DepartureMissing()
	status := u.t("ui.departure_ready")
	if len(missing) > 0 {
		status = u.t("ui.departure_missing", missing)
	}
	l := widget.NewLabel(status)
	l.Wrapping = fyne.TextWrapWord
	objs = append(objs, l)
	if p.Status != model.Draft && p.Status != model.Approved {
		return objs
	}
	user := u.sess.User()
	var buttons []fyne.CanvasObject
	if user.IsOffice() {
		buttons = append(buttons, widget.NewButton(u.t("ui.set_insurance"), func() { s.insuranceForm(p, refresh) }))
	}
	if user.IsOffice() || user.Role == model.StudentRole {
		buttons = append(buttons, widget.NewButton(u.t("ui.record_pledge"), func() {
			s.departureDateForm(p, "op:placement.pledge", u.svc.RecordPledge, refresh)
		}))
	}
	if user.IsOffice() || user.Role == model.PlatformHR {
		buttons = append(buttons, widget.NewButton(u.t("ui.record_acceptance"), func() {
			s.departureDateForm(p, "op:placement.acceptance", u.svc.RecordAcceptance, refresh)
		}))
	}
	return append(objs, container.NewGridWrap(fyne.NewSize(150, 36), buttons...))
}

// insuranceForm records the accident insurance; the cover defaults to the
// placement's period.
func (s *placementsScreen) insuranceForm(p model.Placement, done func()) {
	u := s.u
	f := u.newForm()
	insurer := f.text("insurer", "field:insurer")
	policy := f.text("policy", "field:policy")
	from := u.dateField(f, "from", "field:from")
	to := u.dateField(f, "to", "field:to")
	from.SetText(p.Start.String())
	to.SetText(p.End.String())
	if i := p.Insurance; i != nil {
		insurer.SetText(i.Insurer)
		policy.SetText(i.Policy)
		from.SetText(i.From.String())
		to.SetText(i.To.String())
	}
	f.open(u.titled("ui.set_insurance", p.No), func() error {
		ins := model.Insurance{Insurer: insurer.Text, Policy: policy.Text}
		var ps problems
		var err error
		ins.From, err = u.date(from, "from")
		ps.add(err)
		ins.To, err = u.date(to, "to")
		ps.add(err)
		if len(ps) > 0 {
			return model.Problems(ps)
		}
		_, err = u.svc.SetInsurance(u.sess, p.No, ins)
		f.success = u.t("cli.departure_done", u.t("op:placement.insurance"), p.No)
		return err
	}, done)
}

// departureDateForm records the day of the pledge or of the acceptance.
func (s *placementsScreen) departureDateForm(p model.Placement, what string, record func(*dispatch.Session, string, model.Date) (model.Placement, error), done func()) {
	u := s.u
	f := u.newForm()
	day := u.dateField(f, "date", "ui.signed_on")
	day.SetText(u.now().Format("2006-01-02"))
	f.open(u.t(what)+" "+p.No, func() error {
		d, err := u.date(day, "date")
		if err != nil {
			return err
		}
		_, err = record(u.sess, p.No, d)
		f.success = u.t("cli.departure_done", u.t(what), p.No)
		return err
	}, done)
}
