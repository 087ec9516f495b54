// Command upstream-go drives the Go sources of AgoraIO/Tools DynamicKey/AgoraDynamicKey/go at
// da06bfb (2026), compiled in place: build.sh generates a go.mod whose replace directive points
// the upstream module path at the directory given to it (JSON-lines protocol v1).
//
// Default ("exact") mode builds every token on the tree's low-level types with the case's salt
// and clock (accesstoken2.AccessToken.Salt/IssueTs, AccessToken.Salt/Ts are public fields; the
// public builders read time.Now and math/rand and cannot be seeded); the builders' service
// composition is re-stated by the shared protocol package. With -builders the tree's own public
// builders are called and declared in verify_mode. Decode and verify use accesstoken2's Parse and
// VerifySignature, and AccessToken.FromString for 006.
package main

import (
	"encoding/binary"

	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/accesstoken2"
	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/apaastokenbuilder"
	chat "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/chatTokenBuilder"
	edu "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/educationtokenbuilder"
	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/fpatokenbuilder"
	rtc "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2"
	rtm "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtmtokenbuilder2"
	p "github.com/agora-token-conformance/adapters/go/protocol"
	"github.com/agora-token-conformance/adapters/upstream-go/at006"
	"github.com/agora-token-conformance/adapters/upstream-go/common"
)

const commit = "da06bfb"

// source is the upstream src folder this binary was compiled from (set by build.sh).
var source = "?"

var homepage = "https://github.com/AgoraIO/Tools/tree/" + commit + "/DynamicKey/AgoraDynamicKey/go"

// publicBuilders are the tree's own 007 and 006 builders (time.Now, math/rand: verify mode).
var publicBuilders = p.API2[rtc.Role]{
	RtcWithUID: rtc.BuildTokenWithUid, RtcWithUserAccount: rtc.BuildTokenWithUserAccount,
	RtcWithUIDAndPrivilege: rtc.BuildTokenWithUidAndPrivilege, RtcWithAccountAndPrivilege: rtc.BuildTokenWithUserAccountAndPrivilege,
	RtcWithRtm: rtc.BuildTokenWithRtm, RtcWithRtm2: rtc.BuildTokenWithRtm2,
	RtmToken: rtm.BuildToken, ChatUserToken: chat.BuildChatUserToken, ChatAppToken: chat.BuildChatAppToken,
}.Builders(merge(common.Public006, p.Builders{
	"rtm2.build_token_with_permissions": func(g *p.Getter) (string, error) {
		return rtm.BuildTokenWithPermissions(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"),
			permissions(g.Permissions("permissions")), g.U32("expire"))
	},
	"fpa2.build_token": func(g *p.Getter) (string, error) {
		return fpatokenbuilder.BuildToken(g.Str("app_id"), g.Str("app_certificate"))
	},
	"apaas2.build_room_user_token": func(g *p.Getter) (string, error) {
		return apaastokenbuilder.BuildRoomUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("room_uuid"),
			g.Str("user_uuid"), g.I16("role"), g.U32("expire"))
	},
	"apaas2.build_user_token": func(g *p.Getter) (string, error) {
		return apaastokenbuilder.BuildUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_uuid"), g.U32("expire"))
	},
	"apaas2.build_app_token": func(g *p.Getter) (string, error) {
		return apaastokenbuilder.BuildAppToken(g.Str("app_id"), g.Str("app_certificate"), g.U32("expire"))
	},
	"education2.build_room_user_token": func(g *p.Getter) (string, error) {
		return edu.BuildRoomUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("room_uuid"),
			g.Str("user_uuid"), g.I16("role"), g.U32("expire"))
	},
	"education2.build_user_token": func(g *p.Getter) (string, error) {
		return edu.BuildUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_uuid"), g.U32("expire"))
	},
	"education2.build_app_token": func(g *p.Getter) (string, error) {
		return edu.BuildAppToken(g.Str("app_id"), g.Str("app_certificate"), g.U32("expire"))
	},
}))

// exactBuilders: every public builder id (re-composed on the low-level types) plus the
// low-level 007 and 006 tokens and the legacy keys.
var exactBuilders = append(append(publicBuilders.IDs(), "access_token2.build", "access_token.build"), common.Legacy.IDs()...)

func merge(maps ...p.Builders) p.Builders {
	out := p.Builders{}
	for _, m := range maps {
		for id, fn := range m {
			out[id] = fn
		}
	}
	return out
}

