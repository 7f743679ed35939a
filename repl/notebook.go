package repl

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Notebook is a Jupyter notebook in nbformat 4. Fields the runner does not
// change (notebook and cell metadata, attachments) are kept as they were
// read.
type Notebook struct {
	Cells         []*Cell         `json:"cells"`
	Metadata      json.RawMessage `json:"metadata"`
	NBFormat      int             `json:"nbformat"`
	NBFormatMinor int             `json:"nbformat_minor"`
}

// Cell is one cell of a notebook.
type Cell struct {
	// ID is the cell's identifier (nbformat 4.5 and later).
	ID string
	// Type is "code", "markdown" or "raw".
	Type string
	// Metadata is kept verbatim.
	Metadata json.RawMessage
	// Source is the cell's text.
	Source string
	// Attachments is kept verbatim (Markdown cells).
	Attachments json.RawMessage
	// Outputs are the outputs of a code cell.
	Outputs []*Output
	// ExecutionCount is the number of the run that produced Outputs; nil
	// for a code cell never run.
	ExecutionCount *int
}

// Output is one output of a code cell: a stream, a display, an execution
// result or an error.
type Output struct {
	// Type is "stream", "display_data", "execute_result" or "error".
	Type string
	// Name is "stdout" or "stderr" for a stream.
	Name string
	// Text is a stream's text.
	Text string
	// Data maps MIME types to content (display_data, execute_result).
	Data map[string]any
	// Metadata goes with Data.
	Metadata map[string]any
	// ExecutionCount is set on an execute_result.
	ExecutionCount int
	// EName, EValue and Traceback describe an error.
	EName, EValue string
	Traceback     []string
}

// ReadNotebook reads and parses the notebook at path.
func ReadNotebook(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("repl: reading notebook: %w", err)
	}
	nb, err := ParseNotebook(b)
	if err != nil {
		return nil, fmt.Errorf("repl: %s: %w", path, err)
	}
	return nb, nil
}

// ParseNotebook parses a notebook in nbformat 4. Cells of nbformat 4.5 and
// later that lack an id get a new one, as the format requires.
func ParseNotebook(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("nbformat %d is not supported (only 4)", nb.NBFormat)
	}
	for i, c := range nb.Cells {
		if c == nil {
			return nil, fmt.Errorf("cell %d is null", i+1)
		}
		switch c.Type {
		case "code", "markdown", "raw":
		default:
			return nil, fmt.Errorf("cell %d: unknown cell_type %q", i+1, c.Type)
		}
		if c.ID == "" && nb.NBFormatMinor >= 5 {
			c.ID = newCellID()
		}
	}
	return &nb, nil
}

