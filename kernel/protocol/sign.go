package protocol

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
)

// Signer computes and checks the HMAC signature carried by every message.
// A Signer with an empty key signs nothing and accepts every message, as
// the protocol prescribes for connection files without a key.
type Signer struct {
	newHash func() hash.Hash
	key     []byte
}

// NewSigner returns a Signer for the connection file's signature_scheme and
// key. Supported schemes are hmac-sha256 (the default when scheme is empty),
// hmac-sha512 and hmac-sha1.
func NewSigner(scheme, key string) (*Signer, error) {
	var h func() hash.Hash
	switch scheme {
	case "", "hmac-sha256":
		h = sha256.New
	case "hmac-sha512":
		h = sha512.New
	case "hmac-sha1":
		h = sha1.New
	default:
		return nil, fmt.Errorf("protocol: unsupported signature_scheme %q (want hmac-sha256, hmac-sha512 or hmac-sha1)", scheme)
	}
	return &Signer{newHash: h, key: []byte(key)}, nil
}

// Enabled reports whether messages are signed at all.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the hex signature of the four signed frames (header, parent
// header, metadata and content, in that order), or "" when signing is off.
func (s *Signer) Sign(frames ...[]byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(frames))
}

// Verify reports whether sig is the right signature for frames. The
// comparison takes the same time wherever the first difference is, so a
// client cannot guess a signature byte by byte.
func (s *Signer) Verify(sig []byte, frames ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	want := s.mac(frames)
	got := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(got, sig); err != nil {
		return false
	}
	return hmac.Equal(got, want)
}

func (s *Signer) mac(frames [][]byte) []byte {
	m := hmac.New(s.newHash, s.key)
	for _, f := range frames {
		m.Write(f)
	}
	return m.Sum(nil)
}
