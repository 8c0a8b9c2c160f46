package dispatch

import (
	"errors"
	"strings"

	"secondment/model"
)

// findStudent resolves a student number, with or without its university, inside
// the office user's scope. A number held at two universities needs the university.
func (s *Service) findStudent(tx model.Tx, sess *Session, university, number string) (model.Student, error) {
	number = model.CleanCode(number)
	university = model.Clean(university)
	if university == "" && sess.user.University != "" {
		university = sess.user.University
	}
	if university != "" {
		st, err := tx.Student(university, number)
		if err != nil {
			return st, notFound(err, "student.not_found", number)
		}
		return st, nil
	}
	unis, err := tx.Universities()
	if err != nil {
		return model.Student{}, err
	}
	var found []model.Student
	for _, u := range unis {
		st, err := tx.Student(u.Name, number)
		if err == nil {
			found = append(found, st)
		} else if !errors.Is(err, model.ErrNotFound) {
			return st, err
		}
	}
	switch len(found) {
	case 0:
		return model.Student{}, model.Errorf(model.ENotFound, "student.not_found", number)
	case 1:
		return found[0], nil
	}
	return model.Student{}, model.Invalid("university", "student.ambiguous", number)
}

// canSeeStudent reports whether sess may see the student's record.
func canSeeStudent(tx model.Tx, u model.User, st model.Student) (bool, error) {
	switch u.Role {
	case model.Office:
		return u.CoversUniversity(st.University), nil
	case model.StudentRole:
		return u.IsStudent(st.University, st.Number), nil
	case model.PlatformHR:
		ps, err := tx.PlacementsBy(model.ByStudent, st.Key())
		for _, p := range ps {
			if p.Platform == u.Platform {
				return true, err
			}
		}
		return false, err
	}
	return false, nil
}

// present applies the masking policy, the one place that decides what of a
// student's personal data a user sees (lists, details, exports, rosters):
//   - the graduate office sees everything (within its scope);
//   - a student sees their own record in full;
//   - platform HR, who see only students placed at their platform, see their
//     mobile in full (they must phone them) and the ID number masked;
//   - anyone else sees both masked (the bureau sees no records at all).
//
// The agreement is the exception: see agreementOf.
func present(u model.User, st model.Student) model.Student {
	switch {
	case u.SeesUnmasked():
		return st
	case u.Role == model.PlatformHR, u.IsStudent(st.University, st.Number):
		// The ID number is shown masked to everyone but the graduate office
		// (PRODUCT.md), the student included: their record is read on phones
		// in public places. Their own mobile, and their students', are not.
		st.IDNumber = model.MaskIDNumber(st.IDNumber)
		return st
	}
	return st.Masked()
}

