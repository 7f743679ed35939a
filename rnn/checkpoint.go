package rnn

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
)

// checkpointMagic starts every checkpoint file; the digit is the format
// version.
const checkpointMagic = "GORNNCK1"

// A checkpoint file is the magic, a uint32 count of variables, then per
// variable: uint32 name length, the name, uint32 rank, rank uint32
// dimensions and the float32 values; then a CRC-32 (IEEE) of everything
// before it. Integers and floats are little-endian.

// Save writes the values of all the graph's variables to path, like
// tf.train.Saver().save. The file is written next to path under a
// temporary name and renamed into place, so a crash never leaves a
// half-written checkpoint behind.
func (s *Session) Save(path string) error {
	if s == nil || s.g == nil {
		return errors.New("rnn: Save: nil session")
	}
	vars := s.g.Variables()
	s.mu.Lock()
	var buf bytes.Buffer
	buf.WriteString(checkpointMagic)
	le := binary.LittleEndian
	buf.Write(le.AppendUint32(nil, uint32(len(vars))))
	for _, v := range vars {
		st := s.state(v)
		if !st.initialized {
			s.mu.Unlock()
			return fmt.Errorf("rnn: Save %s: variable %s is not initialized", path, v.name)
		}
		buf.Write(le.AppendUint32(nil, uint32(len(v.name))))
		buf.WriteString(v.name)
		buf.Write(le.AppendUint32(nil, uint32(len(v.shape))))
		for _, d := range v.shape {
			buf.Write(le.AppendUint32(nil, uint32(d)))
		}
		b := make([]byte, 4*len(st.val.data))
		for i, x := range st.val.data {
			le.PutUint32(b[4*i:], math.Float32bits(x))
		}
		buf.Write(b)
	}
	s.mu.Unlock()
	buf.Write(le.AppendUint32(nil, crc32.ChecksumIEEE(buf.Bytes())))
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return fmt.Errorf("rnn: Save: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file in path's directory and
// renames it to path.
func writeFileAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Restore sets the graph's variables to the values saved in path, like
// tf.train.Saver().restore; it also counts as initializing them. Every
// variable of the graph must be in the file with the same shape; the file
// may hold others, which are ignored. Nothing changes unless the whole
// file is valid.
func (s *Session) Restore(path string) error {
	if s == nil || s.g == nil {
		return errors.New("rnn: Restore: nil session")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("rnn: Restore: %w", err)
	}
	saved, err := parseCheckpoint(data)
	if err != nil {
		return fmt.Errorf("rnn: Restore %s: %w", path, err)
	}
	vars := s.g.Variables()
	for _, v := range vars {
		t, ok := saved[v.name]
		if !ok {
			return fmt.Errorf("rnn: Restore %s: the checkpoint has no variable %s", path, v.name)
		}
		if !sameShape(t.shape, v.shape) {
			return fmt.Errorf("rnn: Restore %s: variable %s has shape %s in the checkpoint and %s in the graph",
				path, v.name, formatShape(t.shape), formatShape(v.shape))
		}
	}
	for _, v := range vars {
		if err := s.Assign(v, saved[v.name]); err != nil {
			return fmt.Errorf("rnn: Restore %s: %w", path, err)
		}
	}
	return nil
}

// parseCheckpoint decodes a checkpoint file into tensors by name.
func parseCheckpoint(data []byte) (map[string]*Tensor, error) {
	if len(data) < len(checkpointMagic)+8 || string(data[:len(checkpointMagic)]) != checkpointMagic {
		return nil, errors.New("not a checkpoint file (bad magic)")
	}
	le := binary.LittleEndian
	body, sum := data[:len(data)-4], le.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("checksum mismatch: the file is corrupt or truncated")
	}
	r := body[len(checkpointMagic):]
	pos := 0
	u32 := func(what string) (int, error) {
		if len(r)-pos < 4 {
			return 0, fmt.Errorf("truncated at byte %d reading %s", len(checkpointMagic)+pos, what)
		}
		v := le.Uint32(r[pos:])
		pos += 4
		return int(v), nil
	}
	count, err := u32("the variable count")
	if err != nil {
		return nil, err
	}
	out := map[string]*Tensor{}
	for i := 0; i < count; i++ {
		nameLen, err := u32("a name length")
		if err != nil {
			return nil, err
		}
		if nameLen > len(r)-pos {
			return nil, fmt.Errorf("variable %d: name length %d runs past the end", i, nameLen)
		}
		name := string(r[pos : pos+nameLen])
		pos += nameLen
		rank, err := u32("a rank")
		if err != nil {
			return nil, err
		}
		if rank > 32 {
			return nil, fmt.Errorf("variable %s: rank %d is not plausible", name, rank)
		}
		shape := make([]int, rank)
		size := 1
		for k := range shape {
			if shape[k], err = u32("a dimension"); err != nil {
				return nil, err
			}
			if shape[k] > 0 && size > (len(r)-pos)/shape[k] {
				return nil, fmt.Errorf("variable %s: shape %v is larger than the file", name, shape[:k+1])
			}
			size *= shape[k]
		}
		if 4*size > len(r)-pos {
			return nil, fmt.Errorf("variable %s: %d values of shape %v run past the end", name, size, shape)
		}
		t := NewTensor(shape...)
		for k := range t.data {
			t.data[k] = math.Float32frombits(le.Uint32(r[pos+4*k:]))
		}
		pos += 4 * size
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("variable %s appears twice", name)
		}
		out[name] = t
	}
	if pos != len(r) {
		return nil, fmt.Errorf("%d unexpected bytes after the last variable", len(r)-pos)
	}
	return out, nil
}
