package dispatch_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"secondment/demo"
	"secondment/dispatch"
	"secondment/model"
	"secondment/storage"
)

// BenchmarkLogin is the cost of a login with the production argon2id
// parameters: an office login verifies the password and unwraps the data key
// (two argon2id derivations), an HR login only verifies. Each login is a new
// Service, as a new command-line process would be.
func BenchmarkLogin(b *testing.B) {
	path := filepath.Join(b.TempDir(), "login.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := dispatch.New(db)
	sess, err := svc.Bootstrap("admin", "good-pass-1", "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.AddPlatform(sess, model.Platform{Name: "瓯江实验室", Kind: "重点实验室", Level: "省级", Host: "温州医科大学", LegalType: "事业单位"}); err != nil {
		b.Fatal(err)
	}
	if _, err := svc.AddUser(sess, dispatch.NewUser{Name: "hr1", Password: "good-pass-1", Role: model.PlatformHR, Platform: "瓯江实验室"}); err != nil {
		b.Fatal(err)
	}
	for _, who := range []string{"admin", "hr1"} {
		b.Run(who, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s := dispatch.New(db)
				if _, err := s.Login(who, "good-pass-1"); err != nil {
					b.Fatal(err)
				}
				if s.Unlocked() != (who == "admin") {
					b.Fatalf("%s: unlocked %v", who, s.Unlocked())
				}
			}
		})
	}
}

// BenchmarkIndexLoad is the first search after an office login: loading n
// students into the search index, with their ID numbers and mobiles decrypted
// (sealed), beside the same students stored plain (as before encryption) in
// the same run.
func BenchmarkIndexLoad(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		ds := demo.Generate(n, 1, benchToday)
		ds.Users = nil
		files := map[string]string{}
		for _, kind := range []string{"sealed", "plain"} {
			path := filepath.Join(b.TempDir(), kind+".db")
			db, err := storage.Open(path, storage.Options{NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			svc := dispatch.New(db)
			svc.Now = func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
			sess, err := svc.Bootstrap("admin", "good-pass-1", "")
			if err != nil {
				b.Fatal(err)
			}
			if kind == "sealed" {
				_, err = svc.LoadDataset(sess, ds, "bench")
			} else {
				err = db.Bulk(func(tx model.Tx) error { // as an older version stored them
					for _, u := range ds.Universities {
						tx.PutUniversity(u)
					}
					for _, st := range ds.Students {
						st.Normalize(benchToday)
						if err := tx.PutStudent(st); err != nil {
							return err
						}
					}
					return nil
				})
			}
			if err != nil {
				b.Fatal(err)
			}
			db.Close()
			files[kind] = path
		}
		for _, kind := range []string{"plain", "sealed"} {
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				db, err := storage.Open(files[kind], storage.Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					svc := dispatch.New(db)
					svc.Now = func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
					sess, err := svc.Login("admin", "good-pass-1")
					if err != nil || !svc.Unlocked() {
						b.Fatal(err)
					}
					b.StartTimer()
					got, err := svc.Students(sess, dispatch.StudentFilter{Q: "13", Limit: 1})
					if err != nil || len(got) != 1 || got[0].Mobile[3] == '*' {
						b.Fatalf("%v %v", got, err)
					}
				}
			})
		}
	}
}
