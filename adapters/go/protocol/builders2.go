package protocol

// API2 is the part of the 007 public-builder API that both Go modules have with the same
// signatures (rtctokenbuilder2, rtmtokenbuilder2, chatTokenBuilder), each in its own packages;
// R is the module's rtctokenbuilder2.Role.
type API2[R ~uint16] struct {
	RtcWithUID                 func(appID, cert, channel string, uid uint32, role R, tokenExpire, privilegeExpire uint32) (string, error)
	RtcWithUserAccount         func(appID, cert, channel, account string, role R, tokenExpire, privilegeExpire uint32) (string, error)
	RtcWithUIDAndPrivilege     func(appID, cert, channel string, uid uint32, tokenExpire, join, audio, video, data uint32) (string, error)
	RtcWithAccountAndPrivilege func(appID, cert, channel, account string, tokenExpire, join, audio, video, data uint32) (string, error)
	RtcWithRtm                 func(appID, cert, channel, account string, role R, tokenExpire, privilegeExpire uint32) (string, error)
	RtcWithRtm2                func(appID, cert, channel, rtcAccount string, rtcRole R, rtcTokenExpire, join, audio, video, data uint32, rtmUserID string, rtmTokenExpire uint32) (string, error)
	RtmToken                   func(appID, cert, userID string, expire uint32) (string, error)
	ChatUserToken              func(appID, cert, userID string, expire uint32) (string, error)
	ChatAppToken               func(appID, cert string, expire uint32) (string, error)
}

// Builders maps the builder ids (docs/architecture.md) onto the API's functions, plus extra
// (the module's own builders).
func (m API2[R]) Builders(extra Builders) Builders {
	b := Builders{
		"rtc2.build_token_with_uid": func(g *Getter) (string, error) {
			return m.RtcWithUID(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
				g.U32("uid"), R(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
		},
		"rtc2.build_token_with_user_account": func(g *Getter) (string, error) {
			return m.RtcWithUserAccount(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
				g.Str("account"), R(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
		},
		"rtc2.build_token_with_uid_and_privilege": func(g *Getter) (string, error) {
			return m.RtcWithUIDAndPrivilege(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
				g.U32("uid"), g.U32("token_expire"), g.U32("join_channel_privilege_expire"),
				g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"))
		},
		"rtc2.build_token_with_user_account_and_privilege": func(g *Getter) (string, error) {
			return m.RtcWithAccountAndPrivilege(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
				g.Str("account"), g.U32("token_expire"), g.U32("join_channel_privilege_expire"),
				g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"))
		},
		"rtc2.build_token_with_rtm": func(g *Getter) (string, error) {
			return m.RtcWithRtm(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
				g.Str("account"), R(g.Role2("role")), g.U32("token_expire"), g.U32or("privilege_expire", 0))
		},
		"rtc2.build_token_with_rtm2": func(g *Getter) (string, error) {
			return m.RtcWithRtm2(Rtm2Args[R](g))
		},
		"rtm2.build_token": func(g *Getter) (string, error) {
			return m.RtmToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), g.U32("expire"))
		},
		"chat2.build_user_token": func(g *Getter) (string, error) {
			return m.ChatUserToken(g.Str("app_id"), g.Str("app_certificate"), g.Str("user_id"), g.U32("expire"))
		},
		"chat2.build_app_token": func(g *Getter) (string, error) {
			return m.ChatAppToken(g.Str("app_id"), g.Str("app_certificate"), g.U32("expire"))
		},
	}
	for id, fn := range extra {
		b[id] = fn
	}
	return b
}

// Rtm2Args reads the arguments of rtc2.build_token_with_rtm2 (and of the builders that share
// its signature) in the upstream parameter order.
func Rtm2Args[R ~uint16](g *Getter) (string, string, string, string, R, uint32, uint32, uint32, uint32, uint32, string, uint32) {
	return g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"), g.Str("rtc_account"),
		R(g.Role2("rtc_role")), g.U32("rtc_token_expire"), g.U32("join_channel_privilege_expire"),
		g.U32("pub_audio_privilege_expire"), g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"),
		g.Str("rtm_user_id"), g.U32("rtm_token_expire")
}
