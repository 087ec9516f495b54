// Command go-upstream is the conformance testee for the upstream Go module
// github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src (JSON-lines protocol v1).
//
// Default ("exact") mode builds every token on the module's low-level types with the case's
// fixed salt and clock (the public builders read time.Now and math/rand and cannot be seeded);
// the builder's service composition is re-stated in the shared protocol package. With
// -builders the module's own public builders are called and every builder is declared in
// verify_mode, so the suite checks the real builder code by decoding and re-signing.
package main

import (
	at006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/AccessToken"
	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/accesstoken2"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

const moduleVersion = "v0.0.0-20250825033728-374cd21f5220"

var exactBuilders = []string{
	"access_token2.build",
	"rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
	"rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
	"rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
	"rtm2.build_token", "chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
	"apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
	"education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
	"access_token.build", "rtc.build_token_with_uid", "rtc.build_token_with_user_account",
	"rtm.build_token",
	"dynamic_key1.generate", "dynamic_key3.generate",
	"dynamic_key4.generate_public_sharing_key", "dynamic_key4.generate_recording_key",
	"dynamic_key4.generate_media_channel_key",
	"dynamic_key5.generate_public_sharing_key", "dynamic_key5.generate_recording_key",
	"dynamic_key5.generate_media_channel_key", "dynamic_key5.generate_in_channel_permission_key",
	"signaling_token.generate",
}

func main() {
	p.Main(p.Adapter{
		Version: moduleVersion, Homepage: "https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/go",
		Exact: p.Mode{Name: "go-upstream", Notes: "exact mode: low-level AccessToken/accesstoken2 " +
			"with fixed IssueTs/Salt/Ts; builder composition re-stated in the adapter",
			Builders: exactBuilders, Build: buildExact},
		Public: p.Mode{Name: "go-upstream-builders", Notes: "public builders (time.Now, math/rand): verify mode",
			Builders: publicBuilders.IDs(), VerifyMode: publicBuilders.IDs(), Build: publicBuilders.Build},
		Decode: decode, Verify: verify,
	})
}

func buildExact(builder string, args p.Args, salt, now *uint32) (string, error) {
	if token, ok, err := legacyBuilders.Call(builder, args); ok {
		return token, err
	}
	if plan, ok, err := p.Compose007(builder, args); ok {
		if err != nil {
			return "", err
		}
		return build007(p.NewGetter(args), plan, salt, now)
	}
	if plan, ok, err := p.Compose006(builder, args); ok {
		if err != nil {
			return "", err
		}
		g := p.NewGetter(args)
		tok := at006.CreateAccessToken2(g.Str("app_id"), g.Str("app_certificate"), plan.ChannelName, plan.UidText)
		if err := g.Err(); err != nil {
			return "", err
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
		return tok.Build()
	}
	return "", p.NotOffered(builder)
}

// build007: the module keys services by type, so a repeated type replaces the earlier one.
func build007(g *p.Getter, plan p.Plan007, salt, now *uint32) (string, error) {
	tok := accesstoken2.NewAccessToken(g.Str("app_id"), g.Str("app_certificate"), plan.Expire)
	if err := g.Err(); err != nil {
		return "", err
	}
	return p.Exact007[accesstoken2.IService](tok, &tok.Salt, &tok.IssueTs, plan, salt, now, service)
}

// service maps a ServiceSpec onto the module's service classes (this module has types 1, 2, 4, 5, 7).
func service(spec p.ServiceSpec) (accesstoken2.IService, error) {
	var s interface {
		accesstoken2.IService
		AddPrivilege(uint16, uint32)
	}
	switch spec.Type {
	case accesstoken2.ServiceTypeRtc:
		s = accesstoken2.NewServiceRtc(spec.ChannelName, spec.Account)
	case accesstoken2.ServiceTypeRtm:
		s = accesstoken2.NewServiceRtm(spec.UserID)
	case accesstoken2.ServiceTypeFpa:
		s = accesstoken2.NewServiceFpa()
	case accesstoken2.ServiceTypeChat:
		s = accesstoken2.NewServiceChat(spec.UserID)
	case accesstoken2.ServiceTypeApaas:
		s = accesstoken2.NewServiceApaas(spec.RoomUUID, spec.UserUUID, spec.Role)
	default:
		return nil, p.NoServiceClass(spec.Type, " (only 1, 2, 4, 5, 7)")
	}
	p.AddPrivileges(s, spec.Privileges)
	return s, nil
}

func decode(token string) (map[string]any, error) {
	if err := p.UnsupportedVersion(token); err != nil {
		return nil, err
	}
	if len(token) >= 3 && token[:3] == "006" {
		return decode006(token)
	}
	tok := accesstoken2.CreateAccessToken()
	ok, err := tok.Parse(token)
	if !ok || err != nil {
		return nil, p.Classify007(token, err)
	}
	sig, err := p.TokenSignature007(token)
	if err != nil {
		return nil, err
	}
	// Services live in a map keyed by type; Build packs them in this fixed order.
	services := []any{}
	for _, t := range []uint16{1, 2, 4, 5, 7} {
		if s, ok := tok.Services[t]; ok {
			services = append(services, s)
		}
	}
	return p.Fields007(sig, tok.AppId, tok.IssueTs, tok.Expire, tok.Salt, services), nil
}

func decode006(token string) (map[string]any, error) {
	var tok at006.AccessToken
	if len(token) < 35 || !tok.FromString(token) {
		return nil, p.DecodeFailure{Reason: "truncated", Message: "AccessToken.FromString refused the token"}
	}
	return p.Fields006([]byte(tok.Signature), token[3:35], tok.CrcChannelName, tok.CrcUid, tok.Salt, tok.Ts, tok.Message), nil
}

// verify: the module has no verify function, so the token is re-signed through the module's own
// Build with the candidate certificate (fields from its Parse/FromString) and compared.
func verify(req p.VerifyRequest) (bool, string, error) {
	if err := p.UnsupportedVersion(req.Token); err != nil {
		return false, "", err
	}
	if len(req.Token) >= 3 && req.Token[:3] == "006" {
		return verify006(req)
	}
	tok := accesstoken2.CreateAccessToken()
	if ok, err := tok.Parse(req.Token); !ok || err != nil {
		return false, p.Reason(p.Classify007(req.Token, err)), nil
	}
	sig, err := p.TokenSignature007(req.Token)
	if err != nil {
		return false, "bad_signature", nil
	}
	tok.AppCert = req.AppCertificate
	rebuilt, err := tok.Build()
	if err != nil {
		return false, "bad_signature", nil
	}
	sig2, _ := p.TokenSignature007(rebuilt)
	if string(sig) != string(sig2) {
		return false, "bad_signature", nil
	}
	if p.Expired(req.Now, int64(tok.IssueTs)+int64(tok.Expire)) {
		return false, "expired", nil
	}
	return true, "", nil
}

func verify006(req p.VerifyRequest) (bool, string, error) {
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
