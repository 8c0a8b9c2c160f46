package dispatch

import (
	"errors"
	"sort"

	"secondment/model"
)

// Work logs (model/logs.go): the student writes one per week or month, as
// their university chose (weekly by default), while on site; the office (for
// the university supervisor) and the platform's HR (for the platform
// supervisor) each mark a log read, with an optional comment.

// LogInput is a work log as the student writes it.
type LogInput struct {
	Period string // 2026-W48 or 2026-11, by the university's cadence
	Text   string
	Rev    int
}

// LogReadInput marks a log read.
type LogReadInput struct {
	ID      int
	Comment string
	Rev     int
}

// cadenceOf returns the log cadence of a placement's university.
func cadenceOf(tx model.Tx, p model.Placement) (string, error) {
	u, err := tx.University(p.StudentUniversity)
	if errors.Is(err, model.ErrNotFound) {
		return model.Weekly, nil
	}
	return u.LogCadenceOf(), err
}

// AddLog records a work log for a period: the student for their own placement
// (or the office on their behalf), while on site, for a period of the
// placement that has begun, one log a period (EConflict for a second).
func (s *Service) AddLog(sess *Session, no string, in LogInput) (model.Placement, error) {
	u := sess.user
	if u.Role != model.StudentRole && !u.IsOffice() {
		return model.Placement{}, forbidden("log_add")
	}
	return s.onPlacement(sess, no, in.Rev, "placement.log_add", func(tx model.Tx, p *model.Placement) (any, any, error) {
		if err := onSite(*p); err != nil {
			return nil, nil, err
		}
		cadence, err := cadenceOf(tx, *p)
		if err != nil {
			return nil, nil, err
		}
		period, first, last, err := model.ParsePeriod(cadence, in.Period)
		if err != nil {
			return nil, nil, err
		}
		from := p.Start
		if !p.ArrivedOn.IsZero() {
			from = p.ArrivedOn
		}
		switch {
		case last.Before(from) || first.After(p.End):
			return nil, nil, model.Invalid("period", "log.outside", period, from, p.End)
		case first.After(s.today()):
			return nil, nil, model.Invalid("period", "log.future", period)
		case p.LogOf(period) >= 0:
			return nil, nil, model.Errorf(model.EConflict, "log.exists", period, p.No)
		}
		var ps model.Problems
		text := model.CleanText(in.Text)
		switch {
		case text == "":
			ps = append(ps, model.Invalid("text", "field.required"))
		case len([]rune(text)) > model.MaxLogText:
			ps = append(ps, model.Invalid("text", "field.too_long", model.MaxLogText))
		}
		if len(ps) > 0 {
			return nil, nil, ps
		}
		l := model.LogEntry{ID: p.NextLogID(), Period: period, Text: text, By: u.Name, At: s.Now().UTC()}
		p.Logs = append(p.Logs, l)
		sort.SliceStable(p.Logs, func(i, j int) bool { return p.Logs[i].Period < p.Logs[j].Period })
		return nil, l, nil
	})
}

// ReadLog marks a log read: the office for the university supervisor, the
// platform's HR for the platform supervisor, with an optional comment (a
// second reading replaces the first).
func (s *Service) ReadLog(sess *Session, no string, in LogReadInput) (model.Placement, error) {
	u := sess.user
	if !isHost(u) {
		return model.Placement{}, forbidden("log_read")
	}
	return s.onPlacement(sess, no, in.Rev, "placement.log_read", func(_ model.Tx, p *model.Placement) (any, any, error) {
		i := p.LogByID(in.ID)
		if i < 0 {
			return nil, nil, model.Errorf(model.ENotFound, "log.not_found", in.ID, p.No)
		}
		comment, err := model.CleanNote("comment", in.Comment, 500)
		if err != nil {
			return nil, nil, err
		}
		before := p.Logs[i]
		l := before
		read := &model.LogRead{By: u.Name, At: s.Now().UTC(), Comment: comment}
		if u.IsOffice() {
			l.UniRead = read
		} else {
			l.PlatformRead = read
		}
		p.Logs[i] = l
		l.Text = "" // the entry records the reading, not the log again
		before.Text = ""
		return before, l, nil
	})
}

