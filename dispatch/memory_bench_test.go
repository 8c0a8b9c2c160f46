package dispatch_test

import (
	"fmt"
	"testing"

	"secondment/dispatch"
	"secondment/internal/heapstat"
)

// BenchmarkStudentMemory is the memory the window holds per student once the
// students are searchable (the in-memory index with its search text), at
// 10,000 and 100,000 students: live heap after a collection, before and after.
func BenchmarkStudentMemory(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			svc, sess, _ := benchDesk(b, n)
			for i := 0; i < b.N; i++ {
				svc.DropCaches()
				before := heapstat.Live()
				if _, err := svc.Students(sess, dispatch.StudentFilter{Q: "张", Limit: 1}); err != nil {
					b.Fatal(err)
				}
				after := heapstat.Live()
				b.ReportMetric(float64(after-before)/float64(n), "B/student")
			}
		})
	}
}
