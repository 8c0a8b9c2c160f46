package cli

// The load benchmark of a served file (issue 10): 200 portal sessions of
// platform HR read their lists, open placements and confirm arrivals through
// the portal's forms while the office imports 10,000 students through
// --server; then a real `secondment serve` is killed (SIGKILL) in the middle
// of a stream of arrivals and restarted. Both are heavy and timed, so they run
// only when asked:
//
//	SECONDMENT_LOAD=1 go test ./cli -run 'TestLoad' -v -count=1
//
// Knobs (environment): SECONDMENT_LOAD_SESSIONS (200), SECONDMENT_LOAD_STUDENTS
// (demo size, 20000), SECONDMENT_LOAD_IMPORT (rows, 10000),
// SECONDMENT_LOAD_THINK (a session's mean pause between requests, 1s; 0 for
// closed-loop saturation), SECONDMENT_LOAD_CPU (a file: CPU profile of the load
// phase only, setup excluded), SECONDMENT_LOAD_BLOCK (a file prefix: block and
// mutex profiles of the load phase, FILE.block and FILE.mutex). The test asserts what must hold whatever the
// speed (nothing lost, each step audited once, every imported row present)
// and reports the latencies; it asserts no timing.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/remote"
	"secondment/roster"
	"secondment/sheet"
)