func main() {
	p.Main(p.Adapter{
		Version: commit, Homepage: homepage,
		Exact: p.Mode{Name: "upstream-go", Notes: "compiled from " + source + "; exact mode: low-level accesstoken2/AccessToken " +
			"with fixed IssueTs/Salt/Ts; builder composition re-stated in the adapter",
			Builders: exactBuilders, Build: buildExact},
		Public: p.Mode{Name: "upstream-go-builders", Notes: "compiled from " + source + "; public builders (time.Now, math/rand): verify mode",
			Builders: append(publicBuilders.IDs(), common.Legacy.IDs()...), VerifyMode: publicBuilders.IDs(),
			Build: buildPublic},
		Decode: decode, Verify: verify,
	})
}

func buildPublic(builder string, args p.Args, salt, now *uint32) (string, error) {
	if token, ok, err := common.Legacy.Call(builder, args); ok {
		return token, err
	}
	return publicBuilders.Build(builder, args, salt, now)
}

func buildExact(builder string, args p.Args, salt, now *uint32) (string, error) {
	if token, ok, err := common.Legacy.Call(builder, args); ok {
		return token, err
	}
	if token, ok, err := at006.Exact(builder, args, salt, now); ok {
		return token, err
	}
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

// service maps a ServiceSpec onto the tree's service classes (types 1 to 8).
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
		s = accesstoken2.NewServiceRtm2(spec.UserID, permissions(spec.Permissions))
	default:
		return nil, p.NoServiceClass(spec.Type, " (only 1 to 8)")
	}
	p.AddPrivileges(s, spec.Privileges)
	return s, nil
}

// permissions applies the RTM2 permission entries in order through Rtm2Permissions.Add.
func permissions(list []p.Permission) *accesstoken2.Rtm2Permissions {
	perms := accesstoken2.NewRtm2Permissions()
	for _, e := range list {
		perms.Add(e.ResourceType, e.PermissionType, e.Resources)
	}
	return perms
}

func decode(token string) (map[string]any, error) {
	if err := p.UnsupportedVersion(token); err != nil {
		return nil, err
	}
	if len(token) >= 3 && token[:3] == "006" {
		return at006.Decode(token)
	}
	tok := accesstoken2.CreateAccessToken()
	if ok, err := tok.Parse(token); !ok || err != nil {
		return nil, p.Classify007(token, err)
	}
	sig, err := p.TokenSignature007(token)
	if err != nil {
		return nil, err
	}
	services := make([]any, len(tok.Services))
	for i, s := range tok.Services {
		services[i] = s
	}
	fields := p.Fields007(sig, tok.AppId, tok.IssueTs, tok.Expire, tok.Salt, services)
	if t, ok := unknownType(token, tok); ok {
		fields["unknown_service_type"] = t
	}
	return fields, nil
}

// unknownType: Parse stops quietly at a service type it has no class for and keeps the services
// read so far, without saying which type stopped it. When fewer services were kept than the
// token declares, the stopping type is the u16 that follows the kept services, which are
// re-packed with the tree's own Pack to find where they end.
func unknownType(token string, tok *accesstoken2.AccessToken) (uint16, bool) {
	content, err := p.Inflate007(token)
	if err != nil {
		return 0, false
	}
	_, info, err := p.Signature007(content)
	if err != nil {
		return 0, false
	}
	at := 2 + len(tok.AppId) + 12 // app id, issue_ts, expire, salt
	if len(info) < at+2 || int(binary.LittleEndian.Uint16(info[at:])) <= len(tok.Services) {
		return 0, false
	}
	at += 2
	for _, s := range tok.Services {
		var buf countingWriter
		if s.Pack(&buf) != nil {
			return 0, false
		}
		at += int(buf)
	}
	if len(info) < at+2 {
		return 0, false
	}
	return binary.LittleEndian.Uint16(info[at:]), true
}

type countingWriter int

func (w *countingWriter) Write(b []byte) (int, error) {
	*w += countingWriter(len(b))
	return len(b), nil
}

// verify uses the tree's Parse and VerifySignature.
func verify(req p.VerifyRequest) (bool, string, error) {
	if err := p.UnsupportedVersion(req.Token); err != nil {
		return false, "", err
	}
	if len(req.Token) >= 3 && req.Token[:3] == "006" {
		return at006.Verify(req)
	}
	tok := accesstoken2.CreateAccessToken()
	if ok, err := tok.Parse(req.Token); !ok || err != nil {
		return false, p.Reason(p.Classify007(req.Token, err)), nil
	}
	if ok, err := tok.VerifySignature(req.AppCertificate); !ok || err != nil {
		return false, "bad_signature", nil
	}
	if p.Expired(req.Now, int64(tok.IssueTs)+int64(tok.Expire)) {
		return false, "expired", nil
	}
	return true, "", nil
}
