package dispatch

import (
	"bytes"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"secondment/model"
)

// studentIndex keeps every student in memory with their searchable text laid end
// to end, so that a fragment of a name or number is found in 100,000 students in
// a few milliseconds (decoding the records from the file takes half a second).
// It is loaded on first use and kept current by the Service after each commit;
// the file lock guarantees no other program writes behind its back.
//
// The list is copied on write: a change makes a new slice of pointers and never
// alters a record in place, so a StudentView keeps reading the snapshot it was
// made from while the clerk scrolls, without a lock.
type studentIndex struct {
	mu     sync.Mutex
	loaded bool
	dirty  bool               // list changed since the haystacks were built
	list   []*model.Student   // in key order
	orders map[string][]int32 // positions of list in a column's order, made on first use
	// pub holds what every role may search by (number, name); priv what only the
	// graduate office may (mobile, ID number, e-mail), so masked digits cannot be
	// probed by searching.
	pub, priv haystack
	// text interns the words students share (university, school, major,
	// supervisor): held once, not once per student.
	text map[string]string
}

// haystack is the folded text of every record, record i at text[starts[i]:starts[i+1]].
type haystack struct {
	text   []byte
	starts []int32
}

func (h *haystack) reset() {
	h.text = h.text[:0]
	h.starts = h.starts[:0]
}

// add appends one record's fields, separated so that a match cannot span two
// fields or two records.
func (h *haystack) add(fields ...string) {
	h.starts = append(h.starts, int32(len(h.text)))
	for _, f := range fields {
		h.text = append(h.text, model.Fold(f)...)
		h.text = append(h.text, 0)
	}
}

func (h *haystack) record(i int) []byte { return h.text[h.starts[i]:h.starts[i+1]] }

// parallelBytes is the haystack size above which hits splits the work among
// the processor's cores: a digit-heavy term ("2024") in the office's private
// fields of 100,000 students matches a third of them, and one core spent 11 ms
// finding them, past the 8 ms a keystroke may take.
const parallelBytes = 1 << 20

// hits marks every record containing term.
func (h *haystack) hits(term []byte, marks []bool) {
	records := len(h.starts) - 1
	parts := min(runtime.GOMAXPROCS(0), 8)
	if len(h.text) < parallelBytes || parts < 2 {
		h.hitsIn(term, marks, 0, records)
		return
	}
	// Each part marks its own records: no two write the same element.
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		from, to := records*p/parts, records*(p+1)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.hitsIn(term, marks, from, to)
		}()
	}
	wg.Wait()
}

// hitsIn marks the records from, …, to-1 that contain term.
func (h *haystack) hitsIn(term []byte, marks []bool, from, to int) {
	if from >= to {
		return
	}
	off, i := int(h.starts[from]), from
	end := int(h.starts[to])
	last := to
	for {
		j := bytes.Index(h.text[off:end], term)
		if j < 0 {
			return
		}
		pos := int32(off + j)
		// The record holding pos. Matches come in order: step forward from the
		// last one when it is near (a broad term such as "1" hits nearly every
		// record), else search.
		if i+8 < last && h.starts[i+8] <= pos {
			i += sort.Search(last-i, func(k int) bool { return h.starts[i+k+1] > pos })
		} else {
			for h.starts[i+1] <= pos {
				i++
			}
		}
		marks[i] = true
		off = int(h.starts[i+1]) // the rest of this record cannot add anything
	}
}

func (x *studentIndex) rebuild() {
	x.pub.reset()
	x.priv.reset()
	x.orders = nil
	for _, st := range x.list {
		x.pub.add(st.Number, st.Name)
		x.priv.add(st.Mobile, st.IDNumber, st.Email)
	}
	x.pub.starts = append(x.pub.starts, int32(len(x.pub.text)))
	x.priv.starts = append(x.priv.starts, int32(len(x.priv.text)))
	x.dirty = false
}

