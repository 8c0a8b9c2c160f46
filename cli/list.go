package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"secondment/dispatch"
	"secondment/i18n"
	"secondment/model"
)

func (r *run) listCmd(args []string) error {
	if len(args) == 0 {
		return r.usage("cli.usage_list")
	}
	what := args[0]
	fs := r.flags("list " + what)
	q := fs.String("q", "", "")
	asJSON := fs.Bool("json", false, "")
	status := fs.String("status", "", "")
	platform := fs.String("platform", "", "")
	uni := fs.String("university", "", "")
	year := fs.Int("year", 0, "")
	reassign := fs.Bool("reassign", false, "")
	if pos, err := r.parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 {
		return r.usage("cli.usage_list")
	}
	return r.withSession(true, func(svc dispatch.API, sess *dispatch.Session) error {
		switch what {
		case "universities":
			us, err := svc.UniversityCounts(sess)
			if err != nil {
				return err
			}
			return r.printUniversities(us, *asJSON)
		case "users":
			us, err := svc.Users(sess)
			if err != nil {
				return err
			}
			return r.printUsers(us, *asJSON)
		case "students":
			ss, err := svc.Students(sess, dispatch.StudentFilter{Q: *q, University: *uni, EnrolmentYear: *year})
			if err != nil {
				return err
			}
			return r.printStudents(ss, *asJSON)
		case "platforms":
			ps, err := svc.Platforms(sess, *q)
			if err != nil {
				return err
			}
			return r.printPlatforms(ps, *asJSON)
		case "placements":
			var ps []model.Placement
			var err error
			if *reassign {
				ps, err = svc.NeedsReassignment(sess)
			} else {
				ps, err = svc.Placements(sess, dispatch.PlacementFilter{Q: *q, Status: *status, Platform: *platform, University: *uni, Year: *year})
			}
			if err != nil {
				return err
			}
			return r.printPlacements(ps, *asJSON)
		case "quotas":
			qs, err := svc.Quotas(sess, dispatch.QuotaFilter{Q: *q, Year: *year, Platform: *platform})
			if err != nil {
				return err
			}
			return r.printQuotas(qs, *asJSON)
		case "appointments":
			as, err := svc.Appointments(sess, dispatch.AppointmentFilter{Q: *q, Platform: *platform, Status: *status})
			if err != nil {
				return err
			}
			return r.printAppointments(as, *asJSON)
		}
		return r.usage("cli.usage_list")
	})
}

// The --json shapes are the public contract: English keys, codes for enumerated
// values, dates as YYYY-MM-DD. They are kept apart from the storage encoding so
// either can change without breaking the other.

type studentJSON struct {
	Number        string `json:"number"`
	Name          string `json:"name"`
	Gender        string `json:"gender"`
	University    string `json:"university"`
	School        string `json:"school"`
	Major         string `json:"major"`
	Degree        string `json:"degree"`
	DegreeType    string `json:"degree_type"`
	EnrolmentYear int    `json:"enrolment_year"`
	Supervisor    string `json:"supervisor"`
	Mobile        string `json:"mobile"`
	Email         string `json:"email"`
	IDNumber      string `json:"id_number"`
}

type platformJSON struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Level     string `json:"level"`
	Status    string `json:"status"`
	Host      string `json:"host"`
	LegalType string `json:"legal_type"`
	Chain     string `json:"chain"`
	Contact   string `json:"contact"`
	Phone     string `json:"phone"`
}

type placementJSON struct {
	AgreementNo   string `json:"agreement_no"`
	StudentNumber string `json:"student_number"`
	StudentName   string `json:"student_name"`
	University    string `json:"university"`
	Platform      string `json:"platform"`
	Status        string `json:"status"`
	Start         string `json:"start"`
	End           string `json:"end"`
	Task          string `json:"task"`
	Supervisor    string `json:"supervisor"`
	UniSupervisor string `json:"uni_supervisor"`
	Allowance     int    `json:"allowance"`
	ArrivedOn     string `json:"arrived_on"`
	EndedOn       string `json:"ended_on"`
	Reason        string `json:"reason"`
	Assessment    string `json:"assessment"`
}

type quotaJSON struct {
	Platform string `json:"platform"`
	Year     int    `json:"year"`
	Category string `json:"category"`
	Used     int    `json:"used"`
	Total    int    `json:"total"`
}

