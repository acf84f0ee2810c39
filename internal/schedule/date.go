package schedule

import (
	"fmt"
	"time"
)

// Date is a day in the calendar, with no time of day and no time zone.
// The zero Date is not a valid day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a day written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD, like 2018-01-31", s)
	}
	return DateOf(t), nil
}

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// parseMonth parses a month written YYYY-MM and returns its first and last day.
func parseMonth(s string) (first, last Date, err error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Date{}, Date{}, fmt.Errorf("%q is not a month written YYYY-MM, like 2018-02", s)
	}
	return DateOf(t), DateOf(t.AddDate(0, 1, -1)), nil
}

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.time().Before(e.time()) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return e.Before(d) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Format formats d with a time.Time layout, such as "January 2, 2006".
func (d Date) Format(layout string) string { return d.time().Format(layout) }

// AddDays returns the day n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.time().AddDate(0, 0, n)) }