// studentIndex returns the loaded index, loading it on first use.
func (s *Service) studentIndex() (*studentIndex, error) {
	x := s.students
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.loaded {
		return x, nil
	}
	var list []*model.Student
	x.text = map[string]string{}
	err := s.store.View(func(tx model.Tx) error {
		n := tx.StudentCount()
		list = make([]*model.Student, 0, n)
		// One allocation for all records rather than one each.
		block := make([]model.Student, 0, n)
		return tx.EachStudent(func(st model.Student) error {
			x.intern(&st)
			if len(block) == cap(block) {
				block = make([]model.Student, 0, 1024)
			}
			block = append(block, st)
			list = append(list, &block[len(block)-1])
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	x.list, x.loaded, x.dirty = list, true, true
	return x, nil
}

// intern makes st's shared words point at one copy each.
func (x *studentIndex) intern(st *model.Student) {
	for _, f := range []*string{&st.University, &st.School, &st.Major, &st.Supervisor, &st.Gender, &st.Degree, &st.DegreeType} {
		if v, ok := x.text[*f]; ok {
			*f = v
		} else {
			x.text[*f] = *f
		}
	}
}

// upsert records a committed change to one student.
func (x *studentIndex) upsert(st model.Student) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.loaded {
		return
	}
	key := st.Key()
	x.intern(&st)
	i := sort.Search(len(x.list), func(i int) bool { return x.list[i].Key() >= key })
	found := i < len(x.list) && x.list[i].Key() == key
	list := make([]*model.Student, 0, len(x.list)+1)
	list = append(list, x.list[:i]...)
	list = append(list, &st)
	if found {
		i++
	}
	x.list = append(list, x.list[i:]...)
	x.dirty = true
}

// invalidate drops the index after a bulk change; the next search reloads it.
func (x *studentIndex) invalidate() {
	x.mu.Lock()
	x.loaded, x.list = false, nil
	x.mu.Unlock()
}

// search returns the snapshot of the list and the positions in it of the
// students matching every word of q (in the public fields, or also the private
// ones) that keep accepts, in the order of column by (key order when ""),
// reversed when desc, at most limit of them (0: all).
func (x *studentIndex) search(q string, private bool, keep func(*model.Student) bool, limit int, by string, desc bool) ([]*model.Student, []int32) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.dirty {
		x.rebuild()
	}
	terms := strings.Fields(model.Fold(q))
	var marks []bool
	if len(terms) > 0 {
		marks = make([]bool, len(x.list))
		first := []byte(terms[0])
		x.pub.hits(first, marks)
		if private {
			x.priv.hits(first, marks)
		}
	}
	order := x.order(by)
	n := len(x.list)
	var out []int32
	for k := 0; k < n; k++ {
		j := k
		if desc {
			j = n - 1 - k
		}
		i := int32(j)
		if order != nil {
			i = order[j]
		}
		if marks != nil && (!marks[i] || !x.matchesRest(int(i), terms[1:], private)) {
			continue
		}
		if !keep(x.list[i]) {
			continue
		}
		out = append(out, i)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return x.list, out
}

// sortKeys are the columns a student list sorts by, each a comparison of two
// records; ties keep key order.
var sortKeys = map[string]func(a, b *model.Student) int{
	"number":         func(a, b *model.Student) int { return strings.Compare(a.Number, b.Number) },
	"name":           func(a, b *model.Student) int { return strings.Compare(a.Name, b.Name) },
	"gender":         func(a, b *model.Student) int { return strings.Compare(a.Gender, b.Gender) },
	"university":     func(a, b *model.Student) int { return strings.Compare(a.University, b.University) },
	"school":         func(a, b *model.Student) int { return strings.Compare(a.School, b.School) },
	"degree":         func(a, b *model.Student) int { return strings.Compare(a.Degree, b.Degree) },
	"enrolment_year": func(a, b *model.Student) int { return a.EnrolmentYear - b.EnrolmentYear },
	"mobile":         func(a, b *model.Student) int { return strings.Compare(a.Mobile, b.Mobile) },
}

// order is the list's positions sorted by column by, made once per change of
// the list (nil: key order).
func (x *studentIndex) order(by string) []int32 {
	cmp, ok := sortKeys[by]
	if !ok {
		return nil
	}
	if o, ok := x.orders[by]; ok {
		return o
	}
	o := make([]int32, len(x.list))
	for i := range o {
		o[i] = int32(i)
	}
	slices.SortStableFunc(o, func(a, b int32) int { return cmp(x.list[a], x.list[b]) })
	if x.orders == nil {
		x.orders = map[string][]int32{}
	}
	x.orders[by] = o
	return o
}

func (x *studentIndex) matchesRest(i int, terms []string, private bool) bool {
	for _, t := range terms {
		b := []byte(t)
		if !bytes.Contains(x.pub.record(i), b) && !(private && bytes.Contains(x.priv.record(i), b)) {
			return false
		}
	}
	return true
}
