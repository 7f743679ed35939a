package main

import (
	"fmt"
	"math"
	"strings"
)

type Vec [3]float64

func (v Vec) Add(w Vec) Vec       { return Vec{v[0] + w[0], v[1] + w[1], v[2] + w[2]} }
func (v Vec) Scale(k float64) Vec { return Vec{v[0] * k, v[1] * k, v[2] * k} }
func (v Vec) Dot(w Vec) float64   { return v[0]*w[0] + v[1]*w[1] + v[2]*w[2] }
func (v Vec) Norm() float64       { return math.Sqrt(v.Dot(v)) }

type Matrix struct {
	rows, cols int
	data       []float64
}

func NewMatrix(r, c int, vals ...float64) *Matrix {
	m := &Matrix{r, c, make([]float64, r*c)}
	copy(m.data, vals)
	return m
}

func (m *Matrix) At(i, j int) float64     { return m.data[i*m.cols+j] }
func (m *Matrix) Set(i, j int, v float64) { m.data[i*m.cols+j] = v }

func (m *Matrix) Mul(o *Matrix) (*Matrix, error) {
	if m.cols != o.rows {
		return nil, fmt.Errorf("shape mismatch: %dx%d * %dx%d", m.rows, m.cols, o.rows, o.cols)
	}
	out := NewMatrix(m.rows, o.cols)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < o.cols; j++ {
			var s float64
			for k := 0; k < m.cols; k++ {
				s += m.At(i, k) * o.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out, nil
}

func (m *Matrix) T() *Matrix {
	t := NewMatrix(m.cols, m.rows)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			t.Set(j, i, m.At(i, j))
		}
	}
	return t
}

func (m *Matrix) String() string {
	var b strings.Builder
	for i := 0; i < m.rows; i++ {
		row := make([]string, m.cols)
		for j := range row {
			row[j] = fmt.Sprintf("%5.1f", m.At(i, j))
		}
		b.WriteString("[" + strings.Join(row, " ") + "]\n")
	}
	return b.String()
}

func main() {
	a := Vec{1, 2, 3}
	b := Vec{4, 5, 6}
	c := a
	c[0] = 100
	fmt.Println(a, c, a.Add(b), a.Scale(2), a.Dot(b))
	fmt.Printf("%.4f %v\n", b.Norm(), a == Vec{1, 2, 3})
	vs := []Vec{a, b}
	for i := range vs {
		vs[i] = vs[i].Scale(-1)
	}
	fmt.Println(vs, a)
	m := NewMatrix(2, 3, 1, 2, 3, 4, 5, 6)
	fmt.Print(m)
	p, err := m.Mul(m.T())
	fmt.Print(p, err, "\n")
	_, err = m.Mul(m)
	fmt.Println("error:", err)
	grid := [3][3]int{}
	for i := range grid {
		for j := range grid[i] {
			grid[i][j] = i * j
		}
	}
	g2 := grid
	g2[2][2] = -1
	fmt.Println(grid, g2[2])
	type pt struct{ x, y int }
	seen := map[pt]bool{{1, 2}: true}
	fmt.Println(seen[pt{1, 2}], seen[pt{2, 1}])
}
