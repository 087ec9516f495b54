// Package common is the part of the upstream Go adapters that the 2020 (e683513) and 2026
// (da06bfb) trees share: the legacy DynamicKey / SignalingToken generators, which take their
// timestamps and random values as arguments, and the 006 RtcTokenBuilder and RtmTokenBuilder.
// The tree is whichever one build.sh's generated go.mod replaces the upstream module path with.
package common

import (
	dk1 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/DynamicKey"
	dk3 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/DynamicKey3"
	dk4 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/DynamicKey4"
	dk5 "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/DynamicKey5"
	signaling "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/SignalingToken"
	p "github.com/agora-token-conformance/adapters/go/protocol"
)

// Legacy are the tree's DynamicKey and SignalingToken generators, called directly in every mode.
var Legacy = p.Builders{
	"dynamic_key1.generate": func(g *p.Getter) (string, error) {
		return dk1.Generate(g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"),
			g.U32("unix_ts"), g.U32("random_int")), nil
	},
	"dynamic_key3.generate": func(g *p.Getter) (string, error) {
		return dk3.Generate(keyArgs(g)), nil
	},
	"dynamic_key4.generate_public_sharing_key": func(g *p.Getter) (string, error) {
		return dk4.GeneratePublicSharingKey(keyArgs(g)), nil
	},
	"dynamic_key4.generate_recording_key": func(g *p.Getter) (string, error) {
		return dk4.GenerateRecordingKey(keyArgs(g)), nil
	},
	"dynamic_key4.generate_media_channel_key": func(g *p.Getter) (string, error) {
		return dk4.GenerateMediaChannelKey(keyArgs(g)), nil
	},
	"dynamic_key5.generate_public_sharing_key": func(g *p.Getter) (string, error) {
		return dk5.GeneratePublicSharingKey(keyArgs(g))
	},
	"dynamic_key5.generate_recording_key": func(g *p.Getter) (string, error) {
		return dk5.GenerateRecordingKey(keyArgs(g))
	},
	"dynamic_key5.generate_media_channel_key": func(g *p.Getter) (string, error) {
		return dk5.GenerateMediaChannelKey(keyArgs(g))
	},
	"dynamic_key5.generate_in_channel_permission_key": func(g *p.Getter) (string, error) {
		a, c, ch, ts, r, uid, exp := keyArgs(g)
		return dk5.GenerateInChannelPermissionKey(a, c, ch, ts, r, uid, exp, g.Str("permission"))
	},
	"signaling_token.generate": func(g *p.Getter) (string, error) {
		return signaling.GenerateSignalingToken(g.Str("account"), g.Str("app_id"),
			g.Str("app_certificate"), g.U32("expired_ts")), nil
	},
}

func keyArgs(g *p.Getter) (string, string, string, uint32, uint32, uint32, uint32) {
	return g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name"), g.U32("unix_ts"),
		g.U32("random_int"), g.U32("uid"), g.U32("expired_ts")
}
