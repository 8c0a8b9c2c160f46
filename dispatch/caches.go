package dispatch

// DropCaches forgets the in-memory student index and placement list, as a
// fresh start would; the next search rebuilds them. For measuring the first
// search after start.
func (s *Service) DropCaches() {
	s.students.invalidate()
	s.placements.invalidate()
}

// Prefetch loads the student index and the placement list ahead of the first
// search, so that a window can do it in the background while the clerk reads
// the home screen (decoding 100,000 students takes about a second).
func (s *Service) Prefetch() error {
	if _, err := s.studentIndex(); err != nil {
		return err
	}
	_, err := s.allPlacements()
	return err
}
