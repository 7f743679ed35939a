package protocol_test

import (
	"fmt"

	"github.com/gornn/gornn/kernel/protocol"
)

// A request is decoded from its wire frames, answered with a reply that
// carries its routing identity and header, and encoded again.
func ExampleDecode() {
	signer, _ := protocol.NewSigner("hmac-sha256", "secret")
	req := &protocol.Message{
		Identities: [][]byte{[]byte("client-1")},
		Header:     protocol.NewHeader("kernel_info_request", "session-1"),
		Content:    []byte(`{}`),
	}
	frames, _ := protocol.Encode(req, signer) // as a front end would send it

	got, err := protocol.Decode(frames, signer)
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, _ := protocol.NewReply(got, "kernel_info_reply", protocol.InterruptReply{Status: protocol.StatusOK})
	fmt.Println(got.Type(), string(reply.Identities[0]), reply.ParentHeader.MsgType, reply.Header.Version)

	// A message signed with another key is refused.
	other, _ := protocol.NewSigner("hmac-sha256", "guess")
	forged, _ := protocol.Encode(req, other)
	_, err = protocol.Decode(forged, signer)
	fmt.Println(err)
	// Output:
	// kernel_info_request client-1 kernel_info_request 5.3
	// protocol: invalid message signature
}
