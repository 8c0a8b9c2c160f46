package dispatch

import (
	"sort"

	"secondment/model"
)

// AllowanceList gives a month's allowance list (研究生科研补助发放表): one line
// per placement on site during the month (arrived by its last day, not ended
// before its first) or with attendance recorded for it, at a platform, of a
// university, or everything in scope; the office within its scope, the
// platform's HR its platform (students and the bureau are refused). Each line
// is paid by model.MonthAttendance.Pay; a line whose attendance is not
// recorded yet is listed unpaid and counted as unrecorded.
func (s *Service) AllowanceList(sess *Session, month, platform, university string) (model.AllowanceList, error) {
	u := sess.user
	if !isHost(u) {
		return model.AllowanceList{}, forbidden("allowance")
	}
	first, last, canon, err := model.ParseMonth(month)
	if err != nil {
		return model.AllowanceList{}, err
	}
	platform, university = model.Clean(platform), model.Clean(university)
	ps, err := s.Placements(sess, PlacementFilter{Platform: platform, University: university})
	if err != nil {
		return model.AllowanceList{}, err
	}
	l := model.AllowanceList{Month: canon, Platform: platform, University: university, Rows: []model.AllowanceRow{}}
	for _, p := range ps {
		a, recorded := p.AttendanceOf(canon)
		there := !p.ArrivedOn.IsZero() && !p.ArrivedOn.After(last) && !p.End.Before(first) &&
			(p.EndedOn.IsZero() || !p.EndedOn.Before(first))
		if !recorded && !there {
			continue
		}
		row := model.AllowanceRow{No: p.No, StudentNumber: p.StudentNumber, StudentName: p.StudentName,
			University: p.StudentUniversity, Platform: p.Platform, Recorded: recorded}
		if recorded {
			row.Present, row.Absent, row.Leave = a.Present, a.Absent, a.Leave
			row.MonthPay = a.Pay(p.Allowance)
			l.Allowance += row.Allowance
			l.Deduction += row.Deduction
			l.Amount += row.Amount
		} else {
			row.MonthPay = model.MonthPay{Allowance: p.Allowance}
			l.Unrecorded++
		}
		l.Rows = append(l.Rows, row)
	}
	sort.Slice(l.Rows, func(i, j int) bool {
		a, b := l.Rows[i], l.Rows[j]
		if a.Platform != b.Platform {
			return a.Platform < b.Platform
		}
		return a.No < b.No
	})
	return l, nil
}
