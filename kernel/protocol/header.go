package protocol

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Version is the messaging protocol version this kernel speaks.
const Version = "5.3"

// Header identifies one message: who sent it, when, and what type it is.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// IsZero reports whether h is the empty header, which is how a message with
// no parent is written on the wire ({}).
func (h Header) IsZero() bool { return h == Header{} }

// NewHeader returns a header for a new message of type msgType belonging to
// the given session, with a fresh random message id and the current time.
func NewHeader(msgType, session string) Header {
	return Header{
		MsgID:    NewID(),
		Session:  session,
		Username: "kernel",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z"),
		MsgType:  msgType,
		Version:  Version,
	}
}

// NewID returns a random 128-bit identifier in the textual UUID layout
// (version 4), as Jupyter uses for message and session ids.
func NewID() string {
	var b [16]byte
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
