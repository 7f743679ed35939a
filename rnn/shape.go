package rnn

import (
	"slices"
	"strconv"
	"strings"
)

// formatShape prints a static shape with unknown dimensions as "?", the way
// TensorFlow prints [?,28].
func formatShape(s []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, d := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		if d < 0 {
			b.WriteByte('?')
		} else {
			b.WriteString(strconv.Itoa(d))
		}
	}
	b.WriteByte(']')
	return b.String()
}

// dimsCompatible reports whether two static dimensions can be equal.
func dimsCompatible(a, b int) bool { return a < 0 || b < 0 || a == b }

// shapeKnown reports whether every dimension is known.
func shapeKnown(s []int) bool {
	for _, d := range s {
		if d < 0 {
			return false
		}
	}
	return true
}

// shapeSize returns the number of elements of a known shape.
func shapeSize(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// sameShape reports whether two concrete shapes are equal.
func sameShape(a, b []int) bool { return slices.Equal(a, b) }

// mergeDim returns the more specific of two compatible static dimensions.
func mergeDim(a, b int) int {
	if a < 0 {
		return b
	}
	return a
}

// normAxis converts a possibly negative axis to the range [0, rank).
func normAxis(axis, rank int) (int, bool) {
	if axis < 0 {
		axis += rank
	}
	return axis, axis >= 0 && axis < rank
}

// maxStackRank is the rank up to which ops keep shape scratch on the stack,
// so that running a graph does not allocate for it.
const maxStackRank = 8