// idHolder returns the key of the student, other than st itself, whose ID
// number is st's, from the loaded index ("" if none, or st has no ID number).
func (x *studentIndex) idHolder(st model.Student) string {
	if st.IDNumber == "" {
		return ""
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	key := st.Key()
	for _, o := range x.list {
		if o.IDNumber == st.IDNumber && o.Key() != key {
			return o.Key()
		}
	}
	return ""
}

// idHolders maps the blind index of every stored ID number (see idKey) to the
// key of its student, read from the records as stored: nothing is decrypted.
// An import builds it once and checks each row with duplicateID.
func (s *Service) idHolders(tx model.Tx) (map[string]string, error) {
	m := map[string]string{}
	err := raw(tx).EachStudent(func(st model.Student) error {
		switch {
		case st.Sealed != nil && st.Sealed.IDTag != "":
			m[st.Sealed.IDTag] = st.Key()
		case st.Sealed == nil && st.IDNumber != "":
			m[s.idKey(st.IDNumber)] = st.Key() // a record not yet encrypted
		}
		return nil
	})
	return m, err
}

// idKey is what idHolders is keyed by: the blind index of an ID number when
// the data key is held (HMAC-SHA256 under a key derived from it), the number
// itself otherwise (only the office imports, and it holds the key).
func (s *Service) idKey(id string) string {
	if s.vault.unlocked() {
		return s.vault.idTag(id)
	}
	return id
}

// duplicateID checks that no student other than st holds st's ID number, given
// holders (see idHolders, plus the rows accepted so far), and records st as
// the holder of its number. It returns the refusal (EConflict
// "student.id_taken", field id_number) naming the other student as far as u's
// scope allows, or nil.
func (s *Service) duplicateID(u model.User, holders map[string]string, st model.Student) *model.Error {
	if st.IDNumber == "" {
		return nil
	}
	k := s.idKey(st.IDNumber)
	if other, ok := holders[k]; ok && other != st.Key() {
		return idTaken(u, other)
	}
	holders[k] = st.Key()
	return nil
}

// idTaken is the refusal of an ID number already held by the student whose key
// is other: it names the student to an account that may see them.
func idTaken(u model.User, other string) *model.Error {
	uni, number, _ := strings.Cut(other, "\x00")
	e := &model.Error{Code: model.EConflict, Field: "id_number", Key: "student.id_taken_elsewhere"}
	if u.CoversUniversity(uni) {
		e.Key, e.Args = "student.id_taken", []any{uni, number}
	}
	return e
}

// Student returns one student's record as the user may see it.
func (s *Service) Student(sess *Session, university, number string) (model.Student, error) {
	if !sess.user.SeesPersonalData() {
		return model.Student{}, forbidden("personal_data")
	}
	var st model.Student
	err := s.store.View(func(tx model.Tx) (err error) {
		if st, err = tx.Student(university, model.CleanCode(number)); err != nil {
			return notFound(err, "student.not_found", number)
		}
		ok, err := canSeeStudent(tx, sess.user, st)
		if err == nil && !ok {
			// As for a number no one has: a guess tells nothing.
			err = model.Errorf(model.ENotFound, "student.not_found", number)
		}
		return err
	})
	return present(sess.user, st), err
}

// checkStudentEdit lets only the office, within its university, write a
// student, and validates the record.
func (s *Service) checkStudentEdit(sess *Session, st *model.Student) error {
	if !sess.user.IsOffice() {
		return forbidden("students")
	}
	if err := st.Normalize(s.today()); err != nil {
		return err
	}
	if !sess.user.CoversUniversity(st.University) {
		return forbidden("university")
	}
	return nil
}

// AddStudent adds one student (graduate office, within its university).
func (s *Service) AddStudent(sess *Session, st model.Student) (model.Student, error) {
	if err := s.checkStudentEdit(sess, &st); err != nil {
		return st, err
	}
	idx, err := s.studentIndex()
	if err != nil {
		return st, err
	}
	err = s.store.Update(func(tx model.Tx) error {
		if _, err := tx.University(st.University); err != nil {
			return notFound(err, "university.not_found", st.University)
		}
		if other := idx.idHolder(st); other != "" {
			return idTaken(sess.user, other)
		}
		if _, err := tx.Student(st.University, st.Number); err == nil {
			return model.Errorf(model.EConflict, "student.exists", st.Number, st.University)
		}
		if err := tx.PutStudent(st); err != nil {
			return err
		}
		return s.audit(tx, sess, "student.create", "student/"+st.University+"/"+st.Number, nil, st)
	})
	if err == nil {
		s.students.upsert(st)
	}
	return st, err
}

// StudentFilter narrows a student list. Q is a fragment of number or name (and,
// for the graduate office, of mobile or ID number); several words must all match.
type StudentFilter struct {
	Q             string
	University    string
	Degree        string
	EnrolmentYear int
	Limit         int // 0: no limit
}

// Students lists the students the user may see that match f, in university and
// number order, masked as the role requires. The bureau sees no personal data.
func (s *Service) Students(sess *Session, f StudentFilter) ([]model.Student, error) {
	v, err := s.StudentView(sess, f, "", false)
	if err != nil {
		return nil, err
	}
	out := make([]model.Student, v.Len())
	for i := range out {
		out[i] = v.At(i)
	}
	return out, nil
}

// StudentView is a student search's result, read a row at a time: a list
// window shows 20 of 100,000 matches without copying the rest. Each row is
// masked as the role requires when it is read.
type StudentView struct {
	list []*model.Student
	hits []int32
	user model.User
}

// Len is the number of students found.
func (v *StudentView) Len() int { return len(v.hits) }

// At is the i-th student found, masked for the user.
func (v *StudentView) At(i int) model.Student { return present(v.user, *v.list[v.hits[i]]) }

// Find is the position of the student with this key, or -1.
func (v *StudentView) Find(key string) int {
	for i, h := range v.hits {
		if v.list[h].Key() == key {
			return i
		}
	}
	return -1
}

// StudentView finds the students the user may see that match f, in the order
// of column by (number, name, gender, university, school, degree,
// enrolment_year, mobile; "" for university and number), reversed when desc.
func (s *Service) StudentView(sess *Session, f StudentFilter, by string, desc bool) (StudentRows, error) {
	u := sess.user
	if !u.SeesPersonalData() {
		return nil, forbidden("personal_data")
	}
	idx, err := s.studentIndex()
	if err != nil {
		return nil, err
	}
	var allowed map[string]bool // nil: every student the university scope allows
	switch u.Role {
	case model.StudentRole:
		allowed = map[string]bool{model.StudentKey(u.University, u.StudentNumber): true}
	case model.PlatformHR:
		allowed = map[string]bool{}
		err := s.store.View(func(tx model.Tx) error {
			ps, err := tx.PlacementsBy(model.ByPlatform, u.Platform)
			for _, p := range ps {
				allowed[p.StudentKey()] = true
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if u.Role == model.Office && u.University != "" {
		if f.University != "" && f.University != u.University {
			return nil, forbidden("university") // a filter never widens a scope
		}
		f.University = u.University
	}
	degree := ""
	if f.Degree != "" {
		degree, _ = model.Degrees.Parse(f.Degree)
	}
	keep := func(st *model.Student) bool {
		return (allowed == nil || allowed[st.Key()]) &&
			(f.University == "" || st.University == f.University) &&
			(degree == "" || st.Degree == degree) &&
			(f.EnrolmentYear == 0 || st.EnrolmentYear == f.EnrolmentYear)
	}
	if by == "mobile" && !u.SeesUnmasked() && u.Role != model.PlatformHR {
		by = "" // an order by masked digits would tell them
	}
	list, hits := idx.search(f.Q, u.SeesUnmasked(), keep, f.Limit, by, desc)
	return &StudentView{list: list, hits: hits, user: u}, nil
}

// CountStudents returns how many students the user may see, without loading
// the search index when the whole file is in scope.
func (s *Service) CountStudents(sess *Session) (int, error) {
	u := sess.user
	if u.Role == model.Office && u.University == "" {
		var n int
		err := s.store.View(func(tx model.Tx) error { n = tx.StudentCount(); return nil })
		return n, err
	}
	ss, err := s.Students(sess, StudentFilter{})
	return len(ss), err
}

// UpdateStudent replaces a student's record (graduate office, within its
// university). The key (university and number) cannot change: a student who
// moved is a new record. Placements keep the name they were made with, except
// open ones, which follow the new name.
func (s *Service) UpdateStudent(sess *Session, st model.Student) (model.Student, error) {
	if err := s.checkStudentEdit(sess, &st); err != nil {
		return st, err
	}
	var renamed []model.Placement
	idx, err := s.studentIndex()
	if err != nil {
		return st, err
	}
	err = s.store.Update(func(tx model.Tx) error {
		old, err := tx.Student(st.University, st.Number)
		if err != nil {
			return notFound(err, "student.not_found", st.Number)
		}
		if old == st {
			return nil
		}
		if other := idx.idHolder(st); other != "" && st.IDNumber != old.IDNumber {
			return idTaken(sess.user, other)
		}
		if err := tx.PutStudent(st); err != nil {
			return err
		}
		if old.Name != st.Name || old.Supervisor != st.Supervisor {
			ps, err := tx.PlacementsBy(model.ByStudent, st.Key())
			if err != nil {
				return err
			}
			for _, p := range ps {
				if model.IsOpen(p.Status) {
					p.StudentName, p.UniSupervisor = st.Name, st.Supervisor
					p.Rev++ // a view of the earlier revision can no longer write (model.CheckRev)
					if err := tx.PutPlacement(p); err != nil {
						return err
					}
					renamed = append(renamed, p)
				}
			}
		}
		return s.audit(tx, sess, "student.update", "student/"+st.University+"/"+st.Number, old, st)
	})
	if err == nil {
		s.students.upsert(st)
		s.placements.put(renamed...)
	}
	return st, err
}
