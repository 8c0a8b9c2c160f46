package portal

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdp "github.com/chromedp/chromedp"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
)

// TestBrowser drives a real Chromium over the portal at a phone's width: HR
// signs in and confirms an arrival (which the office then reads from the
// service), signs out; a student downloads their agreement and is refused
// another's; the bureau reads its figures. Each page is saved as a screenshot
// (into $SECONDMENT_SCREENSHOTS when set) and checked for horizontal overflow
// and for its stylesheet having loaded under the CSP. Without a Chromium the
// test is skipped, unless SECONDMENT_REQUIRE_BROWSER=1.
func TestBrowser(t *testing.T) {
	exe := findChromium(t)
	o := newOnsite(t)
	s := o.site
	shots := os.Getenv("SECONDMENT_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := append(cdp.DefaultExecAllocatorOptions[:], cdp.ExecPath(exe), cdp.NoSandbox, cdp.WindowSize(375, 812),
		cdp.Flag("lang", "zh-CN"))
	alloc, cancel := cdp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := cdp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	do := func(what string, steps ...cdp.Action[cdp.Void]) {
		t.Helper()
		if err := cdp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := cdp.Run(ctx, cdp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		fits, err := cdp.Run(ctx, cdp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`))
		if err != nil || !fits {
			t.Errorf("%s: the page is wider than the 375-px screen (%v)", name, err)
		}
		bg, err := cdp.Run(ctx, cdp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
		if err != nil || bg != "rgb(244, 246, 248)" {
			t.Errorf("%s: the stylesheet did not apply (body background %q, %v)", name, bg, err)
		}
	}
	login := func(name, password, landing string) {
		t.Helper()
		do("login "+name,
			cdp.Navigate(s.srv.URL+"/login"),
			cdp.WaitVisible(cdp.CSS(`input[name=name]`)),
			cdp.SendKeys(cdp.CSS(`input[name=name]`), name),
			cdp.SendKeys(cdp.CSS(`input[name=password]`), password),
			cdp.Click(cdp.CSS(`form[action="/login"] button`)),
			cdp.WaitVisible(cdp.CSS(landing)),
		)
	}
	logout := func() {
		t.Helper()
		do("logout", cdp.Click(cdp.CSS(`form[action="/logout"] button`)), cdp.WaitVisible(cdp.CSS(`input[name=password]`)))
	}
	text := func(sel string) string {
		t.Helper()
		v, err := cdp.Run(ctx, cdp.Text(cdp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}

	do("viewport", cdp.EmulateViewport(375, 812, cdp.EmulateScale(2), cdp.EmulateMobile))
	do("login page", cdp.Navigate(s.srv.URL+"/login"), cdp.WaitVisible(cdp.CSS(`input[name=name]`)))
	shot("01-login")

	// Platform HR confirms an arrival.
	no := s.dispatched.No
	login(s.hrName, hrPassword, `form.search`)
	shot("02-hr-home")
	do("desktop", cdp.EmulateViewport(1280, 800))
	shot("02-hr-home-desktop")
	do("phone", cdp.EmulateViewport(375, 812, cdp.EmulateScale(2), cdp.EmulateMobile))
	do("open the placement", cdp.Click(cdp.CSS(`a[href="/hr/p/`+no+`"]`)), cdp.WaitVisible(cdp.CSS(`form[action$="/arrive"]`)))
	shot("03-hr-placement")
	day := min(s.dispatched.Start.String(), model.DateOf(today).String())
	do("confirm the arrival",
		cdp.SetValue(cdp.CSS(`form[action$="/arrive"] input[name=date]`), day),
		cdp.Click(cdp.CSS(`form[action$="/arrive"] button`)),
		cdp.WaitVisible(cdp.CSS(`p.notice`)),
	)
	shot("04-hr-arrived")
	if got := text(`p.notice`); !strings.Contains(got, "已确认到岗") {
		t.Errorf("notice %q", got)
	}
	p, err := s.svc.Placement(s.admin, no) // the office reads it back
	if err != nil || p.Status != model.Arrived || p.ArrivedOn.String() != day {
		t.Fatalf("the office sees %s arrived %v (%v), want arrived on %s", p.Status, p.ArrivedOn, err, day)
	}
	logout()

	// A student downloads their agreement, and cannot open another's.
	login("student1", demo.Password, `dl.facts`)
	shot("05-student")
	u1, u2 := studentOf(t, s, "student1"), studentOf(t, s, "student2")
	all, _ := s.svc.Placements(s.admin, dispatch.PlacementFilter{})
	var mine, theirs string
	for _, p := range all {
		if p.StudentNumber == u1.StudentNumber && hasAgreement(p.Status) {
			mine = p.No
		}
		if p.StudentNumber == u2.StudentNumber && hasAgreement(p.Status) {
			theirs = p.No
		}
	}
	downloads := t.TempDir()
	progress := cdp.Events(ctx, cdpbrowser.DownloadProgress)
	do("download the agreement",
		cdp.Func(func(ctx context.Context, _ *cdp.Target) error {
			_, err := cdp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptrTo(true)})
			return err
		}),
		cdp.Click(cdp.CSS(`a[href="/p/`+mine+`/agreement.pdf"]`)),
	)
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			file = filepath.Join(downloads, ev.GUID)
			break
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
	}
	if b, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("the downloaded agreement is not a PDF (%d bytes, %v)", len(b), err)
	}
	do("another's agreement", cdp.Navigate(s.srv.URL+"/p/"+theirs+"/agreement.pdf"), cdp.WaitVisible(cdp.CSS(`h1`)))
	if got := text(`h1`); got != "未找到" {
		t.Errorf("another student's agreement: the page says %q", got)
	}
	shot("06-not-found")
	do("password page", cdp.Navigate(s.srv.URL+"/password"), cdp.WaitVisible(cdp.CSS(`input[name=repeat]`)))
	shot("07-password")
	logout()

	// The bureau's figures.
	login("bureau", demo.Password, `ul.chart`)
	shot("08-bureau")
	do("English", cdp.Navigate(s.srv.URL+"/bureau?lang=en"), cdp.WaitVisible(cdp.CSS(`ul.chart`)))
	shot("09-bureau-en")
	do("Chinese", cdp.Navigate(s.srv.URL+"/bureau?lang=zh"), cdp.WaitVisible(cdp.CSS(`ul.chart`)))
	logout()

	// On site: the student writes a log (and asks for leave with the dates
	// the wrong way round, which is refused beside the form); HR marks the
	// log read with a comment, which the student then sees.
	onsiteNo := o.pl.No
	login("stu-onsite", stPassword, `dl.facts`)
	shot("10-student-home")
	do("open the placement on site", cdp.Click(cdp.CSS(`a[href="/student/p/`+onsiteNo+`"]`)),
		cdp.WaitVisible(cdp.CSS(`form[action$="/log#logs"] textarea`)))
	shot("11-student-onsite")
	period, err := cdp.Run(ctx, cdp.Value(cdp.CSS(`form[action$="/log#logs"] select`)))
	if err != nil {
		t.Fatal(err)
	}
	do("write a log",
		cdp.SendKeys(cdp.CSS(`form[action$="/log#logs"] textarea`), "完成样品第二轮测试，整理数据并与平台导师讨论下一步方案"),
		cdp.Click(cdp.CSS(`form[action$="/log#logs"] button`)),
		cdp.WaitVisible(cdp.CSS(`#logs p.notice`)),
	)
	shot("12-student-log-written")
	pl := o.fresh()
	li := pl.LogOf(period)
	if li < 0 || pl.Logs[li].By != "stu-onsite" {
		t.Fatalf("the log for %s is not recorded (%+v)", period, pl.Logs)
	}
	logID := strconv.Itoa(pl.Logs[li].ID)
	from := model.DateOf(today).AddDate(0, 0, 5)
	do("a leave request the wrong way round",
		cdp.SetValue(cdp.CSS(`form[action$="/leave#leaves"] input[name=from]`), from.String()),
		cdp.SetValue(cdp.CSS(`form[action$="/leave#leaves"] input[name=to]`), from.AddDate(0, 0, -2).String()),
		cdp.SendKeys(cdp.CSS(`form[action$="/leave#leaves"] input[name=reason]`), "返校参加组会"),
		cdp.Click(cdp.CSS(`form[action$="/leave#leaves"] button`)),
		cdp.WaitVisible(cdp.CSS(`#leaves p.error`)),
	)
	shot("13-student-leave-refused")
	if got, _ := cdp.Run(ctx, cdp.Value(cdp.CSS(`form[action$="/leave#leaves"] input[name=reason]`))); got != "返校参加组会" {
		t.Errorf("the refused form lost the reason: %q", got)
	}
	logout()

	login("hr-onsite", hrPassword, `form.search`)
	shot("14-hr-home-reminders")
	do("open the placement on site", cdp.Navigate(s.srv.URL+"/hr/p/"+onsiteNo), cdp.WaitVisible(cdp.CSS(`#logs`)))
	shot("15-hr-onsite")
	form := `form[action$="/logread#logs"]:has(input[name=id][value="` + logID + `"])`
	do("mark the log read",
		cdp.SendKeys(cdp.CSS(form+` input[name=comment]`), "数据完整，结论清楚"),
		cdp.Click(cdp.CSS(form+` button`)),
		cdp.WaitVisible(cdp.CSS(`#logs p.notice`)),
	)
	shot("16-hr-log-read")
	if r := o.fresh().Logs[li].PlatformRead; r == nil || r.By != "hr-onsite" || r.Comment != "数据完整，结论清楚" {
		t.Errorf("the reading is not recorded: %+v", r)
	}
	logout()
	login("stu-onsite", stPassword, `dl.facts`)
	do("the student sees the reading", cdp.Navigate(s.srv.URL+"/student/p/"+onsiteNo+"#logs"), cdp.WaitVisible(cdp.CSS(`#logs`)))
	if got := text(`#logs`); !strings.Contains(got, "数据完整，结论清楚") {
		t.Errorf("the student's page does not show the comment")
	}
	shot("17-student-sees-reading")
	t.Logf("screenshots in %s", shots)
}

func ptrTo[T any](v T) *T { return &v }

// findChromium returns Debian's chromium (or another Chrome) or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no chromium on PATH (%s)", os.Getenv("PATH"))
	if os.Getenv("SECONDMENT_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}
