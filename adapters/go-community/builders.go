package main

import (
	"github.com/AgoraIO-Community/go-tokenbuilder/accesstoken2"
	chat "github.com/AgoraIO-Community/go-tokenbuilder/chatTokenBuilder"
	"github.com/AgoraIO-Community/go-tokenbuilder/convoaitokenbuilder"
	rtc "github.com/AgoraIO-Community/go-tokenbuilder/rtctokenbuilder2"
	rtm "github.com/AgoraIO-Community/go-tokenbuilder/rtmtokenbuilder2"
	"github.com/AgoraIO-Community/go-tokenbuilder/stttokenbuilder"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

// publicBuilders calls the module's own builders; they ignore the case's salt and clock.
var publicBuilders = p.Builders{
	"rtc2.build_token_with_uid": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithUid(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.U32("uid"), rtc.Role(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
	},
	"rtc2.build_token_with_user_account": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithUserAccount(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.Str("account"), rtc.Role(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
	},
	"rtc2.build_token_with_uid_and_privilege": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithUidAndPrivilege(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.U32("uid"), g.U32("token_expire"), g.U32("join_channel_privilege_expire"),
			g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"))
	},
	"rtc2.build_token_with_user_account_and_privilege": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithUserAccountAndPrivilege(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.Str("account"), g.U32("token_expire"), g.U32("join_channel_privilege_expire"),
			g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"))
	},
	"rtc2.build_token_with_rtm": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithRtm(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.Str("account"), rtc.Role(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
	},
	"rtc2.build_token_with_rtm2": func(g *p.Getter) (string, error) {
		return rtc.BuildTokenWithRtm2(rtm2Args(g))
	},
	"convoai2.build_token": func(g *p.Getter) (string, error) {
		return convoaitokenbuilder.BuildToken(rtm2Args(g))
	},
	"stt2.build_token": func(g *p.Getter) (string, error) {
		return stttokenbuilder.BuildToken(rtm2Args(g))
	},
	"rtm2.build_token": func(g *p.Getter) (string, error) {
		return rtm.BuildToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), g.U32("expire"))
	},
	"rtm2.build_token_with_permissions": func(g *p.Getter) (string, error) {
		perms := accesstoken2.NewRtm2Permissions()
		for _, pm := range g.Permissions("permissions") {
			perms.Add(pm.ResourceType, pm.PermissionType, pm.Resources)
		}
		return rtm.BuildTokenWithPermissions(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), perms, g.U32("expire"))
	},
	"chat2.build_user_token": func(g *p.Getter) (string, error) {
		return chat.BuildChatUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), g.U32("expire"))
	},
	"chat2.build_app_token": func(g *p.Getter) (string, error) {
		return chat.BuildChatAppToken(g.Str("app_id"), g.Str("app_certificate"), g.U32("expire"))
	},
}

func rtm2Args(g *p.Getter) (string, string, string, string, rtc.Role, uint32, uint32, uint32, uint32, uint32, string, uint32) {
	return g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"), g.Str("rtc_account"),
		rtc.Role(g.Role2("rtc_role")), g.U32("rtc_token_expire"), g.U32("join_channel_privilege_expire"),
		g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"),
		g.Str("rtm_user_id"), g.U32("rtm_token_expire")
}
