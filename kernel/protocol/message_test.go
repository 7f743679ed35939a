package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func mustSigner(t testing.TB, scheme, key string) *Signer {
	t.Helper()
	s, err := NewSigner(scheme, key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, key := range []string{"", "secret-key"} {
		s := mustSigner(t, "hmac-sha256", key)
		parent := &Message{
			Identities: [][]byte{[]byte("client-1"), []byte("client-2")},
			Header:     NewHeader("execute_request", "sess"),
		}
		m, err := NewReply(parent, "execute_reply", ExecuteReply{Status: StatusOK, ExecutionCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		m.Buffers = [][]byte{{0, 1, 2}}
		frames, err := Encode(m, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(frames[2]); got != Delimiter {
			t.Fatalf("key %q: frame 2 = %q, want the delimiter", key, got)
		}
		if key == "" && len(frames[3]) != 0 {
			t.Errorf("unsigned message carries signature %q", frames[3])
		}
		got, err := Decode(frames, s)
		if err != nil {
			t.Fatalf("key %q: %v", key, err)
		}
		if len(got.Identities) != 2 || string(got.Identities[1]) != "client-2" {
			t.Errorf("identities = %q", got.Identities)
		}
		if got.Header != m.Header || got.ParentHeader != parent.Header {
			t.Errorf("headers changed: %+v / %+v", got.Header, got.ParentHeader)
		}
		if got.Header.Version != Version {
			t.Errorf("version = %q, want %q", got.Header.Version, Version)
		}
		var reply ExecuteReply
		if err := got.DecodeContent(&reply); err != nil || reply.ExecutionCount != 3 {
			t.Errorf("content = %+v, %v", reply, err)
		}
		if len(got.Buffers) != 1 || !bytes.Equal(got.Buffers[0], []byte{0, 1, 2}) {
			t.Errorf("buffers = %v", got.Buffers)
		}
	}
}

func TestEmptyParentIsEmptyObject(t *testing.T) {
	m, _ := NewReply(nil, "status", Status{ExecutionState: "starting"})
	frames, err := Encode(m, mustSigner(t, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[3]) != "{}" || string(frames[4]) != "{}" {
		t.Errorf("parent = %s, metadata = %s; want {} and {}", frames[3], frames[4])
	}
}

// frames builds raw wire frames, signing them with s.
func frames(s *Signer, header, parent, metadata, content string) [][]byte {
	sig := s.Sign([]byte(header), []byte(parent), []byte(metadata), []byte(content))
	return [][]byte{[]byte("id"), []byte(Delimiter), []byte(sig), []byte(header), []byte(parent), []byte(metadata), []byte(content)}
}

func TestDecodeRejects(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "k")
	good := `{"msg_id":"1","session":"s","username":"u","date":"","msg_type":"kernel_info_request","version":"5.3"}`
	tamper := frames(s, good, "{}", "{}", "{}")
	tamper[6] = []byte(`{"code":"evil"}`)
	badHex := frames(s, good, "{}", "{}", "{}")
	badHex[2] = []byte("zz")
	tests := []struct {
		name   string
		frames [][]byte
		want   string
	}{
		{"no delimiter", [][]byte{[]byte("a"), []byte("b")}, "no <IDS|MSG>"},
		{"too few frames", [][]byte{[]byte(Delimiter), []byte("sig"), []byte("{}")}, "want at least 5"},
		{"tampered content", tamper, "signature"},
		{"signature not hex", badHex, "signature"},
		{"header not JSON", frames(s, "nope", "{}", "{}", "{}"), "header is not a JSON object"},
		{"header array", frames(s, "[1]", "{}", "{}", "{}"), "header is not a JSON object"},
		{"msg_type a number", frames(s, `{"msg_type":3}`, "{}", "{}", "{}"), "header"},
		{"no msg_type", frames(s, `{"msg_id":"x"}`, "{}", "{}", "{}"), "no msg_type"},
		{"parent wrong type", frames(s, good, `{"msg_id":[]}`, "{}", "{}"), "parent_header"},
		{"metadata a string", frames(s, good, "{}", `"x"`, "{}"), "metadata"},
		{"content truncated", frames(s, good, "{}", "{}", `{"code":`), "content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.frames, s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
	if _, err := Decode(tamper, s); !errors.Is(err, ErrBadSignature) {
		t.Errorf("tampered message: %v, want ErrBadSignature", err)
	}
}

func TestSignerSchemes(t *testing.T) {
	tests := []struct {
		scheme  string
		hexLen  int
		wantErr bool
	}{
		{"hmac-sha256", 64, false},
		{"", 64, false},
		{"hmac-sha512", 128, false},
		{"hmac-sha1", 40, false},
		{"hmac-md5", 0, true},
	}
	for _, tt := range tests {
		s, err := NewSigner(tt.scheme, "key")
		if (err != nil) != tt.wantErr {
			t.Fatalf("NewSigner(%q): err = %v", tt.scheme, err)
		}
		if err != nil {
			continue
		}
		sig := s.Sign([]byte("a"), []byte("b"))
		if len(sig) != tt.hexLen {
			t.Errorf("%q: signature length %d, want %d", tt.scheme, len(sig), tt.hexLen)
		}
		if !s.Verify([]byte(sig), []byte("a"), []byte("b")) {
			t.Errorf("%q: own signature rejected", tt.scheme)
		}
		if s.Verify([]byte(sig), []byte("a"), []byte("c")) {
			t.Errorf("%q: signature accepted for other content", tt.scheme)
		}
	}
}

func TestNewID(t *testing.T) {
	a, b := NewID(), NewID()
	if a == b || len(a) != 36 || a[14] != '4' {
		t.Errorf("ids %q %q", a, b)
	}
}

func FuzzDecode(f *testing.F) {
	s := mustSigner(f, "hmac-sha256", "fuzz")
	good := `{"msg_id":"1","session":"s","username":"u","date":"","msg_type":"execute_request","version":"5.3"}`
	for _, fr := range [][][]byte{
		frames(s, good, "{}", "{}", `{"code":"1+1"}`),
		frames(s, "{}", "{}", "{}", "{}"),
	} {
		f.Add(bytes.Join(fr, []byte{0}))
	}
	f.Add([]byte("<IDS|MSG>\x00\x00{}\x00{}\x00{}\x00{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fr := bytes.Split(data, []byte{0})
		for _, signer := range []*Signer{s, mustSigner(t, "", "")} {
			m, err := Decode(fr, signer)
			if err != nil {
				continue
			}
			// Whatever decodes must encode again and decode to the same header.
			out, err := Encode(m, signer)
			if err != nil {
				t.Fatalf("re-encoding a decoded message: %v", err)
			}
			m2, err := Decode(out, signer)
			if err != nil {
				t.Fatalf("decoding a re-encoded message: %v", err)
			}
			if m2.Header != m.Header || !json.Valid(m2.Content) {
				t.Fatalf("header changed on round trip: %+v vs %+v", m2.Header, m.Header)
			}
		}
	})
}
