package dispatch

import (
	"bytes"
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
type studentIndex struct {
	mu     sync.Mutex
	loaded bool
	dirty  bool            // list changed since the haystacks were built
	list   []model.Student // in key order
	// pub holds what every role may search by (number, name); priv what only the
	// graduate office may (mobile, ID number, e-mail), so masked digits cannot be
	// probed by searching.
	pub, priv haystack
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

// hits marks every record containing term.
func (h *haystack) hits(term []byte, marks []bool) {
	off := 0
	for {
		j := bytes.Index(h.text[off:], term)
		if j < 0 {
			return
		}
		pos := int32(off + j)
		// The record holding pos: the last start at or before it.
		i := sort.Search(len(h.starts)-1, func(k int) bool { return h.starts[k+1] > pos })
		marks[i] = true
		off = int(h.starts[i+1]) // the rest of this record cannot add anything
	}
}

func (x *studentIndex) rebuild() {
	x.pub.reset()
	x.priv.reset()
	for i := range x.list {
		st := &x.list[i]
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
	var list []model.Student
	err := s.store.View(func(tx model.Tx) error {
		list = make([]model.Student, 0, tx.StudentCount())
		return tx.EachStudent(func(st model.Student) error { list = append(list, st); return nil })
	})
	if err != nil {
		return nil, err
	}
	x.list, x.loaded, x.dirty = list, true, true
	return x, nil
}

// upsert records a committed change to one student.
func (x *studentIndex) upsert(st model.Student) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.loaded {
		return
	}
	key := st.Key()
	i := sort.Search(len(x.list), func(i int) bool { return x.list[i].Key() >= key })
	if i < len(x.list) && x.list[i].Key() == key {
		x.list[i] = st
	} else {
		x.list = append(x.list, model.Student{})
		copy(x.list[i+1:], x.list[i:])
		x.list[i] = st
	}
	x.dirty = true
}

// invalidate drops the index after a bulk change; the next search reloads it.
func (x *studentIndex) invalidate() {
	x.mu.Lock()
	x.loaded, x.list = false, nil
	x.mu.Unlock()
}

// search returns copies of the students matching every word of q (in the public
// fields, or also the private ones) that keep accepts, in key order, at most
// limit of them (0: all).
func (x *studentIndex) search(q string, private bool, keep func(*model.Student) bool, limit int) []model.Student {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.dirty {
		x.rebuild()
	}
	terms := strings.Fields(model.Fold(q))
	var out []model.Student
	add := func(i int) bool {
		if keep(&x.list[i]) {
			out = append(out, x.list[i])
		}
		return limit > 0 && len(out) >= limit
	}
	if len(terms) == 0 {
		for i := range x.list {
			if add(i) {
				break
			}
		}
		return out
	}
	marks := make([]bool, len(x.list))
	first := []byte(terms[0])
	x.pub.hits(first, marks)
	if private {
		x.priv.hits(first, marks)
	}
	for i, m := range marks {
		if !m || !x.matchesRest(i, terms[1:], private) {
			continue
		}
		if add(i) {
			break
		}
	}
	return out
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
