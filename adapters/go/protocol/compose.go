package protocol

import (
	"crypto/md5"
	"encoding/hex"
	"sort"
	"strconv"
)

// Permission is one RTM2 (resource_type, permission_type) -> resources entry.
type Permission struct {
	ResourceType, PermissionType uint16
	Resources                    []string
}

// ServiceSpec describes one 007 service independently of any Go module's types.
type ServiceSpec struct {
	Type                 uint16
	Privileges           map[uint16]uint32
	ChannelName, Account string // RTC, Streaming, FCDN
	UserID               string // RTM, Chat, RTM2
	RoomUUID, UserUUID   string // APaaS
	Role                 int16  // APaaS
	Permissions          []Permission
}

// Plan007 is a 007 token to assemble: its expire and its services in insertion order.
type Plan007 struct {
	Expire   uint32
	Services []ServiceSpec
}

// Plan006 is a 006 token to assemble on the low-level AccessToken.
type Plan006 struct {
	ChannelName, UidText string
	Privileges           map[uint16]uint32
}

func svc(t uint16, privs ...uint32) ServiceSpec {
	m := map[uint16]uint32{}
	for i := 0; i+1 < len(privs); i += 2 {
		m[uint16(privs[i])] = privs[i+1]
	}
	return ServiceSpec{Type: t, Privileges: m, Role: -1}
}

// Compose007 re-composes a documented 007 builder (docs/architecture.md ids) as services, so
// the adapter can build it on the low-level API with the case's fixed salt and clock.
// It returns ok=false for ids that are not 007 builders.
func Compose007(builder string, a Args) (plan Plan007, ok bool, err error) {
	g := &Getter{a: a}
	switch builder {
	case "rtc2.build_token_with_uid", "rtc2.build_token_with_user_account":
		account := g.Account("uid", "account")
		role, p := g.Role2("role"), g.U32or("privilege_expire", 0)
		plan.Expire = g.U32("token_expire")
		plan.Services = []ServiceSpec{rtc(g.Str("channel_name"), account, role, p, p, p, p)}
	case "rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege":
		account := g.Account("uid", "account")
		plan.Expire = g.U32("token_expire")
		s := svc(1, 1, g.U32("join_channel_privilege_expire"), 2, g.U32("pub_audio_privilege_expire"),
			3, g.U32("pub_video_privilege_expire"), 4, g.U32("pub_data_privilege_expire"))
		s.ChannelName, s.Account = g.Str("channel_name"), account
		plan.Services = []ServiceSpec{s}
	case "rtc2.build_token_with_rtm":
		account, role, p := g.Str("account"), g.Role2("role"), g.U32or("privilege_expire", 0)
		plan.Expire = g.U32("token_expire")
		plan.Services = []ServiceSpec{rtc(g.Str("channel_name"), account, role, p, p, p, p), userSvc(2, 1, plan.Expire, account)}
	case "rtc2.build_token_with_rtm2", "convoai2.build_token", "stt2.build_token":
		plan.Expire = g.U32("rtc_token_expire")
		r := rtc(g.Str("channel_name"), g.Str("rtc_account"), g.Role2("rtc_role"),
			g.U32("join_channel_privilege_expire"), g.U32("pub_audio_privilege_expire"),
			g.U32("pub_video_privilege_expire"), g.U32("pub_data_privilege_expire"))
		plan.Services = []ServiceSpec{r, userSvc(2, 1, g.U32("rtm_token_expire"), g.Str("rtm_user_id"))}
		if builder == "convoai2.build_token" {
			plan.Services = append(plan.Services, svc(9))
		} else if builder == "stt2.build_token" {
			plan.Services = append(plan.Services, svc(10))
		}
	case "rtm2.build_token":
		plan.Expire = g.U32("expire")
		plan.Services = []ServiceSpec{userSvc(2, 1, plan.Expire, g.Str("user_id"))}
	case "rtm2.build_token_with_permissions":
		plan.Expire = g.U32("expire")
		s := svc(8, 1, plan.Expire)
		s.UserID, s.Permissions = g.Str("user_id"), g.Permissions("permissions")
		plan.Services = []ServiceSpec{s}
	case "chat2.build_user_token":
		plan.Expire = g.U32("expire")
		plan.Services = []ServiceSpec{userSvc(5, 1, plan.Expire, g.Str("user_id"))}
	case "chat2.build_app_token":
		plan.Expire = g.U32("expire")
		plan.Services = []ServiceSpec{svc(5, 2, plan.Expire)}
	case "fpa2.build_token":
		g.Str("app_id")
		plan.Expire = 86400
		plan.Services = []ServiceSpec{svc(4, 1, 0)}
	case "apaas2.build_room_user_token", "education2.build_room_user_token":
		plan.Expire = g.U32("expire")
		user := g.Str("user_uuid")
		ap := svc(7, 1, plan.Expire)
		ap.RoomUUID, ap.UserUUID, ap.Role = g.Str("room_uuid"), user, g.I16("role")
		sum := md5.Sum([]byte(user))
		plan.Services = []ServiceSpec{ap, userSvc(2, 1, plan.Expire, user),
			userSvc(5, 1, plan.Expire, hex.EncodeToString(sum[:]))}
	case "apaas2.build_user_token", "education2.build_user_token":
		plan.Expire = g.U32("expire")
		s := svc(7, 2, plan.Expire)
		s.UserUUID = g.Str("user_uuid")
		plan.Services = []ServiceSpec{s}
	case "apaas2.build_app_token", "education2.build_app_token":
		plan.Expire = g.U32("expire")
		plan.Services = []ServiceSpec{svc(7, 3, plan.Expire)}
	case "access_token2.build":
		plan.Expire = g.U32("expire")
		plan.Services = g.Services("services")
	default:
		return plan, false, nil
	}
	return plan, true, g.err
}

