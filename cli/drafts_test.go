package cli

import (
	"strings"
	"testing"

	"secondment/i18n"
	"secondment/model"
)

func TestEditAndWithdrawDraft(t *testing.T) {
	c := demoTerm(t)
	drafts := c.jsonList("list", "placements", "--status", "draft")
	if len(drafts) == 0 {
		t.Fatal("demo has no drafts")
	}
	no := drafts[0]["agreement_no"].(string)
	c.ok("placement", "edit", no, "--task", "改写后的攻关任务", "--allowance", "3000")
	rows := c.jsonList("list", "placements", "--q", no)
	if len(rows) != 1 || rows[0]["task"] != "改写后的攻关任务" || rows[0]["allowance"].(float64) != 3000 ||
		rows[0]["start"] != drafts[0]["start"] {
		t.Fatalf("after edit: %v", rows)
	}
	msg := c.refused("placement", "edit", no, "--end", "2001-01-01")
	if !strings.Contains(msg, "--end") {
		t.Errorf("period refusal names no flag: %s", msg)
	}
	msg = c.refused("placement", "withdraw", no)
	if !strings.Contains(msg, "请填写原因（--reason）") {
		t.Errorf("withdraw without reason: %s", msg)
	}
	msg = c.refused("--lang", "en", "placement", "withdraw", no)
	if !strings.Contains(msg, "a reason is required (--reason)") {
		t.Errorf("English: %s", msg)
	}
	c.ok("placement", "withdraw", no, "--reason", "学生放弃")
	rows = c.jsonList("list", "placements", "--status", "withdrawn", "--q", no)
	if len(rows) != 1 || rows[0]["status"] != "withdrawn" {
		t.Fatalf("after withdraw: %v", rows)
	}
	c.refused("placement", "edit", no, "--task", "x")
}

// TestWindowSentencesNameNoFlags: the sentences the window shows never name a
// command-line flag; the command line adds the flag of the field at fault.
func TestWindowSentencesNameNoFlags(t *testing.T) {
	for _, e := range []*model.Error{
		model.Invalid("reason", "step.reason_required"),
		model.Invalid("reason", "quota.reason_required"),
		model.Invalid("platform", "user.needs_platform"),
		model.Invalid("student", "user.needs_student"),
		model.Invalid("university", "student.ambiguous", "2025001"),
	} {
		for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
			if msg := i18n.Message(lang, e); strings.Contains(msg, "--") {
				t.Errorf("%s: window sentence names a flag: %s", e.Key, msg)
			}
		}
	}
	c := demoTerm(t)
	msg := c.refused("quota", "set", "--platform", "瓯江实验室", "--year", "2026", "--category", "graduate", "--total", "30")
	if !strings.HasSuffix(strings.TrimSpace(msg), "（--reason）") {
		t.Errorf("quota without reason: %s", msg)
	}
	c.env["SECONDMENT_NEW_PASSWORD"] = "good-pass-123"
	msg = c.refused("user", "add", "--name", "hr9", "--role", "platform-hr")
	if !strings.Contains(msg, "（--platform）") {
		t.Errorf("HR without platform: %s", msg)
	}
}
