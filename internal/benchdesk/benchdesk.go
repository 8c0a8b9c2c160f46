// Package benchdesk holds what the benchmarks of several packages pick from a
// demo desk through the service, so each measures on the same students.
package benchdesk

import (
	"secondment/dispatch"
	"secondment/model"
)

// FreeStudents returns the students with no placement yet who enrolled in 2024
// or 2025: each can be given a placement that starts now.
func FreeStudents(svc dispatch.API, sess *dispatch.Session) []model.Student {
	ps, _ := svc.Placements(sess, dispatch.PlacementFilter{})
	busy := map[string]bool{}
	for _, p := range ps {
		busy[p.StudentKey()] = true
	}
	all, _ := svc.Students(sess, dispatch.StudentFilter{})
	var free []model.Student
	for _, st := range all {
		if !busy[st.Key()] && st.EnrolmentYear <= 2025 && st.EnrolmentYear >= 2024 {
			free = append(free, st)
		}
	}
	return free
}
