package main

import (
	rtc006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtcTokenBuilder"
	rtm006 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtmTokenBuilder"
	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/apaastokenbuilder"
	chat "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/chatTokenBuilder"
	edu "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/educationtokenbuilder"
	"github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/fpatokenbuilder"
	rtc "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2"
	rtm "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtmtokenbuilder2"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

// publicBuilders calls the module's own builders; they ignore the case's salt and clock.
var publicBuilders = p.API2[rtc.Role]{
	RtcWithUID: rtc.BuildTokenWithUid, RtcWithUserAccount: rtc.BuildTokenWithUserAccount,
	RtcWithUIDAndPrivilege: rtc.BuildTokenWithUidAndPrivilege, RtcWithAccountAndPrivilege: rtc.BuildTokenWithUserAccountAndPrivilege,
	RtcWithRtm: rtc.BuildTokenWithRtm, RtcWithRtm2: rtc.BuildTokenWithRtm2,
	RtmToken: rtm.BuildToken, ChatUserToken: chat.BuildChatUserToken, ChatAppToken: chat.BuildChatAppToken,
}.Builders(p.Builders{
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
})

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
