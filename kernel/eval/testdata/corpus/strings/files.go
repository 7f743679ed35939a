package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type Row struct {
	City string
	Temp float64
}

func writeCSV(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.Write([]string{"city", "temp"}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.Write([]string{r.City, strconv.FormatFloat(r.Temp, 'f', 1, 64)}); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func readCSV(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	var rows []Row
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if i == 0 {
			continue
		}
		t, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		rows = append(rows, Row{rec[0], t})
	}
	return rows, nil
}

func main() {
	dir, err := os.MkdirTemp("", "gornn-corpus-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "temps.csv")
	rows := []Row{{"Oslo", -3.5}, {"Lima", 19.25}, {"Cairo", 28}}
	if err := writeCSV(path, rows); err != nil {
		fmt.Println("write:", err)
	}
	got, err := readCSV(path)
	fmt.Println(got, err, filepath.Base(path), filepath.Ext(path))
	_, err = readCSV(filepath.Join(dir, "missing.csv"))
	fmt.Println(err != nil, os.IsNotExist(err), strings.Contains(err.Error(), "missing.csv"))
	data, _ := os.ReadFile(path)
	fmt.Printf("%q\n", data)
	var buf bytes.Buffer
	buf.WriteString("line one\n")
	fmt.Fprintf(&buf, "line %s\n", "two")
	buf.Write([]byte("line three"))
	sc := bufio.NewScanner(&buf)
	sc.Split(bufio.ScanWords)
	words := 0
	for sc.Scan() {
		words++
	}
	fmt.Println("words:", words)
	b := []byte("hello")
	b[0] = 'H'
	b = append(b, " world"...)
	fmt.Println(string(b), bytes.ToUpper(b)[6:], bytes.Contains(b, []byte("lo w")), len(b), cap(b) >= len(b))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, _ := e.Info()
		fmt.Println(e.Name(), e.IsDir(), info.Size() > 0)
	}
}
