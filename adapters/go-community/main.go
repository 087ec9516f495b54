// Command go-community is the conformance testee for github.com/AgoraIO-Community/go-tokenbuilder
// (JSON-lines protocol v1). The module has 007 only (no 006, APaaS, Education or FPA builders).
//
// Default ("exact") mode builds every token on accesstoken2 with the case's fixed salt and clock
// (IssueTs/Salt fields); the builder's service composition is re-stated in the shared protocol
// package. With -builders the module's own public builders are called and declared in
// verify_mode.
package main

import (
	"flag"
	"strconv"

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
	builders := flag.Bool("builders", false, "call the public builders (verify mode)")
	flag.Parse()
	name, notes, ids, verifyMode := "go-community", "exact mode: accesstoken2 with fixed IssueTs/Salt; "+
		"builder composition re-stated in the adapter", exactBuilders, []string{}
	build := buildExact
	if *builders {
		name, notes, build = "go-community-builders", "public builders (time.Now, math/rand): verify mode", buildPublic
		ids = publicBuilderIDs()
		verifyMode = ids
	}
	p.Serve(p.Implementation{
		Hello: map[string]any{
			"op": "hello", "protocol": 1,
			"implementation": map[string]any{
				"name": name, "language": "go", "version": moduleVersion,
				"homepage": "https://github.com/AgoraIO-Community/go-tokenbuilder", "notes": notes,
			},
			"builders": ids, "operations": []string{"build", "decode", "verify"}, "verify_mode": verifyMode,
		},
		Build: build, Decode: decode, Verify: verify,
	})
}

func buildExact(builder string, args p.Args, salt, now *uint32) (string, error) {
	plan, ok, err := p.Compose007(builder, args)
	if !ok {
		return "", p.Unsupported{Message: "builder " + builder + " is not offered by this module"}
	}
	if err != nil {
		return "", err
	}
	g := p.NewGetter(args)
	tok := accesstoken2.NewAccessToken(g.Str("app_id"), g.Str("app_certificate"), plan.Expire)
	if err := g.Err(); err != nil {
		return "", err
	}
	if salt != nil {
		tok.Salt = *salt
	}
	if now != nil {
		tok.IssueTs = *now
	}
	for _, spec := range plan.Services {
		s, err := service(spec)
		if err != nil {
			return "", err
		}
		tok.AddService(s)
	}
	return tok.Build()
}

func service(spec p.ServiceSpec) (accesstoken2.IService, error) {
	var s accesstoken2.IService
	var base *accesstoken2.Service
	switch spec.Type {
	case accesstoken2.ServiceTypeRtc:
		r := accesstoken2.NewServiceRtc(spec.ChannelName, spec.Account)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeRtm:
		r := accesstoken2.NewServiceRtm(spec.UserID)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeStreaming:
		r := accesstoken2.NewServiceStreaming(spec.ChannelName, spec.Account)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeFpa:
		r := accesstoken2.NewServiceFpa()
		s, base = r, r.Service
	case accesstoken2.ServiceTypeChat:
		r := accesstoken2.NewServiceChat(spec.UserID)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeFCdn:
		r := accesstoken2.NewServiceFCdn(spec.ChannelName, spec.Account)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeApaas:
		r := accesstoken2.NewServiceApaas(spec.RoomUUID, spec.UserUUID, spec.Role)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeRtm2:
		perms := accesstoken2.NewRtm2Permissions()
		for _, pm := range spec.Permissions {
			perms.Add(pm.ResourceType, pm.PermissionType, pm.Resources)
		}
		r := accesstoken2.NewServiceRtm2(spec.UserID, perms)
		s, base = r, r.Service
	case accesstoken2.ServiceTypeConvoAI:
		r := accesstoken2.NewServiceConvoAI()
		s, base = r, r.Service
	case accesstoken2.ServiceTypeStt:
		r := accesstoken2.NewServiceStt()
		s, base = r, r.Service
	default:
		return nil, p.Unsupported{Message: "the module has no class for 007 service type " + strconv.Itoa(int(spec.Type))}
	}
	for _, id := range p.SortedTypes(spec.Privileges) {
		base.AddPrivilege(id, spec.Privileges[id])
	}
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
	content, err := p.Inflate007(token)
	if err != nil {
		return nil, err
	}
	sig, _, err := p.Signature007(content)
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
	if req.Now != nil && *req.Now > int64(tok.IssueTs)+int64(tok.Expire) {
		return false, "expired", nil
	}
	return true, "", nil
}
