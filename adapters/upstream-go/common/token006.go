package common

import (
	rtc006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtcTokenBuilder"
	rtm006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtmTokenBuilder"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

// Public006 are the tree's 006 RtcTokenBuilder and RtmTokenBuilder. They read time.Now and
// math/rand (CreateAccessToken), so they run in verify mode.
var Public006 = p.Builders{
	"rtc.build_token_with_uid": func(g *p.Getter) (string, error) {
		return rtc006.BuildTokenWithUID(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.U32("uid"), role006(g), g.U32("privilege_expired_ts"))
	},
	"rtc.build_token_with_user_account": func(g *p.Getter) (string, error) {
		return rtc006.BuildTokenWithUserAccount(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.Str("account"), role006(g), g.U32("privilege_expired_ts"))
	},
	"rtm.build_token": func(g *p.Getter) (string, error) {
		return rtm006.BuildToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_account"),
			rtm006.RoleRtmUser, g.U32("privilege_expired_ts"))
	},
}

func role006(g *p.Getter) rtc006.Role {
	switch r := g.Str("role"); r {
	case "attendee":
		return rtc006.RoleAttendee
	case "publisher":
		return rtc006.RolePublisher
	case "subscriber":
		return rtc006.RoleSubscriber
	case "admin":
		return rtc006.RoleAdmin
	default:
		g.Fail(p.InvalidInput{Field: "role", Message: "unknown role " + r})
	}
	return 0
}
