package eval

// Some functions of the interpreter's Go 1.22 source of slices and maps
// cannot run in it, and are declared again here with Go's signatures and
// results (Go 1.26's source, rewritten where the interpreter fails):
//
//   - A generic body that calls the builtin clear, which the interpreter
//     lacks, makes every use of the function fail: "invalid type in
//     assignment", "not a generic type", or a crash of its compiler when
//     nested in a call. Compact, CompactFunc, Delete, DeleteFunc and
//     Replace zero the tail they drop with a loop instead.
//   - Concat instantiates Grow partially (Grow[S]), which crashes the
//     compiler.
//   - Insert and Replace tell whether v shares memory with s through
//     package unsafe, which the interpreter's source stubs out as
//     "never": they copy v first when they move s's elements in place,
//     which gives the result Go's rotations give.
//   - maps.Clone calls a function of the runtime that the interpreter's
//     source stubs out, and panics.
//
// A second declaration of a function in package slices replaces the
// first for the calls compiled after it, which is every call of a cell.
// Calls between these functions are instantiated explicitly, since the
// interpreter cannot infer E from S ~[]E.
const slicesReplacedSource = `package slices

func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:] // bounds check

	m := len(v)
	if m == 0 {
		return s
	}
	n := len(s)
	if i == n {
		return append(s, v...)
	}
	if n+m > cap(s) {
		s2 := append(s[:i], make(S, n+m-i)...)
		copy(s2[i:], v)
		copy(s2[i+m:], s[i:])
		return s2
	}
	v = append([]E(nil), v...)
	s = s[:n+m]
	copy(s[i+m:], s[i:])
	copy(s[i:], v)
	return s
}

func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // bounds check

	if i == j {
		return s
	}
	oldlen := len(s)
	s = append(s[:i], s[j:]...)
	var zero E
	tail := s[len(s):oldlen]
	for k := range tail {
		tail[k] = zero
	}
	return s
}

func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	i := 0
	for i < len(s) && !del(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	var zero E
	for k := i; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i]
}

func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j] // bounds check

	if i == j {
		return Insert[S, E](s, i, v...)
	}
	var zero E
	if j == len(s) {
		s2 := append(s[:i], v...)
		for k := len(s2); k < len(s); k++ {
			s[k] = zero
		}
		return s2
	}
	tot := len(s[:i]) + len(v) + len(s[j:])
	if tot > cap(s) {
		s2 := append(s[:i], make(S, tot-i)...)
		copy(s2[i:], v)
		copy(s2[i+len(v):], s[j:])
		return s2
	}
	v = append([]E(nil), v...)
	r := s[:tot]
	if i+len(v) <= j {
		copy(r[i:], v)
		copy(r[i+len(v):], s[j:])
		for k := tot; k < len(s); k++ {
			s[k] = zero
		}
		return r
	}
	copy(r[i+len(v):], s[j:])
	copy(r[i:], v)
	return r
}

func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	for k := 1; k < len(s); k++ {
		if s[k] == s[k-1] {
			s2 := s[k:]
			for k2 := 1; k2 < len(s2); k2++ {
				if s2[k2] != s2[k2-1] {
					s[k] = s2[k2]
					k++
				}
			}
			var zero E
			for z := k; z < len(s); z++ {
				s[z] = zero
			}
			return s[:k]
		}
	}
	return s
}

func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	for k := 1; k < len(s); k++ {
		if eq(s[k], s[k-1]) {
			s2 := s[k:]
			for k2 := 1; k2 < len(s2); k2++ {
				if !eq(s2[k2], s2[k2-1]) {
					s[k] = s2[k2]
					k++
				}
			}
			var zero E
			for z := k; z < len(s); z++ {
				s[z] = zero
			}
			return s[:k]
		}
	}
	return s
}

func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	var newslice S
	if size > 0 {
		newslice = make(S, 0, size)
	}
	for _, s := range slices {
		newslice = append(newslice, s...)
	}
	return newslice
}
`

// mapsReplacedSource declares maps.Clone again (see
// slicesReplacedSource). A clone of a non-nil map is a non-nil map, and
// NaN keys are copied, as ranging and assigning does.
const mapsReplacedSource = `package maps

func Clone[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return nil
	}
	out := make(M, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
`