type appointmentJSON struct {
	ID           uint64 `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	University   string `json:"university"`
	UniPost      string `json:"uni_post"`
	Platform     string `json:"platform"`
	PlatformPost string `json:"platform_post"`
	Start        string `json:"start"`
	End          string `json:"end"`
	Share        int    `json:"share"`
	Status       string `json:"status"`
}

// printJSON writes one JSON array (never null).
func printJSON[T any](r *run, rows []T) error {
	if rows == nil {
		rows = []T{}
	}
	enc := json.NewEncoder(r.env.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(rows)
}

func (r *run) printStudents(ss []model.Student, asJSON bool) error {
	if asJSON {
		out := make([]studentJSON, len(ss))
		for i, s := range ss {
			out[i] = studentJSON{s.Number, s.Name, s.Gender, s.University, s.School, s.Major, s.Degree, s.DegreeType,
				s.EnrolmentYear, s.Supervisor, s.Mobile, s.Email, s.IDNumber}
		}
		return printJSON(r, out)
	}
	t := r.table("col.number", "col.name", "col.gender", "col.university", "col.school", "col.degree", "field:enrolment_year", "col.mobile", "col.id_number")
	for _, s := range ss {
		t.row(s.Number, s.Name, r.term(model.Genders, s.Gender), s.University, s.School, r.term(model.Degrees, s.Degree),
			strconv.Itoa(s.EnrolmentYear), s.Mobile, s.IDNumber)
	}
	return t.print(len(ss))
}

func (r *run) printPlatforms(ps []model.Platform, asJSON bool) error {
	if asJSON {
		out := make([]platformJSON, len(ps))
		for i, p := range ps {
			out[i] = platformJSON{p.Name, p.Kind, p.Level, p.Status, p.Host, p.LegalType, p.Chain, p.Contact, p.Phone}
		}
		return printJSON(r, out)
	}
	t := r.table("col.platform", "col.kind", "col.level", "col.host", "col.chain", "col.status")
	for _, p := range ps {
		t.row(p.Name, r.term(model.PlatformKinds, p.Kind), r.term(model.PlatformLevels, p.Level), p.Host,
			r.term(model.Chains, p.Chain), r.term(model.PlatformStatuses, p.Status))
	}
	return t.print(len(ps))
}

func (r *run) printPlacements(ps []model.Placement, asJSON bool) error {
	if asJSON {
		out := make([]placementJSON, len(ps))
		for i, p := range ps {
			out[i] = placementJSON{p.No, p.StudentNumber, p.StudentName, p.StudentUniversity, p.Platform, p.Status,
				p.Start.String(), p.End.String(), p.Task, p.Supervisor, p.UniSupervisor, p.Allowance,
				p.ArrivedOn.String(), p.EndedOn.String(), p.Reason, p.Assessment}
		}
		return printJSON(r, out)
	}
	t := r.table("col.agreement_no", "col.number", "col.name", "col.university", "col.platform", "col.status", "col.start", "col.end")
	for _, p := range ps {
		t.row(p.No, p.StudentNumber, p.StudentName, p.StudentUniversity, p.Platform,
			r.term(model.PlacementStatuses, p.Status), p.Start.String(), p.End.String())
	}
	return t.print(len(ps))
}

func (r *run) printQuotas(qs []model.QuotaUse, asJSON bool) error {
	if asJSON {
		out := make([]quotaJSON, len(qs))
		for i, q := range qs {
			out[i] = quotaJSON{q.Platform, q.Year, q.Category, q.Used, q.Total}
		}
		return printJSON(r, out)
	}
	t := r.table("col.platform", "col.year", "col.category", "col.used")
	for _, q := range qs {
		use := fmt.Sprintf("%d/%d", q.Used, q.Total)
		if q.Full() {
			use += " " + i18n.T(r.lang, "cli.full")
		}
		t.row(q.Platform, strconv.Itoa(q.Year), r.term(model.QuotaCategories, q.Category), use)
	}
	return t.print(len(qs))
}

func (r *run) printAppointments(as []model.Appointment, asJSON bool) error {
	if asJSON {
		out := make([]appointmentJSON, len(as))
		for i, a := range as {
			out[i] = appointmentJSON{a.ID, a.Name, a.Kind, a.University, a.UniPost, a.Platform, a.PlatformPost,
				a.Start.String(), a.End.String(), a.Share, a.Status}
		}
		return printJSON(r, out)
	}
	t := r.table("col.id", "col.name", "col.kind", "col.university", "col.platform", "col.start", "col.end", "col.status")
	for _, a := range as {
		t.row(strconv.FormatUint(a.ID, 10), a.Name, r.term(model.AppointmentKinds, a.Kind), a.University, a.Platform,
			a.Start.String(), a.End.String(), r.term(model.AppointmentStatuses, a.Status))
	}
	return t.print(len(as))
}

func (r *run) term(ts model.Terms, code string) string { return i18n.Term(r.lang, ts, code) }

// table prints aligned columns, counting Chinese characters as two columns wide
// as terminals draw them (text/tabwriter counts them as one).
type table struct {
	r    *run
	rows [][]string
}

func (r *run) table(headerKeys ...string) *table {
	h := make([]string, len(headerKeys))
	for i, k := range headerKeys {
		h[i] = i18n.T(r.lang, k)
	}
	return &table{r: r, rows: [][]string{h}}
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func (t *table) print(count int) error {
	widths := make([]int, len(t.rows[0]))
	for _, row := range t.rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range t.rows {
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	fmt.Fprint(t.r.env.Stdout, b.String())
	t.r.note("cli.count", count)
	return nil
}