// LogStat is one placement's logs: how many periods are owed so far (full
// periods since arrival, up to the end of the placement), how many logs are
// written, the owed periods without one, and the supervisors' readings.
// ReviewRate is the share of readings done: (university + platform readings)
// ÷ (2 × logs written), 0 with no log.
type LogStat struct {
	No           string   `json:"agreement_no"`
	StudentName  string   `json:"student_name"`
	Platform     string   `json:"platform"`
	Cadence      string   `json:"cadence"`
	Expected     int      `json:"expected"`
	Written      int      `json:"written"`
	Gaps         []string `json:"gaps"`
	UniRead      int      `json:"uni_read"`
	PlatformRead int      `json:"platform_read"`
	ReviewRate   float64  `json:"review_rate"`
}

// PlatformLogStat sums LogStat over a platform's placements.
type PlatformLogStat struct {
	Platform     string  `json:"platform"`
	Placements   int     `json:"placements"`
	Expected     int     `json:"expected"`
	Written      int     `json:"written"`
	Gaps         int     `json:"gaps"`
	UniRead      int     `json:"uni_read"`
	PlatformRead int     `json:"platform_read"`
	ReviewRate   float64 `json:"review_rate"`
}

// LogReport is the logs of the placements a user may see, per placement and
// per platform.
type LogReport struct {
	Placements []LogStat         `json:"placements"`
	Platforms  []PlatformLogStat `json:"platforms"`
}

// LogStats reports on the logs of every placement that has arrived (on site,
// completed or terminated after arrival) the user may see, at one platform if
// given: the office within its scope, HR its platform, a student their own.
func (s *Service) LogStats(sess *Session, platform string) (LogReport, error) {
	var rep LogReport
	ps, err := s.Placements(sess, PlacementFilter{Platform: platform})
	if err != nil {
		return rep, err
	}
	cadences := map[string]string{}
	err = s.store.View(func(tx model.Tx) error {
		us, err := tx.Universities()
		for _, u := range us {
			cadences[u.Name] = u.LogCadenceOf()
		}
		return err
	})
	if err != nil {
		return rep, err
	}
	today := s.today()
	byPlatform := map[string]*PlatformLogStat{}
	for _, p := range ps {
		if p.ArrivedOn.IsZero() {
			continue
		}
		st := logStat(p, cadences[p.StudentUniversity], today)
		rep.Placements = append(rep.Placements, st)
		t := byPlatform[p.Platform]
		if t == nil {
			t = &PlatformLogStat{Platform: p.Platform}
			byPlatform[p.Platform] = t
		}
		t.Placements++
		t.Expected += st.Expected
		t.Written += st.Written
		t.Gaps += len(st.Gaps)
		t.UniRead += st.UniRead
		t.PlatformRead += st.PlatformRead
	}
	for _, t := range byPlatform {
		t.ReviewRate = reviewRate(t.UniRead, t.PlatformRead, t.Written)
		rep.Platforms = append(rep.Platforms, *t)
	}
	sort.Slice(rep.Placements, func(i, j int) bool { return rep.Placements[i].No < rep.Placements[j].No })
	sort.Slice(rep.Platforms, func(i, j int) bool { return rep.Platforms[i].Platform < rep.Platforms[j].Platform })
	return rep, nil
}

// logStat counts one placement's logs as of today.
func logStat(p model.Placement, cadence string, today model.Date) LogStat {
	if cadence == "" {
		cadence = model.Weekly
	}
	st := LogStat{No: p.No, StudentName: p.StudentName, Platform: p.Platform, Cadence: cadence, Gaps: []string{}}
	until := p.End
	if !p.EndedOn.IsZero() && p.EndedOn.Before(until) {
		until = p.EndedOn
	}
	for _, period := range model.FullPeriods(cadence, p.ArrivedOn, until, today) {
		st.Expected++
		if p.LogOf(period) < 0 {
			st.Gaps = append(st.Gaps, period)
		}
	}
	for _, l := range p.Logs {
		st.Written++
		if l.UniRead != nil {
			st.UniRead++
		}
		if l.PlatformRead != nil {
			st.PlatformRead++
		}
	}
	st.ReviewRate = reviewRate(st.UniRead, st.PlatformRead, st.Written)
	return st
}

func reviewRate(uni, platform, written int) float64 {
	if written == 0 {
		return 0
	}
	return float64(uni+platform) / float64(2*written)
}