// userSvc is a service of type t granting privilege until expire to userID (RTM, Chat).
func userSvc(t, privilege uint16, expire uint32, userID string) ServiceSpec {
	s := svc(t, uint32(privilege), expire)
	s.UserID = userID
	return s
}

func rtc(channel, account string, role uint16, join, audio, video, data uint32) ServiceSpec {
	s := svc(1, 1, join)
	if role == 1 {
		s.Privileges[2], s.Privileges[3], s.Privileges[4] = audio, video, data
	}
	s.ChannelName, s.Account = channel, account
	return s
}

// Compose006 re-composes a 006 builder; ts is the case's now + 86400 (docs/architecture.md).
func Compose006(builder string, a Args) (plan Plan006, ok bool, err error) {
	g := &Getter{a: a}
	switch builder {
	case "access_token.build":
		plan.ChannelName, plan.UidText = g.Str("channel_name"), g.UidOrAccount("uid")
		plan.Privileges = g.Privileges("privileges")
	case "rtc.build_token_with_uid", "rtc.build_token_with_user_account":
		plan.ChannelName = g.Str("channel_name")
		plan.UidText = g.Account("uid", "account")
		exp := g.U32("privilege_expired_ts")
		plan.Privileges = map[uint16]uint32{1: exp}
		switch r := g.Str("role"); r {
		case "attendee", "publisher", "admin":
			plan.Privileges[2], plan.Privileges[3], plan.Privileges[4] = exp, exp, exp
		case "subscriber":
		default:
			g.Fail(InvalidInput{"role", "unknown role " + strconv.Quote(r)})
		}
	case "rtm.build_token":
		plan.ChannelName = g.Str("user_account")
		plan.Privileges = map[uint16]uint32{1000: g.U32("privilege_expired_ts")}
	default:
		return plan, false, nil
	}
	return plan, true, g.err
}

// SortedTypes returns the uint16 keys of a map (privilege ids, resource or permission types) in
// ascending order.
func SortedTypes[V any](m map[uint16]V) []uint16 {
	keys := make([]uint16, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