func loadEnabled(t *testing.T) {
	t.Helper()
	if os.Getenv("SECONDMENT_LOAD") == "" {
		t.Skip("load test: set SECONDMENT_LOAD=1 to run it")
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v >= 0 {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil && v >= 0 {
		return v
	}
	return def
}

// loadavg is /proc/loadavg's first three figures ("" elsewhere).
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// latencies collects request durations by kind.
type latencies struct {
	mu sync.Mutex
	d  map[string][]time.Duration
}

func (l *latencies) add(kind string, d time.Duration) {
	l.mu.Lock()
	if l.d == nil {
		l.d = map[string][]time.Duration{}
	}
	l.d[kind] = append(l.d[kind], d)
	l.mu.Unlock()
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

// table is the figures of every kind, in the order given, then any other.
func (l *latencies) table(order ...string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	kinds := append([]string(nil), order...)
	var rest []string
	for k := range l.d {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	kinds = append(kinds, rest...)
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %7s %8s %8s %8s %8s\n", "kind", "n", "p50 ms", "p90 ms", "p99 ms", "max ms")
	for _, k := range kinds {
		ds := append([]time.Duration(nil), l.d[k]...)
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		fmt.Fprintf(&b, "%-22s %7d %8s %8s %8s %8s\n", k, len(ds), ms(pct(ds, .5)), ms(pct(ds, .9)), ms(pct(ds, .99)), ms(ds[len(ds)-1]))
	}
	return b.String()
}

// portalUser is one browser of platform HR on the portal: its own cookies and
// connections; redirects are seen, not followed.
type portalUser struct {
	base string
	c    *http.Client
	lat  *latencies
	// during reports whether the office's import is under way, to file the
	// request's latency under that too.
	during func() bool
}

func newPortalUser(base string, lat *latencies, during func() bool) *portalUser {
	jar, _ := cookiejar.New(nil)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	return &portalUser{base: base, lat: lat, during: during, c: &http.Client{Jar: jar, Transport: tr, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type reply struct {
	status   int
	location string
	body     string
}

func (u *portalUser) do(kind, method, path string, form url.Values) (reply, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	imp := u.during()
	start := time.Now()
	resp, err := u.c.Do(req)
	if err != nil {
		return reply{}, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return reply{}, err
	}
	u.lat.add(kind, d)
	if !strings.HasPrefix(kind, "login") {
		u.lat.add("all portal", d)
		if imp || u.during() {
			u.lat.add(kind+" during import", d)
			u.lat.add("all during import", d)
		} else {
			u.lat.add("all outside import", d)
		}
	}
	return reply{resp.StatusCode, resp.Header.Get("Location"), string(b)}, nil
}

var formCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (u *portalUser) login(name, password string) error {
	r, err := u.do("login-form", "GET", "/login", nil)
	if err != nil {
		return err
	}
	m := formCSRF.FindStringSubmatch(r.body)
	if m == nil {
		return fmt.Errorf("login form: status %d, no token", r.status)
	}
	r, err = u.do("login", "POST", "/login", url.Values{"csrf": {m[1]}, "name": {name}, "password": {password}})
	if err != nil {
		return err
	}
	if r.status != http.StatusSeeOther || r.location != "/" {
		return fmt.Errorf("login %s: status %d to %q", name, r.status, r.location)
	}
	return nil
}

// arrive opens a placement's page and confirms the arrival with its form. It
// reports whether the portal acknowledged the step (a redirect to the page
// with done=arrive, or the page with the service's warnings).
func (u *portalUser) arrive(no, day string) (bool, error) {
	r, err := u.do("detail", "GET", "/hr/p/"+no, nil)
	if err != nil {
		return false, err
	}
	if r.status != http.StatusOK {
		return false, fmt.Errorf("detail %s: status %d", no, r.status)
	}
	m := formCSRF.FindStringSubmatch(r.body)
	if m == nil || !strings.Contains(r.body, "/hr/p/"+no+"/arrive") {
		return false, nil // already arrived: no form any more
	}
	r, err = u.do("confirm", "POST", "/hr/p/"+no+"/arrive", url.Values{"csrf": {m[1]}, "date": {day}})
	if err != nil {
		return false, err
	}
	switch {
	case r.status == http.StatusSeeOther && r.location == "/hr/p/"+no+"?done=arrive":
		return true, nil
	case r.status == http.StatusOK:
		return true, nil // done, with warnings shown
	case r.status == http.StatusUnprocessableEntity:
		return false, nil // refused: the other session was first
	}
	return false, fmt.Errorf("confirm %s: status %d to %q", no, r.status, r.location)
}

// importRoster writes n new students (numbers and ID numbers that no demo
// student has) as a .csv roster, as an office exports one.
func importRoster(t *testing.T, n int, today model.Date) (string, []model.Student) {
	t.Helper()
	ss := demo.Generate(n, 77, today).Students
	birth := model.NewDate(2000, time.January, 1)
	for i := range ss {
		st := &ss[i]
		prefix := st.Number[:len(st.Number)-6]
		st.Number = fmt.Sprintf("%s%06d", prefix, 900000-i)
		st.Email = "l" + strconv.Itoa(i) + "@load.example.cn"
		male := st.Gender == "male"
		seq := (i % 400) * 2
		if male {
			seq++
		}
		for _, region := range []string{"110101", "110102"} {
			// (an ID number ending in 000 reads as one a spreadsheet cut short)
			first17 := fmt.Sprintf("%s%s%03d", region, birth.AddDate(0, 0, i/400).Time().Format("20060102"), seq)
			if st.IDNumber = first17 + string(model.IDCheckChar(first17)); !strings.HasSuffix(st.IDNumber, "000") {
				break
			}
		}
	}
	path := filepath.Join(t.TempDir(), "load-roster.csv")
	if err := sheet.Write(path, roster.StudentSheet(ss)); err != nil {
		t.Fatal(err)
	}
	return path, ss
}

const loadHRPassword = "平台人事-负载-2026"

// arrivable are the dispatched placements whose arrival can be confirmed
// today, by platform (platforms whose recognition is revoked left out).
func arrivable(t *testing.T, api dispatch.API, sess *dispatch.Session, today model.Date) map[string][]string {
	t.Helper()
	pls, err := api.Platforms(sess, "")
	if err != nil {
		t.Fatal(err)
	}
	revoked := map[string]bool{}
	for _, p := range pls {
		revoked[p.Name] = p.Status == model.Revoked
	}
	ps, err := api.Placements(sess, dispatch.PlacementFilter{Status: model.Dispatched})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range ps {
		if !revoked[p.Platform] && !p.Start.After(today) && !p.End.Before(today) {
			out[p.Platform] = append(out[p.Platform], p.No)
		}
	}
	return out
}

// arrivedAudits counts the audit entries placement.arrived by placement.
func arrivedAudits(t *testing.T, api dispatch.API, sess *dispatch.Session) map[string]int {
	t.Helper()
	es, err := api.Audit(sess, dispatch.AuditFilter{Q: "placement.arrived", NoSignIns: true})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, e := range es {
		if e.Op == "placement.arrived" {
			n[strings.TrimPrefix(e.Record, "placement/")]++
		}
	}
	return n
}

// TestLoadPortalWhileImporting is the load benchmark on loopback.
func TestLoadPortalWhileImporting(t *testing.T) {
	loadEnabled(t)
	nSessions := envInt("SECONDMENT_LOAD_SESSIONS", 200)
	nStudents := envInt("SECONDMENT_LOAD_STUDENTS", 20000)
	nImport := envInt("SECONDMENT_LOAD_IMPORT", 10000)
	think := envDuration("SECONDMENT_LOAD_THINK", time.Second)

	c := newTerm(t)
	c.ok("init", "--admin", "admin")
	c.env["SECONDMENT_USER"] = "admin"
	setup := time.Now()
	c.ok("demo", "--students", strconv.Itoa(nStudents))
	today := model.DateOf(c.clock())
	rosterPath, imported := importRoster(t, nImport, today)
	t.Logf("setup: demo --students %d and a %d-row roster in %v", nStudents, nImport, time.Since(setup).Round(time.Millisecond))

	srv := c.serve()
	office, err := remote.Dial(srv.info.URL, remote.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := office.Login("admin", "admin-密码")
	if err != nil {
		t.Fatal(err)
	}
	ready := arrivable(t, office, admin, today)
	var platforms []string
	total := 0
	for p, nos := range ready {
		platforms = append(platforms, p)
		total += len(nos)
	}
	slices.Sort(platforms)
	if total < 200 {
		t.Fatalf("only %d placements wait for their arrival; want 200 or more", total)
	}
	// One HR account per platform; several sessions share one account, as
	// colleagues at one platform would.
	for i, p := range platforms {
		if _, err := office.AddUser(admin, dispatch.NewUser{Name: fmt.Sprintf("hrload%d", i+1), Password: loadHRPassword,
			Role: model.PlatformHR, Platform: p}); err != nil {
			t.Fatal(err)
		}
	}
	before := arrivedAudits(t, office, admin)
	studentsBefore, err := office.CountStudents(admin)
	if err != nil {
		t.Fatal(err)
	}

	// Every waiting placement goes to one session of its platform; one in four
	// also goes to a second session, which races the first for it.
	work := make([][]string, nSessions)
	account := make([]int, nSessions)
	var bySession [][]int // platform index -> sessions
	bySession = make([][]int, len(platforms))
	for s := 0; s < nSessions; s++ {
		account[s] = s % len(platforms)
		bySession[account[s]] = append(bySession[account[s]], s)
	}
	raced := 0
	for pi, p := range platforms {
		ss := bySession[pi]
		if len(ss) == 0 {
			continue
		}
		for k, no := range ready[p] {
			work[ss[k%len(ss)]] = append(work[ss[k%len(ss)]], no)
			if k%4 == 0 && len(ss) > 1 {
				work[ss[(k+1)%len(ss)]] = append(work[ss[(k+1)%len(ss)]], no)
				raced++
			}
		}
	}

	lat := &latencies{}
	var importing atomic.Bool
	during := importing.Load
	users := make([]*portalUser, nSessions)
	loginStart := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, nSessions*4)
	for s := range users {
		users[s] = newPortalUser(srv.info.URL, lat, during)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := users[s].login(fmt.Sprintf("hrload%d", account[s]+1), loadHRPassword); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	loginWall := time.Since(loginStart)
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	t.Logf("%d sessions logged in (argon2id each) in %v", nSessions, loginWall.Round(time.Millisecond))

	// The service time of each kind, unloaded: one session alone reads its
	// list and a placement 50 times each.
	solo := &latencies{}
	{
		u := newPortalUser(srv.info.URL, solo, func() bool { return false })
		if err := u.login("hrload1", loadHRPassword); err != nil {
			t.Fatal(err)
		}
		mine := ready[platforms[0]]
		for i := 0; i < 50; i++ {
			if _, err := u.do("list", "GET", "/hr", nil); err != nil {
				t.Fatal(err)
			}
			if _, err := u.do("detail", "GET", "/hr/p/"+mine[i%len(mine)], nil); err != nil {
				t.Fatal(err)
			}
		}
		hr, _ := office.Placements(admin, dispatch.PlacementFilter{Platform: platforms[0]})
		t.Logf("one session alone (the platform has %d placements; its list page shows up to 100):\n%s", len(hr), solo.table("list", "detail"))
	}

	// The load: every session confirms its arrivals, reading its list before
	// each, then keeps reading lists and placements until the import is over.
	var cpu *os.File
	if path := os.Getenv("SECONDMENT_LOAD_CPU"); path != "" {
		if cpu, err = os.Create(path); err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			t.Fatal(err)
		}
	}
	if path := os.Getenv("SECONDMENT_LOAD_BLOCK"); path != "" {
		// Where requests wait (locks, channels), not where they run: every
		// wait of 100 µs or more is sampled.
		runtime.SetBlockProfileRate(100000)
		runtime.SetMutexProfileFraction(1)
		defer func() {
			for _, kind := range []string{"block", "mutex"} {
				f, err := os.Create(path + "." + kind)
				if err != nil {
					t.Error(err)
					continue
				}
				pprof.Lookup(kind).WriteTo(f, 0)
				f.Close()
			}
			runtime.SetBlockProfileRate(0)
			runtime.SetMutexProfileFraction(0)
		}()
	}
	var acked sync.Map // no -> count of acknowledgements
	var requests atomic.Int64
	importDone := make(chan struct{})
	var importOut string
	var importCode int
	var importTime time.Duration
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	la0 := loadavg()
	start := time.Now()
	go func() {
		defer close(importDone)
		time.Sleep(think + 500*time.Millisecond) // the sessions are at work
		ic := &term{t: t, db: c.db, env: map[string]string{"SECONDMENT_USER": "admin", "SECONDMENT_PASSWORD": "admin-密码"},
			server: srv.info.URL}
		importing.Store(true)
		t0 := time.Now()
		importCode = ic.run("import", "students", rosterPath)
		importTime = time.Since(t0)
		importing.Store(false)
		importOut = ic.out.String() + ic.err.String()
		lat.add("import", importTime)
	}()
	pause := func(r *rand.Rand) {
		if think > 0 {
			time.Sleep(think/2 + time.Duration(r.Int64N(int64(think))))
		}
	}
	for s, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(s), 1))
			pause(r)
			mine := ready[platforms[account[s]]]
			list := func() error {
				path := "/hr"
				if r.IntN(3) == 0 { // a search by a student's name or number
					no := mine[r.IntN(len(mine))]
					path += "?q=" + url.QueryEscape(no[len(no)-4:])
				}
				rep, err := u.do("list", "GET", path, nil)
				requests.Add(1)
				if err == nil && rep.status != http.StatusOK {
					err = fmt.Errorf("list: status %d", rep.status)
				}
				return err
			}
			for _, no := range work[s] {
				if err := list(); err != nil {
					errs <- err
					return
				}
				pause(r)
				ok, err := u.arrive(no, today.String())
				requests.Add(2)
				if err != nil {
					errs <- err
					return
				}
				if ok {
					n, _ := acked.LoadOrStore(no, new(atomic.Int32))
					n.(*atomic.Int32).Add(1)
				}
				pause(r)
			}
			for round := 0; ; round++ {
				select {
				case <-importDone:
					if round >= 2 {
						return
					}
				default:
				}
				if err := list(); err != nil {
					errs <- err
					return
				}
				pause(r)
				no := mine[r.IntN(len(mine))]
				rep, err := u.do("detail", "GET", "/hr/p/"+no, nil)
				requests.Add(1)
				if err == nil && rep.status != http.StatusOK {
					err = fmt.Errorf("detail %s: status %d", no, rep.status)
				}
				if err != nil {
					errs <- err
					return
				}
				pause(r)
			}
		}()
	}
	wg.Wait()
	<-importDone
	wall := time.Since(start)
	runtime.ReadMemStats(&ms1)
	if cpu != nil {
		pprof.StopCPUProfile()
		cpu.Close()
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// Nothing lost: every acknowledged arrival is on file, once, audited once;
	// no other placement changed; every imported student is there.
	var ackedNos []string
	acked.Range(func(k, v any) bool {
		ackedNos = append(ackedNos, k.(string))
		if n := v.(*atomic.Int32).Load(); n != 1 {
			t.Errorf("%s: the arrival was acknowledged %d times", k, n)
		}
		return true
	})
	after := arrivedAudits(t, office, admin)
	arrived, err := office.Placements(admin, dispatch.PlacementFilter{Status: model.Arrived})
	if err != nil {
		t.Fatal(err)
	}
	byNo := map[string]model.Placement{}
	for _, p := range arrived {
		byNo[p.No] = p
	}
	for _, no := range ackedNos {
		if p, ok := byNo[no]; !ok || p.ArrivedOn != today {
			t.Errorf("%s: acknowledged, yet on file %q arrived %v", no, p.Status, p.ArrivedOn)
		}
		if n := after[no] - before[no]; n != 1 {
			t.Errorf("%s: %d audit entries placement.arrived for one confirmation", no, n)
		}
	}
	newAudits := 0
	for no, n := range after {
		newAudits += n - before[no]
	}
	if newAudits != len(ackedNos) {
		t.Errorf("%d new audit entries placement.arrived for %d acknowledged arrivals", newAudits, len(ackedNos))
	}
	if len(ackedNos) != total {
		t.Errorf("%d of %d waiting placements confirmed", len(ackedNos), total)
	}
	if importCode != 0 {
		t.Errorf("import through --server: exit %d\n%s", importCode, importOut)
	}
	studentsAfter, err := office.CountStudents(admin)
	if err != nil {
		t.Fatal(err)
	}
	if studentsAfter != studentsBefore+nImport {
		t.Errorf("students: %d before, %d after importing %d", studentsBefore, studentsAfter, nImport)
	}
	all, err := office.Students(admin, dispatch.StudentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, st := range all {
		have[st.Key()] = true
	}
	missing := 0
	for _, st := range imported {
		if !have[st.Key()] {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d imported students missing", missing)
	}

	t.Logf("load: %d sessions (%d HR accounts on %d platforms), think time %v; %d arrivals waiting, %d raced by two sessions; "+
		"%d acknowledged, %d audit entries; import: exit %d, %d students before, %d after",
		nSessions, len(platforms), len(platforms), think, total, raced, len(ackedNos), newAudits, importCode, studentsBefore, studentsAfter)
	t.Logf("import output: %s", strings.TrimSpace(importOut))
	t.Logf("wall %v, %d portal requests, %.0f req/s; import %v; GC cycles %d; load average before %s, after %s; GOMAXPROCS %d",
		wall.Round(time.Millisecond), requests.Load(), float64(requests.Load())/wall.Seconds(), importTime.Round(time.Millisecond),
		ms1.NumGC-ms0.NumGC, la0, loadavg(), runtime.GOMAXPROCS(0))
	t.Logf("latency (client side, loopback):\n%s", lat.table("list", "detail", "confirm", "import", "all portal",
		"all outside import", "list during import", "detail during import", "confirm during import", "all during import", "login-form", "login"))
}

// TestLoadKillMidLoad runs the built binary's serve as a real process, streams
// arrivals at it through the API client, kills it with SIGKILL in the middle,
// restarts it on the same file (its .holder left behind, the file's lock gone
// with the process) and checks: `check` is clean, every acknowledged step is
// on file, audited once.
func TestLoadKillMidLoad(t *testing.T) {
	loadEnabled(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "secondment")
	build := exec.Command("go", "build", "-o", bin, "secondment/cmd/secondment")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "desk.db")
	env := append(os.Environ(), "SECONDMENT_USER=admin", "SECONDMENT_PASSWORD=admin-密码", "SECONDMENT_SERVER=")
	runBin := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := runBin("init", "--admin", "admin"); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	if out, err := runBin("demo", "--students", strconv.Itoa(envInt("SECONDMENT_LOAD_STUDENTS", 20000))); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	start := func() (*exec.Cmd, string) {
		cmd := exec.Command(bin, "--db", db, "serve", "--listen", "127.0.0.1:0")
		cmd.Env = env
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = cmd.Stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		found := make(chan string, 1)
		var head bytes.Buffer
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				head.WriteString(sc.Text() + "\n")
				if u := urlRE.FindString(sc.Text()); u != "" {
					select {
					case found <- u:
					default:
					}
				}
			}
		}()
		select {
		case u := <-found:
			return cmd, u
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("serve did not start:\n%s", head.String())
		}
		return nil, ""
	}
	srv, base := start()
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	cl, err := remote.Dial(base, remote.DialOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := cl.Login("admin", "admin-密码")
	if err != nil {
		t.Fatal(err)
	}
	today := model.DateOf(time.Now())
	ready := arrivable(t, cl, admin, today)
	var nos []string
	for _, ps := range ready {
		nos = append(nos, ps...)
	}
	slices.Sort(nos)
	before := arrivedAudits(t, cl, admin)

	// 16 workers step arrivals as the office, each with its own session;
	// the server is killed once a third of them are acknowledged.
	const workers = 16
	var ackMu sync.Mutex
	acked := map[string]bool{}
	var failed atomic.Int64
	next := make(chan string)
	killAt := len(nos) / 3
	killed := make(chan struct{})
	var once sync.Once
	began := time.Now()
	var killedAfter time.Duration // set once, read after the workers end
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wc, _ := remote.Dial(base, remote.DialOptions{Timeout: 10 * time.Second})
			sess, err := wc.Login("admin", "admin-密码")
			if err != nil {
				t.Error(err)
				return
			}
			for no := range next {
				_, _, err := wc.Step(sess, no, model.Arrived, model.StepInput{Date: today})
				if err != nil {
					failed.Add(1)
					continue
				}
				ackMu.Lock()
				acked[no] = true
				n := len(acked)
				ackMu.Unlock()
				if n >= killAt {
					once.Do(func() {
						srv.Process.Signal(syscall.SIGKILL)
						killedAfter = time.Since(began)
						close(killed)
					})
				}
			}
		}()
	}
	sent := 0
	for _, no := range nos {
		select {
		case <-killed:
		case next <- no:
			sent++
			continue
		}
		break
	}
	// Keep sending a little after the kill: those are refused by a dead server.
	for _, no := range nos[sent:min(len(nos), sent+workers)] {
		next <- no
	}
	close(next)
	wg.Wait()
	srv.Wait()
	holder := remote.HolderPath(db)
	_, statErr := os.Stat(holder)
	t.Logf("killed serve after %d acknowledged arrivals in %v, %d workers (%d sent, %d failed); stale holder file left: %v",
		len(acked), killedAfter.Round(time.Millisecond), workers, sent, failed.Load(), statErr == nil)

	// Restart on the same file.
	t0 := time.Now()
	srv, base = start()
	t.Logf("restarted in %v", time.Since(t0).Round(time.Millisecond))
	// check, through the holder (serve holds the file again), as the office.
	out, err := runBin("check")
	if err != nil {
		t.Errorf("check after the kill: %v\n%s", err, out)
	}
	t.Logf("check: %s", strings.TrimSpace(out))
	cl, _ = remote.Dial(base, remote.DialOptions{})
	if admin, err = cl.Login("admin", "admin-密码"); err != nil {
		t.Fatal(err)
	}
	after := arrivedAudits(t, cl, admin)
	arrived, err := cl.Placements(admin, dispatch.PlacementFilter{Status: model.Arrived})
	if err != nil {
		t.Fatal(err)
	}
	on := map[string]bool{}
	for _, p := range arrived {
		on[p.No] = p.ArrivedOn == today
	}
	lost := 0
	for no := range acked {
		if !on[no] {
			lost++
			t.Errorf("%s: acknowledged before the kill, not on file after it", no)
		}
		if n := after[no] - before[no]; n != 1 {
			t.Errorf("%s: %d audit entries placement.arrived", no, n)
		}
	}
	extra := 0
	for no, n := range after {
		if d := n - before[no]; d != 0 && !acked[no] {
			extra += d
		}
	}
	t.Logf("after restart: %d acknowledged arrivals, %d lost; %d arrivals on file that were not acknowledged (in flight at the kill)",
		len(acked), lost, extra)
	if err := srv.Process.Signal(syscall.SIGTERM); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- srv.Wait() }()
		select {
		case <-done:
		case <-ctx.Done():
			t.Fatal("serve did not stop on SIGTERM")
		}
	}
	// And check on the file itself, no one holding it.
	if out, err := runBin("check"); err != nil {
		t.Errorf("check with serve stopped: %v\n%s", err, out)
	} else {
		t.Logf("check, file not held: %s", strings.TrimSpace(out))
	}
}
