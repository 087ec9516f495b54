// Command go-community is the conformance testee for github.com/AgoraIO-Community/go-tokenbuilder
// (JSON-lines protocol v1). The module has 007 only (no 006, APaaS, Education or FPA builders).
//
// Default ("exact") mode builds every token on accesstoken2 with the case's fixed salt and clock
// (IssueTs/Salt fields); the builder's service composition is re-stated in the shared protocol
// package. With -builders the module's own public builders are called and declared in
// verify_mode.
package main

import (
	"github.com/AgoraIO-Community/go-tokenbuilder/accesstoken2"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

const moduleVersion = "v1.5.0"

var exactBuilders = []string{
	"access_token2.build",
	"rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
	"rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
	"rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
	"rtm2.build_token", "rtm2.build_token_with_permissions",
	"chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
	"apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
	"education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
	"convoai2.build_token", "stt2.build_token",
}

func main() {
	p.Main(p.Adapter{
		Version: moduleVersion, Homepage: "https://github.com/AgoraIO-Community/go-tokenbuilder",
		Exact: p.Mode{Name: "go-community", Notes: "exact mode: accesstoken2 with fixed IssueTs/Salt; " +
			"builder composition re-stated in the adapter", Builders: exactBuilders, Build: buildExact},
		Public: p.Mode{Name: "go-community-builders", Notes: "public builders (time.Now, math/rand): verify mode",
			Builders: publicBuilders.IDs(), VerifyMode: publicBuilders.IDs(), Build: publicBuilders.Build},
		Decode: decode, Verify: verify,
	})
}

func buildExact(builder string, args p.Args, salt, now *uint32) (string, error) {
	plan, ok, err := p.Compose007(builder, args)
	if !ok {
		return "", p.NotOffered(builder)
	}
	if err != nil {
		return "", err
	}
	g := p.NewGetter(args)
	tok := accesstoken2.NewAccessToken(g.Str("app_id"), g.Str("app_certificate"), plan.Expire)
	if err := g.Err(); err != nil {
		return "", err
	}
	return p.Exact007[accesstoken2.IService](tok, &tok.Salt, &tok.IssueTs, plan, salt, now, service)
}

// service maps a ServiceSpec onto the module's service classes (this module has types 1-10).
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
	case accesstoken2.ServiceTypeStreaming:
		s = accesstoken2.NewServiceStreaming(spec.ChannelName, spec.Account)
	case accesstoken2.ServiceTypeFpa:
		s = accesstoken2.NewServiceFpa()
	case accesstoken2.ServiceTypeChat:
		s = accesstoken2.NewServiceChat(spec.UserID)
	case accesstoken2.ServiceTypeFCdn:
		s = accesstoken2.NewServiceFCdn(spec.ChannelName, spec.Account)
	case accesstoken2.ServiceTypeApaas:
		s = accesstoken2.NewServiceApaas(spec.RoomUUID, spec.UserUUID, spec.Role)
	case accesstoken2.ServiceTypeRtm2:
		perms := accesstoken2.NewRtm2Permissions()
		for _, pm := range spec.Permissions {
			perms.Add(pm.ResourceType, pm.PermissionType, pm.Resources)
		}
		s = accesstoken2.NewServiceRtm2(spec.UserID, perms)
	case accesstoken2.ServiceTypeConvoAI:
		s = accesstoken2.NewServiceConvoAI()
	case accesstoken2.ServiceTypeStt:
		s = accesstoken2.NewServiceStt()
	default:
		return nil, p.NoServiceClass(spec.Type, "")
	}
	p.AddPrivileges(s, spec.Privileges)
	return s, nil
}

func decode(token string) (map[string]any, error) {
	if err := p.UnsupportedVersion(token, "006"); err != nil {
		return nil, err
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
	services := []any{}
	for t := uint16(1); t <= 10; t++ { // GetServices keeps token order within a type
		for _, s := range tok.GetServices(t) {
			services = append(services, s)
		}
	}
	return p.Fields007(sig, tok.AppId, tok.IssueTs, tok.Expire, tok.Salt, services), nil
}

func verify(req p.VerifyRequest) (bool, string, error) {
	if err := p.UnsupportedVersion(req.Token, "006"); err != nil {
		return false, "", err
	}
	tok := accesstoken2.CreateAccessToken()
	if ok, err := tok.Parse(req.Token); !ok || err != nil {
		return false, p.Reason(p.Classify007(req.Token, err)), nil
	}
	if ok, _ := tok.VerifySignature(req.AppCertificate); !ok {
		return false, "bad_signature", nil
	}
	if p.Expired(req.Now, int64(tok.IssueTs)+int64(tok.Expire)) {
		return false, "expired", nil
	}
	return true, "", nil
}
