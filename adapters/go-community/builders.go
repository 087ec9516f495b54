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
var publicBuilders = p.API2[rtc.Role]{
	RtcWithUID: rtc.BuildTokenWithUid, RtcWithUserAccount: rtc.BuildTokenWithUserAccount,
	RtcWithUIDAndPrivilege: rtc.BuildTokenWithUidAndPrivilege, RtcWithAccountAndPrivilege: rtc.BuildTokenWithUserAccountAndPrivilege,
	RtcWithRtm: rtc.BuildTokenWithRtm, RtcWithRtm2: rtc.BuildTokenWithRtm2,
	RtmToken: rtm.BuildToken, ChatUserToken: chat.BuildChatUserToken, ChatAppToken: chat.BuildChatAppToken,
}.Builders(p.Builders{
	"convoai2.build_token": func(g *p.Getter) (string, error) {
		return convoaitokenbuilder.BuildToken(p.Rtm2Args[rtc.Role](g))
	},
	"stt2.build_token": func(g *p.Getter) (string, error) {
		return stttokenbuilder.BuildToken(p.Rtm2Args[rtc.Role](g))
	},
	"rtm2.build_token_with_permissions": func(g *p.Getter) (string, error) {
		perms := accesstoken2.NewRtm2Permissions()
		for _, pm := range g.Permissions("permissions") {
			perms.Add(pm.ResourceType, pm.PermissionType, pm.Resources)
		}
		return rtm.BuildTokenWithPermissions(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), perms, g.U32("expire"))
	},
})
