package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"secondment/model"
)

// The placement on site in the sample data (issue 12), so every screen of it
// shows something at once: monthly attendance (a few students away more than
// a third of the time, one of them overridden by the office), leave requests
// pending, approved and refused, weekly or monthly work logs with gaps and
// readings, mid-term checks, final marks consistent with the assessment given,
// agreements returned and some still out (to-dos). It draws from its own
// random stream per placement, so the rest of the sample data is the same as
// before it existed.

// universitySettings gives one university monthly logs and another its own
// assessment weights.
func universitySettings(us []model.University) {
	for i := range us {
		switch i {
		case 1:
			us[i].LogCadence = model.Monthly
		case 2:
			us[i].Weights = &model.Weights{University: 40, Platform: 30, Defence: 30}
		}
	}
}

var logLines = []string{
	"查阅相关文献，整理实验方案", "完成样品制备与初步表征", "参加平台组会，汇报阶段进展", "调试实验设备，记录运行参数",
	"分析测试数据，撰写阶段小结", "与平台导师讨论技术路线", "协助企业开展技术需求调研", "整理实验记录，补充对照组数据",
}

var leaveReasons = []string{"返校参加学术会议", "返校参加课程考试", "身体不适就医", "家中有事", "参加学位论文开题"}

// onSite fills in the records of a placement's time on site as of today.
func onSite(p *model.Placement, i int, uni model.University, today model.Date) {
	r := rand.New(rand.NewPCG(uint64(i)+1, 0x5eed12))
	if approved := p.ApprovedOn(); !approved.IsZero() && p.Status != model.Withdrawn && r.IntN(5) > 0 {
		on := approved.AddDate(0, 0, 3+r.IntN(18))
		if !on.After(today) {
			p.Returned = &model.AgreementReturn{On: on, Copies: 1, ReceivedBy: "研究生院收发室", By: "demo", At: on.Time()}
		}
	}
	if p.ArrivedOn.IsZero() {
		return
	}
	until := today.AddDate(0, 0, -1)
	if !p.EndedOn.IsZero() && p.EndedOn.Before(until) {
		until = p.EndedOn
	}
	if p.End.Before(until) {
		until = p.End
	}
	away := p.Status == model.Arrived && i%23 == 4 // over a third: fails unless overridden
	// Attendance: every month that has ended (the current one too once the
	// placement has ended in it).
	for first := model.NewDate(p.ArrivedOn.Year(), p.ArrivedOn.Month(), 1); !first.After(until); first = first.AddDate(0, 1, 0) {
		last := first.AddDate(0, 1, -1)
		if !last.Before(today) && p.EndedOn.IsZero() {
			break
		}
		work := weekdays(model.Later(first, p.ArrivedOn), model.Earlier(last, until))
		if work == 0 {
			continue
		}
		a := model.MonthAttendance{Month: fmt.Sprintf("%04d-%02d", first.Year(), int(first.Month())), By: "demo", At: last.Time()}
		switch {
		case away:
			a.Absent, a.Leave = work/3, work/5
		case r.IntN(4) == 0:
			a.Absent = 1 + r.IntN(2)
		}
		if !away && r.IntN(3) == 0 {
			a.Leave = 1 + r.IntN(3)
		}
		a.Absent, a.Leave = min(a.Absent, work), min(a.Leave, work-min(a.Absent, work))
		a.Present = work - a.Absent - a.Leave
		p.SetAttendance(a)
	}
	if away && i%2 == 0 && p.OverOneThird() {
		p.AbsenceOverride = "因病住院治疗，有医院证明，经研究生院研究予以认定"
	}
	// Leave: one decided in the past, and a pending one ahead for some on site.
	if from := p.ArrivedOn.AddDate(0, 0, 20+r.IntN(30)); from.Before(until) {
		l := model.Leave{ID: 1, From: from, To: from.AddDate(0, 0, r.IntN(3)), Reason: leaveReasons[r.IntN(len(leaveReasons))],
			Status: model.LeaveApproved, RequestedBy: "demo", RequestedAt: from.AddDate(0, 0, -3).Time(), DecidedBy: "demo",
			DecidedAt: from.AddDate(0, 0, -2).Time(), Note: "同意，请注意安全"}
		if r.IntN(6) == 0 {
			l.Status, l.Note = model.LeaveRefused, "课题关键阶段，请调整时间"
		}
		p.Leaves = append(p.Leaves, l)
	}
	if p.Status == model.Arrived && r.IntN(3) == 0 {
		if from := today.AddDate(0, 0, 3+r.IntN(10)); !from.After(p.End) {
			p.Leaves = append(p.Leaves, model.Leave{ID: len(p.Leaves) + 1, From: from, To: model.Earlier(from.AddDate(0, 0, 1), p.End),
				Reason: leaveReasons[r.IntN(len(leaveReasons))], Status: model.LeavePending, RequestedBy: "demo",
				RequestedAt: today.AddDate(0, 0, -1).Time()})
		}
	}
	// Logs: most periods written, most of those read by one supervisor or both.
	cadence := uni.LogCadenceOf()
	for _, period := range model.FullPeriods(cadence, p.ArrivedOn, until, today) {
		if r.IntN(8) == 0 {
			continue
		}
		_, _, last, _ := model.ParsePeriod(cadence, period)
		at := last.Time().Add(18 * time.Hour) // the period's Sunday (or last day) evening
		l := model.LogEntry{ID: p.NextLogID(), Period: period, By: "demo", At: at,
			Text: logLines[r.IntN(len(logLines))] + "；" + logLines[r.IntN(len(logLines))] + "。"}
		if r.IntN(10) < 7 {
			l.UniRead = &model.LogRead{By: "demo", At: at.Add(48 * time.Hour)}
		}
		if r.IntN(10) < 6 {
			l.PlatformRead = &model.LogRead{By: "demo", At: at.Add(24 * time.Hour), Comment: "已阅"}
		}
		p.Logs = append(p.Logs, l)
	}
	// Mid-term check: held for most placements past the halfway point.
	if half := p.Halfway(); !half.After(until) && (p.Status != model.Arrived || r.IntN(5) > 0) {
		on := model.Earlier(half.AddDate(0, 0, r.IntN(10)), until)
		result := "pass"
		if r.IntN(6) == 0 {
			result = "improve"
		}
		p.Midterm = &model.Midterm{On: on, Progress: "按计划完成前期实验，取得阶段性数据", Problems: "部分设备排期紧张，拟调整实验顺序",
			UniOpinion: "进展符合预期，同意继续", PlatformOpinion: "工作认真，能按要求完成任务", Result: result, By: "demo", At: on.Time()}
	}
	// Final marks: consistent with the assessment given; the platform's mark
	// alone for some still on site past their mid-term.
	w := uni.AssessWeights()
	switch {
	case p.Status == model.Completed && p.Assessment != "":
		s := map[string]int{"excellent": 90, "good": 80, "pass": 60, "fail": 50}[p.Assessment] + r.IntN(8)
		u, pl, d := s, s, s
		if w.University == w.Platform {
			u, pl = s+2, s-2
		} else if w.Platform == w.Defence {
			pl, d = s+2, s-2
		}
		p.Marks = &model.FinalMarks{University: &u, Platform: &pl, Defence: &d, Weights: &w,
			Score: float64(w.Score(u, pl, d)) / 100, Grade: model.GradeOf(w.Score(u, pl, d))}
	case p.Status == model.Arrived && p.Midterm != nil && r.IntN(3) == 0:
		m := 75 + r.IntN(20)
		p.Marks = &model.FinalMarks{Platform: &m}
	}
}

// weekdays counts Monday to Friday in [from, to].
func weekdays(from, to model.Date) int {
	n := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}
