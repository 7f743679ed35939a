package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2023, time.July, 4, 15, 4, 5, 123456789, time.UTC)
	layouts := []string{
		time.RFC3339,
		time.RFC3339Nano,
		time.RFC1123,
		time.Kitchen,
		"2006-01-02 15:04:05",
		"Mon Jan 2 2006",
		"02/01/06 3:04PM",
		"2006-01-02T15:04:05.000Z07:00",
	}
	for _, l := range layouts {
		fmt.Printf("%-32q %s\n", l, t.Format(l))
	}

	parsed, err := time.Parse("2006-01-02 15:04", "2021-12-25 08:30")
	fmt.Println(parsed, err)
	_, err = time.Parse("2006-01-02", "2021-13-01")
	fmt.Println(err)

	zone := time.FixedZone("UTC+2", 2*60*60)
	local := t.In(zone)
	fmt.Println(local.Format(time.RFC3339), local.Hour(), t.Hour())
	y, w := t.ISOWeek()
	fmt.Println("ISO week", y, w, "unix", t.Unix())
	fmt.Println(time.Unix(1700000000, 0).UTC())
}
