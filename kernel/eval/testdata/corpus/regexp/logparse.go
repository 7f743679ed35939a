package main

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

const logs = `127.0.0.1 GET /index.html 200 512
10.0.0.5 POST /api/login 401 87
127.0.0.1 GET /about 200 1024
10.0.0.9 GET /missing 404 0
10.0.0.5 POST /api/login 200 95
bad line here`

var lineRE = regexp.MustCompile(`^(\S+) (GET|POST) (\S+) (\d{3}) (\d+)$`)

func main() {
	lines := regexp.MustCompile(`\r?\n`).Split(logs, -1)
	byStatus := map[int]int{}
	bytesByIP := map[string]int{}
	for i, l := range lines {
		m := lineRE.FindStringSubmatch(l)
		if m == nil {
			fmt.Printf("line %d does not parse: %q\n", i+1, l)
			continue
		}
		status, _ := strconv.Atoi(m[4])
		size, _ := strconv.Atoi(m[5])
		byStatus[status]++
		bytesByIP[m[1]] += size
	}
	fmt.Println(byStatus)
	ips := make([]string, 0, len(bytesByIP))
	for ip := range bytesByIP {
		ips = append(ips, ip)
	}
	sort.Strings(ips)
	for _, ip := range ips {
		fmt.Printf("%-10s %5d bytes\n", ip, bytesByIP[ip])
	}
	api := regexp.MustCompile(`^/api/`)
	fmt.Println(api.MatchString("/api/login"), api.MatchString("/about"))
	fmt.Println(regexp.QuoteMeta("1+1=2?"), lineRE.NumSubexp())
}
