package storage

import (
	"fmt"

	"secondment/model"
)

// The annual evaluation's buckets. Keys begin with the year (four digits and a
// NUL), so a year's records are one prefix scan.
var (
	bEvalYears   = []byte("eval_years")
	bEvalSchemes = []byte("eval_schemes")
	bEvalFigures = []byte("eval_figures")
	bEvalResults = []byte("eval_results")
)

func yearPrefix(year int) string { return fmt.Sprintf("%04d\x00", year) }

// evalBucketMissing reports a bucket absent from a file opened read-only that an
// older program wrote (a writable open creates it): it holds nothing yet.
func (t *tx) evalBucketMissing(name []byte) bool {
	return t.btx.Bucket(name) == nil && !t.btx.Writable()
}

func (t *tx) EvalYear(year int) (y model.EvalYear, err error) {
	if t.evalBucketMissing(bEvalYears) {
		return y, model.ErrNotFound
	}
	return y, t.get(bEvalYears, fmt.Sprintf("%04d", year), &y)
}

func (t *tx) PutEvalYear(y model.EvalYear) error {
	return t.put(bEvalYears, fmt.Sprintf("%04d", y.Year), y)
}

func (t *tx) EvalSchemes(year int) ([]model.EvalScheme, error) {
	if t.evalBucketMissing(bEvalSchemes) {
		return nil, nil
	}
	return collect[model.EvalScheme](t, bEvalSchemes, yearPrefix(year))
}

func (t *tx) PutEvalScheme(s model.EvalScheme) error { return t.put(bEvalSchemes, s.Key(), s) }

func (t *tx) DeleteEvalSchemes(year int) error { return t.deletePrefix(bEvalSchemes, yearPrefix(year)) }

func (t *tx) EvalFigure(year int, platform, code string) (f model.EvalFigure, err error) {
	if t.evalBucketMissing(bEvalFigures) {
		return f, model.ErrNotFound
	}
	return f, t.get(bEvalFigures, model.FigureKey(year, platform, code), &f)
}

func (t *tx) EvalFigures(year int) ([]model.EvalFigure, error) {
	if t.evalBucketMissing(bEvalFigures) {
		return nil, nil
	}
	return collect[model.EvalFigure](t, bEvalFigures, yearPrefix(year))
}

func (t *tx) PutEvalFigure(f model.EvalFigure) error {
	return t.put(bEvalFigures, model.FigureKey(f.Year, f.Platform, f.Code), f)
}

func (t *tx) EvalResult(year int, platform string) (r model.EvalResult, err error) {
	if t.evalBucketMissing(bEvalResults) {
		return r, model.ErrNotFound
	}
	return r, t.get(bEvalResults, model.ResultKey(year, platform), &r)
}

func (t *tx) EvalResults(year int) ([]model.EvalResult, error) {
	if t.evalBucketMissing(bEvalResults) {
		return nil, nil
	}
	return collect[model.EvalResult](t, bEvalResults, yearPrefix(year))
}

func (t *tx) PutEvalResult(r model.EvalResult) error {
	return t.put(bEvalResults, model.ResultKey(r.Year, r.Platform), r)
}

func (t *tx) DeleteEvalResults(year int) error { return t.deletePrefix(bEvalResults, yearPrefix(year)) }

// deletePrefix removes every key of a bucket under prefix.
func (t *tx) deletePrefix(bucket []byte, prefix string) error {
	b := t.bucket(bucket)
	p := []byte(prefix)
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(p); k != nil && hasPrefix(k, p); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
