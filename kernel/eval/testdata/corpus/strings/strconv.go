package main

import (
	"fmt"
	"strconv"
)

func main() {
	n, err := strconv.Atoi("1234")
	fmt.Println(n+1, err)
	_, err = strconv.Atoi("12a")
	fmt.Println(err)

	f, _ := strconv.ParseFloat("3.25", 64)
	b, _ := strconv.ParseBool("true")
	i64, _ := strconv.ParseInt("-ff", 16, 64)
	u, err := strconv.ParseUint("300", 10, 8)
	fmt.Println(f*2, b, i64, u, err)

	fmt.Println(strconv.Itoa(99)+"!", strconv.FormatInt(255, 2), strconv.FormatInt(-255, 16))
	fmt.Println(strconv.FormatFloat(1.0/3, 'f', 4, 64), strconv.FormatFloat(1e21, 'g', -1, 64))
	fmt.Println(strconv.Quote("tab\there \"quoted\""), strconv.QuoteRune('☺'), strconv.QuoteToASCII("héllo"))
	s, err := strconv.Unquote(`"a\tb"`)
	fmt.Printf("%q %v\n", s, err)

	buf := []byte("n=")
	buf = strconv.AppendInt(buf, 42, 10)
	buf = append(buf, ' ')
	buf = strconv.AppendBool(buf, false)
	fmt.Println(string(buf))

	for _, in := range []string{"10", "0x1f", "0b101", "0o17", "1_000"} {
		v, err := strconv.ParseInt(in, 0, 64)
		fmt.Println(in, "=", v, err)
	}
	if _, err := strconv.ParseInt("99999999999999999999", 10, 64); err != nil {
		ne := err.(*strconv.NumError)
		fmt.Println(ne.Func, ne.Num, ne.Err == strconv.ErrRange)
	}
}
