// Command upstream-2020-go drives the Go sources of AgoraIO/Tools DynamicKey/AgoraDynamicKey/go at
// e683513 (2020-08, the 006 RtcTokenBuilder era), compiled in place: build.sh generates a go.mod
// whose replace directive points the upstream module path at the directory given to it
// (JSON-lines protocol v1).
//
// The 006 RtcTokenBuilder and RtmTokenBuilder are called as they are; they read time.Now and
// math/rand, so they are declared in verify_mode (the runner re-derives their signature from the
// token's own salt and ts). access_token.build sets the low-level AccessToken's public Salt and Ts
// fields, and the legacy keys take their timestamps as arguments: both are exact.
package main

import (
	p "github.com/agora-token-conformance/adapters/go/protocol"
	"github.com/agora-token-conformance/adapters/upstream-go/at006"
	"github.com/agora-token-conformance/adapters/upstream-go/common"
)

const commit = "e683513"

// source is the upstream src folder this binary was compiled from (set by build.sh).
var source = "?"

func main() {
	mode := p.Mode{
		Name:       "upstream-2020-go",
		Notes:      "compiled from " + source + "; 006 RtcTokenBuilder/RtmTokenBuilder (time.Now, math/rand): verify mode",
		Builders:   append(append(common.Public006.IDs(), "access_token.build"), common.Legacy.IDs()...),
		VerifyMode: common.Public006.IDs(),
		Build:      build,
	}
	p.Main(p.Adapter{
		Version: commit, Homepage: "https://github.com/AgoraIO/Tools/tree/" + commit + "/DynamicKey/AgoraDynamicKey/go",
		Exact: mode, Public: mode, Decode: decode, Verify: verify,
	})
}

func build(builder string, args p.Args, salt, now *uint32) (string, error) {
	if token, ok, err := common.Legacy.Call(builder, args); ok {
		return token, err
	}
	if token, ok, err := common.Public006.Call(builder, args); ok {
		return token, err
	}
	if builder == "access_token.build" {
		token, _, err := at006.Exact(builder, args, salt, now)
		return token, err
	}
	return "", p.NotOffered(builder)
}

// The tree has only the 006 parser (AccessToken.FromString); 007 tokens are unsupported.
func decode(token string) (map[string]any, error) {
	if err := p.UnsupportedVersion(token, "007"); err != nil {
		return nil, err
	}
	return at006.Decode(token)
}

func verify(req p.VerifyRequest) (bool, string, error) {
	if err := p.UnsupportedVersion(req.Token, "007"); err != nil {
		return false, "", err
	}
	return at006.Verify(req)
}
