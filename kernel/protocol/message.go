package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ErrBadSignature is returned by Decode when a message's signature does not
// match its content. Such a message must be dropped without an answer.
var ErrBadSignature = errors.New("protocol: invalid message signature")

// Message is one Jupyter message, as received from or sent to a front end.
type Message struct {
	// Identities are the ZeroMQ routing prefixes of the sender; replies
	// carry them back unchanged.
	Identities [][]byte
	Header     Header
	// ParentHeader is the header of the request this message answers, or
	// the zero Header.
	ParentHeader Header
	Metadata     map[string]any
	// Content is the message body, kept as raw JSON so that each handler
	// decodes it into its own type.
	Content json.RawMessage
	Buffers [][]byte
	// Received is when the transport read the message (zero for messages
	// built by the kernel).
	Received time.Time
	// Signature is the signature a received message carried, as
	// lower-case hex (empty when signing is off, and for messages built
	// by the kernel), for recognising replays with a DigestHistory.
	// Encode ignores it.
	Signature string
}

// Type returns the message type from the header.
func (m *Message) Type() string { return m.Header.MsgType }

// DecodeContent unmarshals the content into v, naming the message type in
// the error so that a malformed request is easy to trace.
func (m *Message) DecodeContent(v any) error {
	content := m.Content
	if len(content) == 0 {
		content = []byte("{}")
	}
	if err := json.Unmarshal(content, v); err != nil {
		return fmt.Errorf("protocol: %s content: %w", m.Header.MsgType, err)
	}
	return nil
}

// NewReply builds a message of type msgType answering parent: it carries
// parent's identities and header, and content encoded as JSON. Its
// header's session is left empty: the spec makes it the sender's own
// session, not the requester's, and the sender fills it in.
func NewReply(parent *Message, msgType string, content any) (*Message, error) {
	raw, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("protocol: encoding %s content: %w", msgType, err)
	}
	m := &Message{
		Header:   NewHeader(msgType, ""),
		Metadata: map[string]any{},
		Content:  raw,
	}
	if parent != nil {
		m.Identities = parent.Identities
		m.ParentHeader = parent.Header
	}
	return m, nil
}

// Encode returns the wire frames of m, signed with s.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("protocol: encoding header: %w", err)
	}
	parent := []byte("{}")
	if !m.ParentHeader.IsZero() {
		if parent, err = json.Marshal(m.ParentHeader); err != nil {
			return nil, fmt.Errorf("protocol: encoding parent header: %w", err)
		}
	}
	metadata := []byte("{}")
	if len(m.Metadata) > 0 {
		if metadata, err = json.Marshal(m.Metadata); err != nil {
			return nil, fmt.Errorf("protocol: encoding metadata: %w", err)
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(header, parent, metadata, content)),
		header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// Decode parses the wire frames of one message and checks its signature
// with s. It returns ErrBadSignature (possibly wrapped) for a message whose
// signature does not match, and a descriptive error for a malformed one.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if bytes.Equal(f, []byte(Delimiter)) {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, fmt.Errorf("protocol: no %s delimiter among %d frames", Delimiter, len(frames))
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("protocol: %d frames after the delimiter, want at least 5 (signature, header, parent, metadata, content)", len(rest))
	}
	sig, signed := rest[0], rest[1:5]
	if !s.Verify(sig, signed...) {
		return nil, ErrBadSignature
	}
	// Hex digits may come in either case; one spelling per digest keeps
	// a replay in upper case from passing for a new message.
	m := &Message{Identities: cloneFrames(frames[:delim]), Signature: strings.ToLower(string(sig))}
	if err := decodeObject(signed[0], &m.Header, "header"); err != nil {
		return nil, err
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("protocol: header has no msg_type")
	}
	if err := decodeObject(signed[1], &m.ParentHeader, "parent_header"); err != nil {
		return nil, err
	}
	if err := decodeObject(signed[2], &m.Metadata, "metadata"); err != nil {
		return nil, err
	}
	var content map[string]json.RawMessage
	if err := decodeObject(signed[3], &content, "content"); err != nil {
		return nil, err
	}
	m.Content = append(json.RawMessage(nil), signed[3]...)
	if len(rest) > 5 {
		m.Buffers = cloneFrames(rest[5:])
	}
	return m, nil
}

// decodeObject unmarshals a frame that must hold a JSON object.
func decodeObject(frame []byte, v any, what string) error {
	trimmed := bytes.TrimSpace(frame)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("protocol: %s is not a JSON object", what)
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("protocol: %s: %w", what, err)
	}
	return nil
}

func cloneFrames(frames [][]byte) [][]byte {
	out := make([][]byte, len(frames))
	for i, f := range frames {
		out[i] = append([]byte(nil), f...)
	}
	return out
}
