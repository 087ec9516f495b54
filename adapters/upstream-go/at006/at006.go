// Package at006 drives an upstream tree's low-level 006 AccessToken (present in the 2019, 2020
// and 2026 Go trees with the same API): access_token.build and the role builders re-composed on
// it with the case's salt and clock (its Salt and Ts fields are public), and 006 decode/verify
// through FromString and Build.
package at006

import (
	at006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/AccessToken"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

// Exact builds a 006 token on the low-level AccessToken with the case's salt and clock
// (ts = now + 86400, or the access_token.build "ts" argument); ok is false for other builders.
// The role builders' privilege sets are re-stated by the shared protocol package (Compose006).
func Exact(builder string, args p.Args, salt, now *uint32) (token string, ok bool, err error) {
	plan, ok, err := p.Compose006(builder, args)
	if !ok || err != nil {
		return "", ok, err
	}
	g := p.NewGetter(args)
	tok := at006.CreateAccessToken2(g.Str("app_id"), g.Str("app_certificate"), plan.ChannelName, plan.UidText)
	if err := g.Err(); err != nil {
		return "", true, err
	}
	p.SetIf(&tok.Salt, salt)
	if now != nil {
		tok.Ts = *now + 86400
	}
	if builder == "access_token.build" && args.Has("ts") {
		tok.Ts = g.U32("ts")
	}
	for _, id := range p.SortedTypes(plan.Privileges) {
		tok.AddPrivilege(at006.Privileges(id), plan.Privileges[id])
	}
	token, err = tok.Build()
	return token, true, err
}

// Decode parses a 006 token with AccessToken.FromString.
func Decode(token string) (map[string]any, error) {
	var tok at006.AccessToken
	if len(token) < 35 || !tok.FromString(token) {
		return nil, p.DecodeFailure{Reason: "truncated", Message: "AccessToken.FromString refused the token"}
	}
	return p.Fields006([]byte(tok.Signature), token[3:35], tok.CrcChannelName, tok.CrcUid, tok.Salt, tok.Ts, tok.Message), nil
}

// Verify: the tree has no 006 verify function, so the token's fields (from FromString) are
// re-signed through the tree's own Build with the candidate certificate, channel and uid.
func Verify(req p.VerifyRequest) (bool, string, error) {
	var parsed at006.AccessToken
	if len(req.Token) < 35 || !parsed.FromString(req.Token) {
		return false, "bad_signature", nil
	}
	channel, uid := "", ""
	if req.ChannelName != nil {
		channel = *req.ChannelName
	}
	if req.UID != nil {
		uid = *req.UID
	}
	tok := at006.CreateAccessToken2(req.Token[3:35], req.AppCertificate, channel, uid)
	tok.Salt, tok.Ts, tok.Message = parsed.Salt, parsed.Ts, parsed.Message
	rebuilt, err := tok.Build()
	if err != nil || rebuilt != req.Token {
		return false, "bad_signature", nil
	}
	if p.Expired(req.Now, int64(parsed.Ts)) {
		return false, "expired", nil
	}
	return true, "", nil
}