// WriteFile writes the notebook to path in the layout Jupyter itself uses
// (one-space indentation, a final newline). It writes a temporary file and
// renames it, so that an interrupted run never leaves half a notebook.
func (nb *Notebook) WriteFile(path string) error {
	b, err := nb.Marshal()
	if err != nil {
		return fmt.Errorf("repl: encoding %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rnnrepl-*.ipynb")
	if err != nil {
		return fmt.Errorf("repl: writing notebook: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("repl: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("repl: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("repl: writing %s: %w", path, err)
	}
	return nil
}

// Marshal encodes the notebook as Jupyter writes it.
func (nb *Notebook) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	// Jupyter writes "<" and "&" as they are; so do we, to keep diffs small.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// MarshalJSON writes the notebook with empty metadata as {}.
func (nb *Notebook) MarshalJSON() ([]byte, error) {
	type plain Notebook
	p := plain(*nb)
	p.Metadata = orEmptyObject(p.Metadata)
	if p.Cells == nil {
		p.Cells = []*Cell{}
	}
	return json.Marshal(p)
}

// cellJSON is a cell as it appears in the file. Source is a string or a
// list of lines there.
type cellJSON struct {
	ID             string          `json:"id,omitempty"`
	Type           string          `json:"cell_type"`
	Metadata       json.RawMessage `json:"metadata"`
	Source         multiline       `json:"source"`
	Attachments    json.RawMessage `json:"attachments,omitempty"`
	Outputs        *[]*Output      `json:"outputs,omitempty"`
	ExecutionCount **int           `json:"execution_count,omitempty"`
}

// UnmarshalJSON reads a cell.
func (c *Cell) UnmarshalJSON(b []byte) error {
	var j struct {
		ID             string          `json:"id"`
		Type           string          `json:"cell_type"`
		Metadata       json.RawMessage `json:"metadata"`
		Source         multiline       `json:"source"`
		Attachments    json.RawMessage `json:"attachments"`
		Outputs        []*Output       `json:"outputs"`
		ExecutionCount *int            `json:"execution_count"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Cell{ID: j.ID, Type: j.Type, Metadata: j.Metadata, Source: string(j.Source),
		Attachments: j.Attachments, Outputs: j.Outputs, ExecutionCount: j.ExecutionCount}
	return nil
}

// MarshalJSON writes a cell; only code cells carry outputs and an
// execution count, which they always carry (null when never run).
func (c *Cell) MarshalJSON() ([]byte, error) {
	j := cellJSON{ID: c.ID, Type: c.Type, Metadata: orEmptyObject(c.Metadata),
		Source: multiline(c.Source), Attachments: c.Attachments}
	if c.Type == "code" {
		outs := c.Outputs
		if outs == nil {
			outs = []*Output{}
		}
		j.Outputs = &outs
		count := c.ExecutionCount
		j.ExecutionCount = &count
	}
	return json.Marshal(j)
}

// outputJSON is an output as it appears in the file.
type outputJSON struct {
	Type           string          `json:"output_type"`
	Name           string          `json:"name,omitempty"`
	Text           *multiline      `json:"text,omitempty"`
	Data           map[string]any  `json:"data,omitempty"`
	Metadata       *map[string]any `json:"metadata,omitempty"`
	ExecutionCount *int            `json:"execution_count,omitempty"`
	EName          string          `json:"ename,omitempty"`
	EValue         *string         `json:"evalue,omitempty"`
	Traceback      *[]string       `json:"traceback,omitempty"`
}

// UnmarshalJSON reads an output.
func (o *Output) UnmarshalJSON(b []byte) error {
	var j struct {
		Type           string         `json:"output_type"`
		Name           string         `json:"name"`
		Text           multiline      `json:"text"`
		Data           map[string]any `json:"data"`
		Metadata       map[string]any `json:"metadata"`
		ExecutionCount *int           `json:"execution_count"`
		EName          string         `json:"ename"`
		EValue         string         `json:"evalue"`
		Traceback      []string       `json:"traceback"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*o = Output{Type: j.Type, Name: j.Name, Text: string(j.Text), Data: j.Data,
		Metadata: j.Metadata, EName: j.EName, EValue: j.EValue, Traceback: j.Traceback}
	for mime, v := range o.Data {
		// Jupyter splits text bundles into lines; join them back.
		if lines, ok := v.([]any); ok && !isJSONMime(mime) {
			var s string
			for _, l := range lines {
				if ls, ok := l.(string); ok {
					s += ls
				}
			}
			o.Data[mime] = s
		}
	}
	if j.ExecutionCount != nil {
		o.ExecutionCount = *j.ExecutionCount
	}
	return nil
}

// MarshalJSON writes the fields the output's type requires, and no others.
func (o *Output) MarshalJSON() ([]byte, error) {
	j := outputJSON{Type: o.Type}
	switch o.Type {
	case "stream":
		j.Name = o.Name
		t := multiline(o.Text)
		j.Text = &t
	case "display_data", "execute_result":
		j.Data = o.Data
		if j.Data == nil {
			j.Data = map[string]any{}
		}
		md := o.Metadata
		if md == nil {
			md = map[string]any{}
		}
		j.Metadata = &md
		if o.Type == "execute_result" {
			n := o.ExecutionCount
			j.ExecutionCount = &n
		}
	case "error":
		j.EName = o.EName
		v := o.EValue
		j.EValue = &v
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		j.Traceback = &tb
	}
	return json.Marshal(j)
}

// isJSONMime says whether mime holds JSON values rather than text.
func isJSONMime(mime string) bool {
	return mime == "application/json" || strings.HasSuffix(mime, "+json")
}

// multiline is text that nbformat stores either as one string or as a
// list of lines; it is written as a list of lines, as Jupyter does.
type multiline string

// UnmarshalJSON accepts a string or a list of strings.
func (m *multiline) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*m = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("text is neither a string nor a list of strings")
	}
	var buf bytes.Buffer
	for _, l := range lines {
		buf.WriteString(l)
	}
	*m = multiline(buf.String())
	return nil
}

// MarshalJSON writes the text as lines, each keeping its newline.
func (m multiline) MarshalJSON() ([]byte, error) {
	return json.Marshal(splitLines(string(m)))
}

// splitLines splits s after each newline; the pieces joined give s back.
func splitLines(s string) []string {
	lines := []string{}
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// orEmptyObject returns raw, or {} when it is empty or null.
func orEmptyObject(raw json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return json.RawMessage("{}")
	}
	return raw
}

// newCellID returns a random cell id in the form nbformat accepts
// (letters and digits, at most 64 of them).
func newCellID() string {
	return strings.ToLower(rand.Text())
}
