//go:build !windows

package storage

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"secondment/model"
)

func TestFullDiskIsSaidPlainly(t *testing.T) {
	for _, cause := range []error{
		&os.PathError{Op: "write", Path: "/x/desk.db", Err: syscall.ENOSPC},
		fmt.Errorf("commit: %w", &os.PathError{Op: "truncate", Path: "/x/desk.db", Err: syscall.EDQUOT}),
	} {
		err := mapIO(cause, "/x/desk.db")
		if model.ErrorCode(err) != EDiskFull || !errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EDQUOT) {
			t.Errorf("mapIO(%v) = %v", cause, err)
		}
	}
	refusal := model.Errorf(model.ERule, "quota.full")
	if mapIO(refusal, "") != refusal {
		t.Error("a refusal the rules made was rewritten")
	}
	if model.ErrorCode(mapIO(&os.PathError{Op: "open", Err: os.ErrPermission}, "p")) != EUnreadable {
		t.Error("permission denied not mapped")
	}
}
