package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a day in the calendar, with no time of day and no time zone.
// The zero Date is not a valid day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a day written YYYY-MM-DD. A month or a day that the
// calendar does not have is an error that says so: "day 30 of February
// 2018 does not exist".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		if y, m, d, ok := digits(s, 3); ok {
			if err := noSuchDay(y, m, d, true); err != nil {
				return Date{}, err
			}
		}
		return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD, like 2018-01-31", s)
	}
	return DateOf(t), nil
}

// digits reads s as n numbers (2 or 3) written 2018-02 or 2018-02-30,
// whatever their values.
func digits(s string, n int) (y, m, d int, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) != n || len(parts[0]) != 4 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return 0, 0, 0, false
		}
		x, err := strconv.Atoi(p)
		if err != nil || strings.ContainsAny(p, "+-") {
			return 0, 0, 0, false
		}
		v[i] = x
	}
	return v[0], v[1], v[2], true
}

// noSuchDay returns an error if month m of year y, or day d of that month
// (when withDay), is not in the calendar.
func noSuchDay(y, m, d int, withDay bool) error {
	if m < 1 || m > 12 {
		example := fmt.Sprintf("%04d-12", y)
		if m < 1 {
			example = fmt.Sprintf("%04d-01", y)
		}
		if !withDay {
			return fmt.Errorf("month %d of %d does not exist; write the month as YYYY-MM, such as %s", m, y, example)
		}
		return fmt.Errorf("month %d of %d does not exist; write the date as YYYY-MM-DD, such as %s-01", m, y, example)
	}
	if last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); withDay && (d < 1 || d > last) {
		return fmt.Errorf("day %d of %s %d does not exist; %s %d has %d days", d, time.Month(m), y, time.Month(m), y, last)
	}
	return nil
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
		if y, m, _, ok := digits(s, 2); ok {
			if err := noSuchDay(y, m, 0, false); err != nil {
				return Date{}, Date{}, err
			}
		}
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
